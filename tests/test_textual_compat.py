"""The one private name of Textual medguide relies on (bot/faces/app/textual_compat.py): fails when Textual changes it."""

from __future__ import annotations

import inspect
import io

import pytest
from rich.console import Console
from textual.app import App

from medguide.bot.faces.app.textual_compat import HOOK, CrashReport

from .app_helpers import run_async


def test_textual_still_calls_the_hook_for_an_unhandled_error():
    assert callable(getattr(App, HOOK, None)), f"Textual no longer has App.{HOOK}: update bot/faces/app/textual_compat.py"
    assert f"self.{HOOK}()" in inspect.getsource(App._handle_exception), f"App._handle_exception no longer calls App.{HOOK}"
    assert list(inspect.signature(App.panic).parameters) == ["self", "renderables"]


class Crashing(CrashReport, App[None]):
    def crash_report(self):
        return ["the app's own words"]

    def on_mount(self) -> None:
        secret = "caller secret 555-0100"  # a local variable Textual's own traceback would print
        raise RuntimeError(secret[:0] + "boom")


@run_async
async def test_an_unhandled_error_shows_only_the_apps_report():
    app = Crashing()
    terminal = io.StringIO()
    app.error_console = Console(file=terminal, width=100)
    with pytest.raises(RuntimeError):
        async with app.run_test() as pilot:
            await pilot.pause()
    shown = terminal.getvalue()
    assert "the app's own words" in shown
    assert "555-0100" not in shown and "Traceback" not in shown
    assert app.return_code == 1
