"""SidePanel (desk): the current question in English, the answers so far, the rules' working and the law."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive

from medguide.bot.faces.app.widgets.plain import Plain


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[str, ...]
    kind: str = ""
    """A CSS class for the section: "question", "answers", "working", "law"."""


@dataclass(frozen=True)
class PanelView:
    sections: tuple[Section, ...] = field(default_factory=tuple)


class SidePanel(VerticalScroll, can_focus=True):
    DEFAULT_CSS = """
    SidePanel {
        width: 45%;
        min-width: 32;
        border-left: vkey $border;
        padding: 0 1;
        .title { text-style: bold; color: $text-accent; margin: 1 0 0 0; }
        .line { color: $text; }
        .answers .line { color: $text-muted; }
    }
    """

    view: reactive[PanelView] = reactive(PanelView, recompose=True)

    def compose(self) -> ComposeResult:
        for section in self.view.sections:
            yield Plain(section.title, classes=f"title {section.kind}")
            for line in section.lines:
                yield Plain(line, classes=f"line {section.kind}")
