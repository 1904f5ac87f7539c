"""The table of rules: id -> facts model, pure function, references.

Rule modules register themselves with :func:`rule`; :func:`evaluate` is the one
way in for callers that hold facts as a dict (the engine, tests).
"""

from __future__ import annotations

import inspect
import typing
from dataclasses import dataclass, field
from typing import Any, Callable

from pydantic import ValidationError
from pydantic_core import to_json

from .base import MONEY_TAGS, FactsModel, Outcome, Refusal, Refused


@dataclass(frozen=True)
class Rule:
    id: str
    facts: type[FactsModel]
    func: Callable[[Any], Outcome]
    reference: tuple[str, ...]
    outcomes: tuple[str, ...]
    """Every outcome code the rule can return, from the ``Literal`` it declares (``typing.get_args``)."""
    explains: bool = field(init=False)
    """Whether ``func`` takes ``explain``: False skips building the steps (``--brief``)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "explains", "explain" in inspect.signature(self.func).parameters)

    def __call__(self, facts: FactsModel, explain: bool = True) -> Outcome:
        if not explain and self.explains:
            return self.func(facts, explain=False)
        return self.func(facts)


RULES: dict[str, Rule] = {}


def rule(rule_id: str, facts: type[FactsModel], reference: tuple[str, ...], *, outcomes: Any = None):
    """Register a rule function under its public id, with its outcome codes as a ``Literal`` type.

    Every rule of medguide declares its codes (tests/rules/test_outcomes.py); ``outcomes`` may be left
    out only for a throwaway rule a test registers.
    """
    codes: tuple[str, ...] = ()
    if outcomes is not None:
        codes = typing.get_args(outcomes)
        if typing.get_origin(outcomes) is not typing.Literal or not all(isinstance(c, str) for c in codes):
            raise TypeError(f"rule {rule_id}: outcomes must be a Literal of code strings, not {outcomes!r}")

    def register(func: Callable[[Any], Outcome]) -> Callable[[Any], Outcome]:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = Rule(rule_id, facts, func, reference, codes)
        return func

    return register


# pydantic error type -> (our stable reason code, what is expected)
_ERROR_CODES: dict[str, tuple[str, str]] = {
    "missing": ("missing", "this fact is required"),
    "extra_forbidden": ("unknown_field", "this fact is not one this rule uses"),
    "literal_error": ("not_allowed", "expected one of {expected}"),
    "enum": ("not_allowed", "expected one of {expected}"),
    "int_type": ("not_whole_number", "expected a whole number"),
    "int_parsing": ("not_whole_number", "expected a whole number"),
    "int_from_float": ("not_whole_number", "expected a whole number"),
    "date_type": ("not_a_date", "expected a date as YYYY-MM-DD"),
    "date_parsing": ("not_a_date", "expected a date as YYYY-MM-DD"),
    "date_from_datetime_parsing": ("not_a_date", "expected a date as YYYY-MM-DD"),
    "date_from_datetime_inexact": ("not_a_date", "expected a date as YYYY-MM-DD"),
    "bool_type": ("not_yes_no", "expected true or false"),
    "bool_parsing": ("not_yes_no", "expected true or false"),
    "greater_than_equal": ("too_small", "expected at least {ge}"),
    "decimal_max_places": ("too_many_decimals", "an amount of money has at most two decimals (cents)"),
    "decimal_max_digits": ("too_many_digits", "an amount of money has at most 15 digits"),
    "decimal_whole_digits": ("too_many_digits", "an amount of money has at most 15 digits"),
    "decimal_type": ("not_money", "expected an amount of money such as 153.98"),
    "decimal_parsing": ("not_money", "expected an amount of money such as 153.98"),
    "finite_number": ("not_money", "expected an amount of money such as 153.98"),
    "greater_than": ("too_small", "expected more than {gt}"),
    "less_than_equal": ("too_large", "expected at most {le}"),
    "less_than": ("too_large", "expected less than {lt}"),
    "negative": ("negative", "expected zero or more, not a negative amount"),
    "string_type": ("not_text", "expected text"),
    "string_too_long": ("too_long", "expected at most {max_length} characters"),
    "model_type": ("not_an_object", "expected an object of named facts"),
    "model_attributes_type": ("not_an_object", "expected an object of named facts"),
    "dict_type": ("not_an_object", "expected an object of named facts"),
    "list_type": ("not_a_list", "expected a list"),
    "too_long": ("too_many_items", "expected at most {max_length} items"),
    "json_invalid": ("not_json", "expected one JSON object on the line"),
    "json_type": ("not_json", "expected one JSON object on the line"),
    "union_tag_invalid": ("unknown_rule", "expected a rule id from `medguide rules list`"),
    "union_tag_not_found": ("missing", "expected a rule id from `medguide rules list`"),
}


def refusal_from_error(exc: ValidationError, strip: int = 0, rule_id: str | None = None) -> Refusal:
    """The first validation error as a typed refusal naming the dotted field path."""
    err = exc.errors(include_url=False)[0]
    loc = tuple(part for part in err["loc"][strip:] if part not in MONEY_TAGS)
    field = ".".join(str(part) for part in loc)
    kind = err["type"]
    if kind == "greater_than_equal" and str((err.get("ctx") or {}).get("ge")) == "0":
        kind = "negative"
    if kind in _ERROR_CODES:
        code, expected = _ERROR_CODES[kind]
        try:
            expected = expected.format(**(err.get("ctx") or {}))
        except (KeyError, IndexError):
            pass
        message = f"{field or 'input'}: {expected}"
    else:  # our own PydanticCustomError codes (too_many_decimals, negative, ...)
        code = kind
        message = f"{field or 'input'}: {err['msg']}"
    return Refusal(field, code, message, rule_id)


def evaluate(rule_id: str, facts: dict[str, Any] | FactsModel) -> Outcome | Refusal:
    """Validate facts and run one rule; a refusal instead of an exception."""
    found = RULES.get(rule_id)
    if found is None:
        return Refusal("rule", "unknown_rule", f"rule: no rule named {rule_id!r}", rule_id)
    try:
        # Through JSON on purpose: the same strict reading as `medguide rules run`.
        model = facts if isinstance(facts, found.facts) else found.facts.model_validate_json(to_json(facts))
        return found.func(model)
    except ValidationError as exc:
        return refusal_from_error(exc, rule_id=rule_id)
    except Refused as exc:
        return Refusal(exc.refusal.field, exc.refusal.code, exc.refusal.message, rule_id)
