"""ca.reimbursement_deadlines: the itemized statement and the reimbursement, and when.

Cal. Fam. Code 4063(b): "Unless there has been an assignment of rights pursuant
  to Section 11477 of the Welfare and Institutions Code, when either parent
  accrues or pays costs pursuant to an order under this section, that parent
  shall provide the other parent with an itemized statement of the costs within
  a reasonable time, but not more than 30 days after accruing the costs.
  (1) If a parent has already paid all of these costs, that parent shall
  provide proof of payment and a request for reimbursement of his or her
  court-ordered share to the other parent.
  (2) If a parent has paid his or her court-ordered share of the costs only,
  that parent shall provide proof of payment to the other parent, request the
  other parent to pay the remainder of the costs directly to the provider ...
  (3) The other parent shall make the reimbursement or pay the remaining costs
  within the time period specified by the court, or, if no period is specified,
  within a reasonable time not to exceed 30 days from notification of the
  amount due, or according to any payment schedule set by the health care
  provider ...
  (4) If the reimbursing parent disputes a request for payment, that parent
  shall pay the requested amount and thereafter may seek judicial relief ..."
4063(g)(4): "The reasonable inability of a parent to pay the full amount of
  reimbursement within a 30-day period and the resulting necessity for a
  court-ordered payment schedule."

4063(b)(3) goes on: "or according to any payment schedule set by the health care
  provider for either parent unless the parties agree in writing to another
  payment schedule or the court finds good cause for setting another payment
  schedule."

The dates are the latest allowed ("not more than", "not to exceed").
``costs_accrued_on`` is the date of the care (4063(b): "not more than 30 days
after accruing the costs"), not the day they were paid. The payment is due
within the period the court set (``court_period_days``); if it set none, by the
payment schedule of the provider or of the parents' written agreement when one
applies (``payment_schedule``, echoed as a figure; no date is computed then),
and only otherwise within 30 days of the notification. ``payment_basis`` says
which; ``notified_on`` echoes the notification (null when not given). ``payment_due`` is null until the other parent has been notified (or when
a schedule governs). With ``as_of`` (today), ``statement_passed`` says whether
the statement's last day has passed with no notification given yet (null once
notified: ``statement_late`` then says whether the notification came after that
day), and ``payment_passed`` whether the payment's last day has passed (null
while it is not known). With an assignment of rights (``rights_assigned``) the
subdivision does not apply: outcome ``not_applicable``. A notification before
the costs accrued is refused.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal, NamedTuple

from pydantic import Field

from ..base import FactsModel, Outcome, Refused, Step, step_args, step_json
from ..parameters import CA_ITEMIZED_STATEMENT_DAYS, CA_REIMBURSE_DAYS
from ..registry import rule

RULE_ID = "ca.reimbursement_deadlines"
REFERENCE = (
    "Cal. Fam. Code 4063(b)",
    "Cal. Fam. Code 4063(b)(1)",
    "Cal. Fam. Code 4063(b)(2)",
    "Cal. Fam. Code 4063(b)(3)",
    "Cal. Fam. Code 4063(b)(4)",
    "Cal. Fam. Code 4063(g)(4)",
)


class ReimbursementFacts(FactsModel):
    costs_accrued_on: date = Field(description=(
        "The date of the care: the costs accrue then (4063(b) 'after accruing the costs'), not when they are paid."))
    paid_all: bool
    notified_on: date | None = None
    court_period_days: int | None = Field(default=None, ge=1)
    disputed: bool = False
    can_pay_within_30_days: bool = True
    rights_assigned: bool = False
    payment_schedule: Literal["provider", "written_agreement"] | None = Field(default=None, description=(
        "A payment schedule that governs the payment when the court set no period: the health care provider's, "
        "or one the parents agreed in writing (4063(b)(3))."))
    as_of: date | None = Field(default=None, description="Today: says whether the deadlines have passed.")


# The working, one typed step kind per line shape. --------------------------------------------------------------

class RightsAssigned(NamedTuple):
    """``rights_assigned``: with an assignment of rights, 4063(b) does not apply."""

    code: Literal["rights_assigned"]
    expression: str
    value: Literal["not_applicable"]
    as_json = step_json
    args = step_args


class StatementDue(NamedTuple):
    """``statement_due``: the itemized statement, 30 days after the costs accrued (4063(b))."""

    code: Literal["statement_due"]
    expression: str
    value: str
    accrued: date
    days: int
    as_json = step_json
    args = step_args


class ScheduleStep(NamedTuple):
    """``payment_schedule``: with no period from the court, the provider's schedule or the parents' written one
    governs the payment (4063(b)(3)); no date is computed."""

    code: Literal["payment_schedule"]
    expression: str
    value: Literal["provider", "written_agreement"]
    as_json = step_json
    args = step_args


class Passed(NamedTuple):
    """``statement_passed`` and ``payment_passed``: today is after the last day (``value`` ``true`` or ``false``)."""

    code: Literal["statement_passed", "payment_passed"]
    expression: str
    value: Literal["true", "false"]
    as_of: date
    due: date
    as_json = step_json
    args = step_args


class PaymentDue(NamedTuple):
    """``court_period`` (the period the court set) or ``default_period`` (30 days), from the notification
    (4063(b)(3))."""

    code: Literal["court_period", "default_period"]
    expression: str
    value: str
    notified: date
    days: int
    as_json = step_json
    args = step_args


def _add(start: date, days: int, field: str) -> date:
    try:
        return start + timedelta(days=days)
    except OverflowError:
        raise Refused(field, "date_out_of_range",
                      f"{field}: {start.isoformat()} plus {days} days is past the last date this guide can show; "
                      f"expected a date and period within the calendar") from None


Code = Literal["deadlines", "not_applicable"]
"""The outcome codes of ca.reimbursement_deadlines, a public contract: kept, added to, never renamed."""


@rule(RULE_ID, ReimbursementFacts, REFERENCE, outcomes=Code)
def reimbursement_deadlines(facts: ReimbursementFacts, explain: bool = True) -> Outcome:
    accrued, notified = facts.costs_accrued_on, facts.notified_on
    if notified is not None and notified < accrued:
        raise Refused("notified_on", "notified_before_costs_accrued",
                      f"notified_on: {notified.isoformat()} is before the costs accrued on {accrued.isoformat()}; "
                      f"expected the notification on or after that day")
    today = facts.as_of
    if today is not None and today < accrued:
        raise Refused("as_of", "date_before_costs_accrued",
                      f"as_of: {today.isoformat()} is before the costs accrued on {accrued.isoformat()}; "
                      "expected today, on or after the date of care")
    if today is not None and notified is not None and notified > today:
        raise Refused("notified_on", "date_in_future",
                      f"notified_on: {notified.isoformat()} is after as_of ({today.isoformat()}); "
                      "expected the date the other parent was told the amount, on or before as_of")
    if facts.rights_assigned:
        figures = {"statement_due": None, "payment_due": None, "notified_on": notified, "actions": [], "payment_basis": None,
                   "payment_schedule": facts.payment_schedule, "statement_passed": None, "statement_late": None,
                   "payment_passed": None}
        steps = (RightsAssigned("rights_assigned", "rights_assigned = true", "not_applicable"),) if explain else ()
        return Outcome(RULE_ID, "not_applicable", figures, ("Cal. Fam. Code 4063(b)",), steps)

    statement_days = CA_ITEMIZED_STATEMENT_DAYS.at(accrued)
    statement_due = _add(accrued, statement_days, "costs_accrued_on")
    steps: list[Step] = [StatementDue("statement_due", f"{accrued.isoformat()} + {statement_days} days",
                                      statement_due.isoformat(), accrued, statement_days)] if explain else []
    citations = ["Cal. Fam. Code 4063(b)"]
    actions = ["send_itemized_statement"]
    if facts.paid_all:
        actions.append("send_proof_and_request_reimbursement")
        citations.append("Cal. Fam. Code 4063(b)(1)")
    else:
        actions.append("ask_other_parent_to_pay_provider")
        citations.append("Cal. Fam. Code 4063(b)(2)")

    payment_due, basis = None, None
    if facts.court_period_days is None and facts.payment_schedule is not None:  # 4063(b)(3): "or according to"
        basis = "payment_schedule"
        citations.append("Cal. Fam. Code 4063(b)(3)")
        if explain:
            steps.append(ScheduleStep("payment_schedule", f"court_period_days = not given, payment_schedule = "
                                      f"{facts.payment_schedule}", facts.payment_schedule))
    elif notified is not None:
        if facts.court_period_days is not None:  # 4063(b)(3): "within the time period specified by the court"
            days, code = facts.court_period_days, "court_period"
        else:  # "if no period is specified, within a reasonable time not to exceed 30 days from notification"
            days, code = CA_REIMBURSE_DAYS.at(notified), "default_period"
        payment_due, basis = _add(notified, days, "court_period_days" if code == "court_period" else "notified_on"), code
        if explain:
            steps.append(PaymentDue(code, f"{notified.isoformat()} + {days} days", payment_due.isoformat(),  # type: ignore[arg-type]
                                    notified, days))
        citations.append("Cal. Fam. Code 4063(b)(3)")
    statement_passed = today > statement_due if today is not None and notified is None else None
    statement_late = notified > statement_due if notified is not None else None
    payment_passed = today > payment_due if today is not None and payment_due is not None else None
    if explain:
        for code, due, passed in (("statement_passed", statement_due, statement_passed),
                                  ("payment_passed", payment_due, payment_passed)):
            if passed is not None:
                steps.append(Passed(code, f"{today} > {due}", str(passed).lower(), today, due))  # type: ignore[arg-type]
    if facts.disputed:
        actions.append("pay_then_ask_court")
        citations.append("Cal. Fam. Code 4063(b)(4)")
    if not facts.can_pay_within_30_days:
        actions.append("ask_for_payment_schedule")
        citations.append("Cal. Fam. Code 4063(g)(4)")
    figures = {"statement_due": statement_due, "payment_due": payment_due, "notified_on": notified, "actions": actions,
               "payment_basis": basis, "payment_schedule": facts.payment_schedule,
               "statement_passed": statement_passed, "statement_late": statement_late,
               "payment_passed": payment_passed}
    return Outcome(RULE_ID, "deadlines", figures, tuple(citations), tuple(steps))
