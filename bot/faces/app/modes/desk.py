"""The desk's mode: staff drive the interview during a call; English words and side panel; every change saved."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, ClassVar

from medguide.bot.faces.app.modes.base import Hint, Mode, ModeName

if TYPE_CHECKING:
    from textual.screen import Screen

    from medguide.bot.faces.app.app import MedguideApp
    from medguide.bot.faces.app.store import Store
    from medguide.bot.faces.app.widgets import PanelView
    from medguide.bot.words.i18n import Lang


class DeskMode(Mode):
    """``medguide desk``."""

    name: ClassVar[ModeName] = "desk"
    side_panel: ClassVar[bool] = True

    def __init__(self, app: MedguideApp, *, store: Store | None = None) -> None:
        super().__init__(app)
        if store is None:
            from medguide.bot.faces.app.store import Store  # sqlite3 only where it is used

            store = Store(app.config.desk.database)
        self.store: Store = store

    def first_screen(self) -> Screen:
        from medguide.bot.faces.app.screens.desk import SessionsScreen

        return SessionsScreen()

    @property
    def ui_lang(self) -> Lang:
        """Desk staff read the app's own words in English, whatever the caller hears."""
        from medguide.bot.words.i18n import lang

        return lang("en")

    def hints(self, _: Callable[[str], str]) -> list[Hint]:
        return [("F6", _("Panel"), "app.panel"), ("F9", _("Sessions"), "app.sessions"), *super().hints(_)]

    # ------------------------------------------------------------ sessions
    def changed(self) -> None:
        """Save at once: when this returns the change is on disk."""
        if self.session is not None:
            self.store.save(self.session, self.app.engine.save())

    def new_session(self, label: str, code: str) -> None:
        app = self.app
        app.new_engine(code)
        self.session = self.store.new(app.engine.save(), label)
        app.push_screen(app.interview_screen())

    def open_session(self, session: str) -> None:
        from medguide.bot.guide.engine import Engine

        app = self.app
        try:
            engine = Engine.restore(self.store.load(session), app.flow, app.today)
        except (KeyError, ValueError, TypeError, AttributeError):  # unreadable, or from another version
            app.notify(self.ui_lang._("This session cannot be opened. It may be from an older version."),
                       severity="error", markup=False)
            return
        app.engine = engine
        self.session = session
        app.push_screen(app.interview_screen())

    def sessions(self) -> None:
        from medguide.bot.faces.app.screens.desk import SessionsScreen

        app = self.app
        self.changed()
        while len(app.screen_stack) > 2 and not isinstance(app.screen, SessionsScreen):
            app.pop_screen()
        self.session = None
        app.new_engine(None)

    # ------------------------------------------------------------ the side panel
    def toggle_panel(self) -> None:
        for panel in self.app.screen.query("#panel"):
            panel.display = not panel.display

    def panel_view(self) -> PanelView:
        """The side panel, in English: the question, the answers so far, the working and the law."""
        from medguide.bot.faces.app.widgets import PanelView, Section
        from medguide.bot.guide.explain import explain_session
        from medguide.bot.words.i18n import lang

        en = lang("en")
        _ = en._
        e = self.app.engine
        sections = []
        label = self.store.label(self.session) if self.session else ""
        caller = _("Caller: {label} · hears {language}").format(label=label or "—", language=e.lang.name)
        q = e.current
        if q is not None:
            lines = [en.p_(f"q:{q.id}", q.ask)]
            if q.help:
                lines.append(en.p_(f"help:{q.id}", q.help))
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
