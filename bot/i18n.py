"""Languages: gettext catalogs for words, babel for numbers, money and dates.

Every string a person reads goes through :class:`Lang`. English is the source
language (the msgids); the other catalogs live in ``locales/<code>/LC_MESSAGES``.

    python -m bot.i18n extract   # flows + code -> locales/medguide.pot
    python -m bot.i18n update    # merge the .pot into every .po
    python -m bot.i18n compile   # .po -> .mo (bin/setup runs this)
"""

from __future__ import annotations

import gettext
import sys
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_currency, format_decimal

from .languages import DEFAULT, LANGUAGES  # plain data, so the CLI reads it without babel

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "medguide"



@dataclass(frozen=True)
class Lang:
    """One language: its catalog and its babel locale."""

    code: str
    locale: Locale
    catalog: gettext.NullTranslations

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
        return format_currency(amount, "USD", locale=self.locale)

    def number(self, value: Decimal | int) -> str:
        return format_decimal(value, locale=self.locale)

    def date(self, value: date) -> str:
        return format_date(value, "long", locale=self.locale)

    def short_date(self, value: date) -> str:
        """The way this language writes a date in figures, with a four-digit year (also how answers are read)."""
        pattern = self.locale.date_formats["short"].pattern
        if "yyyy" not in pattern:
            pattern = pattern.replace("yy", "yyyy") if "yy" in pattern else pattern.replace("y", "yyyy")
        return format_date(value, pattern, locale=self.locale)

    def month_day(self, month: int, day: int) -> str:
        return format_skeleton("MMMMd", date(2000, month, day), locale=self.locale)


@lru_cache(maxsize=None)
def lang(code: str = DEFAULT) -> Lang:
    if code not in LANGUAGES:
        raise KeyError(f"unknown language {code!r}; expected one of {', '.join(LANGUAGES)}")
    catalog = gettext.translation(DOMAIN, LOCALES_DIR, languages=[code], fallback=True)
    return Lang(code, Locale.parse(LANGUAGES[code][0]), catalog)


def compile_catalogs() -> int:
    """Compile every locales/<code>/LC_MESSAGES/medguide.po to .mo (fuzzy entries left out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    count = 0
    for po in sorted(LOCALES_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with po.open("rb") as f:
            catalog = read_po(f, locale=po.parent.parent.name)
        with po.with_suffix(".mo").open("wb") as f:
            write_mo(f, catalog, use_fuzzy=False)
        count += 1
    lang.cache_clear()
    return count


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "compile"
    if command == "compile":
        compile_catalogs()
        return 0
    if command in ("extract", "update"):
        from . import catalogs

        return catalogs.extract() if command == "extract" else catalogs.update()
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
