"""ar.ocse_medical_support: when the Arkansas child support office seeks medical support.

Arkansas OCSE, "General Questions about OCSE" (seed 002):
  the custodial parent may petition "to request a share of the health insurance
  benefits that the non-custodial parent receives. This is applicable only when
  the custodial parent and the children do not have satisfactory health
  insurance benefits."
  "The OCSE may also enforce an order for medical insurance coverage of the
  child, if the custodial parent has expressed the need on the application. If
  the custodial parent is a recipient of public assistance benefits, the OCSE
  automatically provides the medical coverage for the child. The OCSE will
  submit a petition to the court, including a request for medical support
  provision, which requires the noncustodial parent to provide medical insurance."
  "If there is an existing child support order, the OCSE may still enforce the
  medical support order ... If the child support order has no provision for
  medical insurance, the OCSE may insist that the order be modified and include
  an insurance requirement at the same time. However, uninsured medical claims
  are not enforced by the OCSE unless the court orders it to do so."

The seed cites no statute, so the citations name it. Decided here: satisfactory
coverage means no petition; without public assistance the office acts once
the need is expressed on the application (``request_needed`` until then); an
order that already has a medical provision is enforced (``ocse_may_enforce_order``).
A support order is assumed to exist (this guide is about one) unless
``has_support_order`` is false; then the office petitions for a new order.
An existing medical order that is not being obeyed (``existing_order_not_complied``)
may be enforced by the office even when the children have satisfactory coverage
("If there is an existing child support order, the OCSE may still enforce the
medical support order irrespective of the existing one"): ``ocse_may_enforce_order``.
The fact stands for that medical order, which may be apart from the support
order, so neither ``order_has_medical_provision`` nor ``has_support_order`` is
needed with it.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from pydantic import Field

from ..base import FactsModel, Outcome, Refused, Step, facts_args, step_json
from ..registry import rule

RULE_ID = "ar.ocse_medical_support"
SOURCE = "Arkansas OCSE, General Questions about OCSE"
PETITION = f"{SOURCE}: petition for medical support"
ORDERS = f"{SOURCE}: existing orders without a medical provision"
UNINSURED = f"{SOURCE}: uninsured medical claims"
ENFORCE = f"{SOURCE}: enforcing an existing order"
REFERENCE = (PETITION, ORDERS, UNINSURED, ENFORCE)

ACTIONS = {
    "no_petition_needed": [],
    "request_needed": ["request_medical_support_on_application"],
    "ocse_petitions": ["petition_court_for_medical_support"],
    "ocse_may_modify_order": ["ask_court_to_add_insurance_to_order"],
    "ocse_may_enforce_order": ["enforce_medical_support_order"],
}


class OcseMedicalSupportFacts(FactsModel):
    custodial_has_satisfactory_coverage: bool
    receives_public_assistance: bool = False
    requested_on_application: bool = False
    has_support_order: bool = True
    order_has_medical_provision: bool = False
    court_ordered_uninsured_enforcement: bool = False
    existing_order_not_complied: bool = Field(default=False, description=(
        "An existing order for medical support (insurance) is not being obeyed: the office may enforce it even "
        "when the children have satisfactory coverage."))


# The working, one typed step kind per line shape. --------------------------------------------------------------

class FactTest(NamedTuple):
    """A test the office's action turns on: ``satisfactory_coverage``, ``office_acts`` (public assistance, or
    the need stated on the application), ``medical_provision``, ``uninsured_claims`` (``value`` ``true`` or
    ``false``), ``order_not_complied`` (an existing medical order not obeyed); ``args`` gives every fact by name."""

    code: Literal["satisfactory_coverage", "office_acts", "medical_provision", "uninsured_claims",
                  "order_not_complied"]
    expression: str
    value: Literal["true", "false"]
    facts: OcseMedicalSupportFacts
    as_json = step_json
    args = facts_args


Code = Literal[
    "no_petition_needed",
    "request_needed",
    "ocse_petitions",
    "ocse_may_modify_order",
    "ocse_may_enforce_order",
]
"""The outcome codes of ar.ocse_medical_support, a public contract: kept, added to, never renamed."""


@rule(RULE_ID, OcseMedicalSupportFacts, REFERENCE, outcomes=Code)
def ocse_medical_support(facts: OcseMedicalSupportFacts, explain: bool = True) -> Outcome:
    if facts.order_has_medical_provision and not facts.has_support_order:
        raise Refused("order_has_medical_provision", "no_support_order",
                      "order_has_medical_provision: has_support_order is false, so there is no order to have a "
                      "provision; expected false here, or has_support_order true")
    steps: list[Step] = [FactTest("satisfactory_coverage", "custodial_has_satisfactory_coverage",
                                  str(facts.custodial_has_satisfactory_coverage).lower(), facts)] if explain else []
    citations = [PETITION]
    if facts.existing_order_not_complied:  # "If there is an existing child support order, the OCSE may still enforce"
        if explain:
            steps.append(FactTest("order_not_complied", "existing_order_not_complied", "true", facts))
        outcome = "ocse_may_enforce_order"
        citations = [ENFORCE]
    elif facts.custodial_has_satisfactory_coverage:
        outcome = "no_petition_needed"
    else:
        acts = facts.receives_public_assistance or facts.requested_on_application
        if explain:
            steps.append(FactTest("office_acts", "receives_public_assistance or requested_on_application",
                                  str(acts).lower(), facts))
        if not acts:
            outcome = "request_needed"
        elif not facts.has_support_order:
            outcome = "ocse_petitions"
        else:
            if explain:
                steps.append(FactTest("medical_provision", "order_has_medical_provision",
                                      str(facts.order_has_medical_provision).lower(), facts))
            outcome = "ocse_may_enforce_order" if facts.order_has_medical_provision else "ocse_may_modify_order"
            citations.append(ORDERS)
    if explain:
        steps.append(FactTest("uninsured_claims", "court_ordered_uninsured_enforcement",
                              str(facts.court_ordered_uninsured_enforcement).lower(), facts))
    citations.append(UNINSURED)
    figures = {
        "automatic": facts.receives_public_assistance and not facts.custodial_has_satisfactory_coverage,
        "uninsured_claims_enforced": facts.court_ordered_uninsured_enforcement,
        "actions": list(ACTIONS[outcome]),
    }
    return Outcome(RULE_ID, outcome, figures, tuple(citations), tuple(steps))
