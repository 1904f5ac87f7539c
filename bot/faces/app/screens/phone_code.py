"""PhoneCode: the summary as QR codes a parent scans with a phone; nothing stored, nothing sent.

The codes are as large as the screen allows; a summary too long for one is shown as several
("Code 1 of 3"), each plain text, then the next deadline as a calendar event when it fits in one.
Drawn black on white in every theme, so a phone's camera reads it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from medguide.bot.faces.app.widgets import Plain
from medguide.bot.faces.paper.qr import Code, half_blocks, largest_version, make, split

ON_PAPER = Style(color="black", bgcolor="white")


def phone_codes(text: str, event: str | None, columns: int, rows: int) -> list[Code]:
    """The codes for ``text`` (and ``event``, a calendar entry, when it fits one code) on ``columns`` x ``rows`` cells."""
    version = largest_version(columns, rows)
    codes = split(text, version)
    if event:
        extra = make(event, version)
        if extra is not None:
            codes.append(extra)
    return codes


class PhoneCode(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f10,q", "close", show=False),
        Binding("right,enter,space,pagedown,n", "next", show=False),
        Binding("left,pageup,p,backspace", "previous", show=False),
    ]

    DEFAULT_CSS = """
    PhoneCode { align: center top; background: $background; }
    PhoneCode #code { width: auto; height: auto; }
    PhoneCode #code-caption { width: 100%; height: 2; padding: 0 1; text-align: center; }
    """

    def __init__(self, text: str, event: str | None, caption: str, part: str, event_caption: str) -> None:
        super().__init__()
        self.text = text
        self.event = event
        self.caption = caption
        """What to do ("Scan it with your phone's camera ...")."""
        self.part = part
        """ "Code {n} of {count}" in the person's language."""
        self.event_caption = event_caption
        self.codes: list[Code] = []
        self.index = 0

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Plain("", id="code-caption")
            yield Static("", id="code")

    def on_mount(self) -> None:
        self._layout()

    def on_resize(self) -> None:
        self._layout()

    def _layout(self) -> None:
        width, height = self.app.size
        self.codes = phone_codes(self.text, self.event, width, height - 2)
        self.index = min(self.index, max(len(self.codes) - 1, 0))
        self._draw()

    def _draw(self) -> None:
        caption = self.query_one("#code-caption", Plain)
        if not self.codes:
            caption.show(self.caption)
            self.query_one("#code", Static).update("")
            return
        code = self.codes[self.index]
        is_event = self.event is not None and code.text == self.event
        first = self.event_caption if is_event else self.caption
        count = len(self.codes)
        caption.show(first if count == 1 else f"{self.part.format(n=self.index + 1, count=count)} {first}")
        self.query_one("#code", Static).update(Text("\n".join(half_blocks(code)), style=ON_PAPER, no_wrap=True))

    @property
    def shown(self) -> Code | None:
        """The code on the screen now (tests decode it)."""
        return self.codes[self.index] if self.codes else None

    def action_next(self) -> None:
        if self.index + 1 < len(self.codes):
            self.index += 1
            self._draw()
        else:
            self.dismiss(None)

    def action_previous(self) -> None:
        if self.index:
            self.index -= 1
            self._draw()

    def action_close(self) -> None:
        self.dismiss(None)
