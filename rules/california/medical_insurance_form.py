"""ca.medical_insurance_form: the state medical insurance form and a lapse in coverage.

Cal. Fam. Code 17422(a): the form "shall include, but shall not be limited to,
  all of the following:
  (1) The parent or parents' names, addresses, and social security numbers.
  (2) The name and address of each parent's place of employment.
  (3) The name or names, addresses, policy number or numbers, and coverage type
  of the medical insurance policy or policies of the parents, if any.
  (4) The name, CalWORKs case number, social security number, and Title IV-E
  foster care case number or Medi-Cal case numbers of the parents and children
  covered by the medical insurance policy or policies."
17422(c): "(1) The local child support agency shall request employers and other
  groups offering health insurance coverage ... to notify the local child
  support agency if there has been a lapse in insurance coverage. The local
  child support agency shall be responsible for forwarding information
  pertaining to the health insurance policy ... to the custodial parent.
  (2) ... The State Department of Health Services shall notify the local child
  support agency when there has been a lapse in court-ordered insurance
  coverage. (3) The local child support agency shall take appropriate action,
  civil or criminal, to enforce the obligation to obtain health insurance when
  there has been a lapse in insurance coverage ..."

Each content fact is one paragraph of 17422(a); ``missing`` lists those not
present, in the statute's order. The lapse duties are listed when coverage lapsed.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from ..base import FactsModel, Outcome, Step, step_args, step_json
from ..registry import rule

RULE_ID = "ca.medical_insurance_form"
REFERENCE = (
    "Cal. Fam. Code 17422(a)(1)",
    "Cal. Fam. Code 17422(a)(2)",
    "Cal. Fam. Code 17422(a)(3)",
    "Cal. Fam. Code 17422(a)(4)",
    "Cal. Fam. Code 17422(c)(1)",
    "Cal. Fam. Code 17422(c)(2)",
    "Cal. Fam. Code 17422(c)(3)",
)

CONTENTS = {
    "parent_names_addresses_ssn": "Cal. Fam. Code 17422(a)(1)",
    "employer_names_addresses": "Cal. Fam. Code 17422(a)(2)",
    "policy_details": "Cal. Fam. Code 17422(a)(3)",
    "covered_persons_case_numbers": "Cal. Fam. Code 17422(a)(4)",
}

# Who does what after a lapse, each with its paragraph.
LAPSE_DUTIES = {
    "employer_notifies_agency": "Cal. Fam. Code 17422(c)(1)",
    "health_services_notifies_agency": "Cal. Fam. Code 17422(c)(2)",
    "agency_enforces": "Cal. Fam. Code 17422(c)(3)",
}


# The working, one typed step kind per line shape. --------------------------------------------------------------

class ContentStep(NamedTuple):
    """One paragraph of 17422(a) the form has or lacks (``value`` ``true`` or ``false``), with its citation."""

    code: Literal["parent_names_addresses_ssn", "employer_names_addresses", "policy_details",
                  "covered_persons_case_numbers"]
    expression: str
    value: Literal["true", "false"]
    citation: str
    as_json = step_json
    args = step_args


class LapseStep(NamedTuple):
    """``coverage_lapsed``: whether the 17422(c) duties after a lapse are listed."""

    code: Literal["coverage_lapsed"]
    expression: str
    value: Literal["true", "false"]
    as_json = step_json
    args = step_args


class MedicalInsuranceFormFacts(FactsModel):
    parent_names_addresses_ssn: bool
    employer_names_addresses: bool
    policy_details: bool
    covered_persons_case_numbers: bool
    coverage_lapsed: bool = False


Code = Literal["form_complete", "form_incomplete"]
"""The outcome codes of ca.medical_insurance_form, a public contract: kept, added to, never renamed."""


@rule(RULE_ID, MedicalInsuranceFormFacts, REFERENCE, outcomes=Code)
def medical_insurance_form(facts: MedicalInsuranceFormFacts, explain: bool = True) -> Outcome:
    steps: list[Step] = [ContentStep(name, name, str(getattr(facts, name)).lower(), cite)  # type: ignore[arg-type]
                         for name, cite in CONTENTS.items()] if explain else []
    missing = [name for name in CONTENTS if not getattr(facts, name)]
    duties = list(LAPSE_DUTIES) if facts.coverage_lapsed else []
    if explain:
        steps.append(LapseStep("coverage_lapsed", "coverage_lapsed", str(facts.coverage_lapsed).lower()))
    citations = tuple(CONTENTS[name] for name in missing) or tuple(CONTENTS.values())
    if duties:
        citations += tuple(dict.fromkeys(LAPSE_DUTIES.values()))
    outcome = "form_incomplete" if missing else "form_complete"
    return Outcome(RULE_ID, outcome, {"missing": missing, "lapse_duties": duties}, citations, tuple(steps))
