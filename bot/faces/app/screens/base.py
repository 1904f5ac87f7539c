"""What every full screen shares: the title line, the footer of keys, the app-wide keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen

from medguide.bot.words.i18n import Lang
from medguide.bot.faces.app.widgets import KeyHints, Plain

if TYPE_CHECKING:
    from medguide.bot.faces.app.app import MedguideApp
    from medguide.bot.guide.engine import Engine


class MedguideScreen(Screen[None]):
    """Subclasses yield their body from :meth:`body`, list their keys in :meth:`hints`, and redraw in :meth:`relabel`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "app.language", "Language", show=False),
        Binding("f7", "app.contrast", "High contrast", show=False),
        Binding("f8", "app.larger", "Larger text", show=False),
    ]

    @property
    def medguide(self) -> "MedguideApp":
        return cast("MedguideApp", self.app)

    @property
    def engine(self) -> "Engine":
        return self.medguide.engine

    @property
    def lang(self) -> Lang:
        """The session's language: what the parent (or caller) reads."""
        return self.medguide.lang

    @property
    def ui(self) -> Lang:
        """The language of the app's own words (buttons, keys, titles): English for desk staff."""
        return self.medguide.ui_lang

    def compose(self) -> ComposeResult:
        yield Plain("", id="title")
        yield from self.body()
        yield KeyHints(id="keys")

    def body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.relabel()
        self.call_after_refresh(self.medguide.first_screen_drawn)  # after what on_mount shows is drawn

    def relabel(self) -> None:
        """Write every label in the session's language (called on mount and after a language switch)."""
        self.query_one("#title", Plain).show(self.title_text())
        self.query_one("#keys", KeyHints).show(self.hints())

    def title_text(self) -> str:
        _ = self.ui._
        return _("Health insurance in your child support order")

    def hints(self) -> list[tuple[str, str, str]]:
        return self.medguide.common_hints()
