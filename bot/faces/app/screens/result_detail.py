"""ResultDetail: one result in full (the figure, why, the working, what to do, what it depends on, the law).

Opened from a line of the summary; Escape, F3 or the Back button go back to the summary.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button

from medguide.bot.faces.app.screens.base import MedguideScreen
from medguide.bot.faces.app.widgets import ResultCard


class ResultDetail(MedguideScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        *MedguideScreen.BINDINGS,
        Binding("f1,question_mark", "help", "Help", show=False),
        Binding("escape,f3", "close", "Back", show=False),
    ]

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index

    def body(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield VerticalScroll(id="card-scroll")
        with Horizontal(id="actions", classes="compact"):
            yield Button("", id="close", variant="primary")

    def on_mount(self) -> None:
        super().on_mount()
        self.show()
        self.query_one("#card-scroll", VerticalScroll).focus()

    def relabel(self) -> None:
        super().relabel()
        self.query_one("#close", Button).label = Text(self.ui._("Back to the summary"))

    def hints(self) -> list[tuple[str, str, str]]:
        _ = self.ui._
        common = self.medguide.common_hints()
        return [("F1", _("Help"), "screen.help"), ("Esc", _("Back to the summary"), "screen.close"), common[0], *common[1:]]

    def explanation(self):
        from medguide.bot.faces.app.screens.results import explanations

        found = explanations(self.engine, self.lang)
        return found[self.index] if self.index < len(found) else None

    def show(self) -> None:
        from medguide.bot.faces.app.screens.results import result_view

        box = self.query_one("#card-scroll", VerticalScroll)
        box.remove_children()
        x = self.explanation()
        if x is not None:
            box.mount(ResultCard(result_view(x, self.lang)))

    def refresh_language(self) -> None:
        self.relabel()
        self.show()

    def screen_words(self) -> str:
        x = self.explanation()
        if x is None:
            return ""
        return "\n".join([x.headline, *x.why, *x.next_steps, *x.depends, x.gloss or ""])

    def action_help(self) -> None:
        from medguide.bot.faces.app.screens.help import HelpScreen
        from medguide.bot.faces.app.screens.results import results_help

        _ = self.ui._
        x = self.explanation()
        rules = (x.rule,) if x is not None else ()
        self.app.push_screen(HelpScreen(_("Help"), results_help(self.medguide, self.screen_words(), rules), _("Close")))

    def action_close(self) -> None:
        self.dismiss()

    @on(Button.Pressed, "#close")
    def pressed_close(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss()
