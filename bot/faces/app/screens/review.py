"""ReviewScreen: every answer on screen, in the chosen language, with Edit beside each.

At the desk (staff read English, the caller another language) each question and answer has its English beside it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button

from medguide.bot.guide.summary import topic_title
from medguide.bot.faces.app.widgets import Plain
from medguide.bot.faces.app.screens.base import MedguideScreen


class ReviewScreen(MedguideScreen):
    """Dismisses with the question id to edit (the engine has already jumped there), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *MedguideScreen.BINDINGS,
        Binding("escape,f4", "close", "Back to the questions", show=False),
        Binding("down", "app.focus_next", show=False),
        Binding("up", "app.focus_previous", show=False),
    ]

    def body(self) -> ComposeResult:
        with VerticalScroll(id="review-list"):
            yield Plain("", id="review-title", classes="screen-heading")
            yield Vertical(id="review-items")
        with Horizontal(id="actions"):
            yield Button("", id="close", variant="primary")

    def on_mount(self) -> None:
        super().on_mount()
        self.fill()
        self.query_one("#close", Button).focus()

    def relabel(self) -> None:
        super().relabel()
        _ = self.ui._
        self.query_one("#review-title", Plain).show(_("Your answers"))
        self.query_one("#close", Button).label = Text(_("Back to the questions") if not self.engine.finished else _("Back to the results"))

    def title_text(self) -> str:
        return self.ui._("Review your answers")

    def hints(self) -> list[tuple[str, str, str]]:
        _ = self.ui._
        return [("Esc", _("Back"), "screen.close"), *self.medguide.common_hints()]

    def fill(self) -> None:
        _ = self.ui._
        box = self.query_one("#review-items", Vertical)
        box.remove_children()
        items = self.engine.review()
        staff = self.engine.review(self.ui) if self.ui.code != self.lang.code else None  # the desk: English beside
        rows: list = []
        if not items:
            rows.append(Plain(_("No answers yet."), classes="empty"))
        topic = None
        for number, item in enumerate(items, start=1):
            if item.topic != topic:
                topic = item.topic
                rows.append(Plain(topic_title(topic, self.lang), classes="topic"))
            ask, answer = f"{number}. {item.ask}", item.answer
            if staff is not None:
                english = staff[number - 1]
                ask, answer = f"{ask}\n   {english.ask}", f"{answer} ({english.answer})" if english.answer != answer else answer
            row = Horizontal(
                Vertical(Plain(ask, classes="ask"), Plain(answer, classes="answer"), classes="text"),
                Button(Text(_("Edit")), id=f"edit-{item.question.replace('#', '--')}", classes="edit", compact=True),
                classes="item",
            )
            rows.append(row)
        box.mount_all(rows)

    def refresh_language(self) -> None:
        self.relabel()
        self.fill()

    def action_close(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button_id = event.button.id or ""
        if button_id == "close":
            self.dismiss(None)
        elif button_id.startswith("edit-"):
            question = button_id.removeprefix("edit-").replace("--", "#")  # an item's key: my_premium#1
            self.engine.edit(question)
            self.medguide.changed()
            self.dismiss(question)
