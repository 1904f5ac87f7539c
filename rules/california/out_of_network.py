"""ca.out_of_network: who pays for care obtained outside the court-ordered coverage.

Cal. Fam. Code 4063(e)(1): the court-ordered coverage "shall be the coverage to
  be utilized at all times ... unless the other parent can show that the health
  care insurance coverage is inadequate to meet the child's needs."
4063(e)(2): a parent who obtains other coverage "shall bear sole financial
  responsibility for ... the costs of any care or treatment obtained pursuant
  thereto in excess of the costs that would have been incurred under the health
  care insurance coverage provided for in the court order."
4063(f)(2): a parent who uses a provider other than the preferred provider
  "shall bear the sole responsibility for any nonreimbursable health care costs
  in excess of the costs that would have been incurred ... had the preferred
  provider been used."
4063(g): on a motion the court considers all relevant facts, including
  "(1) The geographic access and reasonable availability of necessary health
  care ... Health insurance shall be rebuttably presumed to be accessible if
  services to be provided are within 50 miles of the residence of the child",
  "(2) The necessity of emergency medical treatment", "(3) The special medical
  needs of the child."

Decided here: when the ordered coverage and its preferred provider were both
used, the excess rule does not apply; the outcome is ``in_network``, the excess
is 0.00 and the whole charge is shared under 4061. Otherwise the excess falls
on the parent who obtained the care; when a 4063(g) factor (or inadequate
coverage, 4063(e)(1)) is present the outcome is ``exception_may_apply``: the
excess stays on that parent unless the court, on a motion, decides otherwise.
Exactly 50 miles is within the presumption; a distance not given is not tested.
When the charge equals the in-network cost there is nothing in excess:
``no_excess``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal, NamedTuple

from pydantic import Field

from ..base import ZERO, FactsModel, Miles, Money, Outcome, Refused, Step, money, step_args, step_json
from ..parameters import CA_ACCESS_MILES
from ..registry import rule

RULE_ID = "ca.out_of_network"
REFERENCE = (
    "Cal. Fam. Code 4063(e)(1)",
    "Cal. Fam. Code 4063(e)(2)",
    "Cal. Fam. Code 4063(f)(1)",
    "Cal. Fam. Code 4063(f)(2)",
    "Cal. Fam. Code 4063(g)(1)",
    "Cal. Fam. Code 4063(g)(2)",
    "Cal. Fam. Code 4063(g)(3)",
    "Cal. Fam. Code 4061",
)

# Each factor the court weighs, what to bring to show it, and its law.
FACTORS = {
    "emergency": ("proof_of_emergency", "Cal. Fam. Code 4063(g)(2)"),
    "special_needs": ("medical_records", "Cal. Fam. Code 4063(g)(3)"),
    "over_50_miles": ("distance_to_nearest_network_provider", "Cal. Fam. Code 4063(g)(1)"),
    "coverage_inadequate": ("evidence_coverage_inadequate", "Cal. Fam. Code 4063(e)(1)"),
}


class OutOfNetworkFacts(FactsModel):
    amount_charged: Money
    amount_if_in_network: Money
    obtained_by: Parent
    used_ordered_coverage: bool
    used_preferred_provider: bool
    distance_miles: Miles | None = None
    emergency: bool = False
    special_needs: bool = False
    coverage_inadequate: bool = False
    care_on: date | None = Field(default=None, description=(
        "The date of the care: the distance presumption in force then is the one read. Needed only once it "
        "has changed over time."))


# The working, one typed step kind per line shape. --------------------------------------------------------------

Parent = Literal["parent_a", "parent_b"]


class InNetwork(NamedTuple):
    """``in_network``: the ordered coverage and its preferred provider were used; the whole charge is shared."""

    code: Literal["in_network"]
    expression: str
    value: str
    charged: Decimal
    in_network: Decimal
    obtained_by: Parent
    as_json = step_json
    args = step_args


class ExcessStep(NamedTuple):
    """``excess``: the charge minus what the care would have cost in network (4063(e)(2), (f)(2))."""

    code: Literal["excess"]
    expression: str
    value: str
    charged: Decimal
    in_network: Decimal
    obtained_by: Parent
    excess: Decimal
    as_json = step_json
    args = step_args


class AccessPresumption(NamedTuple):
    """``access_presumption``: services farther than the miles of 4063(g)(1) (``value`` ``true``) rebut it."""

    code: Literal["access_presumption"]
    expression: str
    value: Literal["true", "false"]
    distance: Decimal
    miles: int
    as_json = step_json
    args = step_args


def _factors(facts: OutOfNetworkFacts, steps: list[Step], explain: bool = True) -> list[str]:
    miles = CA_ACCESS_MILES.read(facts.care_on, "care_on")
    found = [name for name in ("emergency", "special_needs") if getattr(facts, name)]
    if facts.distance_miles is not None:
        over = facts.distance_miles > miles
        if explain:
            steps.append(AccessPresumption("access_presumption", f"{facts.distance_miles} > {miles}", str(over).lower(),
                                           facts.distance_miles, miles))
        if over:
            found.append("over_50_miles")
    if facts.coverage_inadequate:
        found.append("coverage_inadequate")
    return found


Code = Literal["in_network", "no_excess", "excess_on_obtaining_parent", "exception_may_apply"]
"""The outcome codes of ca.out_of_network, a public contract: kept, added to, never renamed."""


@rule(RULE_ID, OutOfNetworkFacts, REFERENCE, outcomes=Code)
def out_of_network(facts: OutOfNetworkFacts, explain: bool = True) -> Outcome:
    charged, in_network = money(facts.amount_charged), money(facts.amount_if_in_network)
    if in_network > charged:
        raise Refused("amount_if_in_network", "in_network_above_charged",
                      f"amount_if_in_network: {in_network} is more than amount_charged {charged}; "
                      f"expected the in-network cost to be at most the charge")
    steps: list[Step] = []
    factors: list[str] = []
    bring: list[str] = []
    if facts.used_ordered_coverage and facts.used_preferred_provider:
        outcome, excess, shared, owed_by = "in_network", ZERO, charged, None
        citations = ("Cal. Fam. Code 4063(e)(1)", "Cal. Fam. Code 4063(f)(1)", "Cal. Fam. Code 4061")
        if explain:
            steps.append(InNetwork("in_network", "used_ordered_coverage = true, used_preferred_provider = true",
                                   str(charged), charged, in_network, facts.obtained_by))
    else:
        excess, shared, owed_by = money(charged - in_network), in_network, facts.obtained_by
        if explain:
            steps.append(ExcessStep("excess", f"{charged} - {in_network}", str(excess), charged, in_network,
                                    facts.obtained_by, excess))
        citations = ()
        if not facts.used_ordered_coverage:
            citations += ("Cal. Fam. Code 4063(e)(2)",)
        if not facts.used_preferred_provider:
            citations += ("Cal. Fam. Code 4063(f)(2)",)
        if excess == 0:
            outcome, owed_by = "no_excess", None
        else:
            factors = _factors(facts, steps, explain)
            if factors:
                outcome = "exception_may_apply"
                bring = ["itemized_bills"] + [FACTORS[f][0] for f in factors]
                citations += tuple(dict.fromkeys(FACTORS[f][1] for f in factors))
            else:
                outcome = "excess_on_obtaining_parent"
        citations += ("Cal. Fam. Code 4061",)
    figures = {
        "excess": excess,
        "excess_owed_by": owed_by,
        "shared_amount": shared,
        "factors": factors,
        "bring": bring,
    }
    return Outcome(RULE_ID, outcome, figures, citations, tuple(steps))
