"""The engine, made in a thread while the parent reads the first screen.

Making the engine imports pydantic, the rules, yaml and transitions and validates the interview:
at start-up that costs about as much again as Textual. Neither the language screen nor the first
question needs it (``medguide.bot.guide.first_question``), so the app shows its first screen, then
starts this; whatever needs the engine first waits for it only if it is not done yet, and makes it
there and then if it was never started.
"""

from __future__ import annotations

import threading
from typing import Callable, Generic, TypeVar

T = TypeVar("T")


class Background(Generic[T]):
    """One value made once: in a thread after :meth:`start`, or by the first :meth:`result` if never started."""

    def __init__(self, make: Callable[[], T], failed: Callable[[], None] | None = None) -> None:
        self._make = make
        self._failed = failed
        """Called in the thread when making the value raised (the app then raises it on its own loop)."""
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._done = False
        self._value: T | None = None
        self._error: BaseException | None = None

    @property
    def done(self) -> bool:
        """Whether the value is made (or failed): :meth:`result` returns at once."""
        return self._done

    @property
    def started(self) -> bool:
        """Whether :meth:`start` was called, or the value made."""
        return self._done or self._thread is not None

    def start(self) -> None:
        """Make the value in a thread (a no-op when it is made, or being made)."""
        with self._lock:
            if self._done or self._thread is not None:
                return
            self._thread = threading.Thread(target=self._run, args=(True,), name="medguide-engine")
            self._thread.start()

    def result(self) -> T:
        """The value: made here if it was never started, else waited for; its error raised again here."""
        with self._lock:
            thread = self._thread
            if thread is None and not self._done:
                self._run(False)
        if thread is not None and not self._done:  # done: the thread may still be telling the app it failed
            thread.join()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]

    def _run(self, in_thread: bool) -> None:
        try:
            self._value = self._make()
        except BaseException as exc:  # raised again by result(), in the thread that asks
            self._error = exc
        finally:
            self._done = True
        if in_thread and self._error is not None and self._failed is not None:
            self._failed()
