"""Reading what a person typed, per answer type and per language: read right, asked about, or refused.

``parse`` turns text into a canonical value (bool, choice code, Decimal, int,
date, "MM-DD", text). When the text cannot be read it raises :class:`AnswerError`
with a message in the person's language saying what is wrong and what is
expected. When it reads two ways it raises :class:`Ambiguous` with both values,
and the engine asks which: a misread number looks like an answer, so nothing is
ever guessed. ``unusual`` says when a value read right is far outside what the
question usually gets (the bounds are data on the question: ``usual``,
``usual_not_above``); the engine then asks the person to confirm it.

The reading rules are the same in every language, because parents in the US copy
their answers from US papers whatever language they read:

- Numbers (money, whole numbers, miles). ``1,250``, ``$1,250.00``, ``1250.5`` and
  ``US$260.50`` are the US forms; ``260,50`` and ``1.234,56`` the Latin-American and
  European ones. With both separators the last one is the decimal point. A single
  separator followed by exactly three digits is a thousands separator (``1,250`` and
  ``1.250`` are 1250; cents never have three digits); with one or two digits after
  it, it is the decimal point. ``0,500`` reads two ways (500 or 0.50): asked.
  Currency words and symbols (``$``, ``US$``, ``USD``, ``dollars``, ``dólares``,
  ``pesos``, ``元``, ``美元``, ``块``, ``đô``, ``đô la``) and units after numbers
  (``3 người``, ``3人``, ``60 millas``, ``60 dặm``, ``60英里``) are accepted.
- Dates. ``2024-03-14``, ``2024/3/14`` and ``2024.3.14`` are year first (only a
  four-digit first group is a year). Otherwise the year is last, four digits, or two
  read as 20YY; ``/``, ``-`` and ``.`` are the same. When the day is over 12 only one
  reading works (``03/14/2024``, ``14/03/2024``); when both parts are 12 or less and
  differ (``04/05/2023``) it is asked, unless the typist's date order is known (desk
  staff type the US way, ``date_order="MDY"``). Dates written out are read in every
  language: ``March 14, 2024``, ``14 de marzo de 2024``, ``2024年3月14日``,
  ``ngày 14 tháng 3 năm 2024``, ``Marso 14, 2025``.
- Birthdays (month and day): the same rules without the year (``04-22``, ``22/4``,
  ``03/04`` asked, ``April 22``, ``4月22日``).
- Yes and no: the language's words and English ones, without trailing punctuation
  (``Sí.``, ``是。``) or politeness particles (``oo po``, ``dạ có``, ``có ạ``).
- Choices: the number, the label in the language or in English, the code, or a
  common name from the flow's ``aliases`` (``加州``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from babel import Locale

from medguide.flows.model import Question

from medguide.bot.words.i18n import LANGUAGES, Lang

MAX_MONEY = Decimal("100000000")
MAX_WHOLE = 1000
EXAMPLE_MONEY = Decimal("1234.56")
"""The most a whole-number answer can be when its question sets no ``max``."""

_CURRENCY = ("us$", "u.s.$", "$us", "usd", "$", "dollars", "dollar", "dólares", "dolares", "dólar", "dolar", "pesos", "peso",
             "dolyar", "美元", "美金", "元", "块钱", "块", "塊", "đô la", "đôla", "đô", "do la")
"""Currency words and symbols read in every language, before or after the amount."""
_PER_MONTH = ("a month", "per month", "each month", "monthly", "/month", "/mo", "al mes", "por mes", "cada mes",
              "mensuales", "mensual", "每月", "每个月", "一个月", "mỗi tháng", "một tháng", "/tháng", "bawat buwan",
              "kada buwan", "isang buwan")
_UNITS = ("people", "persons", "person", "children", "child", "personas", "persona", "niños", "hijos", "người",
          "nguoi", "đứa", "con", "个人", "个", "人", "katao", "tao", "miles", "mile", "mi", "millas", "milla",
          "dặm", "dam", "英里", "公里", "milya")
"""Units after a number ("3 người", "60 millas"), read in every language."""
_PARTICLES = ("po", "ho", "ạ", "dạ", "thưa", "señor", "señora", "señorita")
"""Politeness particles and forms of address dropped before a yes, no or choice is looked up ("oo po", "dạ có")."""
_PUNCTUATION = ".。!！?？,，;；:：、~～…"
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_GROUP_MARK = re.compile(r"(?<=\d)[\s\u00a0\u202f'\u2019](?=\d{3}(?!\d))")
_NUMERIC_DATE = re.compile(r"^([0-9]{1,4})\s*[-/.]\s*([0-9]{1,2})\s*[-/.]\s*([0-9]{1,4})$")
_NUMERIC_MONTH_DAY = re.compile(r"^([0-9]{1,2})\s*[-/.]\s*([0-9]{1,2})$")


class AnswerError(ValueError):
    """What is wrong with an answer and what is expected, in the person's language."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


class Ambiguous(Exception):
    """The text reads as more than one value (``values``, in the order to offer them): ask, never guess."""

    def __init__(self, values: tuple[Any, ...]):
        super().__init__(values)
        self.values = values


@dataclass(frozen=True)
class Unusual:
    """A value read right that is far outside what the question usually gets: confirm it before using it."""

    message: str
    """"You typed $3.20. That is much less than usual here. Is that right?", in the reader's language."""


def clean_text(text: str) -> str:
    """NFC (so "có" typed as c + o + accent matches); drop control characters, terminal escapes among them."""
    text = unicodedata.normalize("NFC", text)
    return "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch == " ").strip()


@lru_cache(maxsize=64)
def yes_no_words(lang: Lang) -> dict[str, bool]:
    """The words read as yes and no in ``lang`` (English ones too), normalized; cached per language (do not change it)."""
    words = {"yes": True, "y": True, "no": False, "n": False, "1": True, "2": False, "true": True, "false": False}
    for word in lang.p_("answer words", "yes|y").split("|"):
        words[_words(word)] = True
    for word in lang.p_("answer words", "no|n").split("|"):
        words[_words(word)] = False
    return words


def _words(text: str) -> str:
    """Lower case, one space between words, no punctuation at the ends or between words."""
    text = text.lower()
    for mark in _PUNCTUATION:
        text = text.replace(mark, " ")
    return _SPACES.sub(" ", text).strip()


def _without_particles(text: str) -> str:
    """ "oo po" -> "oo", "dạ có" -> "có", "có ạ" -> "có"; a particle alone ("dạ") stays what it is."""
    kept = [w for w in text.split(" ") if w not in _PARTICLES]
    return " ".join(kept) if kept else text


def choice_label(q: Question, code: str, lang: Lang) -> str:
    for c in q.choices:
        if c.code == code:
            return lang.p_(f"choice:{q.id}", c.label)
    return code


def parse(q: Question, text: str, lang: Lang, others: dict[str, Any], today: date,
          date_order: str | None = None) -> Any:
    """The value ``text`` means for ``q``; AnswerError when it means none, Ambiguous when it means two.

    ``date_order`` ("MDY", "DMY") is how the typist writes numeric dates, when that is known (desk staff);
    without it a date that reads two ways is asked about.
    """
    raw = clean_text(text)
    if q.type == "note":
        return True
    if not raw:
        raise AnswerError("empty", empty_message(q, lang))
    reader = _READERS[q.type]
    return reader(q, raw, lang, others, today, date_order)


# ---------------------------------------------------------------- yes, no and choices
def _yesno(q: Question, raw: str, lang: Lang, others: dict, today: date, order: str | None) -> bool:
    words = yes_no_words(lang)
    text = _words(raw)
    value = words.get(text)
    if value is None:
        value = words.get(_without_particles(text))
    if value is None:
        raise AnswerError("not_yes_no", lang._("Please answer yes or no."))
    return value


@lru_cache(maxsize=512)
def _choice_names(qid: str, choices: tuple, lang: Lang) -> dict[str, str]:
    """Every name read as each choice, normalized -> its code (the first choice wins a name two share)."""
    names: dict[str, str] = {}
    for i, c in enumerate(choices, start=1):  # the English label is read in every language too
        for name in (str(i), c.code, lang.p_(f"choice:{qid}", c.label), c.label, *c.aliases):
            names.setdefault(_words(name), c.code)
    return names


def _label_start(text: str, names: dict[str, str]) -> str | None:
    """The one choice whose name starts with the words typed ("Pago" for "Pago la manutención"), else None.

    Whole words only in languages written with spaces; in Chinese, two characters or more. Words that
    start two choices' names ("Sí" for "Sí, mi plan" and "Sí, el plan de ...") pick neither.
    """
    cjk = any("\u4e00" <= ch <= "\u9fff" for ch in text)
    if len(text) < (2 if cjk else 3):
        return None
    codes = {code for name, code in names.items()
             if name.startswith(text) and (cjk or len(name) == len(text) or not name[len(text)].isalnum())}
    return codes.pop() if len(codes) == 1 else None


def _choice(q: Question, raw: str, lang: Lang, others: dict, today: date, order: str | None) -> str:
    text = _words(raw)
    names = _choice_names(q.id, q.choices, lang)
    for candidate in (text, _without_particles(text)):
        if candidate in names:
            return names[candidate]
    found = _label_start(text, names)
    if found is not None:
        return found
    raise AnswerError("not_a_choice", lang._("Please pick one of the choices by its number, from 1 to {n}.").format(n=len(q.choices)))


# ---------------------------------------------------------------- numbers
def _strip_ends(text: str, words: tuple[str, ...]) -> str:
    """``text`` without any of ``words`` at its start or its end (longest first, any case)."""
    for word in sorted(words, key=len, reverse=True):
        if text.startswith(word):
            text = text[len(word):].strip()
        if text.endswith(word):
            before = text[: -len(word)]
            if not word[0].isalpha() or not before or not before[-1].isalpha():  # "3 mi", not "3mimi"
                text = before.strip()
    return text


def read_number(raw: str, money: bool = False) -> tuple[Decimal, ...]:
    """Every value the typed number can mean: one, or two when it reads both ways ("0,500").

    Money may carry currency words and "a month" ("$350 a month", "260元"); other numbers may carry
    units ("3 người", "60 millas"); neither the other's. Raises AnswerError("not_a_number", "") when it
    is not a number at all.
    """
    words = (_PER_MONTH, _CURRENCY) if money else (_UNITS,)
    text = unicodedata.normalize("NFKC", raw).lower().strip().rstrip("。 ")  # full-width digits and separators too
    if text.endswith(".") and re.search(r"[.,]", text[:-1]):
        text = text[:-1]  # the full stop of a sentence: "$1,250.00."
    for _ in range(3):  # "$350 a month", "3 người", "US$ 260.50", in any order
        before = text
        for found in words:
            text = _strip_ends(text, found)
        if text == before:
            break
    negative = text.startswith("-")
    if negative:
        text = _strip_ends(text[1:].strip(), _CURRENCY) if money else text[1:].strip()
    text = _GROUP_MARK.sub("", text)
    if not re.fullmatch(r"[0-9.,]*[0-9][0-9.,]*", text):  # digits and separators only: no "1e5", "1_000" or "inf"
        raise AnswerError("not_a_number", "")
    values = _separated(text)
    return tuple(-v for v in values) if negative else values


def _separated(text: str) -> tuple[Decimal, ...]:
    marks = [ch for ch in text if ch in ".,"]
    groups = re.split(r"[.,]", text)
    try:
        if not marks:
            return (Decimal(text),)
        if len(set(marks)) == 2:  # 1,234.56 or 1.234,56: the last separator is the decimal point
            point = marks[-1]
            if marks.count(point) != 1 or not _grouped(groups[:-1]):
                raise AnswerError("not_a_number", "")
            return (Decimal("".join(groups[:-1]) + "." + groups[-1]) if groups[-1] else Decimal("".join(groups[:-1])),)
        if len(marks) > 1:  # 1,234,567 or 1.234.567: thousands only
            if not _grouped(groups):
                raise AnswerError("not_a_number", "")
            return (Decimal("".join(groups)),)
        head, tail = groups
        if not tail:  # "1250."
            return (Decimal(head),)
        if len(tail) == 3 and head in ("", "0"):  # "0,500": 500, or 0.50?
            return (Decimal(tail), Decimal("0." + tail))
        if len(tail) == 3 and len(head) <= 3:  # three digits after one separator: never cents
            return (Decimal(head + tail),)
        return (Decimal((head or "0") + "." + tail),)
    except InvalidOperation:
        raise AnswerError("not_a_number", "") from None


def _grouped(groups: list[str]) -> bool:
    """Thousands groups: the first of one to three digits (not a lone 0), each after it of three."""
    return bool(groups) and 1 <= len(groups[0]) <= 3 and groups[0] != "0" and all(len(g) == 3 for g in groups[1:])


def read_decimal(raw: str, lang: Lang) -> Decimal:
    """One number, the way any language writes it (AnswerError when unreadable, Ambiguous when it reads two ways)."""
    values = read_number(raw)
    if len(values) > 1:
        raise Ambiguous(values)
    return values[0]


def _one_of(values: tuple[Any, ...], check) -> Any:
    """The values that pass ``check``: one is the answer, two are asked about; with none, the first one's error."""
    good, first_error = [], None
    for v in values:
        try:
            good.append(check(v))
        except AnswerError as exc:
            first_error = first_error or exc
    if not good:
        assert first_error is not None
        raise first_error
    if len(set(good)) > 1:
        raise Ambiguous(tuple(dict.fromkeys(good)))
    return good[0]


def _money(q: Question, raw: str, lang: Lang, others: dict, today: date, order: str | None) -> Decimal:
    try:
        values = read_number(raw, money=True)
    except AnswerError:
        raise AnswerError("not_money", lang._("Please type an amount of money, like {example}.").format(
            example=lang.money(EXAMPLE_MONEY))) from None

    def check(value: Decimal) -> Decimal:
        if value < 0:
            raise AnswerError("negative", lang._("An amount cannot be less than zero. Please type 0 or more."))
        high = q.max if q.max is not None else MAX_MONEY
        if value > high:
            raise AnswerError("too_large", lang._("That amount is too large. Please type at most {amount}.").format(amount=lang.money(high)))
        if value != value.quantize(Decimal("0.01")):
            raise AnswerError("too_many_decimals", lang._("Please use at most two digits for cents, like {example}.").format(
                example=lang.money(EXAMPLE_MONEY)))
        low = q.min if q.min is not None else Decimal(0)
        if value < low:
            raise AnswerError("too_small", lang._("Please type an amount of at least {amount}.").format(amount=lang.money(low)))
        _not_above(q, value, lang, others, money=True)
        return value.quantize(Decimal("0.01"))

    return _one_of(values, check)


def _whole(q: Question, raw: str, lang: Lang, others: dict, today: date, order: str | None) -> int:
    try:
        values = read_number(raw)
    except AnswerError:
        values = ()

    def check(value: Decimal) -> int:
        if abs(value) > 10**6 or value != value.to_integral_value():
            raise AnswerError("not_whole_number", lang._("Please type a whole number, like 3."))
        number = int(value)
        low = int(q.min) if q.min is not None else 0
        high = int(q.max) if q.max is not None else MAX_WHOLE
        if not low <= number <= high:
            raise AnswerError("out_of_range", lang._("Please type a number from {low} to {high}.").format(
                low=lang.number(low), high=lang.number(high)))
        _not_above(q, number, lang, others)
        return number

    if not values:
        raise AnswerError("not_whole_number", lang._("Please type a whole number, like 3."))
    return _one_of(values, check)


def _number(q: Question, raw: str, lang: Lang, others: dict, today: date, order: str | None) -> Decimal:
    try:
        values = read_number(raw)
    except AnswerError:
        raise AnswerError("not_a_number", lang._("Please type a number, like {example}.").format(example=lang.number(Decimal("12.5")))) from None

    def check(value: Decimal) -> Decimal:
        high = q.max if q.max is not None else Decimal(100000)
        if value < 0 or value > high:
            raise AnswerError("out_of_range", lang._("Please type a number from {low} to {high}.").format(
                low=lang.number(0), high=lang.number(high)))
        return value.quantize(Decimal("0.01")) if value.as_tuple().exponent < -2 else value  # type: ignore[operator]

    return _one_of(values, check)


def _not_above(q: Question, value: Any, lang: Lang, others: dict, money: bool = False) -> None:
    if q.not_above and others.get(q.not_above) is not None and not isinstance(others[q.not_above], str):
        limit = others[q.not_above]
        if value > limit:
            shown = lang.money(limit) if money else lang.number(limit)
            raise AnswerError("above_earlier_answer", lang._("This cannot be more than your earlier answer, {limit}.").format(limit=shown))
    if q.not_below and others.get(q.not_below) is not None and not isinstance(others[q.not_below], str):
        limit = others[q.not_below]
        if value < limit:
            shown = lang.money(limit) if money else lang.number(limit)
            raise AnswerError("below_earlier_answer", lang._("This cannot be less than your earlier answer, {limit}.").format(limit=shown))


# ---------------------------------------------------------------- dates
def read_dates(raw: str, lang: Lang, order: str | None = None) -> tuple[date, ...]:
    """Every date the text can mean (one, or two when day and month could be swapped); AnswerError when none."""
    text = unicodedata.normalize("NFKC", raw).strip().rstrip(".。")
    try:
        numeric = _NUMERIC_DATE.match(text)
        if numeric:
            a, b, c = numeric.groups()
            if len(a) == 4:  # year first: 2024-03-14, 2024/3/14
                if len(c) > 2:
                    raise ValueError
                return (date(int(a), int(b), int(c)),)
            if len(c) not in (2, 4) or len(a) > 2:  # a two-digit first group is never a year
                raise ValueError
            year = int(c) + (2000 if len(c) == 2 else 0)
            return tuple(date(year, month, day) for month, day in _month_days(int(a), int(b), order, lang))
        named = _named_date(text, lang)
        if named is not None:
            return (named,)
    except (ValueError, IndexError):
        pass
    raise AnswerError("not_a_date", "")


def read_date(raw: str, lang: Lang, order: str | None = None) -> date:
    dates = read_dates(raw, lang, order)
    if len(dates) > 1:
        raise Ambiguous(dates)
    return dates[0]


def _month_days(first: int, second: int, order: str | None, lang: Lang) -> list[tuple[int, int]]:
    """(month, day) readings of two numbers: the one that works, both when both work, the typist's when known.

    Both readings are offered in the order the language writes numeric dates (the order its hints show).
    """
    month_first, day_first = (first, second), (second, first)
    readings = list(dict.fromkeys(md for md in (month_first, day_first) if _real(*md)))
    if len(readings) > 1 and order:
        readings = [month_first if order.index("M") < order.index("D") else day_first]
    elif len(readings) > 1 and lang.date_order() == "DMY":
        readings.reverse()
    if not readings:
        raise ValueError(f"{first}/{second} is no month and day")
    return readings


def _real(month: int, day: int) -> bool:
    """A month and day some year has (2000 is a leap year: February 29 is a birthday)."""
    try:
        date(2000, month, day)
    except ValueError:
        return False
    return True


def _date(q: Question, raw: str, lang: Lang, others: dict, today: date, order: str | None) -> date:
    try:
        values = read_dates(raw, lang, order)
    except AnswerError:
        raise AnswerError("not_a_date", lang._("Please type a date, like {example} or 2016-04-22.").format(
            example=lang.short_date(date(2016, 4, 22)))) from None

    def check(value: date) -> date:
        if value.year < 1900:
            raise AnswerError("too_early", lang._("Please check the year. It looks too early."))
        if q.not_after == "today" and value > today:
            raise AnswerError("date_in_future", lang._("That date is in the future. Please type a date on or before {today}.").format(today=lang.date(today)))
        earlier = others.get(q.not_before) if q.not_before else None
        if isinstance(earlier, date) and value < earlier:
            raise AnswerError("date_before_earlier_answer", lang._("This date cannot be before your earlier answer, {when}.").format(when=lang.date(earlier)))
        return value

    return _one_of(values, check)


def _month_day(q: Question, raw: str, lang: Lang, others: dict, today: date, order: str | None) -> str:
    text = unicodedata.normalize("NFKC", raw).strip().rstrip(".。")
    try:
        numeric = _NUMERIC_MONTH_DAY.match(text)
        if numeric:
            readings = _month_days(int(numeric.group(1)), int(numeric.group(2)), order, lang)
        elif (named := _month_named(text, lang)) is not None:
            readings = [named]
        else:
            readings = [(d.month, d.day) for d in read_dates(text, lang, order)]
        for month, day in readings:
            date(2000, month, day)  # 2000 is a leap year: February 29 is a birthday
        if not readings:
            raise ValueError
    except (ValueError, AnswerError):
        raise AnswerError("not_a_month_day", lang._("Please type the month and day, like {example} or {numeric}.").format(
            example=lang.month_day(4, 22), numeric=lang.short_month_day(4, 22))) from None
    values = tuple(f"{month:02d}-{day:02d}" for month, day in readings)
    if len(values) > 1:
        raise Ambiguous(values)
    return values[0]


def _named_date(raw: str, lang: Lang) -> date | None:
    """A date written out: "April 22, 2016", "22 de abril de 2016", "2016年4月22日", "ngày 22 tháng 4 năm 2016"."""
    numbers = [int(n) for n in re.findall(r"[0-9]+", raw)]
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
    numbers = [int(n) for n in re.findall(r"[0-9]+", text)]
    if len(numbers) == 2 and "月" in text:
        return numbers[0], numbers[1]
    month = re.search(r"(?:tháng|thg)\s*([0-9]+)", text)
    if len(numbers) == 2 and month:  # "22 tháng 4", "ngày 22 tháng 4": the number after "tháng" is the month
        numbers.remove(int(month.group(1)))
        return int(month.group(1)), numbers[0]
    if len(numbers) != 1:
        return None
    for name, month in _month_names():
        if re.search(rf"(?<![^\W\d_]){re.escape(name)}(?![^\W\d_])", text):
            return month, numbers[0]
    return None


@lru_cache(maxsize=None)
def _month_names() -> tuple[tuple[str, int], ...]:
    """Month names of every language the guide speaks (wide and short, both contexts), longest first.

    Read in every language: a Tagalog screen reads "14 de marzo de 2024", a Spanish one "Marso 14, 2025".
    No name means one month in one language and another month in another (tests/test_answers.py checks).
    Names written with a figure ("tháng 3", "3月") are read by :func:`_month_named` itself.
    """
    names = set()
    for locale, _name in LANGUAGES.values():
        months = Locale.parse(locale).months
        names |= {(name.lower().rstrip("."), month) for context in ("format", "stand-alone")
                  for width in ("wide", "abbreviated") for month, name in months[context][width].items()}
    return tuple(sorted((n for n in names if n[0] and not re.search(r"[0-9]", n[0])), key=lambda item: -len(item[0])))


def _text(q: Question, raw: str, lang: Lang, others: dict, today: date, order: str | None) -> str:
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


# ---------------------------------------------------------------- asking back
def which_one(q: Question, values: tuple[Any, ...], lang: Lang) -> str:
    """The question asked back when the text reads two ways: "Did you mean $500.00 or $0.50?"."""
    shown = [display(q, v, lang) for v in values]
    return lang._("Did you mean {first} or {second}?").format(first=shown[0], second=shown[1])


def unusual(q: Question, value: Any, lang: Lang, others: dict[str, Any], questions: dict[str, Question],
            below: dict[str, tuple[Question, ...]] | None = None) -> Unusual | None:
    """Whether ``value`` is far outside what ``q`` usually gets (``usual``, ``usual_not_above`` in the flow).

    ``others`` are the answers on the path; a bound against another answer is checked from whichever of the two
    is answered second (``below``: :func:`usually_below` of the flow, for the second way round).
    """
    if not isinstance(value, (int, Decimal)) or isinstance(value, bool):
        return None
    if q.usual is not None:
        if q.usual.min is not None and value < q.usual.min:
            return Unusual(lang._("You typed {answer}. That is much less than usual for this question. Is that right?").format(
                answer=display(q, value, lang)))
        if q.usual.max is not None and value > q.usual.max:
            return Unusual(lang._("You typed {answer}. That is much more than usual for this question. Is that right?").format(
                answer=display(q, value, lang)))
    limit = others.get(q.usual_not_above) if q.usual_not_above else None
    if _number_like(limit) and value > limit:
        return Unusual(lang._("You typed {answer}. That is more than your earlier answer, {limit}. Is that right?").format(
            answer=display(q, value, lang), limit=display(questions[q.usual_not_above], limit, lang)))  # type: ignore[index]
    if below is None:
        below = {}
        for other in questions.values():
            if other.usual_not_above:
                below.setdefault(other.usual_not_above, ())
                below[other.usual_not_above] += (other,)
    for other in below.get(q.id, ()):
        below = others.get(other.id)
        if _number_like(below) and value < below:
            return Unusual(lang._("You typed {answer}. That is less than your earlier answer, {limit}. Is that right?").format(
                answer=display(q, value, lang), limit=display(other, below, lang)))
    return None


def _number_like(value: Any) -> bool:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


_BELOW: dict[int, tuple[Any, dict[str, tuple[Question, ...]]]] = {}


def usually_below(flow: Any) -> dict[str, tuple[Question, ...]]:
    """question id -> the questions whose answer is usually not above its answer; built once per flow."""
    found = _BELOW.get(id(flow))
    if found is None or found[0] is not flow:
        below: dict[str, list[Question]] = {}
        for other in flow.questions:
            if other.usual_not_above:
                below.setdefault(other.usual_not_above, []).append(other)
        found = _BELOW[id(flow)] = (flow, {k: tuple(v) for k, v in below.items()})
    return found[1]


def confirm_label(q: Question, value: Any, lang: Lang) -> str:
    """The one choice offered for an unusual answer: "Yes, $3.20 is right"."""
    return lang._("Yes, {answer} is right").format(answer=display(q, value, lang))


def example_answer(q: Question, lang: Lang) -> str:
    """An example answer, written the way this language writes it ("" for choices, notes and free text)."""
    if q.type == "money":
        return lang.money(Decimal("1234.56"))
    if q.type == "whole":
        return "3"
    if q.type == "number":
        return lang.number(Decimal("12.5"))
    if q.type == "date":
        return lang.date(date(2016, 4, 22))
    if q.type == "month_day":
        return lang.month_day(4, 22)
    return ""


def empty_message(q: Question, lang: Lang) -> str:
    """What to type, when Enter was pressed on an empty box: the kind of answer and an example."""
    _ = lang._
    if q.type == "money":
        return _("Nothing was typed. Type an amount in dollars, for example {example}.").format(example=example_answer(q, lang))
    if q.type == "whole":
        return _("Nothing was typed. Type a whole number, for example {example}.").format(example=example_answer(q, lang))
    if q.type == "number":
        return _("Nothing was typed. Type a number, for example {example}.").format(example=example_answer(q, lang))
    examples = date_examples(q, lang)
    if q.type in ("date", "month_day") and examples is not None:
        return _("Nothing was typed. Type a date, for example {example}.").format(example=examples[0])
    if q.type in ("yesno", "choice"):
        return _("Nothing was chosen. Choose one of the answers.")
    return _("Nothing was typed. Type your answer in the box.")


def date_examples(q: Question, lang: Lang) -> tuple[str, str] | None:
    """For a date or birthday question: an example in figures, in the language's order, and the same written out.

    ("4/22/2016", "April 22, 2016") in English, ("22/4/2016", "22 de abril de 2016") in Spanish; both read back.
    """
    if q.type == "date":
        example = date(2016, 4, 22)
        return lang.short_date(example), lang.date(example)
    if q.type == "month_day":
        return lang.short_month_day(4, 22), lang.month_day(4, 22)
    return None


def display(q: Question, value: Any, lang: Lang) -> str:
    """An answer as the person's language writes it (for review, summaries and echoes)."""
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
