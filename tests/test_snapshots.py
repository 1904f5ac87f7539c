"""Snapshots of the main screens: 80x24 and larger, English and Spanish, high contrast. Cursor blink off.

After a deliberate change to a screen (or new translations), look at the new pictures and accept them:
    .venv/bin/python -m pytest tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from .app_helpers import UTAH_PAYER, make_app, played_engine


async def no_cursor_blink(pilot: Pilot) -> None:
    for box in pilot.app.screen.query(Input).results(Input):
        box.cursor_blink = False
    await pilot.pause()


def app_at(mode: str, language: str | None, steps=(), tmp: Path | None = None):
    app = make_app(mode, language, tmp=tmp)
    if steps:
        app.engine = played_engine(language or "en", steps)
    return app


def test_language_screen(snap_compare):
    assert snap_compare(app_at("parent", None), terminal_size=(80, 24))


def test_money_question_english(snap_compare):
    assert snap_compare(app_at("parent", "en", UTAH_PAYER[:8]), run_before=no_cursor_blink, terminal_size=(80, 24))


def test_choice_question_spanish(snap_compare):
    assert snap_compare(app_at("parent", "es", UTAH_PAYER[:4]), run_before=no_cursor_blink, terminal_size=(80, 24))


def test_refused_answer_spanish(snap_compare):
    async def type_wrong(pilot: Pilot) -> None:
        await no_cursor_blink(pilot)
        pilot.app.screen.query_one(Input).value = "abc"
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(app_at("parent", "es", UTAH_PAYER[:8]), run_before=type_wrong, terminal_size=(80, 24))


def test_question_high_contrast(snap_compare):
    async def contrast(pilot: Pilot) -> None:
        await pilot.press("f7")
        await no_cursor_blink(pilot)

    assert snap_compare(app_at("kiosk", "en", UTAH_PAYER[:4]), run_before=contrast, terminal_size=(80, 24))


def test_results_english_large_terminal(snap_compare):
    assert snap_compare(app_at("parent", "en", UTAH_PAYER), terminal_size=(110, 40))


def test_results_spanish(snap_compare):
    assert snap_compare(app_at("parent", "es", UTAH_PAYER), terminal_size=(80, 24))


def test_results_summary_english_80x24(snap_compare):
    assert snap_compare(app_at("parent", "en", UTAH_PAYER), terminal_size=(80, 24))


def test_results_summary_chinese_kiosk_high_contrast(snap_compare):
    async def contrast(pilot: Pilot) -> None:
        await pilot.press("f7")
        await pilot.pause()

    assert snap_compare(app_at("kiosk", "zh_Hans", UTAH_PAYER), run_before=contrast, terminal_size=(80, 24))


def test_result_card_spanish(snap_compare):
    assert snap_compare(app_at("parent", "es", UTAH_PAYER), press=["down", "enter"], terminal_size=(80, 24))


def test_review_spanish(snap_compare):
    assert snap_compare(app_at("parent", "es", UTAH_PAYER[:6]), press=["f4"], terminal_size=(80, 24))


def test_help(snap_compare):
    assert snap_compare(app_at("parent", "en", UTAH_PAYER[:5]), press=["f1"], terminal_size=(80, 24))


def test_desk_question_with_side_panel(snap_compare, tmp_path, monkeypatch):
    import time
    from datetime import datetime, timezone

    from medguide.bot.faces.app.store import SQLiteStore

    monkeypatch.setenv("TZ", "America/Denver")
    time.tzset()
    monkeypatch.setattr("medguide.bot.faces.app.store.base.new_code", lambda: "K7M4QX")
    store = SQLiteStore(tmp_path / "desk.sqlite3", lambda: datetime(2026, 11, 23, 21, 5, 30, tzinfo=timezone.utc), desk="desk-a")

    async def open_call(pilot: Pilot) -> None:
        app = pilot.app
        app.mode.new_session("Ana", "es")  # type: ignore[attr-defined]
        await pilot.pause()
        for qid, text in UTAH_PAYER[:10]:
            assert app.engine.answer(text).ok  # type: ignore[attr-defined]
        app.show_current()  # type: ignore[attr-defined]
        await no_cursor_blink(pilot)

    try:
        assert snap_compare(make_app("desk", tmp=tmp_path, store=store), run_before=open_call, terminal_size=(120, 36))
    finally:
        monkeypatch.undo()
        time.tzset()


def test_kiosk_idle_countdown(snap_compare):
    now = [0.0]
    app = make_app("kiosk", "en", clock=lambda: now[0])
    app.engine = played_engine("en", UTAH_PAYER[:3])

    async def idle(pilot: Pilot) -> None:
        now[0] += 315  # 15 s into the countdown: 45 s left
        app.tick_idle()
        await pilot.pause()

    assert snap_compare(app, run_before=idle, terminal_size=(80, 24))


def test_question_larger_text(snap_compare):
    async def larger(pilot: Pilot) -> None:
        await pilot.press("f8")
        await no_cursor_blink(pilot)

    assert snap_compare(app_at("kiosk", "en", UTAH_PAYER[:8]), run_before=larger, terminal_size=(80, 24))
