"""`medguide rules run`: JSON Lines in, one JSON line out per input line, in order.

Pydantic parses each line itself (a discriminated union on ``rule``), so the hot
path never builds Python dicts from JSON. A money number too long to read
exactly through the fast path is re-read from its text.
Memory stays flat: input is read and answered a block of lines at a time, and a
line longer than :data:`MAX_LINE` is refused (``line_too_long``) and skipped in
chunks, never held whole.

No line stops the stream: every input line, blank ones included, gets exactly
one output line, an outcome or a refusal. Besides the rules' own codes, a line
is refused as ``blank_line``, ``line_too_long``, ``not_json`` (also not UTF-8),
``too_deep`` (nested more than about 200 levels), ``duplicate_key`` (a key twice
in one object, anywhere on the line), ``not_an_id`` (an ``id`` that is not a
string or a whole number) or ``internal_error`` (a bug: the rule raised). A
refusal of the whole line names the field ``input``. A UTF-8 byte order mark at
the start of a line is skipped. A top-level ``id`` (a string or an integer) is
echoed as the first member of that line's output, outcome or refusal; on a line
that is not JSON, or too long, only when it is the line's first member.

Two paths give the same bytes. :func:`run_line` is the reference: any line, one
at a time. :func:`run_stream` reads blocks, answers the common case (a valid
line with no long number and no key twice, a rule that answers) inline, and
hands every other line to :func:`run_line`; see ``_answer_block`` for why each
shortcut is there.
"""

from __future__ import annotations

import json
import re
import typing
from decimal import Decimal
from functools import lru_cache, partial
from typing import Annotated, Any, BinaryIO, Callable, Iterable, Iterator, Literal, NamedTuple, Union

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, TypeAdapter, ValidationError, create_model
from pydantic_core import to_json

from medguide.rules import RULES
from medguide.rules.base import LONG_NUMBER, Outcome, Refusal, Refused
from medguide.rules.registry import refusal_from_error

MAX_LINE = 1 << 20
"""A line longer than this many bytes (before its newline) is refused as ``line_too_long`` without being read whole."""
ID_PREFIX = 4096
"""How much of a line that is not read (too long, not JSON) is searched for a leading ``"id"`` member."""
BOM = b"\xef\xbb\xbf"
"""A UTF-8 byte order mark (Notepad, PowerShell 5): skipped at the start of any line."""


@lru_cache(maxsize=1)
def envelope() -> TypeAdapter:
    """One model per rule, ``{"id": <optional>, "rule": <id>, "facts": <facts>}``, told apart by ``rule``."""
    members = []
    for rule in RULES.values():
        name = "Line_" + rule.id.replace(".", "_")
        members.append(
            create_model(
                name,
                __config__=ConfigDict(extra="forbid", strict=True, frozen=True),
                id=(Union[StrictStr, StrictInt], None),  # echoed; None (not given) is never read from JSON
                rule=(Literal[rule.id], ...),  # type: ignore[valid-type]
                facts=(rule.facts, ...),
            )
        )
    return TypeAdapter(Annotated[Union[tuple(members)], Field(discriminator="rule")])  # type: ignore[arg-type]


# --- reading a line with the standard library: duplicate keys, exact numbers, the id ----------


class _Twice(dict):
    """An object that had a key twice (the last one kept, as JSON readers do); ``key`` is the first repeated."""

    __slots__ = ("key",)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            break
        seen.add(key)
    twice = _Twice(found)
    twice.key = key
    return twice


class _Number(str):
    """A JSON number with a fraction or an exponent, kept as its text to be read exactly (as a string)."""

    __slots__ = ()


def _number(text: str) -> _Number:
    """The text of a JSON number, written out plainly: "1e2" -> "100", "12.50" -> "12.5" (same value)."""
    if "e" in text or "E" in text:
        value = Decimal(text)
        if not -40 <= value.adjusted() <= 40:
            return _Number(text)  # 1e400: refused as it stands (not_money), never expanded to 400 digits
        text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return _Number(text)


def _constant(name: str) -> _Number:
    return _Number(name)  # NaN, Infinity, -Infinity: text, refused by every field (never null)


def _read(text: str) -> Any:
    return json.loads(text, object_pairs_hook=_object, parse_float=_number, parse_constant=_constant)


def _duplicate(value: Any, path: tuple = ()) -> tuple | None:
    """The path of the first key given twice (outermost first), or None."""
    if isinstance(value, dict):
        if type(value) is _Twice:
            return (*path, value.key)
        for key, item in value.items():
            if isinstance(item, (dict, list)):
                found = _duplicate(item, (*path, key))
                if found:
                    return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, (dict, list)):
                found = _duplicate(item, (*path, index))
                if found:
                    return found
    return None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate ("\ud800"): not a character
        return False
    return True


def _echoable(value: Any) -> bool:
    """An id that can be echoed: a string (real text) or an integer (not true/false)."""
    return type(value) is int or (type(value) is str and _encodable(value))


_ABSENT = object()

_LEADING_ID = re.compile(
    rb'(?:\xef\xbb\xbf)?[ \t\r]*\{[ \t\r]*"id"[ \t\r]*:[ \t\r]*'
    rb'("(?:[^"\\\x00-\x1f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4}){0,1000}"|-?(?:0|[1-9][0-9]{0,99}))[ \t\r]*[,}]')


def _leading_id(head: bytes) -> Any:
    """The id of a line that cannot be read, when it is the line's first member; else None."""
    found = _LEADING_ID.match(head[:ID_PREFIX])
    if not found:
        return None
    try:
        value = json.loads(found.group(1))
    except ValueError:  # not UTF-8 inside the id
        return None
    return value if _echoable(value) else None


def _path(parts: tuple) -> str:
    """A refusal's field for a key path: the fact's path inside "facts", else the path from the top."""
    if len(parts) > 1 and parts[0] == "facts":
        parts = parts[1:]
    text = ".".join(str(part) for part in parts)
    return text.encode("utf-8", "backslashreplace").decode("utf-8")[:200]


def _rule_of(data: Any) -> str | None:
    """Best effort: which rule a refused line asked for, to echo it in the refusal."""
    if isinstance(data, dict):
        rule = data.get("rule")
        if type(rule) is str and _encodable(rule):
            return rule[:100]
    return None


# --- one line: the reference path --------------------------------------------------------------


def _whole(code: str, message: str, ident: Any = None, rule: str | None = None) -> dict[str, Any]:
    """A refusal of the whole line: the field is ``input``."""
    return _with_id(Refusal("input", code, f"input: {message}", rule).as_json(), ident)


def _with_id(answer: dict[str, Any], ident: Any) -> dict[str, Any]:
    return answer if ident is None else {"id": ident, **answer}


def _too_long(head: bytes) -> dict[str, Any]:
    return _whole("line_too_long", f"the line is longer than {MAX_LINE:,} bytes and was not read; "
                                   "expected one JSON object of at most that size on the line", _leading_id(head))


def _refusal(exc: ValidationError, data: Any) -> Refusal:
    loc = exc.errors(include_url=False)[0]["loc"]
    strip = 2 if len(loc) > 2 and loc[1] == "facts" else 1 if loc else 0
    refusal = refusal_from_error(exc, strip=strip)
    field = "rule" if refusal.code == "unknown_rule" or (not loc and refusal.code == "missing") else refusal.field
    message = refusal.message.replace("input:", "rule:", 1) if field == "rule" else refusal.message
    return Refusal(field or "input", refusal.code, message, str(loc[0]) if loc else _rule_of(data))


def run_line(line: bytes, brief: bool = False) -> dict[str, Any]:
    """One input line (with or without its newline) -> the output object: an outcome or a refusal."""
    try:
        return _run_line(line, brief)
    except Exception as exc:  # a bug of ours, not the line's: that line only is refused
        return _internal_error(exc)


def _internal_error(exc: BaseException, rule: str | None = None) -> dict[str, Any]:
    where = f" in rule {rule}" if rule else ""
    return _whole("internal_error", f"medguide could not answer this line ({type(exc).__name__}{where}); "
                                    "please report it with the line", rule=rule)


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _run_line(line: bytes, brief: bool) -> dict[str, Any]:
    if line.endswith(b"\n"):
        line = line[:-1]
    if len(line) > MAX_LINE:
        return _too_long(line[:ID_PREFIX])
    if line.startswith(BOM):
        line = line[len(BOM):]
    if not line.strip():
        return _whole("blank_line", "the line is blank; expected one JSON object on the line")
    adapter = envelope()
    long_number = LONG_NUMBER.search(line) is not None
    parsed = error = None
    if not long_number:
        try:
            parsed = adapter.validate_json(line)
        except ValidationError as exc:
            error = exc
            if _json_error(exc):
                return _not_json(line, _json_error(exc))
        if parsed is not None and line.count(b":") == _keys(parsed):  # no key twice (see _answer_block)
            return _answer(parsed, brief, parsed.id)

    # JSON, but refused, or a key may be there twice, or a long number to read exactly: the
    # standard library's reading tells what pydantic cannot (it keeps the last of two keys).
    try:
        data = _read(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return _whole("not_json", f"the line is not UTF-8 text (byte 0x{line[exc.start]:02x} at byte "
                                  f"{exc.start + 1}); expected one JSON object on the line", _leading_id(line))
    except RecursionError:
        return _whole("too_deep", "nested too deeply to read; expected one JSON object of named facts",
                      _leading_id(line))
    except ValueError as exc:
        if "integer string conversion" in str(exc):
            return _whole("too_many_digits", "a number has thousands of digits; expected numbers of at most "
                                             "15 digits", _leading_id(line))
        detail = f" (column {exc.colno}: {exc.msg})" if isinstance(exc, json.JSONDecodeError) else ""
        return _whole("not_json", f"expected one JSON object on the line{detail}", _leading_id(line))

    ident = data.get("id", _ABSENT) if isinstance(data, dict) else _ABSENT
    twice = _duplicate(data)
    echo = ident if ident is not _ABSENT and _echoable(ident) and twice != ("id",) else None
    if twice:
        field = _path(twice)
        return _with_id(Refusal(field, "duplicate_key", f"{field}: this key is given twice in the same object; "
                                                        "expected each key once", _rule_of(data)).as_json(), echo)
    if ident is not _ABSENT and echo is None:
        return Refusal("id", "not_an_id", "id: expected a string or a whole number, echoed on the output line "
                                          "(or leave id out)", _rule_of(data)).as_json()
    if long_number:
        # The exact path: a number of 16+ digits is read from its text (_number), never as a float,
        # and then refused or kept by the same rules.
        try:
            parsed = adapter.validate_json(to_json(data))
        except ValidationError as exc:
            error = exc
        except ValueError:  # a lone surrogate cannot be written back: pydantic refuses the line as it is
            try:
                parsed = adapter.validate_json(line)
            except ValidationError as exc:
                error = exc
        if error is not None and _json_error(error):
            return _not_json(line, _json_error(error))
    if error is not None:
        return _with_id(_refusal(error, data).as_json(), echo)
    return _answer(parsed, brief, echo)


def _json_error(exc: ValidationError) -> str | None:
    """pydantic's message when the line is not JSON it can read, else None."""
    first = exc.errors(include_url=False)[0]
    return first["msg"] if first["type"] == "json_invalid" else None


def _not_json(line: bytes, message: str) -> dict[str, Any]:
    """A line pydantic cannot read as JSON: why, in plain words, and the id if it leads the line."""
    ident = _leading_id(line)
    if "recursion limit" in message:
        return _whole("too_deep", "nested more than about 200 levels deep; expected one JSON object of named facts",
                      ident)
    try:
        line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _whole("not_json", f"the line is not UTF-8 text (byte 0x{line[exc.start]:02x} at byte "
                                  f"{exc.start + 1}); expected one JSON object on the line", ident)
    if _SURROGATE_ESCAPE.search(line) and ("hex escape" in message or "code point" in message):
        return _whole("not_json", "a \\ud800-\\udfff escape without its pair is not a character; expected one "
                                  "JSON object of text", ident)
    detail = message.removeprefix("Invalid JSON: ")
    return _whole("not_json", f"expected one JSON object on the line ({detail})", ident)


def _keys(parsed: BaseModel) -> int:
    """The keys of a valid line when none is given twice: its own fields set and those of every object in it."""
    nested = _dispatch(False)[parsed.rule][1]
    facts = parsed.facts
    return len(parsed.__pydantic_fields_set__) + len(facts.__pydantic_fields_set__) + (nested(facts) if nested else 0)


def _answer(parsed: BaseModel, brief: bool, echo: Any) -> dict[str, Any]:
    rule = RULES[parsed.rule]
    try:
        return _with_id(rule(parsed.facts, explain=not brief).as_json(brief), echo)
    except Refused as exc:
        r = exc.refusal
        return _with_id(Refusal(r.field, r.code, r.message, rule.id).as_json(), echo)
    except Exception as exc:  # a broken rule: this line is refused, the stream goes on
        return _with_id(_internal_error(exc, rule.id), echo)


def _line_bytes(line: bytes, brief: bool) -> bytes:
    """run_line's answer as JSON (without its newline); never raises."""
    answer = run_line(line, brief)
    try:
        return to_json(answer)
    except Exception as exc:  # an answer that cannot be written (a broken rule's figures)
        return to_json(_with_id(_internal_error(exc, answer.get("rule")), answer.get("id")))


def run_lines(lines: Iterable[bytes], brief: bool = False) -> Iterator[bytes]:
    """Stream: each input line gives exactly one output line (the reference path)."""
    for line in lines:
        yield _line_bytes(line, brief) + b"\n"


# --- the fast path -------------------------------------------------------------------------
#
# run_stream gives the same bytes as run_lines over the same input, faster. Measured on
# 100,000 generated mixed cases (benchmarks/rules_batch.py), the reference path spends
# about 4.5 µs a line in the LONG_NUMBER regex (as much as pydantic's parse), ~0.5 µs in
# the TypeAdapter wrapper around validate_json, and more in Rule.__call__, a write and a
# newline concatenation per line; it also reads every line a second time with the
# standard library, for duplicate keys. Here input is read and answered a block at a time,
# the long-number test runs once per block, and a line takes the shortcut only when
# nothing is left to word: valid, no long number, no key given twice, a rule that
# answers. Every other line (any refusal, about 3% of the benchmark's mix) goes through
# run_line unchanged.
#
# No key twice, without a second parse: pydantic keeps the last of two equal keys, so a
# line it accepted may still hold one twice. But every key of a valid line is a field
# pydantic set (extra="forbid" everywhere), and every key takes one ":" on the line. So
# when the line has exactly as many ":" as the fields set in all its objects, no key is
# there twice. Counted once per block (a line never has fewer ":" than keys, so the sums
# match only when every line's do); when they differ the block is answered again line by
# line, and a line with a ":" inside a string (rare) goes to run_line.
#
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


class _TooLong(NamedTuple):
    """A line over MAX_LINE bytes, in place of a block: only its first bytes are kept (for a leading id)."""

    head: bytes


def _blocks(stdin: BinaryIO) -> Iterator[bytes | _TooLong]:
    """The input as blocks of whole lines, in order, with a _TooLong for each line over MAX_LINE.

    The last block may lack its final newline. ``read1`` returns what is there
    without waiting for a full block, so lines from a slow producer are answered
    as they come. A line grows in ``rest`` until its newline; once it is over
    MAX_LINE the rest of it is read and dropped a chunk at a time, so memory
    stays under MAX_LINE plus a chunk whatever the line's length. Chunks are at
    most MAX_LINE, so only a line carried over from earlier chunks can be too
    long.
    """
    read = getattr(stdin, "read1", stdin.read)
    size = max(1, min(BLOCK, MAX_LINE))
    rest: list[bytes] = []  # the start of a line that has not ended yet
    pending = 0  # its length
    chunk = read(size)
    while chunk:
        end = chunk.find(b"\n")
        if end == -1:
            rest.append(chunk)
            pending += len(chunk)
            if pending > MAX_LINE:
                yield _TooLong(_head(rest))
                rest, pending = [], 0
                chunk = _after_line(read, size)
            else:
                chunk = read(size)
            continue
        if pending + end > MAX_LINE:
            yield _TooLong(_head([*rest, chunk[:end]]))
            rest, pending = [], 0
            chunk = chunk[end + 1:] or read(size)
            continue
        cut = chunk.rfind(b"\n") + 1
        rest.append(chunk[:cut] if cut < len(chunk) else chunk)
        yield b"".join(rest) if len(rest) > 1 else rest[0]
        rest = [chunk[cut:]] if cut < len(chunk) else []
        pending = len(chunk) - cut
        chunk = read(size)
    if rest:
        yield b"".join(rest)


def _head(parts: list[bytes]) -> bytes:
    head = b""
    for part in parts:
        head += part[:ID_PREFIX - len(head)]
        if len(head) >= ID_PREFIX:
            break
    return head


def _after_line(read: Callable[[int], bytes], size: int) -> bytes:
    """Read and drop the rest of a line; what follows its newline (b"" at the end of input)."""
    while chunk := read(size):
        end = chunk.find(b"\n")
        if end != -1:
            return chunk[end + 1:] or read(size)
    return b""


def _nested_keys(model: type[BaseModel]) -> Callable[[BaseModel], int] | None:
    """For a facts model with objects inside: validated facts -> the keys set in those inner objects.

    None for a flat model (most rules), whose keys are its own fields set.
    """
    nested = []
    for name, info in model.model_fields.items():
        inner = [t for t in _types(info.annotation) if isinstance(t, type) and issubclass(t, BaseModel)]
        if inner:
            nested.append((name, _nested_keys(inner[0])))
    if not nested:
        return None

    def count(value: BaseModel) -> int:
        total = 0
        for name, deeper in nested:
            item = getattr(value, name)
            for inner in item if isinstance(item, (list, tuple)) else (item,) if item is not None else ():
                total += len(inner.__pydantic_fields_set__) + (deeper(inner) if deeper else 0)
        return total

    return count


def _types(annotation: Any) -> Iterator[Any]:
    """The types an annotation may hold: through Optional, unions, lists and Annotated."""
    yield annotation
    for arg in typing.get_args(annotation):
        yield from _types(arg)


@lru_cache(maxsize=2)
def _dispatch(brief: bool) -> dict[str, tuple[Callable[[Any], Outcome], Callable[[BaseModel], int] | None]]:
    """rule id -> its function, called as Rule.__call__ would call it, without the extra call, and
    the count of the keys inside its facts' inner objects (None when there are none)."""
    return {
        rule.id: (partial(rule.func, explain=False) if brief and rule.explains else rule.func,
                  _nested_keys(rule.facts))
        for rule in RULES.values()
    }


def _answer_block(block: bytes, brief: bool, out: list[bytes]) -> None:
    """Append one output line (without its newline) per line of the block."""
    validate = envelope().validator.validate_json  # the SchemaValidator itself, not the TypeAdapter wrapper
    rules = _dispatch(brief)
    append = out.append
    long_lines = _long_lines(block)
    lines = block.split(b"\n")
    if not lines[-1]:
        lines.pop()
    start = len(out)
    keys = 0  # per line: the keys pydantic set for a line answered here, the ":" of a line left to run_line
    for index, line in enumerate(lines):
        if index not in long_lines:
            try:
                parsed = validate(line)
                func, nested = rules[parsed.rule]
                facts = parsed.facts
                ident = parsed.id
                answer = func(facts).as_json(brief)
                keys += len(facts.__pydantic_fields_set__) + (2 if ident is None else 3) + \
                    (0 if nested is None else nested(facts))
                append(to_json(answer) if ident is None else to_json({"id": ident, **answer}))
                continue
            except Exception:  # noqa: BLE001  (any refusal, or a broken rule: worded by run_line below)
                pass
        keys += line.count(b":")
        append(_line_bytes(line, brief))
    if keys != block.count(b":"):
        # A line answered here has a ":" its keys do not account for: a key given twice, or a ":" in
        # a string. Answer the block again, line by line, and leave those lines to run_line.
        del out[start:]
        for index, line in enumerate(lines):
            append(_line_bytes(line, brief) if index in long_lines else _checked(line, brief))


def _checked(line: bytes, brief: bool) -> bytes:
    """One line by the fast path, its ":" counted against its keys; run_line for anything else."""
    try:
        parsed = envelope().validator.validate_json(line)
        if line.count(b":") == _keys(parsed):
            answer = _dispatch(brief)[parsed.rule][0](parsed.facts).as_json(brief)
            return to_json(answer) if parsed.id is None else to_json({"id": parsed.id, **answer})
    except Exception:  # noqa: BLE001
        pass
    return _line_bytes(line, brief)


def run_stream(stdin: BinaryIO, stdout: BinaryIO, brief: bool = False) -> int:
    """Answer every line of stdin on stdout, in order, one write per block; the number of lines answered."""
    count = 0
    out: list[bytes] = []
    for block in _blocks(stdin):
        try:
            if type(block) is _TooLong:
                out.append(to_json(_too_long(block.head)))
            else:
                _answer_block(block, brief, out)
        finally:  # also on an interrupt mid-block: the lines answered before it still go out
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
