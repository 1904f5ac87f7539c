"""SafeInput: an Input that keeps control characters out of its value (pasted escapes among them)."""

from __future__ import annotations

from textual.widgets import Input

from medguide.bot.faces.app.widgets.plain import strip_controls


class SafeInput(Input):
    """Whatever is typed or pasted, the value never holds a control character."""

    def validate_value(self, value: str) -> str:
        return strip_controls(value)
