"""The Textual app: one engine shown three ways.

- ``parent`` (``medguide``): a parent on their own computer; can save the summary.
- ``kiosk`` (``medguide kiosk``): a shared screen in a court or library. No way out but
  the staff PIN; the session is wiped after an idle countdown; nothing typed is written
  anywhere.
- ``desk`` (``medguide desk``): help-desk staff drive the interview during a call; a side
  panel shows the question in English, the answers, the working and the law; every change
  is saved to SQLite at once.

The app only shows the engine: screens call the engine, widgets post messages.
"""

from __future__ import annotations

import os
import time
from datetime import date
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Literal

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.theme import Theme

from medguide.flows.model import Flow

from medguide.bot.faces.app.config import Config, check_pin, load as load_config
from medguide.bot.guide.engine import Engine
from medguide.bot.words.i18n import DEFAULT, LANGUAGES, Lang, lang
from medguide.bot.faces.app.idle import IdleWatch
from medguide.bot.faces.app.widgets import PanelView, Section

if TYPE_CHECKING:
    from medguide.bot.faces.app.store import Store

Mode = Literal["parent", "kiosk", "desk"]

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


class MedguideApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "medguide"
    ENABLE_COMMAND_PALETTE = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("ctrl+c", "help_quit", show=False, system=True),
        Binding("f12", "staff", show=False),
        Binding("f9", "sessions", show=False),
        Binding("f6", "panel", show=False),
    ]

    def __init__(
        self,
        mode: Mode = "parent",
        language: str | None = None,
        *,
        config: Config | None = None,
        clock: Callable[[], float] = time.monotonic,
        today: Callable[[], date] | None = None,
        store: Store | None = None,
        flow: Flow | None = None,
    ) -> None:
        if mode == "kiosk":
            os.environ.pop("TEXTUAL", None)  # no devtools and no debug features at a kiosk (read by App.__init__)
        super().__init__()
        if mode not in ("parent", "kiosk", "desk"):
            raise ValueError(f"unknown mode {mode!r}")
        if language is not None and language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        self.mode: Mode = mode
        self.language = language
        """The language given on the command line (None: ask on the first screen)."""
        self.config = config or load_config()
        self.clock = clock
        self.today = today
        self.flow = flow
        self.engine = Engine(language or DEFAULT, flow, today)
        self.store: Store | None = store
        self.session: str | None = None
        """The desk session being worked on (its row id in the store)."""
        self.idle: IdleWatch | None = None
        self._countdown: Any = None
        self.register_theme(HIGH_CONTRAST)
        self.theme = NORMAL_THEME
        if mode == "desk" and self.store is None:
            from medguide.bot.faces.app.store import Store  # sqlite3 only where it is used

            self.store = Store(self.config.desk.database)
        if mode == "kiosk":
            self.idle = IdleWatch(clock, self.config.kiosk.idle_seconds, self.config.kiosk.countdown_seconds)

    # ------------------------------------------------------------ start
    def on_mount(self) -> None:
        if self.mode == "desk":
            from medguide.bot.faces.app.screens.desk import SessionsScreen

            self.push_screen(SessionsScreen())
        elif self.language is None:
            from medguide.bot.faces.app.screens.language import LanguageScreen

            self.push_screen(LanguageScreen())
        else:
            self.push_screen(self._interview_screen())
        if self.idle is not None:
            self.set_interval(1.0, self.tick_idle, name="idle")

    @property
    def ui_lang(self) -> Lang:
        """The language of the app's own words: the caller's at home and at the kiosk, English for desk staff."""
        return lang("en") if self.mode == "desk" else self.engine.lang

    @property
    def can_save(self) -> bool:
        """Kiosk mode writes nothing to disk."""
        return self.mode != "kiosk"

    def _interview_screen(self):
        if self.engine.finished:
            from medguide.bot.faces.app.screens.results import ResultsScreen  # the explainers load with the first results

            return ResultsScreen()
        from medguide.bot.faces.app.screens.question import QuestionScreen

        return QuestionScreen()

    def start_interview(self, code: str) -> None:
        """From the language screen: the interview in ``code``."""
        self.engine.set_language(code)
        self.switch_screen(self._interview_screen())

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
        if self.mode == "desk" and self.store is not None and self.session is not None:
            self.store.save(self.session, self.engine.save())

    def ask_restart(self) -> None:
        from medguide.bot.faces.app.screens.confirm import Confirm

        _ = self.ui_lang._
        if self.mode == "kiosk":
            question, yes = _("Clear all your answers and finish?"), _("Clear my answers")
        else:
            question, yes = _("Start over? Your answers will be cleared."), _("Start over")

        def answer(yes_: bool | None) -> None:
            if not yes_:
                return
            if self.mode == "kiosk":
                self.call_later(self.wipe)
            else:
                self.engine.restart()
                self.changed()
                self.show_current()

        self.push_screen(Confirm(question, yes, _("Keep my answers")), answer)

    # ------------------------------------------------------------ keys shown everywhere
    def common_hints(self, *, language: bool = True) -> list[tuple[str, str, str]]:
        _ = self.ui_lang._
        hints = [("F2", _("Language"), "app.language")] if language else []
        hints += [("F7", _("Contrast"), "app.contrast"), ("F8", _("Larger"), "app.larger")]
        if self.mode == "desk":
            hints += [("F6", _("Panel"), "app.panel"), ("F9", _("Sessions"), "app.sessions")]
        if self.mode != "kiosk":
            hints.append(("^q", _("Quit"), "app.quit"))
        return hints

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
        if self.mode != "desk":
            return
        for panel in self.screen.query("#panel"):
            panel.display = not panel.display

    # ------------------------------------------------------------ leaving
    async def action_quit(self) -> None:
        if self.mode == "kiosk":
            self.action_staff()
            return
        await super().action_quit()

    def action_help_quit(self) -> None:
        if self.mode == "kiosk":
            return  # ctrl+c is not a way out of the kiosk
        super().action_help_quit()

    def action_staff(self) -> None:
        """Kiosk: the staff PIN closes the app."""
        if self.mode != "kiosk":
            return
        from medguide.bot.faces.app.screens.kiosk import PinPrompt

        if isinstance(self.screen, PinPrompt):
            return
        pin = self.config.kiosk.pin

        def done(ok: bool | None) -> None:
            if ok:
                self.exit()

        self.push_screen(PinPrompt(self.engine.lang, lambda typed: check_pin(typed, pin), pin is not None), done)

    def _fatal_error(self) -> None:
        """Kiosk: a crash shows no traceback; Textual's own lists local variables, which may hold a parent's answers."""
        if self.mode != "kiosk":
            super()._fatal_error()
            return
        self.bell()
        self._exit_renderables.append("medguide stopped because of an internal error. Please tell the staff.")
        self._close_messages_no_wait()

    # ------------------------------------------------------------ kiosk: idle and wipe
    async def on_event(self, event: events.Event) -> None:
        if self.idle is not None and isinstance(event, (events.Key, events.MouseDown, events.MouseMove, events.MouseScrollDown, events.MouseScrollUp, events.Paste)):
            self.idle.touch()
        await super().on_event(event)

    def has_session(self) -> bool:
        """Anything to wipe: an answer, a draft, or any screen past the language screen."""
        from medguide.bot.faces.app.screens.language import LanguageScreen

        e = self.engine
        on_language = len(self.screen_stack) <= 2 and isinstance(self.screen_stack[-1], LanguageScreen)
        return bool(e.answers or e.trail or e.draft) or not on_language

    def tick_idle(self) -> None:
        """Called every second in kiosk mode (tests call it after moving the fake clock)."""
        from medguide.bot.faces.app.screens.kiosk import IdleCountdown

        if self.idle is None:
            return
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
                self._countdown = IdleCountdown(self.engine.lang, left or 0)
                self.push_screen(self._countdown, self._countdown_closed)
            else:
                countdown.count(left or 0)
            return
        # expired
        if countdown is not None:
            countdown.dismiss(True)
        else:
            self.call_later(self.wipe)

    def _countdown_closed(self, wipe: bool | None) -> None:
        self._countdown = None
        if wipe:
            self.call_later(self.wipe)
        elif self.idle is not None:
            self.idle.touch()

    async def wipe(self) -> None:
        """Kiosk: forget the session (a new engine, every screen and widget dropped) and start again."""
        from medguide.bot.faces.app.screens.language import LanguageScreen

        self.engine = Engine(self.language or DEFAULT, self.flow, self.today)
        self._countdown = None
        self.clear_notifications()
        self.set_contrast(False)
        self.remove_class("-large")
        while len(self.screen_stack) > 2:
            self.pop_screen()
        await self.switch_screen(LanguageScreen())
        if self.idle is not None:
            self.idle.touch()

    # ------------------------------------------------------------ desk
    def new_session(self, label: str, code: str) -> None:
        assert self.store is not None
        self.engine = Engine(code, self.flow, self.today)
        self.session = self.store.new(self.engine.save(), label)
        self.push_screen(self._interview_screen())

    def open_session(self, session: str) -> None:
        assert self.store is not None
        try:
            engine = Engine.restore(self.store.load(session), self.flow, self.today)
        except (KeyError, ValueError, TypeError, AttributeError):  # unreadable, or from another version
            self.notify(self.ui_lang._("This session cannot be opened. It may be from an older version."),
                        severity="error", markup=False)
            return
        self.engine = engine
        self.session = session
        self.push_screen(self._interview_screen())

    def action_sessions(self) -> None:
        from medguide.bot.faces.app.screens.desk import SessionsScreen

        if self.mode != "desk":
            return
        self.changed()
        while len(self.screen_stack) > 2 and not isinstance(self.screen, SessionsScreen):
            self.pop_screen()
        self.session = None
        self.engine = Engine(DEFAULT, self.flow, self.today)

    def desk_panel(self) -> PanelView:
        """The side panel, in English: the question, the answers so far, the working and the law."""
        from medguide.bot.guide.explain import explain_session

        en = lang("en")
        _ = en._
        e = self.engine
        sections = []
        label = self.store.label(self.session) if self.store and self.session else ""
        caller = _("Caller: {label} · hears {language}").format(label=label or "—", language=e.lang.name)
        q = e.current
        if q is not None:
            lines = [e.ask(q, en)]
            if q.help:
                lines.append(e.help(q, en) or "")
            if q.type == "choice":
                lines += [f"{i}. {en.p_(f'choice:{q.id}', c.label)}" for i, c in enumerate(q.choices, start=1)]
            elif q.type == "yesno":
                lines += [f"1. {_('Yes')}", f"2. {_('No')}"]
            if q.unknown:
                lines.append(_("\"I don't know\" is allowed (F5)."))
            sections.append(Section(_("Question in English"), (caller, *lines), "question"))
        answers = [f"{number}. {row.ask} → {row.answer}" for number, row in enumerate(e.review(en), start=1)]
        working: list[str] = []
        law: list[str] = []
        try:
            found = [x for x in explain_session(e, en)  # mid-call, "not yet" is noise
                     if e.finished or not x.headline.key.endswith(".unworkable")]
        except Exception:  # a partial path the rules cannot read yet: show nothing rather than fail the call
            found = []
        for x in found:
            working.append(x.headline)
            working += [f"  {line}" for line in x.why]
            law += [f"{x.rule}: {'; '.join(x.law)}"] if x.law else []
        sections.append(Section(_("The rules' working"), tuple(working) or (_("Nothing to work out yet."),), "working"))
        if law:
            sections.append(Section(_("The law"), tuple(law), "law"))
        sections.append(Section(_("Answers so far"), tuple(answers) or (_("No answers yet."),), "answers"))
        return PanelView(tuple(sections))


def run_app(mode: Mode = "parent", language: str | None = None, config: Config | None = None,
            today: Callable[[], date] | None = None) -> int:
    """Run the app in the terminal; returns the exit code."""
    if mode == "kiosk":
        for name in ("TEXTUAL_LOG", "TEXTUAL", "TEXTUAL_ALLOW_SIGNALS", "TEXTUAL_DEBUG"):
            os.environ.pop(name, None)  # no devtools, no log file, ctrl+c stays a key
    app = MedguideApp(mode, language, config=config, today=today)
    app.run()
    return app.return_code or 0
