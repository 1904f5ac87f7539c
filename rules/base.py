"""What every rule shares: the facts base model, money, the outcome, the refusal.

A rule is a pure function ``facts -> Outcome``. It never guesses: a missing or
impossible fact raises :class:`Refused`, which names the field and a stable
reason code. No translated text lives here; ``message`` is plain English for
staff and batch users, the explainers in ``bot/`` localize from ``code``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, PlainValidator
from pydantic_core import PydanticCustomError

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

# A JSON number reaches validators as a float. A decimal text of at most 15
# significant digits survives text -> double -> shortest repr unchanged
# (DBL_DIG), so Decimal(repr(f)) is exactly the text. Longer numbers raise
# FLOAT_TOO_LONG and the batch runner re-reads that line exactly.
FLOAT_SAFE_DIGITS = 15
FLOAT_TOO_LONG = "float_too_long"


class FactsModel(BaseModel):
    """Base of every rule's facts: strict, unknown fields refused, frozen."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _to_decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise PydanticCustomError("not_money", "expected an amount of money such as 153.98")
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise PydanticCustomError("not_money", "expected an amount of money such as 153.98")
        text = repr(value)
        amount = Decimal(text)
        if len(amount.as_tuple().digits) > FLOAT_SAFE_DIGITS:
            raise PydanticCustomError(FLOAT_TOO_LONG, "number too long to read exactly")
    elif isinstance(value, str):
        text = value.strip()
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise PydanticCustomError(
                "not_money", "expected an amount of money such as 153.98, got {text!r}", {"text": value[:40]}
            ) from None
        if not amount.is_finite() or not text or text[0] not in "+-0123456789.":
            raise PydanticCustomError("not_money", "expected an amount of money such as 153.98")
    else:
        raise PydanticCustomError("not_money", "expected an amount of money such as 153.98")
    if amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise PydanticCustomError("too_many_decimals", "an amount of money has at most two decimals (cents)")
    return amount.quantize(CENT)


def _money(value: Any) -> Decimal:
    amount = _to_decimal(value)
    if amount < 0:
        raise PydanticCustomError("negative", "an amount of money here cannot be negative")
    return amount


Money = Annotated[Decimal, PlainValidator(_money, json_schema_input_type=str | float)]
"""A non-negative amount of money, exact to the cent, never through float."""

SignedMoney = Annotated[Decimal, PlainValidator(_to_decimal, json_schema_input_type=str | float)]
"""An amount of money that may be negative."""


def cut(amount: Decimal) -> Decimal:
    """Cut (truncate) to the cent: never rounded up (CS 407P "do not round")."""
    return amount.quantize(CENT, rounding=ROUND_DOWN)


def half_up(amount: Decimal) -> Decimal:
    """Round to the cent, half a cent up."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def money(amount: Decimal) -> Decimal:
    """Normalize a figure to two decimals and never "-0.00"."""
    amount = amount.quantize(CENT)
    return ZERO if amount == 0 else amount


@dataclass(frozen=True, slots=True)
class Step:
    """One line of the working: arithmetic or a test applied.

    ``code`` names the step for explainers, ``expression`` is the working in
    language-neutral notation, ``value`` its result. ``args`` carries the named
    operands for localized explanations; it is not part of the batch output.
    """

    code: str
    expression: str
    value: str | None = None
    args: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "expression": self.expression, "value": self.value}


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a rule says: a stable code, named figures, the law, the working."""

    rule: str
    outcome: str
    figures: dict[str, Any]
    citations: tuple[str, ...]
    steps: tuple[Step, ...] = ()

    def as_json(self, brief: bool = False) -> dict[str, Any]:
        if brief:
            return {"rule": self.rule, "outcome": self.outcome, "figures": self.figures}
        return {
            "rule": self.rule,
            "outcome": self.outcome,
            "figures": self.figures,
            "citations": list(self.citations),
            "steps": [s.as_json() for s in self.steps],
        }


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a rule cannot answer: the field (a dotted path), a stable code, a message."""

    field: str
    code: str
    message: str
    rule: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "refusal": {"field": self.field, "code": self.code, "message": self.message}}


class Refused(Exception):
    """Raised by a rule for a missing or impossible fact."""

    def __init__(self, field: str, code: str, message: str):
        super().__init__(f"{field}: {code}: {message}")
        self.refusal = Refusal(field, code, message)


def fmt(value: Decimal | date | int | str | None) -> str | None:
    """A figure as the batch output writes it (money with two decimals, ISO dates)."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
