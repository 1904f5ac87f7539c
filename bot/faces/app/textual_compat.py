"""The one place medguide depends on a private name of Textual (issue 12).

Textual has no public hook for "an unhandled error is about to end the app". ``App._handle_exception``
calls ``App._fatal_error``, which renders a Rich traceback *with local variables* (a parent's
answers, a caller's label) into the lines printed when the app exits. :class:`CrashReport`
overrides that one method and hands over to the public ``App.panic`` with what the app chooses
to show (its :meth:`crash_report`). Everything else uses public API.

``tests/test_textual_compat.py`` fails when Textual renames or stops calling the hook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import RenderableType

HOOK = "_fatal_error"
"""The private method of ``textual.app.App`` overridden here."""


class CrashReport:
    """Mixed into the App (before ``App``): an unhandled error shows :meth:`crash_report`, then the app exits."""

    def crash_report(self) -> list[RenderableType]:  # pragma: no cover - the app defines it
        raise NotImplementedError

    def _fatal_error(self) -> None:
        self.bell()  # type: ignore[attr-defined]
        self.panic(*self.crash_report())  # type: ignore[attr-defined]
