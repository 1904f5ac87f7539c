"""The kiosk starts only in a clean environment: nothing that changes how Textual or Python behave.

Textual reads ``TEXTUAL_*`` when it is imported and when the app starts (``TEXTUAL_SCREENSHOT``
saves the parent's screen to disk and quits without the PIN, ``TEXTUAL_PRESS`` types keys,
``TEXTUAL_DRIVER`` imports any module named in it, ``TEXTUAL`` turns on devtools). Python reads
``PYTHON*`` at start-up and at exit (``PYTHONINSPECT`` leaves a ``>>>`` prompt after the app
ends; ``PYTHONSTARTUP``, ``PYTHONBREAKPOINT``, ``PYTHONWARNINGS``, ...). Some of them act before
any code of ours runs, so clearing them in place is not enough: ``medguide kiosk`` starts
itself again (``exec``, the same process id) without them, before Textual is imported.
Only what the interpreter may need to find itself and its encoding is kept.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

KEEP = frozenset({"PYTHONHOME", "PYTHONUTF8", "PYTHONIOENCODING"})
"""``PYTHON*`` variables the kiosk keeps: where the interpreter is, and its text encoding."""
MARK = "MEDGUIDE_KIOSK_CLEANED"
"""Set on the one restart, so an environment that cannot be cleaned is refused instead of looping."""


def unsafe(environ: Mapping[str, str]) -> list[str]:
    """The variables the kiosk will not run with, in a stable order."""
    return sorted(name for name in environ
                  if name.startswith("TEXTUAL") or (name.startswith("PYTHON") and name not in KEEP))


def interpreter_flags() -> list[str]:
    """Command-line flags that leave a Python prompt when the app ends (``python -i``)."""
    return [f"-{letter}" for flag, letter in (("inspect", "i"), ("interactive", "i")) if getattr(sys.flags, flag)][:1]


def clean_start(args: list[str]) -> str | None:
    """Start ``medguide kiosk ARGS`` again without the unsafe variables, or return why it cannot (None: clean)."""
    found = unsafe(os.environ) + interpreter_flags()
    cleaned = os.environ.pop(MARK, None)
    if not found:
        return None
    if cleaned:
        return f"the kiosk will not start with {', '.join(found)} (they change how it behaves, and they came back)"
    env = {name: value for name, value in os.environ.items() if name not in found}
    env[MARK] = "1"
    sys.stderr.write(f"medguide kiosk: starting without {', '.join(found)} (they change how the kiosk behaves)\n")
    sys.stderr.flush()
    os.execve(sys.executable, [sys.executable, "-m", "medguide.bot.cli", "kiosk", *args], env)
    return "exec failed"  # pragma: no cover - execve does not return
