"""reasonable_cost: is the health insurance reasonable in cost (5% of gross income)?

45 CFR 303.31(a)(3): "Cash medical support or the cost of health insurance is
  considered reasonable in cost if the cost to the parent responsible for
  providing medical support does not exceed five percent of his or her gross
  income ..."
Utah Admin. Code R527-201-6(1): "Employment related or other health insurance
  coverage that does not exceed 5% of the parent's monthly gross income is
  generally considered reasonable in cost." CS 407P: the cost is "the net
  out-of-pocket cost the NCP/CP is required to pay toward the monthly premium
  for a group health insurance plan which includes coverage for the dependent
  child(ren)".
Cal. Fam. Code 3751(a)(2): "Health insurance coverage shall be rebuttably
  presumed to be reasonable in cost if the cost to the responsible parent
  providing medical support does not exceed 5 percent of his or her gross
  income. In applying the 5 percent for the cost of health insurance, the cost
  is the difference between self-only and family coverage. If the obligor is
  entitled to a low-income adjustment ... medical support shall be deemed not
  reasonable, unless the court determines that not requiring medical support
  would be unjust and inappropriate in the particular case." Same test in
  Cal. Fam. Code 17422(b)(3). "If the court determines that the cost of health
  insurance coverage is not reasonable, the court shall state its reasons on the
  record." 3751(b): "If the court determines that health insurance coverage is
  not available at no cost or at a reasonable cost, the court's order for
  support shall contain a provision that specifies that health insurance
  coverage shall be obtained if it becomes available at no cost or at a
  reasonable cost." 17422(b)(2): the local child support agency "shall seek a
  provision in the support order that provides for health insurance coverage
  should it become available at no or reasonable cost."

The standard differs (figure ``standard``): Utah's 5% is what is "generally
considered reasonable" (``ut_generally_reasonable``); California's is a
rebuttable presumption (``ca_rebuttable_presumption``): at or under 5% the cost
is presumed reasonable, above it there is no presumption and the court decides,
stating its reasons; 45 CFR 303.31(a)(3) is the federal default
(``federal_default``): five percent, or at State option a reasonable alternative
income-based standard in the state's own law. In California above 5% the code
stays ``not_reasonable`` with ``court_decides`` and
``order_must_require_if_available`` true; they are false in California
otherwise and null elsewhere.

The comparison uses the exact 5% (income 1234.57 -> 61.7285); the threshold
figure is cut to the cent for display only. A cost of zero is "no cost" (3751(a)(2)
"available at no cost or at a reasonable cost"). Income of zero is not refused:
5% of nothing is nothing, so any positive cost is not reasonable and a zero
cost is still no cost. In California a low-income adjustment makes medical
support not reasonable whatever the cost, even none, unless the court finds
that unjust; ``unjust_finding`` without the adjustment is refused (the court
makes that finding only for an obligor entitled to the adjustment).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal, NamedTuple

from pydantic import Field

from ..base import FactsModel, Money, Outcome, Refused, Step, cut, money, step_args, step_json
from ..parameters import REASONABLE_COST_RATE
from ..registry import rule

RULE_ID = "reasonable_cost"
REFERENCE = (
    "45 CFR 303.31(a)(3)",
    "Utah Admin. Code R527-201-6(1)",
    "Cal. Fam. Code 3751(a)(2)",
    "Cal. Fam. Code 17422(b)(3)",
)
STANDARD = {"UT": "ut_generally_reasonable", "CA": "ca_rebuttable_presumption", "federal": "federal_default"}
"""What the 5% means where (figure ``standard``)."""

CA_ABOVE = ("Cal. Fam. Code 3751(b)", "Cal. Fam. Code 17422(b)(2)")
"""Cited with California's not_reasonable: the order must still require coverage if it becomes available."""

CITATIONS = {
    "federal": ("45 CFR 303.31(a)(3)",),
    "UT": ("Utah Admin. Code R527-201-6(1)", "45 CFR 303.31(a)(3)"),
    "CA": ("Cal. Fam. Code 3751(a)(2)", "Cal. Fam. Code 17422(b)(3)", "45 CFR 303.31(a)(3)"),
}


class ReasonableCostFacts(FactsModel):
    jurisdiction: Literal["UT", "CA", "federal"]
    gross_monthly_income: Money
    cost: Money | None = None
    family_premium: Money | None = None
    self_only_premium: Money | None = None
    low_income_adjustment: bool = False
    unjust_finding: bool = False
    as_of: date | None = Field(default=None, description=(
        "The month in question: the cost is tested against the rate in force then. Needed only once the "
        "rate has changed over time."))


# The working, one typed step kind per line shape. --------------------------------------------------------------

class CostDifference(NamedTuple):
    """``cost_difference``: in California the cost is family minus self-only coverage (3751(a)(2))."""

    code: Literal["cost_difference"]
    expression: str
    value: str
    family_premium: Decimal
    self_only_premium: Decimal
    cost: Decimal
    as_json = step_json
    args = step_args


class CostTest(NamedTuple):
    """A line of the test: ``threshold`` (income x the rate, exact), ``threshold_shown`` (cut to the cent),
    ``compare`` (cost <= the exact threshold, ``true`` or ``false``), ``rebuttable_presumption``,
    ``no_cost``, ``low_income_adjustment`` and ``unjust_finding`` (California, 3751(a)(2)), and
    ``no_presumption`` (California above 5%: the court decides, ``value`` ``court_decides``)."""

    code: Literal["threshold", "threshold_shown", "compare", "rebuttable_presumption", "no_cost",
                  "low_income_adjustment", "unjust_finding", "no_presumption"]
    expression: str
    value: str
    income: Decimal
    rate: Decimal
    cost: Decimal
    exact: Decimal
    """Income x rate, every digit (61.7285)."""
    threshold: Decimal
    """The exact threshold cut to the cent, for display."""
    as_json = step_json
    args = step_args


class Headroom(NamedTuple):
    """``headroom``: the shown threshold minus the cost (negative when the cost is over it)."""

    code: Literal["headroom"]
    expression: str
    value: str
    income: Decimal
    rate: Decimal
    cost: Decimal
    exact: Decimal
    threshold: Decimal
    headroom: Decimal
    as_json = step_json
    args = step_args


def _cost(facts: ReasonableCostFacts, steps: list[Step], explain: bool = True) -> Decimal:
    """The cost to test: given (UT, federal) or family minus self-only (CA)."""
    if facts.jurisdiction != "CA":
        for name in ("family_premium", "self_only_premium"):
            if getattr(facts, name) is not None:
                raise Refused(name, "premiums_only_in_ca",
                              f"{name}: only California tests the difference of premiums; "
                              f"give the parent's net out-of-pocket premium as cost")
        if facts.cost is None:
            raise Refused("cost", "missing",
                          "cost: this fact is required, the parent's net out-of-pocket monthly premium "
                          "for a plan covering the child")
        return money(facts.cost)
    if facts.cost is not None:
        raise Refused("cost", "ca_uses_family_minus_self_only",
                      "cost: in California the cost is family_premium minus self_only_premium; give those instead")
    for name in ("family_premium", "self_only_premium"):
        if getattr(facts, name) is None:
            raise Refused(name, "missing", f"{name}: this fact is required in California")
    family, single = money(facts.family_premium), money(facts.self_only_premium)  # type: ignore[arg-type]
    if family < single:
        raise Refused("family_premium", "family_below_self_only",
                      f"family_premium: {family} is below self_only_premium {single}; "
                      f"family coverage is expected to cost at least as much")
    cost = money(family - single)
    if explain:
        steps.append(CostDifference("cost_difference", f"{family} - {single}", str(cost), family, single, cost))
    return cost


def _show(exact: Decimal) -> str:
    """The exact 5% as text: cents when it has no more, else every digit (61.7285)."""
    return str(money(exact)) if exact == money(exact) else f"{exact.normalize():f}"


def _check(facts: ReasonableCostFacts) -> None:
    if facts.low_income_adjustment and facts.jurisdiction != "CA":
        raise Refused("low_income_adjustment", "low_income_adjustment_only_in_ca",
                      "low_income_adjustment: the low-income adjustment is a California rule; "
                      "leave it out or false outside CA")
    if facts.unjust_finding and not facts.low_income_adjustment:
        raise Refused("unjust_finding", "unjust_finding_needs_low_income_adjustment",
                      "unjust_finding: the court makes this finding only for an obligor entitled to "
                      "the California low-income adjustment; set low_income_adjustment too or leave it out")


Code = Literal["reasonable", "not_reasonable", "not_reasonable_low_income", "no_cost"]
"""The outcome codes of reasonable_cost, a public contract: kept, added to, never renamed."""


@rule(RULE_ID, ReasonableCostFacts, REFERENCE, outcomes=Code)
def reasonable_cost(facts: ReasonableCostFacts, explain: bool = True) -> Outcome:
    _check(facts)
    steps: list[Step] = []
    cost = _cost(facts, steps, explain)
    income = money(facts.gross_monthly_income)
    rate = REASONABLE_COST_RATE.read(facts.as_of, "as_of")
    exact = income * rate
    threshold = money(cut(exact))
    headroom = money(threshold - cost)
    if explain:
        ops = (income, rate, cost, exact, threshold)
        percent = f"{(rate * 100).normalize():f}"
        steps.append(CostTest("threshold", f"{income} x {percent}%", _show(exact), *ops))
        steps.append(CostTest("threshold_shown", f"cut({_show(exact)})", str(threshold), *ops))
        steps.append(Headroom("headroom", f"{threshold} - {cost}", str(headroom), *ops, headroom))
    citations = CITATIONS[facts.jurisdiction]

    if facts.low_income_adjustment and not facts.unjust_finding:
        outcome = "not_reasonable_low_income"
        if explain:
            steps.append(CostTest("low_income_adjustment", "low_income_adjustment = true, unjust_finding = false",
                              outcome, *ops))
    else:
        if facts.unjust_finding and explain:
            steps.append(CostTest("unjust_finding", "low_income_adjustment = true, unjust_finding = true",
                              "five_percent_test", *ops))
        if cost == 0:
            outcome = "no_cost"
            if explain:
                steps.append(CostTest("no_cost", f"{cost} = 0.00", outcome, *ops))
        elif cost <= exact:
            outcome = "reasonable"
            if explain:
                steps.append(CostTest("compare", f"{cost} <= {_show(exact)}", "true", *ops))
                steps.append(CostTest("rebuttable_presumption", f"{cost} <= {percent}% x {income}",
                                  "presumed_reasonable", *ops))
        else:
            outcome = "not_reasonable"
            if explain:
                steps.append(CostTest("compare", f"{cost} <= {_show(exact)}", "false", *ops))
    # 3751(a)(2): above 5% no presumption, the court decides; 3751(b), 17422(b)(2): the order must still require it.
    court_decides = outcome == "not_reasonable" if facts.jurisdiction == "CA" else None
    if court_decides:
        citations += CA_ABOVE
        if explain:
            steps.append(CostTest("no_presumption", f"{cost} > {percent}% x {income}", "court_decides", *ops))
    figures = {"cost": cost, "threshold": threshold, "headroom": headroom, "jurisdiction": facts.jurisdiction,
               "standard": STANDARD[facts.jurisdiction], "court_decides": court_decides,
               "order_must_require_if_available": court_decides}
    return Outcome(RULE_ID, outcome, figures, citations, tuple(steps))
