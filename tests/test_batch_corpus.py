"""A hostile corpus through `medguide rules run`: good and bad lines mixed, from a fixed seed.

Good lines come from the benchmark's generator (benchmarks/rules_batch.py); bad
lines from every class of the reliability findings: blank lines, truncations,
invalid UTF-8, control bytes, lone surrogates, deep nesting, dates at the ends of
the calendar, money spellings, too many decimals, duplicate keys, NaN, Infinity
and huge numbers, wrong types, wrong rule ids, non-objects, trailing garbage,
unknown fields, bad ids and lines over 1 MiB. Equivalent lines (with an id, a
BOM, CRLF, white space around) must answer as their plain line does.

Checked, in full and --brief: one answer per input line, in order; each bad line
refused with its expected code (and field); every good or equivalent line
byte-identical to its answer when run alone; the fast path byte-identical to the
reference path; the command line gives the same bytes, exit status 0, no stderr.
"""

from __future__ import annotations

import importlib.util
import io
import json
import random
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from medguide.bot.faces import batch

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261201


def _generator():
    spec = importlib.util.spec_from_file_location("rules_batch_bench", ROOT / "benchmarks" / "rules_batch.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _generator()


@dataclass(frozen=True)
class Case:
    kind: str  # the class of line
    line: bytes
    code: str | None = None  # the refusal expected; None: a good line (an outcome or the rule's own answer)
    field: str | None = None  # the refusal's field, where it is certain
    alone: bytes | None = None  # a good line's plain form, whose answer alone this line must give
    ident: object = None  # the id this line's answer must carry


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _with_key_twice(value, target: list, path: tuple = ()) -> str:
    """JSON text of value, with the key at ``target`` (a path) given twice in its object."""
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            text = _dumps(key) + ": " + _with_key_twice(item, target, (*path, key))
            parts.append(text)
            if (*path, key) == tuple(target):
                parts.append(text)  # the same member again
        return "{" + ", ".join(parts) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_with_key_twice(item, target, (*path, i)) for i, item in enumerate(value)) + "]"
    return _dumps(value)


def _key_paths(value, path: tuple = ()) -> list[tuple]:
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.append((*path, key))
            found += _key_paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _key_paths(item, (*path, i))
    return found


def _field(path: tuple) -> str:
    parts = path[1:] if len(path) > 1 and path[0] == "facts" else path
    return ".".join(str(p) for p in parts)


# facts for rules with a top-level money fact: (rule id, money fact)
MONEY_RULES = [("ut.uninsured_expenses", "amount"), ("ca.apportion_expenses", "amount"),
               ("ut.premium_credit", "base_support"), ("reasonable_cost", "gross_monthly_income"),
               ("ca.out_of_network", "amount_charged")]
NOT_MONEY = ["١٢٣", "１２３", "१२३", "๑๒๓", "1_000", "+12.50", ".5", "12.", "1e2", "1E+2", " 12.50 ", "12.50 ",
             "12,50", "$5", "five", "", "NaN", "Infinity", "0x1F", "--1", "1.2.3", "١٢٣.٤٥"]
TOO_MANY_DECIMALS = ['"12.345"', "12.345", '"12.500"', "0.001", '"0.001"', "1e-3"]
HOSTILE_NUMBERS = [("NaN", "not_money"), ("Infinity", "not_money"), ("-Infinity", "not_money"),
                   ("1e400", "not_money"), ("-1e400", "not_money"), ("1" * 400, "too_many_digits"),
                   ("1234567890123456", "too_many_digits"), ("12345678901234567890.5", "too_many_digits"),
                   ("0.10000000000000001", "too_many_digits"), ("-1", "negative"), ("-0.01", "negative")]
BAD_RULES = ['""', '"UT.CREDIT_END"', '"ut.premium_credits"', "5", "null", '["ut.credit_end"]', '"\\u001b[31m"',
             '"' + "a" * 5000 + '"', '"ut.credit_end\\u200b"', "true", '{"id": "ut.credit_end"}']
NON_OBJECTS = ["[]", "[1, 2]", '"text"', "5", "null", "true", '[{"rule": "ut.credit_end"}]', "-0", "1e400"]
BAD_IDS = ["1.5", "7.0", "1e3", "true", "false", "null", "[1]", '{"a": 1}', "NaN"]
EXTREME_DATES = [
    ('{"rule":"ut.credit_start","facts":{"complete_request_received":"9999-12-%02d"}}', "complete_request_received"),
    ('{"rule":"ut.credit_end","facts":{"credit_start":"0001-01-0%d","as_of":"2022-10-21"}}', "credit_start"),
    ('{"rule":"ut.credit_end","facts":{"credit_start":"9999-10-%02d","as_of":"9999-10-30"}}', "as_of"),
    ('{"rule":"ut.uninsured_expenses","facts":{"amount":"1.00","paid_by":"parent_a","paid_on":"9999-12-%02d"}}',
     "paid_on"),
    ('{"rule":"ca.reimbursement_deadlines","facts":{"costs_accrued_on":"9999-12-%02d","paid_all":true}}',
     "costs_accrued_on"),
]


def corpus(seed: int = SEED) -> list[Case]:
    rng = random.Random(seed)
    good = list(GEN.generate(3001, seed=seed, bad_share=0.0))
    parsed = [json.loads(line) for line in good]
    cases = [Case("good", line.encode()) for line in good]

    def pick(rule_id: str | None = None) -> dict:
        while True:
            item = rng.choice(parsed)
            if rule_id is None or item["rule"] == rule_id:
                return json.loads(json.dumps(item))

    def add(kind, line, code=None, field=None, alone=None, ident=None):
        cases.append(Case(kind, line if isinstance(line, bytes) else line.encode(), code, field, alone, ident))

    for _ in range(120):
        add("blank", rng.choice(["", " ", "\t", "\r", "\x0b", "\x0c", " \t\r ", "\ufeff", "\ufeff  "]),
            "blank_line", "input")
    for _ in range(700):
        line = rng.choice(good).encode()
        add("truncated", line[:rng.randint(1, len(line) - 1)], "not_json", "input")
    for _ in range(300):
        line = rng.choice(good).encode()
        at = rng.randint(0, len(line))
        bad = rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xc0\xaf", b"\xf8\x88\x80\x80\x80", b"\x80", b"\xfe"])
        add("invalid_utf8", line[:at] + bad + line[at:], "not_json", "input")
    for _ in range(200):
        line = rng.choice(good).encode()
        at = rng.randint(0, len(line))
        add("control_byte", line[:at] + rng.choice([b"\x00", b"\x01", b"\x07", b"\x1b", b"\x1f", b"\x0b", b"\x0c"])
            + line[at:], "not_json", "input")
    for _ in range(100):
        item = pick("ut.primary_plan")
        escape = rng.choice(["\\ud800", "\\udfff", "\\udc00x", "a\\ud83d"])
        if rng.random() < 0.5:
            add("lone_surrogate", _dumps(item).replace('"ut.primary_plan"', f'"{escape}"'), "not_json", "input")
        else:
            item["facts"]["parent_a_name"] = "@@"
            add("lone_surrogate", _dumps(item).replace('"@@"', f'"{escape}"'), "not_json", "input")
    for depth in (202, 255, 300, 990, 1000, 5000, 20000, 100_000):
        for shape in range(5):
            text = ["[" * depth + "]" * depth, '{"a":' * depth + "0" + "}" * depth,
                    '{"rule":"ut.credit_end","facts":' + "[" * depth + "]" * depth + "}",
                    '{"rule":"ut.credit_end","facts":' + '{"a":' * depth + "0" + "}" * (depth + 1),
                    "[" * depth][shape]  # the last one is also cut off: still too deep first
            add("deep", text, "too_deep", "input")
    for template, fact in EXTREME_DATES:
        for day in range(1, 31):
            if "0001-01-0" in template and day > 2 or "9999-12-" in template and day < 2:
                continue  # 0001-01-03 starts with the 0002 window; 9999-12-01 + 30 days is 9999-12-31
            if "9999-10-" in template and day < 3:
                continue
            add("extreme_date", template % day, "date_out_of_range", fact)
    for _ in range(400):
        rule_id, fact = rng.choice(MONEY_RULES)
        item = pick(rule_id)
        item["facts"][fact] = rng.choice(NOT_MONEY)
        add("money_spelling", _dumps(item), "not_money", fact)
    for _ in range(100):
        rule_id, fact = rng.choice(MONEY_RULES)
        item = pick(rule_id)
        item["facts"][fact] = "@@"
        add("too_many_decimals", _dumps(item).replace('"@@"', rng.choice(TOO_MANY_DECIMALS)), "too_many_decimals",
            fact)
    for _ in range(300):
        item = pick()
        path = rng.choice(_key_paths(item))
        add("duplicate_key", _with_key_twice(item, list(path)), "duplicate_key", _field(path))
    for _ in range(200):
        rule_id, fact = rng.choice(MONEY_RULES)
        item = pick(rule_id)
        item["facts"][fact] = "@@"
        token, expected = rng.choice(HOSTILE_NUMBERS)
        add("hostile_number", _dumps(item).replace('"@@"', token), expected, fact)
    for _ in range(60):
        item = pick("ut.premium_credit")
        item["facts"]["policies"][0]["persons_covered"] = "@@"
        add("hostile_number", _dumps(item).replace('"@@"', rng.choice(["NaN", "Infinity", "1e400", "3.5", "1e2"])),
            "not_whole_number", "policies.0.persons_covered")
    wrong_types = [("ca.coverage_assignment", "coverage_ordered", ['"yes"', "1", "0", '"true"', "null"], "not_yes_no"),
                   ("ut.credit_end", "as_of", ["20240101", '"2024-1-1"', '"2024-02-30"', '"0000-01-01"',
                                               '"10000-01-01"', '"٢٠٢٤-٠١-٠١"', "true"], "not_a_date"),
                   ("ut.uninsured_expenses", "amount", ["true", "false", "null", "[]", "{}", '["1"]'], "not_money"),
                   ("ut.premium_credit", "policies", ['"x"', "5", "{}", "true"], "not_a_list")]
    for _ in range(200):
        rule_id, fact, values, expected = rng.choice(wrong_types)
        item = pick(rule_id)
        item["facts"][fact] = "@@"
        add("wrong_type", _dumps(item).replace('"@@"', rng.choice(values)), expected, fact)
    for _ in range(40):
        item = pick()
        item["facts"] = "@@"
        add("wrong_type", _dumps(item).replace('"@@"', rng.choice(["[]", '"x"', "5", "null", "[{}]"])),
            "not_an_object", "facts")
    for _ in range(100):
        item = pick()
        item["rule"] = "@@"
        add("wrong_rule", _dumps(item).replace('"@@"', rng.choice(BAD_RULES)), "unknown_rule", "rule")
    for _ in range(60):
        add("not_an_object", rng.choice(NON_OBJECTS), "not_an_object", "input")
    for _ in range(60):
        line = rng.choice(good)
        add("trailing_garbage", line + rng.choice([" x", "{}", line, ",", "]", " // comment", "\x00"]),
            "not_json", "input")
    for _ in range(100):
        item = pick()
        if rng.random() < 0.5:
            item["note"] = 1
            add("unknown_field", _dumps(item), "unknown_field", "note")
        else:
            item["facts"]["zzz_extra"] = True
            add("unknown_field", _dumps(item), "unknown_field", "zzz_extra")
    for _ in range(60):
        item = pick()
        add("bad_id", '{"id": ' + rng.choice(BAD_IDS) + ", " + _dumps(item)[1:], "not_an_id", "id")
    for _ in range(3):
        add("too_long", b'{"id": "long", "rule": "x", "facts": "' + b"a" * (batch.MAX_LINE + 1000) + b'"}',
            "line_too_long", "input", ident="long")
    # equivalent lines: each must answer as its plain line does when run alone
    for _ in range(300):
        line = rng.choice(good)
        ident = rng.choice([f"case-{rng.randrange(10**6)}", rng.randrange(-10**6, 10**6), 10**25, "",
                            "e\u0301t\u00e9 \u5b50 \U0001F600", "a\"b\\c\n"])
        text = '{"id": ' + _dumps(ident) + ", " + line[1:] if rng.random() < 0.5 else \
            line[:-1] + ', "id": ' + _dumps(ident) + "}"
        add("with_id", text, alone=text.encode(), ident=ident)
    for _ in range(50):
        line = rng.choice(good)
        add("bom", "\ufeff" + line, alone=line.encode())
    for _ in range(100):
        line = rng.choice(good)
        add("crlf", line + "\r", alone=line.encode())
    for _ in range(60):
        line = rng.choice(good)
        add("white_space", rng.choice([" ", "\t", "  \t"]) + line + rng.choice(["", " ", "\t "]), alone=line.encode())

    first, rest = cases[0], cases[1:]
    rng.shuffle(rest)
    # a BOM on the very first line, as Notepad and PowerShell 5 write it
    head = Case("bom", b"\xef\xbb\xbf" + first.line, alone=first.line)
    return [head, *rest]


CORPUS = corpus()


def _run(data: bytes, brief: bool) -> bytes:
    out = io.BytesIO()
    batch.run_stream(io.BytesIO(data), out, brief=brief)
    return out.getvalue()


def _alone(line: bytes, brief: bool) -> bytes:
    return _run(line + b"\n", brief)


def test_the_corpus_is_large_and_covers_every_class():
    counts = Counter(case.kind for case in CORPUS)
    assert len(CORPUS) >= 5000
    assert counts["good"] >= 3000 and sum(n for kind, n in counts.items() if kind != "good") >= 2500
    assert set(counts) == {"good", "blank", "truncated", "invalid_utf8", "control_byte", "lone_surrogate", "deep",
                           "extreme_date", "money_spelling", "too_many_decimals", "duplicate_key", "hostile_number",
                           "wrong_type", "wrong_rule", "not_an_object", "trailing_garbage", "unknown_field",
                           "bad_id", "too_long", "with_id", "bom", "crlf", "white_space"}
    assert corpus() == CORPUS  # the same seed gives the same corpus


@pytest.mark.parametrize("brief", [False, True])
def test_every_line_gets_one_answer_in_order_and_its_expected_code(brief):
    data = b"\n".join(case.line for case in CORPUS) + b"\n"
    got = _run(data, brief)
    answers = got.split(b"\n")
    assert answers.pop() == b""
    assert len(answers) == len(CORPUS)
    assert got == b"".join(batch.run_lines(io.BytesIO(data), brief))  # the fast path gives the reference's bytes
    wrong = []
    for case, raw in zip(CORPUS, answers):
        answer = json.loads(raw)
        if case.code is not None:
            refusal = answer.get("refusal") or {}
            if refusal.get("code") != case.code or (case.field is not None and refusal.get("field") != case.field):
                wrong.append((case.kind, case.line[:120], case.code, case.field, raw[:200]))
        if case.ident is not None or case.kind == "with_id":
            if answer.get("id") != case.ident or list(answer)[0] != "id":
                wrong.append((case.kind, case.line[:120], "id", case.ident, raw[:200]))
        elif "id" in answer:
            wrong.append((case.kind, case.line[:120], "no id", None, raw[:200]))
        assert b"-0.00" not in raw
    assert wrong == []


@pytest.mark.parametrize("brief", [False, True])
def test_every_good_line_answers_in_the_stream_as_it_does_alone(brief):
    data = b"\n".join(case.line for case in CORPUS) + b"\n"
    answers = _run(data, brief).split(b"\n")
    checked = 0
    for case, raw in zip(CORPUS, answers):
        if case.code is None:
            assert raw + b"\n" == _alone(case.alone or case.line, brief), case
            checked += 1
    assert checked == sum(1 for case in CORPUS if case.code is None) >= 3500


def test_the_command_line_gives_the_same_bytes_with_no_stderr():
    data = b"\n".join(case.line for case in CORPUS) + b"\n"
    done = subprocess.run([sys.executable, "-m", "medguide.bot.cli", "rules", "run", "--brief"], input=data,
                          capture_output=True, cwd=ROOT, timeout=120)
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout == _run(data, True)
