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

The dates are the latest allowed ("not more than", "not to exceed"). A provider's
payment schedule, or one the parents agree in writing, may also govern the
payment; that is not computed here. ``payment_due`` is null until the other
parent has been notified. With an assignment of rights (``rights_assigned``)
the subdivision does not apply: outcome ``not_applicable``. A notification
before the costs accrued is refused.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from datetime import date, timedelta

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
    costs_accrued_on: date
    paid_all: bool
    notified_on: date | None = None
    court_period_days: int | None = Field(default=None, ge=1)
    disputed: bool = False
    can_pay_within_30_days: bool = True
    rights_assigned: bool = False


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
    if facts.rights_assigned:
        figures = {"statement_due": None, "payment_due": None, "actions": []}
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

    payment_due = None
    if notified is not None:
        if facts.court_period_days is not None:
            days, code = facts.court_period_days, "court_period"
        else:
            days, code = CA_REIMBURSE_DAYS.at(notified), "default_period"
        payment_due = _add(notified, days, "court_period_days" if code == "court_period" else "notified_on")
        if explain:
            steps.append(PaymentDue(code, f"{notified.isoformat()} + {days} days", payment_due.isoformat(),  # type: ignore[arg-type]
                                    notified, days))
        citations.append("Cal. Fam. Code 4063(b)(3)")
    if facts.disputed:
        actions.append("pay_then_ask_court")
        citations.append("Cal. Fam. Code 4063(b)(4)")
    if not facts.can_pay_within_30_days:
        actions.append("ask_for_payment_schedule")
        citations.append("Cal. Fam. Code 4063(g)(4)")
    figures = {"statement_due": statement_due, "payment_due": payment_due, "actions": actions}
    return Outcome(RULE_ID, "deadlines", figures, tuple(citations), tuple(steps))
