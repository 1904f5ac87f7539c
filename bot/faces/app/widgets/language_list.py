"""LanguageList: the five languages, each named in itself; posts LanguageList.Chosen."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Button

from medguide.bot.words.i18n import LANGUAGES


class LanguageList(Vertical):
    DEFAULT_CSS = """
    LanguageList {
        height: auto;
        width: auto;
        Button { width: 30; margin: 0; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "app.focus_next", show=False),
        Binding("up", "app.focus_previous", show=False),
    ]

    class Chosen(Message):
        def __init__(self, code: str) -> None:
            super().__init__()
            self.code = code

    def __init__(self, current: str | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.current = current

    def compose(self) -> ComposeResult:
        for code, (_locale, name) in LANGUAGES.items():
            button = Button(Text(name), id=f"lang-{code}", classes="-current" if code == self.current else "")
            yield button

    def focus_current(self) -> None:
        code = self.current or next(iter(LANGUAGES))
        self.query_one(f"#lang-{code}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id and event.button.id.startswith("lang-"):
            self.post_message(self.Chosen(event.button.id.removeprefix("lang-")))
