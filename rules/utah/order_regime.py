"""ut.order_regime: which medical-support law governs a Utah order (81-6-208(2), (6); CS 407P).

Utah Code 81-6-208(2): "Except as provided in Subsection (4), a child support
order issued or modified in this state on or after May 3, 2023, shall require
compliance with the requirements described in Subsection (3) as of the effective
date of the child support order."
(6): "Subject to Subsection (4), if a child support order does not contain the
requirements described in Subsection (3): (a) the parents are nonetheless
subject to the requirements described in Subsection (3), as applicable".
CS 407P Procedures - No Insurance Provision in Order: "If a Utah order issued on
or after July 1, 1994 but before May 3, 2023 does not have an insurance
provision and the NCP or the CP voluntarily enrolls the child(ren) in an
insurance plan, pursuant to Utah Code 81-6-208(8) the parent may receive an
insurance credit." Orders before July 1, 1994 are not covered: staff review.
CS 407P Procedures - Giving the Insurance Credit 2, Modified Orders:
  "a. ... insurance credit is NOT addressed in the order. If that order is later
   modified to change only the child support amount and insurance credit is NOT
   addressed in the modification, apply the insurance credit laws that are in
   effect at the time of the modification.
   b. ... insurance credit IS addressed in the order. If that order is later
   modified to change just the child support amount and insurance credit is NOT
   addressed in the modification, continue to enforce the provision as stated in
   the original order."

Precedence decided here:
1. The regime date is modified_date when given, else order_date; on or after
   May 3, 2023 -> ``by_operation_of_law`` (81-6-208(2) covers "issued or modified").
2. A modification before then that addressed the credit -> ``provision_in_order``
   (the modification's provision governs); one that did not ->
   ``original_provision_continues`` when the original did, else
   ``law_at_modification`` (figure ``law_in_effect`` names that law). One of the
   two flags without the other, when the answer needs it, is refused ``missing``.
3. A modified order with neither flag, and an unmodified order, are judged at the
   regime date: ``provision_in_order`` with a provision, else
   ``voluntary_credit_allowed`` from July 1, 1994, else ``before_1994``.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from datetime import date

from ..base import FactsModel, Outcome, Refused, Step, step_args, step_json
from ..parameters import UT_OPERATION_OF_LAW_FROM, UT_VOLUNTARY_CREDIT_FROM
from ..registry import rule

RULE_ID = "ut.order_regime"
REFERENCE = (
    "Utah Code 81-6-208(2)",
    "Utah Code 81-6-208(6)",
    "CS 407P Procedures - No Insurance Provision in Order",
    "CS 407P Procedures - Giving the Insurance Credit 2",
)
CITE = {
    "by_operation_of_law": REFERENCE[:2],
    "provision_in_order": ("Utah Code 81-6-208(3)",),
    "voluntary_credit_allowed": (REFERENCE[2], "Utah Code 81-6-208(8)"),
    "before_1994": (REFERENCE[2],),
    "law_at_modification": ("CS 407P Procedures - Giving the Insurance Credit 2.a",),
    "original_provision_continues": ("CS 407P Procedures - Giving the Insurance Credit 2.b",),
}


class OrderRegimeFacts(FactsModel):
    order_date: date
    has_medical_provision: bool
    modified_date: date | None = None
    original_addressed_credit: bool | None = None
    modification_addressed_credit: bool | None = None


# The working, one typed step kind per line shape. --------------------------------------------------------------

class DateTest(NamedTuple):
    """``operation_of_law`` (regime date on or after May 3, 2023: 81-6-208(2)) and ``voluntary_credit``
    (on or after July 1, 1994: CS 407P No Insurance Provision in Order), ``met`` or ``not_met``.
    The threshold is the field ``from_``, ``from`` in ``args``."""

    code: Literal["operation_of_law", "voluntary_credit"]
    expression: str
    value: Literal["met", "not_met"]
    regime_date: date
    from_: date
    as_json = step_json
    args = step_args
    _arg_names = {"from_": "from"}


class FlagTest(NamedTuple):
    """``has_medical_provision``, ``modification_addressed_credit``, ``original_addressed_credit``: a yes or no
    fact of the order that decides which provision governs (CS 407P Giving the Insurance Credit 2)."""

    code: Literal["has_medical_provision", "modification_addressed_credit", "original_addressed_credit"]
    expression: str
    value: Literal["met", "not_met"]
    as_json = step_json
    args = step_args


def _law_at(day: date) -> str:
    """The regime of an order without a provision made on this day."""
    if day >= UT_OPERATION_OF_LAW_FROM.at(day):
        return "by_operation_of_law"
    return "voluntary_credit_allowed" if day >= UT_VOLUNTARY_CREDIT_FROM.at(day) else "before_1994"


def _check(facts: OrderRegimeFacts) -> None:
    if facts.modified_date and facts.modified_date < facts.order_date:
        raise Refused("modified_date", "date_before_order_date",
                      f"modified_date: {facts.modified_date} is before the order ({facts.order_date}); "
                      "expected the date the order was modified, on or after order_date")
    if facts.modified_date is None:
        for name in ("original_addressed_credit", "modification_addressed_credit"):
            if getattr(facts, name) is not None:
                raise Refused(name, "needs_modified_date",
                              f"{name}: applies only to a modified order; give modified_date too, or leave it out")


Code = Literal[
    "by_operation_of_law",
    "provision_in_order",
    "voluntary_credit_allowed",
    "before_1994",
    "law_at_modification",
    "original_provision_continues",
]
"""The outcome codes of ut.order_regime, a public contract: kept, added to, never renamed."""


@rule(RULE_ID, OrderRegimeFacts, REFERENCE, outcomes=Code)
def order_regime(facts: OrderRegimeFacts, explain: bool = True) -> Outcome:
    _check(facts)
    modified = facts.modified_date
    original, modification = facts.original_addressed_credit, facts.modification_addressed_credit
    regime_date = modified or facts.order_date
    law_from = UT_OPERATION_OF_LAW_FROM.at(regime_date)
    law_in_effect = None
    steps: list[Step] = [DateTest("operation_of_law", f"{regime_date} >= {law_from}",
                                  "met" if regime_date >= law_from else "not_met", regime_date, law_from)] \
        if explain else []

    if regime_date >= law_from:
        outcome = "by_operation_of_law"
    elif modified and (original is not None or modification is not None):
        if modification is None or (modification is False and original is None):
            name = "modification_addressed_credit" if modification is None else "original_addressed_credit"
            raise Refused(name, "missing", f"{name}: needed, true or false, to tell which provision governs "
                                           "the modified order")
        if explain:
            steps.append(FlagTest("modification_addressed_credit",
                                  f"modification_addressed_credit = {str(modification).lower()}",
                                  "met" if modification else "not_met"))
        if modification:
            outcome = "provision_in_order"
        else:
            if explain:
                steps.append(FlagTest("original_addressed_credit", f"original_addressed_credit = {str(original).lower()}",
                                      "met" if original else "not_met"))
            if original:
                outcome, regime_date = "original_provision_continues", facts.order_date
            else:
                outcome, law_in_effect = "law_at_modification", _law_at(modified)
    else:
        if explain:
            steps.append(FlagTest("has_medical_provision",
                                  f"has_medical_provision = {str(facts.has_medical_provision).lower()}",
                                  "met" if facts.has_medical_provision else "not_met"))
        outcome = "provision_in_order" if facts.has_medical_provision else _law_at(regime_date)
        if outcome != "provision_in_order" and explain:
            voluntary_from = UT_VOLUNTARY_CREDIT_FROM.at(regime_date)
            steps.append(DateTest("voluntary_credit", f"{regime_date} >= {voluntary_from}",
                                  "met" if outcome == "voluntary_credit_allowed" else "not_met",
                                  regime_date, voluntary_from))

    figures = {
        "regime_date": regime_date,
        "operation_of_law_from": law_from,
        "voluntary_credit_from": UT_VOLUNTARY_CREDIT_FROM.at(regime_date),
        "law_in_effect": law_in_effect,
    }
    return Outcome(RULE_ID, outcome, figures, CITE[outcome], tuple(steps) if explain else ())
