"""Random conversations: random paths, random and hostile answers, back, edit and language switches.

Shared by tests/test_random_conversations.py (hypothesis, 500 in CI) and
benchmarks/engine.py (10,000 and timings). ``walk`` raises AssertionError when an
invariant breaks: no crash, back always works, every path ends in results.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from medguide.bot.guide.engine import Engine, split_key
from medguide.bot.words.i18n import LANGUAGES
from medguide.flows.model import RESULTS, Question

TODAY = date(2026, 11, 23)

HOSTILE = [
    "", " ", "\t", "\x00", "\x1b[31mred\x1b[0m", "\x07\x08", "[bold]x[/bold]", "[link=https://example.org]y[/link]",
    "[/]", "a" * 5000, "-1", "-0", "1e309", "NaN", "inf", "9" * 40, "0.001", "１２３", "٣٤", "二十", "💥", "\u202e12",
    "1,2,3", "--", "12/31/9999", "0000-00-00", "02-30", "13-45", "∞", "{0}", "{n}", "%s%n", "None", "null",
    "$", "US$", "1.234.567,891", "1 234", "ñ", "Tiếng Việt", "中文", ":", ";DROP TABLE", "\r\n", "yes no",
]


def valid_answer(q: Question, rng: random.Random, answers: dict[str, Any]) -> str:
    """A plausible answer to ``q`` (may still be refused by a cross-check, which is fine)."""
    if q.type == "choice":
        return str(rng.randint(1, len(q.choices)))
    if q.type == "yesno":
        return rng.choice(["yes", "no", "1", "2", "y", "n"])
    limit = answers.get(q.not_above) if q.not_above else None
    if q.type == "money":
        cents = rng.choice([1, 99, 1999, 19800, 15398, 35000, 400000, rng.randint(1, 10_000_000)])
        if limit is not None and not isinstance(limit, str):
            cents = min(cents, int(limit * 100))
        return f"{cents // 100}.{cents % 100:02d}"
    if q.type == "whole":
        high = limit if isinstance(limit, int) else 6
        return str(rng.randint(1, max(1, min(6, high))))
    if q.type == "number":
        return str(rng.choice([0, 12, 49.5, 50, 51, 300]))
    if q.type == "date":
        earliest = answers.get(q.not_before) if q.not_before else None
        if isinstance(earliest, date):
            return (earliest + timedelta(days=rng.randint(0, max(0, (TODAY - earliest).days)))).isoformat()
        return (TODAY - timedelta(days=rng.randint(0, 40 * 365))).isoformat()
    if q.type == "month_day":
        return f"{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return rng.choice(["ok", "note", "text"])


def walk(rng: random.Random, max_actions: int = 120) -> Engine:
    e = Engine(rng.choice(list(LANGUAGES)), today=lambda: TODAY)
    states = set(e.questions) | {RESULTS}
    most = 0  # the largest "of about m" shown: it never falls
    for _ in range(rng.randint(1, max_actions)):
        roll = rng.random()
        before = list(e.trail)
        if roll < 0.55 and e.current is not None:
            reply = e.answer(valid_answer(e.current, rng, e.path_answers()))
            if reply.options:
                assert e.pending is not None and e.trail == before, "asking back accepts nothing yet"
                if rng.random() < 0.7:
                    assert e.choose(rng.randrange(len(reply.options))).ok, "a pending option is always accepted"
        elif roll < 0.72 and e.current is not None:
            text = rng.choice(HOSTILE)
            reply = e.answer(text)
            assert reply.ok or reply.error, "a refusal always says why"
            if not reply.ok:
                assert e.draft == text and e.trail == before, "a refused answer keeps the text and the path"
        elif roll < 0.77:
            e.answer_unknown()
        elif roll < 0.87:
            steps = rng.randint(1, 4)
            moved = e.back(steps)
            assert moved == bool(before), "back works whenever there is somewhere to go"
            if before:
                expected = split_key(before[-min(steps, len(before))])[0]
                assert e.state == expected, f"back {steps} from {before[-3:]} went to {e.state}"
        elif roll < 0.93 and e.trail:
            e.edit(rng.choice(e.trail))
        elif roll < 0.97:
            e.set_language(rng.choice(list(LANGUAGES)))
        else:
            e.review()
        assert e.state in states
        n, m = e.progress()
        assert 1 <= n <= m or (e.finished and n == m)
        if not e.finished:
            assert m >= most, f"the estimate ran backwards: of about {most}, then of about {m}"
            most = m
    finish(e, rng)
    return e


def finish(e: Engine, rng: random.Random, limit: int = 400) -> None:
    """Answer validly until the results: every path must get there."""
    for _ in range(limit):
        if e.finished:
            break
        q = e.current
        assert q is not None
        if q.unknown and rng.random() < 0.1:  # "I don't know" where it is allowed: the paths it opens are walked too
            assert e.answer_unknown().ok
            continue
        reply = e.answer(valid_answer(q, rng, e.path_answers()))
        if reply.options:
            reply = e.choose(0)
        if not reply.ok:
            if q.unknown:
                assert e.answer_unknown().ok
            else:
                e.answer(e.prefill() or valid_answer(q, rng, e.path_answers()))
    assert e.finished, f"stuck at {e.state}"
    for result in e.results():
        assert (result.outcome is not None) + (result.refusal is not None) + (result.missing is not None) == 1
