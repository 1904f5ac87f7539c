"""The dialogue engine: walks the interview data with a `transitions` state machine.

Headless: the Textual app, the plain chat, the scripted-test runner and the
random-conversation tests all drive this one class. It keeps every answer ever
given (an answer off the current path is kept, never silently lost, and comes
back pre-filled if the path returns to its question); only the answers on the
current path feed the predicates and the rules.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Callable

from transitions import Machine

from medguide.flows.facts import UNKNOWN, Answers, MissingFact, NotApplicable
from medguide.flows import facts as builders
from medguide.flows.model import RESULTS, Flow, Question, load
from medguide.rules import Outcome, Refusal, evaluate

from medguide.bot.guide.answers import AnswerError, clean_text, display, parse
from medguide.bot.words.i18n import DEFAULT, lang

SESSION_FORMAT = "medguide.session"
SESSION_VERSION = 1


@dataclass(frozen=True)
class Reply:
    """What happened to an answer: accepted, or an error that keeps the text typed."""

    ok: bool
    error: str | None = None
    code: str | None = None
    text: str = ""


@dataclass(frozen=True)
class ReviewItem:
    question: str
    ask: str
    answer: str
    topic: str


@dataclass(frozen=True)
class Result:
    """One rule's answer for this interview: an outcome, a refusal, or the fact still missing."""

    rule: str
    outcome: Outcome | None = None
    refusal: Refusal | None = None
    missing: str | None = None
    assumed: tuple[str, ...] = ()
    """Questions answered "I don't know" that this result read with a stated default."""


class _Walker:
    """The machine's model: its conditions are the flow's named predicates."""

    def __init__(self, engine: "Engine"):
        for name in engine.flow.predicates:
            setattr(self, name, self._predicate(engine, name))

    @staticmethod
    def _predicate(engine: "Engine", name: str) -> Callable[[], bool]:
        owner = weakref.ref(engine)  # the shared machine holds this model; it must not keep the engine alive

        def check() -> bool:
            e = owner()
            return e is not None and e.flow.holds(name, e.path_answers())

        check.__name__ = name
        return check


class FlowMachine(Machine):
    """One machine per flow, shared by every session; each Engine adds its own model.

    The engine uses no per-state convenience methods (``is_<state>``, ``on_enter_<state>``);
    binding them for every state of every new session costs about 1 ms, so it is skipped.
    Conditions are looked up on each event's own model, so sessions never mix.
    """

    def _add_model_to_state(self, state: Any, model: Any) -> None:
        pass


_MACHINES: dict[int, tuple[Flow, FlowMachine]] = {}


def shared_machine(flow: Flow) -> FlowMachine:
    """The machine for this flow, built once (flows are few: the interview, and test flows)."""
    found = _MACHINES.get(id(flow))
    if found is None or found[0] is not flow:
        found = _MACHINES[id(flow)] = (flow, FlowMachine(model=None, auto_transitions=False, **machine_config(flow)))
    return found[1]


def machine_config(flow: Flow) -> dict[str, Any]:
    """States and transitions as data, in the order the flow lists them."""
    transitions = [
        {"trigger": "advance", "source": q.id, "dest": n.to, "conditions": list(n.when), "unless": list(n.unless)}
        for q in flow.questions
        for n in q.next
    ]
    return {"states": [q.id for q in flow.questions] + [RESULTS], "transitions": transitions, "initial": flow.start}


class Engine:
    def __init__(self, language: str = DEFAULT, flow: Flow | None = None, today: Callable[[], date] | None = None):
        self.flow = flow or load()
        self.questions = self.flow.by_id
        self.lang = lang(language)
        self._today = today or date.today
        self.answers: dict[str, Any] = {}
        """Every answer given, by question id: canonical values, or UNKNOWN."""
        self.typed: dict[str, str] = {}
        """What the person typed for each answer (kept for review and for the desk log)."""
        self.trail: list[str] = []
        """The questions answered on the way to the current one, in order."""
        self.draft: str = ""
        """Text of an answer that was refused, kept so nothing typed is lost."""
        self.resuming = False
        self._walker = _Walker(self)
        self.machine = shared_machine(self.flow)
        self.machine.add_model(self._walker, initial=self.flow.start)
        weakref.finalize(self, self.machine.remove_model, self._walker)

    # ------------------------------------------------------------ where we are
    @property
    def state(self) -> str:
        return self._walker.state  # type: ignore[attr-defined]

    @property
    def finished(self) -> bool:
        return self.state == RESULTS

    @property
    def current(self) -> Question | None:
        return None if self.finished else self.questions[self.state]

    @property
    def today(self) -> date:
        return self._today()

    def path_answers(self) -> dict[str, Any]:
        """Answers on the current path only: what predicates and rules may use."""
        return {q: self.answers[q] for q in self.trail if q in self.answers}

    def prefill(self) -> str:
        """Text to offer in the answer box: a refused draft, or the earlier answer to this question.

        What was typed is kept as typed (``draft``, ``typed``); what is offered back is cleaned,
        so no channel ever shows a control character or terminal escape from it.
        """
        q = self.current
        if q is None:
            return ""
        if self.draft:
            return clean_text(self.draft)
        if q.id in self.answers and self.answers[q.id] != UNKNOWN:
            if q.type in ("choice", "yesno"):
                return display(q, self.answers[q.id], self.lang)
            return clean_text(self.typed.get(q.id, ""))
        return ""

    # ------------------------------------------------------------ moving
    def set_language(self, code: str) -> None:
        """Switch language at any moment; answers are codes and values, so nothing changes but the words."""
        self.lang = lang(code)

    def answer(self, text: str) -> Reply:
        q = self.current
        if q is None:
            return Reply(False, self.lang._("The questions are done. You can review or change your answers."), "finished", text)
        try:
            value = parse(q, text, self.lang, self.path_answers(), self.today)
        except AnswerError as exc:
            self.draft = text
            return Reply(False, exc.message, exc.code, text)
        self._accept(q, value, text)
        return Reply(True, text=text)

    def answer_unknown(self) -> Reply:
        """ "I don't know", where the rules can still say something without this fact."""
        q = self.current
        if q is None or not q.unknown:
            return Reply(False, self.lang._("This question needs an answer to go on."), "unknown_not_allowed")
        self._accept(q, UNKNOWN, "")
        return Reply(True)

    def _accept(self, q: Question, value: Any, text: str) -> None:
        self.answers[q.id] = value
        self.typed[q.id] = text
        self.draft = ""
        self.trail.append(q.id)
        self._walker.advance()  # type: ignore[attr-defined]
        if self.resuming:
            self._fast_forward()

    def _fast_forward(self) -> None:
        """After an edit: keep later answers that are still valid; stop where the path needs a new one.

        The edit stays in force until the results: after the new question is answered, the old
        answers that still fit carry on again.
        """
        while not self.finished:
            q = self.current
            assert q is not None
            if q.id not in self.answers or not self._still_valid(q, self.answers[q.id]):
                break
            self.trail.append(q.id)
            self._walker.advance()  # type: ignore[attr-defined]
        if self.finished:
            self.resuming = False  # the edit is done once the results are back

    def _still_valid(self, q: Question, value: Any) -> bool:
        if value == UNKNOWN:
            return q.unknown
        try:
            parse(q, canonical_text(value), lang(DEFAULT), self.path_answers(), self.today)
        except AnswerError:
            return False
        return True

    def back(self, steps: int = 1) -> bool:
        """Go back ``steps`` questions; their answers stay, offered again. False when already at the start."""
        moved = False
        for _ in range(steps):
            if not self.trail:
                break
            previous = self.trail.pop()
            self.machine.set_state(previous, model=self._walker)
            moved = True
        self.draft = ""  # an edit in progress stays one: later answers still carry on after it
        return moved

    def edit(self, question: str) -> None:
        """Jump to an answered question on the path; after it, still-valid answers carry on."""
        if question not in self.trail:
            raise KeyError(f"{question} is not an answered question on this path")
        self.trail = self.trail[: self.trail.index(question)]
        self.machine.set_state(question, model=self._walker)
        self.draft = ""
        self.resuming = True

    def restart(self) -> None:
        self.answers.clear()
        self.typed.clear()
        self.trail.clear()
        self.draft = ""
        self.resuming = False
        self.machine.set_state(self.flow.start, model=self._walker)

    # ------------------------------------------------------------ what to show
    def progress(self) -> tuple[int, int]:
        """(step n, of about m) on the current path; m follows earlier answers, else the default way."""
        done = len(self.trail)
        if self.finished:
            return done, done
        answers = self.path_answers()
        state, ahead = self.state, 0
        while state != RESULTS and ahead < len(self.questions):
            q = self.questions[state]
            if q.id in self.answers:
                answers[q.id] = self.answers[q.id]
            ahead += 1
            state = self.flow.next_of(q, answers)
        return done + 1, done + ahead

    def review(self) -> list[ReviewItem]:
        """Every answer on the path, in the session's language, in the order asked."""
        items = []
        for qid in self.trail:
            q = self.questions[qid]
            items.append(ReviewItem(qid, self.ask(q), display(q, self.answers[qid], self.lang), q.topic))
        return items

    def ask(self, q: Question) -> str:
        return self.lang.p_(f"q:{q.id}", q.ask)

    def help(self, q: Question) -> str | None:
        return self.lang.p_(f"help:{q.id}", q.help) if q.help else None

    def results(self) -> list[Result]:
        """Every rule that applies to the answers on this path."""
        answers = self.path_answers()
        found = []
        for step in self.flow.results:
            if not all(self.flow.holds(p, answers) for p in step.when):
                continue
            view = Answers(answers, self.today, self.flow.aliases)
            try:
                facts = getattr(builders, step.facts)(view)
            except MissingFact as exc:
                found.append(Result(step.rule, missing=exc.question))
                continue
            except NotApplicable:
                continue
            result = evaluate(step.rule, facts)
            assumed = tuple(view.assumed)
            if isinstance(result, Outcome):
                found.append(Result(step.rule, outcome=result, assumed=assumed))
            elif result.code == "missing" and answers.get(result.field) == UNKNOWN:
                found.append(Result(step.rule, missing=result.field, assumed=assumed))  # the rule needs that "I don't know"
            else:
                found.append(Result(step.rule, refusal=result, assumed=assumed))
        return found

    # ------------------------------------------------------------ save and restore
    def save(self) -> dict[str, Any]:
        """The whole session as versioned, JSON-ready data."""
        return {
            "format": SESSION_FORMAT,
            "version": SESSION_VERSION,
            "language": self.lang.code,
            "state": self.state,
            "trail": list(self.trail),
            "answers": {q: {"value": canonical_text(v), "typed": self.typed.get(q, "")} for q, v in self.answers.items()},
            "draft": self.draft,
            "resuming": self.resuming,
        }

    @classmethod
    def restore(cls, data: dict[str, Any], flow: Flow | None = None, today: Callable[[], date] | None = None) -> "Engine":
        if data.get("format") != SESSION_FORMAT or data.get("version") != SESSION_VERSION:
            raise ValueError(f"not a medguide session of version {SESSION_VERSION}")
        engine = cls(data.get("language", DEFAULT), flow, today)
        for qid, entry in data["answers"].items():
            q = engine.questions.get(qid)
            if q is None:
                continue  # a question the interview no longer has
            engine.answers[qid] = from_canonical(q, entry["value"])
            engine.typed[qid] = entry.get("typed", "")
        engine.trail = [q for q in data["trail"] if q in engine.questions and q in engine.answers]
        state = data["state"]
        engine.machine.set_state(state if state in engine.questions or state == RESULTS else engine.flow.start, model=engine._walker)
        engine.draft = data.get("draft", "")
        engine.resuming = bool(data.get("resuming", False))
        return engine


def canonical_text(value: Any) -> str:
    """A value as text any language reads back the same way (ISO dates, plain decimals, codes)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def from_canonical(q: Question, text: str) -> Any:
    if text == UNKNOWN and q.unknown:
        return UNKNOWN
    if q.type in ("yesno", "note"):
        return text == "yes"
    if q.type in ("money", "number"):
        return Decimal(text)
    if q.type == "whole":
        return int(text)
    if q.type == "date":
        return date.fromisoformat(text)
    return text
