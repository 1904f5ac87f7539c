"""The kiosk: a whole interview, no way out but the PIN, the idle countdown and wipe on a fake clock, nothing written."""

from __future__ import annotations

import os
from pathlib import Path

from medguide.bot.faces.app.screens.kiosk import IdleCountdown, PinPrompt
from medguide.bot.faces.app.screens.language import LanguageScreen
from medguide.bot.faces.app.screens.question import QuestionScreen
from medguide.bot.faces.app.screens.results import ResultsScreen
from medguide.bot.faces.app.widgets import Plain, SafeInput

from .app_helpers import PIN, UTAH_PAYER, make_app, play, run_async, screen_text


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*")}


@run_async
async def test_a_whole_interview_at_the_kiosk_writes_nothing(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    before = _files(tmp_path)
    app = make_app("kiosk", tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, LanguageScreen)
        await pilot.press("enter")  # English is first; Enter moves on
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await play(pilot, UTAH_PAYER)
        assert isinstance(app.screen, ResultsScreen)
        assert "$317.00" in screen_text(app)
        assert not app.screen.query("#save")  # no summary file at a kiosk
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.click("#restart")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, LanguageScreen)
        assert not app.engine.answers and not app.engine.trail
    assert _files(tmp_path) == before  # no file, no log, no database


@run_async
async def test_ctrl_c_ctrl_q_and_the_palette_do_not_quit_but_the_pin_does(tmp_path: Path):
    app = make_app("kiosk", "en", tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c", "ctrl+p", "ctrl+z", "ctrl+backslash")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, QuestionScreen)
        await pilot.press("ctrl+q")  # staff key: asks for the PIN, does not quit
        await pilot.pause()
        assert isinstance(app.screen, PinPrompt) and app.is_running
        box = app.screen.query_one("#pin", SafeInput)
        box.value = "000000"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PinPrompt) and app.is_running
        assert app.screen.query_one("#pin-error", Plain).text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("f12")
        await pilot.pause()
        app.screen.query_one("#pin", SafeInput).value = PIN
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 0


@run_async
async def test_idle_countdown_any_key_keeps_the_session_then_the_wipe(tmp_path: Path):
    clock = FakeClock()
    app = make_app("kiosk", tmp=tmp_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await play(pilot, UTAH_PAYER[:8])
        box = app.screen.query_one(SafeInput)
        box.value = "My secret 555-0100"  # typed, not sent yet
        old_engine = app.engine

        clock.now += 299
        app.tick_idle()
        await pilot.pause()
        assert not isinstance(app.screen, IdleCountdown)
        clock.now += 2
        app.tick_idle()
        await pilot.pause()
        assert isinstance(app.screen, IdleCountdown)
        assert "59" in app.screen.query_one("#countdown", Plain).text
        clock.now += 30
        app.tick_idle()
        await pilot.pause()
        assert "29" in app.screen.query_one("#countdown", Plain).text

        await pilot.press("x")  # any key: still here
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.engine is old_engine and len(app.engine.trail) == 8
        assert app.screen.query_one(SafeInput).value == "My secret 555-0100"

        clock.now += 300
        app.tick_idle()
        await pilot.pause()
        assert isinstance(app.screen, IdleCountdown)
        clock.now += 60
        app.tick_idle()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, LanguageScreen)
        assert len(app.screen_stack) == 2
        assert app.engine is not old_engine and not app.engine.answers and not app.engine.trail
        assert not app.query(SafeInput)
        for screen in app.screen_stack:
            assert "555-0100" not in "".join(w.text for w in screen.query(Plain).results(Plain))

        # nothing to wipe on the language screen: no countdown for an empty kiosk
        clock.now += 1000
        app.tick_idle()
        await pilot.pause()
        assert isinstance(app.screen, LanguageScreen)


def test_kiosk_refuses_to_start_without_a_pin(tmp_path: Path, monkeypatch, capsys):
    from medguide.bot.cli import main

    monkeypatch.setenv("MEDGUIDE_CONFIG", str(tmp_path / "config.toml"))
    assert main(["kiosk"]) == 2
    assert "--set-pin" in capsys.readouterr().err


def test_set_pin_stores_only_a_salted_hash(tmp_path: Path, monkeypatch):
    import io

    from medguide.bot.faces.app import config
    from medguide.bot.cli import main

    path = tmp_path / "config.toml"
    path.write_text('[kiosk]\nidle_seconds = 120\n\n[desk]\ndatabase = "/tmp/x.sqlite3"\n', encoding="utf-8")
    monkeypatch.setenv("MEDGUIDE_CONFIG", str(path))
    monkeypatch.setattr("sys.stdin", io.StringIO("987650\n"))
    assert main(["kiosk", "--set-pin"]) == 0
    text = path.read_text(encoding="utf-8")
    assert "987650" not in text and "pbkdf2_sha256$" in text
    settings = config.load()
    assert settings.kiosk.idle_seconds == 120 and str(settings.desk.database) == "/tmp/x.sqlite3"
    assert config.check_pin("987650", settings.kiosk.pin)
    assert not config.check_pin("987651", settings.kiosk.pin)
    assert not config.check_pin("987650", None)
    assert os.stat(path).st_mode & 0o077 == 0


@run_async
async def test_a_crash_at_the_kiosk_shows_no_answers(tmp_path: Path):
    import io

    import pytest
    from rich.console import Console

    app = make_app("kiosk", "en", tmp=tmp_path)
    terminal = io.StringIO()
    app.error_console = Console(file=terminal, width=100)  # what reaches the terminal after the app stops
    with pytest.raises(RuntimeError):  # run_test raises it again once the app has stopped
        async with app.run_test(size=(80, 24)) as pilot:
            await play(pilot, UTAH_PAYER[:8])
            app.screen.query_one(SafeInput).value = "My secret 555-0100"

            def boom() -> None:
                raise RuntimeError("boom")

            app.call_later(boom)
            await pilot.pause()
    shown = terminal.getvalue()
    assert "555-0100" not in shown and "Traceback" not in shown
    assert "internal error" in shown


def test_the_kiosk_turns_off_textual_devtools_and_logs(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("TEXTUAL", "devtools,debug")
    app = make_app("kiosk", "en", tmp=tmp_path)
    assert not app.features and app.devtools is None
