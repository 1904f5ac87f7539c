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

``run_script`` returns the list of failures (empty when the conversation went as written).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic_core import to_json

from medguide.bot.guide.engine import Engine, canonical_text


def load_script(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def run_script(script: dict[str, Any]) -> list[str]:
    today = script.get("today", date(2026, 11, 23))
    if isinstance(today, str):
        today = date.fromisoformat(today)
    engine = Engine(script.get("locale", "en"), today=lambda: today)
    failures: list[str] = []
    for i, step in enumerate(script.get("steps", []), start=1):
        where = f"step {i} {step}"
        expected_q = step.get("q", step.get("expect_q"))
        if expected_q is not None and engine.state != expected_q:
            failures.append(f"{where}: expected question {expected_q}, at {engine.state}")
            break
        if "back" in step:
            engine.back(int(step["back"]))
        elif "edit" in step:
            try:
                engine.edit(step["edit"])
            except KeyError as exc:
                failures.append(f"{where}: {exc}")
                break
        elif "lang" in step:
            engine.set_language(step["lang"])
        elif step.get("unknown"):
            reply = engine.answer_unknown()
            if "error" in step:
                if reply.ok or reply.code != step["error"]:
                    failures.append(f"{where}: expected error {step['error']}, got {reply.code if not reply.ok else 'accepted'}")
                    break
            elif not reply.ok:
                failures.append(f"{where}: 'I don't know' refused: {reply.error}")
                break
        elif "a" in step:
            reply = engine.answer(str(step["a"]))
            if "choose" in step:
                values = [canonical_text(o.value) for o in reply.options]
                if reply.ok or str(step["choose"]) not in values:
                    failures.append(f"{where}: expected to be asked, with {step['choose']!r} among {values}, "
                                    f"got {'accepted' if reply.ok else f'{reply.code}: {reply.error}'}")
                    break
                reply = engine.choose(values.index(str(step["choose"])))
            if "echo" in step and reply.echo != str(step["echo"]):
                failures.append(f"{where}: expected the echo {step['echo']!r}, got {reply.echo!r}")
            if "error" in step:
                if reply.ok:
                    failures.append(f"{where}: expected error {step['error']}, the answer was accepted")
                    break
                if reply.code != step["error"]:
                    failures.append(f"{where}: expected error {step['error']}, got {reply.code}: {reply.error}")
                if engine.draft != str(step["a"]):
                    failures.append(f"{where}: the refused text was not kept")
            elif not reply.ok:
                failures.append(f"{where}: refused: {reply.code}: {reply.error}")
                break
    failures += _check_expect(engine, script.get("expect", {}))
    return failures


def _check_expect(engine: Engine, expect: dict[str, Any]) -> list[str]:
    failures = []
    if "state" in expect and engine.state != expect["state"]:
        failures.append(f"expected state {expect['state']}, at {engine.state}")
    if not engine.finished:
        if any(k in expect for k in ("outcomes", "missing", "absent")):
            failures.append("the interview did not reach the results")
        return failures + _check_answers(engine, expect)
    results = {r.rule: r for r in engine.results()}
    for rule_id, want in (expect.get("outcomes") or {}).items():
        got = results.get(rule_id)
        if got is None or got.outcome is None:
            failures.append(f"{rule_id}: expected outcome {want.get('outcome')}, got {_describe(got)}")
            continue
        if "outcome" in want and got.outcome.outcome != want["outcome"]:
            failures.append(f"{rule_id}: expected outcome {want['outcome']}, got {got.outcome.outcome}")
        figures = json.loads(to_json(got.outcome.figures))
        for name, value in (want.get("figures") or {}).items():
            if figures.get(name) != value:
                failures.append(f"{rule_id}: figure {name} expected {value!r}, got {figures.get(name)!r}")
    for rule_id, question in (expect.get("missing") or {}).items():
        got = results.get(rule_id)
        if got is None or got.missing != question:
            failures.append(f"{rule_id}: expected to wait for {question}, got {_describe(got)}")
    for rule_id in expect.get("absent") or []:
        if rule_id in results:
            failures.append(f"{rule_id}: expected not to apply, got {_describe(results[rule_id])}")
    return failures + _check_answers(engine, expect)


def _check_answers(engine: Engine, expect: dict[str, Any]) -> list[str]:
    failures = []
    for qid, value in (expect.get("answers") or {}).items():
        got = engine.answers.get(qid)
        if got is None or canonical_text(got) != str(value):
            failures.append(f"answer {qid}: expected {value!r}, got {got!r}")
    return failures


def _describe(result: Any) -> str:
    if result is None:
        return "nothing"
    if result.outcome is not None:
        return f"outcome {result.outcome.outcome}"
    if result.refusal is not None:
        return f"refusal {result.refusal.code} on {result.refusal.field}"
    return f"waiting for {result.missing}"
