"""The dialogue engine: walks the interview data with a `transitions` state machine.

Headless: the Textual app, the plain chat, the scripted-test runner and the
random-conversation tests all drive this one class. It keeps every answer ever
given (an answer off the current path is kept, never silently lost, and comes
back pre-filled if the path returns to its question); only the answers on the
current path feed the predicates and the rules.

Answering, and asking back (the API every face and the story runner use):

- ``answer(text, typist=None) -> Reply``. Accepted: ``Reply(ok=True, echo=...)``, the value in
  words in the session's language ("April 5, 2023", "$1,250.00"), for the face to say back
  before the next question; with a ``typist`` of another language (desk staff) also
  ``typist_echo``, the same in theirs. Refused: ``Reply(ok=False, code=..., error=...)``, the
  text kept as ``draft``. When the text could mean two things (``code="ambiguous"``: "04/05/2023",
  "0,500") or is far outside what the question usually gets (``code="unusual"``: $3.20 of
  monthly income), nothing is accepted yet: ``Reply(ok=False, code=..., error=<the question
  asked back>, options=(Option(value, label), ...))``, the question stays current and
  ``pending`` holds what is being asked (a :class:`Pending`).
- ``choose(index) -> Reply`` accepts ``pending.options[index]`` (0-based), keeping the text as
  it was typed. Typing another answer instead simply replaces the pending one; back, edit,
  restart and "I don't know" drop it; a language switch asks it again in the new language.
  A pending question is not saved (``save``/``restore`` keep only accepted answers and the draft).
- ``typist``: who typed, when it is not the person the session speaks to. Desk staff type for
  the caller (:data:`STAFF`): their answers are read with their conventions (US month-first
  dates, English words, then the caller's), and what is asked back is in their language.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any, Callable, Literal

from transitions import Machine

from medguide.flows.facts import UNKNOWN, Answers, MissingFact, NotApplicable
from medguide.flows import facts as builders
from medguide.flows.model import RESULTS, Flow, Question, load
from medguide.rules import Outcome, Refusal, evaluate

from medguide.bot.guide.answers import (AnswerError, Ambiguous, clean_text, confirm_label, display, parse, unusual,
                                        usually_below, which_one)
from medguide.bot.guide.law_words import with_law_numbers
from medguide.bot.guide.typist import STAFF, Typist  # noqa: F401  (STAFF: part of the engine's API)
from medguide.bot.words.i18n import DEFAULT, Lang, lang

SESSION_FORMAT = "medguide.session"
SESSION_VERSION = 2
"""2: answers to a group's questions are kept per item (``bill_amount#2``), and ``items`` says where each group is."""


def item_key(question: str, item: int) -> str:
    """The answer key of a grouped question in one item: ``bill_amount#2``."""
    return f"{question}#{item}"


def split_key(key: str) -> tuple[str, int | None]:
    """``bill_amount#2`` -> ("bill_amount", 2); ``order_state`` -> ("order_state", None)."""
    question, sep, item = key.partition("#")
    return (question, int(item)) if sep else (question, None)


ECHOED = ("money", "whole", "number", "date", "month_day")
"""Answer types said back in words once accepted ("April 5, 2023", "$1,250.00")."""


@dataclass(frozen=True)
class Option:
    """One reading offered back: the canonical ``value`` and how it is shown (``label``)."""

    value: Any
    label: str


@dataclass(frozen=True)
class Pending:
    """A question asked back about a typed answer, waiting for :meth:`Engine.choose` (or a new answer)."""

    question: str
    code: Literal["ambiguous", "unusual"]
    text: str
    """The answer as typed; kept as the typed text when an option is chosen."""
    message: str
    """What is asked: "Did you mean April 5, 2023 or May 4, 2023?", in the typist's language."""
    options: tuple[Option, ...]
    typist: Typist | None = None


@dataclass(frozen=True)
class Reply:
    """What happened to an answer: accepted (with its echo), refused (the text kept), or asked about."""

    ok: bool
    error: str | None = None
    """Why it was not accepted, or the question asked back (``code`` "ambiguous" or "unusual")."""
    code: str | None = None
    text: str = ""
    options: tuple[Option, ...] = ()
    """For "ambiguous" and "unusual": the readings to choose from, with :meth:`Engine.choose`."""
    echo: str = ""
    """Accepted: the value in words in the session's language ("April 5, 2023"); "" for other types."""
    typist_echo: str = ""
    """Accepted at the desk: the same in the typist's language, when it reads otherwise there ("" when the same)."""


@dataclass(frozen=True)
class ReviewItem:
    question: str
    """The answer's key: the question id, or ``id#n`` for the n-th item of a group (what ``edit`` takes)."""
    ask: str
    answer: str
    topic: str
    item: int | None = None
    """For a group's question: which item (bill 2), else None."""


@dataclass(frozen=True)
class Result:
    """One rule's answer for this interview: an outcome, a refusal, or the fact still missing."""

    rule: str
    outcome: Outcome | None = None
    refusal: Refusal | None = None
    missing: str | None = None
    assumed: tuple[str, ...] = ()
    """Questions answered "I don't know" that this result read with a stated default."""
    item: int | None = None
    """For a rule run once per item of a group (each bill): which item."""
    group: str | None = None
    alternatives: tuple["Alternative", ...] = ()
    """When an "I don't know" answer decides the result: what each possible answer would give."""


@dataclass(frozen=True)
class Alternative:
    """What a result would be if an unknown answer were ``value``."""

    question: str
    value: Any
    result: Result


class _Walker:
    """The machine's model: its conditions are the flow's named predicates."""

    def __init__(self, engine: "Engine"):
        for name in engine.flow.predicates:
            setattr(self, name, self._predicate(engine, name))

    @staticmethod
    def _predicate(engine: "Engine", name: str) -> Callable[[], bool]:
        owner = weakref.ref(engine)  # the engine holds this model: no cycle back to it

        def check() -> bool:
            e = owner()
            return e is not None and e.flow.holds(name, e.path_answers())

        check.__name__ = name
        return check


_MACHINES: dict[int, tuple[Flow, Machine]] = {}


def shared_machine(flow: Flow) -> Machine:
    """The machine for this flow, built once (flows are few: the interview, and test flows).

    Sessions are not added to it as models (``add_model`` binds ``is_<state>`` and the trigger
    methods on every session, about 0.5 ms each, and the machine would hold every session): each
    engine keeps its own model and fires the machine's ``advance`` event on it (``Event.trigger``),
    and moves it with ``set_state(..., model=...)``, both public. The conditions are looked up on
    that event's own model, so sessions never mix.
    """
    found = _MACHINES.get(id(flow))
    if found is None or found[0] is not flow:
        found = _MACHINES[id(flow)] = (flow, Machine(model=None, auto_transitions=False, **machine_config(flow)))
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
        self.items: dict[str, int] = {}
        """The item each group is on (1 for the first bill); a group not reached yet is on item 1."""
        self.pending: Pending | None = None
        """A question asked back about the last typed answer (two readings, or an unusual value), or None."""
        self._most = 0
        """The largest "of about m" shown so far: the estimate never falls below it (issue 14)."""
        self._walker = _Walker(self)
        self.machine = shared_machine(self.flow)
        self._advance_event = self.machine.events["advance"]
        self.machine.set_state(self.flow.start, model=self._walker)

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

    def item_of(self, group: str) -> int:
        return self.items.get(group, 1)

    def key_of(self, q: Question) -> str:
        """Where this question's answer is kept now: its id, or ``id#n`` in the group's current item."""
        return q.id if q.group is None else item_key(q.id, self.item_of(q.group))

    def path_answers(self) -> "PathAnswers":
        """Answers on the current path only, by question id: what predicates and rules may use.

        A group's questions give the answers of the group's current item (the bill being asked about,
        or the last one once the group is done); ``.groups`` holds every item, for "any plan" predicates.
        """
        found = PathAnswers()
        for key in self.trail:
            if key not in self.answers:
                continue
            qid, item = split_key(key)
            if item is None or item == self.item_of(self.questions[qid].group or ""):
                found[qid] = self.answers[key]
        found.groups = {g: self.group_items(g) for g in self.flow.groups} if self.flow.groups else {}
        return found

    def group_items(self, group: str) -> list[dict[str, Any]]:
        """Each item of a group on the path, in order: its answers by question id."""
        items: dict[int, dict[str, Any]] = {}
        for key in self.trail:
            qid, item = split_key(key)
            if item is not None and self.questions[qid].group == group and key in self.answers:
                items.setdefault(item, {})[qid] = self.answers[key]
        return [items[n] for n in sorted(items)]

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
        key = self.key_of(q)
        if key in self.answers and self.answers[key] != UNKNOWN:
            if q.type in ("choice", "yesno"):
                return display(q, self.answers[key], self.lang)
            return clean_text(self.typed.get(key, ""))
        return ""

    # ------------------------------------------------------------ moving
    def set_language(self, code: str) -> None:
        """Switch language at any moment; answers are codes and values, so nothing changes but the words."""
        self.lang = lang(code)
        p, q = self.pending, self.current
        if p is not None and q is not None:
            self.pending = self._ask_back(q, p.code, p.text, tuple(o.value for o in p.options), p.typist)

    def _reader(self, typist: Typist | None) -> Lang:
        return lang(typist.language) if typist is not None else self.lang

    def answer(self, text: str, typist: Typist | None = None) -> Reply:
        """Read ``text`` for the current question: accepted, refused, or asked back (see the module docstring)."""
        q = self.current
        reader = self._reader(typist)
        self.pending = None
        if q is None:
            return Reply(False, reader._("The questions are done. You can review or change your answers."), "finished", text)
        order = typist.date_order if typist is not None else None
        others = self.path_answers()
        try:
            value = self._parse(q, text, reader, order, others)
        except AnswerError as exc:
            self.draft = text
            return Reply(False, exc.message, exc.code, text)
        except Ambiguous as exc:
            return self._pending_reply(q, "ambiguous", text, exc.values, typist)
        if unusual(q, value, reader, others, self.questions, usually_below(self.flow)) is not None:
            return self._pending_reply(q, "unusual", text, (value,), typist)
        return self._accepted(q, value, text, typist)

    def _parse(self, q: Question, text: str, reader: Lang, order: str | None, others: dict[str, Any]) -> Any:
        try:
            return parse(q, text, reader, others, self.today, order)
        except AnswerError:
            if reader is self.lang:
                raise
            try:  # staff may type the caller's word ("có"): read it too; the staff's reason if neither reads
                return parse(q, text, self.lang, others, self.today, order)
            except (AnswerError, Ambiguous):
                pass
            raise

    def _ask_back(self, q: Question, code: Literal["ambiguous", "unusual"], text: str, values: tuple[Any, ...],
                  typist: Typist | None) -> Pending:
        reader = self._reader(typist)
        if code == "ambiguous":
            message = which_one(q, values, reader)
            options = tuple(Option(v, display(q, v, reader)) for v in values)
        else:
            found = unusual(q, values[0], reader, self.path_answers(), self.questions, usually_below(self.flow))
            message = found.message if found is not None else ""
            options = (Option(values[0], confirm_label(q, values[0], reader)),)
        return Pending(q.id, code, text, message, options, typist)

    def _pending_reply(self, q: Question, code: Literal["ambiguous", "unusual"], text: str, values: tuple[Any, ...],
                       typist: Typist | None) -> Reply:
        self.pending = self._ask_back(q, code, text, values, typist)
        self.draft = text  # nothing typed is lost while the question is asked back
        return Reply(False, self.pending.message, code, text, self.pending.options)

    def choose(self, index: int) -> Reply:
        """Accept one of the pending options (0-based); the answer keeps the text as it was typed."""
        p, q = self.pending, self.current
        if p is None or q is None or p.question != q.id or not 0 <= index < len(p.options):
            reader = self._reader(p.typist if p else None)
            return Reply(False, reader._("There is nothing to choose now. Please type your answer."), "nothing_pending")
        return self._accepted(q, p.options[index].value, p.text, p.typist)

    def _accepted(self, q: Question, value: Any, text: str, typist: Typist | None) -> Reply:
        full = self._group_full(q, value)
        if full is not None:
            self.draft = text
            return Reply(False, self._reader(typist)._(
                "This guide can check at most {count} of these. Please answer No to go on.").format(
                count=self._reader(typist).number(full)), "too_many_items", text)
        self._accept(q, value, text)
        if q.type not in ECHOED:
            return Reply(True, text=text)
        echo = display(q, value, self.lang)
        theirs = display(q, value, self._reader(typist))
        return Reply(True, text=text, echo=echo, typist_echo=theirs if theirs != echo else "")

    def _group_full(self, q: Question, value: Any) -> int | None:
        """For a Yes to a group's "another one?" when the group already has its most items: that most."""
        if value is not True or q.group is None or self.flow.groups[q.group].more != q.id:
            return None
        most = self.flow.groups[q.group].max_items
        return most if self.item_of(q.group) >= most else None

    def answer_unknown(self) -> Reply:
        """ "I don't know", where the rules can still say something without this fact."""
        q = self.current
        if q is None or not q.unknown:
            return Reply(False, self.lang._("This question needs an answer to go on."), "unknown_not_allowed")
        self._accept(q, UNKNOWN, "")
        return Reply(True)

    def _accept(self, q: Question, value: Any, text: str) -> None:
        key = self.key_of(q)
        self.answers[key] = value
        self.typed[key] = text
        self.draft = ""
        self.pending = None
        self._advance(q, key)
        if self.resuming:
            self._fast_forward()

    def _advance(self, q: Question, key: str) -> None:
        """Put ``key`` on the trail and take the way forward; a group's "another one?" starts its next item."""
        self.trail.append(key)
        way = self.flow.way_of(q, self.path_answers())
        self._advance_event.trigger(self._walker)
        if way.repeat is not None:
            self.items[way.repeat] = self.item_of(way.repeat) + 1

    def _fast_forward(self) -> None:
        """After an edit: keep later answers that are still valid; stop where the path needs a new one.

        The edit stays in force until the results: after the new question is answered, the old
        answers that still fit carry on again.
        """
        while not self.finished:
            q = self.current
            assert q is not None
            key = self.key_of(q)
            if key not in self.answers or not self._still_valid(q, self.answers[key]):
                break
            self._advance(q, key)
        if self.finished:
            self.resuming = False  # the edit is done once the results are back

    def _still_valid(self, q: Question, value: Any) -> bool:
        if value == UNKNOWN:
            return q.unknown
        try:
            parse(q, canonical_text(value), lang(DEFAULT), self.path_answers(), self.today)
        except (AnswerError, Ambiguous):
            return False
        return True

    def back(self, steps: int = 1) -> bool:
        """Go back ``steps`` questions; their answers stay, offered again. False when already at the start."""
        moved = False
        for _ in range(steps):
            if not self.trail:
                break
            self._go_to(self.trail.pop())
            moved = True
        self.pending = None
        self.draft = ""  # an edit in progress stays one: later answers still carry on after it
        return moved

    def _go_to(self, key: str) -> None:
        """Stand at the question of ``key`` again, in its item."""
        qid, item = split_key(key)
        if item is not None:
            self.items[self.questions[qid].group or ""] = item
        self.machine.set_state(qid, model=self._walker)

    def edit(self, question: str) -> None:
        """Jump to an answered question on the path (its key, or its id: a group's latest item); later answers
        that still fit carry on after it."""
        key = question
        if key not in self.trail:
            keys = [k for k in self.trail if split_key(k)[0] == question]
            if not keys:
                raise KeyError(f"{question} is not an answered question on this path")
            key = keys[-1]
        self.trail = self.trail[: self.trail.index(key)]
        self._go_to(key)
        self.draft = ""
        self.pending = None
        self.resuming = True

    def restart(self) -> None:
        self.answers.clear()
        self.typed.clear()
        self.trail.clear()
        self.items.clear()
        self.draft = ""
        self.pending = None
        self.resuming = False
        self._most = 0
        self.machine.set_state(self.flow.start, model=self._walker)

    # ------------------------------------------------------------ what to show
    def progress(self) -> tuple[int, int]:
        """(step n, of about m) on the current path; m follows earlier answers, else the default way.

        m never runs backwards: an answer that shortens the way ahead keeps the largest m shown so far
        (a parent reads "of about 20" falling to 14 and rising to 19 as the guide being lost).
        At the results it is (done, done).
        """
        done = len(self.trail)
        if self.finished:
            return done, done
        answers = self.path_answers()
        state, ahead, items = self.state, 0, dict(self.items)
        while state != RESULTS and ahead < len(self.questions):
            q = self.questions[state]
            key = q.id if q.group is None else item_key(q.id, items.get(q.group, 1))
            if key in self.answers:
                answers[q.id] = self.answers[key]
            ahead += 1
            way = self.flow.way_of(q, answers)
            if way.repeat is not None:  # another item ahead: count it once, then the way on
                if items.get(way.repeat, 1) > self.item_of(way.repeat):
                    answers[q.id] = False
                    way = self.flow.way_of(q, answers)
                else:
                    items[way.repeat] = items.get(way.repeat, 1) + 1
            state = way.to
        self._most = max(self._most, done + ahead)
        return done + 1, self._most

    def review(self, language: Lang | None = None) -> list[ReviewItem]:
        """Every answer on the path, in the order asked, in ``language`` (else the session's).

        A group's question says which item it belongs to: "Bill 2: How much was paid ...".
        """
        words = language or self.lang
        items = []
        for key in self.trail:
            qid, item = split_key(key)
            q = self.questions[qid]
            ask = self.ask(q, words)
            if item is not None and q.group is not None:
                ask = words._("{item}: {headline}").format(item=self.item_title(q.group, item, words), headline=ask)
            items.append(ReviewItem(key, ask, display(q, self.answers[key], words), q.topic, item))
        return items

    def item_title(self, group: str, item: int, language: Lang | None = None) -> str:
        """What one item of a group is called: "Bill 2" (in ``language``, else the session's)."""
        words = language or self.lang
        return words.p_(f"group:{group}", self.flow.groups[group].title).format(n=words.number(item))

    def ask(self, q: Question, lang: Lang | None = None) -> str:
        """The question in the session's language (or in ``lang``: the desk shows staff the English too)."""
        lang = lang or self.lang
        return with_law_numbers(lang.p_(f"q:{q.id}", q.ask), lang, self.today)

    def help(self, q: Question, lang: Lang | None = None) -> str | None:
        lang = lang or self.lang
        return with_law_numbers(lang.p_(f"help:{q.id}", q.help), lang, self.today) if q.help else None

    def unknown_effect(self, q: Question, lang: Lang | None = None) -> str | None:
        """What "I don't know" to ``q`` would leave unsaid."""
        lang = lang or self.lang
        if not q.unknown_effect:
            return None
        return with_law_numbers(lang.p_(f"unknown:{q.id}", q.unknown_effect), lang, self.today)

    def results(self) -> list[Result]:
        """Every rule that applies to the answers on this path (a rule run per item once for each item)."""
        answers = self.path_answers()
        groups = answers.groups
        outcomes: dict[str, Outcome] = {}
        earlier: dict[str, Result] = {}
        found = []
        for step in self.flow.results:
            if step.each is None:
                if all(self.flow.holds(p, answers) for p in step.when):
                    found += self._result(step, answers, groups, None, outcomes, earlier)
            else:
                for n, item in enumerate(groups[step.each], start=1):
                    view = PathAnswers({**answers, **item})
                    view.groups = groups
                    if all(self.flow.holds(p, view) for p in step.when):
                        found += self._result(step, view, groups, n, outcomes, earlier)
            for r in found:
                if r.rule == step.rule and r.outcome is not None and r.item in (None, 1):
                    outcomes.setdefault(step.rule, r.outcome)
                    earlier.setdefault(step.rule, r)
        return found

    def _result(self, step: Any, answers: dict[str, Any], groups: dict[str, list[dict[str, Any]]],
                item: int | None, outcomes: dict[str, Outcome], earlier: dict[str, Result] | None = None) -> list[Result]:
        found, choices, read = self._evaluate(step, answers, groups, item, outcomes)
        if found is None:
            return []
        alternatives = self._alternatives(step, answers, groups, item, outcomes, found, choices)
        if not alternatives:
            inherited = self._inherited(step, answers, groups, item, outcomes, found, read, earlier or {})
            if inherited:
                alternatives = inherited
        if alternatives is None:  # no unknown answer changes it: it does not depend on them
            found = replace(found, assumed=())
        elif alternatives:
            found = replace(found, alternatives=alternatives)
        return [found]

    def _inherited(self, step: Any, answers: dict[str, Any], groups: dict[str, list[dict[str, Any]]],
                   item: int | None, outcomes: dict[str, Outcome], found: Result, read: list[str],
                   earlier: dict[str, Result]) -> tuple[Alternative, ...]:
        """What an earlier result depends on, a result built on its outcome depends on too.

        A credit that depends on how many people a plan covers gives an amount owed again that does
        too: this result is worked out again from each of the earlier result's alternatives.
        """
        alternatives: list[Alternative] = []
        for rule in dict.fromkeys(read):
            before = earlier.get(rule)
            if before is None or not before.alternatives:
                continue
            runs = []
            for alt in before.alternatives:
                if alt.result.outcome is None:
                    continue
                changed, changed_groups = _with_answer(answers, groups, alt.question, alt.value)
                got = self._evaluate(step, changed, changed_groups, item, {**outcomes, rule: alt.result.outcome})[0]
                if got is not None:
                    runs.append(Alternative(alt.question, alt.value, got))
            if len({_sameness(a.result) for a in runs} | {_sameness(found)}) > 1:
                alternatives += runs
        return tuple(alternatives)

    def _evaluate(self, step: Any, answers: dict[str, Any], groups: dict[str, list[dict[str, Any]]],
                  item: int | None, outcomes: dict[str, Outcome]) -> tuple[Result | None, dict[str, tuple], list[str]]:
        builder = getattr(builders, step.facts)
        view = Answers(answers, self.today, self.flow.aliases, groups, outcomes)
        view.allowed = getattr(builder, "reads", None)
        where = {"item": item, "group": step.each}
        try:
            facts = builder(view)
        except MissingFact as exc:
            return Result(step.rule, missing=exc.question, **where), view.choices, view.outcomes_read
        except NotApplicable:
            return None, {}, view.outcomes_read
        result = evaluate(step.rule, facts)
        assumed = tuple(dict.fromkeys(view.assumed))
        if isinstance(result, Outcome):
            return Result(step.rule, outcome=result, assumed=assumed, **where), view.choices, view.outcomes_read
        if result.code == "missing" and answers.get(result.field) == UNKNOWN:
            # the rule needs that "I don't know"
            return Result(step.rule, missing=result.field, assumed=assumed, **where), view.choices, view.outcomes_read
        return Result(step.rule, refusal=result, assumed=assumed, **where), view.choices, view.outcomes_read

    def _alternatives(self, step: Any, answers: dict[str, Any], groups: dict[str, list[dict[str, Any]]],
                      item: int | None, outcomes: dict[str, Outcome], found: Result,
                      choices: dict[str, tuple]) -> tuple[Alternative, ...] | None:
        """For each "I don't know" the result read as a default: the result under every possible answer.

        The possible answers are a yes/no question's two, a choice question's codes, or those the builder
        gave (a count known only to lie between two numbers). () when an unknown has none of these (it is
        kept as a stated assumption); None when no unknown changes the result (it does not depend on them).
        """
        if not found.assumed:
            return ()
        alternatives: list[Alternative] = []
        matters = False
        for qid in found.assumed:
            q = self.questions.get(qid)
            if qid in choices:
                values: tuple[Any, ...] = choices[qid]
            elif q is not None and q.type == "yesno":
                values = (True, False)
            elif q is not None and q.type == "choice":
                values = q.codes
            else:
                return ()
            runs = []
            for value in values:
                changed, changed_groups = _with_answer(answers, groups, qid, value)
                runs.append((value, self._evaluate(step, changed, changed_groups, item, outcomes)[0]))
            runs = [(v, r) for v, r in runs if r is not None]
            if qid in choices or len({_sameness(r) for _, r in runs} | {_sameness(found)}) > 1:
                matters = True
                alternatives += [Alternative(qid, v, r) for v, r in runs]
        return tuple(alternatives) if matters else None

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
            "items": dict(self.items),
            "draft": self.draft,
            "resuming": self.resuming,
        }

    @classmethod
    def restore(cls, data: dict[str, Any], flow: Flow | None = None, today: Callable[[], date] | None = None) -> "Engine":
        """A saved session back (version 2, or 1 from before groups: a grouped answer becomes item 1's)."""
        version = data.get("version")
        if data.get("format") != SESSION_FORMAT or version not in (1, SESSION_VERSION):
            raise ValueError(f"not a medguide session of version 1 or {SESSION_VERSION}")
        engine = cls(data.get("language", DEFAULT), flow, today)
        aliases = engine.flow.aliases

        def current_key(key: str) -> str | None:
            """The key as this interview keeps it: renamed ids by their alias, ungrouped v1 keys in item 1."""
            qid, item = split_key(key)
            qid = aliases.get(qid, qid)
            q = engine.questions.get(qid)
            if q is None:
                return None  # a question the interview no longer has
            if q.group is None:
                return qid
            return item_key(qid, item or 1)

        for key, entry in data["answers"].items():
            found = current_key(key)
            if found is None:
                continue
            engine.answers[found] = from_canonical(engine.questions[split_key(found)[0]], entry["value"])
            engine.typed[found] = entry.get("typed", "")
        trail = [current_key(k) for k in data["trail"]]
        engine.trail = [k for k in trail if k is not None and k in engine.answers]
        engine.items = {g: int(n) for g, n in (data.get("items") or {}).items() if g in engine.flow.groups}
        state = aliases.get(data["state"], data["state"])
        engine.machine.set_state(state if state in engine.questions or state == RESULTS else engine.flow.start, model=engine._walker)
        engine.draft = data.get("draft", "")
        engine.resuming = bool(data.get("resuming", False))
        return engine


class PathAnswers(dict):
    """The answers on the path by question id, with ``groups``: every item of each group."""

    groups: dict[str, list[dict[str, Any]]] = {}


def _with_answer(answers: dict[str, Any], groups: dict[str, list[dict[str, Any]]], qid: str,
                 value: Any) -> tuple[PathAnswers, dict[str, list[dict[str, Any]]]]:
    """The answers with every "I don't know" to ``qid`` (in any item too) read as ``value``."""
    changed = PathAnswers({**answers, qid: value} if answers.get(qid) == UNKNOWN else answers)
    changed_groups = {g: [{**i, qid: value} if i.get(qid) == UNKNOWN else i for i in items]
                      for g, items in groups.items()}
    changed.groups = changed_groups
    return changed, changed_groups


def _sameness(result: Result) -> tuple:
    """What makes two results the same for a person: the outcome code and figures, or what is missing."""
    if result.outcome is not None:
        return ("outcome", result.outcome.outcome, repr(result.outcome.figures))
    if result.refusal is not None:
        return ("refusal", result.refusal.code)
    return ("missing", result.missing)


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

