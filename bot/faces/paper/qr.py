"""The summary as QR codes for a phone, through segno: byte mode, UTF-8 with an ECI header, so every
language survives any reader. Nothing is stored or sent: the code is drawn on the screen and forgotten.

A terminal shows two modules a cell (the upper and lower half blocks), so a code of N modules with
its quiet zone takes N + 2*border columns and half as many rows. When the text is too long for the
largest code the screen can hold, it is split at line ends into several codes ("1 of 3"): each one is
plain text a phone keeps as it is, and the parts put together in order give the whole text back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import segno

BORDER = 2
"""The light quiet zone around each code, in modules (the standard asks 4; readers take 2 on a screen)."""
ERROR = "L"
"""Error correction: the lowest, for the most text a screen can hold (a screen is not a crumpled page)."""


@dataclass(frozen=True)
class Code:
    text: str
    """What this code holds (a part of the summary, or a calendar event)."""
    qr: segno.QRCode

    @property
    def version(self) -> int:
        return int(self.qr.version)  # type: ignore[arg-type]

    @property
    def modules(self) -> int:
        return self.qr.symbol_size(scale=1, border=0)[0]


def make(text: str, max_version: int = 40) -> Code | None:
    """One code holding ``text`` (UTF-8, ECI), or None when it needs a version above ``max_version``."""
    try:
        qr = segno.make_qr(text, error=ERROR, mode="byte", encoding="utf-8", eci=True, boost_error=False,
                           version=None)
    except segno.DataOverflowError:
        return None
    if int(qr.version) > max_version:  # type: ignore[arg-type]
        return None
    return Code(text, qr)


def largest_version(columns: int, rows: int) -> int:
    """The largest QR version whose code, with its quiet zone, fits ``columns`` x ``rows`` cells (0: none fits)."""
    best = 0
    for version in range(1, 41):
        size = 17 + 4 * version + 2 * BORDER
        if size <= columns and (size + 1) // 2 <= rows:
            best = version
    return best


def split(text: str, max_version: int) -> list[Code]:
    """``text`` in as few codes as fit ``max_version``, cut after line ends where it can (a line too long for one
    code is cut where it must be); the codes' texts put together in order are ``text`` exactly."""
    if max_version < 1:
        return []
    whole = make(text, max_version)
    if whole is not None:
        return [whole]
    codes: list[Code] = []
    part = ""
    for piece in re.findall(r"[^\n]*\n|[^\n]+$", text):
        if make(part + piece, max_version) is not None:
            part += piece
            continue
        if part:
            codes.append(make(part, max_version))  # type: ignore[arg-type]
        part = piece
        while make(part, max_version) is None:  # one line longer than a code holds: cut it by characters
            cut = len(part)
            while cut > 1 and make(part[:cut], max_version) is None:
                cut = cut * 7 // 8
            space = part.rfind(" ", 0, cut)
            if space > cut // 2:
                cut = space + 1  # between words, the space kept with the first part
            codes.append(make(part[:cut], max_version))  # type: ignore[arg-type]
            part = part[cut:]
    if part:
        codes.append(make(part, max_version))  # type: ignore[arg-type]
    return codes


def matrix(code: Code, border: int = BORDER) -> list[list[bool]]:
    """The modules with the quiet zone, True for dark."""
    return [[bool(v) for v in row] for row in code.qr.matrix_iter(scale=1, border=border)]


def half_blocks(code: Code, border: int = BORDER) -> list[str]:
    """The code as text lines, two modules a cell: dark modules as the terminal's foreground colour.

    Drawn for dark-on-light: the widget shows it black on white, whatever the theme.
    """
    rows = matrix(code, border)
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    lines = []
    for top, bottom in zip(rows[::2], rows[1::2]):
        lines.append("".join("█" if t and b else "▀" if t else "▄" if b else " " for t, b in zip(top, bottom)))
    return lines
