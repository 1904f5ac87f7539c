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


@rule(RULE_ID, PremiumCreditFacts, REFERENCE)
def premium_credit(facts: PremiumCreditFacts) -> Outcome:
    _check(facts)
    share = CREDIT_SHARE.at()
    steps: list[Step] = []
    rows: list[dict] = []
    total = ZERO
    for i, p in enumerate(facts.policies):
        # Exact: premium x children / persons x 50%, cut to the cent once, at the end.
        # The per-capita and portion figures are cut for display only.
        credit = _cut_exact(p.premium, p.children_on_case, p.persons_covered, share)
        per_capita = _cut_exact(p.premium, 1, p.persons_covered, Decimal(1))
        portion = _cut_exact(p.premium, p.children_on_case, p.persons_covered, Decimal(1))
        args = {"policy": i, "holder": p.holder, "premium": p.premium, "persons": p.persons_covered,
                "children": p.children_on_case, "per_capita": per_capita, "portion": portion, "credit": credit}
        steps.append(Step("per_capita", f"{p.premium} / {p.persons_covered}", str(per_capita), args))
        steps.append(Step("children_portion", f"{p.premium} / {p.persons_covered} x {p.children_on_case}", str(portion), args))
        steps.append(Step("credit", f"{p.premium} / {p.persons_covered} x {p.children_on_case} x 50%", str(credit), args))
        reason = None
        applied_abs = credit
        if not p.health_benefits:
            reason, credit, applied_abs = "no_health_benefits", ZERO, ZERO
            steps.append(Step("no_health_benefits", "health_benefits = false", "0.00", args))
        elif p.holder == "recipient" and facts.case_type == "specified_relative" and not facts.relative_credit_ordered:
            reason, credit, applied_abs = "relative_not_entitled", ZERO, ZERO
            steps.append(Step("relative_not_entitled", "relative_credit_ordered = false", "0.00", args))
        elif p.cap is not None and credit > p.cap:
            reason, applied_abs = "capped", p.cap
            steps.append(Step("capped", f"min({credit}, {p.cap})", str(p.cap), {**args, "cap": p.cap}))
        applied = money(SIGN[p.holder] * applied_abs)
        total += applied
        rows.append({"credit": money(credit), "applied": applied, "reason": reason})
        if applied:
            sign = "-" if applied < 0 else "+"
            steps.append(Step("payer_subtracts" if applied < 0 else "credit_added", f"{sign} {applied_abs}",
                              str(applied), {**args, "applied": applied}))

    raw = facts.base_support + total
    adjusted = money(raw if raw > 0 else ZERO)
    terms = " ".join(f"{'-' if r['applied'] < 0 else '+'} {abs(r['applied'])}" for r in rows if r["applied"])
    steps.append(Step("adjusted_support", f"{facts.base_support} {terms}".strip(), str(money(raw)),
                      {"base_support": facts.base_support, "adjusted": money(raw)}))
    if raw < 0:
        outcome = "credit_exceeds_support"
        steps.append(Step("floor_at_zero", f"max({money(raw)}, 0.00)", "0.00", {"raw": money(raw)}))
    elif any(r["applied"] for r in rows):
        outcome = "credit"
    else:
        outcome = "no_credit"
    figures = {
        "policies": rows,
        "net_adjustment": money(adjusted - facts.base_support),
        "adjusted_support": adjusted,
    }
    return Outcome(RULE_ID, outcome, figures, REFERENCE, tuple(steps))


def _cut_exact(premium: Decimal, children: int, persons: int, share: Decimal) -> Decimal:
    """premium x children / persons x share, cut to the cent, in whole cents (no precision limit)."""
    num, den = share.as_integer_ratio()
    cents = int(premium * 100) * children * num // (persons * den)
    return money(Decimal(cents) / 100)
