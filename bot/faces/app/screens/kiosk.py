"""Kiosk pieces: "Are you still there?" with its countdown, and the staff PIN prompt."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Callable, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button

from medguide.bot.words.i18n import Lang
from medguide.bot.faces.app.widgets import Plain, SafeInput

if TYPE_CHECKING:
    from medguide.bot.faces.app.pin import PinGuard


class IdleCountdown(ModalScreen[bool]):
    """Counts down; any key or click dismisses with False ("still here"). The app dismisses with True at zero."""

    def __init__(self, lang: Lang, seconds: int) -> None:
        super().__init__()
        self.lang = lang
        self.seconds = seconds

    def compose(self) -> ComposeResult:
        _ = self.lang._
        with Vertical(id="dialog", classes="countdown"):
            yield Plain(_("Are you still there?"), classes="dialog-title")
            yield Plain(self.message(), id="countdown")
            yield Button(Text(_("I am still here")), id="here", variant="primary")

    def message(self) -> str:
        return self.lang.n_(
            "Your answers will be cleared in {n} second. Press any key to keep going.",
            "Your answers will be cleared in {n} seconds. Press any key to keep going.",
            self.seconds,
        ).format(n=self.seconds)

    def on_mount(self) -> None:
        self.query_one("#here", Button).focus()

    def count(self, seconds: int) -> None:
        if seconds != self.seconds:
            self.seconds = seconds
            self.query_one("#countdown", Plain).show(self.message())

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss(False)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.dismiss(False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(False)


class PinPrompt(ModalScreen[bool]):
    """Staff only: the PIN closes the kiosk. ``check`` compares with the stored hash; True when it matched.

    ``guard`` (a :class:`~medguide.bot.faces.app.pin.PinGuard`) makes each try after the third wrong
    PIN wait longer; while it waits, the box is disabled and says how long is left.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, lang: Lang, check: Callable[[str], bool], pin_set: bool, guard: PinGuard | None = None) -> None:
        super().__init__()
        self.lang = lang
        self.check = check
        self.pin_set = pin_set
        self.guard = guard

    def compose(self) -> ComposeResult:
        _ = self.lang._
        with Vertical(id="dialog", classes="pin"):
            yield Plain(_("Staff only"), classes="dialog-title")
            if self.pin_set:
                yield Plain(_("Type the staff PIN to close the kiosk."))
                yield SafeInput(password=True, id="pin", max_length=64)
            else:
                yield Plain(_("No staff PIN is set. Set one with: medguide kiosk --set-pin"))
            yield Plain("", id="pin-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(Text(_("Cancel")), id="cancel", variant="primary")

    def on_mount(self) -> None:
        for box in self.query("#pin").results(SafeInput):
            box.focus()
        self.set_interval(1.0, self.count_down, name="pin-wait")
        self.count_down()

    def waiting(self) -> float:
        return self.guard.wait() if self.guard is not None else 0.0

    def count_down(self, wrong: bool = False) -> None:
        """Show the wait (and keep the box shut) while there is one."""
        left = math.ceil(self.waiting())
        for box in self.query("#pin").results(SafeInput):
            box.disabled = left > 0
            if not left and self._waited:
                box.focus()
        error = self.query_one("#pin-error", Plain)
        not_right = self.lang._("That PIN is not right.")
        if left:
            words = self.lang.n_("Too many wrong PINs. Try again in {n} second.", "Too many wrong PINs. Try again in {n} seconds.", left)
            error.show((not_right + " " if wrong else "") + words.format(n=left))
        elif wrong:
            error.show(not_right)
        elif self._waited:
            error.show("")
        self._waited = left > 0

    _waited = False

    def action_cancel(self) -> None:
        self.dismiss(False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(False)

    def on_input_submitted(self, event: SafeInput.Submitted) -> None:
        event.stop()
        event.input.value = ""
        if self.waiting() > 0:  # not even checked while the wait lasts
            self.count_down()
            return
        if self.check(event.value):
            if self.guard is not None:
                self.guard.succeeded()
            self.dismiss(True)
            return
        if self.guard is not None:
            self.guard.failed()
        self.count_down(wrong=True)
