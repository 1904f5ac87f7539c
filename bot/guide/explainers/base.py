"""What every explainer shares: the Explanation, the registry, small helpers.

An explainer turns one rule's :class:`~rules.base.Outcome` into plain words:
the figure first (``headline``), then the working (``why``), then what to do
(``next_steps``), then the law (``law``, the citations verbatim). Every word a
person reads comes from ``lang`` (``_``, ``n_``, ``money``, ``date``), so each
msgid is a literal string at its call and the extractor finds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Mapping

from medguide.rules import Outcome, Step

from medguide.bot.words.i18n import Lang


class Said(str):
    """One line a person reads, with the stable key a story checks it by (the way outcomes have codes).

    It is the translated text itself (a ``str``), so every face shows it as it is; ``key`` names
    what the line says, the same in every language: ``ut.premium_credit.would_become``.
    """

    key: str

    def __new__(cls, key: str, text: str) -> "Said":
        said = super().__new__(cls, text)
        said.key = key
        return said

    def __reduce__(self):  # copy and pickle keep the key
        return (Said, (self.key, str(self)))

    def format(self, *args: Any, **kwargs: Any) -> "Said":  # type: ignore[override]
        """Placeholders filled, key kept: ``say("k", _("{n} days")).format(n=30)``."""
        return Said(self.key, str.format(self, *args, **kwargs))


def say(key: str, text: str) -> Said:
    """``text`` with its key; a key without a dot is the rule's own (``made`` prefixes the rule id)."""
    return Said(key, text)


def keyed(rule: str, line: str) -> Said:
    """A line's full key: the rule id is put before a short key; an unkeyed line is an error."""
    if not isinstance(line, Said):
        raise TypeError(f"{rule}: a line without a key: {line!r}")
    return line if "." in line.key else Said(f"{rule}.{line.key}", line)


def keys_of(lines) -> list[str]:
    return [line.key for line in lines if isinstance(line, Said)]


@dataclass(frozen=True)
class Dated:
    """A next step with its date: what to do (or what was due) by ``on``; ``passed`` when that day is behind today.

    The summary lists them with their dates, the calendar file makes each one an event, and a deadline
    that has passed is said as passed, with what follows, never as a to-do.
    """

    on: date
    said: "Said"
    passed: bool = False


@dataclass(frozen=True)
class Explanation:
    rule: str
    headline: str
    """The figure first: one short sentence with the key number or answer."""
    why: list[str]
    """The working as plain arithmetic sentences."""
    next_steps: list[str]
    """What to do next: which form, which deadline, whom to contact."""
    law: list[str]
    """The citations, verbatim and untranslated."""
    verbatim: str | None = None
    """Only for ut.primary_plan: the fixed order language of Utah Code 81-6-208(7)(a)(ii), in English."""
    gloss: str | None = None
    """A translated plain gloss of ``verbatim``."""
    verbatim_title: str | None = None
    """What the verbatim words are, in the person's language: the order's words, or the law's default words."""
    depends: list[str] = field(default_factory=list)
    """What this result depends on: a condition not met yet, a review by office staff, an answer not known."""
    dates: list[Dated] = field(default_factory=list)
    """The dated next steps and deadlines (also said in ``next_steps`` or ``why``), for the summary and calendar."""

    @property
    def keys(self) -> list[str]:
        """The stable key of every line a person reads here, headline first."""
        return keys_of([self.headline, *self.why, *self.next_steps, *self.depends,
                        *([self.gloss] if self.gloss else []), *([self.verbatim_title] if self.verbatim_title else [])])


@dataclass(frozen=True)
class Context:
    """What an explainer may know besides its own outcome: today, the answers on the path, the other results.

    A result is only true of a person's situation when it is read with the rest of it: a credit is in
    force only once the office has the form; a credit that ended is not "becoming" anything.
    """

    today: date | None = None
    answers: Mapping[str, Any] = field(default_factory=dict)
    """The answers on the path, by question id (canonical values, or "unknown")."""
    results: tuple[Any, ...] = ()
    """Every result of the session (engine ``Result`` objects), in the interview's order."""

    def outcome(self, rule: str, item: int | None = None) -> Outcome | None:
        for r in self.results:
            if r.rule == rule and r.item == item and r.outcome is not None:
                return r.outcome
        return None

    def answer(self, question: str, default: Any = None) -> Any:
        value = self.answers.get(question)
        return default if value is None else value


NO_CONTEXT = Context()


class Unexplained(LookupError):
    """An outcome code (or a code inside it) that has no plain words yet."""


@dataclass(frozen=True)
class Explainer:
    rule: str
    outcomes: tuple[str, ...]
    """Every outcome code the rule can return; each one has its own words."""
    func: Callable[[Outcome, Lang, Context], Explanation]
    unworkable: Callable[[Callable[[str], str]], str]
    """Headline for a refusal or a missing answer: "We could not work out ..." (given ``lang._``)."""


REGISTRY: dict[str, Explainer] = {}


def explainer(rule_id: str, outcomes: tuple[str, ...], unworkable: Callable[[Callable[[str], str]], str]):
    """Register the explainer of ``rule_id``; it must answer every code in ``outcomes``."""

    def register(func: Callable[..., Explanation]) -> Callable[..., Explanation]:
        if rule_id in REGISTRY:
            raise ValueError(f"explainer for {rule_id} registered twice")
        REGISTRY[rule_id] = Explainer(rule_id, outcomes, func, unworkable)
        return func

    return register


def made(o: Outcome, headline: str, why: list[str], next_steps: list[str], **extra: Any) -> Explanation:
    """An Explanation for ``o``: every line keyed, the law the outcome's citations, as they are."""
    for name in ("gloss", "verbatim_title"):
        if extra.get(name) is not None:
            extra[name] = keyed(o.rule, extra[name])
    if "depends" in extra:
        extra["depends"] = [keyed(o.rule, s) for s in extra["depends"] if s]
    if "dates" in extra:
        extra["dates"] = [Dated(d.on, keyed(o.rule, d.said), d.passed) for d in extra["dates"] if d]
    return Explanation(o.rule, keyed(o.rule, headline), [keyed(o.rule, s) for s in why if s],
                       [keyed(o.rule, s) for s in next_steps if s], list(o.citations), **extra)


def dated(on: date | None, said: str, ctx: Context) -> list[Dated]:
    """``[Dated(on, said, passed)]`` read against ``ctx.today`` (nothing when there is no day)."""
    if on is None:
        return []
    return [Dated(on, said, ctx.today is not None and on < ctx.today)]


def pick(table: dict[str, Any], code: str | None) -> Any:
    """``table[code]``, or :class:`Unexplained` for a code with no words."""
    if code not in table:
        raise Unexplained(code)
    return table[code]


def known(code: str | None, *codes: str | None) -> None:
    """:class:`Unexplained` unless ``code`` is one of ``codes``."""
    if code not in codes:
        raise Unexplained(code)


def step(o: Outcome, code: str) -> Step | None:
    """The first step of the working with this code (None when the rule ran without its working)."""
    return next((s for s in o.steps if s.code == code), None)


def steps(o: Outcome, code: str) -> list[Step]:
    return [s for s in o.steps if s.code == code]
