"""Stories: a parent's whole situation, answered by question id in any order, checked by what they are told.

A story is a YAML file a help-desk lead, a court self-help worker or a lawyer can write::

    story: A Utah father pays $350.00 and carries the plan for his one child and his wife.
    locale: en                 # the language the parent reads and types in
    today: 2026-12-01          # the clock: every "today" the guide uses
    face: engine               # engine (default) or chat: which face plays the story
    answers:                   # by question id, in any order, as the parent would type them
      order_state: UT
      order_date: 01/15/2024
      base_support: "$350.00"
      other_birthday: unknown  # "I don't know"
    expect:                    # per rule id: the outcome code and any figures
      ut.premium_credit: {outcome: credit, figures: {adjusted_support: "317.00"}}
      ut.credit_start: absent  # the rule must not apply
      ut.primary_plan: {missing: other_birthday}    # it waits for an "I don't know" answer
      ca.apportion_expenses#2: {outcome: half_each} # one item of a group (bill 2); the bare id is the last
    tells: [ut.premium_credit.support_becomes]      # stable keys of lines the parent is told
    never_tells: [ut.credit_end.ended]
    says: ["$317.00"]          # exact words, where the wording is the point
    never_says: ["$0.00"]
    asks: [credit_asked]       # questions the guide must ask
    never_asks: [my_birthday]

The guide asks; the story answers what is asked. A question the story does not answer fails the
story, naming the question and its English words, unless the interview marks it optional (then
its default is used and noted). An answer the guide never asked for is listed; with ``strict:
true`` (or ``medguide story --strict``) it fails the story. An answer may also be a mapping:
``{typed: "04/05/2023", means: 2023-04-05}`` picks one reading where the guide asks which was
meant, and ``{typed: "3.20", confirm: yes}`` confirms an unusual amount. A repeated group (several
bills, several plans) is answered as a list under the group's name (``bills: [{bill_amount: ...},
{...}]``); its "another one?" question is answered from the list's length.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable, Iterable, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import to_json

from medguide.bot.devtools.safe_yaml import YamlError, load_yaml
from medguide.bot.guide.engine import Engine, Result
from medguide.bot.guide.explain import Explanation, explain_session
from medguide.bot.words.i18n import LANGUAGES
from medguide.flows.facts import UNKNOWN
from medguide.flows.model import Flow, Question, load

MAX_STORY_BYTES = 256 * 1024
"""A story is a page of answers; anything bigger is refused before it is read whole."""
MAX_QUESTIONS = 500
"""More questions than any interview asks: a story that loops is stopped, not run forever."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleExpect(_Strict):
    """What one rule must say: its outcome code and figures, or that it waits for an answer, or is refused."""

    outcome: str | None = None
    figures: dict[str, Any] = {}
    missing: str | None = None
    """The question id whose "I don't know" the rule waits for."""
    refusal: str | None = None
    """The refusal code the rule gives."""
    depends_on: str | None = None
    """A question answered "I don't know" that this result depends on (it says what each answer would give)."""


class Step(_Strict):
    """One step of a path story, where the order of questions is the point (back, edit, bad input, language).

    ``q`` with ``a`` (or ``unknown``): answer that question with that text when the guide asks it,
    answering every question before it from ``answers``; ``error`` says the answer must be refused with
    that code (the question stays, the text is kept). ``until``: answer from ``answers`` until the
    guide asks that question (or reaches ``results``). ``back``, ``edit``, ``lang``: do it now.
    ``at``: the guide must be asking that question now.
    """

    q: str | None = None
    a: Any = None
    unknown: bool = False
    error: str | None = None
    until: str | None = None
    back: int | None = Field(default=None, ge=1, le=100)
    edit: str | None = None
    lang: str | None = None
    at: str | None = None


class StoryFile(_Strict):
    story: str = Field(min_length=1)
    based_on: str | None = None
    """Another story (a path relative to this one) whose answers this one starts from; its own answers win."""
    locale: str = "en"
    today: date
    face: Literal["engine", "chat"] = "engine"
    strict: bool = False
    comment: str | None = None
    """Notes for authors and reviewers; never checked."""
    answers: dict[str, Any] = {}
    steps: list[Step] = []
    expect: dict[str, RuleExpect | Literal["absent"]] = {}
    tells: list[str] = []
    never_tells: list[str] = []
    says: list[str] = []
    never_says: list[str] = []
    asks: list[str] = []
    never_asks: list[str] = []
    keeps: dict[str, Any] = {}
    """Answers the guide must hold at the end, as canonical values (``my_premium: "198.00"``): after back and edit."""

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        if value not in LANGUAGES:
            raise ValueError(f"expected one of {', '.join(LANGUAGES)}")
        return value


class StoryError(ValueError):
    """A story file that cannot be played: what is wrong, in plain words."""


@dataclass
class StoryRun:
    """How one story went."""

    path: Path | None
    story: str
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Things a reader should know that do not fail the story (answers never asked, defaults used)."""

    @property
    def passed(self) -> bool:
        return not self.failures


# ---------------------------------------------------------------- reading a story
def load_story(path: Path, _depth: int = 0) -> StoryFile:
    """Read and check a story file; :class:`StoryError` says what is wrong with it."""
    try:
        data = load_yaml(path, max_bytes=MAX_STORY_BYTES, aliases=False, dates=False)
    except YamlError as exc:
        raise StoryError(str(exc)) from None
    if not isinstance(data, dict):
        raise StoryError("it must be a mapping with story, today, answers and expect")
    if isinstance(data.get("based_on"), str):
        base_path = (path.parent / data["based_on"]).resolve()
        if _depth > 5:
            raise StoryError("based_on goes more than five stories deep")
        try:
            base = load_story(base_path, _depth + 1)
        except StoryError as exc:
            raise StoryError(f"its based_on story {data['based_on']} cannot be used: {exc}") from None
        answers = dict(base.answers)
        answers.update(data.get("answers") or {})
        data = {**data, "answers": answers}
    try:
        return StoryFile.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            where = ".".join(str(p) for p in err["loc"]) or "the file"
            problems.append(f"{where}: {'unknown key' if err['type'] == 'extra_forbidden' else err['msg']}")
        raise StoryError("; ".join(problems)) from None


# ---------------------------------------------------------------- playing it
def _typed(value: Any) -> str:
    """A YAML scalar as the text a person would type (YAML reads yes/no as true/false, dates as dates)."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class _Player:
    """Answers the guide's questions from the story, as a person would, through one face."""

    def __init__(self, story: StoryFile, flow: Flow, strict: bool):
        self.story = story
        self.flow = flow
        self.strict = strict or story.strict
        self.ids = {alias: q.id for q in flow.questions for alias in q.aliases}
        self.answers: dict[str, Any] = {}
        self.problems: list[str] = []
        single: dict[str, dict[str, Any]] = {}
        for key, value in story.answers.items():
            qid = self.ids.get(key, key)
            if qid in flow.groups:
                if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
                    self.problems.append(f"The story answers the group {key!r} with {value!r}; a group is answered "
                                         f"as a list, one mapping of answers per item.")
                    continue
                self.answers[qid] = [{self.ids.get(k, k): v for k, v in item.items()} for item in value]
                continue
            if qid not in flow.by_id:
                self.problems.append(f"The story answers {key!r}, but the interview has no question by that name.")
                continue
            group = flow.by_id[qid].group
            if group is not None:
                single.setdefault(group, {})[qid] = value
                continue
            self.answers[qid] = value
        for group, item in single.items():
            # A group's questions answered on their own answer its one item (a story with one plan, one bill).
            if group in self.answers:
                self.problems.append(f"The story answers {', '.join(item)} on their own and also lists the group "
                                     f"{group!r}: answer them inside that list.")
                continue
            self.answers[group] = [item]
        self.used: set[str] = set()
        self.asked: list[str] = []
        self.said: list[str] = []
        """What the guide said on the way, as the parent read it: each question, each refusal, each echo."""
        self.given: list[tuple[str, str]] = []
        """(question id, what was typed) in the order asked; "unknown" for "I don't know"."""
        self.notes: list[str] = []
        self.failures: list[str] = []
        self.engine = Engine(story.locale, flow, today=lambda: story.today)

    def english(self, qid: str) -> str:
        return self.flow.by_id[qid].ask

    def grouped(self, q: Question) -> tuple[bool, Any]:
        """(found, value) for a group's question, from the item the guide is asking about."""
        group = q.group or ""
        items = self.answers.get(group)
        n = self.engine.item_of(group)
        if not isinstance(items, list) or n > len(items):
            return False, None
        self.used.add(group)
        item = items[n - 1]
        if q.id in item:
            return True, item[q.id]
        if q.id == self.flow.groups[group].more:  # "another one?": yes while the story has more items
            return True, "yes" if n < len(items) else "no"
        return False, None

    def next_answer(self, q: Question) -> tuple[str, Any] | None:
        """("text", typed) | ("unknown", None) | None when the story has no answer (a failure is noted)."""
        found, grouped = self.grouped(q) if q.group is not None else (False, None)
        if found:
            value = grouped
        elif q.group is None and q.id in self.answers:
            self.used.add(q.id)
            value = self.answers[q.id]
        elif q.optional:
            value = q.default
            self.notes.append(f"The story does not answer {q.id} ({q.ask!r}); the guide's default {_typed(value)!r} "
                              f"was used.")
        else:
            where = (f" for {self.flow.groups[q.group].title.format(n=self.engine.item_of(q.group))}"
                     if q.group is not None else "")
            self.failures.append(f"The guide asked {q.id} (\"{q.ask}\"){where}, and the story has no answer for it.")
            return None
        if isinstance(value, dict):
            self.given.append((q.id, _typed(value.get("typed"))))
            return "mapping", value
        if isinstance(value, str) and value == UNKNOWN:
            self.given.append((q.id, UNKNOWN))
            return "unknown", None
        self.given.append((q.id, _typed(value)))
        return "text", _typed(value)

    def play(self) -> None:
        for number, step in enumerate(self.story.steps, start=1):
            if not self.step(number, step):
                return
        self.answer_until(None)

    def step(self, number: int, s: Step) -> bool:
        """Do one path step; False (with a failure noted) when the story cannot go on."""
        e, where = self.engine, f"Step {number}"
        target = s.q or s.until
        if target is not None:
            target = self.ids.get(target, target)
            if not self.answer_until(target):
                if not self.failures:
                    self.failures.append(f"{where}: the guide never asked {target}; it reached {e.state}.")
                return False
        if s.q is not None:
            q = e.current
            assert q is not None
            self.asked.append(q.id)
            if q.id in self.answers:
                self.used.add(q.id)
            self.said.append(e.ask(q))
            if s.unknown:
                reply, shown = e.answer_unknown(), "I don't know"
            else:
                shown = _typed(s.a)
                reply = e.answer(shown)
            self.given.append((q.id, UNKNOWN if s.unknown else shown))
            if not reply.ok:
                self.said.append(reply.error or "")
            if s.error is not None:
                if reply.ok:
                    self.failures.append(f"{where}: expected {shown!r} for {q.id} to be refused ({s.error}); the "
                                         f"guide accepted it.")
                    return False
                if reply.code != s.error:
                    self.failures.append(f"{where}: expected {shown!r} for {q.id} to be refused with {s.error}; it "
                                         f"was refused with {reply.code}: {reply.error}")
                if not s.unknown and e.draft != shown:
                    self.failures.append(f"{where}: the refused text {shown!r} was not kept.")
            elif not reply.ok:
                self.failures.append(f"{where}: the guide did not accept {shown!r} for {q.id} (\"{q.ask}\"): "
                                     f"{self.english_error(reply)}")
                return False
        if s.back is not None:
            e.back(s.back)
        if s.edit is not None:
            qid = self.ids.get(s.edit, s.edit)
            try:
                e.edit(qid)
            except KeyError:
                self.failures.append(f"{where}: {qid} cannot be changed: it is not an answered question on the path.")
                return False
        if s.lang is not None:
            if s.lang not in LANGUAGES:
                self.failures.append(f"{where}: unknown language {s.lang!r}.")
                return False
            e.set_language(s.lang)
        if s.at is not None and e.state != self.ids.get(s.at, s.at):
            self.failures.append(f"{where}: expected the guide to be at {s.at}; it is at {e.state}.")
            return False
        return True

    def answer_until(self, target: str | None) -> bool:
        """Answer from the story until the guide asks ``target`` (None or "results": until the results)."""
        e = self.engine
        for _ in range(MAX_QUESTIONS):
            q = e.current
            if q is None:
                return target in (None, "results")
            if q.id == target:
                return True
            self.asked.append(q.id)
            self.said.append(e.ask(q))
            if q.type == "note":
                e.answer("")
                continue
            found = self.next_answer(q)
            if found is None:
                return False
            kind, value = found
            if kind == "unknown":
                reply = e.answer_unknown()
                shown = "I don't know"
            elif kind == "mapping":
                reply, shown = self.answer_mapping(q, value)
                if reply is None:
                    return False
            else:
                reply, shown = e.answer(value), value
            if not reply.ok:
                self.failures.append(f"The guide did not accept {shown!r} for {q.id} (\"{q.ask}\"): "
                                     f"{self.english_error(reply)}")
                return False
            if reply.echo:
                self.said.append(reply.echo)  # the accepted date or amount, said back in words
        self.failures.append(f"The guide asked more than {MAX_QUESTIONS} questions; the story was stopped.")
        return False

    def answer_mapping(self, q: Question, value: dict) -> tuple[Any, str]:
        typed = value.get("typed")
        if typed is None or set(value) - {"typed", "means", "confirm"}:
            self.failures.append(f"The answer to {q.id} must be text, \"unknown\", or a mapping with typed and "
                                 f"means or confirm.")
            return None, ""
        e = self.engine
        reply = e.answer(_typed(typed))
        options = getattr(reply, "options", ()) or ()
        if reply.ok or not options:
            return reply, _typed(typed)
        if "means" in value:
            want = _typed(value["means"])
            for index, option in enumerate(options):
                if _canonical(option.value) == want:
                    return e.choose(index), _typed(typed)
            self.failures.append(f"For {q.id}, the guide asked which was meant by {_typed(typed)!r} "
                                 f"({', '.join(o.label for o in options)}); none of them is {want!r}.")
            return None, ""
        if value.get("confirm") is True:
            return e.choose(0), _typed(typed)
        self.failures.append(f"For {q.id}, the guide asked about {_typed(typed)!r} "
                             f"({', '.join(o.label for o in options)}), and the story does not say which.")
        return None, ""

    def english_error(self, reply: Any) -> str:
        """The refusal as staff read it (the story may be in any language): the code and the message."""
        return f"{reply.error} ({reply.code})"


def _canonical(value: Any) -> str:
    from medguide.bot.guide.engine import canonical_text

    return canonical_text(value)


# ---------------------------------------------------------------- checking what was said
def _figure_matches(want: Any, got: Any) -> bool:
    if isinstance(want, date):
        want = want.isoformat()
    if isinstance(want, (int, float)) and not isinstance(want, bool) and isinstance(got, str):
        try:
            return Decimal(str(want)) == Decimal(got)
        except InvalidOperation:
            return False
    if isinstance(want, list) and isinstance(got, list):
        return len(want) == len(got) and all(_figure_matches(w, g) for w, g in zip(want, got))
    return want == got


def _describe(result: Result | None, said: Explanation | None) -> str:
    """What a rule did, as a clause ending with a full stop (or the headline it said, quoted)."""
    if result is None:
        return "the rule did not apply."
    headline = f", saying: \"{said.headline}\"" if said is not None else "."
    if result.outcome is not None:
        return f"it came out as {result.outcome.outcome!r}{headline}"
    if result.refusal is not None:
        return f"it was refused ({result.refusal.code} on {result.refusal.field}){headline}"
    return f"it waits for the answer to {result.missing}{headline}"


def _rendered(explanations: list[Explanation]) -> str:
    lines: list[str] = []
    for x in explanations:
        lines += [x.headline, *x.why, *x.depends, *x.next_steps]
        if x.verbatim:
            lines.append(x.verbatim)
        if x.gloss:
            lines.append(x.gloss)
        lines += x.law
    return "\n".join(lines)


def _check(story: StoryFile, player: _Player, transcript: str) -> list[str]:
    failures: list[str] = []
    e = player.engine
    if not e.finished:
        return failures
    results = e.results()
    explanations = explain_session(e)
    by_rule = {r.rule: (r, x) for r, x in zip(results, explanations)}  # a rule of a group: its last item
    by_rule.update({f"{r.rule}#{r.item}": (r, x) for r, x in zip(results, explanations) if r.item is not None})
    for rule_id, want in story.expect.items():
        result, said = by_rule.get(rule_id, (None, None))
        if want == "absent":
            if result is not None:
                failures.append(f"Expected {rule_id} not to apply; {_describe(result, said)}")
            continue
        if want.outcome is not None:
            if result is None or result.outcome is None or result.outcome.outcome != want.outcome:
                failures.append(f"Expected {rule_id} to come out as {want.outcome!r}; {_describe(result, said)}")
                continue
        if want.missing is not None and (result is None or result.missing != want.missing):
            failures.append(f"Expected {rule_id} to wait for the answer to {want.missing}; "
                            f"{_describe(result, said)}")
        if want.depends_on is not None and (result is None or
                                            want.depends_on not in {a.question for a in result.alternatives}):
            failures.append(f"Expected {rule_id} to depend on the answer to {want.depends_on}; "
                            f"{_describe(result, said)}")
        if want.refusal is not None and (result is None or result.refusal is None
                                         or result.refusal.code != want.refusal):
            failures.append(f"Expected {rule_id} to be refused with {want.refusal!r}; {_describe(result, said)}")
        if want.figures:
            if result is None or result.outcome is None:
                failures.append(f"Expected figures from {rule_id}; {_describe(result, said)}")
                continue
            figures = json.loads(to_json(result.outcome.figures))
            for name, value in want.figures.items():
                if name not in figures:
                    failures.append(f"Expected {rule_id} to give the figure {name}; it has no such figure "
                                    f"(it has {', '.join(sorted(figures))}).")
                elif not _figure_matches(value, figures[name]):
                    failures.append(f"Expected {rule_id}'s {name} to be {_typed(value)!r}; the guide worked out "
                                    f"{figures[name]!r}.")
    told = {key for x in explanations for key in x.keys}
    headlines = "; ".join(f"\"{x.headline}\"" for x in explanations) or "nothing"
    for key in story.tells:
        if key not in told:
            failures.append(f"Expected the parent to be told {key}; it was not said. The results said: {headlines}.")
    for key in story.never_tells:
        if key in told:
            line = next(str(s) for x in explanations for s in [x.headline, *x.why, *x.next_steps] if
                        getattr(s, "key", None) == key)
            failures.append(f"The parent must never be told {key}, but the guide said: \"{line}\".")
    for words in story.says:
        if words not in transcript:
            failures.append(f"Expected the guide to say \"{words}\"; it did not. The results said: {headlines}.")
    for words in story.never_says:
        if words in transcript:
            failures.append(f"The guide must never say \"{words}\", but it did.")
    return failures


def _chat_transcript(story: StoryFile, player: _Player) -> str:
    """Play the story through the plain chat, line by line, and return everything it printed."""
    from medguide.bot.faces.chat import PlainChat

    out = io.StringIO()
    chat = PlainChat(player.engine, out)
    chat.ask()
    e = player.engine
    for _ in range(MAX_QUESTIONS):
        q = e.current
        if q is None:
            break
        player.asked.append(q.id)
        if q.type == "note":
            chat.handle("")
            continue
        found = player.next_answer(q)
        if found is None:
            break
        kind, value = found
        if kind == "mapping":
            player.failures.append(f"The chat face reads typed lines only; answer {q.id} as text.")
            break
        before = len(e.trail)
        chat.handle(":unknown" if kind == "unknown" else value)
        if len(e.trail) == before and e.current is q:
            player.failures.append(f"The guide did not accept {value if kind == 'text' else 'I dont know'!r} for "
                                   f"{q.id} (\"{q.ask}\"): {out.getvalue().splitlines()[-1] if out.getvalue() else ''}")
            break
    return out.getvalue()


def answered_in_order(story: StoryFile, flow: Flow | None = None) -> list[tuple[str, str]]:
    """The story's answers in the order the guide asks for them: (question id, text), "unknown" for "I don't know".

    Tests that drive a face by hand (the app under Pilot) take a whole interview from a story this way,
    so each situation is written once.
    """
    player = _Player(story, flow or load(), strict=False)
    player.play()
    if player.failures or not player.engine.finished:
        raise StoryError("; ".join(player.failures) or f"the story stops at {player.engine.state}")
    return player.given


def play(story: StoryFile, path: Path | None = None, flow: Flow | None = None, strict: bool = False) -> StoryRun:
    """Play one story on the headless engine (or the plain chat) and check what the parent is told."""
    flow = flow or load()
    player = _Player(story, flow, strict)
    found = StoryRun(path, story.story, failures=list(player.problems))
    if story.face == "chat":
        transcript = _chat_transcript(story, player)
    else:
        player.play()
        transcript = ""
    found.failures += player.failures
    e = player.engine
    if not player.failures and not e.finished:
        found.failures.append(f"The story stopped at {e.state} before the results.")
    if story.face == "engine":
        transcript = "\n".join(player.said)
        if e.finished:
            transcript += "\n" + _rendered(explain_session(e))
    found.failures += _check(story, player, transcript)
    asked = set(player.asked)
    for qid in story.asks:
        qid = player.ids.get(qid, qid)
        if qid not in asked:
            found.failures.append(f"Expected the guide to ask {qid} (\"{player.english(qid)}\" ); it did not."
                                  if qid in flow.by_id else f"The story expects a question {qid!r} the interview "
                                  f"does not have.")
    for qid, value in story.keeps.items():
        base, sep, n = qid.partition("#")
        qid = player.ids.get(base, base)
        if qid in flow.by_id and flow.by_id[qid].group is not None:
            qid = f"{qid}#{n or 1}"  # a group's question: its first item unless the key names one
        got = e.answers.get(qid)
        if got is None or _canonical(got) != _typed(value):
            found.failures.append(f"Expected the guide to keep {_typed(value)!r} for {qid}; it keeps "
                                  f"{_canonical(got) if got is not None else 'no answer'!r}.")
    for qid in story.never_asks:
        qid = player.ids.get(qid, qid)
        if qid in asked:
            found.failures.append(f"The guide must never ask {qid} (\"{player.english(qid)}\"), but it did.")
    unused = [qid for qid in player.answers if qid not in player.used]
    if unused:
        line = f"Answers the guide never asked for: {', '.join(unused)}."
        (found.failures if player.strict else found.notes).append(line)
    found.notes += player.notes
    return found


def run_file(path: Path, flow: Flow | None = None, strict: bool = False) -> StoryRun:
    try:
        story = load_story(path)
    except StoryError as exc:
        return StoryRun(path, path.name, failures=[f"The story file cannot be read: {exc}."])
    return play(story, path, flow, strict)


def story_files(paths: Iterable[Path]) -> list[Path]:
    """Every story named, and every *.yaml under a folder named, in a steady order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(path.rglob("*.yaml"))
        else:
            found.append(path)
    return found


# ---------------------------------------------------------------- the report
def report(outcomes: list[StoryRun], write: Callable[[str], Any], verbose: bool = False) -> None:
    """PASS or FAIL per story, in words a non-developer can read; then the failures again, then the count."""
    for o in outcomes:
        where = f"  ({o.path})" if o.path else ""
        write(f"{'PASS' if o.passed else 'FAIL'}  {o.story}{where}")
        for failure in o.failures:
            write(f"      - {failure}")
        if verbose or not o.passed:
            for note in o.notes:
                write(f"      note: {note}")
    failed = [o for o in outcomes if not o.passed]
    if failed:
        write("")
        write("Failures")
        write("--------")
        for o in failed:
            write(f"{o.story}" + (f"  ({o.path})" if o.path else ""))
            for failure in o.failures:
                write(f"  - {failure}")
    write("")
    write(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed")


def main(paths: list[str], strict: bool = False, write: Callable[[str], Any] = print) -> int:
    outcomes = [run_file(p, strict=strict) for p in story_files(Path(p) for p in paths)]
    report(outcomes, write)
    return 0 if outcomes and all(o.passed for o in outcomes) else 1
