"""The kiosk a court can trust: E1 clipboard, E2 PIN lockout, E3 environment, and a crash that comes back."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

import fcntl
from textual.app import App

from medguide.bot.faces.app import pin as pins
from medguide.bot.faces.app.kiosk_env import KEEP, unsafe
from medguide.bot.faces.app.screens.kiosk import PinPrompt
from medguide.bot.faces.app.screens.language import LanguageScreen
from medguide.bot.faces.app.widgets import Plain, QuestionCard, SafeInput

from .app_helpers import PIN, PIN_HASH, UTAH_PAYER, make_app, play, run_async

MEDGUIDE = Path(sys.executable).with_name("medguide")


class Clock:
    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


# ---------------------------------------------------------------- E1: the clipboard
@run_async
async def test_e1_what_one_parent_copied_is_not_the_next_ones_to_paste(tmp_path: Path, monkeypatch):
    to_terminal: list[str] = []
    monkeypatch.setattr(App, "copy_to_clipboard", lambda self, text: to_terminal.append(text))  # Textual's own: OSC 52
    app = make_app("kiosk", tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await play(pilot, UTAH_PAYER[:1])
        box = app.screen.query_one(QuestionCard).query_one(SafeInput)
        box.value = "2024-01-15 Zelda SSN 123-45-6789"
        await pilot.press("end", "shift+home", "ctrl+c")  # parent A copies
        await pilot.pause()
        assert app.clipboard == "2024-01-15 Zelda SSN 123-45-6789"
        app.screen.query_one(QuestionCard).query_one(SafeInput).value = ""
        app.copy_to_clipboard("selected on screen")  # what Screen.action_copy_text does with a mouse selection
        assert to_terminal == []  # never the terminal's clipboard
        await app.mode.wipe()  # the idle wipe
        await pilot.pause()
        assert isinstance(app.screen, LanguageScreen) and app.clipboard == ""
        await pilot.press("enter")  # parent B
        await pilot.pause()
        box = app.screen.query_one(QuestionCard).query_one(SafeInput)
        box.focus()
        await pilot.press("ctrl+v")
        await pilot.pause()
        assert box.value == ""


@run_async
async def test_at_home_a_copy_still_reaches_the_terminals_clipboard(tmp_path: Path, monkeypatch):
    to_terminal: list[str] = []
    monkeypatch.setattr(App, "copy_to_clipboard", lambda self, text: to_terminal.append(text))
    app = make_app("parent", "en", tmp=tmp_path)
    async with app.run_test(size=(80, 24)):
        app.copy_to_clipboard("my own notes")
    assert to_terminal == ["my own notes"] and app.clipboard == "my own notes"


# ---------------------------------------------------------------- E2: the PIN
def test_the_waits_after_wrong_pins():
    assert [pins.wait_after(n) for n in range(1, 10)] == [0, 0, 30, 60, 120, 240, 300, 300, 300]


async def _try_pin(pilot, typed: str) -> str:
    prompt = pilot.app.screen
    assert isinstance(prompt, PinPrompt)
    box = prompt.query_one("#pin", SafeInput)
    box.disabled = False  # as if typed the moment it opened: a wait must refuse it all the same
    box.value = typed
    box.focus()
    await pilot.press("enter")
    await pilot.pause()
    return prompt.query_one("#pin-error", Plain).text if pilot.app.screen is prompt else "(closed)"


@run_async
async def test_e2_after_three_wrong_pins_each_try_waits_longer_and_the_wait_survives_a_restart(tmp_path: Path):
    clock = Clock()
    state = Path(os.environ["XDG_DATA_HOME"]) / "medguide" / "kiosk-pin-attempts.json"
    app = make_app("kiosk", "en", tmp=tmp_path)
    app.mode.pin_guard.clock = clock
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert await _try_pin(pilot, "000000") == "That PIN is not right."
        assert await _try_pin(pilot, "111111") == "That PIN is not right."
        said = await _try_pin(pilot, "222222")
        assert said == "That PIN is not right. Too many wrong PINs. Try again in 30 seconds."
        assert app.screen.query_one("#pin", SafeInput).disabled
        clock.now += 10
        assert "Try again in 20 seconds." in await _try_pin(pilot, PIN)  # the right PIN, but not checked yet
        assert app.is_running
        clock.now += 21
        app.screen.count_down()
        assert not app.screen.query_one("#pin", SafeInput).disabled
        assert "Try again in 60 seconds." in await _try_pin(pilot, "333333")
    assert json.loads(state.read_text()) == {"failures": 4, "last": clock.now}
    assert os.stat(state).st_mode & 0o777 == 0o600 and PIN not in state.read_text()

    clock.now += 5  # the plug is pulled and the kiosk starts again
    app = make_app("kiosk", "en", tmp=tmp_path)
    app.mode.pin_guard.clock = clock
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "Try again in 55 seconds." in app.screen.query_one("#pin-error", Plain).text
        assert app.screen.query_one("#pin", SafeInput).disabled
        clock.now += 56
        app.screen.count_down()
        assert "Try again in 120 seconds." in await _try_pin(pilot, "444444")
        clock.now += 121
        app.screen.count_down()
        assert await _try_pin(pilot, PIN) == "(closed)"
    assert app.return_code == 0 and not state.exists()  # the right PIN clears the count


def test_a_damaged_attempts_file_means_a_wait_not_a_fresh_start(tmp_path: Path):
    path = tmp_path / "kiosk-pin-attempts.json"
    path.write_text("{not json", encoding="utf-8")
    guard = pins.PinGuard(path, Clock())
    assert guard.wait() == 30


def test_a_clock_set_back_never_makes_the_wait_longer_than_its_length(tmp_path: Path):
    clock = Clock()
    guard = pins.PinGuard(tmp_path / "a.json", clock)
    for _ in range(4):
        guard.failed()
    clock.now -= 10_000
    assert guard.wait() == 60


# ---------------------------------------------------------------- E3: the environment
def test_which_variables_the_kiosk_will_not_run_with():
    env = {"TEXTUAL": "devtools", "TEXTUAL_SCREENSHOT": "1", "TEXTUAL_DRIVER": "x:y", "TEXTUAL_PRESS": "ctrl+q",
           "PYTHONINSPECT": "1", "PYTHONSTARTUP": "/tmp/x.py", "PYTHONBREAKPOINT": "os.system", "PYTHONPATH": "/tmp",
           "PYTHONHOME": "/usr", "PYTHONUTF8": "1", "PYTHONIOENCODING": "utf-8", "HOME": "/home/k", "TERM": "linux", "LANG": "C.UTF-8"}
    assert unsafe(env) == ["PYTHONBREAKPOINT", "PYTHONINSPECT", "PYTHONPATH", "PYTHONSTARTUP", "TEXTUAL", "TEXTUAL_DRIVER",
                           "TEXTUAL_PRESS", "TEXTUAL_SCREENSHOT"]
    assert KEEP == {"PYTHONHOME", "PYTHONUTF8", "PYTHONIOENCODING"}


def _kiosk_in_a_terminal(env: dict[str, str]) -> tuple[int, int]:
    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of 80x24, as a kiosk's screen
        os.execve(str(MEDGUIDE), [str(MEDGUIDE), "kiosk"], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, fd


def _read(fd: int, seconds: float) -> bytes:
    out = b""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    return out


def test_e3_textual_screenshot_press_and_python_inspect_do_nothing_at_the_kiosk(tmp_path: Path):
    config = tmp_path / "config.toml"
    config.write_text(f'[kiosk]\npin = "{PIN_HASH}"\n', encoding="utf-8")
    shots = tmp_path / "shots"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path), "TERM": "xterm-256color", "LANG": "C.UTF-8",
        "MEDGUIDE_CONFIG": str(config), "XDG_DATA_HOME": str(tmp_path / "data"),
        "TEXTUAL_SCREENSHOT": "1", "TEXTUAL_SCREENSHOT_LOCATION": str(shots), "TEXTUAL_SCREENSHOT_FILENAME": "parent.svg",
        "TEXTUAL_PRESS": "ctrl+q", "TEXTUAL": "devtools,debug", "TEXTUAL_DRIVER": "os:system", "PYTHONINSPECT": "1",
        "PYTHONSTARTUP": str(tmp_path / "startup.py"),
    }
    (tmp_path / "startup.py").write_text("open('STARTUP-RAN', 'w')\n", encoding="utf-8")
    pid, fd = _kiosk_in_a_terminal(env)
    try:
        screen = _read(fd, 6.0)  # a screenshot would be taken after 1 s, and the app would quit
        assert b"English" in screen and b"Espa" in screen  # the language screen is up
        assert os.waitpid(pid, os.WNOHANG) == (0, 0)  # still running: TEXTUAL_SCREENSHOT did not end it
        assert not shots.exists() and not list(tmp_path.rglob("*.svg"))
        os.write(fd, b"\x11")  # ctrl+q: the PIN prompt
        _read(fd, 1.5)
        os.write(fd, PIN.encode() + b"\r")
        after = _read(fd, 5.0)
        _, status = os.waitpid(pid, 0)
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(fd)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0  # closed by the PIN, and only by it
    assert b">>>" not in after  # no Python prompt after the kiosk (PYTHONINSPECT)
    assert not (tmp_path / "STARTUP-RAN").exists()


# ---------------------------------------------------------------- a crash comes back
def test_a_crashed_kiosk_comes_back_on_the_language_screen(tmp_path: Path, capsys):
    from medguide.bot.faces.app.app import MedguideApp
    from medguide.bot.faces.app.modes import KioskMode

    import medguide.bot.faces.app.app as app_module

    seen: list[str] = []
    css = str(Path(app_module.__file__).with_name("app.tcss"))  # subclasses here would look beside this file

    class CrashingKiosk(MedguideApp):
        """The first kiosk: a parent answers a question, then something inside breaks."""

        CSS_PATH = css

        def on_mount(self) -> None:
            super().on_mount()
            self.set_timer(0.3, self.crash)

        def crash(self) -> None:
            self.engine.answer("UT")
            seen.append(f"crash with {len(self.engine.trail)} answer")
            raise RuntimeError("an internal error")

    class WatchedKiosk(MedguideApp):
        """The kiosk started again: note the first screen, then staff close it."""

        CSS_PATH = css

        def on_mount(self) -> None:
            super().on_mount()
            self.set_timer(0.3, self.look)

        def look(self) -> None:
            seen.append(f"{type(self.screen).__name__} with {len(self.engine.trail)} answers")
            self.exit()

    kinds = iter([CrashingKiosk, WatchedKiosk])
    settings = make_app("kiosk", tmp=tmp_path).config

    def make():
        return next(kinds)("kiosk", None, config=settings)

    original = App.run
    code = KioskMode.run(lambda: _headless(make(), original))
    assert code == 0
    assert seen == ["crash with 1 answer", "LanguageScreen with 0 answers"]
    err = capsys.readouterr().err
    assert "internal error. Please tell the staff." in err and "Traceback" not in err


def _headless(app, run):
    app.run = lambda: run(app, headless=True, size=(80, 24))  # the real App.run, without a terminal
    return app
