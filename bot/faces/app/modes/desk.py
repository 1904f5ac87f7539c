"""The desk's mode: staff drive the interview during a call; English words and side panel; every change saved.

Saving never stops the call. Every change goes to the store with the version it was based on:

- saved: the panel says when, and by which desk;
- **stale** (another desk changed the session, or took it over): the session is loaded again as
  stored, and what this desk's staff had typed is offered back (in the answer box when the
  question is the same, in the message otherwise);
- **deleted elsewhere**: the answers stay on screen and can be saved as a new session;
- **a storage fault** (locked, full, damaged, read-only, unreachable): the panel says so in plain
  words, the answers stay in memory, and the save is tried again every few seconds.

Nothing of the caller's is ever printed outside the desk's own screens (no traceback locals).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable, ClassVar

from medguide.bot.faces.app.modes.base import Hint, Mode, ModeName
from medguide.bot.guide.typist import STAFF, Typist

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.screen import Screen

    from medguide.bot.faces.app.app import MedguideApp
    from medguide.bot.faces.app.store import DeskStore, Saved, StoreFault
    from medguide.bot.faces.app.widgets import PanelView
    from medguide.bot.words.i18n import Lang

RETRY_SECONDS = 5.0
"""How often an unsaved change is tried again."""


def local_time(moment: datetime | None, *, short: bool = False) -> str:
    """A stored (UTC) time as the desk's clock shows it, whole minutes: ``2026-11-23 14:05``
    (``short``: just ``14:05`` when it is today)."""
    if moment is None:
        return ""
    local = moment.astimezone()
    if short and local.date() == datetime.now(local.tzinfo).date():
        return local.strftime("%H:%M")
    return local.strftime("%Y-%m-%d %H:%M")


def fault_text(fault: StoreFault, _: Callable[[str], str]) -> str:
    """What went wrong with the storage, in plain words for staff."""
    words = {
        "locked": _("The sessions database is busy: another program has held it for more than 5 seconds."),
        "full": _("The disk that holds the sessions database is full."),
        "damaged": _("The sessions database is damaged and cannot be read in full."),
        "read_only": _("The sessions database is in a place this desk cannot write to."),
        "unreachable": _("The sessions database cannot be reached."),
    }
    return words.get(fault.reason) or _("The sessions database refused the change ({detail}).").format(detail=fault.detail)


class DeskMode(Mode):
    """``medguide desk``."""

    name: ClassVar[ModeName] = "desk"
    side_panel: ClassVar[bool] = True
    typist: ClassVar[Typist | None] = STAFF

    def __init__(self, app: MedguideApp, *, store: DeskStore | None = None) -> None:
        super().__init__(app)
        desk = app.config.desk
        if store is None:
            from medguide.bot.faces.app.store import open_store  # sqlite3 (or psycopg) only where it is used

            store = open_store(desk.database, desk.name)
        self.store: DeskStore = store
        self.saved: Saved | None = None
        """The open session as last stored (its id, code, version, label)."""
        self.base: dict[str, Any] | None = None
        """The engine's data as last stored: what a refused change is compared with."""
        self.label = ""
        self.fault: StoreFault | None = None
        """The storage fault of the last try (None: saved, or nothing to save)."""
        self.gone = False
        """The open session was deleted at another desk (its answers are only on screen)."""
        self.unsaved = False
        self._retry: Any = None

    @property
    def session(self) -> str | None:  # type: ignore[override]
        return self.saved.id if self.saved else None

    @property
    def desk_name(self) -> str:
        return self.store.desk

    def first_screen(self) -> Screen:
        from medguide.bot.faces.app.screens.desk import SessionsScreen

        return SessionsScreen()

    def on_mount(self) -> None:
        from medguide.bot.faces.app.store import StoreFault

        try:
            self.store.purge(self.app.config.desk.purge_days)
        except StoreFault:
            pass  # the sessions screen shows what is wrong with the store

    @property
    def ui_lang(self) -> Lang:
        """Desk staff read the app's own words in English, whatever the caller hears."""
        from medguide.bot.words.i18n import lang

        return lang("en")

    def hints(self, _: Callable[[str], str]) -> list[Hint]:
        return [("F6", _("Panel"), "app.panel"), ("F9", _("Sessions"), "app.sessions"), *super().hints(_)]

    def crash_report(self) -> list[RenderableType]:
        """A traceback for whoever maintains the desk, without local variables (they hold the caller's answers)."""
        import rich
        from rich.traceback import Traceback

        return [Traceback(show_locals=False, width=None, suppress=[rich])]

    # ------------------------------------------------------------ saving
    def changed(self) -> None:
        """Save at once: when this returns the change is stored, or the panel says why not."""
        if self.saved is None and not self.unsaved:
            return  # on the sessions list: nothing open
        self._persist()

    def _persist(self) -> None:
        from medguide.bot.faces.app.store import SessionChanged, SessionGone, StoreFault

        app = self.app
        data = app.engine.save()
        try:
            if self.saved is None or self.gone:
                if self.gone:
                    return  # waits for staff to choose "save as a new session"
                saved = self.store.new(data, self.label)
            else:
                saved = self.store.save(self.saved.id, data, self.saved.version)
        except StoreFault as fault:
            self._failed(fault)
            return
        except SessionChanged as refused:
            self._stale(refused.current)
            return
        except SessionGone:
            self._deleted()
            return
        recovered = self.fault is not None
        self.saved, self.base, self.unsaved, self.fault = saved, data, False, None
        self._stop_retry()
        if recovered:
            app.notify(self.ui_lang._("Saved again. Nothing was lost."), markup=False)
        self._redraw_panel()

    def _failed(self, fault: StoreFault) -> None:
        _ = self.ui_lang._
        first = self.fault is None or self.fault.reason != fault.reason
        self.fault, self.unsaved = fault, True
        if first:
            self.app.notify(_("Not saved. {reason} The answers are kept on this screen; the desk tries again every {n} seconds.").format(
                reason=fault_text(fault, _), n=int(RETRY_SECONDS)), severity="error", timeout=10, markup=False)
        if self._retry is None:
            self._retry = self.app.set_interval(RETRY_SECONDS, self.retry, name="desk-retry")
        self._redraw_panel()

    def retry(self) -> None:
        """Try the unsaved change again (every few seconds while there is one)."""
        if self.unsaved and not self.gone:
            self._persist()
        elif not self.unsaved:
            self._stop_retry()

    def _stop_retry(self) -> None:
        if self._retry is not None:
            self._retry.stop()
            self._retry = None

    def _stale(self, current: Saved) -> None:
        """Another desk changed the session or took it over: load it as stored and offer back what was typed here."""
        from medguide.bot.guide.engine import Engine

        app = self.app
        _ = self.ui_lang._
        mine = app.engine
        lost = self._not_saved(mine)
        try:
            engine = Engine.restore(current.data or {}, app.flow, app.today)
        except (KeyError, ValueError, TypeError, AttributeError):
            self._deleted()  # the stored copy cannot be read: keep this one and offer to save it as new
            return
        offered = []
        for qid, text in lost:
            if engine.current is not None and engine.current.id == qid and text:
                engine.draft = text  # back in the answer box
            else:
                offered.append((qid, text))
        app.engine = engine
        self.saved, self.base, self.unsaved, self.fault = current, current.data, False, None
        self._stop_retry()
        taken = current.open_desk not in (None, self.desk_name)
        if taken:
            lines = [_("This session was taken over at desk {desk} at {time}. Your last change was not saved.").format(
                desk=current.open_desk, time=local_time(current.open_since))]
        else:
            lines = [_("This session was changed at desk {desk} at {time}, so your last change was not saved.").format(
                desk=current.updated_by, time=local_time(current.updated))]
        lines.append(_("It is shown again as it was saved there."))
        if engine.draft and any(qid == (engine.current.id if engine.current else None) for qid, _t in lost):
            lines.append(_("What you had typed is back in the answer box."))
        for qid, text in offered:
            q = engine.questions[qid]
            lines.append(_("Not saved: {question} → {answer}").format(question=self.ui_lang.p_(f"q:{q.id}", q.ask), answer=text or "—"))
        app.show_current()
        if taken:
            self._ask_take_over(current, lines)
        else:
            from medguide.bot.faces.app.screens.desk import Notice

            app.push_screen(Notice(_("Changed at another desk"), lines, _("OK")))

    def _not_saved(self, engine: Any) -> list[tuple[str, str]]:
        """Answers on screen that differ from the stored copy: (question id, what staff typed)."""
        from medguide.bot.guide.answers import display
        from medguide.bot.guide.engine import split_key

        base = (self.base or {}).get("answers", {})
        mine = engine.save()["answers"]
        lost = []
        for key, entry in mine.items():
            if base.get(key) != entry:
                q = engine.questions[split_key(key)[0]]  # a repeated group's answer is kept per item ("qid#2")
                typed = entry.get("typed", "")
                # a choice is offered back as its words (staff may have typed its number)
                lost.append((q.id, display(q, engine.answers[key], self.ui_lang) if q.type in ("choice", "yesno") else typed))
        if engine.draft and engine.current is not None:
            lost.append((engine.current.id, engine.draft))
        return lost

    def _ask_take_over(self, current: Saved, lines: list[str]) -> None:
        from medguide.bot.faces.app.screens.confirm import Confirm

        _ = self.ui_lang._

        def chosen(take: bool | None) -> None:
            if take:
                self._take_over(current.id)
            else:
                self.leave()

        question = "\n".join([*lines, _("Take it over again, or go back to the list?")])
        self.app.push_screen(Confirm(question, _("Take it over"), _("Back to the list")), chosen)

    def _take_over(self, session: str) -> None:
        from medguide.bot.faces.app.store import SessionGone, StoreFault

        try:
            self.saved = self.store.claim(session, take_over=True)
        except SessionGone:
            self._deleted()
        except StoreFault as fault:
            self._failed(fault)
        self._redraw_panel()

    def _deleted(self) -> None:
        from medguide.bot.faces.app.screens.confirm import Confirm

        _ = self.ui_lang._
        self.gone, self.unsaved = True, True
        self._stop_retry()
        self._redraw_panel()

        def chosen(save: bool | None) -> None:
            if save:
                self.save_as_new()

        question = _("This session was deleted at another desk. Its answers are still here, on this screen. Save them as a new session?")
        self.app.push_screen(Confirm(question, _("Save as a new session"), _("Not now")), chosen)

    def save_as_new(self) -> None:
        """After a delete elsewhere: the answers on screen become a new session (with a new code)."""
        self.gone, self.saved, self.unsaved = False, None, True
        self._persist()
        if self.saved is not None:
            from medguide.bot.faces.app.store import shown_code

            self.app.notify(self.ui_lang._("Saved as a new session. Its code is {code}.").format(code=shown_code(self.saved.code)), markup=False)

    # ------------------------------------------------------------ sessions
    def new_session(self, label: str, code: str) -> None:
        app = self.app
        app.new_engine(code)
        self.saved, self.base, self.label, self.gone, self.unsaved, self.fault = None, None, label, False, True, None
        self._persist()  # a fault here keeps the new session in memory, saved when the store is back
        app.push_screen(app.interview_screen())

    def open_session(self, session: str, take_over: bool = False) -> None:
        """Open a listed session here; one open at another desk asks first."""
        from medguide.bot.faces.app.store import SessionGone, SessionOpen, StoreFault
        from medguide.bot.guide.engine import Engine

        app = self.app
        _ = self.ui_lang._
        try:
            saved = self.store.claim(session, take_over=take_over)
        except SessionOpen as open_:
            self._offer_take_over(open_.current)
            return
        except SessionGone:
            app.notify(_("That session is no longer there: it was deleted at another desk."), severity="warning", markup=False)
            self._refresh_list()
            return
        except StoreFault as fault:
            app.notify(_("The session cannot be opened now. {reason}").format(reason=fault_text(fault, _)), severity="error", markup=False)
            return
        try:
            engine = Engine.restore(saved.data or {}, app.flow, app.today)
        except (KeyError, ValueError, TypeError, AttributeError):  # unreadable, or from another version
            self._quiet_release(session)
            app.notify(_("This session cannot be opened. It may be from an older version."), severity="error", markup=False)
            return
        app.engine = engine
        self.saved, self.base, self.label, self.gone, self.unsaved, self.fault = saved, saved.data, saved.label, False, False, None
        app.push_screen(app.interview_screen())

    def _offer_take_over(self, current: Saved) -> None:
        from medguide.bot.faces.app.screens.confirm import Confirm

        _ = self.ui_lang._
        question = _("This session is open at desk {desk} since {time}. If you take it over, that desk can no longer save it.").format(
            desk=current.open_desk, time=local_time(current.open_since))

        def chosen(take: bool | None) -> None:
            if take:
                self.open_session(current.id, take_over=True)

        self.app.push_screen(Confirm(question, _("Take it over"), _("Leave it there")), chosen)

    def open_code(self, typed: str) -> None:
        """Open the session whose code staff typed (read out by the caller)."""
        from medguide.bot.faces.app.store import StoreFault, normalize_code, shown_code

        _ = self.ui_lang._
        code = normalize_code(typed)
        if code is None:
            self.app.notify(_("A session code has 6 letters and digits, like K7M-4QX."), severity="warning", markup=False)
            return
        try:
            found = self.store.find(code)
        except StoreFault as fault:
            self.app.notify(fault_text(fault, _), severity="error", markup=False)
            return
        if found is None:
            self.app.notify(_("No session has the code {code}.").format(code=shown_code(code)), severity="warning", markup=False)
            return
        self.open_session(found.id)

    def sessions(self) -> None:
        """F9: back to the list (asks first when the answers on screen are not saved)."""
        if self.saved is None and not self.unsaved:
            return
        self.changed()
        self._confirm_leaving(self.leave)

    async def quit(self) -> None:
        if self.unsaved:
            self.retry()  # one more try before asking
        self._confirm_leaving(self._exit)

    def _exit(self) -> None:
        self._release()
        self.app.exit()

    def _confirm_leaving(self, then: Callable[[], None]) -> None:
        if not self.unsaved:
            then()
            return
        from medguide.bot.faces.app.screens.confirm import Confirm

        _ = self.ui_lang._
        why = _("it was deleted at another desk") if self.gone else fault_text(self.fault, _) if self.fault else ""
        question = _("The answers on this screen are not saved ({why}). Leave anyway? They will be lost.").format(why=why.rstrip("."))

        def chosen(leave: bool | None) -> None:
            if leave:
                then()

        self.app.push_screen(Confirm(question, _("Leave and lose them"), _("Stay")), chosen)

    def leave(self) -> None:
        """Close the open session here and show the list."""
        from medguide.bot.faces.app.screens.desk import SessionsScreen

        app = self.app
        self._release()
        self._stop_retry()
        self.saved, self.base, self.label, self.gone, self.unsaved, self.fault = None, None, "", False, False, None
        app.new_engine(None)
        while len(app.screen_stack) > 2 and not isinstance(app.screen, SessionsScreen):
            app.pop_screen()
        self._refresh_list()

    def _release(self) -> None:
        if self.saved is not None:
            self._quiet_release(self.saved.id)

    def _quiet_release(self, session: str) -> None:
        from medguide.bot.faces.app.store import StoreFault

        try:
            self.store.release(session)
        except StoreFault:
            pass  # shown as "open at this desk" until it is opened again: nothing is lost

    def _refresh_list(self) -> None:
        from medguide.bot.faces.app.screens.desk import SessionsScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, SessionsScreen) and screen.is_mounted:
                screen.fill()

    # ------------------------------------------------------------ the side panel
    def toggle_panel(self) -> None:
        for panel in self.app.screen.query("#panel"):
            panel.display = not panel.display

    def _redraw_panel(self) -> None:
        from medguide.bot.faces.app.widgets import SidePanel

        for panel in self.app.screen.query(SidePanel).results(SidePanel):
            panel.view = self.panel_view()

    def status(self) -> str:
        """One line about the open session's storage."""
        _ = self.ui_lang._
        if self.gone:
            return _("NOT SAVED: this session was deleted at another desk.")
        if self.fault is not None:
            return _("NOT SAVED: {reason} Trying again every {n} seconds.").format(reason=fault_text(self.fault, _), n=int(RETRY_SECONDS))
        if self.saved is not None:
            return _("Saved {time} at desk {desk}.").format(time=local_time(self.saved.updated), desk=self.saved.updated_by)
        return ""

    def panel_view(self) -> PanelView:
        """The side panel, in English: the session, the question, the answers so far, the working and the law."""
        from medguide.bot.faces.app.store import shown_code
        from medguide.bot.faces.app.widgets import PanelView, Section
        from medguide.bot.guide.explain import explain_session
        from medguide.bot.words.i18n import lang

        en = lang("en")
        _ = en._
        e = self.app.engine
        sections = []
        caller = _("Caller: {label} · hears {language}").format(label=self.label or "—", language=e.lang.name)
        code = _("Session code: {code}").format(code=shown_code(self.saved.code)) if self.saved else ""
        sections.append(Section(_("This session"), tuple(line for line in (caller, code, self.status()) if line),
                                "session" + (" -unsaved" if self.unsaved else "")))
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
            sections.append(Section(_("Question in English"), tuple(lines), "question"))
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
