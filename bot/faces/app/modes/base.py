"""The mode protocol, and the parent's mode (the plainest: everything on, nothing saved but the summary)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, ClassVar, Literal

from textual import events

from medguide.bot.guide.typist import Typist

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.app import App
    from textual.screen import Screen

    from medguide.bot.faces.app.app import MedguideApp
    from medguide.bot.faces.app.store import Store
    from medguide.bot.faces.app.widgets import PanelView
    from medguide.bot.words.i18n import Lang

ModeName = Literal["parent", "kiosk", "desk"]
Hint = tuple[str, str, str]
"""A footer key: (key shown, label, action)."""

ACTIVITY = (events.Key, events.MouseDown, events.MouseMove, events.MouseScrollDown, events.MouseScrollUp, events.Paste)
"""The events that mean a person is there (the kiosk's idle clock starts again)."""


class Mode:
    """What differs between the app's three uses. Subclasses set the class attributes and override the hooks.

    A mode is made by the app (``MedguideApp(mode="desk")``) once its engine exists, and holds what
    only that mode has: the kiosk its idle clock, the desk its store and session.
    """

    name: ClassVar[ModeName]
    can_save: ClassVar[bool] = True
    """Whether "Save the summary" is offered (the kiosk writes nothing anywhere)."""
    can_print: ClassVar[bool] = True
    """Whether Print is offered (a PDF piped to ``[print] command``; every mode prints)."""
    phone_code: ClassVar[bool] = False
    """Whether the results offer a QR code for a phone (the kiosk: the way to keep it without a file)."""
    side_panel: ClassVar[bool] = False
    """Whether the question and results screens show the English side panel."""
    quit_hint: ClassVar[bool] = True
    """Whether Ctrl+C tells how to quit (Textual's hint) and the footer lists ^q Quit."""
    terminal_clipboard: ClassVar[bool] = True
    """Whether a copy also goes to the terminal's clipboard (OSC 52), where it outlives the app."""
    typist: ClassVar[Typist | None] = None
    """Who types the answers when it is not the person the session speaks to (desk staff: US conventions)."""

    store: Store | None = None
    """The desk's sessions (only the desk has a store)."""
    session: str | None = None
    """The desk session being worked on."""

    def __init__(self, app: MedguideApp, *, store: Store | None = None) -> None:
        self.app = app

    @classmethod
    def prepare_environment(cls) -> None:
        """Called before Textual's ``App.__init__`` reads the environment."""

    @classmethod
    def run(cls, make_app: Callable[[], App[None]]) -> int:
        """Run the app in the terminal until it exits; returns the exit code."""
        app = make_app()
        app.run()
        return app.return_code or 0

    # ------------------------------------------------------------ start
    def first_screen(self) -> Screen:
        """The language screen, or the interview when the language was given."""
        app = self.app
        if app.language is None:
            from medguide.bot.faces.app.screens.language import LanguageScreen

            return LanguageScreen()
        return app.interview_screen()

    def on_mount(self) -> None:
        """Once the app runs (timers start here)."""

    @property
    def ui_lang(self) -> Lang:
        """The language of the app's own words: the person's own language."""
        return self.app.lang

    # ------------------------------------------------------------ words that differ
    def hints(self, _: Callable[[str], str]) -> list[Hint]:
        """Keys this mode adds to the footer after F7 and F8."""
        return [("^q", _("Quit"), "app.quit")] if self.quit_hint else []

    def restart_words(self, _: Callable[[str], str]) -> tuple[str, str]:
        """The restart question and its yes button."""
        return _("Start over? Your answers will be cleared."), _("Start over")

    def restart_label(self, _: Callable[[str], str]) -> str:
        """The results screen's restart button."""
        return _("Start over")

    def takeaway_label(self, _: Callable[[str], str]) -> str:
        """The results screen's button for printing, saving, the phone code."""
        return _("Print or save")

    def print_failed(self, detail: str) -> None:
        """The printer command failed: say so (``detail`` names the command and its error, for whoever runs it)."""
        _ = self.ui_lang._
        self.app.notify(_("The printer did not take the pages: {detail}").format(detail=detail), severity="error",
                        timeout=10, markup=False)

    # ------------------------------------------------------------ what happens
    def restart(self) -> None:
        """The person confirmed "start over"."""
        app = self.app
        app.engine.restart()
        app.changed()
        app.show_current()

    def changed(self) -> None:
        """The engine moved (an answer, Back, an edit, a language)."""

    async def quit(self) -> None:
        self.app.exit()

    def staff(self) -> None:
        """F12: staff only (the kiosk's PIN)."""

    def sessions(self) -> None:
        """F9: back to the desk's sessions."""

    def toggle_panel(self) -> None:
        """F6: show or hide the desk's side panel."""

    def panel_view(self) -> PanelView | None:
        """What the side panel shows now (None: no panel)."""
        return None

    def activity(self, event: events.Event) -> None:
        """Every event the app sees (the kiosk watches for keys and clicks)."""

    def tick(self) -> None:
        """Every second while the app runs, when :meth:`on_mount` started the timer."""

    def crash_report(self) -> list[RenderableType]:
        """What the terminal shows after an unhandled error (called inside the ``except`` block)."""
        import rich
        from rich.traceback import Traceback

        return [Traceback(show_locals=True, width=None, locals_max_length=5, suppress=[rich])]


class ParentMode(Mode):
    """``medguide``: a parent at their own computer; can save the summary. Leaving asks first and offers to save."""

    name: ClassVar[ModeName] = "parent"

    async def quit(self) -> None:
        from medguide.bot.faces.app.screens.choose import Choose

        app = self.app
        if not (app.engine.answers or app.engine.trail) or isinstance(app.screen, Choose):
            app.exit()
            return
        _ = self.ui_lang._

        def answer(choice: str | None) -> None:
            if choice == "leave":
                app.exit()
            elif choice == "save":
                self.save_then_leave()

        app.push_screen(Choose(_("Leave medguide?"), [
            ("save", _("Save the summary, then leave"), "primary"),
            ("leave", _("Leave without saving"), "error"),
            ("stay", _("Stay"), "default"),
        ], _("Your answers are not kept when you leave. Save the summary to keep them and come back to it.")), answer)

    def save_then_leave(self) -> None:
        from medguide.bot.faces.app.screens.save import Format, SaveFile
        from medguide.bot.guide.summary import full_summary

        app = self.app
        _ = self.ui_lang._
        engine = app.engine
        day = engine.today.isoformat()

        def saved(path) -> None:
            if path is not None:
                app.exit()

        app.push_screen(SaveFile(self.ui_lang, _("Save the summary"), app.config.summary_directory, [
            Format("txt", _("Save as plain text"), f"medguide-summary-{day}.txt",
                   lambda: full_summary(engine, markdown=False).encode("utf-8")),
        ], note=_("It is written in your language, with an English copy for court staff.")), saved)
