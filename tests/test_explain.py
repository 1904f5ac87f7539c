"""Plain-language explanations: every outcome code has its own words, the figure comes first, the law is
verbatim, every word goes through the catalog, and the English is plain (FK grade, sentence length).

Facts come from the rule cases in tests/rules/**.yaml, so every outcome code the rules can return
(each rule's declared ``outcomes``) is explained from a real outcome.
"""

from __future__ import annotations

import gettext
import re
import statistics
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest
import textstat
import yaml
from babel import Locale

from medguide.bot.guide.engine import Result
from medguide.bot.guide.explain import REGISTRY, Explanation, explain, explain_all, glossary_entry
from medguide.bot.guide.explainers import Unexplained
from medguide.bot.words.i18n import Lang, lang
from medguide.flows.model import glossary, load
from medguide.rules import RULES, Outcome, evaluate
from medguide.rules.utah.primary_plan import ORDER_LANGUAGE_TEMPLATE

EN = lang("en")
CASES_DIR = Path(__file__).parent / "rules"
SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _cases():
    for path in sorted(CASES_DIR.rglob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            yield doc["rule"], case["name"], case["facts"]


CASES = list(_cases())


def _result(rule_id: str, facts: dict) -> Result:
    found = evaluate(rule_id, facts)
    return Result(rule_id, outcome=found) if isinstance(found, Outcome) else Result(rule_id, refusal=found)


def _texts(e: Explanation) -> list[str]:
    """Everything a person reads in their language (not the law, not the verbatim order language)."""
    return [e.headline, *e.why, *e.next_steps, *([e.gloss] if e.gloss else [])]


def _sentences(texts: list[str]) -> list[str]:
    return [s for t in texts for s in SENTENCE.split(t) if s]


# ---------------------------------------------------------------- every code has its own words
def test_every_rule_has_an_explainer():
    assert set(REGISTRY) == set(RULES)


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_explainer_declares_every_code_the_rule_declares(rule_id):
    declared = RULES[rule_id].outcomes  # the rule's own Literal of outcome codes
    assert declared, f"{rule_id} declares no outcome codes"
    assert set(REGISTRY[rule_id].outcomes) == set(declared)


def test_the_cases_reach_every_outcome_code():
    seen = defaultdict(set)
    for rule_id, _, facts in CASES:
        result = _result(rule_id, facts)
        if result.outcome:
            seen[rule_id].add(result.outcome.outcome)
    for rule_id, found in REGISTRY.items():
        assert seen[rule_id] == set(found.outcomes), rule_id


# ---------------------------------------------------------------- each case, explained
def _key(o: Outcome) -> str | None:
    """The figure or answer the headline must show first."""
    f, m, d = o.figures, EN.money, EN.date
    keys = {
        "ut.premium_credit": lambda: m(f["excess_credit"] if o.outcome == "credit_exceeds_support" else f["adjusted_support"]),
        "ut.credit_start": lambda: d(f["effective_from"]),
        "ut.credit_end": lambda: d(f["ends_on"]) if f["ends_on"] else None,
        "ut.primary_plan": lambda: {"parent_a": "our plan", "parent_b": "other parent's plan", None: None}[f["primary"]],
        "ut.uninsured_expenses": lambda: m(f["other_parent_owes"]),
        "ca.apportion_expenses": lambda: m(f["parent_a_share"]),
        "ca.out_of_network": lambda: m(f["excess"] or f["shared_amount"]),
        # the list's last day until the other parent is told the amount; then the payment's (a schedule has no date)
        "ca.reimbursement_deadlines": lambda: (d(f["payment_due"]) if f["payment_due"] else None) if f["notified_on"]
        else d(f["statement_due"]) if f["statement_due"] else None,
        "ca.medical_insurance_form": lambda: EN.number(len(f["missing"])) if f["missing"] else None,
        "reasonable_cost": lambda: None if o.outcome == "not_reasonable_low_income" else m(f["cost"]),
    }
    return keys[o.rule]() if o.rule in keys else None


@pytest.mark.parametrize("rule_id,name,facts", CASES, ids=[f"{r}::{n}" for r, n, _ in CASES])
def test_case_is_explained(rule_id, name, facts):
    result = _result(rule_id, facts)
    e = explain(result, EN)
    assert e.rule == rule_id and e.headline
    for sentence in _sentences(_texts(e)):
        assert len(sentence.split()) <= 20, sentence
    if result.refusal:
        assert e.law == [] and e.why and e.next_steps
        return
    o = result.outcome
    assert REGISTRY[rule_id].func(o, EN) == e  # its own words, never the fallback (Unexplained would raise)
    assert e.law == list(o.citations)
    key = _key(o)
    if key:
        assert key in e.headline, (key, e.headline)
    assert e.why or e.next_steps
    assert (e.verbatim is not None) == (e.gloss is not None) == (o.outcome == "primary_decided")


def test_the_worked_example_reads_figure_first_then_arithmetic_then_what_to_do():
    facts = {"base_support": "350.00", "case_type": "standard",
             "policies": [{"holder": "payer", "premium": "198.00", "persons_covered": 3, "children_on_case": 1}]}
    e = explain(_result("ut.premium_credit", facts), EN)
    assert e.headline == "Child support would become $317.00 a month, once the office has the form."
    assert "That is $66.00 for each person." in e.why
    assert "50% of that, $33.00, is the credit." in e.why  # the share from its dated parameter
    assert "$350.00 minus $33.00 is $317.00." in e.why
    steps = " ".join(e.next_steps)
    assert "Insurance Premium Credit Request" in steps and "Office of Recovery Services" in steps
    assert EN.month_day(1, 2) in steps and EN.month_day(11, 1) in steps
    assert e.law == list(RULES["ut.premium_credit"].reference)


def test_an_outcome_without_its_working_still_puts_the_figure_first():
    for rule_id, _, facts in CASES:
        result = _result(rule_id, facts)
        if result.outcome:
            brief = result.outcome._replace(steps=())
            e = explain(Result(rule_id, outcome=brief), EN)
            key = _key(brief)
            assert e.headline and (not key or key in e.headline), (rule_id, e.headline)


def test_an_unknown_code_falls_back_without_crashing():
    o = _result(*CASES[0][::2]).outcome._replace(outcome="no_such_code")
    with pytest.raises(Unexplained):
        REGISTRY[o.rule].func(o, EN)
    e = explain(Result(o.rule, outcome=o), EN)
    assert e.headline == "We have an answer, but no plain words for it yet."
    assert e.law == list(o.citations)


# ---------------------------------------------------------------- refusals and missing answers
def test_a_common_refusal_code_has_its_own_reason():
    facts = {"credit_start": "2024-03-01", "lapse_date": "2024-01-01", "as_of": "2024-06-01"}
    e = explain(_result("ut.credit_end", facts), EN)
    assert e.headline == "We could not work out when the insurance credit ends."
    assert e.why[0] == "The date the insurance stopped is before the credit started."


def test_an_uncommon_refusal_code_gets_a_plain_generic_reason():
    facts = {"credit_start": "2024-03-01", "verification_dates": "2024-12-01", "as_of": "2024-06-01"}
    e = explain(_result("ut.credit_end", facts), EN)
    assert e.why[0] == "Some of the answers do not fit together."


def test_a_missing_answer_names_the_question_and_what_it_would_change():
    q = load().by_id["other_birthday"]
    e = explain(Result("ut.primary_plan", missing="other_birthday"), EN, lambda qid: f"<{qid}>")
    assert e.headline == "We could not work out which plan pays first."
    assert e.why == ["You answered \"I don't know\" to this question:", "<other_birthday>", q.unknown_effect]
    assert e.law == [] and e.next_steps
    default = explain(Result("ut.primary_plan", missing="other_birthday"), EN)
    assert default.why[1] == q.ask


def test_a_missing_answer_to_a_question_without_i_dont_know_asks_for_it():
    e = explain(Result("ut.premium_credit", missing="my_premium"), EN)
    assert e.why == ["It needs your answer to this question:", load().by_id["my_premium"].ask]


def test_explain_all_keeps_the_order():
    results = [Result("ut.primary_plan", missing="other_birthday"), _result("ut.premium_credit", CASES[0][2])]
    assert [e.rule for e in explain_all(results, EN)] == ["ut.primary_plan", "ut.premium_credit"]


# ---------------------------------------------------------------- every word through the catalog
class _Marked(gettext.NullTranslations):
    """A catalog that marks every message it translates."""

    def gettext(self, message):
        return f"⟦{message}⟧"

    def pgettext(self, context, message):
        return f"⟦{message}⟧"

    def ngettext(self, singular, plural, n):
        return f"⟦{singular if n == 1 else plural}⟧"


MARKED = Lang("en", Locale.parse("en_US"), _Marked())


def _marked(text: str) -> bool:
    return re.fullmatch(r"⟦[^⟦⟧]*⟧( ⟦[^⟦⟧]*⟧)*", text) is not None


def test_every_word_a_person_reads_comes_from_the_catalog():
    results = [_result(r, f) for r, _, f in CASES]
    results += [Result("reasonable_cost", missing=q.id) for q in load().questions]
    for e in explain_all(results, MARKED):
        for text in _texts(e):
            assert _marked(text), f"{e.rule}: {text!r}"
        for cite in e.law:
            assert "⟦" not in cite
        assert e.verbatim is None or "⟦" not in e.verbatim


def test_the_utah_order_language_stays_verbatim_english():
    facts = {"order_names_primary": "parent_b", "covered_by_both": True}
    e = explain(_result("ut.primary_plan", facts), MARKED)
    assert e.verbatim == ORDER_LANGUAGE_TEMPLATE.format(primary_name="(Parent's Name)",
                                                        secondary_name="(Other Parent's Name)")
    assert e.gloss.startswith("⟦This means: if both parents' plans cover the child, the other parent's plan pays first.")
    named = explain(_result("ut.primary_plan", {**facts, "parent_a_name": "Ana Díaz", "parent_b_name": "Ben Lee"}), EN)
    assert "health insurance plan of Ben Lee shall be primary" in named.verbatim
    assert "plan of Ana Díaz shall be secondary" in named.verbatim
    for code in ("es", "vi", "zh_Hans"):
        assert explain(_result("ut.primary_plan", facts), lang(code)).verbatim == e.verbatim


def test_money_is_us_money_and_dates_follow_the_language():
    facts = {"amount": "1000.00", "paid_by": "parent_b", "paid_on": "2024-05-10"}
    es = explain(_result("ut.uninsured_expenses", facts), lang("es"))
    assert "$500.00" in es.headline  # US money, as US papers write it, in Spanish too
    assert lang("es").date(date(2024, 5, 10)) == "10 de mayo de 2024"


# ---------------------------------------------------------------- plain English
def _own_english() -> set[str]:
    """Every English sentence the explainers write (the interview's own question texts are tested with it)."""
    texts: list[str] = []
    for rule_id, _, facts in CASES:
        texts += _texts(explain(_result(rule_id, facts), EN))
    for q in load().questions:
        e = explain(Result("ut.premium_credit", missing=q.id), EN)
        texts += [e.headline, e.why[0], *e.next_steps]
    return set(_sentences(texts))


def test_english_explanations_are_plain():
    sentences = _own_english()
    grades = {s: textstat.flesch_kincaid_grade(s) for s in sentences}
    assert statistics.median(grades.values()) <= 6
    worst = max(grades, key=grades.get)
    assert grades[worst] <= 8, (grades[worst], worst)
    for s in sentences:
        assert len(s.split()) <= 20, s


# ---------------------------------------------------------------- the glossary
def test_every_term_in_the_interview_has_a_glossary_entry():
    used = {t for q in load().questions for t in q.terms}
    assert used <= set(glossary())


def test_glossary_meanings_are_short_and_plain():
    for term in glossary().values():
        sentences = SENTENCE.split(term.meaning.strip())
        assert 1 <= len(sentences) <= 2, term.id
        assert textstat.flesch_kincaid_grade(term.meaning) <= 8, (term.id, term.meaning)
        for s in sentences:
            assert len(s.split()) <= 20 and textstat.flesch_kincaid_grade(s) <= 8, (term.id, s)


def test_glossary_entry_is_translated_by_context():
    word, meaning = glossary_entry("premium", EN, date(2026, 11, 23))
    assert (word, meaning) == (glossary()["premium"].word, glossary()["premium"].meaning)

    class Contexts(gettext.NullTranslations):
        def pgettext(self, context, message):
            return context

    assert glossary_entry("premium", Lang("en", Locale.parse("en_US"), Contexts()), date(2026, 11, 23)) == ("term:premium", "meaning:premium")
    with pytest.raises(KeyError):
        glossary_entry("no_such_term", EN, date(2026, 11, 23))


def test_an_assumed_i_dont_know_is_said_with_what_it_would_change():
    from datetime import date

    from medguide.bot.guide.engine import Engine
    from medguide.bot.words.i18n import lang as get_lang

    e = Engine("en", today=lambda: date(2026, 11, 23))
    for text in ["UT", "2024-01-15", "no", "yes", "3"]:
        assert e.answer(text).ok
    assert e.state == "credit_cap"
    e.answer_unknown()
    for text in ["1", "1", "350", "1", "198", "3", "1", "yes", "no", "no", "no", "4000", "no", "no", "no"]:
        assert e.answer(text).ok, e.state
    credit = next(r for r in e.results() if r.rule == "ut.premium_credit")
    assert credit.assumed == ("credit_cap",)
    assert [(a.question, a.value) for a in credit.alternatives] == [("credit_cap", True), ("credit_cap", False)]
    x = explain(credit, get_lang("en"))
    assert x.headline == "This result depends on an answer you do not know yet."  # never the default as a fact
    assert "A limit in the order can make the credit smaller." in x.why
    assert "If the answer is \u201cNo\u201d: Child support would become $317.00 a month, once the office has the form." in x.why
    assert ("If the answer is \u201cYes\u201d, the guide needs one more answer: What is the most the credit can be "
            "each month?") in x.why
