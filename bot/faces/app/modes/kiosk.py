"""The kiosk's mode: a shared screen. No way out but the staff PIN, an idle countdown then a wipe, nothing written."""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING, Any, Callable, ClassVar

from textual import events

from medguide.bot.faces.app.idle import IdleWatch
from medguide.bot.faces.app.modes.base import ACTIVITY, Hint, Mode, ModeName

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.app import App

    from medguide.bot.faces.app.app import MedguideApp
    from medguide.bot.faces.app.store import Store


class KioskMode(Mode):
    """``medguide kiosk``."""

    name: ClassVar[ModeName] = "kiosk"
    can_save: ClassVar[bool] = False
    phone_code: ClassVar[bool] = True
    quit_hint: ClassVar[bool] = False
    terminal_clipboard: ClassVar[bool] = False
    restart_pause: ClassVar[float] = 5.0
    """After many crashes in a row, the pause before the next start (so a broken install does not spin)."""

    def __init__(self, app: MedguideApp, *, store: Store | None = None) -> None:
        super().__init__(app)
        kiosk = app.config.kiosk
        self.idle = IdleWatch(app.clock, kiosk.idle_seconds, kiosk.countdown_seconds)
        self._countdown: Any = None
        from medguide.bot.faces.app.config import data_dir
        from medguide.bot.faces.app.pin import PinGuard

        self.pin_guard = PinGuard(data_dir() / "kiosk-pin-attempts.json")
        """Wrong PINs, counted across restarts (no parent data in it)."""

    @classmethod
    def prepare_environment(cls) -> None:
        for name in ("TEXTUAL_LOG", "TEXTUAL", "TEXTUAL_ALLOW_SIGNALS", "TEXTUAL_DEBUG"):
            os.environ.pop(name, None)  # no devtools, no debug features (read by App.__init__), no log file, ctrl+c stays a key

    def on_mount(self) -> None:
        self.app.set_interval(1.0, self.app.tick_idle, name="idle")

    # ------------------------------------------------------------ words
    def hints(self, _: Callable[[str], str]) -> list[Hint]:
        return []

    def restart_words(self, _: Callable[[str], str]) -> tuple[str, str]:
        return _("Clear all your answers and finish?"), _("Clear my answers")

    def restart_label(self, _: Callable[[str], str]) -> str:
        return _("Finish and clear my answers")

    def takeaway_label(self, _: Callable[[str], str]) -> str:
        return _("Print or keep it")

    def print_failed(self, detail: str) -> None:
        """The parent reads that it did not print; the details go to the journal for staff, never on the screen."""
        import sys

        print(f"medguide kiosk: print failed: {detail}", file=sys.stderr)
        self.app.notify(self.ui_lang._("The printer did not take the pages. Please ask staff for help."),
                        severity="error", timeout=10, markup=False)

    # ------------------------------------------------------------ leaving: only with the PIN
    def restart(self) -> None:
        self.app.call_later(self.wipe)

    async def quit(self) -> None:
        self.staff()

    def staff(self) -> None:
        """The staff PIN closes the app."""
        from medguide.bot.faces.app.config import check_pin
        from medguide.bot.faces.app.screens.kiosk import PinPrompt

        app = self.app
        if isinstance(app.screen, PinPrompt):
            return
        pin = app.config.kiosk.pin

        def done(ok: bool | None) -> None:
            if ok:
                app.exit()

        app.push_screen(PinPrompt(app.engine.lang, lambda typed: check_pin(typed, pin), pin is not None, self.pin_guard), done)

    def crash_report(self) -> list[RenderableType]:
        """No traceback: Textual's lists local variables, which may hold a parent's answers."""
        return ["medguide stopped because of an internal error. Please tell the staff."]

    @classmethod
    def run(cls, make_app: Callable[[], App[None]]) -> int:
        """Run the kiosk; after an internal error start a new one (on the language screen, nothing kept).

        Only the staff PIN ends this (exit code 0). A service manager (the README's systemd unit,
        ``Restart=always``) starts it again even then, so the screen never shows a shell.
        """
        crashes: list[float] = []
        while True:
            app = make_app()
            app.run()
            if not app.return_code:
                return 0
            now = time.monotonic()
            crashes = [t for t in crashes if now - t < 60] + [now]
            if len(crashes) >= 5:  # five in a minute: something is broken; pause instead of spinning
                time.sleep(cls.restart_pause)

    # ------------------------------------------------------------ idle and wipe
    def activity(self, event: events.Event) -> None:
        if isinstance(event, ACTIVITY):
            self.idle.touch()

    def has_session(self) -> bool:
        """Anything to wipe: an answer, a draft, or any screen past the language screen."""
        from medguide.bot.faces.app.screens.language import LanguageScreen

        app = self.app
        e = app.engine
        on_language = len(app.screen_stack) <= 2 and isinstance(app.screen_stack[-1], LanguageScreen)
        return bool(e.answers or e.trail or e.draft) or not on_language

    def tick(self) -> None:
        from medguide.bot.faces.app.screens.kiosk import IdleCountdown

        app = self.app
        phase, left = self.idle.phase()
        countdown = self._countdown
        if phase == "active":
            if countdown is not None and countdown.is_active:
                countdown.dismiss(False)
            return
        if not self.has_session():
            self.idle.touch()
            return
        if phase == "countdown":
            if countdown is None:
                self._countdown = IdleCountdown(app.engine.lang, left or 0)
                app.push_screen(self._countdown, self._countdown_closed)
            else:
                countdown.count(left or 0)
            return
        # expired
        if countdown is not None:
            countdown.dismiss(True)
        else:
            app.call_later(self.wipe)

    def _countdown_closed(self, wipe: bool | None) -> None:
        self._countdown = None
        if wipe:
            self.app.call_later(self.wipe)
        else:
            self.idle.touch()

    async def wipe(self) -> None:
        """Forget the session (a new engine, every screen and widget dropped) and start again."""
        from medguide.bot.faces.app.screens.language import LanguageScreen

        app = self.app
        app.new_engine(app.language)
        app.copied = ""  # what the last parent copied is not the next one's to paste
        self._countdown = None
        app.clear_notifications()
        app.set_contrast(False)
        app.remove_class("-large")
        while len(app.screen_stack) > 2:
            app.pop_screen()
        await app.switch_screen(LanguageScreen())
        self.idle.touch()
