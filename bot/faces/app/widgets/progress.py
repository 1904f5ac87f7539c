"""StepProgress: "Step n of about m" with a bar."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar

from medguide.bot.faces.app.widgets.plain import Plain


class StepProgress(Horizontal):
    DEFAULT_CSS = """
    StepProgress {
        height: 1;
        padding: 0 2;
        #step { width: auto; margin: 0 2 0 0; }
        ProgressBar { width: 1fr; }
        Bar { width: 1fr; }
    }
    """

    def compose(self) -> ComposeResult:
        yield Plain("", id="step")
        yield ProgressBar(total=1, show_percentage=False, show_eta=False)

    def show(self, label: str, done: int, total: int) -> None:
        """``label`` is the translated "Step n of about m"; the bar shows ``done`` of ``total``."""
        self.query_one("#step", Plain).show(label)
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done)
