"""The story runner: its report, its refusals of bad story files, aliases, and stories that survive a new question.

Every story under tests/stories/ is also collected as a test of its own (tests/conftest.py).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from medguide.bot.devtools.story import StoryError, load_story, play, report, run_file, story_files
from medguide.flows.model import load

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "tests" / "stories"
FLOW = ROOT / "flows" / "interview.yaml"
WORKED = STORIES / "utah" / "payer_own_plan_worked_example.yaml"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def worked(**changes) -> str:
    data = yaml.safe_load(WORKED.read_text(encoding="utf-8"))
    data.update(changes)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_the_worked_example_passes_and_the_report_says_so():
    lines: list[str] = []
    report([run_file(WORKED)], lines.append)
    assert lines[0].startswith("PASS  A Utah father pays $350.00 for one child")
    assert lines[-1] == "1 passed, 0 failed"


def test_a_failing_story_says_what_was_expected_and_what_the_guide_said(tmp_path):
    path = write(tmp_path, "wrong.yaml", worked(
        story="A story with wrong expectations",
        expect={"ut.premium_credit": {"outcome": "no_credit"}, "ut.credit_start": "absent",
                "reasonable_cost": {"figures": {"threshold": "999.00"}}},
        tells=["ut.premium_credit.no_such_line"], says=["Child support is $1.00"]))
    lines: list[str] = []
    report([run_file(path)], lines.append)
    text = "\n".join(lines)
    assert lines[0].startswith("FAIL  A story with wrong expectations")
    assert ("Expected ut.premium_credit to come out as 'no_credit'; it came out as 'credit', saying: "
            "\"Child support would become $317.00 a month, once the office has the form.\"") in text
    assert "Expected reasonable_cost's threshold to be '999.00'; the guide worked out '200.00'." in text
    assert "Expected the parent to be told ut.premium_credit.no_such_line; it was not said." in text
    assert "Expected the guide to say \"Child support is $1.00\"; it did not." in text
    assert "\nFailures\n--------\n" in text
    assert lines[-1] == "0 passed, 1 failed"


def test_a_question_the_story_does_not_answer_fails_it_by_id_and_english_words(tmp_path):
    data = yaml.safe_load(WORKED.read_text(encoding="utf-8"))
    del data["answers"]["my_premium"]
    run = play(load_story(write(tmp_path, "gap.yaml", yaml.safe_dump(data))))
    assert run.failures[0] == ("The guide asked my_premium (\"How much do you pay for that plan each month?\") for "
                               "Your plan 1, and the story has no answer for it.")


def test_an_answer_never_asked_is_listed_and_strict_makes_it_a_failure(tmp_path):
    data = yaml.safe_load(WORKED.read_text(encoding="utf-8"))
    data["answers"]["other_birthday"] = "07-04"
    path = write(tmp_path, "extra.yaml", yaml.safe_dump(data))
    loose = run_file(path)
    assert loose.passed and "Answers the guide never asked for: other_birthday." in loose.notes
    strict = run_file(path, strict=True)
    assert strict.failures == ["Answers the guide never asked for: other_birthday."]


def test_an_optional_question_left_out_takes_its_default_and_says_so():
    run = run_file(WORKED)
    assert any("qmcso_check" in note and "'no'" in note for note in run.notes)


@pytest.mark.parametrize("text,says", [
    ("story: x\ntoday: 2026-12-01\nanswer: {}\n", "answer: unknown key"),
    ("story: x\ntoday: 2026-12-01\nexpect: {ut.premium_credit: {outcom: credit}}\n",
     "expect.ut.premium_credit"),
    ("story: x\ntoday: not a day\n", "today"),
    ("story: x\nlocale: klingon\ntoday: 2026-12-01\n", "locale"),
    ("- a list\n", "it must be a mapping"),
    ("story: [unclosed\n", "not valid YAML"),
    ("a: &x [1]\nb: *x\n", "aliases (*name) are not allowed"),
    ("story: x\ntoday: 2026-12-01\nbased_on: nowhere.yaml\n", "its based_on story nowhere.yaml cannot be used"),
])
def test_a_bad_story_file_gives_one_clear_line(tmp_path, text, says):
    path = write(tmp_path, "bad.yaml", text)
    with pytest.raises(StoryError) as found:
        load_story(path)
    assert says in str(found.value)
    run = run_file(path)
    assert not run.passed and run.failures[0].startswith("The story file cannot be read: ")


def test_a_bad_file_among_good_ones_fails_alone_and_the_command_says_how_many(tmp_path):
    bad = write(tmp_path, "bad.yaml", "story: [unclosed\n")
    done = subprocess.run([sys.executable, "-m", "medguide.bot.cli", "story", str(WORKED), str(bad)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stdout.splitlines()[-1] == "1 passed, 1 failed"
    assert "FAIL  bad.yaml" in done.stdout
    ok = subprocess.run([sys.executable, "-m", "medguide.bot.cli", "story", str(WORKED)],
                        capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert ok.returncode == 0 and ok.stdout.splitlines()[-1] == "1 passed, 0 failed"


def test_the_project_stories_run_from_the_command(tmp_path):
    done = subprocess.run([sys.executable, "-m", "medguide.bot.cli", "story", str(STORIES)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    count = len(story_files([STORIES]))
    assert done.returncode == 0, done.stdout[-3000:]
    assert done.stdout.splitlines()[-1] == f"{count} passed, 0 failed"


# ---------------------------------------------------------------- a changed interview
def _flow_copy(tmp_path: Path, edit) -> "object":
    data = yaml.safe_load(FLOW.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "interview.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load(path)


def _insert_after_order_changed(data: dict, question: dict) -> None:
    questions = data["questions"]
    at = next(i for i, q in enumerate(questions) if q["id"] == "order_changed")
    changed = questions[at]
    question["next"] = changed["next"]
    changed["next"] = [{"to": question["id"]}]
    questions.insert(at + 1, question)


def test_a_new_optional_question_breaks_no_story_that_does_not_concern_it(tmp_path):
    flow = _flow_copy(tmp_path, lambda d: _insert_after_order_changed(d, {
        "id": "has_lawyer", "topic": "order", "ask": "Do you have a lawyer?", "type": "yesno",
        "optional": True, "default": "no"}))
    assert "has_lawyer" in flow.by_id
    failed = []
    for path in story_files([STORIES]):
        run = play(load_story(path), path, flow)
        if not run.passed:
            failed.append((path.name, run.failures))
    assert failed == []


def test_a_new_required_question_is_named_by_the_stories_it_stops(tmp_path):
    """The check above can fail: a question with no default stops every story that reaches it."""
    flow = _flow_copy(tmp_path, lambda d: _insert_after_order_changed(d, {
        "id": "has_lawyer", "topic": "order", "ask": "Do you have a lawyer?", "type": "yesno"}))
    run = play(load_story(WORKED), WORKED, flow)
    assert run.failures[0] == "The guide asked has_lawyer (\"Do you have a lawyer?\"), and the story has no answer for it."


def test_a_renamed_question_keeps_its_old_id_as_an_alias(tmp_path):
    def rename(data: dict) -> None:
        for q in data["questions"]:
            if q["id"] == "base_support":
                q["id"], q["aliases"] = "monthly_support", ["base_support"]
            for n in q.get("next", []):
                if n["to"] == "base_support":
                    n["to"] = "monthly_support"
        data["questions"] = data["questions"]

    flow = _flow_copy(tmp_path, rename)
    # facts.py reads base_support by its id; the alias keeps stories working, the builder is the renamer's job
    assert "monthly_support" in flow.by_id and flow.by_id["monthly_support"].aliases == ("base_support",)
    story = load_story(WORKED)
    run = play(story, WORKED, flow)
    assert not any("monthly_support" in f and "no answer" in f for f in run.failures)
    assert not any("base_support" in f and "no question by that name" in f for f in run.failures)
