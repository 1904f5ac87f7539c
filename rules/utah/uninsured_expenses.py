"""ut.uninsured_expenses: the other parent's half of an uninsured medical expense (Utah).

Utah Code 81-6-208(3)(e): a child support order shall "include a provision that
requires each parent to equally share all reasonable and necessary uninsured and
unreimbursed medical and dental expenses incurred for a child, including
co-payments, co-insurance, and deductibles."
(10)(c): "A parent who incurs medical expenses shall provide written
verification of the cost and payment of medical expenses to the other parent
within 30 days of payment."
(10)(d): "The court may deny a parent incurring medical expenses the right to
receive credit for the expenses or to recover the other parent's share of the
expenses if that parent fails to comply with this Subsection (10)."

Decided here: the half is cut to the cent, so the parent who paid absorbs an odd
cent (100.01 -> 50.00 owed). "Within 30 days of payment" counts from the day
after payment: paid_on + 30 days is the last day in time. A verification sent
late puts recovery at risk; the court may still allow it. An expense of 0.00 is
refused (``must_be_positive``): there is nothing to share.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Literal, NamedTuple

from ..base import FactsModel, Money, Outcome, Refused, Step, cut, money, step_args, step_json
from ..parameters import UT_EXPENSE_SHARE, UT_EXPENSE_VERIFICATION_DAYS
from ..registry import rule

RULE_ID = "ut.uninsured_expenses"
REFERENCE = (
    "Utah Code 81-6-208(3)(e)",
    "Utah Code 81-6-208(10)(c)",
    "Utah Code 81-6-208(10)(d)",
)

OTHER = {"parent_a": "parent_b", "parent_b": "parent_a"}


class UninsuredExpensesFacts(FactsModel):
    amount: Money
    paid_by: Literal["parent_a", "parent_b"]
    paid_on: date
    verification_sent_on: date | None = None


class ExpenseStep(NamedTuple):
    """A line of the working: ``other_parent_owes`` (the amount x the other parent's share, cut),
    ``paid_by_keeps`` (the rest), ``verification_due`` (paid_on + 30 days, 81-6-208(10)(c)) and
    ``verification_in_time`` (the proof sent by then, ``met`` or ``not_met``)."""

    code: Literal["other_parent_owes", "paid_by_keeps", "verification_due", "verification_in_time"]
    expression: str
    value: str
    amount: Decimal
    share: Decimal
    """The other parent's share, as a fraction (0.5 when shared equally)."""
    owes: Decimal
    paid_on: date
    days: int
    due: date
    sent: date | None
    owed_by: Literal["parent_a", "parent_b"]
    as_json = step_json
    args = step_args


Code = Literal["share_due", "recovery_at_risk"]
"""The outcome codes of ut.uninsured_expenses, a public contract: kept, added to, never renamed."""


@rule(RULE_ID, UninsuredExpensesFacts, REFERENCE, outcomes=Code)
def uninsured_expenses(facts: UninsuredExpensesFacts, explain: bool = True) -> Outcome:
    if facts.amount <= 0:
        raise Refused("amount", "must_be_positive",
                      "amount: expected the amount paid for the expense, more than 0.00")
    sent = facts.verification_sent_on
    if sent and sent < facts.paid_on:
        raise Refused("verification_sent_on", "date_before_paid_on",
                      f"verification_sent_on: {sent} is before the payment ({facts.paid_on}); "
                      "expected the date the verification of payment was sent, on or after paid_on")

    amount = money(facts.amount)
    share = UT_EXPENSE_SHARE.at(facts.paid_on)
    owes = money(cut(amount * share))
    days = UT_EXPENSE_VERIFICATION_DAYS.at(facts.paid_on)
    try:
        due = facts.paid_on + timedelta(days=days)
    except OverflowError:
        raise Refused("paid_on", "date_out_of_range",
                      f"paid_on: {facts.paid_on.isoformat()} plus {days} days is past the last date this guide can "
                      f"show ({date.max.isoformat()}); expected a date within the calendar") from None
    late = sent is not None and sent > due
    steps: list[Step] = []
    if explain:
        ops = (amount, share, owes, facts.paid_on, days, due, sent, OTHER[facts.paid_by])
        steps = [
            ExpenseStep("other_parent_owes", f"{amount} x {share:%}", str(owes), *ops),
            ExpenseStep("paid_by_keeps", f"{amount} - {owes}", str(amount - owes), *ops),
            ExpenseStep("verification_due", f"{facts.paid_on} + {days} days", due.isoformat(), *ops),
        ]
    if sent and explain:
        steps.append(ExpenseStep("verification_in_time", f"{sent} <= {due}", "not_met" if late else "met", *ops))
    figures = {
        "other_parent_owes": owes,
        "owed_by": OTHER[facts.paid_by],
        "paid_by_share": money(amount - owes),
        "verification_due": due,
        "verification_late": late if sent else None,
    }
    citations = REFERENCE if late else REFERENCE[:2]
    return Outcome(RULE_ID, "recovery_at_risk" if late else "share_due", figures, citations,
                   tuple(steps) if explain else ())
