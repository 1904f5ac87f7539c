"""ut.premium_credit: the insurance premium credit on a Utah support order.

Utah Code 81-6-208(9):
  "(a) The child's portion of the premium is a per capita share of the premium
   actually paid.
   (b) The premium expense for a child shall be calculated by dividing the
   premium amount by the number of persons covered under the policy and
   multiplying the result by the number of children in the instant case."
Utah Code 81-6-208(3)(d): each parent shares equally the premium actually paid
for the child's portion, so the credit is 50% of that portion.
CS 407P: "Do not round the insurance credit amount up or down." The NCP's credit
is deducted from the support, the CP's is added, both net; split custody counts
every child of the order; in CIC cases the state is the recipient; a specified
relative gets no credit without an order; accident or disability cover that
gives no health benefits earns no credit; an order may cap the credit.
Utah Code 81-6-208(8)(a): "The parent who provides health insurance may receive
credit against the base child support award or recover the other parent's share
of the child's portion of the premium."
CS 407P Accident Insurance Credit Request: for "accident" insurance, "The
assigned AAG will review the benefit summary and determine if the 'accident'
insurance provides health insurance benefits."

Decided here: support never goes below 0.00; when the credits exceed it,
``credit_exceeds_support`` (staff review) and ``excess_credit`` is the amount by
which they do, which 81-6-208(8)(a) lets the parent seek as the other parent's
share instead (``excess_credit`` is "0.00" otherwise). A policy whose
``health_benefits`` is null is an accident or disability plan the assigned
Assistant Attorney General has yet to decide on: its row's ``reason`` is
``aag_review``, its ``credit`` is computed and its ``applied`` is 0.00;
``adjusted_support_if_aag_finds_health_benefits`` is the support if those rows
counted (null when there is none). A relative not entitled to a credit stays
not entitled whatever the AAG finds.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal, NamedTuple

from pydantic import Field

from ..base import ZERO, FactsModel, Money, Outcome, Refused, Step, money, step_args, step_json
from ..parameters import CREDIT_SHARE
from ..registry import rule

RULE_ID = "ut.premium_credit"
REFERENCE = (
    "Utah Code 81-6-208(3)(d)",
    "Utah Code 81-6-208(8)",
    "Utah Code 81-6-208(9)(a)",
    "Utah Code 81-6-208(9)(b)",
    "CS 407P",
)

# How each holder's credit changes the support (CS 407P: NCP subtracts, CP adds;
# specified relative: the other parent's case is increased).
SIGN = {"payer": -1, "recipient": 1, "other_parent": 1}


Holder = Literal["payer", "recipient", "other_parent"]


class Policy(FactsModel):
    holder: Holder
    premium: Money
    persons_covered: int = Field(ge=1)
    children_on_case: int = Field(ge=1)
    health_benefits: bool | None = Field(default=True, description=(
        "Whether the plan gives health benefits (medical, prescription, dental, vision). False: an accident or "
        "disability plan without them, no credit. Null: an accident or disability plan whose benefit summary the "
        "assigned Assistant Attorney General decides on (CS 407P Accident Insurance Credit Request)."))
    cap: Money | None = None


class PremiumCreditFacts(FactsModel):
    base_support: Money
    case_type: Literal["standard", "split", "cic", "specified_relative"]
    policies: list[Policy] = Field(max_length=20)
    relative_credit_ordered: bool = False
    regime_date: date | None = Field(default=None, description=(
        "The date of the order, or of its last modification: the credit law in force then is the one read "
        "(CS 407P Procedures - Giving the Insurance Credit 2; ut.order_regime's regime_date). Needed only once "
        "the credit share has changed over time."))


# The working, one typed step kind per line shape. --------------------------------------------------------------

class PolicyStep(NamedTuple):
    """A line of one policy's credit (81-6-208(9)(b), 3(d)): ``per_capita`` (premium / persons),
    ``children_portion`` (x children on the case), ``credit`` (x the credit share, cut once), then
    ``no_health_benefits`` or ``relative_not_entitled`` (no credit) or ``aag_review`` (not applied until
    the AAG decides), and ``payer_subtracts`` or
    ``credit_added`` (how it changes the support). Per capita and portion are cut for display only."""

    code: Literal["per_capita", "children_portion", "credit", "no_health_benefits", "relative_not_entitled",
                  "aag_review", "payer_subtracts", "credit_added"]
    expression: str
    value: str
    policy: int
    """The policy's place in ``policies``."""
    holder: Holder
    premium: Decimal
    persons: int
    children: int
    per_capita: Decimal
    portion: Decimal
    credit: Decimal
    """The computed credit, before any cap."""
    applied: Decimal
    """What the policy changes the support by (negative for the payer's credit)."""
    share: Decimal
    """The credit share read at the order's date (81-6-208(3)(d): half)."""
    as_json = step_json
    args = step_args


class CappedStep(NamedTuple):
    """``capped``: the order's cap limits the credit (CS 407P Procedures - Order Limits Credit Amount)."""

    code: Literal["capped"]
    expression: str
    value: str
    policy: int
    holder: Holder
    premium: Decimal
    persons: int
    children: int
    per_capita: Decimal
    portion: Decimal
    credit: Decimal
    applied: Decimal
    share: Decimal
    cap: Decimal
    as_json = step_json
    args = step_args


class AdjustedStep(NamedTuple):
    """``adjusted_support``: the base support with every applied credit (CS 407P: NCP subtracts, CP adds)."""

    code: Literal["adjusted_support"]
    expression: str
    value: str
    base_support: Decimal
    adjusted: Decimal
    """Before the floor at zero: negative when the credits exceed the support."""
    as_json = step_json
    args = step_args


class AagAlternative(NamedTuple):
    """``adjusted_support_if_aag_finds_health_benefits``: the support if the plans under AAG review counted."""

    code: Literal["adjusted_support_if_aag_finds_health_benefits"]
    expression: str
    value: str
    base_support: Decimal
    adjusted: Decimal
    """Floored at 0.00."""
    as_json = step_json
    args = step_args


class ExcessStep(NamedTuple):
    """``excess_credit``: the credits minus the support, when they exceed it (81-6-208(8)(a))."""

    code: Literal["excess_credit"]
    expression: str
    value: str
    credits: Decimal
    """The net credits against the support."""
    base_support: Decimal
    excess: Decimal
    as_json = step_json
    args = step_args


class FloorStep(NamedTuple):
    """``floor_at_zero``: support never goes below 0.00; the credits exceed it (81-6-208(8)(a))."""

    code: Literal["floor_at_zero"]
    expression: str
    value: str
    raw: Decimal
    as_json = step_json
    args = step_args


def _check(facts: PremiumCreditFacts) -> None:
    if facts.relative_credit_ordered and facts.case_type != "specified_relative":
        raise Refused(
            "relative_credit_ordered",
            "only_in_specified_relative_case",
            "relative_credit_ordered: a relative's credit applies only when case_type is specified_relative",
        )
    for i, p in enumerate(facts.policies):
        if p.children_on_case > p.persons_covered:
            raise Refused(
                f"policies.{i}.children_on_case",
                "children_on_case_exceeds_persons_covered",
                f"policies.{i}.children_on_case: {p.children_on_case} children on the case, "
                f"but the policy covers only {p.persons_covered} persons",
            )
        if p.holder == "recipient" and facts.case_type == "cic":
            raise Refused(
                f"policies.{i}.holder",
                "recipient_is_state_in_cic",
                f"policies.{i}.holder: in a CIC case the recipient is the state; a parent's policy belongs to a payer",
            )
        if p.holder == "other_parent" and facts.case_type != "specified_relative":
            raise Refused(
                f"policies.{i}.holder",
                "other_parent_only_in_specified_relative_case",
                f"policies.{i}.holder: other_parent is for the other parent's policy in a specified_relative case",
            )


Code = Literal["credit", "no_credit", "credit_exceeds_support"]
"""The outcome codes of ut.premium_credit, a public contract: kept, added to, never renamed."""


@rule(RULE_ID, PremiumCreditFacts, REFERENCE, outcomes=Code)
def premium_credit(facts: PremiumCreditFacts, explain: bool = True) -> Outcome:
    _check(facts)
    share = CREDIT_SHARE.read(facts.regime_date, "regime_date")
    num, den = share.as_integer_ratio()
    relative_barred = facts.case_type == "specified_relative" and not facts.relative_credit_ordered
    steps: list[Step] = []
    rows: list[dict] = []
    total = ZERO
    pending: list[Decimal] = []  # what each plan under AAG review would apply if it counted
    for i, p in enumerate(facts.policies):
        # Exact: premium x children / persons x 50%, in whole cents, cut once at the end.
        cents = int(p.premium * 100) * p.children_on_case
        computed = credit = _cents(cents * num // (p.persons_covered * den))
        reason = None
        applied_abs = credit
        if p.health_benefits is False:  # CS 407P Accident Insurance Credit Request, 4.b
            reason, credit, applied_abs = "no_health_benefits", ZERO, ZERO
        elif p.holder == "recipient" and relative_barred:  # CS 407P Specified Relative Cases
            reason, credit, applied_abs = "relative_not_entitled", ZERO, ZERO
        elif p.cap is not None and credit > p.cap:  # CS 407P Order Limits Credit Amount
            reason, applied_abs = "capped", money(p.cap)
        capped = reason == "capped"
        if p.health_benefits is None and reason != "relative_not_entitled":  # CS 407P Accident ..., 3: the AAG decides
            pending.append(-applied_abs if SIGN[p.holder] < 0 and applied_abs else applied_abs)
            reason, applied_abs = "aag_review", ZERO
        applied = -applied_abs if SIGN[p.holder] < 0 and applied_abs else applied_abs
        total += applied
        rows.append({"credit": credit, "applied": applied, "reason": reason})
        if explain:
            steps += _policy_steps(i, p, cents, computed, applied, reason, share, capped)

    raw = facts.base_support + total
    adjusted = money(raw) if raw > 0 else ZERO
    excess = money(-raw) if raw < 0 else ZERO  # 81-6-208(8)(a): "or recover the other parent's share"
    if raw < 0:
        outcome: Code = "credit_exceeds_support"
    elif any(r["applied"] for r in rows):
        outcome = "credit"
    else:
        outcome = "no_credit"
    if_aag = None
    if pending:
        raw_if_aag = raw + sum(pending)
        if_aag = money(raw_if_aag) if raw_if_aag > 0 else ZERO
    figures = {
        "policies": rows,
        "net_adjustment": money(adjusted - facts.base_support),
        "adjusted_support": adjusted,
        "excess_credit": excess,
        "adjusted_support_if_aag_finds_health_benefits": if_aag,
    }
    if explain:
        base = money(facts.base_support)
        terms = " ".join(f"{'-' if r['applied'] < 0 else '+'} {abs(r['applied'])}" for r in rows if r["applied"])
        steps.append(AdjustedStep("adjusted_support", f"{base} {terms}".strip(), str(money(raw)), base, money(raw)))
        if raw < 0:
            steps.append(FloorStep("floor_at_zero", f"max({money(raw)}, 0.00)", "0.00", money(raw)))
            steps.append(ExcessStep("excess_credit", f"{money(-total)} - {base}", str(excess), money(-total), base,
                                    excess))
        if if_aag is not None:
            every = [r["applied"] for r in rows]
            for j, k in enumerate(i for i, r in enumerate(rows) if r["reason"] == "aag_review"):
                every[k] = pending[j]
            terms = " ".join(f"{'-' if a < 0 else '+'} {abs(a)}" for a in every if a)
            expression = f"max({base} {terms}, 0.00)".replace(" ,", ",") if terms else f"max({base}, 0.00)"
            steps.append(AagAlternative("adjusted_support_if_aag_finds_health_benefits", expression, str(if_aag),
                                        base, if_aag))
    citations = REFERENCE + (("CS 407P Accident Insurance Credit Request",) if pending else ())
    return Outcome(RULE_ID, outcome, figures, citations, tuple(steps))


def _policy_steps(i: int, p: Policy, cents: int, computed: Decimal, applied: Decimal, reason: str | None,
                  share: Decimal, capped: bool) -> list[Step]:
    """The working for one policy. Per-capita and portion are cut to the cent for display only."""
    premium = money(p.premium)
    per_capita = _cents(int(p.premium * 100) // p.persons_covered)
    portion = _cents(cents // p.persons_covered)
    ops = (i, p.holder, premium, p.persons_covered, p.children_on_case, per_capita, portion, computed, applied, share)
    head = f"{premium} / {p.persons_covered}"
    steps: list[Step] = [
        PolicyStep("per_capita", head, str(per_capita), *ops),
        PolicyStep("children_portion", f"{head} x {p.children_on_case}", str(portion), *ops),
        PolicyStep("credit", f"{head} x {p.children_on_case} x {share:%}", str(computed), *ops),
    ]
    if reason == "no_health_benefits":
        steps.append(PolicyStep(reason, "health_benefits = false", "0.00", *ops))
    elif reason == "relative_not_entitled":
        steps.append(PolicyStep(reason, "relative_credit_ordered = false", "0.00", *ops))
    if capped:
        steps.append(CappedStep("capped", f"min({computed}, {money(p.cap)})", str(money(p.cap)), *ops, money(p.cap)))
    if reason == "aag_review":
        steps.append(PolicyStep(reason, "health_benefits = null", "0.00", *ops))
    if applied:
        code = "payer_subtracts" if applied < 0 else "credit_added"
        steps.append(PolicyStep(code, f"{'-' if applied < 0 else '+'} {abs(applied)}", str(applied), *ops))
    return steps


def _cents(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)
