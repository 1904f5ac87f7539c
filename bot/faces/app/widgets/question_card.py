"""QuestionCard: one question, large and clear, with the answer widget that fits it.

Above the question it says back the answer just accepted ("You answered: April 5, 2023").
When the guide asks back about an answer (two readings, or an unusual value), the card
shows what is asked and the options as choices, with a last one to type the answer again;
choosing posts :class:`QuestionCard.Chosen`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive

from medguide.bot.faces.app.widgets.answer_input import AnswerInput
from medguide.bot.faces.app.widgets.plain import Plain


@dataclass(frozen=True)
class QuestionView:
    """What the card shows: every string already in the session's language."""

    qid: str
    kind: str
    ask: str
    help: str = ""
    choices: tuple[str, ...] = ()
    prefill: str = ""
    example: str = ""
    """An example answer shown under the box as a hint ("For example: 3"), never inside it where it looks typed."""
    hint: str = ""
    check: Callable[[str], str | None] | None = None
    echo: str = ""
    """The answer just accepted, said back in words ("You answered: April 5, 2023"), or ""."""


class QuestionCard(VerticalScroll, can_focus=False):
    """Shows a :class:`QuestionView`; posts :class:`QuestionCard.Answered` and never calls the engine."""

    DEFAULT_CSS = """
    QuestionCard {
        height: 1fr;
        padding: 0 2;
        #ask { text-style: bold; margin: 1 0 0 0; }
        #help { color: $text-muted; }
        #hint { color: $text-muted; }
        #error { color: $text-error; text-style: bold; }
        #echo { color: $text-success; }
        #asked { color: $text-warning; text-style: bold; }
        .-empty { display: none; }
        AnswerInput { margin: 1 0 0 0; }
    }
    """

    error: reactive[str] = reactive("")
    """Why the last answer was not accepted, in the session's language ("" when none)."""

    class Answered(Message):
        """An answer to give the engine: ``text`` as typed, or a choice's number."""

        def __init__(self, card: "QuestionCard", qid: str, text: str) -> None:
            super().__init__()
            self.card = card
            self.qid = qid
            self.text = text

        @property
        def control(self) -> "QuestionCard":
            return self.card

    class Chosen(Message):
        """One of the options asked back was chosen: ``index`` into them (0-based)."""

        def __init__(self, card: "QuestionCard", qid: str, index: int) -> None:
            super().__init__()
            self.card = card
            self.qid = qid
            self.index = index

        @property
        def control(self) -> "QuestionCard":
            return self.card

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view: QuestionView | None = None
        self.asking: tuple[str, ...] | None = None
        """The options asked back, while they are shown (the last choice on screen is "type it again")."""
        self._retype = ""

    def compose(self) -> ComposeResult:
        yield Plain("", id="echo", classes="-empty")
        yield Plain("", id="ask")
        yield Plain("", id="help", classes="-empty")
        yield Plain("", id="asked", classes="-empty")
        yield AnswerInput(id="answer")
        yield Plain("", id="hint", classes="-empty")
        yield Plain("", id="error", classes="-empty")

    def _text(self, selector: str, text: str) -> None:
        label = self.query_one(selector, Plain)
        label.show(text)
        label.set_class(not text, "-empty")

    def show(self, view: QuestionView, error: str = "") -> None:
        """Show another question (or the same one again, in another language)."""
        self.view = view
        self.asking = None
        self._text("#asked", "")
        self._text("#echo", view.echo)
        self._text("#ask", view.ask)
        self._text("#help", view.help)
        self._text("#hint", view.hint)
        self.error = error
        self.query_one(AnswerInput).show(view.kind, view.choices, view.prefill, "", view.check, view.example)
        if self.scroll_y:
            self.scroll_home(animate=False)

    def watch_error(self, error: str) -> None:
        if not self.is_mounted:
            return
        self._text("#error", error)
        if error:
            self.call_after_refresh(self.scroll_to_widget, self.query_one("#error"), animate=False)

    def ask_back(self, asked: str, options: tuple[str, ...], again: str, typed: str) -> None:
        """Show what is asked about ``typed`` and ``options`` to choose from, then ``again`` (back to the box)."""
        self.asking = options
        self._retype = typed
        self.error = ""
        self._text("#asked", asked)
        self.query_one(AnswerInput).show("choice", (*options, again))

    def _type_again(self) -> None:
        view = self.view
        self.asking = None
        self._text("#asked", "")
        if view is not None:
            self.query_one(AnswerInput).show(view.kind, view.choices, self._retype, "", view.check, view.example)

    def focus_answer(self) -> None:
        self.query_one(AnswerInput).focus_answer()

    def current_text(self) -> str | None:
        return self.query_one(AnswerInput).text()

    def submit(self) -> bool:
        """Answer with what is in the widget now (the Continue button); False when nothing is chosen."""
        text = self.current_text()
        if text is None or self.view is None:
            return False
        self._send(text)
        return True

    def on_answer_input_submitted(self, event: AnswerInput.Submitted) -> None:
        event.stop()
        self._send(event.text)

    def _send(self, text: str) -> None:
        if self.view is None:
            return
        if self.asking is not None:  # a choice among the options asked back ("1", "2"...), or "type it again"
            index = int(text) - 1
            if index < len(self.asking):
                self.post_message(self.Chosen(self, self.view.qid, index))
            else:
                self._type_again()
            return
        self.post_message(self.Answered(self, self.view.qid, text))
