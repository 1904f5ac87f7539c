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
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import Field

from ..base import ZERO, FactsModel, Money, Outcome, Refused, Step, money
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


class Policy(FactsModel):
    holder: Literal["payer", "recipient", "other_parent"]
    premium: Money
    persons_covered: int = Field(ge=1)
    children_on_case: int = Field(ge=1)
    health_benefits: bool = True
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
    for i, p in enumerate(facts.policies):
        # Exact: premium x children / persons x 50%, in whole cents, cut once at the end.
        cents = int(p.premium * 100) * p.children_on_case
        computed = credit = _cents(cents * num // (p.persons_covered * den))
        reason = None
        applied_abs = credit
        if not p.health_benefits:
            reason, credit, applied_abs = "no_health_benefits", ZERO, ZERO
        elif p.holder == "recipient" and relative_barred:
            reason, credit, applied_abs = "relative_not_entitled", ZERO, ZERO
        elif p.cap is not None and credit > p.cap:
            reason, applied_abs = "capped", money(p.cap)
        applied = -applied_abs if SIGN[p.holder] < 0 and applied_abs else applied_abs
        total += applied
        rows.append({"credit": credit, "applied": applied, "reason": reason})
        if explain:
            steps += _policy_steps(i, p, cents, computed, applied, reason, share)

    raw = facts.base_support + total
    adjusted = money(raw) if raw > 0 else ZERO
    if raw < 0:
        outcome = "credit_exceeds_support"
    elif any(r["applied"] for r in rows):
        outcome = "credit"
    else:
        outcome = "no_credit"
    figures = {
        "policies": rows,
        "net_adjustment": money(adjusted - facts.base_support),
        "adjusted_support": adjusted,
    }
    if explain:
        base = money(facts.base_support)
        terms = " ".join(f"{'-' if r['applied'] < 0 else '+'} {abs(r['applied'])}" for r in rows if r["applied"])
        steps.append(Step("adjusted_support", f"{base} {terms}".strip(), str(money(raw)),
                          {"base_support": base, "adjusted": money(raw)}))
        if raw < 0:
            steps.append(Step("floor_at_zero", f"max({money(raw)}, 0.00)", "0.00", {"raw": money(raw)}))
    return Outcome(RULE_ID, outcome, figures, REFERENCE, tuple(steps))


def _policy_steps(i: int, p: Policy, cents: int, computed: Decimal, applied: Decimal, reason: str | None,
                  share: Decimal) -> list[Step]:
    """The working for one policy. Per-capita and portion are cut to the cent for display only."""
    premium = money(p.premium)
    per_capita = _cents(int(p.premium * 100) // p.persons_covered)
    portion = _cents(cents // p.persons_covered)
    args = {"policy": i, "holder": p.holder, "premium": premium, "persons": p.persons_covered,
            "children": p.children_on_case, "per_capita": per_capita, "portion": portion,
            "credit": computed, "applied": applied}
    head = f"{premium} / {p.persons_covered}"
    steps = [
        Step("per_capita", head, str(per_capita), args),
        Step("children_portion", f"{head} x {p.children_on_case}", str(portion), args),
        Step("credit", f"{head} x {p.children_on_case} x {share:%}", str(computed), args),
    ]
    if reason == "no_health_benefits":
        steps.append(Step(reason, "health_benefits = false", "0.00", args))
    elif reason == "relative_not_entitled":
        steps.append(Step(reason, "relative_credit_ordered = false", "0.00", args))
    elif reason == "capped":
        steps.append(Step("capped", f"min({computed}, {money(p.cap)})", str(money(p.cap)), {**args, "cap": money(p.cap)}))
    if applied:
        code = "payer_subtracts" if applied < 0 else "credit_added"
        steps.append(Step(code, f"{'-' if applied < 0 else '+'} {abs(applied)}", str(applied), args))
    return steps


def _cents(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)
