"""HelpScreen: plain help for the question, the glossary for its words, and the keys."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button

from medguide.bot.faces.app.widgets import Plain


class HelpScreen(ModalScreen[None]):
    """Shows ``sections`` of (title, text); closes on Escape, F1, Enter or the Close button."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,question_mark", "close", "Close", show=False),
    ]

    def __init__(self, title: str, sections: list[tuple[str, str]], close_label: str) -> None:
        super().__init__()
        self.heading = title
        self.sections = sections
        self.close_label = close_label

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="help"):
            yield Plain(self.heading, classes="dialog-title")
            with VerticalScroll(id="help-body"):
                for title, text in self.sections:
                    if title:
                        yield Plain(title, classes="section-title")
                    yield Plain(text, classes="section-text")
            yield Button(Text(self.close_label), id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#help-body", VerticalScroll).focus()  # arrows scroll; Tab reaches Close

    def action_close(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)
