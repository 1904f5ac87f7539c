"""Start-up: the first screen comes before the engine, and what it shows is what the engine would show.

The app draws the language screen, or the first question when the language is given, without
pydantic, the rules, transitions or the engine; the engine is made in a thread once that screen is up
(bot/faces/app/loading.py), and the first answer waits for it only if it is not done. No timing here:
``benchmarks/app.py`` measures; these tests check what is imported, and that nothing shown differs.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from medguide.bot.faces.app.loading import Background
from medguide.bot.faces.app.screens.question import first_view, question_view
from medguide.bot.guide.engine import Engine
from medguide.bot.guide.first_question import FLOW_FILE, first_question
from medguide.bot.words.i18n import LANGUAGES, lang
from medguide.flows.model import FLOW_FILE as ENGINE_FLOW_FILE, load

from .app_helpers import TODAY, make_app, run_async

ROOT = Path(__file__).resolve().parent.parent
LATER = ("pydantic", "transitions", "babel", "sqlite3", "medguide.rules", "medguide.flows.model",
         "medguide.flows.facts", "medguide.bot.guide.engine", "medguide.bot.guide.answers", "medguide.bot.guide.explain")
"""Loaded with the engine (in the background) or later still, never for the first screen."""


def _view_fields(view) -> dict:
    return {k: v for k, v in vars(view).items() if k != "check"}  # the reader: only typed answers use it


def test_the_first_question_is_read_from_the_file_the_engine_loads():
    assert FLOW_FILE == ENGINE_FLOW_FILE


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_the_first_question_is_the_engines_in_every_language(code: str):
    first = first_question(code)
    assert first is not None, "the first question can no longer be shown before the engine loads (see first_question.py)"
    engine = Engine(code, today=lambda: TODAY)
    q = engine.current
    assert (first.id, first.type, first.unknown) == (q.id, q.type, q.unknown)
    assert (first.ask, first.help) == (engine.ask(q), engine.help(q) or "")
    assert first.steps == engine.progress()[1] and engine.progress()[0] == 1
    assert _view_fields(first_view(first, lang(code))) == _view_fields(question_view(engine))


FLOW = """\
start: first
predicates:
  said_yes: {answer: first, is: true}
  not_yes: {not: said_yes}
  both: {all: [not_yes, never_true]}
  never_true: {answer: second, in: [a, b]}
  either: {any: [said_yes, not_yes]}
questions:
  - id: first
    topic: order
    ask: ASK
    help: Some help.
    type: TYPE
    unknown: true
    unknown_effect: Nothing.
    next:
      - {to: third, when: [both]}
      - {to: results, when: [said_yes]}
      - {to: second, when: [either], unless: [never_true]}
      - {to: third}
  - id: second
    topic: order
    ask: Second?
    type: choice
    choices: [{code: a, label: A}, {code: b, label: B}]
    next:
      - {to: third}
  - id: third
    topic: order
    ask: Third?
    type: yesno
    next:
      - {to: results}
results: []
"""


def test_the_steps_follow_the_predicates_as_the_engine_reads_them(tmp_path: Path):
    path = tmp_path / "flow.yaml"
    path.write_text(FLOW.replace("ASK", "Is it so?").replace("TYPE", "yesno"), encoding="utf-8")
    first = first_question("en", path)
    engine = Engine("en", load(path), today=lambda: TODAY)
    assert first is not None and first.steps == engine.progress()[1] == 3  # first, second (not yes, either), third
    assert (first.choices, first.help, first.unknown) == (("Yes", "No"), "Some help.", True)


@pytest.mark.parametrize(("ask", "kind"), [("How much is {rate}?", "yesno"), ("How much?", "money")])
def test_a_first_question_only_the_engine_can_ask_waits_for_it(tmp_path: Path, ask: str, kind: str):
    path = tmp_path / "flow.yaml"
    path.write_text(FLOW.replace("ASK", ask).replace("TYPE", kind), encoding="utf-8")
    assert first_question("en", path) is None  # a law number to fill for the day, or a typed answer and its reader


def test_the_first_question_is_kept_in_the_cache_and_read_again_when_the_interview_changes(tmp_path: Path):
    from medguide.bot.guide import first_question as module

    flow, cache = tmp_path / "flow.yaml", tmp_path / "cache"
    flow.write_text(FLOW.replace("ASK", "Is it so?").replace("TYPE", "yesno"), encoding="utf-8")
    assert first_question("en", flow, cache).ask == "Is it so?"
    [kept] = cache.glob("first-question-*.json")
    assert kept.stat().st_mode & 0o777 == 0o600 and cache.stat().st_mode & 0o777 == 0o700
    kept.write_text(kept.read_text(encoding="utf-8").replace("Is it so?", "Kept?"), encoding="utf-8")
    module._cached.cache_clear()
    assert first_question("en", flow, cache).ask == "Kept?"  # read from the cache, not from the YAML
    flow.write_text(FLOW.replace("ASK", "Is it still so?").replace("TYPE", "yesno"), encoding="utf-8")
    module._cached.cache_clear()
    assert first_question("en", flow, cache).ask == "Is it still so?"  # another interview: read again
    assert [p.name for p in cache.glob("first-question-*.json")] != [kept.name] and len(list(cache.iterdir())) == 1
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    module._cached.cache_clear()
    assert first_question("en", flow, blocked / "cache").ask == "Is it still so?"  # no cache: the YAML as without one


def _first_screen(language: str | None) -> dict:
    """In a fresh interpreter: what is imported once the first screen is up, with the engine left unmade."""
    script = textwrap.dedent(f"""
        import asyncio, json, sys
        from datetime import date
        from medguide.bot.faces.app.app import MedguideApp
        from medguide.bot.faces.app.config import Config

        async def main():
            MedguideApp.LOAD_IN_BACKGROUND = False
            app = MedguideApp("parent", {language!r}, config=Config(), today=lambda: date(2026, 11, 23))
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                found = {{"screen": type(app.screen).__name__, "ready": app.engine_ready,
                          "loaded": [m for m in {LATER!r} if m in sys.modules], "yaml": "yaml" in sys.modules}}
                if {language!r}:
                    found["ask"] = str(app.screen.query_one("#ask").render())
                    found["step"] = str(app.screen.query_one("#step").render())
                    await pilot.press("1", "enter")  # Utah: the engine is made now, and takes the answer
                    await pilot.pause()
                    found["then"] = app.engine.current.id
                    found["engine_ask"] = app.engine.ask(app.engine.questions["order_state"])
            print(json.dumps(found))

        asyncio.run(main())
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_language_screen_comes_before_the_engine_and_the_interview():
    found = _first_screen(None)
    assert found["screen"] == "LanguageScreen" and not found["ready"]
    assert found["loaded"] == [] and not found["yaml"]


def test_the_first_question_comes_before_the_engine_and_the_first_answer_waits_for_it():
    found = _first_screen("en")
    assert found["screen"] == "QuestionScreen" and not found["ready"] and found["loaded"] == []
    assert found["ask"] == found["engine_ask"] == "Which state made your child support order?"
    assert found["step"].startswith("Step 1 of about ")
    assert found["then"] == "order_date"
    again = _first_screen("en")  # the first question kept in the cache (XDG_CACHE_HOME): no YAML read this time
    assert not again["yaml"] and again["ask"] == found["ask"] and again["step"] == found["step"]


@run_async
async def test_the_engine_is_made_in_the_background_once_the_first_screen_is_up():
    app = make_app("parent", "es")
    assert not app.engine_ready
    async with app.run_test(size=(80, 24)) as pilot:
        loader = app._loader
        for _ in range(100):  # the app starts it a moment after the first screen is drawn
            if loader.started:
                break
            await pilot.pause(0.05)
        assert loader._thread is not None  # started by the app, not by a first use
        engine = app.engine  # waits for the thread if it is still at work
        assert engine.lang.code == "es" and engine.current.id == "order_state" and app.engine_ready


@run_async
async def test_a_failure_to_load_the_engine_ends_the_app_as_an_internal_error(monkeypatch):
    def broken(self):
        raise RuntimeError("the interview cannot be read")

    monkeypatch.setattr(type(make_app()), "_make_engine", broken)
    app = make_app("parent", "en")
    with pytest.raises(RuntimeError, match="the interview cannot be read"):
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(100):  # the loading thread tells the app, which ends
                if not app.is_running:
                    break
                await pilot.pause(0.05)
    assert app.return_code == 1


def test_the_background_value_is_made_once_where_it_is_first_needed():
    made = []
    never_started = Background(lambda: made.append("inline") or len(made))
    assert (never_started.result(), never_started.result(), made) == (1, 1, ["inline"])
    started = Background(lambda: made.append("thread") or len(made))
    started.start()
    started.start()
    assert started.result() == 2 and made == ["inline", "thread"] and started.done
    failing = Background(lambda: 1 / 0)
    failing.start()
    with pytest.raises(ZeroDivisionError):
        failing.result()
