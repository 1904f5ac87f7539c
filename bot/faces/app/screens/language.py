"""The language screen (first screen) and the language picker (F2, at any moment)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.screen import ModalScreen

from medguide.bot.words.i18n import LANGUAGES, lang
from medguide.bot.faces.app.widgets import LanguageList, Plain
from medguide.bot.faces.app.screens.base import MedguideScreen


def choose_in_every_language() -> str:
    """"Choose your language" in each language that has a translation of it (English first)."""
    seen: list[str] = []
    for code in LANGUAGES:
        text = lang(code)._("Choose your language")
        if text not in seen:
            seen.append(text)
    return " · ".join(seen)


class LanguageScreen(MedguideScreen):
    """The first screen: pick a language, each named in itself."""

    def body(self) -> ComposeResult:
        with Vertical(id="language-body"):
            yield Plain(choose_in_every_language(), id="choose")
            with Center():
                yield LanguageList(id="languages")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(LanguageList).focus_current()

    def hints(self) -> list[tuple[str, str, str]]:
        return self.medguide.common_hints(language=False)

    def on_language_list_chosen(self, event: LanguageList.Chosen) -> None:
        event.stop()
        self.medguide.start_interview(event.code)


class LanguagePicker(ModalScreen[str | None]):
    """F2: switch language without losing anything; returns the code, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f2", "close", show=False)]

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="languages"):
            yield Plain(choose_in_every_language(), classes="dialog-title")
            yield LanguageList(self.current)

    def on_mount(self) -> None:
        self.query_one(LanguageList).focus_current()

    def action_close(self) -> None:
        self.dismiss(None)

    def on_language_list_chosen(self, event: LanguageList.Chosen) -> None:
        event.stop()
        self.dismiss(event.code)
