"""ut.credit_end: when a Utah insurance premium credit ends, restarts, and what is owed again.

Utah Admin. Code R527-201-7(4):
  "The health insurance credit will end on January 2 of each calendar year, in
   accordance with Subsection 81-6-208(10), unless the obligated parent provides
   verification of health insurance coverage and costs to ORS on an updated
   Insurance Premium Credit Request/Verification. To allow sufficient time for
   ORS to process the annual health insurance verification, the obligated
   parent may provide verification of the health insurance coverage as early as
   November 1 of the previous year."
Utah Code 81-6-208(10)(a): verification "upon initial enrollment of the child,
and after initial enrollment on or before January 2 of each calendar year."
CS 407P Ongoing Yearly Verification of Insurance Credits: "Send the Insurance
Premium Credit Request/Verification to the parent or parents receiving the
insurance credit ... by November 10th of each year". 1, NOTE: "If verification
was provided to ORS within 30 days prior to the date the letter was sent, ORS can
use the previous information provided." 2, NOTE 1: "When an insurance premium
credit is terminated, a new Insurance Premium Credit Request/Verification form
with proof ... would be required to reinstate an insurance credit." NOTE 2: "all
insurance premium credits are effective on the first day of the month following
the date CSS receives the completed ... form with supporting documentation".
CS 407P Procedures - Insurance Lapses: "Adjust the current support debt to the
total amount of the support award. The adjustment should be effective the month
the policy is no longer in effect." (Example: lapse effective October 1,
notified November 5: full support again from 10/1/2015, "using retro-calculation".)

A verification counts for year Y when received from Nov 1 of Y-1 through Jan 2
of Y, or (the 30-day note) within 30 days before a yearly letter ORS sent for Y
(``yearly_letter_dates``; a letter belongs to the year whose window holds it).
The years checked run from the first Jan 2 on or after the credit started up to
as_of; the first year without a verification ends the credit on its Jan 2.
``lapse_date`` is the first day without coverage: the credit ends on the first
day of that month, so the last month fully covered keeps its credit.

Decided here:
- credit_start stands for the complete request that started the credit, so it
  counts as the verification of a year whose window it falls in (a credit
  starting Dec 1 or Jan 1 need not be verified again that Jan 2); so does the
  first day of a restart. The 30-day note is applied to verification_dates only.
- The yearly letters go out from Nov 1 (the yearly report), so a proof could
  count through the note only from 30 days before Nov 1 (Oct 2) through Oct 31.
  When a year would end for want of a proof and one falls in that band, the
  letter's date decides: without a letter date for that year the rule refuses
  ``missing`` on ``yearly_letter_dates``. For the coming year (its Jan 2 after
  as_of) such a proof counts only with a letter date that makes it count.
- A verification received after a year's Jan 2 is a new complete form (NOTE 1):
  the credit restarts on the first day of the month after it (NOTE 2), and the
  yearly checks go on from there. ``periods`` lists each run of the credit
  (``to`` is the day it stopped, null while it runs), ``gaps`` the time between
  runs. A lapse ends the credit for good: no proof restarts it after the lapse
  (a new plan is a new request, ut.credit_start).
- The months at the full amount are each month from the one an end falls in
  (January for a Jan 2 end) to the month before the restart, and from the last
  end through the month of as_of. ``amount_owed_again`` is their number times
  ``monthly_credit`` (the credit's monthly effect on the support), "the months
  paid at the credited rate since the end are owed again" (Insurance Lapses:
  "using retro-calculation"); null without monthly_credit.
- A lapse may be dated after as_of (a known coming end of coverage);
  verifications, letters and credit_start may not. When a lapse and a missing
  verification both end a run, the earlier end wins. ``ends_on``, ``reason`` and
  the ``next_*`` figures describe the current run: the one in force at as_of, or
  the one that ended last before it.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal, NamedTuple

from pydantic import Field

from ..base import FactsModel, Money, Outcome, Refused, Step, money, step_args, step_json
from ..parameters import (UT_PREVIOUS_VERIFICATION_DAYS, UT_VERIFICATION_DUE, UT_VERIFICATION_EARLIEST,
                          UT_YEARLY_LETTER_EARLIEST)
from ..registry import rule

RULE_ID = "ut.credit_end"
REFERENCE = (
    "Utah Admin. Code R527-201-7(4)",
    "Utah Code 81-6-208(10)(a)",
    "CS 407P Ongoing Yearly Verification of Insurance Credits",
    "CS 407P Procedures - Insurance Lapses",
)

Reason = Literal["no_verification", "lapse"]


class CreditEndFacts(FactsModel):
    credit_start: date
    verification_dates: list[date] = Field(default=[], max_length=200, description=(
        "The dates ORS received a completed Insurance Premium Credit Request/Verification with its proof."))
    lapse_date: date | None = Field(default=None, description=(
        "The first day without coverage (not the last covered day): the credit ends on the first day of that "
        "month, so the last month fully covered keeps its credit."))
    as_of: date
    yearly_letter_dates: list[date] = Field(default=[], max_length=200, description=(
        "The dates ORS sent the yearly verification letters (by November 10, CS 407P). Needed only when a "
        "verification came in the 30 days before a letter could have been sent."))
    monthly_credit: Money | None = Field(default=None, description=(
        "The credit's monthly effect on the support, more than 0.00: gives amount_owed_again."))


# The working, one typed step kind per line shape. --------------------------------------------------------------

class VerificationYear(NamedTuple):
    """``verification_year``: the window for one year's proof (R527-201-7(4)) and the proof found in it,
    if any (``value`` and ``received`` are None when none came)."""

    code: Literal["verification_year"]
    expression: str
    value: str | None
    year: int
    opens: date
    due: date
    received: date | None
    as_json = step_json
    args = step_args


class PreviousVerification(NamedTuple):
    """``previous_verification``: a proof received within 30 days before the year's letter counts for that
    year (CS 407P Ongoing Yearly Verification, 1, NOTE); ``met`` or ``not_met``."""

    code: Literal["previous_verification"]
    expression: str
    value: Literal["met", "not_met"]
    year: int
    letter_date: date
    received: date
    days: int
    as_json = step_json
    args = step_args


class LapseStep(NamedTuple):
    """``lapse``: the credit ends on the first day of the month the policy is no longer in effect
    (CS 407P Procedures - Insurance Lapses); ``lapse_date`` is the first day without coverage."""

    code: Literal["lapse"]
    expression: str
    value: str
    lapse_date: date
    ends_on: date
    as_json = step_json
    args = step_args


class EarlierEnd(NamedTuple):
    """``earlier_end``: a lapse and a missed verification both end the credit; the earlier end wins."""

    code: Literal["earlier_end"]
    expression: str
    value: str
    ends_on: date
    reason: Reason
    as_json = step_json
    args = step_args


class Restart(NamedTuple):
    """``restart``: a verification received after the credit ended is a new complete form; the credit
    restarts on the first day of the month after it (CS 407P Ongoing Yearly Verification, NOTES 1 and 2)."""

    code: Literal["restart"]
    expression: str
    value: str
    ended_on: date
    received: date
    restarts_on: date
    as_json = step_json
    args = step_args


class OwedAgain(NamedTuple):
    """``amount_owed_again``: the months at the full amount times the monthly credit, owed again
    (CS 407P Procedures - Insurance Lapses, "using retro-calculation")."""

    code: Literal["amount_owed_again"]
    expression: str
    value: str
    months: int
    monthly_credit: Decimal
    amount: Decimal
    as_json = step_json
    args = step_args


def _check(facts: CreditEndFacts) -> None:
    if facts.credit_start > facts.as_of:
        raise Refused("credit_start", "date_in_future",
                      f"credit_start: {facts.credit_start} is after as_of ({facts.as_of}); "
                      "expected the date the credit started, on or before as_of")
    _none_after_today(facts, "verification_dates", "a verification was received")
    if facts.lapse_date and facts.lapse_date < facts.credit_start:
        raise Refused("lapse_date", "date_before_credit_start",
                      f"lapse_date: {facts.lapse_date} is before the credit started ({facts.credit_start}); "
                      "expected the first day without coverage, on or after credit_start")
    if facts.monthly_credit is not None and facts.monthly_credit <= 0:
        raise Refused("monthly_credit", "must_be_positive",
                      "monthly_credit: expected the credit's monthly effect on the support, more than 0.00")
    _none_after_today(facts, "yearly_letter_dates", "ORS sent a yearly letter")


def _none_after_today(facts: CreditEndFacts, name: str, what: str) -> None:
    """``date_in_future`` for the first of the dates in ``name`` after as_of."""
    for i, day in enumerate(getattr(facts, name)):
        if day > facts.as_of:
            raise Refused(f"{name}.{i}", "date_in_future",
                          f"{name}.{i}: {day} is after as_of ({facts.as_of}); "
                          f"expected the date {what}, on or before as_of")


def _window(year: int, facts: CreditEndFacts) -> tuple[date, date]:
    """Verifications received in this window count for the given year.

    A window that would open before the first date (year 1) or end after the
    last one (year 9999) cannot be shown: refused as ``date_out_of_range``,
    naming credit_start (where the first window comes from) or as_of (how far
    the windows are followed).
    """
    if date.min.year < year <= date.max.year:  # the law of the year being verified
        in_force = date(year, 1, 1)
        (from_month, from_day), (due_month, due_day) = UT_VERIFICATION_EARLIEST.at(in_force), UT_VERIFICATION_DUE.at(in_force)
        return date(year - 1, from_month, from_day), date(year, due_month, due_day)
    due_month, due_day = UT_VERIFICATION_DUE.at(date(min(max(year, date.min.year), date.max.year), 1, 1))
    if year - 1 < date.min.year:
        raise Refused("credit_start", "date_out_of_range",
                      f"credit_start: the verification window for {year:04d}-{due_month:02d}-{due_day:02d} would open "
                      f"in the year {year - 1}, before the first date this guide can show ({date.min.isoformat()}); "
                      "expected a date within the calendar")
    if year > date.max.year:
        raise Refused("as_of", "date_out_of_range",
                      f"as_of: the next verification after {facts.as_of.isoformat()} would be due in the year {year}, "
                      f"past the last date this guide can show ({date.max.isoformat()}); "
                      "expected a date within the calendar")
    raise AssertionError(year)  # pragma: no cover  (one of the two checks above holds)


def _first_year(start: date, facts: CreditEndFacts) -> tuple[int, date, date]:
    """The year of the first Jan 2 on or after ``start``, with its window."""
    month, day = UT_VERIFICATION_DUE.at(date(start.year, 1, 1))
    year = start.year if date(start.year, month, day) >= start else start.year + 1
    return (year, *_window(year, facts))


def _letters(facts: CreditEndFacts) -> dict[int, list[date]]:
    """The yearly letters by the year they ask a verification for: the year whose window holds the letter."""
    by_year: dict[int, list[date]] = {}
    for i, day in enumerate(facts.yearly_letter_dates):
        year = day.year + 1 if day.month >= UT_VERIFICATION_EARLIEST.at(day)[0] else day.year
        if year > date.max.year:
            raise Refused(f"yearly_letter_dates.{i}", "date_out_of_range",
                          f"yearly_letter_dates.{i}: a letter sent on {day} asks for the year {year}, past the last "
                          f"date this guide can show ({date.max.isoformat()}); expected a date within the calendar")
        opens, due = _window(year, facts)
        if not opens <= day <= due:
            raise Refused(f"yearly_letter_dates.{i}", "letter_outside_verification_window",
                          f"yearly_letter_dates.{i}: {day} is not between {opens} and {due}; expected the date of a "
                          "yearly verification letter, sent from November 1 for the next January 2")
        by_year.setdefault(year, []).append(day)
    return by_year


def _month_after(day: date, field: str) -> date:
    if day.year == date.max.year and day.month == 12:
        raise Refused(field, "date_out_of_range",
                      f"{field}: the month after {day.isoformat()} is past the last date this guide can show "
                      f"({date.max.isoformat()}); expected a date within the calendar")
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _months(first: date, last: date) -> list[date]:
    """The first day of each month from the month of ``first`` through the month of ``last``."""
    return [date(i // 12, i % 12 + 1, 1) for i in range(first.year * 12 + first.month - 1, last.year * 12 + last.month)]


class _Year(NamedTuple):
    found: date | None
    opens: date
    due: date


def _year(year: int, opens: date, due: date, received: list[date], proofs: list[date],
          letters: dict[int, list[date]], decided: bool, steps: list[Step] | None) -> _Year:
    """One year's verification: in its window, or within 30 days before its letter (the note).

    ``received`` and ``proofs`` are sorted, so the window and the band are found by bisection.
    """
    i = bisect_left(received, opens)
    found = received[i] if i < len(received) and received[i] <= due else None
    if found is None and proofs and (decided or year in letters):  # the note can matter only then
        in_force = date(year, 1, 1)
        days = UT_PREVIOUS_VERIFICATION_DAYS.at(in_force)
        month, day = UT_YEARLY_LETTER_EARLIEST.at(in_force)
        band = proofs[bisect_left(proofs, date(year - 1, month, day) - timedelta(days=days)):bisect_left(proofs, opens)]
        sent = letters.get(year, [])
        if band and not sent and decided:
            raise Refused("yearly_letter_dates", "missing",
                          f"yearly_letter_dates: a verification received on {band[-1]} counts for {year} if ORS sent "
                          f"that year's letter within {days} days after it; needed, the date the letter was sent")
        for letter in sent:
            for proof in band:
                met = letter - timedelta(days=days) <= proof <= letter
                if steps is not None:
                    steps.append(PreviousVerification("previous_verification",
                                                      f"{letter} - {days} days <= {proof} <= {letter}",
                                                      "met" if met else "not_met", year, letter, proof, days))
                if met and found is None:
                    found = proof
    return _Year(found, opens, due)


Code = Literal["active", "ended"]
"""The outcome codes of ut.credit_end, a public contract: kept, added to, never renamed."""


@rule(RULE_ID, CreditEndFacts, REFERENCE, outcomes=Code)
def credit_end(facts: CreditEndFacts, explain: bool = True) -> Outcome:
    _check(facts)
    received = sorted({facts.credit_start, *facts.verification_dates})
    proofs = sorted(set(facts.verification_dates))
    letters = _letters(facts)
    steps: list[Step] = []
    work = steps if explain else None
    as_of = facts.as_of
    lapse_end = facts.lapse_date.replace(day=1) if facts.lapse_date else None  # CS 407P Insurance Lapses, 1

    runs: list[dict] = []
    start = facts.credit_start
    while True:  # one run of the credit: its yearly checks up to as_of, then its end
        ends: list[tuple[date, Reason]] = []
        year, opens, due = _first_year(start, facts)
        while True:  # one check per Jan 2 reached by as_of (R527-201-7(4))
            check = _year(year, opens, due, received, proofs, letters, due <= as_of, work)
            if due > as_of:
                break
            if explain:
                found = check.found
                steps.append(VerificationYear("verification_year", f"{check.opens} <= received <= {check.due}",
                                              found.isoformat() if found else None, year, check.opens, check.due, found))
            if check.found is None:
                ends.append((check.due, "no_verification"))
                break
            year += 1
            opens, due = _window(year, facts)
        if lapse_end:
            ends.append((lapse_end, "lapse"))
            if explain:
                steps.append(LapseStep("lapse", f"first day of the month of {facts.lapse_date}", lapse_end.isoformat(),
                                       facts.lapse_date, lapse_end))
        end = min(ends) if ends else None
        if len(ends) > 1 and explain:
            steps.append(EarlierEnd("earlier_end", f"min({ends[0][0]}, {ends[1][0]})", end[0].isoformat(), *end))
        runs.append({"from": start, "end": end, "next": check})
        if end is None or end[1] == "lapse":
            break
        # CS 407P Yearly Verification, NOTES 1 and 2: a complete form after the end restarts the credit.
        later = [(day, i) for i, day in enumerate(facts.verification_dates) if day > end[0]]
        if not later:
            break
        received_on, i = min(later)
        restart = _month_after(received_on, f"verification_dates.{i}")
        if lapse_end and lapse_end <= restart:  # the coverage is gone before the credit could restart
            break
        if explain:
            steps.append(Restart("restart", f"first day of the month after {received_on}", restart.isoformat(),
                                 end[0], received_on, restart))
        start = restart
        received = sorted({*received, restart})  # the restart stands for its form, as credit_start does

    periods = [{"from": run["from"], "to": max(run["end"][0], run["from"]) if run["end"] else None} for run in runs]
    gaps = [{"from": a["to"], "to": b["from"]} for a, b in zip(periods, periods[1:])]
    # The current run: the last one begun by as_of (a restart after as_of shows in periods and gaps only).
    current = next(run for run in reversed(runs) if run["from"] <= facts.as_of)
    ends_on, reason = current["end"] if current["end"] else (None, None)
    ended = ends_on is not None and ends_on <= facts.as_of
    running = ends_on is None  # no end known: the next Jan 2 it needs a verification for, and whether one is in
    check = current["next"]

    full: list[date] = []  # each month at the full amount, through the month of as_of
    for gap in gaps:
        full += [m for m in _months(gap["from"], gap["to"] - timedelta(days=1)) if m <= facts.as_of]
    if periods[-1]["to"] is not None and periods[-1]["to"] <= facts.as_of:
        full += _months(periods[-1]["to"], facts.as_of)
    owed = None
    if facts.monthly_credit is not None:  # CS 407P Insurance Lapses: "using retro-calculation"
        owed = money(facts.monthly_credit * len(full))
        if explain:
            steps.append(OwedAgain("amount_owed_again", f"{len(full)} x {money(facts.monthly_credit)}", str(owed),
                                   len(full), money(facts.monthly_credit), owed))
    figures = {
        "ends_on": ends_on,
        "reason": reason,
        "next_verification_due": check.due if running else None,
        "next_window_opens": check.opens if running else None,
        "next_verification_received": (check.found is not None) if running else None,
        "periods": periods,
        "gaps": gaps,
        "months_at_full_amount": full,
        "amount_owed_again": owed,
    }
    return Outcome(RULE_ID, "ended" if ended else "active", figures, REFERENCE, tuple(steps) if explain else ())
