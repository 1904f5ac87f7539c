"""ut.uninsured_expenses: the other parent's share of an uninsured medical expense (Utah).

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

(4): "The court may deviate from the requirements described in Subsection (3)
if: (a) the court makes specific findings establishing good cause for the
deviation; or (b) subject to the court's approval, the parents agree ..."
(7)(c): "the court may allocate the payment of medical expenses including
co-payments, deductibles, and co-insurance not covered by health insurance
between the parents."

Decided here: the share is the dated equal share (``split`` ``equal``) unless the
order divides these costs otherwise: ``other_parent_share`` is then the other
parent's percentage (0 to 100; ``split`` ``order``). The share is cut to the
cent, so the parent who paid absorbs an odd cent (100.01 -> 50.00 owed).
"Within 30 days of payment" counts from the day after payment: paid_on + 30 days
is the last day in time. A verification sent late puts recovery at risk; so does
none sent when the 30 days have passed by ``as_of`` (today, when given):
``verification_deadline_passed`` is then true (false when as_of is given and the
deadline has not passed; null without as_of or once a verification was sent,
which ``verification_late`` answers). The court may still allow recovery. An
expense of 0.00 is refused (``must_be_positive``): there is nothing to share.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Annotated, Literal, NamedTuple

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from ..base import PLAIN_NUMBER, FactsModel, Money, Outcome, Refused, Step, cut, money, step_args, step_json
from ..parameters import UT_EXPENSE_SHARE, UT_EXPENSE_VERIFICATION_DAYS
from ..registry import rule

RULE_ID = "ut.uninsured_expenses"
REFERENCE = (
    "Utah Code 81-6-208(3)(e)",
    "Utah Code 81-6-208(10)(c)",
    "Utah Code 81-6-208(10)(d)",
)

ORDER_SPLIT = ("Utah Code 81-6-208(4)", "Utah Code 81-6-208(7)(c)")
"""Cited instead of (3)(e) when the order divides the costs otherwise."""

OTHER = {"parent_a": "parent_b", "parent_b": "parent_a"}


def _percent(value: object) -> object:
    """A percentage as an exact Decimal, from text or a JSON number; anything else is not one."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str) and PLAIN_NUMBER.fullmatch(value):  # ASCII digits, as money is (base.MONEY_TEXT)
        return Decimal(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        found = Decimal(str(value))
        if found.is_finite():
            return found
    raise PydanticCustomError("not_a_percentage", "expected a percentage from 0 to 100, such as 60 or 33.33")


def _percent_places(value: Decimal) -> Decimal:
    if value.as_tuple().exponent < -4:  # type: ignore[operator]
        raise PydanticCustomError("too_many_decimals", "a percentage has at most four decimals, such as 33.3333")
    return value


Percent = Annotated[Decimal, BeforeValidator(_percent), Field(ge=0, le=100, allow_inf_nan=False),
                    AfterValidator(_percent_places)]
"""A percentage from 0 to 100, exact (a string such as "60" or "33.33", or a JSON number)."""


class UninsuredExpensesFacts(FactsModel):
    amount: Money
    paid_by: Literal["parent_a", "parent_b"]
    paid_on: date
    verification_sent_on: date | None = None
    as_of: date | None = Field(default=None, description=(
        "Today: when no verification was sent and the 30 days have passed by then, recovery is at risk."))
    other_parent_share: Percent | None = Field(default=None, description=(
        "The other parent's percentage of these costs when the order divides them otherwise than equally "
        "(81-6-208(4), (7)(c)); without it they are shared equally (81-6-208(3)(e))."))


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


class DeadlinePassed(NamedTuple):
    """``verification_deadline_passed``: no verification sent, and as_of is past the 30 days (81-6-208(10)(c), (d));
    ``value`` ``true`` or ``false``."""

    code: Literal["verification_deadline_passed"]
    expression: str
    value: Literal["true", "false"]
    as_of: date
    due: date
    as_json = step_json
    args = step_args


Code = Literal["share_due", "recovery_at_risk"]
"""The outcome codes of ut.uninsured_expenses, a public contract: kept, added to, never renamed."""


@rule(RULE_ID, UninsuredExpensesFacts, REFERENCE, outcomes=Code)
def uninsured_expenses(facts: UninsuredExpensesFacts, explain: bool = True) -> Outcome:
    if facts.amount <= 0:
        raise Refused("amount", "must_be_positive",
                      "amount: expected the amount paid for the expense, more than 0.00")
    sent, today = facts.verification_sent_on, facts.as_of
    if sent and sent < facts.paid_on:
        raise Refused("verification_sent_on", "date_before_paid_on",
                      f"verification_sent_on: {sent} is before the payment ({facts.paid_on}); "
                      "expected the date the verification of payment was sent, on or after paid_on")
    if today and today < facts.paid_on:
        raise Refused("as_of", "date_before_paid_on",
                      f"as_of: {today} is before the payment ({facts.paid_on}); expected today, on or after paid_on")
    if today and sent and sent > today:
        raise Refused("verification_sent_on", "date_in_future",
                      f"verification_sent_on: {sent} is after as_of ({today}); "
                      "expected the date the verification was sent, on or before as_of")

    amount = money(facts.amount)
    if facts.other_parent_share is None:  # 81-6-208(3)(e): "equally share"
        share, split = UT_EXPENSE_SHARE.at(facts.paid_on), "equal"
    else:  # 81-6-208(4), (7)(c): the order divides them otherwise
        share, split = facts.other_parent_share / 100, "order"
    owes = money(cut(amount * share))
    days = UT_EXPENSE_VERIFICATION_DAYS.at(facts.paid_on)
    try:
        due = facts.paid_on + timedelta(days=days)
    except OverflowError:
        raise Refused("paid_on", "date_out_of_range",
                      f"paid_on: {facts.paid_on.isoformat()} plus {days} days is past the last date this guide can "
                      f"show ({date.max.isoformat()}); expected a date within the calendar") from None
    late = sent is not None and sent > due
    passed = None if today is None or sent is not None else today > due  # 81-6-208(10)(c): none sent by the 30th day
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
    if passed is not None and explain:
        steps.append(DeadlinePassed("verification_deadline_passed", f"{today} > {due}", str(passed).lower(), today, due))
    at_risk = late or bool(passed)  # 81-6-208(10)(d): the court may deny recovery
    figures = {
        "other_parent_owes": owes,
        "owed_by": OTHER[facts.paid_by],
        "paid_by_share": money(amount - owes),
        "verification_due": due,
        "verification_late": late if sent else None,
        "verification_deadline_passed": passed,
        "split": split,
    }
    citations = (REFERENCE[:1] if split == "equal" else ORDER_SPLIT) + REFERENCE[1:2] + (REFERENCE[2:] if at_risk else ())
    return Outcome(RULE_ID, "recovery_at_risk" if at_risk else "share_due", figures, citations,
                   tuple(steps) if explain else ())
