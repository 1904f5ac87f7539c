"""The headless engine: answers per language, back, edit, unknown, progress, save and restore."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from medguide.bot.guide.answers import AnswerError, parse
from medguide.bot.guide.engine import Engine
from medguide.bot.words.i18n import lang
from medguide.flows.facts import UNKNOWN
from medguide.flows.model import RESULTS, load
from tests.interviews import UTAH_PAYER

TODAY = date(2026, 11, 23)


def engine(language: str = "en") -> Engine:
    return Engine(language, today=lambda: TODAY)


def play(e: Engine, steps) -> None:
    for qid, text in steps:
        assert e.state == qid
        reply = e.answer(text)
        assert reply.ok, (qid, text, reply)


def figures(e: Engine, rule: str) -> dict:
    found = {r.rule: r for r in e.results()}[rule]
    assert found.outcome is not None, found
    return {k: str(v) for k, v in found.outcome.figures.items() if not isinstance(v, (list, dict))}


# ---------------------------------------------------------------- answers per language
@pytest.mark.parametrize("language,text,value", [
    ("en", "$1,234.56", "1234.56"), ("en", "1234.56", "1234.56"), ("en", "1,234", "1234.00"),
    ("es", "1.234,56", "1234.56"), ("es", "1234,56", "1234.56"), ("es", "1234.56", "1234.56"),
    ("es", "1.234,56 US$", "1234.56"), ("vi", "1.234,56", "1234.56"), ("zh_Hans", "US$1,234.56", "1234.56"),
    ("tl", "₱12", None), ("tl", "1,234.56", "1234.56"),
])
def test_money_is_read_the_way_each_language_writes_it(language, text, value):
    q = load().by_id["base_support"]
    if value is None:
        with pytest.raises(AnswerError) as err:
            parse(q, text, lang(language), {}, TODAY)
        assert err.value.code == "not_money"
    else:
        assert parse(q, text, lang(language), {}, TODAY) == Decimal(value)


def test_spanish_grouping_is_not_mistaken_for_cents():
    q = load().by_id["base_support"]
    assert parse(q, "1.234", lang("es"), {}, TODAY) == Decimal("1234.00")
    assert parse(q, "1,234", lang("en"), {}, TODAY) == Decimal("1234.00")


@pytest.mark.parametrize("language,text,month_day", [
    ("en", "04-22", "04-22"), ("en", "4/22", "04-22"), ("es", "22/4", "04-22"), ("es", "04-22", "04-22"),
    ("en", "22-04", "04-22"), ("en", "1980-02-29", "02-29"), ("vi", "22/4", "04-22"), ("zh_Hans", "4/22", "04-22"),
])
def test_birthdays_read_month_and_day(language, text, month_day):
    q = load().by_id["my_birthday"]
    assert parse(q, text, lang(language), {}, TODAY) == month_day


def test_a_refused_answer_says_what_is_expected_and_keeps_the_text():
    e = engine()
    reply = e.answer("Texas")
    assert not reply.ok and reply.code == "not_a_choice"
    assert "1 to 4" in reply.error
    assert e.draft == "Texas" and e.prefill() == "Texas" and e.state == "order_state"
    e.answer("UT")
    reply = e.answer("2030-01-01")
    assert reply.code == "date_in_future" and "November 23, 2026" in reply.error


# ---------------------------------------------------------------- moving around
def test_a_whole_utah_interview_reaches_the_worked_example():
    e = engine()
    play(e, UTAH_PAYER)
    assert e.state == RESULTS
    assert figures(e, "ut.premium_credit")["adjusted_support"] == "317.00"


def test_back_any_number_of_steps_and_answers_stay():
    e = engine()
    play(e, UTAH_PAYER[:10])
    assert e.back(3)
    assert e.state == "my_role"
    assert e.answers["base_support"] == Decimal("350.00")
    assert e.prefill() == "I pay child support"
    assert e.back(100)
    assert e.state == "order_state" and e.trail == []
    assert not e.back()


def test_back_from_results_returns_to_the_last_question():
    e = engine()
    play(e, UTAH_PAYER)
    e.back()
    assert e.state == "qmcso_check"


def test_edit_keeps_later_answers_that_still_fit():
    e = engine()
    play(e, UTAH_PAYER)
    e.edit("base_support")
    assert e.state == "base_support"
    assert e.answer("400").ok
    assert e.state == RESULTS
    assert figures(e, "ut.premium_credit")["adjusted_support"] == "367.00"


def test_edit_that_changes_the_path_asks_the_new_questions_and_loses_nothing():
    e = engine()
    play(e, UTAH_PAYER)
    e.edit("my_side_plan")
    assert e.answer("no").ok  # no plan on my side now
    assert e.state == "plan_offered"
    assert e.answers["my_premium#1"] == Decimal("198.00")  # kept, though off the path
    assert "my_premium" not in e.path_answers()
    e.back()
    assert e.answer("1").ok  # my plan again: the old answers come back
    assert e.state == RESULTS
    assert figures(e, "ut.premium_credit")["adjusted_support"] == "317.00"


def test_edit_refuses_a_question_not_on_the_path():
    e = engine()
    play(e, UTAH_PAYER[:3])
    with pytest.raises(KeyError):
        e.edit("bill_amount")


def test_i_dont_know_where_allowed_and_what_it_would_change():
    e = engine()
    play(e, UTAH_PAYER[:3])
    assert e.state == "has_medical_provision"
    assert e.answer_unknown().ok
    assert e.answers["has_medical_provision"] == UNKNOWN
    e2 = engine()
    reply = e2.answer_unknown()
    assert not reply.ok and reply.code == "unknown_not_allowed"


def test_unknown_birthday_leaves_the_primary_plan_waiting_for_it():
    e = engine()
    steps = UTAH_PAYER[:15] + [("other_side_plan", "1"), ("other_premium", "100"), ("other_persons_covered", "2"),
                               ("other_children_on_case", "1"), ("other_health_benefits", "yes"), ("other_plan_more", "no"),
                               ("my_birthday", "03-14")]
    play(e, steps)
    assert e.state == "other_birthday"
    e.answer_unknown()
    play(e, [("my_name", "Ana Díaz"), ("other_parent_name", "Ben Lee"), ("credit_asked", "no"),
             ("other_credit_asked", "no"), ("gross_income", "4000"), ("has_bill", "no"), ("other_noncompliance", "no"),
             ("qmcso_check", "no")])
    waiting = {r.rule: r.missing for r in e.results()}
    assert waiting["ut.primary_plan"] == "other_birthday"
    assert figures(e, "ut.premium_credit")["adjusted_support"] == "342.00"  # 350 - 33 + 100 / 2 x 1 x 50%


def test_progress_counts_the_current_path():
    e = engine()
    assert e.progress() == (1, e.progress()[1]) and e.progress()[1] >= 10
    play(e, UTAH_PAYER)
    done = len(UTAH_PAYER)
    assert e.progress() == (done, done)


def test_save_and_restore_is_versioned_json_and_exact():
    e = engine("es")
    play(e, UTAH_PAYER[:12])
    e.answer("abc")  # a refused draft is saved too
    data = json.loads(json.dumps(e.save()))
    assert data["format"] == "medguide.session" and data["version"] == 2
    r = Engine.restore(data, today=lambda: TODAY)
    assert r.state == e.state and r.trail == e.trail and r.answers == e.answers and r.draft == "abc"
    assert r.lang.code == "es"
    play(r, UTAH_PAYER[12:])
    assert figures(r, "ut.premium_credit")["adjusted_support"] == "317.00"
    with pytest.raises(ValueError):
        Engine.restore({"format": "medguide.session", "version": 99})


def test_language_switch_keeps_the_path_and_results():
    english, mixed = engine("en"), engine("es")
    play(english, UTAH_PAYER)
    play(mixed, UTAH_PAYER[:7])
    mixed.set_language("vi")
    play(mixed, UTAH_PAYER[7:])
    assert mixed.trail == english.trail
    assert [(r.rule, r.outcome) for r in mixed.results()] == [(r.rule, r.outcome) for r in english.results()]


def test_restart_clears_everything():
    e = engine()
    play(e, UTAH_PAYER[:5])
    e.restart()
    assert e.state == "order_state" and not e.answers and not e.trail


def test_sessions_share_one_machine_and_are_released():
    import gc
    import weakref

    from medguide.bot.guide.engine import shared_machine

    machine = shared_machine(load())
    engines = [engine() for _ in range(20)]
    play(engines[0], UTAH_PAYER[:3])
    assert engines[1].state == "order_state"  # sessions never mix
    assert all(e.machine is machine for e in engines)
    assert machine.models == []  # no session is registered with the shared machine
    assert not hasattr(engines[0]._walker, "is_order_state") and not hasattr(engines[0]._walker, "advance")
    walkers = [weakref.ref(e._walker) for e in engines]
    del engines
    gc.collect()
    assert all(w() is None for w in walkers), "a finished session is still held by the shared machine"


def test_error_examples_are_written_the_way_they_are_read():
    from medguide.bot.guide.answers import parse as read

    q = load().by_id["order_date"]
    for code in ("en", "es", "zh_Hans", "vi", "tl"):
        e = engine(code)
        e.answer("UT")
        refused = e.answer("the 22nd of April")
        example = lang(code).short_date(date(2016, 4, 22))
        assert example in refused.error, (code, refused.error)
        assert read(q, example, lang(code), {}, TODAY) == date(2016, 4, 22)


@pytest.mark.parametrize("text", ["1e5", "1_000", "inf", "12 34 56 78"])
def test_money_takes_digits_and_separators_only(text):
    q = load().by_id["base_support"]
    with pytest.raises(AnswerError):
        parse(q, text, lang("en"), {}, TODAY)


@pytest.mark.parametrize("code", ["en", "es", "zh_Hans", "vi", "tl"])
def test_a_birthday_typed_the_way_the_example_shows_is_read(code):
    q = load().by_id["my_birthday"]
    example = lang(code).month_day(4, 22)
    assert parse(q, example, lang(code), {}, TODAY) == "04-22"


def test_english_choice_labels_are_read_in_every_language():
    q = load().by_id["apportion_method"]
    assert parse(q, "Half each", lang("es"), {}, TODAY) == "half"


def test_decomposed_accents_are_read_like_composed_ones():
    import unicodedata

    q = load().by_id["order_changed"]
    decomposed = unicodedata.normalize("NFD", "có")
    assert decomposed != "có"
    assert parse(q, decomposed, lang("vi"), {}, TODAY) is True


@pytest.mark.parametrize("code", ["en", "es", "zh_Hans", "vi", "tl"])
def test_a_date_written_out_the_way_the_language_writes_it_is_read(code):
    q = load().by_id["order_date"]
    written = lang(code).date(date(2016, 4, 22))
    assert parse(q, written, lang(code), {}, TODAY) == date(2016, 4, 22), written


def test_prefill_offers_back_clean_text_but_keeps_what_was_typed():
    e = engine()
    e.answer("[b]x[/b]\x1b[31m\x07")
    assert e.draft == "[b]x[/b]\x1b[31m\x07"  # kept as typed
    assert e.prefill() == "[b]x[/b][31m"  # control characters (ESC, BEL) never offered back


def test_step_estimate_never_runs_backwards_on_many_random_paths():
    """Issue 14: "Step n of about m": m never falls on the way (answers, back, edit, language), over 300 random walks."""
    import random

    from tests.fuzz import walk

    for seed in range(300):
        walk(random.Random(seed), max_actions=60)  # walk asserts m never falls after each action


def test_step_estimate_starts_afresh_after_restart():
    from tests.interviews import UTAH_PAYER

    e = Engine("en", today=lambda: date(2026, 11, 23))
    for qid, text in UTAH_PAYER[:10]:
        assert e.answer(text).ok
    before = e.progress()[1]
    e.restart()
    assert e.progress()[0] == 1 and e.progress()[1] <= before
