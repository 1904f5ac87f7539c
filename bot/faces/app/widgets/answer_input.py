"""AnswerInput: the answer widget that fits the question's type.

money, whole, number, date, month_day and text get a :class:`SafeInput` (money and
numbers checked as they are typed, by the engine's own reader for the session's
language); yesno and choice get a :class:`ChoiceSet`; a note needs no answer.
Whatever the widget, Enter posts :class:`AnswerInput.Submitted` with the text the
engine reads ("1", "2"... for a choice).

From one question to the next the widget is kept and updated in place when it fits
(an amount after an amount, three choices after three choices): a new question then
costs a few label updates instead of a new subtree, and the focus does not move.
"""

from __future__ import annotations

from typing import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.validation import ValidationResult, Validator
from textual.widgets import Input

from medguide.bot.faces.app.widgets.choice_set import ChoiceSet
from medguide.bot.faces.app.widgets.plain import Plain
from medguide.bot.faces.app.widgets.safe_input import SafeInput

TYPED = ("money", "whole", "number", "date", "month_day", "text")
CHOSEN = ("yesno", "choice")
CHECKED_WHILE_TYPING = ("money", "whole", "number")


class _Check(Validator):
    """Wraps a check that returns an error message, or None when the text reads well."""

    def __init__(self, check: Callable[[str], str | None]) -> None:
        super().__init__()
        self.check = check

    def validate(self, value: str) -> ValidationResult:
        if not value.strip():
            return self.success()  # an empty box is not wrong yet
        message = self.check(value)
        return self.success() if message is None else self.failure(message)


class AnswerInput(Vertical):
    """Holds one answer widget; ``kind`` is the question's type."""

    DEFAULT_CSS = """
    AnswerInput {
        height: 6;  /* the same for every question (4 choices and a border): nothing below it jumps */
        ChoiceSet { height: 100%; width: 100%; }
        #example { color: $text-muted; text-style: italic; padding: 0 2; height: 1; }
    }
    """

    class Submitted(Message):
        """The person pressed Enter on their answer; ``text`` is what the engine reads."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class NothingToType(Message):
        """A note: no answer widget, so whoever shows the card gives the focus to its Continue button."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind = ""
        self.box = SafeInput(classes="answer-box", select_on_focus=False)
        self.example = Plain("", id="example")
        """An example answer right under the box ("For example: 3"): a hint, never text in the box."""
        self.choices = ChoiceSet(classes="answer-choices")
        self.box.display = False
        self.example.display = False
        self.choices.display = False

    def compose(self) -> ComposeResult:
        yield self.box
        yield self.example
        yield self.choices

    @property
    def widget(self) -> SafeInput | ChoiceSet | None:
        """The widget this question answers with (None for a note)."""
        if self.kind in TYPED:
            return self.box
        if self.kind in CHOSEN:
            return self.choices
        return None

    def show(
        self,
        kind: str,
        choices: tuple[str, ...] = (),
        value: str = "",
        placeholder: str = "",
        check: Callable[[str], str | None] | None = None,
        example: str = "",
    ) -> None:
        """Show the widget for ``kind`` holding ``value`` (a choice's label for choices), and give it the focus."""
        self.kind = kind
        box, choice_set = self.box, self.choices
        if kind in TYPED:
            box.validators = [_Check(check)] if check else []
            box.validate_on = set(["changed", "submitted"] if kind in CHECKED_WHILE_TYPING else ["submitted"])  # type: ignore[assignment]
            box.placeholder = placeholder
            with box.prevent(Input.Changed):
                box.value = value
            box.cursor_position = len(value)
            box.remove_class("-invalid", "-valid")
        elif kind in CHOSEN:
            choice_set.relabel(choices, choices.index(value) if value in choices else None)
        box.display = kind in TYPED
        self.example.show(example)
        self.example.display = kind in TYPED and bool(example)
        choice_set.display = kind in CHOSEN
        widget = self.widget
        if widget is None:
            self.post_message(self.NothingToType())
        elif not widget.has_focus:
            widget.focus(scroll_visible=False)  # the card shows it already; scrolling would cost a second frame

    def text(self) -> str | None:
        """The answer as it stands (None for a choice not yet made)."""
        widget = self.widget
        if isinstance(widget, Input):
            return widget.value
        if isinstance(widget, ChoiceSet):
            index = widget.pressed_index
            return str(index + 1) if index >= 0 else None
        return ""

    def focus_answer(self) -> bool:
        widget = self.widget
        if widget is None:
            return False
        widget.focus()
        return True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))

    def on_choice_set_submitted(self, event: ChoiceSet.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(str(event.index + 1)))
