"""ca.apportion_expenses: how the parents share additional child support expenses.

Cal. Fam. Code 4061:
  "(a) ... the expenses shall be divided one-half to each parent, unless either
   parent requests a different apportionment pursuant to subdivision (b) ...
   (b)(2) Any additional child support required for expenses pursuant to
   Section 4062 shall thereafter be ordered to be paid by the parents in
   proportion to their net disposable incomes as adjusted pursuant to
   subdivisions (c) and (d).
   (c) ... the gross income of the parent paying spousal support shall be
   decreased by the amount of the spousal support paid and the gross income of
   the parent receiving the spousal support shall be increased by the amount
   of the spousal support received ...
   (d) ... the net disposable income of the parent paying child support shall
   be reduced by the amount of any basic child support ordered to be paid ...
   However, the net disposable income of the parent receiving child support
   shall not be increased by any amount of child support received."

The facts give each parent's net disposable income before spousal support, and
the adjustments of (c) and (d) are applied to it. Parent A's share is the
amount times A's proportion, rounded half up to the cent in exact whole-cent
arithmetic; parent B pays the rest, so the shares always sum to the amount.
A negative adjusted income, or no income at all to divide by, is refused.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, NamedTuple

from ..base import FactsModel, Money, Outcome, Refused, Step, half_up, money, step_args, step_json
from ..registry import rule

RULE_ID = "ca.apportion_expenses"
REFERENCE = (
    "Cal. Fam. Code 4061(a)",
    "Cal. Fam. Code 4061(b)(2)",
    "Cal. Fam. Code 4061(c)",
    "Cal. Fam. Code 4061(d)",
)

Parent = Literal["parent_a", "parent_b"]


class Incomes(FactsModel):
    parent_a: Money
    parent_b: Money


class SupportPaid(FactsModel):
    paid_by: Parent
    monthly: Money


class ApportionFacts(FactsModel):
    amount: Money
    method: Literal["half", "income"]
    net_disposable_income: Incomes | None = None
    spousal_support: SupportPaid | None = None
    basic_child_support: SupportPaid | None = None


# The working, one typed step kind per line shape. --------------------------------------------------------------

class SupportAdjustment(NamedTuple):
    """``spousal_support`` (4061(c): the payer's income down, the recipient's up) and ``child_support``
    (4061(d): the payer's income down); ``value`` is both adjusted incomes, A / B."""

    code: Literal["spousal_support", "child_support"]
    expression: str
    value: str
    paid_by: Parent
    monthly: Decimal
    as_json = step_json
    args = step_args


class HalfStep(NamedTuple):
    """``half``: parent A's half, rounded half up (4061(a))."""

    code: Literal["half"]
    expression: str
    value: str
    amount: Decimal
    share_a: Decimal
    as_json = step_json
    args = step_args


class IncomeShare(NamedTuple):
    """``income_share``: parent A's share in proportion to the adjusted incomes (4061(b)(2))."""

    code: Literal["income_share"]
    expression: str
    value: str
    amount: Decimal
    income_a: Decimal
    income_b: Decimal
    share_a: Decimal
    as_json = step_json
    args = step_args


class RestStep(NamedTuple):
    """``rest``: parent B pays the rest, so the shares sum to the amount."""

    code: Literal["rest"]
    expression: str
    value: str
    amount: Decimal
    share_b: Decimal
    as_json = step_json
    args = step_args


def _adjusted(facts: ApportionFacts, steps: list[Step], explain: bool = True) -> dict[str, Decimal]:
    """Net disposable incomes adjusted under 4061(c) and (d)."""
    if facts.net_disposable_income is None:
        raise Refused("net_disposable_income", "missing",
                      "net_disposable_income: this fact is required for the income method, "
                      "each parent's monthly net disposable income before spousal support")
    ndi = facts.net_disposable_income
    income = {"parent_a": money(ndi.parent_a), "parent_b": money(ndi.parent_b)}
    ss = facts.spousal_support
    if ss is not None and ss.monthly:
        paid, other = money(ss.monthly), "parent_b" if ss.paid_by == "parent_a" else "parent_a"
        income[ss.paid_by] -= paid
        income[other] += paid
        if explain:
            steps.append(SupportAdjustment("spousal_support", f"{ss.paid_by} - {paid}, {other} + {paid}",
                                           f"{money(income['parent_a'])} / {money(income['parent_b'])}",
                                           ss.paid_by, paid))
    cs = facts.basic_child_support
    if cs is not None and cs.monthly:
        paid = money(cs.monthly)
        income[cs.paid_by] -= paid
        if explain:
            steps.append(SupportAdjustment("child_support", f"{cs.paid_by} - {paid}",
                                           f"{money(income['parent_a'])} / {money(income['parent_b'])}",
                                           cs.paid_by, paid))
    for parent, value in income.items():
        if value < 0:
            raise Refused(f"net_disposable_income.{parent}", "negative_adjusted_income",
                          f"net_disposable_income.{parent}: after spousal and child support the adjusted "
                          f"income is {money(value)}; expected it to be zero or more")
    if income["parent_a"] + income["parent_b"] == 0:
        raise Refused("net_disposable_income", "no_income_to_apportion",
                      "net_disposable_income: the adjusted incomes add up to 0.00, so there is no proportion; "
                      "expected at least one parent with income, or use method half")
    return {parent: money(value) for parent, value in income.items()}


Code = Literal["half_each", "by_income"]
"""The outcome codes of ca.apportion_expenses, a public contract: kept, added to, never renamed."""


@rule(RULE_ID, ApportionFacts, REFERENCE, outcomes=Code)
def apportion_expenses(facts: ApportionFacts, explain: bool = True) -> Outcome:
    amount = money(facts.amount)
    steps: list[Step] = []
    if facts.method == "half":
        for name in ("net_disposable_income", "spousal_support", "basic_child_support"):
            if getattr(facts, name) is not None:
                raise Refused(name, "only_with_income_method",
                              f"{name}: incomes are used only with method income; leave it out for half")
        share_a = half_up(amount / 2)
        adjusted: dict[str, Decimal | None] = {"parent_a": None, "parent_b": None}
        outcome, citations = "half_each", ("Cal. Fam. Code 4061(a)",)
        if explain:
            steps.append(HalfStep("half", f"{amount} / 2", str(share_a), amount, share_a))
    else:
        incomes = _adjusted(facts, steps, explain)
        a, b = incomes["parent_a"], incomes["parent_b"]
        share_a = _share(amount, a, a + b)
        adjusted = {"parent_a": a, "parent_b": b}
        outcome, citations = "by_income", REFERENCE[1:]
        if explain:
            steps.append(IncomeShare("income_share", f"{amount} x {a} / ({a} + {b})", str(share_a), amount, a, b, share_a))
    share_b = money(amount - share_a)
    if explain:
        steps.append(RestStep("rest", f"{amount} - {share_a}", str(share_b), amount, share_b))
    figures = {
        "parent_a_share": money(share_a),
        "parent_b_share": share_b,
        "adjusted_income_a": adjusted["parent_a"],
        "adjusted_income_b": adjusted["parent_b"],
    }
    return Outcome(RULE_ID, outcome, figures, citations, tuple(steps))


def _share(amount: Decimal, part: Decimal, total: Decimal) -> Decimal:
    """amount x part / total, rounded half up to the cent, in exact whole cents."""
    num = int(amount * 100) * int(part * 100)
    den = int(total * 100)
    cents, rest = divmod(num, den)
    if 2 * rest >= den:
        cents += 1
    return money(Decimal(cents) / 100)
