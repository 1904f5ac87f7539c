"""ut.credit_end: when a Utah insurance premium credit ends (R527-201-7(4); CS 407P).

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
CS 407P Procedures - Insurance Lapses: "Adjust the current support debt to the
total amount of the support award. The adjustment should be effective the month
the policy is no longer in effect." (Example: lapse effective October 1,
notified November 5: full support again from 10/1/2015.)

A verification counts for year Y when received from Nov 1 of Y-1 through
Jan 2 of Y. The years checked run from the first Jan 2 on or after credit_start
up to as_of; the first year without a verification ends the credit on its
Jan 2. Decided here: credit_start stands for the complete request that started
the credit, so it counts as the verification of a year whose window it falls
in (a credit starting Dec 1 or Jan 1 need not be verified again that Jan 2).
A lapse may be dated after as_of (a known coming end of coverage); verifications
and credit_start may not. When a lapse and a missing verification both end the
credit, the earlier end wins.
"""

from __future__ import annotations

from typing import Literal

from datetime import date
from typing import Literal, NamedTuple

from pydantic import Field

from ..base import FactsModel, Outcome, Refused, Step, step_args, step_json
from ..parameters import UT_VERIFICATION_DUE, UT_VERIFICATION_EARLIEST
from ..registry import rule

RULE_ID = "ut.credit_end"
REFERENCE = (
    "Utah Admin. Code R527-201-7(4)",
    "Utah Code 81-6-208(10)(a)",
    "CS 407P Ongoing Yearly Verification of Insurance Credits",
    "CS 407P Procedures - Insurance Lapses",
)


class CreditEndFacts(FactsModel):
    credit_start: date
    verification_dates: list[date] = Field(default=[], max_length=200)
    lapse_date: date | None = None
    as_of: date


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


class LapseStep(NamedTuple):
    """``lapse``: the credit ends on the first day of the month the policy is no longer in effect
    (CS 407P Procedures - Insurance Lapses)."""

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
    reason: str
    as_json = step_json
    args = step_args


def _check(facts: CreditEndFacts) -> None:
    if facts.credit_start > facts.as_of:
        raise Refused("credit_start", "date_in_future",
                      f"credit_start: {facts.credit_start} is after as_of ({facts.as_of}); "
                      "expected the date the credit started, on or before as_of")
    for i, day in enumerate(facts.verification_dates):
        if day > facts.as_of:
            raise Refused(f"verification_dates.{i}", "date_in_future",
                          f"verification_dates.{i}: {day} is after as_of ({facts.as_of}); "
                          "expected the date a verification was received, on or before as_of")
    if facts.lapse_date and facts.lapse_date < facts.credit_start:
        raise Refused("lapse_date", "date_before_credit_start",
                      f"lapse_date: {facts.lapse_date} is before the credit started ({facts.credit_start}); "
                      "expected the date the insurance lapsed, on or after credit_start")


def _window(year: int, facts: CreditEndFacts) -> tuple[date, date]:
    """Verifications received in this window count for the given year.

    A window that would open before the first date (year 1) or end after the
    last one (year 9999) cannot be shown: refused as ``date_out_of_range``,
    naming credit_start (where the first window comes from) or as_of (how far
    the windows are followed).
    """
    in_force = date(min(max(year, date.min.year), date.max.year), 1, 1)  # the law of the year being verified
    (from_month, from_day), (due_month, due_day) = UT_VERIFICATION_EARLIEST.at(in_force), UT_VERIFICATION_DUE.at(in_force)
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
    return date(year - 1, from_month, from_day), date(year, due_month, due_day)


Code = Literal["active", "ended"]
"""The outcome codes of ut.credit_end, a public contract: kept, added to, never renamed."""


@rule(RULE_ID, CreditEndFacts, REFERENCE, outcomes=Code)
def credit_end(facts: CreditEndFacts, explain: bool = True) -> Outcome:
    _check(facts)
    received = sorted({facts.credit_start, *facts.verification_dates})
    steps: list[Step] = []
    ends: list[tuple[date, str]] = []

    year = facts.credit_start.year
    due_month, due_day = UT_VERIFICATION_DUE.at(date(year, 1, 1))
    if date(year, due_month, due_day) < facts.credit_start:
        year += 1
    while True:  # one check per Jan 2 reached by as_of
        opens, due = _window(year, facts)
        found = next((day for day in received if opens <= day <= due), None)
        if due > facts.as_of:
            break
        if explain:
            steps.append(VerificationYear("verification_year", f"{opens} <= received <= {due}",
                                          found.isoformat() if found else None, year, opens, due, found))
        if found is None:
            ends.append((due, "no_verification"))
            break
        year += 1

    if facts.lapse_date:
        lapse_end = facts.lapse_date.replace(day=1)
        ends.append((lapse_end, "lapse"))
        if explain:
            steps.append(LapseStep("lapse", f"first day of the month of {facts.lapse_date}", lapse_end.isoformat(),
                                   facts.lapse_date, lapse_end))

    ends_on, reason = min(ends) if ends else (None, None)
    if len(ends) > 1 and explain:
        steps.append(EarlierEnd("earlier_end", f"min({ends[0][0]}, {ends[1][0]})", ends_on.isoformat(), ends_on, reason))
    ended = ends_on is not None and ends_on <= facts.as_of
    running = ends_on is None  # no end known: the next Jan 2 it needs a verification for, and whether one is in
    figures = {
        "ends_on": ends_on,
        "reason": reason,
        "next_verification_due": due if running else None,
        "next_window_opens": opens if running else None,
        "next_verification_received": (found is not None) if running else None,
    }
    return Outcome(RULE_ID, "ended" if ended else "active", figures, REFERENCE, tuple(steps) if explain else ())
