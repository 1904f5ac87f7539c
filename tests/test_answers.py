"""Answers read the way people in the US type them, in every language: read right, asked about, or refused; never misread."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from babel.numbers import format_currency, format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from medguide.bot.guide.answers import Ambiguous, AnswerError, _month_names, parse
from medguide.bot.guide.engine import STAFF, Engine
from medguide.bot.words.i18n import LANGUAGES, lang
from medguide.flows.model import Question, load

TODAY = date(2025, 6, 1)
ALL = list(LANGUAGES)
Q = load().by_id


def read(qid: str, text: str, code: str, others: dict | None = None, order: str | None = None):
    """The value, ("ask", values) when it is asked about, or ("refused", code, message)."""
    try:
        return parse(Q[qid], text, lang(code), others or {}, TODAY, order)
    except Ambiguous as exc:
        return ("ask", exc.values)
    except AnswerError as exc:
        return ("refused", exc.code, exc.message)


# ---------------------------------------------------------------- money
MONEY = [
    ("1,250", "1250.00"), ("$1,250.00", "1250.00"), ("1250.5", "1250.50"), ("US$260.50", "260.50"),
    ("260,50", "260.50"), ("1.234,56", "1234.56"), ("1,234.56", "1234.56"), ("1.250", "1250.00"),
    ("4,000", "4000.00"), ("2,000", "2000.00"), ("1,255", "1255.00"), ("12,345", "12345.00"), ("1,234,567.89", "1234567.89"),
    ("1.234.567", "1234567.00"), ("1 250", "1250.00"), ("350", "350.00"), ("$350 a month", "350.00"), ("350.", "350.00"),
    ("260元", "260.00"), ("260.5元", "260.50"), ("260美元", "260.00"), ("260块", "260.00"), ("２６０元", "260.00"),
    ("260 đô", "260.00"), ("260,50 đô la", "260.50"), ("260.50 USD", "260.50"), ("USD 260.50", "260.50"),
    ("260 dollars", "260.00"), ("260 dólares", "260.00"), ("260 pesos", "260.00"), ("1.234,56 US$", "1234.56"),
    ("$1,250.00.", "1250.00"), (",50", "0.50"), ("0.5", "0.50"),
]


@pytest.mark.parametrize("code", ALL)
@pytest.mark.parametrize("text,value", MONEY)
def test_money_is_read_right_in_every_language(code, text, value):
    assert read("bill_amount", text, code) == Decimal(value), (code, text)


@pytest.mark.parametrize("code", ALL)
@pytest.mark.parametrize("text,values", [("0,500", ("500.00", "0.50")), ("0.250", ("250.00", "0.25")), (".500", ("500.00", "0.50"))])
def test_money_that_reads_two_ways_is_asked_about(code, text, values):
    assert read("bill_amount", text, code) == ("ask", tuple(Decimal(v) for v in values))


@pytest.mark.parametrize("code", ALL)
@pytest.mark.parametrize("text,error", [
    ("1.234.56", "not_money"), ("1,23,4", "not_money"), ("1,234.567", "too_many_decimals"), ("300.0015", "too_many_decimals"),
    ("-5", "negative"), ("three hundred", "not_money"), ("1e5", "not_money"), ("₱12", "not_money"), ("٣٤", "not_money"),
    ("12 34 56 78", "not_money"), ("100000000.01", "too_large"), ("3人", "not_money"), ("60 millas", "not_money"),
])
def test_money_that_cannot_be_read_is_refused_with_the_us_example(code, text, error):
    found = read("bill_amount", text, code)
    assert found[:2] == ("refused", error), (code, text, found)
    if error in ("not_money", "too_many_decimals"):
        assert "$1,234.56" in found[2]  # the example is the form that reads back, in every language


@pytest.mark.parametrize("code", ALL)
def test_money_is_shown_the_us_way_in_every_language(code):
    assert lang(code).money(Decimal("1234.56")) == "$1,234.56"
    assert lang(code).money(Decimal("-31.75")) == "-$31.75"


# ---------------------------------------------------------------- whole numbers and numbers
@pytest.mark.parametrize("code", ALL)
@pytest.mark.parametrize("text,value", [("3", 3), ("3 người", 3), ("3人", 3), ("3 personas", 3), ("3 katao", 3),
                                        ("3 people", 3), ("1,000", 1000), ("1.000", 1000), ("3.0", 3)])
def test_whole_numbers_are_read_by_the_same_rules(code, text, value):
    assert read("my_persons_covered", text, code) == value, (code, text)


@pytest.mark.parametrize("code", ALL)
@pytest.mark.parametrize("text,error", [("1.5", "not_whole_number"), ("tres", "not_whole_number"), ("0", "out_of_range"),
                                        ("1001", "out_of_range")])
def test_whole_numbers_that_cannot_be_read_are_refused(code, text, error):
    assert read("my_persons_covered", text, code)[:2] == ("refused", error)


@pytest.mark.parametrize("code", ALL)
@pytest.mark.parametrize("text,value", [("60", "60"), ("60 millas", "60"), ("60 dặm", "60"), ("60英里", "60"), ("60 miles", "60"),
                                        ("60 milya", "60"), ("12,5", "12.5"), ("12.5", "12.5"), ("1,500", "1500")])
def test_miles_are_read_by_the_same_rules(code, text, value):
    assert read("bill_distance", text, code) == Decimal(value), (code, text)


# ---------------------------------------------------------------- dates
@pytest.mark.parametrize("code", ALL)
@pytest.mark.parametrize("text", ["03/14/2024", "3/14/2024", "14/03/2024", "2024-03-14", "2024/3/14", "2024.3.14", "3-14-2024",
                                  "14-03-2024", "03/14/24", "14/3/24", "2024年3月14日", "March 14, 2024", "Mar 14 2024",
                                  "14 de marzo de 2024", "Marso 14, 2024", "ngày 14 tháng 3 năm 2024", "14 tháng 3, 2024"])
def test_unambiguous_dates_are_read_in_every_language(code, text):
    assert read("order_date", text, code) == date(2024, 3, 14), (code, text)


@pytest.mark.parametrize("code", ALL)
@pytest.mark.parametrize("text,readings", [
    ("04/05/2023", ((2023, 4, 5), (2023, 5, 4))), ("04-05-2023", ((2023, 4, 5), (2023, 5, 4))),
    ("3/4/24", ((2024, 3, 4), (2024, 4, 3))), ("2/1/2025", ((2025, 2, 1), (2025, 1, 2))),
])
def test_a_date_whose_day_and_month_could_swap_is_asked_about(code, text, readings):
    found = read("order_date", text, code)
    assert found[0] == "ask" and set(found[1]) == {date(*r) for r in readings}, (code, text, found)
    month_first, day_first = (date(*r) for r in readings)
    assert found[1][0] == (day_first if lang(code).date_order() == "DMY" else month_first)  # the hint's order first


def test_both_readings_are_offered_in_the_order_the_language_writes_dates():
    assert read("order_date", "04/05/2023", "en")[1][0] == date(2023, 4, 5)
    assert read("order_date", "04/05/2023", "es")[1][0] == date(2023, 5, 4)
    assert read("order_date", "04/05/2023", "vi")[1][0] == date(2023, 5, 4)
    assert read("order_date", "04/05/2023", "zh_Hans")[1][0] == date(2023, 4, 5)


@pytest.mark.parametrize("code", ALL)
def test_a_two_digit_first_group_is_never_a_year(code):
    assert read("order_date", "3/4/24", code)[0] == "ask"  # not 2003-04-24
    assert read("order_date", "14/03/25", code) == date(2025, 3, 14)  # not 2014-03-25
    assert read("order_date", "24/3/4", code)[:2] == ("refused", "not_a_date")


@pytest.mark.parametrize("code", ALL)
def test_the_same_day_and_month_is_not_asked_about(code):
    assert read("order_date", "05/05/2023", code) == date(2023, 5, 5)


@pytest.mark.parametrize("code", ALL)
def test_a_typist_whose_date_order_is_known_is_not_asked(code):
    assert read("order_date", "03/04/2024", code, order="MDY") == date(2024, 3, 4)
    assert read("order_date", "03/04/2024", code, order="DMY") == date(2024, 4, 3)


@pytest.mark.parametrize("code", ALL)
@pytest.mark.parametrize("text,error", [("31/31/2024", "not_a_date"), ("2024-02-30", "not_a_date"), ("3/4/5", "not_a_date"),
                                        ("12/05/2030", "date_in_future"), ("1/13/1850", "too_early"), ("soon", "not_a_date")])
def test_dates_that_cannot_be_read_are_refused(code, text, error):
    found = read("order_date", text, code)
    assert found[:2] == ("refused", error), (code, text, found)
    if error == "not_a_date":
        assert lang(code).short_date(date(2016, 4, 22)) in found[2]


# ---------------------------------------------------------------- birthdays
@pytest.mark.parametrize("code", ALL)
@pytest.mark.parametrize("text", ["04-22", "4/22", "22/4", "22-04", "April 22", "22 de abril", "Abril 22", "4月22日", "22 tháng 4",
                                  "ngày 22 tháng 4", "1980-04-22", "04/22/1980", "22/04/1980"])
def test_birthdays_are_read_by_the_same_rules(code, text):
    assert read("my_birthday", text, code) == "04-22", (code, text)


@pytest.mark.parametrize("code", ALL)
@pytest.mark.parametrize("text", ["03/04", "03-04", "3/4", "03/04/1985", "3-4-85"])
def test_a_birthday_whose_day_and_month_could_swap_is_asked_about(code, text):
    found = read("my_birthday", text, code)
    assert found[0] == "ask" and set(found[1]) == {"03-04", "04-03"}, (code, text, found)


@pytest.mark.parametrize("code", ALL)
def test_february_29_is_a_birthday_and_february_30_is_not(code):
    assert read("my_birthday", "02/29", code) == "02-29"
    found = read("my_birthday", "02-30", code)
    assert found[:2] == ("refused", "not_a_month_day") and lang(code).short_month_day(4, 22) in found[2]


def test_no_month_name_means_two_months():
    months: dict[str, set[int]] = {}
    for name, month in _month_names():
        months.setdefault(name, set()).add(month)
    assert all(len(found) == 1 for found in months.values())


@pytest.mark.parametrize("code", ALL)
def test_the_date_examples_shown_are_read_back(code):
    q = Q["order_date"]
    for shown in (lang(code).short_date(date(2016, 4, 22)), lang(code).date(date(2016, 4, 22))):
        assert parse(q, shown, lang(code), {}, TODAY) == date(2016, 4, 22), shown
    birthday = Q["my_birthday"]
    for shown in (lang(code).short_month_day(4, 22), lang(code).month_day(4, 22)):
        assert parse(birthday, shown, lang(code), {}, TODAY) == "04-22", shown


def test_vietnamese_dates_are_written_with_ngay_thang_nam():
    assert lang("vi").date(date(2024, 1, 15)) == "15 tháng 1 năm 2024"


# ---------------------------------------------------------------- yes, no and choices
YES_NO = {
    "en": [("yes", True), ("Yes.", True), ("no", False), ("No!", False), ("y", True)],
    "es": [("sí", True), ("Sí.", True), ("si", True), ("claro", True), ("Claro que sí", True), ("sí, señor", True), ("no.", False)],
    "zh_Hans": [("是", True), ("是。", True), ("对。", True), ("有", True), ("没有。", False), ("不是", False)],
    "vi": [("có", True), ("dạ có", True), ("có ạ", True), ("dạ", True), ("vâng ạ", True), ("đúng rồi", True), ("có.", True),
           ("dạ không", False), ("không ạ", False), ("không có", False), ("chưa", False)],
    "tl": [("oo", True), ("oo po", True), ("Oo po", True), ("Oo.", True), ("opo", True), ("opo.", True), ("meron", True),
           ("mayroon po", True), ("hindi", False), ("hindi po", False), ("wala", False), ("wala po", False)],
}


@pytest.mark.parametrize("code,text,value", [(c, t, v) for c, pairs in YES_NO.items() for t, v in pairs])
def test_natural_yes_and_no_are_read(code, text, value):
    assert read("order_changed", text, code) is value


@pytest.mark.parametrize("code,expected", [("en", "Please answer yes or no."), ("es", "responda sí o no"),
                                           ("zh_Hans", "请回答"), ("vi", "có hoặc không"), ("tl", "oo o hindi")])
def test_a_refused_yes_or_no_says_what_is_expected_in_the_language(code, expected):
    for text in ("maybe", "quizás", "也许", "có lẽ", "siguro", "po"):
        found = read("order_changed", text, code)
        assert found[:2] == ("refused", "not_yes_no") and expected in found[2], (code, text, found)


@pytest.mark.parametrize("code", ALL)
@pytest.mark.parametrize("text,choice", [("加州", "CA"), ("Utah", "UT"), ("utah.", "UT"), ("UT", "UT"), ("ca", "CA"), ("1", "UT"),
                                         ("California", "CA"), ("犹他", "UT"), ("Arkansas", "AR"), ("4.", "other")])
def test_common_names_for_choices_are_read_in_every_language(code, text, choice):
    assert read("order_state", text, code) == choice


def test_a_choice_label_in_the_language_is_read():
    assert read("order_state", "加利福尼亚州", "zh_Hans") == "CA"
    assert read("my_side_plan", "没有", "zh_Hans") == "no"
    assert read("my_side_plan", "有", "zh_Hans")[:2] == ("refused", "not_a_choice")  # 有 is two of the choices: never guessed


# ---------------------------------------------------------------- never another amount
STYLES = [
    lambda a: format_currency(a, "USD", locale="en_US"), lambda a: format_currency(a, "USD", locale="es"),
    lambda a: format_currency(a, "USD", locale="vi_VN"), lambda a: format_currency(a, "USD", locale="zh_Hans_CN"),
    lambda a: format_currency(a, "USD", locale="de_DE"), lambda a: format_currency(a, "USD", locale="fr_FR"),
    lambda a: format_decimal(a, format="#,##0.00", locale="en_US"), lambda a: format_decimal(a, format="#,##0.00", locale="es"),
    lambda a: format_decimal(a, locale="en_US"), lambda a: format_decimal(a, locale="es"), lambda a: format_decimal(a, locale="vi_VN"),
    lambda a: f"{a:.2f}", lambda a: f"{a:f}", lambda a: f"{a:.2f}".replace(".", ","), lambda a: f"{a:,.2f}",
    lambda a: f"{a:,f}", lambda a: f"{a:.2f}元", lambda a: f"{a:,.2f} đô", lambda a: f"US${a:,.2f}", lambda a: f"{a:,.2f} USD",
    lambda a: f"${a:,.2f} a month",
]
ANY_MONEY = Question.model_validate({"id": "amount", "topic": "income", "ask": "How much?", "type": "money",
                                     "next": [{"to": "results"}]})


@settings(max_examples=300, deadline=None)
@given(cents=st.one_of(st.integers(0, 99_999_999_99), st.sampled_from([50, 100, 1000, 125000, 100000, 1234567, 99, 5])),
       style=st.sampled_from(STYLES), code=st.sampled_from(ALL))
def test_an_amount_in_any_style_is_read_back_as_itself_or_asked_about(cents, style, code):
    amount = Decimal(cents) / 100
    typed = style(amount)
    try:
        value = parse(ANY_MONEY, typed, lang(code), {}, TODAY)
    except Ambiguous as exc:
        assert amount in exc.values, (typed, exc.values)  # a question that offers the amount
        return
    except AnswerError as exc:  # a refusal is safe, but none of these styles should need one
        pytest.fail(f"{typed!r} refused in {code}: {exc.message}")
    assert value == amount, (typed, code, value)


# ---------------------------------------------------------------- usual bounds and asking back
def _at(qid: str, code: str = "en") -> Engine:
    e = Engine(code, today=lambda: TODAY)
    e.machine.set_state(qid, model=e._walker)
    return e


@pytest.mark.parametrize("code", ALL)
def test_an_unusual_amount_is_confirmed_before_it_is_used(code):
    e = _at("gross_income", code)
    reply = e.answer("3.20")
    assert not reply.ok and reply.code == "unusual" and "$3.20" in reply.error
    assert e.pending is not None and e.state == "gross_income" and "gross_income" not in e.answers
    assert [o.label for o in reply.options] == [lang(code)._("Yes, {answer} is right").format(answer="$3.20")]
    chosen = e.choose(0)
    assert chosen.ok and chosen.echo == "$3.20" and e.answers["gross_income"] == Decimal("3.20")
    assert e.typed["gross_income"] == "3.20" and e.pending is None


def test_the_unusual_message_names_the_amount_as_typed_in_words():
    e = _at("base_support")
    assert e.answer("3.20").error == "You typed $3.20. That is much less than usual for this question. Is that right?"
    assert _at("my_persons_covered").answer("45").code == "unusual"
    assert _at("my_persons_covered").answer("30").ok


def test_a_premium_above_the_income_is_confirmed_whichever_is_answered_second():
    e = _at("gross_income")
    e.trail = ["my_premium#1"]
    e.answers["my_premium#1"] = Decimal("900.00")
    reply = e.answer("800")
    assert reply.code == "unusual" and "less than your earlier answer, $900.00" in reply.error
    e2 = _at("my_premium")
    e2.trail, e2.answers["gross_income"] = ["gross_income"], Decimal("800.00")
    assert "more than your earlier answer, $800.00" in (e2.answer("900").error or "")


def test_typing_a_new_answer_replaces_the_pending_one_and_back_drops_it():
    e = _at("order_date")
    assert e.answer("04/05/2023").code == "ambiguous"
    assert e.answer("2023-04-06").ok and e.answers["order_date"] == date(2023, 4, 6) and e.pending is None
    e.back()
    assert e.answer("04/05/2023").code == "ambiguous"
    e.back()
    assert e.pending is None


def test_choose_keeps_the_text_as_typed_and_echoes_in_words():
    e = _at("order_date", "es")
    reply = e.answer("04/05/2023")
    assert reply.error == "¿Quiso decir 4 de mayo de 2023 o 5 de abril de 2023?"
    assert [o.label for o in reply.options] == ["4 de mayo de 2023", "5 de abril de 2023"]
    chosen = e.choose(1)
    assert chosen.ok and chosen.echo == "5 de abril de 2023" and e.typed["order_date"] == "04/05/2023"
    assert not e.choose(0).ok  # nothing pending any more


def test_a_language_switch_asks_the_pending_question_again_in_the_new_language():
    e = _at("order_date", "en")
    e.answer("04/05/2023")
    e.set_language("vi")
    assert e.pending is not None and e.pending.message == "Quý vị muốn nói 5 tháng 4 năm 2023 hay 4 tháng 5 năm 2023?"
    assert e.choose(0).ok and e.answers["order_date"] == date(2023, 4, 5)  # the options keep their order: index 0 is still April 5


def test_a_pending_question_is_not_saved():
    e = _at("order_date")
    e.answer("04/05/2023")
    restored = Engine.restore(e.save(), today=lambda: TODAY)
    assert restored.pending is None and restored.draft == "04/05/2023"


def test_staff_at_the_desk_are_read_the_us_way_and_echoed_in_both_languages():
    e = _at("order_date", "vi")
    reply = e.answer("03/04/2024", typist=STAFF)
    assert reply.ok and e.answers["order_date"] == date(2024, 3, 4)
    assert reply.echo == "4 tháng 3 năm 2024" and reply.typist_echo == "March 4, 2024"
    parent = _at("order_date", "vi")
    assert parent.answer("03/04/2024").code == "ambiguous"  # the same text from the caller is asked about


def test_staff_errors_are_in_english_and_staff_may_type_the_callers_word():
    e = _at("order_changed", "vi")
    refused = e.answer("maybe", typist=STAFF)
    assert refused.error == "Please answer yes or no."
    assert e.answer("có", typist=STAFF).ok and e.answers["order_changed"] is True


@pytest.mark.parametrize("code,qid,text,choice", [
    ("es", "my_role", "Pago", "payer"), ("es", "my_role", "recibo", "recipient"), ("en", "my_role", "I pay", "payer"),
    ("es", "living_arrangement", "con un pariente", "relative"), ("tl", "my_role", "Ako ang nagbabayad", "payer"),
    ("zh_Hans", "my_side_plan", "有，是我的", "me"),
])
def test_the_first_words_of_one_choice_pick_it(code, qid, text, choice):
    assert read(qid, text, code) == choice


@pytest.mark.parametrize("code,qid,text", [
    ("es", "my_side_plan", "Sí"),          # "Sí, mi plan" and "Sí, el plan de mi cónyuge ...": never guessed
    ("en", "my_role", "I"),                # too short to be words of one choice
    ("en", "my_role", "I pa"),             # part of a word is not a word
])
def test_words_that_start_two_choices_or_part_of_a_word_pick_none(code, qid, text):
    assert read(qid, text, code)[:2] == ("refused", "not_a_choice")
