"""Plain: text a person typed or a catalog gave, shown exactly as text.

Rich/Textual markup such as ``[bold]`` or ``[link=...]`` is not read, and control
characters (the escape that starts a terminal sequence among them) are shown as
visible symbols (``␛``), never sent to the terminal.
"""

from __future__ import annotations

from textual.widgets import Static

_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}
_PICTURES[0x7F] = "\u2421"  # ␡
_PICTURES.update({code: "\ufffd" for code in range(0x80, 0xA0)})  # C1 controls (CSI among them)


def safe(text: str) -> str:
    """``text`` with every control character replaced by a visible symbol (newlines kept)."""
    if text.isprintable():
        return text
    return "\n".join(line.translate(_PICTURES) for line in text.split("\n"))


def strip_controls(text: str) -> str:
    """``text`` without control characters (for what goes into an input box)."""
    if text.isprintable():
        return text
    return "".join(ch for ch in text if ord(ch) not in _PICTURES)


class Plain(Static):
    """A Static that never interprets markup or escape sequences."""

    DEFAULT_CSS = """
    Plain {
        height: auto;
    }
    """

    def __init__(self, text: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(safe(text), markup=False, id=id, classes=classes)
        self.text = text

    def show(self, text: str) -> None:
        """Replace the text (shown as it is, never as markup)."""
        if text != self.text:
            self.text = text
            self.update(safe(text))
