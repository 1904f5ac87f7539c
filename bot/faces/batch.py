"""`medguide rules run`: JSON Lines in, one JSON line out per input line, in order.

Pydantic parses each line itself (a discriminated union on ``rule``), so the hot
path never builds Python dicts from JSON. A money number too long to read
exactly through the fast path is re-read with ``parse_float=Decimal``.
Memory stays flat: input is read and answered a block of lines at a time.

Two paths give the same bytes. :func:`run_line` is the reference: any line, one
at a time. :func:`run_stream` reads blocks, answers the common case (a valid
line with no long number, a rule that answers) inline, and hands every other
line to :func:`run_line`; see ``_answer_block`` for why each shortcut is there.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import lru_cache, partial
from typing import Annotated, Any, BinaryIO, Callable, Iterable, Iterator, Literal, Union

from pydantic import ConfigDict, Field, TypeAdapter, ValidationError, create_model
from pydantic_core import to_json

from medguide.rules import RULES
from medguide.rules.base import LONG_NUMBER, Outcome, Refusal, Refused
from medguide.rules.registry import refusal_from_error


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
    """Stream: each non-blank input line gives exactly one output line (the reference path)."""
    for line in lines:
        if not line.strip():
            continue
        yield to_json(run_line(line, brief)) + b"\n"


# --- the fast path -------------------------------------------------------------------------
#
# run_stream gives the same bytes as run_lines over the same input, faster. Measured on
# 100,000 generated mixed cases (benchmarks/rules_batch.py), the reference path spends
# about 4.5 µs a line in the LONG_NUMBER regex (as much as pydantic's parse), ~0.5 µs in
# the TypeAdapter wrapper around validate_json, and more in Rule.__call__, a write and a
# newline concatenation per line. Here input is read and answered a block at a time,
# the long-number test runs once per block, and a line takes the shortcut only when
# nothing is left to word: valid, no long number, a rule that answers. Every other line
# (any refusal, about 3% of the benchmark's mix) goes through run_line unchanged.
# Measured and left out: validating many lines as one JSON array (no faster per line than
# one validate_json each, and one bad line spoils the array); gc.freeze or a higher GC
# threshold (streaming frees each line's objects at once, so the collector barely runs).

BLOCK = 1 << 16
"""Bytes read at a time: big enough to amortize the per-block work, small enough to stay flat."""

# LONG_NUMBER's test (a run of 16+ bytes of [0-9.]) over a whole block at once:
# translate every byte of [0-9.] to "1" and any other to " ", then find "1" * 16.
# The same lines as the regex (a newline is not in the class, so no run spans two
# lines) at about a tenth of its cost: translate and find are single passes in C.
_DIGIT_RUN = bytes(0x31 if byte in b"0123456789." else 0x20 for byte in range(256))
_RUN = b"1" * 16
assert LONG_NUMBER.pattern == rb"[0-9.]{16,}", "keep _DIGIT_RUN and _RUN in step with LONG_NUMBER"


def _long_lines(block: bytes) -> set[int]:
    """Indexes in ``block.split(b"\\n")`` of the lines LONG_NUMBER matches (few, usually none)."""
    marked = block.translate(_DIGIT_RUN)
    found: set[int] = set()
    line = counted_to = 0
    at = marked.find(_RUN)
    while at != -1:
        line += block.count(b"\n", counted_to, at)
        counted_to = at
        found.add(line)
        next_line = block.find(b"\n", at)
        if next_line == -1:
            break
        at = marked.find(_RUN, next_line)
    return found


def _blocks(stdin: BinaryIO) -> Iterator[bytes]:
    """The input as blocks of whole lines; the last block may lack its final newline.

    ``read1`` returns what is there without waiting for a full block, so lines
    from a slow producer are answered as they come.
    """
    read = getattr(stdin, "read1", stdin.read)
    rest: list[bytes] = []  # the start of a line that has not ended yet
    while chunk := read(BLOCK):
        cut = chunk.rfind(b"\n") + 1
        if not cut:
            rest.append(chunk)
            continue
        rest.append(chunk[:cut] if cut < len(chunk) else chunk)
        yield b"".join(rest) if len(rest) > 1 else rest[0]
        rest = [chunk[cut:]] if cut < len(chunk) else []
    if rest:
        yield b"".join(rest)


@lru_cache(maxsize=2)
def _dispatch(brief: bool) -> dict[str, Callable[[Any], Outcome]]:
    """rule id -> its function, called as Rule.__call__ would call it, without the extra call."""
    return {
        rule.id: partial(rule.func, explain=False) if brief and rule.explains else rule.func
        for rule in RULES.values()
    }


def _answer_block(block: bytes, brief: bool, out: list[bytes]) -> None:
    """Append one output line (without its newline) per non-blank line of the block."""
    validate = envelope().validator.validate_json  # the SchemaValidator itself, not the TypeAdapter wrapper
    rules = _dispatch(brief)
    append = out.append
    long_lines = _long_lines(block)
    lines = block.split(b"\n")
    if not lines[-1]:
        lines.pop()
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if index not in long_lines:
            try:
                parsed = validate(line)
                answer = rules[parsed.rule](parsed.facts)
            except (ValidationError, Refused):
                pass  # worded by run_line below
            else:
                append(to_json(answer.as_json(brief)))
                continue
        append(to_json(run_line(line, brief)))


def run_stream(stdin: BinaryIO, stdout: BinaryIO, brief: bool = False) -> int:
    """Answer every non-blank line of stdin on stdout, in order, one write per block."""
    count = 0
    out: list[bytes] = []
    for block in _blocks(stdin):
        try:
            _answer_block(block, brief, out)
        finally:  # also on an unexpected error mid-block: the lines answered before it still go out
            if out:
                count += len(out)
                out.append(b"")
                stdout.write(b"\n".join(out))
                stdout.flush()
                out.clear()
    stdout.flush()
    return count


def rules_list() -> list[dict[str, Any]]:
    """Every rule id with the JSON schema of its facts and its references."""
    return [
        {"rule": r.id, "reference": list(r.reference), "facts_schema": r.facts.model_json_schema()}
        for r in RULES.values()
    ]
