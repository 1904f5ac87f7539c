"""remedies.noncompliance: what the sources give when the other parent was ordered to insure or pay and did not.

Utah Code 81-6-208(11):
  "(a) The court or administrative agency may issue an order determining the
   amount of a parent's liability for medical expenses of a child when the
   parent: (i) is required by a prior court or administrative order to: (A)
   share those expenses with the other parent of the child; or (B) obtain
   insurance for medical expenses but fails to do so; ...
   (b) If the prior court or administrative order does not specify what
   proportions of the expenses are to be shared: (i) the court may determine the
   amount of liability as may be reasonable and necessary; and (ii) the
   administrative agency may determine the amount of liability in accordance
   with established rules.
   (c) This Subsection (11) applies to an order without regard to when the order
   was issued."
Cal. Fam. Code 4063(b)(4): "If the reimbursing parent fails to pay the other
  parent as required by this subdivision, the other parent may seek judicial
  relief under this section and Section 290."
4063(c): "Either parent may file a noticed motion to enforce an order issued
  pursuant to this section. In addition to the court's powers under Section 290,
  the court may award filing costs and reasonable attorney's fees if it finds
  that either party acted without reasonable cause regarding his or her
  obligations pursuant to this section."
17422(c)(3): "The local child support agency shall take appropriate action,
  civil or criminal, to enforce the obligation to obtain health insurance when
  there has been a lapse in insurance coverage or failure by the responsible
  parent to obtain insurance as ordered by the court."
QMCSO explainer (seed 000), California: "To further enforce coverage
  obligations, courts may issue a health insurance coverage assignment. This is
  a direct order to the parent's employer ... requiring them to enroll the
  child in the available plan. These orders are typically issued unless there
  is good cause not to do so".
Arkansas OCSE (seed 002): "If there is an existing child support order, the OCSE
  may still enforce the medical support order ... However, uninsured medical
  claims are not enforced by the OCSE unless the court orders it to do so."
General explainer on medical child support orders (seed 001): "If a parent
  fails to meet the requirements of a qualified medical child support order,
  the other parent can seek recourse from the court. Depending on the severity
  of the issue, the court may order the responsible parent to compensate the
  other parent or pay a portion of the child's medical bills. In extreme cases,
  the court may even hold the responsible parent in contempt of court."

``failed_duty`` is ``insure`` (ordered to obtain or keep insurance, and did not)
or ``pay_share`` (ordered to pay a share of the medical costs, and did not).
``remedies`` lists what the sources give, in the steady order of REMEDIES, and
``remedy_citations`` names the law of each. Decided here: 4063(c) and (b)(4)
are read for orders under 4063, the shares of the costs; a failure to insure in
California is for the local child support agency when it enforces the case
(17422(c)(3): ``agency_must_act``; ``agency_if_enforcing`` when
``local_agency_enforcing`` is not given) and for a coverage assignment through the
court (``coverage_assignment`` alone when the agency does not enforce the case). Seed 001 is read for ``federal`` (another
state), where this guide has no state source. Whether and how a court uses a
remedy is not decided here.
"""

from __future__ import annotations

from typing import Literal, NamedTuple, get_args

from pydantic import Field

from ..arkansas.ocse_medical_support import ENFORCE as AR_ENFORCE, UNINSURED as AR_UNINSURED
from ..base import FactsModel, Outcome, Refused, Step, step_args, step_json
from ..california.coverage_assignment import ASSIGNMENT as CA_ASSIGNMENT
from ..registry import rule

RULE_ID = "remedies.noncompliance"
GENERAL = "General explainer on medical child support orders: if the requirements are not met"
REFERENCE = (
    "Utah Code 81-6-208(11)(a)(i)(A)",
    "Utah Code 81-6-208(11)(a)(i)(B)",
    "Utah Code 81-6-208(11)(b)",
    "Utah Code 81-6-208(11)(c)",
    "Cal. Fam. Code 4063(b)(4)",
    "Cal. Fam. Code 4063(c)",
    "Cal. Fam. Code 17422(c)(3)",
    CA_ASSIGNMENT,
    AR_ENFORCE,
    AR_UNINSURED,
    GENERAL,
)

Remedy = Literal[
    "liability_order",
    "agency_enforcement",
    "coverage_assignment",
    "judicial_relief",
    "noticed_motion",
    "filing_costs_and_fees",
    "ocse_enforces_order",
    "court_order_for_uninsured_claims",
    "court_compensation",
    "court_share_of_bills",
    "contempt",
]
REMEDIES: tuple[str, ...] = get_args(Remedy)
"""The steady order the remedies are listed in."""


class NoncomplianceFacts(FactsModel):
    jurisdiction: Literal["UT", "CA", "AR", "federal"] = Field(description=(
        "Whose law: Utah, California, Arkansas, or federal (another state)."))
    failed_duty: Literal["insure", "pay_share"] = Field(description=(
        "insure: the other parent was ordered to obtain or keep health insurance and did not; pay_share: ordered "
        "to pay a share of the medical costs and did not."))
    local_agency_enforcing: bool | None = Field(default=None, description=(
        "California only: whether the local child support agency enforces this case (17422(c)(3)); without it, "
        "a failure to insure lists the agency's duty as holding if it does."))


# The working, one typed step kind per line shape. --------------------------------------------------------------

class RemedyStep(NamedTuple):
    """One remedy the sources give for this failure, with the law that gives it (``value`` ``available``)."""

    code: Remedy
    expression: str
    value: Literal["available"]
    citations: tuple[str, ...]
    as_json = step_json
    args = step_args


Code = Literal["liability_order", "agency_must_act", "agency_if_enforcing", "coverage_assignment",
               "motion_to_enforce", "ocse_may_enforce_order", "court_order_needed", "court_recourse"]
"""The outcome codes of remedies.noncompliance, a public contract: kept, added to, never renamed."""


def _remedies(facts: NoncomplianceFacts) -> tuple[Code, dict[str, tuple[str, ...]]]:
    """The outcome and each remedy with its law, by jurisdiction and the duty that failed."""
    insure = facts.failed_duty == "insure"
    if facts.jurisdiction == "UT":
        # 81-6-208(11)(a)(i): an order determining the parent's liability for the child's medical expenses,
        # (B) when ordered to obtain insurance and failed to, (A) when ordered to share the expenses;
        # (11)(b) when the prior order gives no proportions; (11)(c) whenever the order was issued.
        ground = "Utah Code 81-6-208(11)(a)(i)(B)" if insure else "Utah Code 81-6-208(11)(a)(i)(A)"
        return "liability_order", {"liability_order": (ground, "Utah Code 81-6-208(11)(b)",
                                                       "Utah Code 81-6-208(11)(c)")}
    if facts.jurisdiction == "CA":
        if not insure:
            return "motion_to_enforce", {
                "judicial_relief": ("Cal. Fam. Code 4063(b)(4)",),  # "fails to pay ... may seek judicial relief"
                "noticed_motion": ("Cal. Fam. Code 4063(c)",),  # "a noticed motion to enforce"
                "filing_costs_and_fees": ("Cal. Fam. Code 4063(c)",),  # "acted without reasonable cause"
            }
        found = {"coverage_assignment": (CA_ASSIGNMENT,)}  # a coverage assignment to the employer, unless good cause
        if facts.local_agency_enforcing is False:
            return "coverage_assignment", found
        # 17422(c)(3): "shall take appropriate action, civil or criminal", when the agency enforces the case
        agency = {"agency_enforcement": ("Cal. Fam. Code 17422(c)(3)",), **found}
        return ("agency_must_act" if facts.local_agency_enforcing else "agency_if_enforcing"), agency
    if facts.jurisdiction == "AR":
        if insure:  # "the OCSE may still enforce the medical support order"
            return "ocse_may_enforce_order", {"ocse_enforces_order": (AR_ENFORCE,)}
        # "uninsured medical claims are not enforced by the OCSE unless the court orders it to do so"
        return "court_order_needed", {"court_order_for_uninsured_claims": (AR_UNINSURED,)}
    # Seed 001: recourse from the court: compensation, a portion of the bills, in extreme cases contempt.
    return "court_recourse", {"court_compensation": (GENERAL,), "court_share_of_bills": (GENERAL,),
                              "contempt": (GENERAL,)}


@rule(RULE_ID, NoncomplianceFacts, REFERENCE, outcomes=Code)
def noncompliance(facts: NoncomplianceFacts, explain: bool = True) -> Outcome:
    if facts.local_agency_enforcing is not None and facts.jurisdiction != "CA":
        raise Refused("local_agency_enforcing", "local_agency_only_in_ca",
                      "local_agency_enforcing: the local child support agency is California's (17422); "
                      "leave it out outside CA")
    outcome, found = _remedies(facts)
    remedies = [code for code in REMEDIES if code in found]
    steps: list[Step] = []
    if explain:
        situation = f"jurisdiction = {facts.jurisdiction}, failed_duty = {facts.failed_duty}"
        steps = [RemedyStep(code, situation, "available", found[code]) for code in remedies]  # type: ignore[arg-type]
    citations = tuple(dict.fromkeys(cite for code in remedies for cite in found[code]))
    figures = {"remedies": remedies, "remedy_citations": {code: list(found[code]) for code in remedies},
               "local_agency_enforcing": facts.local_agency_enforcing}
    return Outcome(RULE_ID, outcome, figures, citations, tuple(steps))
