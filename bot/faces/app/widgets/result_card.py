"""ResultCard: one rule's result: the figure first, then why, then what to do next, then the law."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical

from medguide.bot.faces.app.widgets.plain import Plain


@dataclass(frozen=True)
class ResultView:
    headline: str
    why_title: str
    why: tuple[str, ...]
    next_title: str
    next_steps: tuple[str, ...]
    law_title: str
    law: tuple[str, ...]
    verbatim_title: str = ""
    verbatim: str = ""
    gloss: str = ""
    depends_title: str = ""
    depends: tuple[str, ...] = ()


class ResultCard(Vertical):
    DEFAULT_CSS = """
    ResultCard {
        height: auto;
        border: round $border;
        padding: 0 1;
        margin: 0 0 1 0;
        .headline { text-style: bold; color: $text-accent; }
        .title { text-style: bold; margin: 1 0 0 0; }
        .verbatim { text-style: italic; }
        .law { color: $text-muted; }
    }
    """

    def __init__(self, view: ResultView) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        v = self.view
        yield Plain(v.headline, classes="headline")
        if v.why:
            yield Plain(v.why_title, classes="title")
            yield Plain("\n".join(v.why), classes="why")
        if v.next_steps:
            yield Plain(v.next_title, classes="title")
            yield Plain("\n".join(f"• {s}" for s in v.next_steps), classes="next")
        if v.depends:
            yield Plain(v.depends_title, classes="title")
            yield Plain("\n".join(f"• {s}" for s in v.depends), classes="depends")
        if v.verbatim:
            yield Plain(v.verbatim_title, classes="title")
            yield Plain(v.verbatim, classes="verbatim")
            if v.gloss:
                yield Plain(v.gloss, classes="gloss")
        if v.law:
            yield Plain(v.law_title, classes="title")
            yield Plain("\n".join(v.law), classes="law")
