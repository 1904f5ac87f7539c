"""The desk: a whole interview with the English side panel, autosave after every answer, list, resume, delete, kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from rich.text import Text
from textual.widgets import DataTable

from medguide.bot.faces.app.screens.desk import NewSession, SessionsScreen
from medguide.bot.faces.app.screens.question import QuestionScreen
from medguide.bot.faces.app.screens.results import ResultsScreen
from medguide.bot.faces.app.store import Store
from medguide.bot.faces.app.widgets import Plain, SafeInput, SidePanel

from .app_helpers import UTAH_PAYER, answer, make_app, play, run_async, screen_text

ROOT = Path(__file__).resolve().parent.parent


def _panel_text(app) -> str:
    panel = app.screen.query_one(SidePanel)
    return "\n".join(line for section in panel.view.sections for line in (section.title, *section.lines))


@run_async
async def test_a_whole_call_at_the_desk(tmp_path: Path):
    app = make_app("desk", tmp=tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        assert isinstance(app.screen, SessionsScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewSession)
        app.screen.query_one("#label", SafeInput).value = "[bold]Ana[/bold] case 42"
        await pilot.press("enter")
        await pilot.click("#lang-vi")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.engine.lang.code == "vi"
        store = app.store
        session = app.session
        assert store is not None and session is not None
        for n, (qid, text) in enumerate(UTAH_PAYER, start=1):
            if qid == "base_support":
                panel = _panel_text(app)
                assert "Question in English" in panel and "Tiếng Việt" in panel
                assert "What is the monthly child support amount" in panel or "support" in panel
                await answer(pilot, qid, "abc")  # refused: the staff read why in English
                assert "$1,234.56" in app.screen.query_one("#error", Plain).text
            await answer(pilot, qid, text)
            assert len(store.load(session).data["trail"]) == n  # saved after every answer
        assert isinstance(app.screen, ResultsScreen)
        panel = _panel_text(app)
        assert "$317.00" in panel and "CS 407P" in panel  # the working and the law, in English
        assert "$317.00" in screen_text(app)  # the caller's figure, US money in Vietnamese too

        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, SessionsScreen)
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == 1
        label = table.get_row_at(0)[1]
        assert isinstance(label, Text) and label.plain == "[bold]Ana[/bold] case 42"  # shown as typed
        await pilot.press("enter")  # resume
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert app.screen.query_one("#sessions", DataTable).row_count == 0
        assert store.list().rows == []


@run_async
async def test_resume_goes_back_to_the_question_where_the_call_stopped(tmp_path: Path):
    from medguide.bot.guide.engine import Engine

    store = Store(tmp_path / "desk.sqlite3")
    engine = Engine("es")
    for qid, text in UTAH_PAYER[:5]:
        engine.answer(text)
    first = store.new(engine.save(), "first").id
    store.release(first)
    app = make_app("desk", tmp=tmp_path, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.session == first and app.engine.current.id == UTAH_PAYER[5][0] and app.engine.lang.code == "es"
        await pilot.press("f3")  # back is saved too
        await pilot.pause()
        assert store.load(first).data["state"] == UTAH_PAYER[4][0]


def test_kill_9_loses_no_confirmed_answer(tmp_path: Path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-m", "tests.desk_child", str(tmp_path), "6"], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, text=True)
    try:
        confirmed = 0
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith("saved"):
                confirmed = int(line.split()[1])
            if confirmed == 6:
                break
        os.kill(child.pid, signal.SIGKILL)  # no clean shutdown: no atexit, no close
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    store = Store(tmp_path / "desk.sqlite3")
    (row,) = store.list().rows
    data = store.load(row.id).data
    assert data["trail"] == [qid for qid, _ in UTAH_PAYER[:6]]
    assert data["language"] == "es" and row.label == "crash test"


@run_async
async def test_a_session_from_another_version_is_refused_with_a_message(tmp_path: Path):
    store = Store(tmp_path / "desk.sqlite3")
    store.new({"format": "medguide.session", "version": 99, "language": "en"}, "old")
    app = make_app("desk", tmp=tmp_path, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, SessionsScreen)
        assert app.session is None
        assert any("cannot be opened" in str(n.message) for n in app._notifications)


@run_async
async def test_staff_typing_for_a_vietnamese_caller_are_read_the_us_way(tmp_path: Path):
    """Staff type "03/04/2024" and "1,500" for a Vietnamese caller: March 4 and $1,500.00, said back in both languages."""
    from datetime import date
    from decimal import Decimal

    from medguide.bot.faces.app.screens.help import HelpScreen
    from medguide.bot.faces.app.screens.review import ReviewScreen
    from medguide.bot.faces.app.widgets import QuestionCard

    app = make_app("desk", tmp=tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#label", SafeInput).value = "Lan"
        await pilot.press("enter")
        await pilot.click("#lang-vi")
        await pilot.pause()
        await answer(pilot, "order_state", "UT")
        await answer(pilot, "order_date", "03/04/2024")  # the staff's own US order: not asked about
        assert app.engine.answers["order_date"] == date(2024, 3, 4)
        echo = app.screen.query_one("#echo", Plain).text
        assert echo == "Quý vị đã trả lời: 4 tháng 3 năm 2024 (March 4, 2024)"  # the caller's words, the staff's English
        assert "When was your child support order made? → March 4, 2024" in _panel_text(app)
        await play(pilot, [("order_changed", "no"), ("has_medical_provision", "yes"), ("order_names_primary", "3"),
                           ("credit_cap", "no"), ("living_arrangement", "1"), ("my_role", "1")])
        await answer(pilot, "base_support", "1,500")  # never $1.50
        assert app.engine.answers["base_support"] == Decimal("1500.00")
        assert app.screen.query_one("#echo", Plain).text == "Quý vị đã trả lời: $1,500.00"
        assert "→ $1,500.00" in _panel_text(app)
        assert app.store is not None and app.session is not None
        assert app.store.load(app.session).data["answers"]["base_support"]["value"] == "1500.00"

        await answer(pilot, "my_side_plan", "1")
        await answer(pilot, "my_premium", "abc")  # refused: the staff read why, in English
        assert "Please type an amount of money, like $1,234.56." == app.screen.query_one("#error", Plain).text
        app.screen.query_one(QuestionCard).query_one(SafeInput).value = "$198.00"
        await pilot.press("enter")
        await pilot.pause()
        assert app.engine.answers["my_premium#1"] == Decimal("198.00")

        await pilot.press("f1")  # help: the caller's words with the staff's English under them
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = screen_text(app)
        assert "Gói bảo hiểm đó bao trả cho tổng cộng bao nhiêu người?" in help_text or "bao nhiêu người" in help_text
        assert "How many people does the plan cover in all?" in help_text and "F1 or ?: this help" in help_text
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f4")  # review: English beside every question and answer
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        review = screen_text(app)
        assert "(March 4, 2024)" in review and "When was your child support order made?" in review
        assert "4 tháng 3 năm 2024" in review and "$1,500.00" in review
