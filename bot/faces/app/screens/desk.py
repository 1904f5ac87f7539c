"""Desk pieces: the list of saved sessions (new, resume, open by code, delete), the new-session and code dialogs, notices."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable

from medguide.bot.words.i18n import LANGUAGES, Lang
from medguide.bot.faces.app.widgets import LanguageList, Plain, SafeInput, safe
from medguide.bot.faces.app.screens.base import MedguideScreen
from medguide.bot.faces.app.screens.confirm import Confirm

if TYPE_CHECKING:
    from medguide.bot.faces.app.modes import DeskMode


class SessionsScreen(MedguideScreen):
    """The desk's first screen: every saved session, the most recent first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *MedguideScreen.BINDINGS,
        Binding("n", "new", "New", show=False),
        Binding("r", "resume", "Resume", show=False),
        Binding("c", "code", "Code", show=False),
        Binding("f5", "refresh", "Refresh", show=False),
        Binding("delete,d", "delete", "Delete", show=False),
    ]

    def body(self) -> ComposeResult:
        with Vertical(id="sessions-body"):
            yield Plain("", id="sessions-title", classes="screen-heading")
            yield Plain("", id="sessions-problem", classes="error")
            yield Plain("", id="sessions-empty")
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="actions"):
            yield Button("", id="new", variant="primary")
            yield Button("", id="resume")
            yield Button("", id="code")
            yield Button("", id="delete", variant="error")

    @property
    def desk(self) -> DeskMode:
        return cast("DeskMode", self.medguide.mode)

    def on_mount(self) -> None:
        super().on_mount()
        self.fill()

    def on_screen_resume(self) -> None:
        self.fill()

    def title_text(self) -> str:
        return self.ui._("Help desk · {desk}").format(desk=self.desk.desk_name)

    def relabel(self) -> None:
        super().relabel()
        _ = self.ui._
        self.query_one("#sessions-title", Plain).show(_("Saved sessions"))
        for button_id, label in (("new", _("New session")), ("resume", _("Resume")), ("code", _("Open by code")), ("delete", _("Delete"))):
            self.query_one(f"#{button_id}", Button).label = Text(label)

    def hints(self) -> list[tuple[str, str, str]]:
        _ = self.ui._
        return [("N", _("New"), "screen.new"), ("Enter", _("Resume"), "screen.resume"), ("C", _("Code"), "screen.code"),
                ("Del", _("Delete"), "screen.delete"), ("F5", _("Refresh"), "screen.refresh"), *self.medguide.common_hints(language=False)]

    def fill(self) -> None:
        from medguide.bot.faces.app.modes.desk import fault_text, local_time
        from medguide.bot.faces.app.store import shown_code

        _ = self.ui._
        table = self.query_one("#sessions", DataTable)
        keep = self.selected()
        table.clear(columns=True)
        # the most useful first: at a narrow terminal the last columns scroll off, not the status
        for label, width in ((_("Code"), 7), (_("Caller"), 18), (_("Status"), 27), (_("Language"), 10), (_("Answers"), 7),
                             (_("Last saved"), 16), (_("By"), 10)):
            table.add_column(label, width=max(width, len(label)))
        listing = self.desk.store.list()
        me = self.desk.desk_name
        for row in listing.rows:
            status = _("Results") if row.finished else _("In progress")
            if row.open_desk and row.open_desk != me:
                status = _("open at {desk} since {time}").format(desk=row.open_desk, time=local_time(row.open_since, short=True))
            table.add_row(
                Text(shown_code(row.code)), Text(safe(row.label) or "—"), Text(safe(status)),
                Text(LANGUAGES.get(row.language, ("", row.language))[1]), Text(str(row.answers)), Text(local_time(row.updated)),
                Text(safe(row.updated_by)), key=row.id,
            )
        problems = []
        if listing.fault is not None:
            problems.append(_("Not every session can be read. {reason}").format(reason=fault_text(listing.fault, _)))
        if listing.unreadable:
            problems.append(self.ui.n_("{n} saved session cannot be read and is not listed.",
                                       "{n} saved sessions cannot be read and are not listed.", listing.unreadable).format(n=listing.unreadable))
        problem = self.query_one("#sessions-problem", Plain)
        problem.show(" ".join(problems))
        problem.display = bool(problems)
        rows = listing.rows
        empty = self.query_one("#sessions-empty", Plain)
        empty.show("" if rows else _("No saved sessions. Press N for a new one."))
        empty.display = not rows
        if rows and keep is not None and keep in {row.id for row in rows}:
            table.move_cursor(row=[row.id for row in rows].index(keep))
        (table if rows else self.query_one("#new", Button)).focus()

    def selected(self) -> str | None:
        table = self.query_one("#sessions", DataTable)
        if not table.row_count or not table.columns:
            return None
        key, _column = table.coordinate_to_cell_key(table.cursor_coordinate)
        return key.value

    def action_new(self) -> None:
        def made(choice: tuple[str, str] | None) -> None:
            if choice is not None:
                self.desk.new_session(*choice)

        self.app.push_screen(NewSession(self.ui), made)

    def action_resume(self) -> None:
        session = self.selected()
        if session is not None:
            self.desk.open_session(session)

    def action_code(self) -> None:
        def typed(code: str | None) -> None:
            if code:
                self.desk.open_code(code)

        self.app.push_screen(CodePrompt(self.ui), typed)

    def action_refresh(self) -> None:
        self.fill()

    def action_delete(self) -> None:
        from medguide.bot.faces.app.modes.desk import fault_text, local_time
        from medguide.bot.faces.app.store import SessionGone, StoreFault

        session = self.selected()
        if session is None:
            return
        _ = self.ui._
        store = self.desk.store
        try:
            saved = store.load(session)
        except (SessionGone, StoreFault):
            saved = None

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            try:
                store.delete(session)
            except StoreFault as fault:
                self.app.notify(_("The session was not deleted. {reason}").format(reason=fault_text(fault, _)), severity="error", markup=False)
            self.fill()

        question = _("Delete the session \"{label}\"? This cannot be undone.").format(label=safe(saved.label if saved else "") or session)
        if saved is not None and saved.open_desk not in (None, self.desk.desk_name):
            question += " " + _("It is open at desk {desk} since {time}.").format(desk=saved.open_desk, time=local_time(saved.open_since))
        self.app.push_screen(Confirm(question, _("Delete"), _("Keep it")), answer)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.desk.open_session(event.row_key.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        {"new": self.action_new, "resume": self.action_resume, "code": self.action_code, "delete": self.action_delete}[event.button.id or "new"]()


class NewSession(ModalScreen[tuple[str, str] | None]):
    """A label for the call (a case number, a first name) and the caller's language."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        _ = self.lang._
        with Vertical(id="dialog", classes="new-session"):
            yield Plain(_("New session"), classes="dialog-title")
            yield Plain(_("A label for this call (a case number or a first name):"))
            yield SafeInput(id="label", max_length=80)
            yield Plain(_("The caller's language:"))
            yield LanguageList()

    def on_mount(self) -> None:
        self.query_one("#label", SafeInput).focus()

    def on_input_submitted(self, event: SafeInput.Submitted) -> None:
        event.stop()
        self.query_one(LanguageList).focus_current()

    def on_language_list_chosen(self, event: LanguageList.Chosen) -> None:
        event.stop()
        self.dismiss((self.query_one("#label", SafeInput).value.strip(), event.code))

    def action_cancel(self) -> None:
        self.dismiss(None)


class CodePrompt(ModalScreen[str | None]):
    """The code a caller reads out (``K7M-4QX``): opens that session at this desk."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        _ = self.lang._
        with Vertical(id="dialog", classes="code"):
            yield Plain(_("Open a session by its code"), classes="dialog-title")
            yield Plain(_("The session code, like K7M-4QX (the caller can read it from their notes):"))
            yield SafeInput(id="code-input", max_length=16)

    def on_mount(self) -> None:
        self.query_one("#code-input", SafeInput).focus()

    def on_input_submitted(self, event: SafeInput.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Notice(ModalScreen[None]):
    """Something staff must read before going on (a session changed at another desk)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter", "close", show=False)]

    def __init__(self, title: str, lines: list[str], ok: str) -> None:
        super().__init__()
        self.title_words = title
        self.lines = lines
        self.ok = ok

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="notice"):
            yield Plain(self.title_words, classes="dialog-title")
            for line in self.lines:
                yield Plain(line, classes="notice-line")
            with Horizontal(classes="buttons"):
                yield Button(Text(self.ok), id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)
