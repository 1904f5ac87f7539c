"""Desk pieces: the list of saved sessions (new, resume, delete) and the new-session dialog."""

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
        Binding("delete,d", "delete", "Delete", show=False),
    ]

    def body(self) -> ComposeResult:
        with Vertical(id="sessions-body"):
            yield Plain("", id="sessions-title", classes="screen-heading")
            yield Plain("", id="sessions-empty")
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="actions"):
            yield Button("", id="new", variant="primary")
            yield Button("", id="resume")
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
        return self.ui._("Help desk")

    def relabel(self) -> None:
        super().relabel()
        _ = self.ui._
        self.query_one("#sessions-title", Plain).show(_("Saved sessions"))
        for button_id, label in (("new", _("New session")), ("resume", _("Resume")), ("delete", _("Delete"))):
            self.query_one(f"#{button_id}", Button).label = Text(label)

    def hints(self) -> list[tuple[str, str, str]]:
        _ = self.ui._
        return [("N", _("New"), "screen.new"), ("Enter", _("Resume"), "screen.resume"), ("Del", _("Delete"), "screen.delete"),
                *self.medguide.common_hints(language=False)]

    def fill(self) -> None:
        _ = self.ui._
        table = self.query_one("#sessions", DataTable)
        table.clear(columns=True)
        for label, width in ((_("Caller"), 28), (_("Language"), 12), (_("Answers"), 8), (_("Last saved"), 20), (_("Status"), 12)):
            table.add_column(label, width=max(width, len(label)))
        rows = self.medguide.store.list() if self.medguide.store else []
        for row in rows:
            table.add_row(
                Text(safe(row.label) or "—"), Text(LANGUAGES.get(row.language, ("", row.language))[1]), Text(str(row.answers)),
                Text(row.updated.replace("T", " ")), Text(_("Results") if row.finished else _("In progress")), key=row.id,
            )
        empty = self.query_one("#sessions-empty", Plain)
        empty.show("" if rows else _("No saved sessions. Press N for a new one."))
        empty.display = not rows
        (table if rows else self.query_one("#new", Button)).focus()

    def selected(self) -> str | None:
        table = self.query_one("#sessions", DataTable)
        if not table.row_count:
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

    def action_delete(self) -> None:
        session = self.selected()
        if session is None:
            return
        _ = self.ui._
        label = self.medguide.store.label(session) if self.medguide.store else ""

        def answer(yes: bool | None) -> None:
            if yes and self.medguide.store:
                self.medguide.store.delete(session)
                self.fill()

        question = _("Delete the session \"{label}\"? This cannot be undone.").format(label=safe(label) or session)
        self.app.push_screen(Confirm(question, _("Delete"), _("Keep it")), answer)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.desk.open_session(event.row_key.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        {"new": self.action_new, "resume": self.action_resume, "delete": self.action_delete}[event.button.id or "new"]()


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
