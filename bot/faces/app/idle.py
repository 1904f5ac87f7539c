"""The kiosk's idle clock: quiet for ``idle_seconds``, then a countdown, then the wipe.

Pure and driven by an injected monotonic clock, so tests move time by hand::

    watch = IdleWatch(clock, idle_seconds=300, countdown_seconds=60)
    watch.touch()             # any key or click
    watch.phase()             # ("active", None) | ("countdown", seconds left) | ("expired", 0)
"""

from __future__ import annotations

import math
from typing import Callable, Literal

Phase = Literal["active", "countdown", "expired"]


class IdleWatch:
    def __init__(self, clock: Callable[[], float], idle_seconds: float = 300, countdown_seconds: float = 60):
        self.clock = clock
        self.idle_seconds = idle_seconds
        self.countdown_seconds = countdown_seconds
        self.last = clock()

    def touch(self) -> None:
        """Someone is there: start the quiet time again."""
        self.last = self.clock()

    def quiet(self) -> float:
        return self.clock() - self.last

    def phase(self) -> tuple[Phase, int | None]:
        quiet = self.quiet()
        if quiet < self.idle_seconds:
            return "active", None
        left = self.idle_seconds + self.countdown_seconds - quiet
        if left > 0:
            return "countdown", math.ceil(left)
        return "expired", 0
