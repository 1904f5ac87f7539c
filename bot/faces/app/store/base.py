"""What every desk store is: the records, the refusals and faults, session codes, and the shared SQL.

A backend (:mod:`.sqlite`, :mod:`.postgres`) supplies a connection, a transaction and its
placeholders; :class:`SqlStore` holds the logic both run, so they cannot drift apart.
"""

from __future__ import annotations

import json
import secrets
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Iterator, Literal, Protocol

FaultReason = Literal["locked", "full", "damaged", "read_only", "unreachable", "failed"]

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Session codes use digits and capitals that cannot be mistaken for one another when read
over the phone: no 0 or O, no 1, I or L, no U (heard as "you")."""
CODE_LENGTH = 6


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def shown_code(code: str) -> str:
    """``K7M4QX`` as staff read it: ``K7M-4QX``."""
    return f"{code[:3]}-{code[3:]}" if len(code) == CODE_LENGTH else code


def normalize_code(text: str) -> str | None:
    """What staff typed (any case, with spaces or a dash) as a stored code; None when it cannot be one."""
    code = "".join(ch for ch in text.upper() if ch not in " -._\t")
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


# ---------------------------------------------------------------- records
@dataclass(frozen=True)
class Saved:
    """A session as stored now: its data and everything the store keeps beside it."""

    id: str
    code: str
    version: int
    """Counts the changes; a save names the version it was based on."""
    label: str
    language: str
    created: datetime
    updated: datetime
    updated_by: str
    """The desk that made the last change."""
    open_desk: str | None
    """The desk that has the session open (None: no desk)."""
    open_since: datetime | None
    data: dict[str, Any] | None
    """``Engine.save()`` as stored; None when the stored text cannot be read."""


@dataclass(frozen=True)
class SessionRow:
    """One line of the sessions list."""

    id: str
    code: str
    version: int
    label: str
    language: str
    created: datetime
    updated: datetime
    updated_by: str
    open_desk: str | None
    open_since: datetime | None
    answers: int
    """How many answers are on the session's path."""
    finished: bool


@dataclass(frozen=True)
class Listing:
    rows: list[SessionRow]
    unreadable: int = 0
    """Rows that exist but could not be read (not listed)."""
    fault: StoreFault | None = None
    """Set when the store could be read only in part, or not at all."""


@dataclass(frozen=True)
class Change:
    version: int
    desk: str
    at: datetime
    what: str
    """"new", "save", "take over", "label"."""


# ---------------------------------------------------------------- refusals and faults
class StoreFault(Exception):
    """The storage failed (locked, full, damaged, read-only, unreachable): nothing was written.

    ``detail`` is the database's own short reason (an SQLite error name or a PostgreSQL
    SQLSTATE), never the data that was being written.
    """

    def __init__(self, reason: FaultReason, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason: FaultReason = reason
        self.detail = detail


class SessionGone(Exception):
    """The session is no longer in the store (deleted at another desk, or purged)."""


class SessionChanged(Exception):
    """A save based on an older version, or on a session another desk has open: refused. ``current`` is what is stored."""

    def __init__(self, current: Saved) -> None:
        super().__init__(current.id)
        self.current = current


class SessionOpen(Exception):
    """The session is open at another desk; :meth:`DeskStore.claim` with ``take_over=True`` takes it."""

    def __init__(self, current: Saved) -> None:
        super().__init__(current.id)
        self.current = current


class SessionUnreadable(Exception):
    """The session's stored data cannot be read (damaged, or written by something else)."""


# ---------------------------------------------------------------- the interface
class DeskStore(Protocol):
    desk: str
    """This desk's name, recorded with each change."""

    def new(self, data: dict[str, Any], label: str = "") -> Saved: ...
    def load(self, session: str) -> Saved: ...
    def find(self, code: str) -> Saved | None: ...
    def save(self, session: str, data: dict[str, Any], version: int) -> Saved: ...
    def claim(self, session: str, take_over: bool = False) -> Saved: ...
    def release(self, session: str) -> None: ...
    def delete(self, session: str) -> None: ...
    def list(self) -> Listing: ...
    def purge(self, days: int) -> int: ...
    def history(self, session: str) -> list[Change]: ...
    def close(self) -> None: ...


# ---------------------------------------------------------------- the shared SQL
COLUMNS = "id, code, version, label, language, created, updated, updated_by, open_desk, open_since, json"
LIST_COLUMNS = ("id, code, version, label, language, created, updated, updated_by, open_desk, open_since, answers, finished, "
                "CASE WHEN answers IS NULL THEN json END")


def summary_of(data: dict[str, Any]) -> tuple[int, bool]:
    """(answers on the path, finished) of an engine's saved data."""
    trail = data.get("trail", [])
    if not isinstance(trail, list):
        raise TypeError("trail is not a list")
    return len(trail), data.get("state") == "results"


def _data(text: Any) -> dict[str, Any] | None:
    try:
        data = json.loads(text)
    except (TypeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


class Db(Protocol):
    def run(self, sql: str, *params: Any) -> Result: ...


class Result:
    """A statement's rows, read in full inside the backend's error handling (a damaged page fails here, not later)."""

    def __init__(self, rows: list[Any], rowcount: int) -> None:
        self.rows = rows
        self.rowcount = rowcount

    def fetchone(self) -> Any:
        return self.rows[0] if self.rows else None

    def fetchall(self) -> list[Any]:
        return self.rows


class SqlStore:
    """The store's logic on any SQL backend. Subclasses give :meth:`_transaction`, time conversion and table names."""

    sessions_table = "sessions"
    changes_table = "changes"

    def __init__(self, desk: str, now: Callable[[], datetime] = utc_now) -> None:
        self.desk = desk
        self._now = now

    # hooks ----------------------------------------------------------------
    @contextmanager
    def _transaction(self, write: bool = True) -> Iterator[Db]:  # pragma: no cover - abstract
        raise NotImplementedError
        yield

    def _time_param(self, moment: datetime) -> Any:
        return moment

    def _time_value(self, value: Any) -> datetime:
        if isinstance(value, datetime):
            return value
        moment = datetime.fromisoformat(value)
        return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)

    def _salvage(self, db: Db) -> tuple[list[Any], int]:
        """Rows read one by one after the list query failed: (rows, how many could not be read)."""
        raise StoreFault("damaged", "the sessions table cannot be read")

    def _is_duplicate(self, exc: Exception) -> bool:
        return False

    # the operations --------------------------------------------------------
    def _sql(self, text: str) -> str:
        return text.format(S=self.sessions_table, C=self.changes_table)

    def _saved(self, row: Any) -> Saved:
        id_, code, version, label, language, created, updated, updated_by, open_desk, open_since, text = row
        return Saved(
            id=id_, code=code or "", version=int(version), label=label or "", language=language,
            created=self._time_value(created), updated=self._time_value(updated), updated_by=updated_by or "",
            open_desk=open_desk or None, open_since=self._time_value(open_since) if open_since else None, data=_data(text),
        )

    def _current(self, db: Db, session: str, lock: bool = False) -> Saved | None:
        row = db.run(self._sql(f"SELECT {COLUMNS} FROM {{S}} WHERE id = ?" + (self._for_update if lock else "")), session).fetchone()
        return None if row is None else self._saved(row)

    _for_update = ""

    def _record(self, db: Db, session: str, version: int, when: datetime, what: str) -> None:
        db.run(self._sql("INSERT INTO {C} (session, version, desk, at, what) VALUES (?, ?, ?, ?, ?)"),
               session, version, self.desk, self._time_param(when), what)

    def new(self, data: dict[str, Any], label: str = "") -> Saved:
        """A new session, open at this desk, with a fresh code."""
        answers, finished = summary_of(data)
        text = json.dumps(data, ensure_ascii=False)
        language = str(data.get("language", "en"))
        for _attempt in range(50):
            session, code, now = uuid.uuid4().hex[:12], new_code(), self._now()
            try:
                with self._transaction() as db:
                    db.run(self._sql(
                        "INSERT INTO {S} (id, code, version, label, language, created, updated, created_by, updated_by, "
                        "open_desk, open_since, json, answers, finished) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                        session, code, label, language, self._time_param(now), self._time_param(now), self.desk, self.desk,
                        self.desk, self._time_param(now), text, answers, finished)
                    self._record(db, session, 1, now, "new")
            except _Duplicate:
                continue  # the code (or id) is taken: draw again
            return Saved(session, code, 1, label, language, now, now, self.desk, self.desk, now, data)
        raise StoreFault("failed", "no free session code")

    def load(self, session: str) -> Saved:
        with self._transaction(write=False) as db:
            saved = self._current(db, session)
        if saved is None:
            raise SessionGone(session)
        return saved

    def find(self, code: str) -> Saved | None:
        """The session with this code (as staff typed it), or None."""
        normal = normalize_code(code)
        if normal is None:
            return None
        with self._transaction(write=False) as db:
            row = db.run(self._sql(f"SELECT {COLUMNS} FROM {{S}} WHERE code = ?"), normal).fetchone()
        return None if row is None else self._saved(row)

    def save(self, session: str, data: dict[str, Any], version: int) -> Saved:
        """Write the session if it is still at ``version`` and no other desk has it open; durable when this returns."""
        answers, finished = summary_of(data)
        text = json.dumps(data, ensure_ascii=False)
        now = self._now()
        with self._transaction() as db:
            current = self._current(db, session, lock=True)
            if current is None:
                raise SessionGone(session)
            if current.version != version or current.open_desk not in (None, self.desk):
                raise SessionChanged(current)
            db.run(self._sql(
                "UPDATE {S} SET json = ?, language = ?, answers = ?, finished = ?, updated = ?, updated_by = ?, "
                "version = ?, open_desk = ?, open_since = ? WHERE id = ?"),
                text, str(data.get("language", "en")), answers, finished, self._time_param(now), self.desk, version + 1,
                self.desk, self._time_param(current.open_since or now), session)
            self._record(db, session, version + 1, now, "save")
        return replace(current, version=version + 1, language=str(data.get("language", "en")), updated=now,
                       updated_by=self.desk, open_desk=self.desk, open_since=current.open_since or now, data=data)

    def claim(self, session: str, take_over: bool = False) -> Saved:
        """Open the session at this desk. Open at another desk: :class:`SessionOpen`, unless ``take_over``."""
        now = self._now()
        with self._transaction() as db:
            current = self._current(db, session, lock=True)
            if current is None:
                raise SessionGone(session)
            elsewhere = current.open_desk not in (None, self.desk)
            if elsewhere and not take_over:
                raise SessionOpen(current)
            db.run(self._sql("UPDATE {S} SET open_desk = ?, open_since = ? WHERE id = ?"), self.desk, self._time_param(now), session)
            if elsewhere:
                self._record(db, session, current.version, now, "take over")
        return replace(current, open_desk=self.desk, open_since=now)

    def release(self, session: str) -> None:
        """This desk no longer has the session open (nothing happens if another desk took it over)."""
        with self._transaction() as db:
            db.run(self._sql("UPDATE {S} SET open_desk = NULL, open_since = NULL WHERE id = ? AND open_desk = ?"), session, self.desk)

    def relabel(self, session: str, label: str) -> None:
        now = self._now()
        with self._transaction() as db:
            current = self._current(db, session, lock=True)
            if current is None:
                raise SessionGone(session)
            db.run(self._sql("UPDATE {S} SET label = ?, version = ?, updated = ?, updated_by = ? WHERE id = ?"),
                   label, current.version + 1, self._time_param(now), self.desk, session)
            self._record(db, session, current.version + 1, now, "label")

    def label(self, session: str) -> str:
        try:
            return self.load(session).label
        except SessionGone:
            return ""

    def delete(self, session: str) -> None:
        with self._transaction() as db:
            db.run(self._sql("DELETE FROM {C} WHERE session = ?"), session)
            db.run(self._sql("DELETE FROM {S} WHERE id = ?"), session)

    def purge(self, days: int) -> int:
        """Delete the sessions nobody has changed for ``days`` days; returns how many."""
        cutoff = self._time_param(self._now() - timedelta(days=days))
        with self._transaction() as db:
            db.run(self._sql("DELETE FROM {C} WHERE session IN (SELECT id FROM {S} WHERE updated < ?)"), cutoff)
            return int(db.run(self._sql("DELETE FROM {S} WHERE updated < ?"), cutoff).rowcount or 0)

    def history(self, session: str) -> list[Change]:
        with self._transaction(write=False) as db:
            rows = db.run(self._sql("SELECT version, desk, at, what FROM {C} WHERE session = ? ORDER BY at, version"), session).fetchall()
        return [Change(int(v), d, self._time_value(at), w) for v, d, at, w in rows]

    def list(self) -> Listing:
        """Every session that can be read, the most recently changed first; the others are counted."""
        fault: StoreFault | None = None
        try:
            with self._transaction(write=False) as db:
                try:
                    raw = db.run(self._sql(f"SELECT {LIST_COLUMNS} FROM {{S}} ORDER BY updated DESC, created DESC")).fetchall()
                    unreadable = 0
                except StoreFault as exc:
                    if exc.reason != "damaged":
                        raise
                    raw, unreadable = self._salvage(db)
                    fault = exc
        except StoreFault as exc:
            return Listing([], 0, exc)
        rows = []
        for entry in raw:
            try:
                rows.append(self._row(entry))
            except (TypeError, ValueError, AttributeError, KeyError):
                unreadable += 1
        rows.sort(key=lambda r: r.updated, reverse=True)
        return Listing(rows, unreadable, fault)

    def _row(self, entry: Any) -> SessionRow:
        id_, code, version, label, language, created, updated, updated_by, open_desk, open_since, answers, finished, text = entry
        if answers is None:  # a row written before these columns existed, or by hand
            data = _data(text)
            if data is None:
                raise ValueError("unreadable session data")
            answers, finished = summary_of(data)
        if not isinstance(id_, str) or not isinstance(language, str):
            raise TypeError("bad row")
        return SessionRow(
            id=id_, code=code or "", version=int(version), label=str(label or ""), language=language,
            created=self._time_value(created), updated=self._time_value(updated), updated_by=updated_by or "",
            open_desk=open_desk or None, open_since=self._time_value(open_since) if open_since else None,
            answers=int(answers), finished=bool(finished),
        )

    def close(self) -> None:  # pragma: no cover - backends close their connection
        pass


class _Duplicate(Exception):
    """A unique key was taken (a session code drawn twice): draw again."""
