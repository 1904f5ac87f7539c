"""Shared by the app tests: a fixed day, settings pointing at tmp paths, and Pilot drivers.

Typed answers are set on the Input in one step and sent with one Enter (a key press through
Pilot costs ~64 ms); choices are picked with their number key and Enter, as a person would.
"""

from __future__ import annotations

import asyncio
import functools
from datetime import date
from pathlib import Path

from textual.pilot import Pilot

from medguide.bot.faces.app.app import MedguideApp
from medguide.bot.faces.app.config import Config, DeskConfig, KioskConfig, SummaryConfig, hash_pin
from medguide.bot.faces.app.widgets import ChoiceSet, QuestionCard, SafeInput
from tests.interviews import UTAH_PAYER  # noqa: F401  (re-exported for the app tests)

TODAY = date(2026, 11, 23)
PIN = "432187"
PIN_HASH = hash_pin(PIN, salt=b"0123456789abcdef", iterations=1000)



def run_async(test):
    """Run an ``async def`` test with asyncio (the project has no async pytest plugin)."""

    @functools.wraps(test)
    def runner(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return runner


def settings(tmp: Path, idle: float = 300, countdown: float = 60) -> Config:
    return Config(
        kiosk=KioskConfig(pin=PIN_HASH, idle_seconds=idle, countdown_seconds=countdown),
        desk=DeskConfig(database=tmp / "desk.sqlite3", name="desk-a"),
        summary=SummaryConfig(directory=tmp),
    )


def make_app(mode: str = "parent", language: str | None = None, tmp: Path | None = None, **kw) -> MedguideApp:
    return MedguideApp(mode, language, config=settings(tmp or Path("/nonexistent")), today=lambda: TODAY, **kw)  # type: ignore[arg-type]


def choice_number(app: MedguideApp, text: str) -> str:
    q = app.engine.current
    assert q is not None
    if q.type == "yesno":
        return {"yes": "1", "no": "2"}.get(text.lower(), text)
    codes = [c.code for c in q.choices]
    return str(codes.index(text) + 1) if text in codes else text


async def answer(pilot: Pilot, qid: str, text: str) -> None:
    """Answer the question on screen, which must be ``qid``."""
    app = pilot.app
    assert isinstance(app, MedguideApp)
    q = app.engine.current
    assert q is not None and q.id == qid, (q and q.id, qid)
    await pilot.pause()
    card = app.screen.query_one(QuestionCard)
    if q.type in ("yesno", "choice"):
        assert isinstance(app.focused, ChoiceSet), app.focused
        await pilot.press(choice_number(app, text), "enter")
    elif q.type == "note":
        await pilot.press("enter")
    else:
        box = card.query_one(SafeInput)
        assert app.focused is box
        box.value = text
        await pilot.press("enter")
    await pilot.pause()


async def play(pilot: Pilot, steps) -> None:
    for qid, text in steps:
        await answer(pilot, qid, text)


def screen_text(app: MedguideApp) -> str:
    """Every Plain and Button label on the current screen, as text (what a person reads)."""
    from textual.widgets import Button

    from medguide.bot.faces.app.widgets import Plain

    from textual.widgets import OptionList

    parts = [w.text for w in app.screen.query(Plain).results(Plain)]
    for lines in app.screen.query(OptionList).results(OptionList):
        parts += [str(lines.get_option_at_index(i).prompt) for i in range(lines.option_count)]
    parts += [str(b.label) for b in app.screen.query(Button).results(Button)]
    return "\n".join(parts)


def played_engine(language: str = "en", steps=UTAH_PAYER):
    """An engine that has answered ``steps`` headless (fast), to open the app where a test needs it."""
    from medguide.bot.guide.engine import Engine

    engine = Engine(language, today=lambda: TODAY)
    for qid, text in steps:
        assert engine.state == qid, (engine.state, qid)
        assert engine.answer(text).ok, (qid, text)
    return engine
