"""KeyHints: the footer line of keys, in the session's language, each hint clickable."""

from __future__ import annotations

from textual.markup import escape
from textual.widgets import Static


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

    def show(self, hints: list[tuple[str, str, str]]) -> None:
        """``hints``: (key shown, label in the session's language, action such as ``screen.help``)."""
        hints_t = tuple(hints)
        if hints_t == self.hints:
            return
        self.hints = hints_t
        parts = [
            f"[@click={action}][b $footer-key-foreground]{escape(key)}[/] {escape(label)}[/]" for key, label, action in hints_t
        ]
        self.update("  ".join(parts))
