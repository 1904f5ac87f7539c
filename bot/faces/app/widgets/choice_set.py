"""ChoiceSet: a RadioSet where Enter answers with the highlighted choice and 1-9 pick one.

The set keeps its buttons from one question to the next: a question with fewer choices
hides (and disables) the extra buttons, so a new question relabels a few widgets
instead of building new ones.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import RadioButton, RadioSet

from medguide.bot.faces.app.textual_compat import RadioCursor
from medguide.bot.faces.app.widgets.plain import safe


class ChoiceSet(RadioCursor, RadioSet):
    """The choices of one question; the labels come from the catalogs and are shown as plain text."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,right", "next_button", "Next option", show=False),
        Binding("up,left", "previous_button", "Previous option", show=False),
        Binding("space", "toggle_button", "Choose", show=False),
        Binding("enter", "submit", "Answer", show=False),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | up, down, left, right | Move between the choices. |
    | space | Choose the highlighted choice. |
    | enter | Choose the highlighted choice and answer with it. |
    | 1-9 | Choose that choice. |
    """

    class Submitted(Message):
        """Enter was pressed on a choice."""

        def __init__(self, choice_set: "ChoiceSet", index: int) -> None:
            super().__init__()
            self.choice_set = choice_set
            self.index = index

        @property
        def control(self) -> "ChoiceSet":
            return self.choice_set

    def __init__(self, labels: tuple[str, ...] = (), pressed: int | None = None, *, pool: int = 4,
                 id: str | None = None, classes: str | None = None) -> None:
        size = max(pool, len(labels))
        buttons = [RadioButton(Text(self._label(i, labels[i])) if i < len(labels) else "", value=(i == pressed))
                   for i in range(size)]
        for button in buttons[len(labels):]:
            button.display = False
        super().__init__(*buttons, id=id, classes=classes)
        self.count = len(labels)
        self._initial = pressed

    @staticmethod
    def _label(index: int, label: str) -> str:
        return f"{index + 1}. {safe(label)}"

    def on_mount(self) -> None:
        if self._initial is not None:
            self.cursor = self._initial

    def relabel(self, labels: tuple[str, ...], pressed: int | None) -> None:
        """Show ``labels`` (another question's choices) with ``pressed`` (or none) chosen."""
        buttons = list(self.query(RadioButton).results(RadioButton))
        if len(labels) > len(buttons):
            extra = [RadioButton("") for _ in range(len(labels) - len(buttons))]
            self.mount_all(extra)
            for button in extra:
                button.can_focus = False
            buttons += extra
        with self.prevent(RadioButton.Changed, RadioSet.Changed):
            for i, button in enumerate(buttons):
                used = i < len(labels)
                if used:
                    label = self._label(i, labels[i])
                    if str(button.label) != label:  # a new label lays the set out again: only when it differs
                        button.label = Text(label)
                button.value = used and i == pressed
                if button.display != used:
                    button.display = used
            self.press_quietly(buttons[pressed] if pressed is not None else None)
        self.count = len(labels)
        self.cursor = pressed if pressed is not None else 0

    def action_next_button(self) -> None:
        """Down: the next choice of this question (hidden spare buttons are skipped), wrapping round."""
        if self.count:
            self.cursor = 0 if self.cursor is None else (self.cursor + 1) % self.count

    def action_previous_button(self) -> None:
        if self.count:
            self.cursor = self.count - 1 if self.cursor is None else (self.cursor - 1) % self.count

    @property
    def highlighted(self) -> int | None:
        return self.cursor

    def action_pick(self, number: int) -> None:
        if 1 <= number <= self.count:
            self.cursor = number - 1
            self.action_toggle_button()

    def action_submit(self) -> None:
        index = self.cursor
        if index is None or index >= self.count:
            return
        button = self.children[index]
        assert isinstance(button, RadioButton)
        if not button.value:
            button.value = True
        self.post_message(self.Submitted(self, index))
