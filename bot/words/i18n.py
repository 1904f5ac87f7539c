"""Languages: gettext catalogs for words, babel for numbers, money and dates.

Every string a person reads goes through :class:`Lang`. English is the source
language (the msgids); the other catalogs live in ``locales/<code>/LC_MESSAGES``
(extracted, merged and compiled by :mod:`medguide.bot.devtools.catalogs`).
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from medguide.bot.words.languages import DEFAULT, LANGUAGES  # plain data, so the CLI reads it without babel

if TYPE_CHECKING:
    from babel import Locale

# babel loads when a number, an amount or a date is first written, not with the words: the app's
# first screen (the language list, the first question) needs only the catalogs.

LOCALES_DIR = Path(__file__).resolve().parents[2] / "locales"
"""``locales/`` beside ``bot/`` in the source tree, ``medguide/locales`` when installed."""
DOMAIN = "medguide"

US_MONEY = "en_US"
"""Money is US money, written as US readers expect it in every language: ``$1,234.56``."""
_MONEY_LOCALES = {"zh_Hans": US_MONEY, "vi": US_MONEY}
"""Languages whose own locale data writes dollars otherwise (zh_Hans_CN ``US$1,234.56``, vi_VN ``1.234,56 US$``);
es_US and fil_PH already write ``$1,234.56``."""
_DATE_PATTERNS = {"vi": "d 'tháng' M 'năm' y"}
"""Long dates where the locale data is not how the language is written: Vietnamese "15 tháng 1 năm 2024"
(CLDR has "15 tháng 1, 2024"); a sentence puts "ngày" before it where it needs one."""


@lru_cache(maxsize=None)
def _locale(identifier: str) -> Locale:
    from babel import Locale

    return Locale.parse(identifier)


@dataclass(frozen=True)
class Lang:
    """One language: its catalog and its babel locale."""

    code: str
    given_locale: Locale | None
    """The babel locale; None: :attr:`locale` parses this language's own on first use (and loads babel)."""
    catalog: gettext.NullTranslations

    @cached_property
    def locale(self) -> Locale:
        return self.given_locale or _locale(LANGUAGES[self.code][0])

    @property
    def name(self) -> str:
        return LANGUAGES[self.code][1]

    def _(self, message: str) -> str:
        return self.catalog.gettext(message)

    def p_(self, context: str, message: str) -> str:
        return self.catalog.pgettext(context, message)

    def n_(self, singular: str, plural: str, n: int) -> str:
        return self.catalog.ngettext(singular, plural, n)

    def sentences(self, parts: list[str]) -> str:
        """Sentences run together as this language writes them (Chinese puts no space after 。)."""
        return ("" if self.locale.language == "zh" else " ").join(parts)

    def money(self, amount: Decimal) -> str:
        """US dollars as US readers write them, in every language: ``$1,234.56``."""
        from babel.numbers import format_currency

        money = _MONEY_LOCALES.get(self.code)
        return format_currency(amount, "USD", locale=self.locale if money is None else _locale(money))

    def number(self, value: Decimal | int) -> str:
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.locale)

    def percent(self, rate: Decimal) -> str:
        """A rate as this language writes a percentage (0.05 -> "5%")."""
        from babel.numbers import format_percent

        return format_percent(rate, locale=self.locale)

    def date(self, value: date) -> str:
        if not isinstance(value, date):  # babel writes today's date for None: never a date nobody gave
            raise TypeError(f"a date to write, not {value!r}")
        from babel.dates import format_date

        return format_date(value, _DATE_PATTERNS.get(self.code, "long"), locale=self.locale)

    def short_date(self, value: date) -> str:
        """The way this language writes a date in figures, with a four-digit year (also how answers are read)."""
        pattern = self.locale.date_formats["short"].pattern
        if "yyyy" not in pattern:
            pattern = pattern.replace("yy", "yyyy") if "yy" in pattern else pattern.replace("y", "yyyy")
        from babel.dates import format_date

        return format_date(value, pattern, locale=self.locale)

    def month_day(self, month: int, day: int) -> str:
        from babel.dates import format_skeleton

        return format_skeleton("MMMMd", date(2000, month, day), locale=self.locale)

    def month_year(self, value: date) -> str:
        """A month of a year as this language writes it ("October 2026", "octubre de 2026", "2026年10月")."""
        from babel.dates import format_skeleton

        return format_skeleton("yMMMM", value, locale=self.locale)

    def short_month_day(self, month: int, day: int) -> str:
        """A month and day in figures, in this language's order ("4/22" in English, "22/4" in Spanish)."""
        from babel.dates import format_skeleton

        return format_skeleton("Md", date(2000, month, day), locale=self.locale)

    def date_order(self) -> str:
        """The order of this language's numeric dates: "MDY", "DMY" or "YMD"."""
        pattern = self.locale.date_formats["short"].pattern.lower()
        return "".join(sorted("mdy", key=pattern.index)).upper()


class CatalogMissing(RuntimeError):
    """A language's compiled catalog is not where it must be: never a silent fallback to English."""


def catalog_path(code: str) -> Path:
    return LOCALES_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo"


def missing_catalogs() -> list[str]:
    """The languages (other than English, the source) whose compiled catalog is missing."""
    return [code for code in LANGUAGES if code != DEFAULT and not catalog_path(code).is_file()]


def check_catalogs() -> None:
    """Raise :class:`CatalogMissing` naming every language whose catalog is missing (start-up check)."""
    missing = missing_catalogs()
    if missing:
        names = ", ".join(f"{LANGUAGES[c][1]} ({c}) at {catalog_path(c)}" for c in missing)
        raise CatalogMissing(f"the translation catalogs are missing for {names}. Reinstall medguide, "
                             f"or run bin/setup in a source checkout.")


@lru_cache(maxsize=None)
def lang(code: str = DEFAULT) -> Lang:
    if code not in LANGUAGES:
        raise KeyError(f"unknown language {code!r}; expected one of {', '.join(LANGUAGES)}")
    if code == DEFAULT:
        catalog: gettext.NullTranslations = gettext.NullTranslations()  # English is the source: the msgids
    else:
        try:
            with catalog_path(code).open("rb") as f:
                catalog = gettext.GNUTranslations(f)
        except OSError as exc:
            raise CatalogMissing(f"the translation catalog for {LANGUAGES[code][1]} ({code}) cannot be read at "
                                 f"{catalog_path(code)}: {exc.strerror}. Reinstall medguide, or run bin/setup "
                                 f"in a source checkout.") from None
    return Lang(code, None, catalog)
