"""Deadlines as an iCalendar file (RFC 5545) through the ``icalendar`` library: one all-day event per dated step
not yet passed, each with a reminder a week before and a day before.

The event says the step in the person's language, with the English under it for whoever helps them.
UIDs are made from the step and its day, so saving the file again updates the same events.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from medguide.bot.guide.explain import explain_session
from medguide.bot.guide.takeaway import upcoming
from medguide.bot.words.i18n import lang as get_lang

if TYPE_CHECKING:
    from medguide.bot.guide.engine import Engine

REMINDERS = (timedelta(days=7), timedelta(days=1))


def calendar_events(engine: "Engine") -> list[tuple[object, str, str]]:
    """(day, words in the person's language, English words) for every dated step not passed, soonest first."""
    mine = upcoming(explain_session(engine, engine.lang))
    english = {}
    if engine.lang.code != "en":
        for d, index in upcoming(explain_session(engine, get_lang("en"))):
            english.setdefault((index, d.on, getattr(d.said, "key", "")), str(d.said))
    return [(d.on, str(d.said), english.get((i, d.on, getattr(d.said, "key", "")), "")) for d, i in mine]


def calendar_ics(engine: "Engine", *, now: datetime | None = None) -> bytes:
    """The iCalendar file's bytes (an empty calendar when nothing is dated)."""
    from icalendar import Alarm, Calendar, Event

    stamp = now or datetime.now(timezone.utc)
    cal = Calendar()
    cal.add("prodid", "-//medguide//deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    for day, words, english in calendar_events(engine):
        event = Event()
        uid = hashlib.sha256(f"{day.isoformat()}|{english or words}".encode()).hexdigest()[:32]
        event.add("uid", f"{uid}@medguide")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", words)
        event.add("description", f"{words}\n\n{english}" if english and english != words else words)
        event.add("transp", "TRANSPARENT")
        for before in REMINDERS:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", words)
            alarm.add("trigger", -before)
            event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()


def event_text(day, words: str) -> str:
    """One deadline as a bare VEVENT, small enough for a phone's QR reader to offer "add to calendar"."""
    from icalendar import Event

    event = Event()
    event.add("summary", words)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    return event.to_ical().decode("utf-8").replace("\r\n", "\n").strip()
