"""ut.credit_start: the month a Utah insurance premium credit starts (CS 407P).

CS 407P Parent to Provide Notification - Insurance Credit:
  "When applying the insurance credit, give the parent credit from the first
   day of the month following the date the completed Insurance Premium Credit
   Request/Verification form and all required documentation is received in the
   office. Do not give credit retroactively (apply to a prior period of time)
   unless one of the exceptions below applies. A retroactive insurance credit
   based on one of the exceptions listed below may only be granted by obtaining
   approval through the appropriate team manager."
CS 407P Exception 1:
  "On a new case, an insurance credit may be given retroactive to the date of
   the application for child support services if:
   1. Either parent requests a retroactive insurance credit and returns the
   Insurance Premium Credit Request/Verification form with all required
   documentation within 60 days of the Initial Contact Letter to NCP, or on a
   new case which includes a judicial determination of arrears, within 60 days
   of the Annual Notice of Past-Due Child Support; and,
   2. The requesting parent has proof of prior notice to the other parent
   pursuant to Utah Code 81-6-208(10), or the other parent confirms knowledge of
   the insurance for the dates requested, or CSS can draw the conclusion that
   the other parent knew about the insurance, because s/he used the insurance
   on behalf of the child(ren); and,
   3. The request has been approved through the appropriate team manager."
The Exception 1 example gives the credit "effective April 2016", the month of
the application, and never for months before it. Exception 2 (an extenuating
circumstance, reviewed by a manager) is not decided here.

Decided here: "within 60 days" counts from the day after the letter, so the
letter date + 60 days is the last day in time. The arrears notice replaces the
initial contact letter only on a case with a judicial determination of arrears,
so giving both letter dates is refused (``both_letter_dates``) rather than
guessing which one applies. A missing fact is refused only when the answer
depends on it: once an Exception 1 condition fails the credit is prospective.
"""

from __future__ import annotations

from typing import Literal

from datetime import date, timedelta
from typing import Literal, NamedTuple

from ..base import FactsModel, Outcome, Refused, Step, step_args, step_json
from ..parameters import UT_RETRO_REQUEST_DAYS
from ..registry import rule

RULE_ID = "ut.credit_start"
REFERENCE = (
    "CS 407P Parent to Provide Notification - Insurance Credit",
    "CS 407P Procedures - Giving the Insurance Credit 1.a.ii",
    "CS 407P Exception 1",
    "Utah Code 81-6-208(10)(a)",
)
PROSPECTIVE = REFERENCE[:2]

LETTERS = {"initial_contact_letter_date": "initial_contact_letter", "arrears_notice_date": "arrears_notice"}


class CreditStartFacts(FactsModel):
    complete_request_received: date
    new_case: bool | None = None
    application_date: date | None = None
    initial_contact_letter_date: date | None = None
    arrears_notice_date: date | None = None
    retro_requested: bool = False
    prior_notice_or_knowledge: bool | None = None
    manager_approved: bool | None = None


# The working, one typed step kind per line shape. --------------------------------------------------------------

class ProspectiveFrom(NamedTuple):
    """``prospective_from``: the first day of the month after the complete form came in (CS 407P 1.a.ii)."""

    code: Literal["prospective_from"]
    expression: str
    value: str
    received: date
    prospective_from: date
    as_json = step_json
    args = step_args


class LetterStep(NamedTuple):
    """``retro_deadline`` (the letter's date + 60 days, the last day in time for Exception 1) and
    ``days_after_letter`` (days from the letter to the form; negative for a form before the letter)."""

    code: Literal["retro_deadline", "days_after_letter"]
    expression: str
    value: str
    letter: Literal["initial_contact_letter", "arrears_notice"]
    letter_date: date
    days: int
    deadline: date
    received: date
    days_after_letter: int
    as_json = step_json
    args = step_args


class ConditionStep(NamedTuple):
    """``exception_1_<condition>``: one condition of CS 407P Exception 1, ``met`` or ``not_met``."""

    code: Literal["exception_1_retro_requested", "exception_1_new_case", "exception_1_form_in_time",
                  "exception_1_notice_or_knowledge", "exception_1_manager_approved"]
    expression: str
    value: Literal["met", "not_met"]
    condition: str
    as_json = step_json
    args = step_args


class EffectiveFrom(NamedTuple):
    """``effective_from``: a retroactive credit starts the first day of the application's month (Exception 1)."""

    code: Literal["effective_from"]
    expression: str
    value: str
    application_date: date
    as_json = step_json
    args = step_args


def _month_after(day: date) -> date:
    if day.year == date.max.year and day.month == 12:
        raise Refused("complete_request_received", "date_out_of_range",
                      f"complete_request_received: the month after {day.isoformat()} is past the last date this "
                      f"guide can show ({date.max.isoformat()}); expected a date within the calendar")
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _deadline(letter_field: str, letter: date, days: int) -> date:
    try:
        return letter + timedelta(days=days)
    except OverflowError:
        raise Refused(letter_field, "date_out_of_range",
                      f"{letter_field}: {letter.isoformat()} plus {days} days is past the last date this guide can "
                      f"show ({date.max.isoformat()}); expected a date within the calendar") from None


def _letter(facts: CreditStartFacts) -> tuple[str | None, date | None]:
    if facts.initial_contact_letter_date and facts.arrears_notice_date:
        raise Refused(
            "arrears_notice_date",
            "both_letter_dates",
            "arrears_notice_date: give one letter date only: arrears_notice_date on a new case with a judicial "
            "determination of arrears, otherwise initial_contact_letter_date",
        )
    for name in LETTERS:
        if getattr(facts, name) is not None:
            return name, getattr(facts, name)
    return None, None


def _check_order(facts: CreditStartFacts, letter_field: str | None, letter: date | None) -> None:
    received, applied = facts.complete_request_received, facts.application_date
    if letter and applied and letter < applied:
        raise Refused(letter_field, "date_before_application_date",
                      f"{letter_field}: the letter ({letter}) is dated before the application ({applied}); "
                      "expected the letter on or after the application date")
    if letter and received < letter:
        raise Refused("complete_request_received", f"date_before_{letter_field}",
                      f"complete_request_received: the form came back ({received}) before the letter it answers "
                      f"({letter}); expected a date on or after {letter_field}")
    if applied and received < applied:
        raise Refused("complete_request_received", "date_before_application_date",
                      f"complete_request_received: the form came back ({received}) before the application "
                      f"({applied}); expected a date on or after application_date")


def _yn(value: bool | None) -> str:
    return {True: "true", False: "false", None: "not given"}[value]


Code = Literal["retroactive", "prospective"]
"""The outcome codes of ut.credit_start, a public contract: kept, added to, never renamed."""


@rule(RULE_ID, CreditStartFacts, REFERENCE, outcomes=Code)
def credit_start(facts: CreditStartFacts, explain: bool = True) -> Outcome:
    letter_field, letter = _letter(facts)
    _check_order(facts, letter_field, letter)
    received = facts.complete_request_received
    prospective = _month_after(received)
    days = UT_RETRO_REQUEST_DAYS.at(letter) if letter else None
    deadline = _deadline(letter_field, letter, days) if letter else None
    days_after = (received - letter).days if letter else None

    steps: list[Step] = [ProspectiveFrom("prospective_from", f"first day of the month after {received}",
                                         prospective.isoformat(), received, prospective)] if explain else []
    if letter and explain:
        ops = (LETTERS[letter_field], letter, days, deadline, received, days_after)
        steps.append(LetterStep("retro_deadline", f"{letter} + {days} days", deadline.isoformat(), *ops))
        steps.append(LetterStep("days_after_letter", f"{received} - {letter}", str(days_after), *ops))

    # Exception 1, condition by condition: (code, met or None when not given, expression, field needed).
    conditions = [("retro_requested", facts.retro_requested, f"retro_requested = {_yn(facts.retro_requested)}", None)]
    if facts.retro_requested:
        in_time = received <= deadline if letter else None
        conditions += [
            ("new_case", facts.new_case, f"new_case = {_yn(facts.new_case)}", "new_case"),
            ("form_in_time", in_time, f"{received} <= {letter} + {days} days ({deadline})" if letter else "",
             "initial_contact_letter_date"),
            ("notice_or_knowledge", facts.prior_notice_or_knowledge,
             f"prior_notice_or_knowledge = {_yn(facts.prior_notice_or_knowledge)}", "prior_notice_or_knowledge"),
            ("manager_approved", facts.manager_approved, f"manager_approved = {_yn(facts.manager_approved)}",
             "manager_approved"),
        ]
    unmet = [code for code, met, _, _ in conditions if met is False]
    if explain:
        steps += [ConditionStep(f"exception_1_{code}", expr, "met" if met else "not_met", code)  # type: ignore[arg-type]
                  for code, met, expr, _ in conditions if met is not None]

    if not unmet:
        needed = [field for _, met, _, field in conditions if met is None]
        if not facts.application_date:
            needed.append("application_date")
        if needed:
            field = needed[0]
            also = " (or arrears_notice_date on a case with a judicial determination of arrears)" \
                if field == "initial_contact_letter_date" else ""
            raise Refused(field, "missing", f"{field}: needed{also} to decide a retroactive credit "
                                            "under CS 407P Exception 1")
        effective = facts.application_date.replace(day=1)
        if explain:
            steps.append(EffectiveFrom("effective_from", f"first day of the month of {facts.application_date}",
                                       effective.isoformat(), facts.application_date))
        outcome, citations = "retroactive", REFERENCE
    else:
        effective = prospective
        outcome, citations = "prospective", PROSPECTIVE + (("CS 407P Exception 1",) if facts.retro_requested else ())

    figures = {
        "effective_from": effective,
        "prospective_from": prospective,
        "retro_deadline": deadline,
        "days_after_letter": days_after,
        "letter": LETTERS.get(letter_field),
        "unmet_conditions": unmet,
    }
    return Outcome(RULE_ID, outcome, figures, citations, tuple(steps) if explain else ())
