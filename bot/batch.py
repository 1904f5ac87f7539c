"""`medguide rules run`: JSON Lines in, one JSON line out per input line, in order.

Pydantic parses each line itself (a discriminated union on ``rule``), so the hot
path never builds Python dicts from JSON. A money number too long to read
exactly through the fast path is re-read with ``parse_float=Decimal``.
Memory stays flat: one line in, one line out.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Any, BinaryIO, Iterable, Iterator, Literal, Union

from pydantic import ConfigDict, Field, TypeAdapter, ValidationError, create_model
from pydantic_core import to_json

from rules import RULES
from rules.base import LONG_NUMBER, Refusal, Refused
from rules.registry import refusal_from_error


@lru_cache(maxsize=1)
def envelope() -> TypeAdapter:
    """One model per rule, ``{"rule": <id>, "facts": <facts>}``, told apart by ``rule``."""
    members = []
    for rule in RULES.values():
        name = "Line_" + rule.id.replace(".", "_")
        members.append(
            create_model(
                name,
                __config__=ConfigDict(extra="forbid", strict=True, frozen=True),
                rule=(Literal[rule.id], ...),  # type: ignore[valid-type]
                facts=(rule.facts, ...),
            )
        )
    return TypeAdapter(Annotated[Union[tuple(members)], Field(discriminator="rule")])  # type: ignore[arg-type]


def _rule_of(line: bytes) -> str | None:
    """Best effort: which rule a bad line asked for, to echo it in the refusal."""
    try:
        data = json.loads(line)
    except ValueError:
        return None
    if isinstance(data, dict) and isinstance(data.get("rule"), str):
        return data["rule"][:100]
    return None


def _refusal(exc: ValidationError, line: bytes) -> Refusal:
    loc = exc.errors(include_url=False)[0]["loc"]
    strip = 2 if len(loc) > 2 and loc[1] == "facts" else 1 if loc else 0
    refusal = refusal_from_error(exc, strip=strip)
    field = "rule" if refusal.code == "unknown_rule" or (not loc and refusal.code == "missing") else refusal.field
    message = refusal.message.replace("input:", "rule:", 1) if field == "rule" else refusal.message
    return Refusal(field, refusal.code, message, str(loc[0]) if loc else _rule_of(line))


def run_line(line: bytes, brief: bool = False) -> dict[str, Any]:
    """One input line -> the output object (an outcome or a refusal)."""
    adapter = envelope()
    try:
        if LONG_NUMBER.search(line):
            # The exact path: a number of 16+ digits is read as Decimal from its
            # text (and then refused or kept by the same rules), never as a float.
            try:
                exact = json.loads(line, parse_float=Decimal)
            except ValueError:
                exact = None
            parsed = adapter.validate_json(line if exact is None else to_json(exact))
        else:
            parsed = adapter.validate_json(line)
    except ValidationError as exc:
        return _refusal(exc, line).as_json()
    rule = RULES[parsed.rule]
    try:
        return rule(parsed.facts, explain=not brief).as_json(brief)
    except Refused as exc:
        r = exc.refusal
        return Refusal(r.field, r.code, r.message, rule.id).as_json()


def run_lines(lines: Iterable[bytes], brief: bool = False) -> Iterator[bytes]:
    """Stream: each non-blank input line gives exactly one output line."""
    for line in lines:
        if not line.strip():
            continue
        yield to_json(run_line(line, brief)) + b"\n"


def run_stream(stdin: BinaryIO, stdout: BinaryIO, brief: bool = False) -> int:
    count = 0
    write = stdout.write
    for out in run_lines(stdin, brief):
        write(out)
        count += 1
    stdout.flush()
    return count


def rules_list() -> list[dict[str, Any]]:
    """Every rule id with the JSON schema of its facts and its references."""
    return [
        {"rule": r.id, "reference": list(r.reference), "facts_schema": r.facts.model_json_schema()}
        for r in RULES.values()
    ]
