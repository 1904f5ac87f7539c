"""The Textual app: one engine shown three ways.

- ``parent`` (``medguide``): a parent on their own computer; can save the summary.
- ``kiosk`` (``medguide kiosk``): a shared screen in a court or library. No way out but
  the staff PIN; the session is wiped after an idle countdown; nothing typed is written
  anywhere.
- ``desk`` (``medguide desk``): help-desk staff drive the interview during a call; a side
  panel shows the question in English, the answers, the working and the law; every change
  is saved to SQLite at once.

What differs between them is one object each (``app.mode``, see ``modes/``); the app
itself never checks which mode it is in. The app only shows the engine: screens call the
engine, widgets post messages.
"""

from __future__ import annotations

import time
from datetime import date
from typing import TYPE_CHECKING, Callable, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.theme import Theme

from medguide.bot.faces.app.config import Config, load as load_config
from medguide.bot.faces.app.loading import Background
from medguide.bot.faces.app.modes import Mode, ModeName, mode_class
from medguide.bot.faces.app.textual_compat import CrashReport
from medguide.bot.words.languages import DEFAULT, LANGUAGES

if TYPE_CHECKING:
    from rich.console import RenderableType

    from medguide.flows.model import Flow

    from medguide.bot.faces.app.store import Store
    from medguide.bot.guide.engine import Engine
    from medguide.bot.guide.first_question import FirstQuestion
    from medguide.bot.words.i18n import Lang

HIGH_CONTRAST = Theme(
    name="medguide-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#FFFFFF",
    error="#FF6E6E",
    warning="#FFB000",
    success="#00FF00",
    dark=True,
    text_alpha=1.0,
    variables={
        "text": "#FFFFFF",
        "text-muted": "#FFFFFF",
        "text-primary": "#FFFF00",
        "text-accent": "#FFFF00",
        "text-error": "#FF6E6E",
        "text-warning": "#FFB000",
        "text-success": "#00FF00",
        "foreground-muted": "#FFFFFF",
        "footer-foreground": "#FFFFFF",
        "footer-background": "#000000",
        "footer-key-foreground": "#FFFF00",
        "button-foreground": "#FFFFFF",
        "button-color-foreground": "#000000",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFFF00",
        "block-cursor-blurred-foreground": "#000000",
        "block-cursor-blurred-background": "#FFFFFF",
        "border": "#FFFF00",
        "border-blurred": "#FFFFFF",
        "input-selection-background": "#FFFF00",
        "input-selection-foreground": "#000000",
        "link-background-hover": "#FFFF00",
        "link-color-hover": "#000000",
        "scrollbar": "#FFFFFF",
        "scrollbar-background": "#000000",
    },
)
"""Black, white and yellow: text on its background is 15:1 or more (WCAG AA asks for 4.5:1)."""

NORMAL_THEME = "textual-dark"


class MedguideApp(CrashReport, App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "medguide"
    ENABLE_COMMAND_PALETTE = False
    LOAD_IN_BACKGROUND: ClassVar[bool] = True
    """Make the engine in a thread once the first screen is up (tests turn it off to see what that screen needs)."""
    LOAD_AFTER: ClassVar[float] = 0.1
    """Seconds between the first screen drawn and the start of the load: the thread holds the interpreter for
    long stretches, and Textual's writer thread has yet to send the frame to the terminal (measured: the
    first screen reached the terminal 40-80 ms later when the load started at once). A first answer given
    sooner than the load ends simply waits for it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("ctrl+c", "help_quit", show=False, system=True),
        Binding("f12", "staff", show=False),
        Binding("f9", "sessions", show=False),
        Binding("f6", "panel", show=False),
    ]

    def __init__(
        self,
        mode: ModeName = "parent",
        language: str | None = None,
        *,
        config: Config | None = None,
        clock: Callable[[], float] = time.monotonic,
        today: Callable[[], date] | None = None,
        store: Store | None = None,
        flow: Flow | None = None,
    ) -> None:
        kind = mode_class(mode)
        kind.prepare_environment()
        super().__init__()
        if language is not None and language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        self.language = language
        """The language given on the command line (None: ask on the first screen)."""
        self.config = config or load_config()
        self.clock = clock
        self.today = today
        self.flow = flow
        self._engine: Engine | None = None
        self._loader: Background[Engine] = Background(self._make_engine, self._engine_failed)
        self.copied = ""
        """The app's own clipboard (what Ctrl+V pastes)."""
        self.register_theme(HIGH_CONTRAST)
        self.theme = NORMAL_THEME
        self.mode: Mode = kind(self, store=store)

    # ------------------------------------------------------------ start
    def on_mount(self) -> None:
        self.push_screen(self.mode.first_screen())
        self.mode.on_mount()

    def first_screen_drawn(self) -> None:
        """Called by every full screen once it is drawn: the first time, the engine starts loading."""
        if self.LOAD_IN_BACKGROUND and not self._loader.started:
            if self.LOAD_AFTER:
                self.set_timer(self.LOAD_AFTER, self._loader.start, name="load the engine")
            else:
                self._loader.start()

    # ------------------------------------------------------------ the engine, loaded while the first screen is read
    @property
    def engine(self) -> Engine:
        """The session's engine; the first use waits for it if it is still loading (see ``loading.py``)."""
        if self._engine is None:
            self._engine = self._loader.result()
        return self._engine

    @engine.setter
    def engine(self, engine: Engine) -> None:
        self._engine = engine

    @property
    def engine_ready(self) -> bool:
        """Whether :attr:`engine` is there without waiting."""
        return self._engine is not None or self._loader.done

    def _make_engine(self) -> Engine:
        from medguide.bot.guide.engine import Engine

        return Engine(self.language or DEFAULT, self.flow, self.today)

    def _engine_failed(self) -> None:
        """In the loading thread: raise its error on the app's loop, as any internal error (it ends the app)."""
        try:
            self.call_from_thread(self.call_next, lambda: self.engine)
        except RuntimeError:
            pass  # the app has ended already

    def first_question(self) -> FirstQuestion | None:
        """The first question to show while the engine loads (None once it has loaded, or when only it can ask)."""
        if self.engine_ready or self.flow is not None:
            return None
        from medguide.bot.faces.app.config import cache_dir
        from medguide.bot.guide.first_question import first_question

        return first_question(self.language or DEFAULT, cache=cache_dir())

    @property
    def lang(self) -> Lang:
        """The session's language: the engine's, or the one the app started in while the engine loads."""
        if self.engine_ready:
            return self.engine.lang
        from medguide.bot.words.i18n import lang

        return lang(self.language or DEFAULT)

    @property
    def ui_lang(self) -> Lang:
        """The language of the app's own words: the caller's at home and at the kiosk, English for desk staff."""
        return self.mode.ui_lang

    @property
    def can_save(self) -> bool:
        """Whether the summary can be saved (the kiosk writes nothing to disk)."""
        return self.mode.can_save

    @property
    def store(self) -> Store | None:
        """The desk's sessions (None in the other modes)."""
        return self.mode.store

    @property
    def session(self) -> str | None:
        """The desk session being worked on (None in the other modes, and on the desk's list)."""
        return self.mode.session

    def new_engine(self, language: str | None) -> None:
        """Drop the session: a new engine with no answers."""
        from medguide.bot.guide.engine import Engine

        self.engine = Engine(language or DEFAULT, self.flow, self.today)

    def interview_screen(self):
        if self.engine_ready and self.engine.finished:  # an engine still loading has no answers yet
            from medguide.bot.faces.app.screens.results import ResultsScreen  # the explainers load with the first results

            return ResultsScreen()
        from medguide.bot.faces.app.screens.question import QuestionScreen

        return QuestionScreen()

    def start_interview(self, code: str) -> None:
        """From the language screen: the interview in ``code``."""
        self.engine.set_language(code)
        self.switch_screen(self.interview_screen())

    def show_current(self) -> None:
        """Put the question or the results screen in place, whichever the engine is at."""
        from medguide.bot.faces.app.screens.question import QuestionScreen

        if self.engine.finished:
            from medguide.bot.faces.app.screens.results import ResultsScreen

            want: type = ResultsScreen
        else:
            want = QuestionScreen
        if isinstance(self.screen, want):
            self.screen.show()  # type: ignore[attr-defined]
        elif isinstance(self.screen, QuestionScreen) or type(self.screen).__name__ == "ResultsScreen":
            self.switch_screen(want())
        else:
            self.push_screen(want())

    def open_review(self) -> None:
        from medguide.bot.faces.app.screens.review import ReviewScreen

        def back(edited: str | None) -> None:
            self.show_current()

        self.push_screen(ReviewScreen(), back)  # type: ignore[arg-type]

    def changed(self) -> None:
        """The engine moved (an answer, Back, an edit, a language): the desk saves at once."""
        self.mode.changed()

    def ask_restart(self) -> None:
        from medguide.bot.faces.app.screens.confirm import Confirm

        _ = self.ui_lang._
        question, yes = self.mode.restart_words(_)

        def answer(yes_: bool | None) -> None:
            if yes_:
                self.mode.restart()

        self.push_screen(Confirm(question, yes, _("Keep my answers")), answer)

    # ------------------------------------------------------------ keys shown everywhere
    def common_hints(self, *, language: bool = True) -> list[tuple[str, str, str]]:
        _ = self.ui_lang._
        hints = [("F2", _("Language"), "app.language")] if language else []
        hints += [("F7", _("Contrast"), "app.contrast"), ("F8", _("Larger"), "app.larger")]
        return hints + self.mode.hints(_)

    # ------------------------------------------------------------ language and look
    def action_language(self) -> None:
        from medguide.bot.faces.app.screens.language import LanguagePicker, LanguageScreen

        if isinstance(self.screen, LanguageScreen) or isinstance(self.screen, LanguagePicker):
            return

        def chosen(code: str | None) -> None:
            if code:
                self.set_language(code)

        self.push_screen(LanguagePicker(self.engine.lang.code), chosen)

    def set_language(self, code: str) -> None:
        """Switch at any moment: the answers are values, so only the words change."""
        self.engine.set_language(code)
        self.changed()
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_language", None)
            if refresh is not None:
                refresh()
            elif hasattr(screen, "relabel"):
                screen.relabel()

    def action_contrast(self) -> None:
        self.set_contrast(self.theme != HIGH_CONTRAST.name)

    def set_contrast(self, on: bool) -> None:
        self.theme = HIGH_CONTRAST.name if on else NORMAL_THEME
        self.set_class(on, "-contrast")

    def action_larger(self) -> None:
        self.set_class(not self.has_class("-large"), "-large")

    def action_panel(self) -> None:
        self.mode.toggle_panel()

    def action_sessions(self) -> None:
        self.mode.sessions()

    # ------------------------------------------------------------ leaving
    async def action_quit(self) -> None:
        await self.mode.quit()

    def action_help_quit(self) -> None:
        if self.mode.quit_hint:  # at the kiosk ctrl+c is not a way out and says nothing
            super().action_help_quit()

    def action_staff(self) -> None:
        self.mode.staff()

    def crash_report(self) -> list[RenderableType]:
        return self.mode.crash_report()

    # ------------------------------------------------------------ the clipboard
    @property
    def clipboard(self) -> str:
        """What Ctrl+V pastes: only text copied in this app (the kiosk forgets it with the session)."""
        return self.copied

    def copy_to_clipboard(self, text: str) -> None:
        """Every copy (an Input's Ctrl+C, a screen selection) comes here; only some modes pass it to the terminal."""
        self.copied = text
        if self.mode.terminal_clipboard:
            super().copy_to_clipboard(text)  # also the terminal's clipboard (OSC 52)

    # ------------------------------------------------------------ the mode's clock
    async def on_event(self, event: events.Event) -> None:
        self.mode.activity(event)
        await super().on_event(event)

    def tick_idle(self) -> None:
        """Called every second where the mode keeps a clock (tests call it after moving a fake clock)."""
        self.mode.tick()

    def panel_view(self):
        """What the side panel shows now (None where the mode has none)."""
        return self.mode.panel_view()


def run_app(mode: ModeName = "parent", language: str | None = None, config: Config | None = None,
            today: Callable[[], date] | None = None) -> int:
    """Run the app in the terminal; returns the exit code (the kiosk starts again after an internal error)."""
    kind = mode_class(mode)
    kind.prepare_environment()
    return kind.run(lambda: MedguideApp(mode, language, config=config, today=today))
