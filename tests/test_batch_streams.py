"""`medguide rules run`: no line stops the stream.

Each failure of the reliability findings (A1a lone surrogates, A1b deep nesting,
A1c dates at the ends of the calendar, an exception in a rule) and each lenient
or unclear reading of A2 (money spellings, duplicate keys, a BOM, blank lines,
field "", no correlation id, unbounded lines) is pinned here, on both paths.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import Field

from medguide.bot.faces import batch
from medguide.rules import RULES
from medguide.rules.base import FactsModel, Outcome, Refused
from medguide.rules.registry import rule as register

ROOT = Path(__file__).resolve().parent.parent

G = '{"rule":"ca.coverage_assignment","facts":{"coverage_ordered":true,"parent_has_employer_coverage":true}}'
HALF = '{"rule": "ca.apportion_expenses", "facts": {"amount": 100.01, "method": "half"}}'
CREDIT = ('{"rule": "ut.premium_credit", "facts": {"base_support": 500, "case_type": "standard", "policies": '
          '[{"holder": "payer", "premium": 300, "persons_covered": 3, "children_on_case": 2}]}}')


def fast(data: bytes, brief: bool = False) -> bytes:
    out = io.BytesIO()
    batch.run_stream(io.BytesIO(data), out, brief=brief)
    return out.getvalue()


def reference(data: bytes, brief: bool = False) -> bytes:
    return b"".join(batch.run_lines(io.BytesIO(data), brief))


def both(data: bytes | str, brief: bool = False) -> list[dict]:
    """Run on both paths, check they agree byte for byte, and return the parsed output lines."""
    data = data.encode() if isinstance(data, str) else data
    got = fast(data, brief)
    assert got == reference(data, brief)
    return [json.loads(line) for line in got.splitlines()]


def one(line: bytes | str, brief: bool = False) -> dict:
    (out,) = both(line if isinstance(line, bytes) else line.encode(), brief)
    return out


def code(out: dict) -> str:
    return out["refusal"]["code"] if "refusal" in out else out["outcome"]


def field(out: dict) -> str:
    return out["refusal"]["field"]


def sandwich(bad: bytes) -> list[dict]:
    """The findings' reproducer: a good line, the bad one, a good line."""
    out = both(G.encode() + b"\n" + bad + b"\n" + G.encode() + b"\n")
    assert len(out) == 3 and code(out[0]) == code(out[2]) == "assignment_available"
    return out


# --- A1a: a lone surrogate ---------------------------------------------------------------------

@pytest.mark.parametrize("bad,why", [
    (b'{"rule":"\\ud800","facts":{}}', "escape"),  # pure ASCII: the escape of half a surrogate pair
    (b'{"rule":"\xed\xa0\x80","facts":{}}', "utf-8"),  # the same, as (invalid) UTF-8 bytes
    (b'{"rule":"ut.primary_plan","facts":{"order_names_primary":"none","covered_by_both":true,'
     b'"parent_a_name":"\\udfff"}}', "escape"),
    (b'{"rule":"ut.primary_plan","facts":{"order_names_primary":"none","covered_by_both":true,"\\ud83d":1}}',
     "escape"),
])
def test_a1a_a_lone_surrogate_is_refused_and_the_stream_goes_on(bad, why):
    out = sandwich(bad)[1]
    assert out["rule"] is None and code(out) == "not_json" and field(out) == "input"
    if why == "escape":
        assert out["refusal"]["message"] == ("input: a \\ud800-\\udfff escape without its pair is not a character; "
                                             "expected one JSON object of text")
    else:
        assert out["refusal"]["message"].startswith("input: the line is not UTF-8 text (byte 0xed at byte 10)")


def test_a1a_a_surrogate_pair_is_text():
    out = one('{"rule":"ut.primary_plan","facts":{"order_names_primary":"parent_a","covered_by_both":true,'
              '"parent_a_name":"Ann \\ud83d\\ude00","parent_b_name":"Ben"}}')
    assert out["figures"]["order_language"]["primary_name"] == "Ann \U0001F600"


# --- A1b: deep nesting -------------------------------------------------------------------------

@pytest.mark.parametrize("depth", [202, 255, 990, 1000, 5000, 100_000])
@pytest.mark.parametrize("shape", ["list", "object", "facts"])
def test_a1b_deep_nesting_is_refused_as_too_deep(depth, shape):
    if shape == "list":
        bad = "[" * depth + "]" * depth
    elif shape == "object":
        bad = '{"a":' * depth + "1" + "}" * depth
    else:
        bad = '{"rule":"ut.credit_end","facts":' + '{"a":' * depth + "1" + "}" * (depth + 1)
    out = sandwich(bad.encode())[1]
    assert (code(out), field(out)) == ("too_deep", "input")
    assert out["refusal"]["message"].startswith("input: nested")


def test_a1b_nesting_that_pydantic_reads_is_refused_by_the_facts_not_the_depth():
    out = one("[" * 150 + "]" * 150)
    assert (code(out), field(out)) == ("not_an_object", "input")


# --- A1c: valid dates near year 1 or 9999 --------------------------------------------------------

@pytest.mark.parametrize("bad,rule_id,fact", [
    ('{"rule":"ut.credit_start","facts":{"complete_request_received":"9999-12-01"}}',
     "ut.credit_start", "complete_request_received"),
    ('{"rule":"ut.credit_end","facts":{"credit_start":"0001-01-01","as_of":"2022-10-21"}}', "ut.credit_end",
     "credit_start"),
    ('{"rule":"ut.credit_end","facts":{"credit_start":"9999-10-15","as_of":"9999-10-15"}}', "ut.credit_end", "as_of"),
    ('{"rule":"ut.uninsured_expenses","facts":{"amount":"1.00","paid_by":"parent_a","paid_on":"9999-12-31"}}',
     "ut.uninsured_expenses", "paid_on"),
    ('{"rule":"ca.reimbursement_deadlines","facts":{"costs_accrued_on":"9999-12-31","paid_all":true}}',
     "ca.reimbursement_deadlines", "costs_accrued_on"),
])
@pytest.mark.parametrize("brief", [False, True])
def test_a1c_dates_at_the_ends_of_the_calendar_are_refused_naming_the_field(bad, rule_id, fact, brief):
    out = both(f"{G}\n{bad}\n{G}\n", brief)
    assert len(out) == 3
    assert out[1]["rule"] == rule_id and (code(out[1]), field(out[1])) == ("date_out_of_range", fact)


# --- an unexpected exception in a rule ---------------------------------------------------------

class _BrokenFacts(FactsModel):
    n: int = Field(ge=0)


@pytest.fixture
def broken_rules():
    """Two deliberately broken rules, registered for one test and removed after it."""
    ids = ["test.raises", "test.unwritable"]

    @register(ids[0], _BrokenFacts, ("nowhere",))
    def raises(facts: _BrokenFacts, explain: bool = True) -> Outcome:
        if facts.n == 0:
            raise Refused("n", "is_zero", "n: expected more than 0")
        return Outcome(ids[0], "ok", {"inverse": 1 / (facts.n - 1)}, ("nowhere",))  # n == 1: ZeroDivisionError

    @register(ids[1], _BrokenFacts, ("nowhere",))
    def unwritable(facts: _BrokenFacts, explain: bool = True) -> Outcome:
        return Outcome(ids[1], "ok", {"thing": object()} if facts.n == 1 else {}, ("nowhere",))

    for cache in (batch.envelope, batch._dispatch):
        cache.cache_clear()
    yield ids
    for rule_id in ids:
        del RULES[rule_id]
    for cache in (batch.envelope, batch._dispatch):
        cache.cache_clear()


@pytest.mark.parametrize("brief", [False, True])
def test_an_exception_in_a_rule_refuses_that_line_only(broken_rules, brief):
    raises, unwritable = broken_rules
    lines = [G, f'{{"rule":"{raises}","facts":{{"n":2}}}}', f'{{"id":7,"rule":"{raises}","facts":{{"n":1}}}}',
             f'{{"rule":"{raises}","facts":{{"n":0}}}}', f'{{"rule":"{unwritable}","facts":{{"n":1}}}}',
             f'{{"id":"u","rule":"{unwritable}","facts":{{"n":2}}}}', G]
    out = both("\n".join(lines) + "\n", brief)
    assert [code(o) for o in out] == ["assignment_available", "ok", "internal_error", "is_zero", "internal_error",
                                      "ok", "assignment_available"]
    assert out[2] == {"id": 7, "rule": raises, "refusal": {
        "field": "input", "code": "internal_error",
        "message": f"input: medguide could not answer this line (ZeroDivisionError in rule {raises}); "
                   "please report it with the line"}}
    assert out[4]["rule"] == unwritable and field(out[4]) == "input"
    assert out[5]["id"] == "u"


def test_an_exception_in_a_rule_keeps_the_command_going(broken_rules, monkeypatch):
    """Through run_stream as the command line calls it: exit status 0, every line answered."""
    raises, _ = broken_rules
    data = "\n".join([G, f'{{"rule":"{raises}","facts":{{"n":1}}}}'] * 50) + "\n"
    out = io.BytesIO()
    assert batch.run_stream(io.BytesIO(data.encode()), out) == 100
    assert out.getvalue().count(b'"internal_error"') == 50


# --- whole-line refusals name the field "input" ---------------------------------------------------

@pytest.mark.parametrize("line,expected", [
    (b"not json", "not_json"),
    (b'{"rule": "ca.apportion_expenses", "facts": {"amount": 1', "not_json"),
    (b"\xff\xfe{}", "not_json"),
    (b'{"rule":"ut.credit_end","facts":{"credit_start":"2024-01-01\xff","as_of":"2024-02-01"}}', "not_json"),
    (b"[1, 2]", "not_an_object"),
    (b"null", "not_an_object"),
    (b'"text"', "not_an_object"),
    (b"5", "not_an_object"),
    (b"{} {}", "not_json"),
    (b'{"rule": "ca.coverage_assignment"} trailing', "not_json"),
    (b"1" * 5000, "too_many_digits"),
    (b"\x00", "not_json"),
])
def test_a_refusal_of_the_whole_line_names_the_field_input(line, expected):
    out = one(line)
    assert (code(out), field(out)) == (expected, "input") and out["rule"] is None
    assert out["refusal"]["message"].startswith("input: ")


def test_invalid_utf8_says_which_byte():
    out = one(b'{"rule":"x\xff"}')
    assert out["refusal"]["message"] == ("input: the line is not UTF-8 text (byte 0xff at byte 11); "
                                         "expected one JSON object on the line")


# --- blank lines -------------------------------------------------------------------------------

@pytest.mark.parametrize("blank", [b"", b" ", b"\r", b"\t", b"\x0b", b"\x0c", b" \t\r\x0b\x0c ", b"\xef\xbb\xbf",
                                   b"\xef\xbb\xbf  "])
def test_every_kind_of_blank_line_gets_its_own_refusal(blank):
    out = both(b"\n".join([G.encode(), blank, G.encode()]) + b"\n")
    assert [code(o) for o in out] == ["assignment_available", "blank_line", "assignment_available"]
    assert field(out[1]) == "input"


def test_a_stream_of_only_blank_lines_gives_one_line_each():
    assert [code(o) for o in both(b"\n" * 5)] == ["blank_line"] * 5
    assert both(b"") == []


# --- money is ASCII digits with at most two decimals --------------------------------------------

def _amount(value: str) -> str:
    return f'{{"rule":"ut.uninsured_expenses","facts":{{"amount":{value},"paid_by":"parent_a","paid_on":"2024-01-05"}}}}'


@pytest.mark.parametrize("text", [
    "١٢٣", "１２３", "१२३", "๑๒๓", "1_000", "+12.50", ".5", "12.", "1e2", "1E+2", " 12.50 ", "12.50 ", "\\u0661",
    "12,50", "1,000.00", "$12.50", "NaN", "Infinity", "", " ", "0x10", "12.5.1", "--1", "1-",
])
def test_money_text_other_than_plain_ascii_digits_is_not_money(text):
    out = one(_amount(json.dumps(text)))
    assert (code(out), field(out)) == ("not_money", "amount"), out
    assert out["refusal"]["message"].startswith("amount: expected an amount of money such as 153.98")


@pytest.mark.parametrize("text,expected", [("12.345", "too_many_decimals"), ("12.500", "too_many_decimals"),
                                           ("1.000000000000000", "too_many_decimals"), ("-5", "negative"),
                                           ("-0.01", "negative"), ("1234567890123456", "too_many_digits")])
def test_plain_money_text_still_gets_the_precise_code(text, expected):
    out = one(_amount(json.dumps(text)))
    assert (code(out), field(out)) == (expected, "amount")


@pytest.mark.parametrize("value,owes", [('"12.50"', "6.25"), ('"12"', "6.00"), ('"0012.5"', "6.25"), ('"-0"', None),
                                        ("12.50", "6.25"), ("1e2", "50.00"), ("1.5E1", "7.50"), ("12.500", "6.25")])
def test_plain_money_text_and_json_numbers_are_read(value, owes):
    out = one(_amount(value))
    if owes is None:
        assert (code(out), field(out)) == ("must_be_positive", "amount")  # -0 is zero
    else:
        assert out["figures"]["other_parent_owes"] == owes


def test_money_text_is_checked_in_nested_facts_too():
    line = CREDIT.replace('"premium": 300', '"premium": "٣٠٠"')
    out = one(line)
    assert (code(out), field(out)) == ("not_money", "policies.0.premium")
    out = one(HALF.replace('"method": "half"', '"method": "income", "net_disposable_income": '
                                                 '{"parent_a": "1_000", "parent_b": 10}'))
    assert (code(out), field(out)) == ("not_money", "net_disposable_income.parent_a")


def test_money_text_with_a_long_number_on_the_line_is_read_the_same():
    """The exact path (a 16+ digit run elsewhere) reads money text and numbers alike."""
    name = '"parent_a_name": "12345678901234567890"'
    for value, expected in (('"١٢٣"', "not_money"), ('"12.500"', "too_many_decimals"), ("1e400", "not_money"),
                            ("NaN", "not_money"), ("12.500", None), ("1e2", None)):
        line = (f'{{"rule":"reasonable_cost","facts":{{"jurisdiction":"UT","gross_monthly_income":{value},'
                f'"cost":10}}, "x": {{{name}}}}}')
        out = one(line)
        # the extra "x" is refused after the facts are read: the money is judged first
        assert code(out) == (expected or "unknown_field"), (value, out)


# --- duplicate keys ----------------------------------------------------------------------------

@pytest.mark.parametrize("line,path", [
    ('{"rule":"nope","rule":"ut.uninsured_expenses","facts":{"amount":"1.00","paid_by":"parent_a",'
     '"paid_on":"2024-01-05"}}', "rule"),
    ('{"rule":"ut.credit_end","facts":{"credit_start":"2024-01-01","as_of":"2024-02-01"},"facts":{}}', "facts"),
    ('{"rule":"ut.credit_end","facts":{"credit_start":"2024-01-01","as_of":"2024-02-01","as_of":"2024-03-01"}}',
     "as_of"),
    (CREDIT.replace('"premium": 300', '"premium": 300, "premium": 1'), "policies.0.premium"),
    (HALF.replace('"method": "half"', '"method": "income", "net_disposable_income": '
                                      '{"parent_a": 10, "parent_b": 10, "parent_b": 20}'), "net_disposable_income.parent_b"),
    ('{"rule":"ut.credit_end","\\u0072ule":"ut.credit_end","facts":{"credit_start":"2024-01-01","as_of":"2024-02-01"}}',
     "rule"),
    ('{"id":1,"id":2,' + G[1:], "id"),
    ('{"rule":"nope","facts":{"a":{"b":[{"c":1,"c":1}]}}}', "a.b.0.c"),
    ('[{"x":1,"x":2}]', "0.x"),
])
@pytest.mark.parametrize("brief", [False, True])
def test_a_key_given_twice_is_refused_naming_its_path(line, path, brief):
    out = both(f"{G}\n{line}\n{G}\n", brief)[1]
    assert (code(out), field(out)) == ("duplicate_key", path)
    assert out["refusal"]["message"] == f"{path}: this key is given twice in the same object; expected each key once"
    assert "id" not in out  # an id given twice is not echoed; none of the others has one


def test_a_colon_inside_a_string_is_not_mistaken_for_a_key():
    line = ('{"rule":"ut.primary_plan","facts":{"order_names_primary":"parent_a","covered_by_both":true,'
            '"parent_a_name":"Dr: Ann: Lee","parent_b_name":"Ben"}}')
    assert one(line)["figures"]["order_language"]["primary_name"] == "Dr: Ann: Lee"


def test_the_duplicate_is_named_with_its_id():
    out = one('{"id":"case-9","rule":"ut.credit_end","facts":{"as_of":"2024-02-01","as_of":"2024-02-01"}}')
    assert out["id"] == "case-9" and field(out) == "as_of"


# --- a BOM at the start of a line ---------------------------------------------------------------

def test_a_bom_at_the_start_of_any_line_is_skipped():
    plain = both(f"{G}\n{HALF}\n{CREDIT}\n")
    with_bom = both(f"\ufeff{G}\n\ufeff{HALF}\n{CREDIT}\n")
    assert with_bom == plain
    assert fast(f"\ufeff{G}\n".encode()) == fast(f"{G}\n".encode())


def test_a_bom_elsewhere_is_not_skipped():
    out = one(f"  \ufeff{G}")
    assert (code(out), field(out)) == ("not_json", "input")
    assert code(one(f"\ufeff\ufeff{G}")) == "not_json"  # one BOM is skipped, not any number


# --- the id is echoed ---------------------------------------------------------------------------

@pytest.mark.parametrize("ident", ['"case-1"', "7", "0", "-3", "123456789012345678901234567890", '""',
                                   '"\\u00e9t\\u00e9 \\ud83d\\ude00"', '"a\\"b"'])
@pytest.mark.parametrize("brief", [False, True])
def test_an_id_is_echoed_unchanged_first_on_outcomes_and_refusals(ident, brief):
    value = json.loads(ident)
    lines = [
        '{"id":%s,"rule":"ca.coverage_assignment","facts":{"coverage_ordered":true,"parent_has_employer_coverage":true}}',
        '{"rule":"ca.coverage_assignment","facts":{"coverage_ordered":true,"parent_has_employer_coverage":true},"id":%s}',
        '{"id":%s,"rule":"no.such_rule","facts":{}}',
        '{"id":%s,"rule":"ut.uninsured_expenses","facts":{"amount":"1.005","paid_by":"parent_a","paid_on":"2024-01-05"}}',
        '{"id":%s,"rule":"ca.apportion_expenses","facts":{"amount":10,"method":"income"}}',
        '{"id":%s,"rule":"ut.credit_end","facts":{"credit_start":"2024-01-01","as_of":"2024-01-01","as_of":"2024-01-01"}}',
        '{"id":%s,"rule":"ut.credit_end","facts":{"credit_start":"2024-01-01","as_of":"2024-0',
        '{"id":%s,"rule":"ut.credit_end","facts":{"credit_start":"2024-01-01","as_of":"2024-02-01"}} trailing',
        '[{"id":%s}]',
    ]
    out = both("\n".join(line % ident for line in lines) + "\n", brief)
    assert [code(o) for o in out] == ["assignment_available", "assignment_available", "unknown_rule",
                                      "too_many_decimals", "missing", "duplicate_key", "not_json", "not_json",
                                      "not_an_object"]
    for got in out[:8]:
        assert got["id"] == value and list(got)[0] == "id"
    assert "id" not in out[8]  # not a top-level id
    plain = both(lines[0].replace('"id":%s,', "") + "\n", brief)[0]
    assert out[0] == {"id": value, **plain}


@pytest.mark.parametrize("ident", ["1.5", "7.0", "1e3", "true", "false", "null", "[1]", '{"a":1}'])
def test_an_id_that_is_not_a_string_or_a_whole_number_is_refused(ident):
    out = one('{"id":%s,"rule":"ca.coverage_assignment","facts":{"coverage_ordered":true,'
              '"parent_has_employer_coverage":true}}' % ident)
    assert (code(out), field(out)) == ("not_an_id", "id") and "id" not in out
    assert out["rule"] == "ca.coverage_assignment"


def test_an_id_that_is_a_lone_surrogate_is_not_echoed():
    out = one('{"id":"\\ud800","rule":"ca.coverage_assignment","facts":{}}')
    assert code(out) == "not_json" and "id" not in out  # not text, so not JSON that pydantic reads


def test_an_id_is_echoed_from_a_line_that_is_not_utf8_when_it_comes_first():
    out = one(b'{"id": "c-\\u00e9", "rule":"x\xff"}')
    assert out["id"] == "c-\u00e9" and code(out) == "not_json"
    assert "id" not in one(b'{"rule":"x\xff", "id": "c"}')


# --- lines over 1 MiB ------------------------------------------------------------------------------

def test_a_line_over_the_limit_is_refused_and_the_next_lines_answered():
    long_line = b'{"id":"big","rule":"ut.credit_end","facts":{"x":"' + b"a" * batch.MAX_LINE + b'"}}'
    data = G.encode() + b"\n" + long_line + b"\n" + G.encode() + b"\n"
    out = both(data)
    assert [code(o) for o in out] == ["assignment_available", "line_too_long", "assignment_available"]
    assert out[1] == {"id": "big", "rule": None, "refusal": {
        "field": "input", "code": "line_too_long",
        "message": "input: the line is longer than 1,048,576 bytes and was not read; "
                   "expected one JSON object of at most that size on the line"}}


def test_a_line_of_exactly_the_limit_is_read():
    line = G[:-1] + " " * (batch.MAX_LINE - len(G)) + "}"
    assert len(line) == batch.MAX_LINE
    assert code(one(line)) == "assignment_available"
    assert code(one(line + " ")) == "line_too_long"
    assert code(one("\ufeff" + line[:-4] + "}")) == "assignment_available"  # the BOM counts towards the length
    assert code(one("\ufeff" + line)) == "line_too_long"


@pytest.mark.parametrize("block", [1, 5, 64, 4096])
@pytest.mark.parametrize("limit", [40, 120, 200])
def test_long_lines_are_cut_alike_on_both_paths_whatever_the_block(monkeypatch, block, limit):
    monkeypatch.setattr(batch, "BLOCK", block)
    monkeypatch.setattr(batch, "MAX_LINE", limit)
    short = '{"rule":"ca.medical_insurance_form","facts":{}}'  # 48 bytes
    lines = [short, "x" * (limit + 1), "", '{"id":1,' + "y" * limit, "z" * limit, short, "w" * 3 * limit,
             "\ufeff" + short, "q" * (limit - 1) + "\r", short]
    data = "\n".join(lines).encode()
    got = fast(data)
    assert got == reference(data)
    out = [json.loads(line) for line in got.splitlines()]
    assert len(out) == len(lines)
    expected_long = [len(line.encode()) > limit for line in lines]
    assert [code(o) == "line_too_long" for o in out] == expected_long
    if limit >= 48 + 3:
        assert code(out[0]) == code(out[5]) == code(out[7]) == "missing"
        assert out[3]["id"] == 1


_MEASURE = """
import os, subprocess, sys
child = subprocess.Popen(["bash", "-c", sys.argv[1]], stdout=subprocess.PIPE)
_, status, usage = os.wait4(child.pid, 0)  # the output is a few lines: it waits in the pipe
sys.stdout.buffer.write(child.stdout.read())
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss, file=sys.stderr)
"""


def _peak_rss_kib(data_source: str, *args: str) -> tuple[int, bytes]:
    """Run `rules run` with stdin from a shell pipeline: its peak RSS (KiB) and its output.

    Measured from a small helper process: a child forked from this (large) test
    process would report this process's peak as its own.
    """
    cmd = f"{data_source} | {sys.executable} -m bot.cli rules run {' '.join(args)}"
    done = subprocess.run([sys.executable, "-c", _MEASURE, cmd], capture_output=True, cwd=ROOT, timeout=120)
    status, rss = done.stderr.split()[-2:]
    assert status == b"0", done.stderr
    return int(rss), done.stdout


def test_a_30_mb_line_is_skipped_in_flat_memory():
    source = (f"{{ echo '{G}'; head -c 30000000 /dev/zero | tr '\\0' 'a'; echo; echo '{G}'; }}")
    rss, out = _peak_rss_kib(source)
    lines = [json.loads(line) for line in out.splitlines()]
    assert [code(o) for o in lines] == ["assignment_available", "line_too_long", "assignment_available"]
    assert rss < 80 * 1024, f"peak RSS {rss} KiB"  # the line alone would be 30 MB; start-up is about 33 MB


# --- the command line: the findings' reproducers end to end -----------------------------------------

def test_no_reproducer_of_the_findings_stops_the_command():
    bad = [b'{"rule":"\\ud800","facts":{}}', b'{"rule":"\xed\xa0\x80","facts":{}}', b"[" * 1000 + b"]" * 1000,
           b"[" * 100_000 + b"]" * 100_000,
           b'{"rule":"ut.credit_start","facts":{"complete_request_received":"9999-12-01"}}',
           b'{"rule":"ut.credit_end","facts":{"credit_start":"0001-01-01","as_of":"2022-10-21"}}',
           b'{"rule":"ut.credit_end","facts":{"credit_start":"9999-10-15","as_of":"9999-10-15"}}',
           b'{"rule":"ut.uninsured_expenses","facts":{"amount":"1.00","paid_by":"parent_a","paid_on":"9999-12-31"}}']
    data = b"".join(G.encode() + b"\n" + line + b"\n" for line in bad) + G.encode() + b"\n"
    for extra in ([], ["--brief"]):
        done = subprocess.run([sys.executable, "-m", "medguide.bot.cli", "rules", "run", *extra], input=data,
                              capture_output=True, cwd=ROOT, timeout=60)
        assert (done.returncode, done.stderr) == (0, b"")
        out = [json.loads(line) for line in done.stdout.splitlines()]
        assert [code(o) for o in out[1::2]] == ["not_json", "not_json", "too_deep", "too_deep"] + \
            ["date_out_of_range"] * 4
        assert len(out) == 2 * len(bad) + 1


def test_the_env_does_not_matter_for_bytes(tmp_path):
    """stdin and stdout are bytes: the locale's encoding plays no part."""
    data = f"{G}\n".encode() + b"\xff\n"
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C"}
    done = subprocess.run([sys.executable, "-m", "medguide.bot.cli", "rules", "run"], input=data, capture_output=True,
                          cwd=ROOT, env=env, timeout=60)
    assert done.returncode == 0 and len(done.stdout.splitlines()) == 2


@pytest.mark.parametrize("birthday", ["٠٣-١٤", "１９８５-０３-１４", "03-１4", "१९८५-०३-१४"])
def test_a_birthday_in_other_digits_is_refused_like_a_date(birthday):
    line = json.dumps({"rule": "ut.primary_plan", "facts": {"order_names_primary": "none", "covered_by_both": True,
                                                             "parent_a_birthday": birthday}}, ensure_ascii=False)
    out = one(line)
    assert (code(out), field(out)) == ("not_a_birthday", "parent_a_birthday")


@pytest.mark.parametrize("fact,value,expected", [("as_of", "٢٠٢٤-٠١-٠١", "not_a_date"),
                                                 ("as_of", "２０２４-０１-０１", "not_a_date")])
def test_dates_in_other_digits_are_refused(fact, value, expected):
    facts = {"credit_start": "2024-01-01", "as_of": "2024-02-01", fact: value}
    out = one(json.dumps({"rule": "ut.credit_end", "facts": facts}, ensure_ascii=False))
    assert (code(out), field(out)) == (expected, fact)


@pytest.mark.parametrize("value", ['"٣"', '"3"', "3.0", "true"])
def test_counts_in_other_forms_are_refused(value):
    line = CREDIT.replace('"persons_covered": 3', f'"persons_covered": {value}')
    out = one(line)
    assert (code(out), field(out)) == ("not_whole_number", "policies.0.persons_covered")
