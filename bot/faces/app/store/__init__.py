"""The help desk's sessions: one interface, two backends (SQLite by default, PostgreSQL for many machines).

Every backend keeps the same promises (``tests/test_store.py`` runs one suite against both):

- **Autosave.** :meth:`DeskStore.save` returns only once the change is durable.
- **No silent overwrite.** Every session has a ``version``; a save names the version it was
  based on, and a stale one is refused with :class:`SessionChanged` (carrying what is stored
  now). A session open at another desk (``open_desk``) is not written either: taking it over
  is an explicit :meth:`DeskStore.claim` with ``take_over=True``.
- **Deleted elsewhere** is :class:`SessionGone`, never a crash: the caller still has the data.
- **Faults are values.** Locked, full, damaged, read-only or unreachable storage raises
  :class:`StoreFault` with a ``reason`` code (the app words it); :meth:`DeskStore.list`
  returns what it can read and counts the rows it could not.
- **Who and when.** Each change records the desk that made it (``changes`` table); times are
  UTC in the store, shown in the desk's local time.

The session data is the engine's own JSON (``Engine.save()``); the store's version, code and
desk names live in columns beside it, never inside it.
"""

from __future__ import annotations

from medguide.bot.faces.app.store.base import (
    CODE_ALPHABET,
    DeskStore,
    Listing,
    Saved,
    SessionChanged,
    SessionGone,
    SessionOpen,
    SessionRow,
    SessionUnreadable,
    StoreFault,
    normalize_code,
    shown_code,
)
from medguide.bot.faces.app.store.sqlite import SQLiteStore

Store = SQLiteStore
"""The name the desk has always used for its SQLite store."""


def open_store(database: str, desk: str) -> DeskStore:
    """The store for ``[desk] database``: a PostgreSQL URL, or a SQLite file. Opening never fails:
    a store that cannot be reached says so (:class:`StoreFault`) on each use."""
    from medguide.bot.faces.app.config import is_postgres

    if is_postgres(database):
        from medguide.bot.faces.app.store.postgres import PostgresStore

        return PostgresStore(database, desk=desk)
    return SQLiteStore(database, desk=desk)


__all__ = [
    "CODE_ALPHABET", "DeskStore", "Listing", "SQLiteStore", "Saved", "SessionChanged", "SessionGone", "SessionOpen", "SessionRow",
    "SessionUnreadable",
    "Store", "StoreFault", "normalize_code", "open_store", "shown_code",
]
