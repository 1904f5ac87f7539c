"""The interview's first question, read without the engine: what a face shows while the engine loads.

The engine needs pydantic, the rules, transitions and the whole interview validated; at start-up
that costs about as much again as Textual itself. The first question needs none of it: this reads
it from the same ``flows/interview.yaml`` the engine loads, with the same words and choices in the
session's language and the same "Step 1 of about N" (the default way through the interview when
nothing is answered yet), so the app can ask it at once and hand the first answer to the engine.

Where the first question needs more than that (law numbers in its sentences, a typed answer with its
examples and its reader, a group, a predicate of a kind not read here), :func:`first_question` is
None and the face waits for the engine. ``tests/test_startup.py`` checks that what it gives is what
the engine gives, in every language.

Reading the YAML (yaml's import and the parse) is most of what this costs, so a face may give a
``cache`` folder: what was read is kept there as a small JSON file named by a hash of the interview
and of this module, so any change to either reads the YAML again. A cache that cannot be read or
written is not used (a read-only home, a kiosk): the YAML is read, as without one.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import medguide.flows

from medguide.bot.words.i18n import lang

FLOW_FILE = Path(medguide.flows.__file__).with_name("interview.yaml")
"""The interview the engine loads (``medguide.flows.model.FLOW_FILE``)."""
SHOWN = ("choice", "yesno", "note")
"""First questions shown from here: they need words only (a typed answer needs the engine's reader)."""


@dataclass(frozen=True)
class FirstQuestion:
    """The first question in one language, as the engine would ask it; as read and cached from the flow, in its English."""

    id: str
    type: str
    ask: str
    help: str
    """"" when the question has no help."""
    choices: tuple[str, ...]
    """The choices' labels in order (Yes and No for a yes/no question)."""
    unknown: bool
    """Whether "I don't know" is an answer."""
    steps: int
    """The m of "Step 1 of about m"."""


def first_question(code: str, path: Path = FLOW_FILE, cache: Path | None = None) -> FirstQuestion | None:
    """The first question in language ``code``; None when only the engine can ask it.

    ``cache``: a folder where what was read from ``path`` is kept for the next start (see above).
    """
    start = _cached(path, cache)
    if start is None:
        return None
    words = lang(code)
    ask = words.p_(f"q:{start.id}", start.ask)
    help_ = words.p_(f"help:{start.id}", start.help) if start.help else ""
    if "{" in ask or "{" in help_:  # a number of the law: the engine fills it for the day
        return None
    if start.type == "yesno":
        choices = (words._("Yes"), words._("No"))
    else:
        choices = tuple(words.p_(f"choice:{start.id}", label) for label in start.choices)
    return replace(start, ask=ask, help=help_, choices=choices)


@lru_cache(maxsize=8)
def _cached(path: Path, cache: Path | None) -> FirstQuestion | None:
    text = path.read_bytes()
    if cache is None:
        return _read(text)
    import hashlib

    key = hashlib.blake2b(text + b"\0" + Path(__file__).read_bytes(), digest_size=16).hexdigest()
    kept = cache / f"first-question-{key}.json"
    try:
        found = json.loads(kept.read_text(encoding="utf-8"))
        return None if found is None else FirstQuestion(**{**found, "choices": tuple(found["choices"])})
    except (OSError, ValueError, TypeError, KeyError):
        pass  # not kept yet, or not readable: read the YAML
    start = _read(text)
    _keep(kept, json.dumps(None if start is None else asdict(start), ensure_ascii=False))
    for old in cache.glob("first-question-*.json"):  # an earlier interview's: never read again
        if old != kept:
            old.unlink(missing_ok=True)
    return start


def _keep(path: Path, text: str) -> None:
    """Write ``text`` to ``path``, owner-only, through a temporary file; a failure only means no cache."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


def _read(text: bytes) -> FirstQuestion | None:
    import yaml

    data = yaml.load(text.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    try:
        questions = {q["id"]: q for q in data["questions"]}
        q = questions[data["start"]]
        if q.get("type") not in SHOWN or q.get("group") is not None:
            return None
        steps = _steps(q, questions, data.get("predicates") or {})
        if steps is None:
            return None
        return FirstQuestion(q["id"], q["type"], q["ask"], q.get("help") or "",
                      tuple(c["label"] for c in q.get("choices") or ()), bool(q.get("unknown", False)), steps)
    except (KeyError, TypeError, AttributeError):
        return None  # not the shape read here: the engine's own loading says what is wrong


def _steps(start: dict[str, Any], questions: dict[str, dict[str, Any]], predicates: dict[str, Any]) -> int | None:
    """How many questions the default way asks from ``start`` (``Engine.progress`` with no answers)."""
    q, ahead = start, 0
    while ahead < len(questions):
        ahead += 1
        way = None
        for n in q["next"]:
            when = [_holds(predicates, name) for name in n.get("when") or ()]
            unless = [_holds(predicates, name) for name in n.get("unless") or ()]
            if None in when or None in unless:
                return None
            if all(when) and not any(unless):
                way = n
                break
        if way is None or way.get("repeat") is not None:
            return None
        if way["to"] not in questions:  # the results
            break
        q = questions[way["to"]]
    return ahead


def _holds(predicates: dict[str, Any], name: str, depth: int = 0) -> bool | None:
    """Whether a predicate holds when nothing is answered (``Flow.holds``); None for a kind not read here."""
    p = predicates.get(name)
    if not isinstance(p, dict) or depth > 50:
        return None
    for key, combine in (("all", all), ("any", any)):
        if key in p:
            parts = [_holds(predicates, n, depth + 1) for n in p[key]]
            return None if None in parts else combine(parts)
    if "not" in p:
        inner = _holds(predicates, p["not"], depth + 1)
        return None if inner is None else not inner
    if "answer" in p:
        return False  # an answer not given never matches (nor does any item of a group with none yet)
    return None
