"""What makes parent, kiosk and desk differ: one small object each (issue 12).

The app asks its mode, never checks it: ``app.mode.can_save``, ``app.mode.first_screen()``,
``await app.mode.quit()``. Each mode is a :class:`Mode` subclass:

| mode | class | command |
|---|---|---|
| ``parent`` | :class:`ParentMode` | ``medguide`` |
| ``kiosk`` | :class:`KioskMode` | ``medguide kiosk`` |
| ``desk`` | :class:`DeskMode` | ``medguide desk`` |
"""

from __future__ import annotations

from medguide.bot.faces.app.modes.base import Mode, ModeName, ParentMode
from medguide.bot.faces.app.modes.desk import DeskMode
from medguide.bot.faces.app.modes.kiosk import KioskMode

MODES: dict[str, type[Mode]] = {"parent": ParentMode, "kiosk": KioskMode, "desk": DeskMode}
"""Each mode by the name the command line and ``MedguideApp(mode=...)`` use."""


def mode_class(name: str) -> type[Mode]:
    try:
        return MODES[name]
    except KeyError:
        raise ValueError(f"unknown mode {name!r}") from None


__all__ = ["DeskMode", "KioskMode", "MODES", "Mode", "ModeName", "ParentMode", "mode_class"]
