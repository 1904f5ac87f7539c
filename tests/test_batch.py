"""`medguide rules run`: the JSON Lines contract, and the fast path against the reference.

bot/faces/batch.py has two paths that must give the same bytes: ``run_lines`` (one
line at a time through ``run_line``, the reference) and ``run_stream`` (blocks,
with a shortcut for the common line). These tests pin the contract on both and
compare them on generated input, block size by block size, and against
``rules.evaluate``.
"""

from __future__ import annotations

import importlib.util
import io
import json
import random
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from pydantic_core import to_json

from medguide.bot.faces import batch
from medguide.rules import RULES, evaluate
from medguide.rules.base import LONG_NUMBER, Refused

ROOT = Path(__file__).resolve().parent.parent


def _generator():
    """The benchmark's case generator (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("rules_batch_bench", ROOT / "benchmarks" / "rules_batch.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _generator()


def run(text: str | bytes, brief: bool = False) -> list[dict]:
    data = text.encode() if isinstance(text, str) else text
    out = io.BytesIO()
    batch.run_stream(io.BytesIO(data), out, brief=brief)
    raw = out.getvalue()
    assert raw == b"" or raw.endswith(b"\n")
    return [json.loads(line) for line in raw.splitlines()]


def reference(data: bytes, brief: bool = False) -> bytes:
    return b"".join(batch.run_lines(io.BytesIO(data), brief))


def fast(data: bytes, brief: bool = False) -> bytes:
    out = io.BytesIO()
    batch.run_stream(io.BytesIO(data), out, brief=brief)
    return out.getvalue()


HALF = {"rule": "ca.apportion_expenses", "facts": {"amount": 100.01, "method": "half"}}
CREDIT = {"rule": "ut.premium_credit", "facts": {
    "base_support": 500, "case_type": "standard",
    "policies": [{"holder": "payer", "premium": 300, "persons_covered": 3, "children_on_case": 2}]}}


# --- the contract --------------------------------------------------------------------------

def test_one_line_out_per_line_in_in_order():
    cases = list(GEN.generate(300, seed=3, bad_share=0.0))
    out = run("\n".join(cases) + "\n")
    assert len(out) == len(cases)
    assert [o["rule"] for o in out] == [json.loads(c)["rule"] for c in cases]


def test_bad_lines_give_refusals_and_the_stream_goes_on():
    lines = [
        json.dumps(HALF),
        '{"rule": "ca.apportion_expenses", "facts": {"amount": 1',  # cut off: not JSON
        json.dumps({"rule": "no.such_rule", "facts": {}}),
        json.dumps({"rule": "ca.apportion_expenses", "facts": {"amount": 10.125, "method": "half"}}),
        json.dumps({"rule": "ca.apportion_expenses", "facts": {"amount": 10, "method": "thirds"}}),
        json.dumps({"rule": "ca.apportion_expenses", "facts": {"amount": 10, "method": "half", "x": 1}}),
        "[1, 2]",
        json.dumps(CREDIT),
    ]
    out = run("\n".join(lines) + "\n")
    assert len(out) == len(lines)
    assert out[0]["outcome"] == "half_each" and out[-1]["outcome"] == "credit"
    codes = [o["refusal"]["code"] for o in out[1:-1]]
    assert codes == ["not_json", "unknown_rule", "too_many_decimals", "not_allowed", "unknown_field", "not_an_object"]
    assert out[2]["rule"] == "no.such_rule" and out[2]["refusal"]["field"] == "rule"
    assert out[3]["refusal"]["field"] == "amount"


def test_a_refusal_by_the_rule_keeps_the_rule_id():
    facts = {"amount": 10, "method": "income"}  # income method without incomes
    (out,) = run(json.dumps({"rule": "ca.apportion_expenses", "facts": facts}) + "\n")
    assert out == {"rule": "ca.apportion_expenses", "refusal": {
        "field": "net_disposable_income", "code": "missing", "message": out["refusal"]["message"]}}


def test_brief_leaves_out_steps_and_citations():
    data = json.dumps(HALF) + "\n" + json.dumps(CREDIT) + "\n"
    for full, brief in zip(run(data), run(data, brief=True)):
        assert set(full) == {"rule", "outcome", "figures", "citations", "steps"} and full["steps"]
        assert set(brief) == {"rule", "outcome", "figures"}
        assert brief == {k: full[k] for k in ("rule", "outcome", "figures")}


def test_money_is_written_as_a_two_decimal_string():
    (out,) = run(json.dumps(HALF) + "\n")
    assert out["figures"]["parent_a_share"] == "50.01" and out["figures"]["parent_b_share"] == "50.00"
    (credit,) = run(json.dumps(CREDIT) + "\n")
    assert credit["figures"]["adjusted_support"] == "400.00"
    assert credit["figures"]["policies"][0] == {"credit": "100.00", "applied": "-100.00", "reason": None}


@pytest.mark.parametrize("brief", [False, True])
def test_a_20_digit_number_is_refused_or_read_exactly_never_through_float(brief):
    too_long = '{"rule": "ca.apportion_expenses", "facts": {"amount": 12345678901234567890, "method": "half"}}'
    # 0.10000000000000001 is 0.1 as a float: it must be read as its 17 digits and refused.
    float_trap = '{"rule": "ca.apportion_expenses", "facts": {"amount": 0.10000000000000001, "method": "half"}}'
    exact = '{"rule": "ca.apportion_expenses", "facts": {"amount": 1234567890123.4500, "method": "half"}}'
    in_text = '{"rule": "ut.primary_plan", "facts": {"order_names_primary": "parent_a", "covered_by_both": true, ' \
              '"parent_a_name": "12345678901234567890"}}'
    out = run("\n".join([too_long, float_trap, exact, in_text]) + "\n", brief)
    assert out[0]["refusal"]["code"] == "too_many_digits" and out[0]["refusal"]["field"] == "amount"
    assert out[1]["refusal"]["code"] == "too_many_digits"
    assert out[2]["figures"]["parent_a_share"] == "617283945061.73"
    assert out[2]["figures"]["parent_b_share"] == "617283945061.72"
    assert out[3]["figures"]["order_language"]["primary_name"] == "12345678901234567890"


def test_blank_lines_are_refused_in_place_so_lines_stay_paired():
    line = json.dumps(HALF)
    out = run(f"\n  \n{line}\n\t\n\r\n\x0b\n\x0c\n{line}\n\n")
    assert len(out) == 9
    assert [o.get("outcome") or o["refusal"]["code"] for o in out] == [
        "blank_line", "blank_line", "half_each", "blank_line", "blank_line", "blank_line", "blank_line", "half_each",
        "blank_line"]
    assert out[0] == {"rule": None, "refusal": {"field": "input", "code": "blank_line",
                                                "message": "input: the line is blank; expected one JSON object on the line"}}


def test_last_line_without_a_newline_and_crlf_lines_are_answered():
    line = json.dumps(HALF)
    assert len(run(f"{line}\r\n{line}\r\n{line}")) == 3


# --- the fast path gives the reference's bytes -----------------------------------------------

def _mixed(n: int, seed: int) -> bytes:
    lines = list(GEN.generate(n, seed=seed, bad_share=0.1))
    rng = random.Random(seed)
    extra = [
        "", "   ", "\t", '{"rule": "ca.apportion_expenses", "facts": {"amount": 99999999999999.99, "method": "half"}}',
        '{"rule": "ca.apportion_expenses", "facts": {"amount": 1e3, "method": "half"}}',
        '{"rule": "ca.apportion_expenses", "facts": {"amount": -0.0, "method": "half"}}',
        '{"rule": 5}', "null", '{"rule": "ca.apportion_expenses", "facts": {"amount": NaN, "method": "half"}}',
        "\ufeff" + json.dumps(HALF), json.dumps(HALF) + "\r", "{" + "1" * 40,
    ]
    for item in extra:
        lines.insert(rng.randrange(len(lines)), item)
    return "\n".join(lines).encode()  # no newline after the last line


@pytest.mark.parametrize("brief", [False, True])
@pytest.mark.parametrize("block", [1, 7, 300, 4096, 1 << 16])
def test_run_stream_matches_run_lines_byte_for_byte(monkeypatch, block, brief):
    data = _mixed(400, seed=block)
    monkeypatch.setattr(batch, "BLOCK", block)
    assert fast(data, brief) == reference(data, brief)


@pytest.mark.parametrize("brief", [False, True])
def test_the_fast_path_equals_evaluate_line_by_line(brief):
    """Valid generated cases: each output line is evaluate()'s answer, serialized."""
    cases = list(GEN.generate(600, seed=11, bad_share=0.0))
    out = fast(("\n".join(cases) + "\n").encode(), brief).splitlines()
    assert len(out) == len(cases)
    for line, case in zip(out, cases):
        given_ = json.loads(case, parse_float=Decimal)
        result = evaluate(given_["rule"], given_["facts"])
        expected = result.as_json(brief) if hasattr(result, "outcome") else result.as_json()
        assert line == to_json(expected), case


def test_every_rule_is_generated_and_answers():
    cases = [json.loads(c) for c in GEN.generate(2000, seed=5, bad_share=0.0)]
    assert {c["rule"] for c in cases} == set(RULES)
    out = run("\n".join(json.dumps(c) for c in cases) + "\n")
    answered = {o["rule"] for o in out if "outcome" in o}
    assert answered == set(RULES)


def test_every_rule_skips_its_working_when_brief():
    assert [rule.id for rule in RULES.values() if not rule.explains] == []


def _yaml_cases():
    for path in sorted((ROOT / "tests" / "rules").rglob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            yield pytest.param(doc["rule"], case["facts"], id=f"{path.stem}::{case['name']}")


@pytest.mark.parametrize("rule_id,facts", list(_yaml_cases()))
def test_without_the_working_a_rule_says_the_same(rule_id, facts):
    """explain=False (--brief) changes nothing but the steps, on every worked example."""
    rule = RULES[rule_id]
    try:
        model = rule.facts.model_validate_json(to_json(facts))
    except ValidationError:
        return  # refused before the rule runs: explain plays no part
    answers = []
    for explain in (True, False):
        try:
            answers.append(to_json(rule(model, explain=explain).as_json(brief=True)))
        except Refused as exc:
            answers.append(to_json(exc.refusal.as_json()))
    assert answers[0] == answers[1]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.binary(max_size=40), st.text("0123456789.ab \n\"{}", max_size=60).map(str.encode)),
                max_size=12))
def test_the_block_long_number_test_is_the_regex(pieces):
    block = b"".join(pieces)
    lines = block.split(b"\n")
    expected = {i for i, line in enumerate(lines) if LONG_NUMBER.search(line)}
    assert batch._long_lines(block) == expected


# --- streaming -----------------------------------------------------------------------------

class _Trickle(io.RawIOBase):
    """A pipe that gives a few lines per read and records when it was read."""

    def __init__(self, lines: list[bytes], events: list[str], per_read: int = 3):
        self.lines, self.events, self.per_read = lines, events, per_read

    def readable(self):
        return True

    def read1(self, n=-1):
        self.events.append("read")
        chunk, self.lines = self.lines[: self.per_read], self.lines[self.per_read:]
        return b"".join(chunk)


class _Recorder(io.RawIOBase):
    def __init__(self, events: list[str]):
        self.events, self.data = events, b""

    def writable(self):
        return True

    def write(self, b):
        self.events.append("write")
        self.data += bytes(b)
        return len(b)


def test_it_streams_answers_go_out_before_the_input_ends():
    events: list[str] = []
    lines = [(json.dumps(HALF) + "\n").encode()] * 30
    out = _Recorder(events)
    assert batch.run_stream(_Trickle(lines, events), out) == 30
    assert events.index("write") < len(events) - 1 - events[::-1].index("read")
    assert out.data.count(b"\n") == 30


def test_the_command_line_end_to_end(tmp_path):
    data = "\n".join([json.dumps(HALF), "not json", "", json.dumps(CREDIT)]) + "\n"
    for extra in ([], ["--brief"]):
        done = subprocess.run([sys.executable, "-m", "medguide.bot.cli", "rules", "run", *extra], input=data.encode(),
                              capture_output=True, check=True, cwd=ROOT)
        lines = [json.loads(line) for line in done.stdout.splitlines()]
        assert [line.get("outcome") or line["refusal"]["code"] for line in lines] == ["half_each", "not_json", "blank_line",
                                                                                     "credit"]
        assert ("steps" in lines[0]) is (not extra)
