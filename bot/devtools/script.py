"""Scripted conversations: a YAML file plays a whole interview on the headless engine.

    name: Utah payer, own plan, one child
    locale: en                      # the language the answers are typed in
    today: 2026-11-23               # the clock, fixed so dates test the same every day
    steps:
      - {q: order_state, a: UT}     # the question expected now, and the answer typed
      - {q: base_support, a: abc, error: not_money}   # refused, with this code; the question stays
      - {q: my_role, unknown: true}                   # "I don't know"
      - {q: order_date, a: "04/05/2023", choose: "2023-04-05"}  # asked back (two readings, or unusual):
                                    # the option with this canonical value is chosen
      - {q: base_support, a: "1,250", echo: "$1,250.00"}      # accepted and said back in these words
      - {back: 2}                   # go back two questions
      - {edit: my_premium}          # from review, change an earlier answer
      - {lang: es}                  # switch language mid-interview
      - {expect_q: my_premium}      # only check where we are
    expect:
      state: results
      outcomes:                     # rule id -> outcome code and (a subset of) figures, as the batch writes them
        ut.premium_credit: {outcome: credit, figures: {adjusted_support: "317.00"}}
      missing: {ut.primary_plan: other_birthday}      # a rule that waits for an "I don't know" fact
      absent: [ut.credit_start]     # rules that must not apply
      answers: {my_premium: "198.00"}                 # canonical answers kept at the end

Also ``name``, ``comment`` and ``xfail`` (a reason: the script is expected to fail).
The file is read with limits (:func:`medguide.bot.devtools.safe_yaml.load_yaml`: 1 MiB, safe tags,
aliases capped) and checked against a strict schema: a misspelt key (``figure``,
``eror``, ``outcome``, ``answer``, ``statee``), a value of the wrong kind, an unknown
rule id, language or date, or a step doing two things is a :class:`ScriptError`
naming where, never a silent PASS. ``load_script`` raises it; ``run_script``
returns the list of failures (empty when the conversation went as written).
"""

from __future__ import annotations

import difflib
import json
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError, to_json

from medguide.bot.devtools.safe_yaml import YamlError, load_yaml
from medguide.bot.guide.engine import Engine, canonical_text
from medguide.bot.words.languages import LANGUAGES
from medguide.rules import RULES

MAX_SCRIPT_BYTES = 1 << 20
"""A script file over 1 MiB is refused unread (the largest in tests/conversations is a few KB)."""
DEFAULT_TODAY = date(2026, 11, 23)


class ScriptError(ValueError):
    """A script file that cannot be played as written; ``str(exc)`` is one plain line saying what is wrong."""


# --- the schema: a misspelt key is an error, never ignored ---------------------------------------


def _answer(value: Any) -> Any:
    if isinstance(value, bool):
        raise PydanticCustomError("answer_type", "expected the answer as text; YAML reads yes, no, on and off as "
                                                 "true or false, so quote them: \"yes\"")
    if isinstance(value, (str, int, float, date)):
        return value
    raise PydanticCustomError("answer_type", "expected the answer as text (or a number or a date), "
                                             "not a list or a mapping")


def _language(value: Any) -> Any:
    if not isinstance(value, str) or value not in LANGUAGES:
        raise PydanticCustomError("language", "expected a language code: {codes}", {"codes": ", ".join(LANGUAGES)})
    return value


def _rule_id(value: str) -> str:
    if value not in RULES:
        close = difflib.get_close_matches(value, list(RULES), n=1)
        raise PydanticCustomError("rule_id", "no rule is named {rule}{hint}",
                                  {"rule": repr(value), "hint": f"; did you mean {close[0]}?" if close else ""})
    return value


def _today(value: Any) -> Any:
    if isinstance(value, datetime):
        raise PydanticCustomError("today", "expected a date as YYYY-MM-DD, without a time")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError("today", "expected a date as YYYY-MM-DD, such as 2026-11-23")


Answer = Annotated[Any, BeforeValidator(_answer)]
Language = Annotated[str, BeforeValidator(_language)]
RuleId = Annotated[str, AfterValidator(_rule_id)]
Today = Annotated[date, BeforeValidator(_today)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


ACTIONS = ("a", "unknown", "back", "edit", "lang")


class Step(_Strict):
    q: str | None = None
    expect_q: str | None = None
    a: Answer | None = None
    choose: Answer | None = None
    echo: str | None = None
    error: str | None = None
    unknown: Literal[True] | None = None
    back: int | None = Field(default=None, ge=1)
    edit: str | None = None
    lang: Language | None = None

    @model_validator(mode="after")
    def _one_thing(self) -> "Step":
        done = [name for name in ACTIONS if getattr(self, name) is not None]
        if len(done) > 1:
            raise PydanticCustomError("step", "a step does one thing; this one has {keys}", {"keys": ", ".join(done)})
        if not done and self.q is None and self.expect_q is None:
            raise PydanticCustomError("step", "an empty step; expected q or expect_q, or one of a, unknown, back, "
                                              "edit, lang")
        if self.q is not None and self.expect_q is not None:
            raise PydanticCustomError("step", "give q or expect_q, not both")
        if self.error is not None and self.a is None and self.unknown is None:
            raise PydanticCustomError("step", "error goes with a or unknown: the answer expected to be refused")
        for name in ("choose", "echo"):
            if getattr(self, name) is not None and self.a is None:
                raise PydanticCustomError("step", "{key} goes with a: the answer asked back or said back",
                                          {"key": name})
        return self


class OutcomeWanted(_Strict):
    outcome: str | None = None
    figures: dict[str, Any] = {}


class Expect(_Strict):
    state: str | None = None
    outcomes: dict[RuleId, OutcomeWanted] = {}
    missing: dict[RuleId, str] = {}
    absent: list[RuleId] = []
    answers: dict[str, Answer] = {}


class Script(_Strict):
    name: str | None = None
    comment: str | None = None
    xfail: str | None = None
    locale: Language = "en"
    today: Today = DEFAULT_TODAY
    steps: list[Step]
    expect: Expect = Expect()


def _allowed(loc: tuple) -> list[str]:
    """The keys allowed where ``loc`` points (for a "did you mean")."""
    model: Any = Script
    parts = list(loc[:-1])
    while parts:
        part = parts.pop(0)
        if model is Script and part == "steps":
            model = Step
            parts = parts[1:]  # the step's index
        elif model is Script and part == "expect":
            model = Expect
        elif model is Expect and part == "outcomes":
            model = OutcomeWanted
            parts = parts[1:]  # the rule id
        else:
            return []
    return list(model.model_fields)


_PLAIN = {
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "bool_type": "expected true or false",
    "list_type": "expected a list",
    "dict_type": "expected a mapping (key: value)",
    "model_type": "expected a mapping (key: value)",
    "literal_error": "expected true",
    "greater_than_equal": "expected 1 or more",
    "missing": "missing: every script has steps",
}


def _where(loc: tuple) -> str:
    words = []
    parts = list(loc)
    while parts:
        part = parts.pop(0)
        if part == "steps" and parts and isinstance(parts[0], int):
            words.append(f"step {parts.pop(0) + 1}")
        else:
            words.append(str(part))
    return ".".join(words) if words else "top level"


def _describe_errors(exc: ValidationError) -> str:
    said = []
    errors = exc.errors(include_url=False)
    for error in errors[:5]:
        loc = tuple(part for part in error["loc"] if part != "[key]")  # pydantic's mark for a mapping's key
        kind = error["type"]
        if kind == "extra_forbidden":
            key = str(loc[-1])
            close = difflib.get_close_matches(key, _allowed(loc), n=1)
            hint = f"; did you mean {close[0]}?" if close else f" (expected one of: {', '.join(_allowed(loc))})"
            shown = repr(key[:60]) + ("..." if len(key) > 60 else "")
            said.append(f"{_where(loc[:-1])}: unknown key {shown}{hint}")
        else:
            said.append(f"{_where(loc)}: {_PLAIN.get(kind, error['msg'])}")
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    return "; ".join(said) + more


def parse_script(data: Any) -> Script:
    """Plain data (from YAML) as a Script; ScriptError naming every problem found (up to five)."""
    if data is None:
        raise ScriptError("the file is empty; expected a mapping with steps (and expect)")
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"{type(data).__name__} {data!r:.40}"
        raise ScriptError(f"expected a mapping with steps (and expect), not {kind}")
    try:
        return Script.model_validate(data)
    except ValidationError as exc:
        raise ScriptError(_describe_errors(exc)) from None


def load_script(path: Path) -> dict[str, Any]:
    """The script in ``path``, checked against the schema (ScriptError if it cannot be played)."""
    try:
        data = load_yaml(path, max_bytes=MAX_SCRIPT_BYTES)
    except YamlError as exc:
        raise ScriptError(str(exc)) from None
    parse_script(data)
    return data


def _text(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def run_script(script: dict[str, Any] | Script) -> list[str]:
    if not isinstance(script, Script):
        script = parse_script(script)
    today = script.today
    engine = Engine(script.locale, today=lambda: today)
    failures: list[str] = []
    for i, step in enumerate(script.steps, start=1):
        where = f"step {i} {step.model_dump(exclude_none=True)}"
        expected_q = step.q if step.q is not None else step.expect_q
        if expected_q is not None and engine.state != expected_q:
            failures.append(f"{where}: expected question {expected_q}, at {engine.state}")
            break
        if step.back is not None:
            engine.back(step.back)
        elif step.edit is not None:
            try:
                engine.edit(step.edit)
            except KeyError as exc:
                failures.append(f"{where}: {exc}")
                break
        elif step.lang is not None:
            engine.set_language(step.lang)
        elif step.unknown:
            reply = engine.answer_unknown()
            if step.error is not None:
                if reply.ok or reply.code != step.error:
                    failures.append(f"{where}: expected error {step.error}, got {reply.code if not reply.ok else 'accepted'}")
                    break
            elif not reply.ok:
                failures.append(f"{where}: 'I don't know' refused: {reply.error}")
                break
        elif step.a is not None:
            typed = _text(step.a)
            reply = engine.answer(typed)
            if step.choose is not None:
                values = [canonical_text(o.value) for o in reply.options]
                chosen = _text(step.choose)
                if reply.ok or chosen not in values:
                    failures.append(f"{where}: expected to be asked, with {chosen!r} among {values}, "
                                    f"got {'accepted' if reply.ok else f'{reply.code}: {reply.error}'}")
                    break
                reply = engine.choose(values.index(chosen))
            if step.echo is not None and reply.echo != step.echo:
                failures.append(f"{where}: expected the echo {step.echo!r}, got {reply.echo!r}")
            if step.error is not None:
                if reply.ok:
                    failures.append(f"{where}: expected error {step.error}, the answer was accepted")
                    break
                if reply.code != step.error:
                    failures.append(f"{where}: expected error {step.error}, got {reply.code}: {reply.error}")
                if engine.draft != typed:
                    failures.append(f"{where}: the refused text was not kept")
            elif not reply.ok:
                failures.append(f"{where}: refused: {reply.code}: {reply.error}")
                break
    failures += _check_expect(engine, script.expect)
    return failures


def _check_expect(engine: Engine, expect: Expect) -> list[str]:
    failures = []
    if expect.state is not None and engine.state != expect.state:
        failures.append(f"expected state {expect.state}, at {engine.state}")
    if not engine.finished:
        if expect.outcomes or expect.missing or expect.absent:
            failures.append("the interview did not reach the results")
        return failures + _check_answers(engine, expect)
    results = {r.rule: r for r in engine.results()}
    for rule_id, want in expect.outcomes.items():
        got = results.get(rule_id)
        if got is None or got.outcome is None:
            failures.append(f"{rule_id}: expected outcome {want.outcome}, got {_describe(got)}")
            continue
        if want.outcome is not None and got.outcome.outcome != want.outcome:
            failures.append(f"{rule_id}: expected outcome {want.outcome}, got {got.outcome.outcome}")
        figures = json.loads(to_json(got.outcome.figures))
        for name, value in want.figures.items():
            if figures.get(name) != value:
                failures.append(f"{rule_id}: figure {name} expected {value!r}, got {figures.get(name)!r}")
    for rule_id, question in expect.missing.items():
        got = results.get(rule_id)
        if got is None or got.missing != question:
            failures.append(f"{rule_id}: expected to wait for {question}, got {_describe(got)}")
    for rule_id in expect.absent:
        if rule_id in results:
            failures.append(f"{rule_id}: expected not to apply, got {_describe(results[rule_id])}")
    return failures + _check_answers(engine, expect)


def _check_answers(engine: Engine, expect: Expect) -> list[str]:
    failures = []
    for qid, value in expect.answers.items():
        got = engine.answers.get(qid)
        if got is None or canonical_text(got) != _text(value):
            failures.append(f"answer {qid}: expected {_text(value)!r}, got {got!r}")
    return failures


def _describe(result: Any) -> str:
    if result is None:
        return "nothing"
    if result.outcome is not None:
        return f"outcome {result.outcome.outcome}"
    if result.refusal is not None:
        return f"refusal {result.refusal.code} on {result.refusal.field}"
    return f"waiting for {result.missing}"
