"""The shape of the interview data, checked when it loads.

``interview.yaml`` is read into these models; a dangling transition, an unknown
predicate or a result builder that does not exist fails at load, not mid-call.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

FLOW_FILE = Path(__file__).with_name("interview.yaml")
GLOSSARY_FILE = Path(__file__).with_name("glossary.yaml")
RESULTS = "results"
"""The final state: every rule that applies, then what to do next, then the law."""

AnswerType = Literal["yesno", "choice", "money", "whole", "number", "date", "month_day", "text", "note"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Choice(_Strict):
    code: str
    label: str
    aliases: tuple[str, ...] = ()
    """Other names read as this choice in every language ("CA", "加州"); never shown."""


class Usual(_Strict):
    """What a question usually gets: an answer outside it is confirmed with the person before it is used."""

    min: Decimal | None = None
    max: Decimal | None = None


class Next(_Strict):
    to: str
    when: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    repeat: str | None = None
    """A group id: this way starts the group's next item (another bill, another plan)."""


class Group(_Strict):
    """Questions asked once per item (each bill, each plan), in a loop closed by a yes/no question."""

    title: str
    """What one item is called, with ``{n}``: "Bill {n}" (a gettext msgid, context ``group:<id>``)."""
    more: str
    """The yes/no question that asks for another item; its Yes way back to the first question has ``repeat``."""
    max_items: int = Field(default=20, ge=1, le=100)


class Question(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    aliases: tuple[str, ...] = ()
    """Earlier ids of this question: stories and saved sessions that use them keep working."""
    topic: Literal["order", "coverage", "income", "expenses"]
    group: str | None = None
    """The group this question is asked in once per item (its answers are kept per item)."""
    ask: str
    help: str | None = None
    type: AnswerType
    choices: tuple[Choice, ...] = ()
    unknown: bool = False
    unknown_effect: str | None = None
    terms: tuple[str, ...] = ()
    comment: str | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    max_length: int = 200
    not_after: Literal["today"] | None = None
    not_before: str | None = None
    not_above: str | None = None
    not_below: str | None = None
    """An earlier answer this one cannot be less than (the most people a plan may cover, and the children on it)."""
    optional: bool = False
    """A question a story may leave out; its ``default`` answer (a choice code, yes/no, or "unknown") is used."""
    default: str | None = None
    usual: Usual | None = None
    """Bounds of a usual answer (money, whole numbers, numbers); outside them the person confirms the answer."""
    usual_not_above: str | None = None
    """An earlier answer this one is usually not above (a premium and the income): asked to confirm when it is."""
    next: tuple[Next, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.choices)

    @model_validator(mode="after")
    def _coherent(self) -> "Question":
        if (self.type == "choice") != bool(self.choices):
            raise ValueError(f"{self.id}: choices go with type choice, and only with it")
        if (self.usual is not None or self.usual_not_above) and self.type not in ("money", "whole", "number"):
            raise ValueError(f"{self.id}: usual bounds go with money, whole and number questions only")
        if self.unknown and not self.unknown_effect:
            raise ValueError(f"{self.id}: a question that allows 'I don't know' must say what the fact would change")
        if self.optional != (self.default is not None):
            raise ValueError(f"{self.id}: an optional question has a default, and only an optional one")
        if self.default is not None:
            allowed = {"yesno": ("yes", "no"), "choice": self.codes}.get(self.type, ())
            if not (self.default in allowed or (self.default == "unknown" and self.unknown)):
                raise ValueError(f"{self.id}: default {self.default!r} is not an answer this question takes")
        return self


class Predicate(_Strict):
    """A named condition on earlier answers: ``answer`` with ``is``/``in``, or ``all``/``any``/``not`` of names.

    ``group`` with ``answer`` and ``is``/``in``: the condition holds when it holds for any item of the group
    (any plan that pays only for accidents). ``month_day_between: [MM-DD, MM-DD]``: a date answer whose
    month and day fall in that span of the year.
    """

    answer: str | None = None
    group: str | None = None
    is_: Any = Field(default=None, alias="is")
    in_: tuple[Any, ...] | None = Field(default=None, alias="in")
    month_day_between: tuple[str, str] | None = None
    all: tuple[str, ...] | None = None
    any: tuple[str, ...] | None = None
    not_: str | None = Field(default=None, alias="not")


class ResultStep(_Strict):
    rule: str
    when: tuple[str, ...] = ()
    facts: str
    each: str | None = None
    """A group id: the rule runs once per item of the group (each bill), the builder seeing that item."""


class Flow(_Strict):
    start: str
    predicates: dict[str, Predicate]
    groups: dict[str, Group] = {}
    questions: tuple[Question, ...]
    results: tuple[ResultStep, ...]

    @property
    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @property
    def aliases(self) -> dict[str, str]:
        """Earlier question ids -> today's."""
        return {alias: q.id for q in self.questions for alias in q.aliases}

    def holds(self, name: str, answers: dict[str, Any]) -> bool:
        """Whether the named predicate holds for these answers (an answer not given never matches)."""
        p = self.predicates[name]
        if p.all is not None:
            return all(self.holds(n, answers) for n in p.all)
        if p.any is not None:
            return any(self.holds(n, answers) for n in p.any)
        if p.not_ is not None:
            return not self.holds(p.not_, answers)
        if p.group is not None:
            items = getattr(answers, "groups", {}).get(p.group, [])
            return any(self._matches(p, item.get(p.answer)) for item in items)  # type: ignore[arg-type]
        return self._matches(p, answers.get(p.answer))  # type: ignore[arg-type]

    @staticmethod
    def _matches(p: "Predicate", value: Any) -> bool:
        if value is None:
            return False
        if p.month_day_between is not None:
            if not hasattr(value, "month"):
                return False
            low, high = p.month_day_between
            return low <= f"{value.month:02d}-{value.day:02d}" <= high
        if p.in_ is not None:
            return value in p.in_
        return value == p.is_

    def way_of(self, question: Question, answers: dict[str, Any]) -> Next:
        """The way the interview goes after ``question``: the first one whose conditions hold."""
        for n in question.next:
            if all(self.holds(c, answers) for c in n.when) and not any(self.holds(c, answers) for c in n.unless):
                return n
        raise AssertionError("unreachable: the last way forward has no condition")

    def next_of(self, question: Question, answers: dict[str, Any]) -> str:
        """Where the interview goes after ``question``."""
        return self.way_of(question, answers).to

    def group_questions(self, group: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.group == group)

    @model_validator(mode="after")
    def _references(self) -> "Flow":
        from medguide.flows import facts as builders

        ids = {q.id for q in self.questions}
        if len(ids) != len(self.questions):
            raise ValueError("question ids must be unique")
        aliases = [a for q in self.questions for a in q.aliases]
        if len(set(aliases)) != len(aliases) or ids & set(aliases):
            raise ValueError("a question alias must be unique and never another question's id")
        if self.start not in ids:
            raise ValueError(f"start {self.start!r} is not a question")
        for name, p in self.predicates.items():
            refs = [*(p.all or ()), *(p.any or ()), *([p.not_] if p.not_ else [])]
            for ref in refs:
                if ref not in self.predicates:
                    raise ValueError(f"predicate {name}: unknown predicate {ref!r}")
            if p.answer is not None and p.answer not in ids:
                raise ValueError(f"predicate {name}: unknown question {p.answer!r}")
        for q in self.questions:
            for n in q.next:
                if n.to not in ids and n.to != RESULTS:
                    raise ValueError(f"{q.id}: next goes to unknown {n.to!r}")
                for ref in (*n.when, *n.unless):
                    if ref not in self.predicates:
                        raise ValueError(f"{q.id}: unknown predicate {ref!r}")
            if not q.next or q.next[-1].when or q.next[-1].unless:
                raise ValueError(f"{q.id}: the last way forward must have no condition")
            for ref in (q.not_before, q.not_above, q.not_below, q.usual_not_above):
                if ref is not None and ref not in ids:
                    raise ValueError(f"{q.id}: refers to unknown question {ref!r}")
            if q.usual_not_above is not None and self.by_id[q.usual_not_above].type != q.type:
                raise ValueError(f"{q.id}: usual_not_above compares with {q.usual_not_above!r}, of another type")
        by_id = {q.id: q for q in self.questions}
        for gid, g in self.groups.items():
            members = [q for q in self.questions if q.group == gid]
            if not members:
                raise ValueError(f"group {gid}: no question is in it")
            more = by_id.get(g.more)
            if more is None or more.group != gid or more.type != "yesno":
                raise ValueError(f"group {gid}: its more question {g.more!r} must be a yes/no question in the group")
            member_ids = {q.id for q in members}
            if not any(n.repeat == gid for n in more.next) or any(
                    n.repeat == gid and n.to not in member_ids for n in more.next):
                raise ValueError(f"group {gid}: {g.more} needs a way back into the group with repeat: {gid}")
        for q in self.questions:
            if q.group is not None and q.group not in self.groups:
                raise ValueError(f"{q.id}: unknown group {q.group!r}")
            for n in q.next:
                if n.repeat is not None and (q.id != self.groups.get(n.repeat, Group(title="", more="")).more):
                    raise ValueError(f"{q.id}: only a group's more question may repeat it")
        known = ids | set(self.groups) | {a for q in self.questions for a in q.aliases}
        for name, p in self.predicates.items():
            if p.group is not None and p.group not in self.groups:
                raise ValueError(f"predicate {name}: unknown group {p.group!r}")
        for r in self.results:
            if r.each is not None and r.each not in self.groups:
                raise ValueError(f"result {r.rule}: unknown group {r.each!r}")
            if not hasattr(builders, r.facts):
                raise ValueError(f"result {r.rule}: no facts builder {r.facts!r} in flows/facts.py")
            unknown = [qid for qid in builders.BUILDERS.get(r.facts, ()) if qid not in known]
            if unknown:
                raise ValueError(f"result {r.rule}: builder {r.facts} reads {', '.join(unknown)}, which the "
                                 f"interview does not ask")
            for ref in r.when:
                if ref not in self.predicates:
                    raise ValueError(f"result {r.rule}: unknown predicate {ref!r}")
        return self


class Term(_Strict):
    id: str
    word: str
    meaning: str


def _yaml(path: Path) -> Any:
    """Safe YAML, with libyaml's loader when it is there (7x faster: part of the app's cold start)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=None)
def load(path: Path = FLOW_FILE) -> Flow:
    return Flow.model_validate(_yaml(path))


@lru_cache(maxsize=None)
def glossary(path: Path = GLOSSARY_FILE) -> dict[str, Term]:
    if not path.exists():
        return {}
    return {t["id"]: Term.model_validate(t) for t in _yaml(path)["terms"]}
