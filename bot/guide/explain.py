"""Plain-language explanations of the rules' results, and glossary entries.

    explain_session(engine, lang=None) -> list[Explanation]   # what every face shows
    explain(result, lang, question_text=None, ctx=None) -> Explanation
    explain_all(results, lang, question_text=None, ctx=None) -> list[Explanation]
    glossary_entry(term_id, lang, when) -> (word, meaning)

The words for each rule live in ``bot/guide/explainers/`` (one function per rule id).
English is the source language; citations and the Utah order language stay as
they are, untranslated.
"""

from __future__ import annotations

from datetime import date

from medguide.flows.model import glossary

from typing import TYPE_CHECKING

from medguide.bot.guide.explainers import REGISTRY, Context, Explanation, explain, explain_all, explain_outcome
from medguide.bot.guide.law_words import with_law_numbers
from medguide.bot.words.i18n import Lang

if TYPE_CHECKING:
    from medguide.bot.guide.engine import Engine

__all__ = ["Context", "Explanation", "REGISTRY", "explain", "explain_all", "explain_outcome", "explain_session",
           "glossary_entry"]


def explain_session(engine: "Engine", lang: Lang | None = None) -> list[Explanation]:
    """Every result of the session in plain words (in ``lang``, else the session's), read against today."""
    lang = lang or engine.lang
    results = engine.results()
    ctx = Context(today=engine.today, answers=engine.path_answers(), results=tuple(results))
    return explain_all(results, lang, lambda qid: lang.p_(f"q:{qid}", engine.questions[qid].ask), ctx)


def glossary_entry(term_id: str, lang: Lang, when: date) -> tuple[str, str]:
    """(word, meaning) of a glossary term in ``lang``, its law numbers as in force on ``when``.

    KeyError for an id not in flows/glossary.yaml.
    """
    term = glossary()[term_id]
    return lang.p_(f"term:{term_id}", term.word), with_law_numbers(lang.p_(f"meaning:{term_id}", term.meaning), lang, when)
