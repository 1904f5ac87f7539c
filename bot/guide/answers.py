"""Reading what a person typed, per answer type and per language.

``parse`` turns text into a canonical value (bool, choice code, Decimal, int,
date, "MM-DD", text) or raises :class:`AnswerError` with a message in the
person's language saying what is wrong and what is expected. Numbers and dates
are read with babel for the language ("1.234,56" in Spanish, "$1,234.56" in
English); a lone separator followed by one or two digits is always a decimal
point, so "1234.56" is read right in every language.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from babel import Locale
from babel.dates import parse_date
from babel.numbers import NumberFormatError, get_currency_symbol, parse_decimal

from medguide.flows.model import Question

from medguide.bot.words.i18n import Lang

MAX_MONEY = Decimal("100000000")
_LONE_DECIMAL = re.compile(r"^(\d+)[.,](\d{1,2})$")
_NUMBER_CHARS = re.compile(r"^-?[\d.,'\u2019\u00a0\u202f]+$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_MD = re.compile(r"^(\d{1,2})\s*([-/.])\s*(\d{1,2})$")


class AnswerError(ValueError):
    """What is wrong with an answer and what is expected, in the person's language."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def clean_text(text: str) -> str:
    """NFC (so "có" typed as c + o + accent matches); drop control characters, terminal escapes among them."""
    text = unicodedata.normalize("NFC", text)
    return "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch == " ").strip()


def yes_no_words(lang: Lang) -> dict[str, bool]:
    words = {"yes": True, "y": True, "no": False, "n": False, "1": True, "2": False, "true": True, "false": False}
    for word in lang.p_("answer words", "yes|y").split("|"):
        words[word.strip().lower()] = True
    for word in lang.p_("answer words", "no|n").split("|"):
        words[word.strip().lower()] = False
    return words


def choice_label(q: Question, code: str, lang: Lang) -> str:
    for c in q.choices:
        if c.code == code:
            return lang.p_(f"choice:{q.id}", c.label)
    return code


def parse(q: Question, text: str, lang: Lang, others: dict[str, Any], today: date) -> Any:
    raw = clean_text(text)
    if q.type == "note":
        return True
    if not raw:
        raise AnswerError("empty", lang._("Please type an answer, then press Enter."))
    reader = _READERS[q.type]
    return reader(q, raw, lang, others, today)


def _yesno(q: Question, raw: str, lang: Lang, others: dict, today: date) -> bool:
    value = yes_no_words(lang).get(raw.lower())
    if value is None:
        raise AnswerError("not_yes_no", lang._("Please answer yes or no."))
    return value


def _choice(q: Question, raw: str, lang: Lang, others: dict, today: date) -> str:
    lowered = raw.lower()
    for i, c in enumerate(q.choices, start=1):  # the English label is read in every language too
        if lowered in (str(i), c.code.lower(), choice_label(q, c.code, lang).lower(), c.label.lower()):
            return c.code
    raise AnswerError("not_a_choice", lang._("Please pick one of the choices by its number, from 1 to {n}.").format(n=len(q.choices)))


def read_decimal(raw: str, lang: Lang) -> Decimal:
    """A number as this language writes it; a lone separator with 1-2 digits after it is a decimal point."""
    text = raw.replace(get_currency_symbol("USD", locale=lang.locale), "").replace("US$", "").replace("$", "")
    text = text.strip().replace("\u00a0", "")
    if not _NUMBER_CHARS.match(text):  # digits and separators only: no "1e5", "1_000" or "inf"
        raise AnswerError("not_a_number", "")
    lone = _LONE_DECIMAL.match(text)
    try:
        value = Decimal(f"{lone.group(1)}.{lone.group(2)}") if lone else parse_decimal(text, locale=lang.locale, strict=True)
    except (NumberFormatError, InvalidOperation, ValueError):
        raise AnswerError("not_a_number", "") from None
    if not value.is_finite():
        raise AnswerError("not_a_number", "")
    return value


def _money(q: Question, raw: str, lang: Lang, others: dict, today: date) -> Decimal:
    try:
        value = read_decimal(raw, lang)
    except AnswerError:
        example = lang.money(Decimal("1234.56"))
        raise AnswerError("not_money", lang._("Please type an amount of money, like {example}.").format(example=example)) from None
    if value < 0:
        raise AnswerError("negative", lang._("An amount cannot be less than zero. Please type 0 or more."))
    high = q.max if q.max is not None else MAX_MONEY
    if value > high:
        raise AnswerError("too_large", lang._("That amount is too large. Please type at most {amount}.").format(amount=lang.money(high)))
    if value.as_tuple().exponent < -2 and value != value.quantize(Decimal("0.01")):  # type: ignore[operator]
        example = lang.money(Decimal("1234.56"))
        raise AnswerError("too_many_decimals", lang._("Please use at most two digits for cents, like {example}.").format(example=example))
    low = q.min if q.min is not None else Decimal(0)
    if value < low:
        raise AnswerError("too_small", lang._("Please type an amount of at least {amount}.").format(amount=lang.money(low)))
    _not_above(q, value, lang, others, money=True)
    return value.quantize(Decimal("0.01"))


def _whole(q: Question, raw: str, lang: Lang, others: dict, today: date) -> int:
    try:
        value = read_decimal(raw, lang)
    except AnswerError:
        value = None
    if value is None or abs(value) > 10**6 or value != value.to_integral_value():
        raise AnswerError("not_whole_number", lang._("Please type a whole number, like 3."))
    number = int(value)
    low = int(q.min) if q.min is not None else 0
    high = int(q.max) if q.max is not None else 1000
    if not low <= number <= high:
        raise AnswerError("out_of_range", lang._("Please type a number from {low} to {high}.").format(low=low, high=high))
    _not_above(q, number, lang, others)
    return number


def _number(q: Question, raw: str, lang: Lang, others: dict, today: date) -> Decimal:
    try:
        value = read_decimal(raw, lang)
    except AnswerError:
        raise AnswerError("not_a_number", lang._("Please type a number, like {example}.").format(example=lang.number(Decimal("12.5")))) from None
    high = q.max if q.max is not None else Decimal(100000)
    if value < 0 or value > high:
        raise AnswerError("out_of_range", lang._("Please type a number from {low} to {high}.").format(low=0, high=lang.number(high)))
    if value.as_tuple().exponent < -2:  # type: ignore[operator]
        value = value.quantize(Decimal("0.01"))
    return value


def _not_above(q: Question, value: Any, lang: Lang, others: dict, money: bool = False) -> None:
    if q.not_above and others.get(q.not_above) is not None and not isinstance(others[q.not_above], str):
        limit = others[q.not_above]
        if value > limit:
            shown = lang.money(limit) if money else lang.number(limit)
            raise AnswerError("above_earlier_answer", lang._("This cannot be more than your earlier answer, {limit}.").format(limit=shown))


def read_date(raw: str, lang: Lang) -> date:
    iso = _ISO.match(raw)
    try:
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        named = _named_date(raw, lang)
        if named is not None:
            return named
        parsed = parse_date(raw, locale=lang.locale)
        if parsed.year < 100:  # a two-digit year: 16 -> 2016, 95 -> 1995
            parsed = parsed.replace(year=parsed.year + (2000 if parsed.year <= 50 else 1900))
        return parsed
    except (ValueError, IndexError):
        raise AnswerError("not_a_date", "") from None


def _date(q: Question, raw: str, lang: Lang, others: dict, today: date) -> date:
    example = lang.short_date(date(2016, 4, 22))
    try:
        value = read_date(raw, lang)
    except AnswerError:
        raise AnswerError("not_a_date", lang._("Please type a date, like {example} or 2016-04-22.").format(example=example)) from None
    if value.year < 1900:
        raise AnswerError("too_early", lang._("Please check the year. It looks too early."))
    if q.not_after == "today" and value > today:
        raise AnswerError("date_in_future", lang._("That date is in the future. Please type a date on or before {today}.").format(today=lang.date(today)))
    earlier = others.get(q.not_before) if q.not_before else None
    if isinstance(earlier, date) and value < earlier:
        raise AnswerError("date_before_earlier_answer", lang._("This date cannot be before your earlier answer, {when}.").format(when=lang.date(earlier)))
    return value


def _month_day(q: Question, raw: str, lang: Lang, others: dict, today: date) -> str:
    md = _MD.match(raw)
    try:
        if md:
            first, second = int(md.group(1)), int(md.group(3))
            pattern = lang.locale.date_formats["short"].pattern.lower()
            day_first = md.group(2) != "-" and pattern.index("d") < pattern.index("m")  # "04-22" is always month-day
            month, day = (second, first) if day_first else (first, second)
            if month > 12 >= day:  # 22-04 typed where 04-22 was expected: only one reading works
                month, day = day, month
        elif (named := _month_named(raw, lang)) is not None:
            month, day = named
        else:
            full = read_date(raw, lang)
            month, day = full.month, full.day
        date(2000, month, day)  # 2000 is a leap year: February 29 is a birthday
    except (ValueError, AnswerError):
        raise AnswerError("not_a_month_day", lang._("Please type the month and day, like {example}.").format(example=lang.month_day(4, 22))) from None
    return f"{month:02d}-{day:02d}"


def _named_date(raw: str, lang: Lang) -> date | None:
    """A date written out: "April 22, 2016", "22 de abril de 2016", "2016年4月22日", "22 tháng 4, 2016"."""
    numbers = [int(n) for n in re.findall(r"\d+", raw)]
    years = [n for n in numbers if n >= 1000]
    if len(years) != 1:
        return None
    rest = raw.replace(str(years[0]), " ", 1)
    month_day = _month_named(rest, lang)
    if month_day is None:
        return None
    return date(years[0], *month_day)


def _month_named(raw: str, lang: Lang) -> tuple[int, int] | None:
    """"April 22", "22 de abril", "22 tháng 4", "4月22日": a month by name (or by 月/tháng) and a day."""
    text = raw.lower()
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    if len(numbers) == 2 and ("月" in text or "tháng" in text):
        return (numbers[0], numbers[1]) if "月" in text else (numbers[1], numbers[0])
    if len(numbers) != 1:
        return None
    for name, month in _month_names(str(lang.locale)):
        if name in text:
            return month, numbers[0]
    return None



@lru_cache(maxsize=None)
def _month_names(locale: str) -> tuple[tuple[str, int], ...]:
    """Month names of a language (wide and short, both contexts) and English, longest first."""
    months = Locale.parse(locale).months
    names = {(name.lower().rstrip("."), month) for context in ("format", "stand-alone")
             for width in ("wide", "abbreviated") for month, name in months[context][width].items()}
    names |= {(name.lower(), month) for month, name in Locale.parse("en").months["format"]["wide"].items()}
    return tuple(sorted((n for n in names if n[0]), key=lambda item: -len(item[0])))

def _text(q: Question, raw: str, lang: Lang, others: dict, today: date) -> str:
    if len(raw) > q.max_length:
        raise AnswerError("too_long", lang._("Please keep it to {n} characters or fewer.").format(n=q.max_length))
    return raw


_READERS = {
    "yesno": _yesno,
    "choice": _choice,
    "money": _money,
    "whole": _whole,
    "number": _number,
    "date": _date,
    "month_day": _month_day,
    "text": _text,
}


def display(q: Question, value: Any, lang: Lang) -> str:
    """An answer as the person's language writes it (for review and summaries)."""
    from medguide.flows.facts import UNKNOWN

    if value == UNKNOWN:
        return lang._("I don't know")
    if q.type == "yesno":
        return lang._("Yes") if value else lang._("No")
    if q.type == "choice":
        return choice_label(q, value, lang)
    if q.type == "money":
        return lang.money(value)
    if q.type in ("whole", "number"):
        return lang.number(value)
    if q.type == "date":
        return lang.date(value)
    if q.type == "month_day":
        month, day = (int(x) for x in value.split("-"))
        return lang.month_day(month, day)
    if q.type == "note":
        return lang._("Read")
    return str(value)
