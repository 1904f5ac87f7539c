"""What every rule shares: the facts base model, money, the outcome, the refusal.

A rule is a pure function ``facts -> Outcome``. It never guesses: a missing or
impossible fact raises :class:`Refused`, which names the field and a stable
reason code. No translated text lives here; ``message`` is plain English for
staff and batch users, the explainers in ``bot/`` localize from ``code``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Annotated, Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

# Money is read exactly or refused: a JSON number reaches pydantic as a float,
# whose shortest repr equals the text whenever the text has at most 15
# significant digits (DBL_DIG); more digits are refused by max_digits. The batch
# runner sends any line holding a run of 16+ digits through an exact
# parse_float=Decimal path first, so no float ever decides a cent.
MAX_MONEY_DIGITS = 15
LONG_NUMBER = re.compile(rb"[0-9.]{16,}")


class FactsModel(BaseModel):
    """Base of every rule's facts: strict, unknown fields refused, frozen."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


Money = Annotated[Decimal, Field(ge=0, max_digits=MAX_MONEY_DIGITS, decimal_places=2)]
"""A non-negative amount of money, exact to the cent, never through float."""


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


class Step(NamedTuple):
    """One line of the working: arithmetic or a test applied.

    ``code`` names the step for explainers, ``expression`` is the working in
    language-neutral notation, ``value`` its result. ``args`` carries the named
    operands for localized explanations; it is not part of the batch output.
    """

    code: str
    expression: str
    value: str | None = None
    args: dict[str, Any] = {}  # never mutated

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "expression": self.expression, "value": self.value}


class Outcome(NamedTuple):
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
