"""The private names of Textual medguide relies on (bot/faces/app/textual_compat.py): fail when Textual changes them."""

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


def test_radioset_still_keeps_its_highlight_and_pressed_button_where_the_adapter_reads_them():
    from textual.reactive import Reactive
    from textual.widgets import RadioSet

    from medguide.bot.faces.app.textual_compat import RADIO_NAMES

    selected, pressed, scroll = RADIO_NAMES
    assert isinstance(RadioSet.__dict__.get(selected), Reactive), f"RadioSet.{selected} is no longer a reactive"
    assert f"self.{pressed}" in inspect.getsource(RadioSet.pressed_button.fget), f"pressed_button no longer reads {pressed}"
    assert f"self.{scroll}()" in inspect.getsource(RadioSet.watch__selected), f"RadioSet no longer calls {scroll}"


@run_async
async def test_the_choices_cursor_and_quiet_press_drive_the_radioset():
    from textual.app import ComposeResult
    from textual.widgets import RadioButton

    from medguide.bot.faces.app.widgets import ChoiceSet

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield ChoiceSet(("Utah", "California", "Arkansas"))

    app = One()
    async with app.run_test() as pilot:
        choices = app.query_one(ChoiceSet)
        buttons = list(choices.query(RadioButton).results(RadioButton))
        choices.cursor = 2
        await pilot.pause()
        assert [b.has_class("-selected") for b in buttons[:3]] == [False, False, True]
        with choices.prevent(RadioButton.Changed):
            buttons[1].value = True
        choices.press_quietly(buttons[1])
        assert choices.pressed_button is buttons[1] and choices.pressed_index == 1
        choices.relabel(("Yes", "No"), 0)
        await pilot.pause()
        assert (choices.pressed_index, choices.cursor, choices.count) == (0, 0, 2)
        assert [b.display for b in buttons] == [True, True, False, False]
        choices.focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert (choices.cursor, choices.pressed_index) == (1, 1)
