"""Who types the answers when it is not the person the session speaks to: plain data, without the engine.

The app's modes name their typist when they are defined, before the engine has loaded (see
``bot/faces/app/loading.py``); :mod:`medguide.bot.guide.engine` reads answers with it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Typist:
    """Who types the answers when it is not the person the session speaks to (desk staff)."""

    language: str
    """Their language: the words read first, and the language of what is asked back."""
    date_order: str | None = None
    """How they write numeric dates ("MDY"); known, so "03/04/2024" is read their way, not asked about."""


STAFF = Typist("en", "MDY")
"""Help-desk staff in the US: English, month-first dates."""
