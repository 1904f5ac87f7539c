"""Numbers and dates the law may change, each with its reference.

Kept apart from the formulas (as PolicyEngine keeps its parameter tree): a rule
reads ``RATE.at(when)``, never a bare literal. ``values`` are keyed by the date
each value took effect.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Parameter:
    description: str
    values: dict[date, Any]
    reference: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_dates", tuple(sorted(self.values)))

    def at(self, when: date | None = None) -> Any:
        """The value in force on ``when`` (the newest when not given)."""
        dates = self._dates  # type: ignore[attr-defined]
        if when is None:
            return self.values[dates[-1]]
        found = [k for k in dates if k <= when]
        return self.values[found[-1] if found else dates[0]]


CREDIT_SHARE = Parameter(
    "Share of the children's portion of the premium given as the insurance credit.",
    {date(1994, 7, 1): Decimal("0.5")},
    ("Utah Code 81-6-208(3)(d)", "CS 407P Calculating the Insurance Credit"),
)

REASONABLE_COST_RATE = Parameter(
    "Health insurance is reasonable in cost when it is not over this share of gross income.",
    {date(2010, 7, 15): Decimal("0.05")},
    ("45 CFR 303.31(a)(3)", "Utah Admin. Code R527-201-6(1)", "Cal. Fam. Code 3751(a)(2)", "Cal. Fam. Code 17422(b)(3)"),
)

UT_OPERATION_OF_LAW_FROM = Parameter(
    "Utah orders made or modified on or after this date carry the medical provision by operation of law.",
    {date(2023, 5, 3): date(2023, 5, 3)},
    ("Utah Code 81-6-208(2)", "Utah Code 81-6-208(6)"),
)

UT_VOLUNTARY_CREDIT_FROM = Parameter(
    "Utah orders from this date without an insurance provision allow a voluntary credit.",
    {date(1994, 7, 1): date(1994, 7, 1)},
    ("CS 407P Procedures - No Insurance Provision in Order",),
)

UT_RETRO_REQUEST_DAYS = Parameter(
    "Days after the initial contact letter (or arrears notice) to return the credit form for a retroactive credit.",
    {date(1994, 7, 1): 60},
    ("CS 407P Exception 1",),
)

UT_VERIFICATION_EARLIEST = Parameter(
    "The yearly verification may come from this month and day of the year before.",
    {date(1994, 7, 1): (11, 1)},
    ("Utah Admin. Code R527-201-7(4)",),
)

UT_VERIFICATION_DUE = Parameter(
    "The yearly verification is due on or before this month and day; the credit ends then without it.",
    {date(1994, 7, 1): (1, 2)},
    ("Utah Code 81-6-208(10)(a)", "Utah Admin. Code R527-201-7(4)"),
)

UT_EXPENSE_VERIFICATION_DAYS = Parameter(
    "Days after paying a medical expense to send the other parent written verification.",
    {date(1994, 7, 1): 30},
    ("Utah Code 81-6-208(10)(c)",),
)

CA_ITEMIZED_STATEMENT_DAYS = Parameter(
    "Days after costs accrue to give the other parent an itemized statement.",
    {date(2010, 7, 15): 30},
    ("Cal. Fam. Code 4063(b)",),
)

CA_REIMBURSE_DAYS = Parameter(
    "Days from notification to reimburse when the court set no period.",
    {date(2010, 7, 15): 30},
    ("Cal. Fam. Code 4063(b)(3)",),
)

CA_ACCESS_MILES = Parameter(
    "Coverage is presumed accessible when services are within this many miles of the child's home.",
    {date(2010, 7, 15): 50},
    ("Cal. Fam. Code 4063(g)(1)",),
)

# Utah helper additions

UT_EXPENSE_SHARE = Parameter(
    "Share of reasonable and necessary uninsured medical and dental expenses each parent bears.",
    {date(1994, 7, 1): Decimal("0.5")},
    ("Utah Code 81-6-208(3)(e)", "Utah Code 26B-9-201(5)"),
)
