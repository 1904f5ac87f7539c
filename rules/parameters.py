"""Numbers and dates the law may change, each read at the date it applies to.

The numbers live in one data file, ``rules/parameters.yaml`` (PolicyEngine style:
per parameter a description, ``values`` keyed by the date each took effect, a
unit and a ``reference`` list). :func:`load` reads such a file into
:class:`Parameter` objects; the rules read them through the names below
(``CREDIT_SHARE``...), each the parameter of that name in the table in use, so
a test can put another table in place with :func:`using`.

A read always names its date: ``CREDIT_SHARE.at(order_date)``. ``at()`` has no
default, so a read without a date cannot be written. Where a rule's date fact is
optional, :meth:`Parameter.read` takes the value at that date, or, when the fact
is not given, the only value the parameter has ever had (:meth:`Parameter.only`);
once a parameter has changed over time it refuses ``missing``, naming the date
fact, rather than pick a value.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Iterator, Mapping

import yaml

from .base import Refused

DEFAULT_FILE = Path(__file__).with_name("parameters.yaml")

_MONTH_DAY = re.compile(r"(\d{2})-(\d{2})")


def _share(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"expected an exact decimal written as a string (\"0.5\"), got {value!r}")
    return Decimal(value)


def _whole(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"expected a whole number, got {value!r}")
    return value


def _date(value: Any) -> date:
    if not isinstance(value, date):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}")
    return value


def _month_day(value: Any) -> tuple[int, int]:
    found = _MONTH_DAY.fullmatch(value) if isinstance(value, str) else None
    if not found:
        raise ValueError(f"expected a day of the year as \"MM-DD\", got {value!r}")
    month, day = int(found[1]), int(found[2])
    date(2000, month, day)  # a real day of a (leap) year, or ValueError
    return month, day


UNITS: dict[str, Callable[[Any], Any]] = {
    "share": _share, "days": _whole, "miles": _whole, "date": _date, "month_day": _month_day,
}


class ParameterChanged(LookupError):
    """A parameter read without a date (:meth:`Parameter.only`) has had more than one value."""


@dataclass(frozen=True)
class Parameter:
    """One dated legal number: its values keyed by the date each took effect."""

    name: str
    description: str
    values: Mapping[date, Any]
    reference: tuple[str, ...]
    unit: str
    _dates: tuple[date, ...] = field(init=False, repr=False, compare=False)
    _list: tuple[Any, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.values:
            raise ValueError(f"{self.name}: a parameter needs at least one value")
        dates = tuple(sorted(self.values))
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))
        object.__setattr__(self, "_dates", dates)
        object.__setattr__(self, "_list", tuple(self.values[d] for d in dates))

    def at(self, when: date) -> Any:
        """The value in force on ``when``; before the first date, the first value."""
        if not isinstance(when, date):
            raise TypeError(f"{self.name}: read at a date, not {when!r}")
        if len(self._list) == 1:  # one value all along: no search
            return self._list[0]
        i = bisect_right(self._dates, when)
        return self._list[i - 1 if i else 0]

    @property
    def changed(self) -> bool:
        """Whether the value has changed over time (more than one value)."""
        return len(self._dates) > 1

    def only(self) -> Any:
        """The one value this parameter has ever had; :class:`ParameterChanged` once it has changed."""
        if self.changed:
            raise ParameterChanged(f"{self.name} has changed over time ({', '.join(map(str, self._dates))}); "
                                   "read it at a date")
        return self._list[0]

    def read(self, when: date | None, fact: str) -> Any:
        """At ``when``; without it, the only value, or a refusal ``missing`` naming the date ``fact``."""
        if when is not None:
            return self.at(when)
        if self.changed:
            raise Refused(fact, "missing",
                          f"{fact}: needed, the date to read {self.name} at; it has changed over time "
                          f"(values from {', '.join(map(str, self._dates))})")
        return self._list[0]


Table = Mapping[str, Parameter]


def load(path: Path | str = DEFAULT_FILE) -> Table:
    """Read a parameters file into a table of :class:`Parameter` by name; ValueError naming what is wrong."""
    path = Path(path)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    doc = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    if not isinstance(doc, dict):
        raise ValueError(f"{path}: expected a mapping of parameter names")
    table: dict[str, Parameter] = {}
    for name, entry in doc.items():
        where = f"{path.name}: {name}"
        if not isinstance(entry, dict) or set(entry) != {"description", "values", "metadata", "reference"}:
            raise ValueError(f"{where}: expected description, values, metadata and reference")
        unit = (entry["metadata"] or {}).get("unit")
        if unit not in UNITS:
            raise ValueError(f"{where}: metadata.unit must be one of {', '.join(UNITS)}, not {unit!r}")
        values = entry["values"]
        if not isinstance(values, dict) or not values or not all(isinstance(d, date) for d in values):
            raise ValueError(f"{where}: values must map effective dates (YYYY-MM-DD) to values")
        reference = entry["reference"]
        if not isinstance(reference, list) or not reference or not all(isinstance(r, str) for r in reference):
            raise ValueError(f"{where}: reference must be a list of citations")
        try:
            converted = {day: UNITS[unit](value) for day, value in values.items()}
        except ValueError as exc:
            raise ValueError(f"{where}: {exc}") from None
        table[name] = Parameter(name, str(entry["description"]), converted, tuple(reference), unit)
    return MappingProxyType(table)


_NAMES: list[str] = []
_TABLE: ContextVar[Table] = ContextVar("medguide_rules_parameters", default=load())


def current() -> Table:
    """The table of parameters the rules read now."""
    return _TABLE.get()


@contextmanager
def using(table: Table | Path | str) -> Iterator[Table]:
    """Read the parameters from another table (or file) inside the block; for tests of a change in the law."""
    if not isinstance(table, Mapping):
        table = load(table)
    missing = [name for name in _NAMES if name not in table]
    if missing:
        raise ValueError(f"the parameters table lacks {', '.join(missing)}")
    token = _TABLE.set(table)
    try:
        yield table
    finally:
        _TABLE.reset(token)


class Ref:
    """The parameter named ``name`` in the table in use; reads it as :class:`Parameter` does."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        if name not in _TABLE.get():
            raise KeyError(f"{name} is not in {DEFAULT_FILE.name}")
        self.name = name
        _NAMES.append(name)

    @property
    def parameter(self) -> Parameter:
        return _TABLE.get()[self.name]

    def at(self, when: date) -> Any:
        found = _TABLE.get()[self.name]
        if len(found._list) == 1 and isinstance(when, date):  # the common case, without a second call
            return found._list[0]
        return found.at(when)

    def only(self) -> Any:
        return _TABLE.get()[self.name].only()

    def read(self, when: date | None, fact: str) -> Any:
        return _TABLE.get()[self.name].read(when, fact)

    @property
    def changed(self) -> bool:
        return self.parameter.changed

    @property
    def description(self) -> str:
        return self.parameter.description

    @property
    def values(self) -> Mapping[date, Any]:
        return self.parameter.values

    @property
    def reference(self) -> tuple[str, ...]:
        return self.parameter.reference

    def __repr__(self) -> str:
        return f"Ref({self.name!r})"


CREDIT_SHARE = Ref("ut.premium_credit.share")
REASONABLE_COST_RATE = Ref("reasonable_cost.rate")
UT_OPERATION_OF_LAW_FROM = Ref("ut.order_regime.operation_of_law_from")
UT_VOLUNTARY_CREDIT_FROM = Ref("ut.order_regime.voluntary_credit_from")
UT_RETRO_REQUEST_DAYS = Ref("ut.credit_start.retro_request_days")
UT_VERIFICATION_EARLIEST = Ref("ut.credit_end.verification_earliest")
UT_VERIFICATION_DUE = Ref("ut.credit_end.verification_due")
UT_YEARLY_LETTER_EARLIEST = Ref("ut.credit_end.yearly_letter_earliest")
UT_YEARLY_LETTER_BY = Ref("ut.credit_end.yearly_letter_by")
UT_PREVIOUS_VERIFICATION_DAYS = Ref("ut.credit_end.previous_verification_days")
UT_EXPENSE_VERIFICATION_DAYS = Ref("ut.uninsured_expenses.verification_days")
UT_CHANGE_NOTICE_DAYS = Ref("ut.coverage.change_notice_days")
UT_EXPENSE_SHARE = Ref("ut.uninsured_expenses.share")
CA_ITEMIZED_STATEMENT_DAYS = Ref("ca.reimbursement_deadlines.itemized_statement_days")
CA_REIMBURSE_DAYS = Ref("ca.reimbursement_deadlines.reimburse_days")
CA_ACCESS_MILES = Ref("ca.out_of_network.access_miles")
