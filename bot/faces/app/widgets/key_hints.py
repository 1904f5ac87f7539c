"""KeyHints: the footer of keys, in the session's language, each hint clickable.

Hints are packed whole into at most two lines at the footer's width, so "F5 I don't know" is never
broken across lines or cut off; hints that do not fit (the last ones: the least needed) are left out
of the footer and stay in Help (F1).
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.markup import escape
from textual.widgets import Static

MAX_LINES = 2
GAP = "  "


def pack(hints: tuple[tuple[str, str, str], ...], width: int, lines: int = MAX_LINES) -> list[list[tuple[str, str, str]]]:
    """The hints in order, whole, in at most ``lines`` lines of ``width`` cells; the ones at the end that do not fit are dropped."""
    rows: list[list[tuple[str, str, str]]] = [[]]
    used = 0
    for hint in hints:
        size = cell_len(f"{hint[0]} {hint[1]}")
        extra = size if not rows[-1] else size + len(GAP)
        if used + extra <= width:
            rows[-1].append(hint)
            used += extra
            continue
        if len(rows) == lines or size > width:
            break
        rows.append([hint])
        used = size
    return [row for row in rows if row]


class KeyHints(Static):
    """Shows (key, label, action) hints; a click runs the action as the key would."""

    DEFAULT_CSS = """
    KeyHints {
        height: auto;
        max-height: 2;
        background: $footer-background;
        color: $footer-foreground;
        padding: 0 1;
        link-style: none;
        link-background-hover: $footer-key-background;
        link-style-hover: bold;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.hints: tuple[tuple[str, str, str], ...] = ()
        self.shown: list[list[tuple[str, str, str]]] = []
        """The hints as packed into lines at the last width."""
        self._width = 0

    def show(self, hints: list[tuple[str, str, str]]) -> None:
        """``hints``: (key shown, label in the session's language, action such as ``screen.help``), most needed first."""
        hints_t = tuple(hints)
        if hints_t == self.hints:
            return
        self.hints = hints_t
        self._draw()

    def _room(self) -> int:
        width = self.content_size.width if self.is_mounted and self.content_size.width else 0
        if not width:
            width = (self.app.size.width if self.is_attached else 80) - 2
        return max(width, 10)

    def _draw(self) -> None:
        self._width = self._room()
        self.shown = pack(self.hints, self._width)
        lines = [GAP.join(f"[@click={action}][b $footer-key-foreground]{escape(key)}[/] {escape(label)}[/]"
                          for key, label, action in row) for row in self.shown]
        self.update("\n".join(lines))

    def on_resize(self, event: events.Resize) -> None:
        if self._room() != self._width:
            self._draw()
