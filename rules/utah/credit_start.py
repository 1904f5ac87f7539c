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
CS 407P Exception 2: "An extenuating circumstance prevents the party from
  requesting an insurance credit, receiving the form and/or returning the form
  to ORS. Each case with an extenuating circumstance must be reviewed with the
  appropriate team manager PRIOR to granting retroactive credit."
The Exception 1 example gives the credit "effective April 2016", the month of
the application, and never for months before it.

Decided here:
- "Within 60 days" of the letter: on or before the letter date + 60 days. A form
  received before the letter is in time (either parent may return it, the CP
  before ORS mails the NCP's letter); ``days_after_letter`` is then negative.
- The arrears notice governs on a new case with a judicial determination of
  arrears (``judicial_arrears`` true), the initial contact letter otherwise.
  With both letter dates and ``judicial_arrears`` not given, the answer is given
  when it is the same either way (``same_with_either_letter`` true; ``letter``,
  ``retro_deadline`` and ``days_after_letter`` then count from the initial
  contact letter, and ``retro_deadlines`` has both), else the rule refuses
  ``missing`` on ``judicial_arrears``.
- A retroactive credit starts in the application's month, or in the month the
  coverage started when that is later (``coverage_started_on``; Exception 1(2)
  "for the dates requested"); ``retro_start_basis`` says which. Coverage that
  started after the complete form came in is refused: the form proves it.
- ``exception_2_may_apply`` is true when an earlier start was asked for and
  Exception 1 does not give it, an existing case included: a team manager may
  still approve one for an extenuating circumstance, which is not decided here.
- A missing fact is refused only when the answer depends on it: once an
  Exception 1 condition fails the credit is prospective.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal, NamedTuple

from pydantic import Field

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
"""The citations of a retroactive credit (and of the rule); a prospective one cites the first two, and
Exception 1 and Exception 2 when an earlier start was asked for."""
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
    judicial_arrears: bool | None = Field(default=None, description=(
        "Whether the new case includes a judicial determination of arrears: true, the 60 days run from the Annual "
        "Notice of Past-Due Child Support (arrears_notice_date); false, from the Initial Contact Letter. Needed only "
        "when both letter dates are given and the answer depends on which."))
    coverage_started_on: date | None = Field(default=None, description=(
        "The day the coverage began: a retroactive credit starts no earlier than its month."))


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


class LetterCondition(NamedTuple):
    """``exception_1_form_in_time`` for one of two letters, when both are given and it is not known which
    governs (``judicial_arrears`` not given); ``letter`` names it."""

    code: Literal["exception_1_form_in_time"]
    expression: str
    value: Literal["met", "not_met"]
    condition: str
    letter: Literal["initial_contact_letter", "arrears_notice"]
    as_json = step_json
    args = step_args


class EitherLetter(NamedTuple):
    """``either_letter``: both letters given, ``judicial_arrears`` not; the answer is the same either way."""

    code: Literal["either_letter"]
    expression: str
    value: Literal["same_answer"]
    initial_contact_letter_date: date
    arrears_notice_date: date
    as_json = step_json
    args = step_args


class CoverageMonth(NamedTuple):
    """``coverage_month``: a retroactive credit starts no earlier than the month the coverage started
    (Exception 1(2), "for the dates requested")."""

    code: Literal["coverage_month"]
    expression: str
    value: str
    coverage_started_on: date
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


def _check_order(facts: CreditStartFacts) -> None:
    received, applied = facts.complete_request_received, facts.application_date
    for letter_field in LETTERS:
        letter = getattr(facts, letter_field)
        if letter and applied and letter < applied:
            raise Refused(letter_field, "date_before_application_date",
                          f"{letter_field}: the letter ({letter}) is dated before the application ({applied}); "
                          "expected the letter on or after the application date")
    if applied and received < applied:
        raise Refused("complete_request_received", "date_before_application_date",
                      f"complete_request_received: the form came back ({received}) before the application "
                      f"({applied}); expected a date on or after application_date")
    started = facts.coverage_started_on
    if started and started > received:
        raise Refused("coverage_started_on", "date_after_complete_request_received",
                      f"coverage_started_on: {started} is after the complete form came in ({received}); the form "
                      "proves the coverage and its premium, so expected a date on or before complete_request_received")


def _letters(facts: CreditStartFacts) -> list[tuple[str, date | None]]:
    """The letter (or letters, when it is not known which governs) the 60 days of Exception 1(1) run from."""
    if facts.judicial_arrears is not None:  # a judicial determination of arrears: the arrears notice governs
        name = "arrears_notice_date" if facts.judicial_arrears else "initial_contact_letter_date"
        return [(name, getattr(facts, name))]
    given = [(name, getattr(facts, name)) for name in LETTERS if getattr(facts, name) is not None]
    return given or [("initial_contact_letter_date", None)]


class _Reading(NamedTuple):
    """Exception 1 read with one letter: the answer, or the fact it still needs."""

    outcome: Code
    effective: date
    unmet: list[str]
    missing: str | None
    deadline: date | None
    days_after: int | None
    letter_steps: list[Step]
    conditions: list[tuple[str, bool | None, str, str | None]]
    basis: str | None


def _read(facts: CreditStartFacts, prospective: date, letter_field: str, letter: date | None,
          explain: bool) -> _Reading:
    received = facts.complete_request_received
    days = UT_RETRO_REQUEST_DAYS.at(letter) if letter else None
    deadline = _deadline(letter_field, letter, days) if letter else None
    days_after = (received - letter).days if letter else None  # negative: the form came before the letter
    letter_steps: list[Step] = []
    if letter and explain:
        ops = (LETTERS[letter_field], letter, days, deadline, received, days_after)
        letter_steps.append(LetterStep("retro_deadline", f"{letter} + {days} days", deadline.isoformat(), *ops))
        letter_steps.append(LetterStep("days_after_letter", f"{received} - {letter}", str(days_after), *ops))

    # Exception 1, condition by condition: (code, met or None when not given, expression, field needed).
    conditions = [("retro_requested", facts.retro_requested, f"retro_requested = {_yn(facts.retro_requested)}", None)]
    if facts.retro_requested:
        in_time = received <= deadline if letter else None  # 1: "within 60 days of" the letter, before it too
        conditions += [
            ("new_case", facts.new_case, f"new_case = {_yn(facts.new_case)}", "new_case"),
            ("form_in_time", in_time, f"{received} <= {letter} + {days} days ({deadline})" if letter else "",
             letter_field),
            ("notice_or_knowledge", facts.prior_notice_or_knowledge,
             f"prior_notice_or_knowledge = {_yn(facts.prior_notice_or_knowledge)}", "prior_notice_or_knowledge"),
            ("manager_approved", facts.manager_approved, f"manager_approved = {_yn(facts.manager_approved)}",
             "manager_approved"),
        ]
    unmet = [code for code, met, _, _ in conditions if met is False]
    missing, basis, outcome, effective = None, None, "prospective", prospective
    if not unmet:
        needed = [field for _, met, _, field in conditions if met is None]
        if not facts.application_date:
            needed.append("application_date")
        if needed:
            missing = needed[0]
        else:  # retroactive to the application's month, never before the coverage ("for the dates requested")
            outcome, effective, basis = "retroactive", facts.application_date.replace(day=1), "application_month"
            started = facts.coverage_started_on
            if started and started.replace(day=1) > effective:
                effective, basis = started.replace(day=1), "coverage_month"
    return _Reading(outcome, effective, unmet, missing, deadline, days_after, letter_steps, conditions, basis)


def _refuse_missing(field: str, judicial_arrears: bool | None) -> Refused:
    also = " (or arrears_notice_date on a case with a judicial determination of arrears)" \
        if field == "initial_contact_letter_date" and judicial_arrears is None else ""
    return Refused(field, "missing", f"{field}: needed{also} to decide a retroactive credit under CS 407P Exception 1")


def _yn(value: bool | None) -> str:
    return {True: "true", False: "false", None: "not given"}[value]


Code = Literal["retroactive", "prospective"]
"""The outcome codes of ut.credit_start, a public contract: kept, added to, never renamed."""


@rule(RULE_ID, CreditStartFacts, REFERENCE, outcomes=Code)
def credit_start(facts: CreditStartFacts, explain: bool = True) -> Outcome:
    _check_order(facts)
    received = facts.complete_request_received
    prospective = _month_after(received)
    steps: list[Step] = [ProspectiveFrom("prospective_from", f"first day of the month after {received}",
                                         prospective.isoformat(), received, prospective)] if explain else []
    letters = _letters(facts)
    readings = [_read(facts, prospective, field, letter, explain) for field, letter in letters]
    first = readings[0]
    if len(readings) == 1:
        if first.missing:
            raise _refuse_missing(first.missing, facts.judicial_arrears)
        letter_field = letters[0][0] if letters[0][1] else None
        reading, unmet = first, first.unmet
        if explain:
            steps += first.letter_steps
            steps += [ConditionStep(f"exception_1_{code}", expr, "met" if met else "not_met", code)  # type: ignore[arg-type]
                      for code, met, expr, _ in first.conditions if met is not None]
    else:  # both letters given and judicial_arrears not: the answer if it is the same either way
        second = readings[1]
        if first.missing or second.missing or (first.outcome, first.effective) != (second.outcome, second.effective):
            raise Refused("judicial_arrears", "missing",
                          "judicial_arrears: needed, whether the case has a judicial determination of arrears: the "
                          "60 days run from the arrears notice then, else from the initial contact letter, and the "
                          "answer depends on which (CS 407P Exception 1(1))")
        letter_field, reading = letters[0][0], first  # the figures count from the initial contact letter
        unmet = [code for code in first.unmet if code in second.unmet]
        if explain:
            steps += first.letter_steps + second.letter_steps
            steps.append(EitherLetter("either_letter", "judicial_arrears = not given", "same_answer",
                                      letters[0][1], letters[1][1]))
            for (code, met, expr, _), (_, met_2, expr_2, _) in zip(first.conditions, second.conditions):
                if code == "form_in_time":
                    steps += [LetterCondition("exception_1_form_in_time", e, "met" if m else "not_met", code, letter)
                              for e, m, letter in ((expr, met, "initial_contact_letter"),
                                                   (expr_2, met_2, "arrears_notice"))]
                elif met is not None:
                    steps.append(ConditionStep(f"exception_1_{code}", expr, "met" if met else "not_met", code))  # type: ignore[arg-type]
    outcome, effective = reading.outcome, reading.effective
    if outcome == "retroactive":
        if explain:
            steps.append(EffectiveFrom("effective_from", f"first day of the month of {facts.application_date}",
                                       facts.application_date.replace(day=1).isoformat(), facts.application_date))
            if reading.basis == "coverage_month":
                steps.append(CoverageMonth("coverage_month", f"first day of the month of {facts.coverage_started_on}",
                                           effective.isoformat(), facts.coverage_started_on))
        citations = REFERENCE
    else:
        citations = PROSPECTIVE + (("CS 407P Exception 1",) if facts.retro_requested else ())
    # CS 407P Exception 2: a team manager may still approve an earlier start for an extenuating circumstance.
    exception_2 = facts.retro_requested and outcome == "prospective"
    if exception_2:
        citations += ("CS 407P Exception 2",)

    deadlines = {LETTERS[field]: r.deadline for (field, letter), r in zip(letters, readings) if letter}
    figures = {
        "effective_from": effective,
        "prospective_from": prospective,
        "retro_deadline": reading.deadline if letter_field else None,
        "days_after_letter": reading.days_after if letter_field else None,
        "letter": LETTERS.get(letter_field),
        "same_with_either_letter": True if len(readings) > 1 else None,
        "unmet_conditions": unmet,
        "retro_deadlines": {"initial_contact_letter": deadlines.get("initial_contact_letter"),
                            "arrears_notice": deadlines.get("arrears_notice")},
        "retro_start_basis": reading.basis,
        "exception_2_may_apply": exception_2,
    }
    return Outcome(RULE_ID, outcome, figures, citations, tuple(steps) if explain else ())
