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
from types import MappingProxyType
from typing import Annotated, Any, Mapping, NamedTuple, Protocol, runtime_checkable

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError, core_schema

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


MONEY_TEXT = r"^-?[0-9]+(\.[0-9]{1,2})?$"
"""Money given as a string: ASCII digits, an optional minus, at most two decimals after a point."""
_MONEY_KINDS = (str, float, int, Decimal)
"""What money may arrive as, told apart by ``type`` (a C call, not a Python function, on the hot path)."""
MONEY_TAGS = tuple(str(kind) for kind in _MONEY_KINDS)
"""How pydantic names those kinds in an error's location ("<class 'str'>"); refusal_from_error drops them."""


def _cents_only(amount: Decimal) -> Decimal:
    if amount.as_tuple().exponent < -2:  # type: ignore[operator]  # "12.500": the text has three decimals
        raise PydanticCustomError("too_many_decimals", "an amount of money has at most two decimals (cents)")
    return amount


class _MoneyText:
    """Money as a JSON number as before; as a string only in the form MONEY_TEXT.

    Decimal's own parser reads far more than an amount: "١٢٣" (any script's
    digits), "1_000", "+12.50", ".5", "12.", "1e2", " 12.50 ". A string is
    told apart from a number before either is read (a union tagged by the
    value's type, so a JSON number still goes straight to pydantic's decimal
    reading, byte for byte the same figures), and a string must be plain:
    ``not_money`` otherwise; past that, the same bounds as a number
    (``too_many_digits`` first, as pydantic checks), then ``too_many_decimals``
    for "12.345" and "12.500" alike. Anything else (true, null, a list) is
    ``decimal_type`` (``not_money``), as before.
    """

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> core_schema.CoreSchema:
        number = handler(source)  # the decimal schema with Money's bounds
        text = core_schema.chain_schema([
            core_schema.custom_error_schema(
                core_schema.str_schema(pattern=r"^-?[0-9]+(\.[0-9]+)?$"),
                custom_error_type="not_money",
                custom_error_message="expected an amount of money such as 153.98 or \"153.98\" "
                                     "(ASCII digits and at most one point: no spaces, plus signs, underscores or exponents)"),
            core_schema.no_info_after_validator_function(_cents_only, {**number, "strict": False}),
        ])
        choices = {kind: text if kind is str else number for kind in _MONEY_KINDS}
        return core_schema.tagged_union_schema(choices, discriminator=type, custom_error_type="decimal_type")

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict[str, Any]:
        return {"anyOf": [{"minimum": 0.0, "type": "number"}, {"type": "string", "pattern": MONEY_TEXT}]}


Money = Annotated[Decimal, Field(ge=0, max_digits=MAX_MONEY_DIGITS, decimal_places=2), _MoneyText()]
"""A non-negative amount of money, exact to the cent, never through float; as text only in the form MONEY_TEXT."""


PLAIN_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?")
"""A number as text: ASCII digits and at most one point (no sign, spaces, underscores or exponents)."""


def _plain_number_text(value: Any) -> Any:
    """A number given as text must be plain ASCII digits: Decimal would read "١٢٣", "1_0", "1e2" and " 12 " too."""
    if isinstance(value, str) and not PLAIN_NUMBER.fullmatch(value):
        raise PydanticCustomError("not_a_number", "expected a number such as 12 or \"12.5\" (ASCII digits and at most one "
                                                  "point: no spaces, signs, underscores or exponents)")
    return value


Miles = Annotated[Decimal, Field(ge=0, allow_inf_nan=False, strict=False), BeforeValidator(_plain_number_text)]
"""A non-negative distance in miles; as text only plain ASCII digits with at most one point."""


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


@runtime_checkable
class Step(Protocol):
    """One line of the working: arithmetic or a test applied.

    Each rule declares its step kinds as typed ``NamedTuple`` classes (documented in
    the rule's module) whose first fields are ``code`` (a ``Literal`` of the codes
    of that kind, named for explainers), ``expression`` (the working in
    language-neutral notation) and ``value`` (its result, or None), then the named,
    typed operands. Every kind takes :func:`step_json` as ``as_json`` (the batch
    output: code, expression, value) and :data:`step_args` as ``args``, a read-only
    mapping of the operands by name (the localized explanations read it; it is not
    part of the batch output).
    """

    @property
    def code(self) -> str: ...

    @property
    def expression(self) -> str: ...

    @property
    def value(self) -> str | None: ...

    def as_json(self) -> dict[str, Any]: ...

    @property
    def args(self) -> Mapping[str, Any]: ...


STEP_FIELDS = ("code", "expression", "value")


def step_json(self: Any) -> dict[str, Any]:
    """``as_json`` of every step kind: what the batch writes for a step."""
    return {"code": self[0], "expression": self[1], "value": self[2]}


def _step_args(self: Any) -> Mapping[str, Any]:
    names = getattr(self, "_arg_names", None)
    fields = self._fields[3:] if names is None else (names.get(f, f) for f in self._fields[3:])
    return MappingProxyType(dict(zip(fields, self[3:])))


def _facts_args(self: Any) -> Mapping[str, Any]:
    return MappingProxyType(self.facts.model_dump())


facts_args = property(_facts_args, doc="``args`` of a step kind whose one operand is the rule's facts: "
                                       "every fact by name, read-only.")

step_args = property(_step_args, doc="The operands by name, read-only (a field named ``x_`` in ``_arg_names`` "
                                     "as a word Python keeps for itself, such as ``from``).")


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
