"""QuestionScreen: one question at a time, the progress, Back, Review, help; the desk adds its side panel."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Button

from medguide.bot.faces.app.widgets import AnswerInput, QuestionCard, QuestionView, SidePanel, StepProgress
from medguide.bot.faces.app.screens.base import MedguideScreen

if TYPE_CHECKING:  # the engine and what it reads load in the background (loading.py): imported where used
    from medguide.flows.model import Question

    from medguide.bot.guide.engine import Engine, Reply
    from medguide.bot.guide.first_question import FirstQuestion
    from medguide.bot.words.i18n import Lang


def choice_labels(q: Question, lang: Lang) -> tuple[str, ...]:
    if q.type == "yesno":
        return (lang._("Yes"), lang._("No"))
    from medguide.bot.guide.answers import choice_label

    return tuple(choice_label(q, c.code, lang) for c in q.choices)


def example(q: Question, lang: Lang) -> str:
    """An example answer, written the way this language writes it (shown under the box, never in it)."""
    from medguide.bot.guide.answers import example_answer

    return example_answer(q, lang)


def hint(q: Question | FirstQuestion, lang: Lang) -> str:
    """How to answer, for whoever types: the parent, or desk staff (then in English)."""
    _ = lang._
    if q.type in ("yesno", "choice"):
        return _("Choose with the arrow keys or a number, then press Enter.")
    if q.type == "note":
        return _("Press Enter to go on.")
    from medguide.bot.guide.answers import date_examples

    examples = date_examples(q, lang)  # type: ignore[arg-type]
    if q.type == "date" and examples is not None:
        return _("Type the date, like {numeric} or {written}, then press Enter.").format(numeric=examples[0], written=examples[1])
    if q.type == "month_day" and examples is not None:
        return _("Type the month and day, like {numeric} or {written}, then press Enter.").format(numeric=examples[0], written=examples[1])
    return _("Type your answer, then press Enter.")


def question_view(engine: Engine, keep: str | None = None, ui: Lang | None = None, echo: str = "") -> QuestionView:
    """The current question as the card shows it; ``keep`` is text typed but not yet sent (kept on a language switch).

    ``echo`` says back the answer just accepted.
    """
    from medguide.bot.guide.answers import AnswerError, Ambiguous, parse

    q = engine.current
    assert q is not None
    lang = engine.lang
    labels = choice_labels(q, lang)
    prefill = engine.prefill() if keep is None else keep
    if q.type in ("yesno", "choice") and prefill.isdigit() and 1 <= int(prefill) <= len(labels):
        prefill = labels[int(prefill) - 1]  # a choice kept by its number, shown in the new language

    def check(text: str) -> str | None:
        try:
            parse(q, text, ui or engine.lang, engine.path_answers(), engine.today)
        except AnswerError as exc:
            return exc.message
        except Ambiguous:
            return None  # read two ways: asked about once it is sent, not wrong
        return None

    return QuestionView(
        qid=q.id, kind=q.type, ask=engine.ask(q), help=engine.help(q) or "", choices=labels, prefill=prefill,
        example=_example_line(q, lang, ui), hint=hint(q, ui or lang), check=check, echo=echo,
    )


def first_view(first: FirstQuestion, lang: Lang, ui: Lang | None = None) -> QuestionView:
    """The first question as :func:`question_view` shows it, before the engine has loaded (nothing answered yet).

    Only questions answered by a choice or with Enter come here (``first_question.SHOWN``): no example line, no reader.
    """
    return QuestionView(
        qid=first.id, kind=first.type, ask=first.ask, help=first.help, choices=first.choices, prefill="",
        example="", hint=hint(first, ui or lang), check=None, echo="",
    )


def _example_line(q: Question, lang: Lang, ui: Lang | None) -> str:
    """ "For example: $1,234.56" under the box, in the words of whoever types (the example in the session's way)."""
    shown = example(q, lang)
    if not shown or q.type in ("date", "month_day"):  # a date's hint already gives two examples
        return ""
    return (ui or lang)._("For example: {example}").format(example=shown)


def echo_line(reply: Reply, lang: Lang) -> str:
    """The accepted answer said back in the session's language; at the desk, the staff's English after it."""
    if not reply.ok or not reply.echo:
        return ""
    line = lang._("You answered: {answer}").format(answer=reply.echo)
    return f"{line} ({reply.typist_echo})" if reply.typist_echo else line


def help_sections(engine: Engine, lang: Lang | None = None) -> list[tuple[str, str]]:
    """Plain help for the current question: its help text, what "I don't know" does, its words, the keys.

    In ``lang`` (the session's language when not given).
    """
    lang = lang or engine.lang
    _ = lang._
    sections: list[tuple[str, str]] = []
    q = engine.current
    if q is not None:
        sections.append((engine.ask(q, lang), engine.help(q, lang) or _("There is no more help for this question.")))
        if q.unknown and q.unknown_effect:
            effect = engine.unknown_effect(q, lang) or ""
            sections.append((_("If you do not know"), effect + "\n" + _("Press F5 or the \"I don't know\" button.")))
        from medguide.flows.model import glossary

        words = []
        terms = glossary()
        if terms:
            from medguide.bot.guide.explain import glossary_entry

            for term in q.terms:
                if term in terms:
                    word, meaning = glossary_entry(term, lang, engine.today)
                    words.append(f"{word}: {meaning}")
        if words:
            sections.append((_("Words in this question"), "\n\n".join(words)))
    keys = [
        _("F1 or ?: this help"), _("F2: change the language"), _("F3: go back one question"),
        _("F4: review and change your answers"), _("F5: I don't know (when the question allows it)"),
        _("F7: high contrast"), _("F8: larger text"), _("Tab: move between the buttons. Enter: answer and go on."),
    ]
    sections.append((_("Keys"), "\n".join(keys)))
    return sections


def side_by_side(caller: list[tuple[str, str]], staff: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The desk's help: each section in the caller's language with the staff's English under it; the keys in English."""
    merged = []
    for (title, text), (en_title, en_text) in zip(caller[:-1], staff[:-1]):
        merged.append((title if title == en_title else f"{title} / {en_title}",
                       text if text == en_text else f"{text}\n\n{en_text}"))
    return merged + staff[-1:]


class QuestionScreen(MedguideScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        *MedguideScreen.BINDINGS,
        Binding("f1,question_mark", "help", "Help", show=False),
        Binding("f3", "back", "Back", show=False),
        Binding("f4", "review", "Review", show=False),
        Binding("f5", "unknown", "I don't know", show=False),
    ]

    def body(self) -> ComposeResult:
        yield StepProgress(id="progress")
        with Horizontal(id="main"):
            yield QuestionCard(id="card")
            if self.medguide.mode.side_panel:
                yield SidePanel(id="panel")
        with Horizontal(id="actions"):
            yield Button("", id="continue", variant="primary")
            yield Button("", id="unknown")
            yield Button("", id="back")
            yield Button("", id="review")

    def on_mount(self) -> None:
        super().on_mount()
        self.show()

    # ------------------------------------------------------------ drawing
    def relabel(self) -> None:
        super().relabel()
        _ = self.ui._
        for button_id, label in (("continue", _("Continue")), ("unknown", _("I don't know")), ("back", _("Back")), ("review", _("Review answers"))):
            self.query_one(f"#{button_id}", Button).label = Text(label)

    def show(self, error: str = "", keep: str | None = None, echo: str = "") -> None:
        """Draw the engine's current question (or hand over to the results), in one screen update."""
        with self.app.batch_update():
            self._show(error, keep, echo)

    def _show(self, error: str = "", keep: str | None = None, echo: str = "") -> None:
        first = self.medguide.first_question()
        if first is not None:  # the engine is still loading: its first question, read without it
            self._show_first(first)
            return
        engine = self.engine
        if engine.finished:
            self.medguide.show_current()
            return
        q = engine.current
        assert q is not None
        _ = self.ui._
        n, m = engine.progress()
        self.query_one(StepProgress).show(_("Step {n} of about {m}").format(n=n, m=m), n - 1, m)
        self.query_one(QuestionCard).show(question_view(engine, keep, self.ui, echo), error)
        self.query_one("#unknown", Button).disabled = not q.unknown  # greyed, not hidden: the row keeps its size
        self.query_one("#keys").show(self.hints())  # type: ignore[attr-defined]
        panel = self.medguide.panel_view()
        if panel is not None:
            self.query_one(SidePanel).view = panel

    def _show_first(self, first: FirstQuestion) -> None:
        _ = self.ui._
        self.query_one(StepProgress).show(_("Step {n} of about {m}").format(n=1, m=first.steps), 0, first.steps)
        self.query_one(QuestionCard).show(first_view(first, self.lang, self.ui))
        self.query_one("#unknown", Button).disabled = not first.unknown
        self.query_one("#keys").show(self.hints())  # type: ignore[attr-defined]

    def refresh_language(self) -> None:
        """After F2: every word again in the new language; what was typed stays in the box."""
        keep = self.query_one(QuestionCard).current_text()
        self.relabel()
        self.show(keep=keep or None)

    def hints(self) -> list[tuple[str, str, str]]:
        _ = self.ui._
        common = self.medguide.common_hints()  # F2 Language first
        # most needed first: the footer packs whole hints into two lines and leaves out the last ones that do not fit
        hints = [("F1", _("Help"), "screen.help"), ("F5", _("I don't know"), "screen.unknown"),  # always listed: the footer keeps its size
                 ("F3", _("Back"), "screen.back"), ("F4", _("Review"), "screen.review"), common[0]]
        return hints + common[1:]

    # ------------------------------------------------------------ answering
    def on_question_card_answered(self, event: QuestionCard.Answered) -> None:
        event.stop()
        engine = self.engine
        if engine.current is None or event.qid != engine.current.id:
            return  # a late message for a question already answered
        reply = engine.answer(event.text, typist=self.medguide.mode.typist)
        self.replied(reply)

    def on_question_card_chosen(self, event: QuestionCard.Chosen) -> None:
        event.stop()
        if self.engine.current is None or event.qid != self.engine.current.id:
            return
        self.replied(self.engine.choose(event.index))

    def replied(self, reply: Reply) -> None:
        """Show what the engine made of an answer: the next question with the echo, the options asked back, or why not."""
        engine, card = self.engine, self.query_one(QuestionCard)
        if reply.ok:
            self.medguide.changed()
            self.show(echo=echo_line(reply, engine.lang))
        elif reply.options:
            q = engine.current
            labels = tuple(o.label for o in reply.options)
            if q is not None and reply.code == "ambiguous" and self.ui.code != engine.lang.code:  # the desk: both languages
                from medguide.bot.guide.answers import display

                labels = tuple(f"{o.label} ({display(q, o.value, engine.lang)})" for o in reply.options)
            again = self.ui._("No, let me type it again") if reply.code == "unusual" else self.ui._("Let me type it again")
            card.ask_back(reply.error or "", labels, again, reply.text)
        else:
            card.error = reply.error or ""

    def on_answer_input_nothing_to_type(self, event: AnswerInput.NothingToType) -> None:
        event.stop()
        self.query_one("#continue", Button).focus()  # a note: Enter moves on

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "continue":
            if not self.query_one(QuestionCard).submit():
                self.query_one(QuestionCard).error = self.ui._("Please choose one of the answers.")
        elif event.button.id == "unknown":
            self.action_unknown()
        elif event.button.id == "back":
            self.action_back()
        elif event.button.id == "review":
            self.action_review()

    def action_unknown(self) -> None:
        reply = self.engine.answer_unknown()
        if reply.ok:
            self.medguide.changed()
            self.show()
        else:
            self.query_one(QuestionCard).error = reply.error or ""

    def action_back(self) -> None:
        if self.engine.back():
            self.medguide.changed()
            self.show()
        else:
            self.query_one(QuestionCard).error = self.ui._("This is the first question.")

    def action_review(self) -> None:
        self.medguide.open_review()

    def action_help(self) -> None:
        from medguide.bot.faces.app.screens.help import HelpScreen

        sections = help_sections(self.engine)
        if self.ui.code != self.lang.code:  # the desk: the caller's words with the staff's English beside them
            sections = side_by_side(sections, help_sections(self.engine, self.ui))
        _ = self.ui._ if self.ui.code != self.lang.code else self.lang._
        self.app.push_screen(HelpScreen(_("Help"), sections, _("Close")))
