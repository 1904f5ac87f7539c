"""Numbers of the law inside sentences: filled per language from the dated parameters, never written in a msgid.

A sentence that states a legal number carries a placeholder (``{rate}``) and is filled here
with the value in force on a given date, written the way the language writes it ("5%",
"5 %"). A dated change in ``medguide.rules.parameters`` rewords itself in every language, and
no catalog holds a bare "5%" that gettext tools would take for a printf format.
"""

from __future__ import annotations

from datetime import date

from medguide.rules.parameters import (CA_REIMBURSE_DAYS, REASONABLE_COST_RATE, UT_OPERATION_OF_LAW_FROM,
                                       UT_PREVIOUS_VERIFICATION_DAYS, UT_RETRO_REQUEST_DAYS, UT_VERIFICATION_DUE,
                                       UT_VERIFICATION_EARLIEST, UT_VOLUNTARY_CREDIT_FROM)

from medguide.bot.words.i18n import Lang


def law_numbers(lang: Lang, when: date) -> dict[str, str]:
    """Every placeholder a flow or glossary sentence may hold, filled for ``when``."""
    return {
        "rate": lang.percent(REASONABLE_COST_RATE.at(when)),
        "law_from": lang.date(UT_OPERATION_OF_LAW_FROM.at(when)),
        "voluntary_from": lang.date(UT_VOLUNTARY_CREDIT_FROM.at(when)),
        "retro_days": lang.number(UT_RETRO_REQUEST_DAYS.at(when)),
        "reimburse_days": lang.number(CA_REIMBURSE_DAYS.at(when)),
        "verification_due": lang.month_day(*UT_VERIFICATION_DUE.at(when)),
        "verification_opens": lang.month_day(*UT_VERIFICATION_EARLIEST.at(when)),
        "letter_days": lang.number(UT_PREVIOUS_VERIFICATION_DAYS.at(when)),
    }


def with_law_numbers(text: str, lang: Lang, when: date) -> str:
    """``text`` (already in ``lang``) with its law placeholders filled; other braces are left as they are."""
    if "{" not in text:
        return text
    for name, value in law_numbers(lang, when).items():
        text = text.replace("{" + name + "}", value)
    return text
