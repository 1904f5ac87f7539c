"""`medguide script` with malformed and hostile files (findings C1-C3).

Every one of the 39 inputs of the findings (35 YAML files, a symlink to
/dev/zero, two missing paths, a directory), and a few more, gives one clear line
naming the file and what is wrong, a non-zero exit status, and the files after
it still run. Misspelt keys are errors, not a silent PASS. YAML bombs fail fast
in little memory. bot/devtools/safe_yaml.py is tested on its own at the end.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from medguide.bot import cli
from medguide.bot.devtools.safe_yaml import YamlError, load_yaml

ROOT = Path(__file__).resolve().parent.parent

GOOD = "name: good\nlocale: en\ntoday: 2026-11-23\nsteps:\n  - {q: order_state, a: UT}\nexpect:\n  state: order_date\n"
STEP = "steps:\n  - {q: order_state, a: UT}\n"


def _bomb(where: str) -> str:
    """The "billion laughs": nine levels of nine aliases, 9**9 values expanded."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join(f"*{prev}" for _ in range(9)) + "]")
    body = {"steps": "steps: *i", "step": "steps:\n  - {q: order_state, a: *i}",
            "expect": STEP + "expect:\n  state: *i"}[where]
    return "\n".join(lines) + "\n" + body + "\n"


# (id, file text or None for a special path, the message expected after "ERROR <path>: ")
CASES = [
    ("yaml_syntax", "steps: [a, b\n", "not valid YAML"),
    ("python_tag_apply", '!!python/object/apply:os.system ["echo owned > /tmp/owned"]\n',
     "the tag tag:yaml.org,2002:python/object/apply:os.system is not allowed"),
    ("python_tag_in_value", "steps:\n  - {q: order_state, a: !!python/object/new:os.getcwd []}\n",
     "the tag tag:yaml.org,2002:python/object/new:os.getcwd is not allowed"),
    ("multi_document", GOOD + "---\n" + GOOD, "holds more than one YAML document"),
    ("empty_file", "", "the file is empty"),
    ("only_comments", "# nothing here\n", "the file is empty"),
    ("a_list", "- 1\n- 2\n", "expected a mapping with steps (and expect), not a list"),
    ("a_string", "hello\n", "expected a mapping with steps (and expect), not str 'hello'"),
    ("steps_a_number", "steps: 5\n", "steps: expected a list"),
    ("steps_of_scalars", "steps: [hello, 3]\n", "step 1: expected a mapping (key: value)"),
    ("expect_a_list", STEP + "expect: [1, 2]\n", "expect: expected a mapping (key: value)"),
    ("answers_a_list", STEP + "expect: {answers: [a]}\n", "expect.answers: expected a mapping (key: value)"),
    ("recursive_alias", "steps: &s [{q: order_state}, *s]\n", "an alias refers to a part that contains it"),
    ("today_not_a_date", "today: not-a-date\n" + STEP, "today: expected a date as YYYY-MM-DD"),
    ("today_impossible", "today: 2026-02-30\n" + STEP, "2026-02-30 is not a date (day is out of range for month)"),
    ("today_a_number", "today: 5\n" + STEP, "today: expected a date as YYYY-MM-DD"),
    ("today_with_a_time", "today: 2026-11-23 10:00:00\n" + STEP, "today: expected a date as YYYY-MM-DD, without a time"),
    ("locale_unknown", "locale: klingon\n" + STEP, "locale: expected a language code: en, es, zh_Hans, vi, tl"),
    ("locale_a_list", "locale: [en]\n" + STEP, "locale: expected a language code"),
    ("lang_step_unknown", "steps:\n  - {lang: xx}\n", "step 1.lang: expected a language code"),
    ("back_not_a_number", "steps:\n  - {back: two}\n", "step 1.back: expected a whole number"),
    ("back_zero", "steps:\n  - {back: 0}\n", "step 1.back: expected 1 or more"),
    ("answer_a_mapping", "steps:\n  - {q: order_state, a: {x: 1}}\n", "step 1.a: expected the answer as text"),
    ("answer_a_yaml_bool", "steps:\n  - {q: order_state, a: yes}\n", "quote them"),
    ("error_a_number", "steps:\n  - {q: order_state, a: Texas, error: 5}\n", "step 1.error: expected text"),
    ("q_a_list", "steps:\n  - {q: [order_state], a: UT}\n", "step 1.q: expected text"),
    ("unknown_not_true", "steps:\n  - {q: order_state, unknown: 'yes'}\n", "step 1.unknown: expected true"),
    ("two_actions", "steps:\n  - {q: order_state, a: UT, back: 1}\n", "step 1: a step does one thing; this one has a, back"),
    ("empty_step", "steps:\n  - {}\n", "step 1: an empty step"),
    ("absent_a_number", STEP + "expect: {absent: 5}\n", "expect.absent: expected a list"),
    ("outcomes_a_list", STEP + "expect: {outcomes: [a, b]}\n", "expect.outcomes: expected a mapping (key: value)"),
    ("unknown_rule", STEP + "expect: {absent: [ut.premium_credits]}\n",
     "expect.absent.0: no rule is named 'ut.premium_credits'; did you mean ut.premium_credit?"),
    ("typo_expect",
     "steps:\n  - {q: order_state, a: UT, eror: not_a_choice}\nexpect:\n  outcome: {ut.premium_credit: credit}\n"
     "  answer: {my_premium: '1.00'}\n",
     "step 1: unknown key 'eror'; did you mean error?; expect: unknown key 'outcome'; did you mean outcomes?; "
     "expect: unknown key 'answer'; did you mean answers?"),
    ("typo_figure", STEP + "expect:\n  outcomes:\n    ut.premium_credit: {outcome: credit, figure: "
                           "{adjusted_support: '999.99'}}\n",
     "expect.outcomes.ut.premium_credit: unknown key 'figure'; did you mean figures?"),
    ("unknown_keys", "statee: results\nqq: 1\nbogus: true\n" + STEP,
     "top level: unknown key 'statee' (expected one of: name, comment, xfail, locale, today, steps, expect); "
     "top level: unknown key 'qq'"),
    ("escape_in_key", "\"\\e[31mred\": 1\n" + STEP, "unknown key '\\x1b[31mred'"),
    ("invalid_utf8", None, "is not UTF-8 text (byte 0xff at byte 13)"),
    ("deep_flow_list", None, "line 1: nested more than 100 levels deep"),
    ("bomb_steps", _bomb("steps"), "more than 100,000 values"),
    ("bomb_step", _bomb("step"), "more than 100,000 values"),
    ("bomb_expect", _bomb("expect"), "more than 100,000 values"),
    ("too_big", None, "more than the 1,048,576 bytes a YAML file may have here"),
    ("steps_200000", None, "more than the 1,048,576 bytes a YAML file may have here"),
    ("missing_file", None, "no such file"),
    ("missing_abs_path", None, "no such file"),
    ("a_directory", None, "is a directory, not a YAML file"),
    ("symlink_dev_zero", None, "is not a regular file (a device, pipe or socket); expected a YAML file"),
    ("a_fifo", None, "is not a regular file (a device, pipe or socket); expected a YAML file"),
]


def _make(tmp_path: Path, case_id: str, text: str | None) -> Path:
    path = tmp_path / f"{case_id}.yaml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    elif case_id == "invalid_utf8":
        path.write_bytes(b"name: caf\xc3\xa9 \xff\n" + STEP.encode())
    elif case_id == "deep_flow_list":
        path.write_text("steps: " + "[" * 100_000 + "]" * 100_000 + "\n")
    elif case_id == "too_big":
        path.write_text(STEP + "comment: " + "x" * (1 << 20) + "\n")
    elif case_id == "steps_200000":
        path.write_text("steps:\n" + "  - {q: order_state, a: UT}\n" * 200_000)
    elif case_id == "missing_file":
        pass
    elif case_id == "missing_abs_path":
        path = Path("/etc/shadow_nonexistent")
    elif case_id == "a_directory":
        path.mkdir()
    elif case_id == "symlink_dev_zero":
        path.symlink_to("/dev/zero")
    elif case_id == "a_fifo":
        os.mkfifo(path)
    return path


def _run(capsys, *paths: Path) -> tuple[int, list[str]]:
    status = cli.main(["script", *map(str, paths)])
    return status, capsys.readouterr().out.splitlines()


def test_there_is_a_case_for_each_of_the_39_findings_inputs_and_more():
    assert len(CASES) >= 39 and len({case_id for case_id, _, _ in CASES}) == len(CASES)


@pytest.mark.parametrize("case_id,text,message", CASES, ids=[c[0] for c in CASES])
def test_a_malformed_file_is_one_error_line_and_the_next_files_still_run(tmp_path, capsys, case_id, text, message):
    good, good2 = tmp_path / "first.yaml", tmp_path / "last.yaml"
    good.write_text(GOOD)
    good2.write_text(GOOD)
    bad = _make(tmp_path, case_id, text)
    start = time.perf_counter()
    status, lines = _run(capsys, good, bad, good2)
    assert time.perf_counter() - start < 10
    assert status == 2
    assert len(lines) == 3, lines
    assert lines[0] == f"PASS {good}" and lines[2] == f"PASS {good2}"
    assert lines[1].startswith(f"ERROR {bad}: "), lines[1]
    assert message in lines[1], lines[1]
    assert "Traceback" not in lines[1] and "\x1b" not in lines[1]
    assert not Path("/tmp/owned").exists()


def test_a_misspelt_key_is_never_a_pass(tmp_path, capsys):
    """The findings' typo_expect.yaml: wrong expectations under misspelt keys used to PASS."""
    path = tmp_path / "typo.yaml"
    path.write_text("steps:\n  - {q: order_state, a: UT}\nexpect:\n  statee: results\n")
    status, lines = _run(capsys, path)
    assert status == 2 and lines == [f"ERROR {path}: expect: unknown key 'statee'; did you mean state?"]


def test_an_unknown_edit_is_a_fail_with_its_reason(tmp_path, capsys):
    path = tmp_path / "edit.yaml"
    path.write_text("steps:\n  - {q: order_state, a: UT}\n  - {edit: nope}\n")
    status, lines = _run(capsys, path)
    assert status == 1 and lines[0] == f"FAIL {path}" and "step 2" in lines[1] and "nope" in lines[1]


def test_a_bom_is_read(tmp_path, capsys):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    assert _run(capsys, path) == (0, [f"PASS {path}"])


def test_a_wrong_expectation_is_still_a_fail(tmp_path, capsys):
    path = tmp_path / "wrong.yaml"
    path.write_text("steps:\n  - {q: order_state, a: UT}\nexpect:\n  state: results\n")
    status, lines = _run(capsys, path)
    assert status == 1 and lines == [f"FAIL {path}", "  expected state results, at order_date"]


def test_a_bug_while_playing_is_an_error_line_and_the_rest_runs(tmp_path, capsys, monkeypatch):
    from medguide.bot.devtools import script

    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(GOOD)
    bad.write_text(GOOD.replace("name: good", "name: bug"))
    played = script.run_script

    def run_script(data):
        if data.get("name") == "bug":
            raise ZeroDivisionError("on purpose")
        return played(data)

    monkeypatch.setattr(script, "run_script", run_script)
    status, lines = _run(capsys, bad, good)
    assert status == 2
    assert lines == [f"ERROR {bad}: the script could not be played (ZeroDivisionError: on purpose); "
                     "this is a bug in medguide", f"PASS {good}"]


def test_every_hostile_file_at_once_in_one_process_fast_and_small(tmp_path):
    """The real command, all the files on one command line: in order, exit 2, little memory, a few seconds."""
    paths = [_make(tmp_path, case_id, text) for case_id, text, _ in CASES]
    good = tmp_path / "zz_good.yaml"
    good.write_text(GOOD)
    measure = ("import os, subprocess, sys, time\n"
               "start = time.perf_counter()\n"
               "child = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE)\n"
               "out = child.stdout.read()\n"
               "_, status, usage = os.wait4(child.pid, 0)\n"
               "sys.stdout.buffer.write(out)\n"
               "print(os.waitstatus_to_exitcode(status), usage.ru_maxrss, time.perf_counter() - start, file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", measure, sys.executable, "-m", "medguide.bot.cli", "script",
                           *map(str, paths), str(good)], capture_output=True, cwd=ROOT, timeout=120)
    status, rss_kib, seconds = done.stderr.split()[-3:]
    lines = done.stdout.decode().splitlines()
    assert int(status) == 2
    assert [line.split(" ", 1)[0] for line in lines] == ["ERROR"] * len(CASES) + ["PASS"]
    assert lines[-1] == f"PASS {good}"
    assert int(rss_kib) < 200 * 1024, f"peak RSS {rss_kib} KiB"
    assert float(seconds) < 30


# --- bot/devtools/safe_yaml.py on its own ------------------------------------------------------------------

def test_load_yaml_reads_plain_yaml_with_a_few_aliases(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text("base: &b {x: 1, y: [2, 3]}\nuse: *b\nmerged: {<<: *b, z: 4}\nwhen: 2026-11-23\n")
    data = load_yaml(path)
    assert data["use"] == {"x": 1, "y": [2, 3]} and data["merged"] == {"x": 1, "y": [2, 3], "z": 4}
    assert str(data["when"]) == "2026-11-23"


@pytest.mark.parametrize("limit,ok", [(8, False), (9, True)])
def test_load_yaml_counts_values_with_aliases_expanded(tmp_path, limit, ok):
    path = tmp_path / "a.yaml"
    path.write_text("a: &a [1, 2]\nb: *a\n")  # the mapping, 2 keys, the list twice (each 1 + 2 items): 9
    if ok:
        assert load_yaml(path, max_values=limit) == {"a": [1, 2], "b": [1, 2]}
    else:
        with pytest.raises(YamlError, match="more than 8 values"):
            load_yaml(path, max_values=limit)


def test_load_yaml_limits_are_parameters(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("a: [[[1]]]\n")
    with pytest.raises(YamlError, match="nested more than 3 levels"):
        load_yaml(path, max_depth=3)
    assert load_yaml(path, max_depth=4) == {"a": [[[1]]]}
    with pytest.raises(YamlError, match="is 11 bytes, more than the 10"):
        load_yaml(path, max_bytes=10)


def test_load_yaml_raises_one_exception_type_with_a_plain_message(tmp_path):
    for text in ("a: [\n", "!!python/name:os.system\n", "a: 2026-13-01\n", "--- 1\n--- 2\n"):
        path = tmp_path / "x.yaml"
        path.write_text(text)
        with pytest.raises(YamlError) as caught:
            load_yaml(path)
        assert isinstance(caught.value, ValueError)
        assert "Traceback" not in str(caught.value) and "\n" not in str(caught.value)


def test_load_yaml_can_refuse_every_alias_and_keep_dates_as_text(tmp_path):
    """The rules a story wants (bot/devtools/story.py): no aliases, and 2020-02-30 left for the guide to judge."""
    path = tmp_path / "story.yaml"
    path.write_text("when: 2020-02-30\nok: 2020-02-28\n")
    assert load_yaml(path, dates=False) == {"when": "2020-02-30", "ok": "2020-02-28"}
    with pytest.raises(YamlError, match="2020-02-30 is not a date"):
        load_yaml(path)
    path.write_text("a: &a [1]\nb: *a\n")
    with pytest.raises(YamlError, match="line 2, column 4: aliases \\(\\*name\\) are not allowed here"):
        load_yaml(path, aliases=False)
    assert load_yaml(path) == {"a": [1], "b": [1]}
