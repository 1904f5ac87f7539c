"""Plain-language explanations of the rules' results, and glossary entries.

    explain(result, lang, question_text=None) -> Explanation
    explain_all(results, lang, question_text=None) -> list[Explanation]
    glossary_entry(term_id, lang) -> (word, meaning)

The words for each rule live in ``bot/guide/explainers/`` (one function per rule id).
English is the source language; citations and the Utah order language stay as
they are, untranslated.
"""

from __future__ import annotations

from medguide.flows.model import glossary

from medguide.bot.guide.explainers import REGISTRY, Explanation, explain, explain_all, explain_outcome
from medguide.bot.words.i18n import Lang

__all__ = ["Explanation", "REGISTRY", "explain", "explain_all", "explain_outcome", "glossary_entry"]


def glossary_entry(term_id: str, lang: Lang) -> tuple[str, str]:
    """(word, meaning) of a glossary term in ``lang``; KeyError for an id not in flows/glossary.yaml."""
    term = glossary()[term_id]
    return lang.p_(f"term:{term_id}", term.word), lang.p_(f"meaning:{term_id}", term.meaning)
