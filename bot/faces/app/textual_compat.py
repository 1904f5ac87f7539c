"""The one place medguide depends on private names of Textual (issue 12), each for want of a public API.

``tests/test_textual_compat.py`` fails when Textual renames them, stops using them, or changes what they mean.

**The crash report.** Textual has no public hook for "an unhandled error is about to end the app". ``App._handle_exception``
calls ``App._fatal_error``, which renders a Rich traceback *with local variables* (a parent's
answers, a caller's label) into the lines printed when the app exits. :class:`CrashReport`
overrides that one method and hands over to the public ``App.panic`` with what the app chooses
to show (its :meth:`crash_report`).

**The highlighted choice of a RadioSet.** ``RadioSet`` keeps the highlighted button's index in its
private reactive ``_selected`` and the pressed button in ``_pressed_button``, with no public way to
set either (only to read the pressed one). The choices widget moves the highlight itself (1-9, the
arrows past hidden spare buttons) and relabels its buttons for each question without posting
messages, so :class:`RadioCursor` gives it :attr:`~RadioCursor.cursor` and
:meth:`~RadioCursor.press_quietly`, and turns off ``_scroll_to_selected`` (the set fits its
choices and is never scrolled; the call costs a frame). Everything else uses public API.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.widgets import RadioButton

HOOK = "_fatal_error"
"""The private method of ``textual.app.App`` overridden here."""
RADIO_NAMES = ("_selected", "_pressed_button", "_scroll_to_selected")
"""The private names of ``textual.widgets.RadioSet`` used by :class:`RadioCursor`."""


class CrashReport:
    """Mixed into the App (before ``App``): an unhandled error shows :meth:`crash_report`, then the app exits."""

    def crash_report(self) -> list[RenderableType]:  # pragma: no cover - the app defines it
        raise NotImplementedError

    def _fatal_error(self) -> None:
        self.bell()  # type: ignore[attr-defined]
        self.panic(*self.crash_report())  # type: ignore[attr-defined]


class RadioCursor:
    """Mixed into a ``RadioSet`` subclass (before ``RadioSet``): the highlighted choice, read and set."""

    @property
    def cursor(self) -> int | None:
        """The index of the highlighted button (None: none)."""
        return self._selected  # type: ignore[attr-defined]

    @cursor.setter
    def cursor(self, index: int | None) -> None:
        self._selected = index

    def press_quietly(self, button: RadioButton | None) -> None:
        """Make ``button`` the pressed one (its value set by the caller) without the messages a click posts."""
        self._pressed_button = button

    def _scroll_to_selected(self) -> None:
        """Never scroll to the highlighted button (the set is as tall as its choices)."""
