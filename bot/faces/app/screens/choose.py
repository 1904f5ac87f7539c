"""Choose: a question with a few answers as buttons; returns the id of the one pressed (None on Escape)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button

from medguide.bot.faces.app.widgets import Plain


class Choose(ModalScreen[str | None]):
    """``answers``: (id, label, variant); the first has the focus. The buttons stand one under another,
    so a long label in any language is never cut off at 80 columns."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, question: str, answers: list[tuple[str, str, str]], detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="choose"):
            yield Plain(self.question, classes="dialog-title")
            if self.detail:
                yield Plain(self.detail, id="choose-detail")
            with Vertical(classes="stack"):
                for answer_id, label, variant in self.answers:
                    yield Button(Text(label), id=answer_id, variant=variant)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id)
