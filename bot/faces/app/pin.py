"""The kiosk's staff PIN attempts: after 3 wrong PINs each try waits longer, up to 5 minutes, across restarts.

The waits are 30 s after the 3rd wrong PIN, then 60, 120, 240, and 300 s from the 7th on; the
right PIN clears them. The count and the time of the last wrong PIN are kept in an owner-only
file in the data directory (``$XDG_DATA_HOME/medguide/kiosk-pin-attempts.json``), so pulling
the plug does not start the count again. The file holds no PIN and no parent data. A file
that cannot be read counts as 3 wrong PINs (a wait), never as none.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Callable

FREE_TRIES = 3
FIRST_WAIT = 30.0
LONGEST_WAIT = 300.0


def wait_after(failures: int) -> float:
    """Seconds to wait after ``failures`` wrong PINs in a row."""
    if failures < FREE_TRIES:
        return 0.0
    return min(LONGEST_WAIT, FIRST_WAIT * 2 ** (failures - FREE_TRIES))


class PinGuard:
    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.clock = clock
        """Wall-clock seconds: the wait must hold across a restart, so not a monotonic clock."""
        self.failures, self.last = self._read()

    def _read(self) -> tuple[int, float]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            failures, last = int(data["failures"]), float(data["last"])
            if failures < 0:
                raise ValueError(failures)
            return failures, last
        except FileNotFoundError:
            return 0, 0.0
        except (OSError, ValueError, KeyError, TypeError):
            return FREE_TRIES, self.clock()  # tampered with or damaged: wait, never forget

    def _write(self) -> None:
        from medguide.bot.faces.app.config import make_private_dir, write_private

        try:
            make_private_dir(self.path.parent)
            write_private(self.path, json.dumps({"failures": self.failures, "last": self.last}))
        except OSError:
            pass  # a read-only disk: the count still holds until the app stops

    def wait(self) -> float:
        """Seconds before the next PIN may be tried (0: now)."""
        delay = wait_after(self.failures)
        if not delay:
            return 0.0
        left = self.last + delay - self.clock()
        return max(0.0, min(left, delay))  # a clock set back never makes the wait longer than its length

    def failed(self) -> float:
        """A wrong PIN: count it; returns the wait it starts."""
        self.failures += 1
        self.last = self.clock()
        self._write()
        return wait_after(self.failures)

    def succeeded(self) -> None:
        self.failures, self.last = 0, 0.0
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass
