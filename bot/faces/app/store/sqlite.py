"""The desk's sessions in one SQLite file (the default: one desk, or a few on one machine or share).

- ``journal_mode=WAL`` lets the list read while a session writes; ``synchronous=FULL`` makes
  each commit durable before it returns, so an answer the screen accepted survives ``kill -9``
  (and a power cut). Writes start with ``BEGIN IMMEDIATE``: the check of the version and the
  write are one step, whichever desk comes second waits (up to ``busy_seconds``) and then sees
  the first one's change.
- ``secure_delete=ON``: a deleted or purged session is overwritten in the file, not just unlinked.
- Owner-only: the file is created 0600 (an existing looser one is tightened, with its WAL
  files), missing directories 0700; a symlink in place of the file is refused.
- A file that cannot be written (read-only disk or directory) is opened read-only, so the
  sessions can still be listed and read; one that cannot be read at all is a fault on each use.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import quote

from medguide.bot.faces.app.store.base import (
    COLUMNS,
    LIST_COLUMNS,
    Result,
    SqlStore,
    StoreFault,
    _Duplicate,
    new_code,
    summary_of,
    utc_now,
    _data,
)

SCHEMA_VERSION = 2
"""``PRAGMA user_version``: 0 or 1 is the first desk's table (six columns), migrated in place."""

TABLE = """
CREATE TABLE IF NOT EXISTS sessions (
    id       TEXT PRIMARY KEY,
    created  TEXT NOT NULL,
    updated  TEXT NOT NULL,
    language TEXT NOT NULL,
    label    TEXT NOT NULL DEFAULT '',
    json     TEXT NOT NULL
)
"""
ADDED = {  # schema 2: the columns beside the engine's JSON
    "version": "INTEGER NOT NULL DEFAULT 1",
    "code": "TEXT",
    "created_by": "TEXT NOT NULL DEFAULT ''",
    "updated_by": "TEXT NOT NULL DEFAULT ''",
    "open_desk": "TEXT",
    "open_since": "TEXT",
    "answers": "INTEGER",
    "finished": "INTEGER",
}
INDEXES = [
    "CREATE UNIQUE INDEX IF NOT EXISTS sessions_code ON sessions (code)",
    "CREATE INDEX IF NOT EXISTS sessions_updated ON sessions (updated)",
    "CREATE TABLE IF NOT EXISTS changes (session TEXT NOT NULL, version INTEGER NOT NULL, desk TEXT NOT NULL, "
    "at TEXT NOT NULL, what TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS changes_session ON changes (session)",
]


def fault_of(exc: BaseException) -> StoreFault:
    """An SQLite or file error as a fault the desk can word; the detail is SQLite's error name, never data."""
    if isinstance(exc, StoreFault):
        return exc
    if isinstance(exc, OSError):
        reason = {errno.EROFS: "read_only", errno.EACCES: "read_only", errno.EPERM: "read_only",
                  errno.ENOSPC: "full", errno.EDQUOT: "full", errno.ELOOP: "read_only"}.get(exc.errno or 0, "failed")
        return StoreFault(reason, errno.errorcode.get(exc.errno or 0, "OSError"))  # type: ignore[arg-type]
    name = getattr(exc, "sqlite_errorname", "") or type(exc).__name__
    text = str(exc).lower()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return StoreFault("locked", name)
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return StoreFault("full", name)
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text or "not a database" in text:
        return StoreFault("damaged", name)
    if name.startswith(("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_CANTOPEN", "SQLITE_AUTH")) or "readonly" in text:
        return StoreFault("read_only", name)
    return StoreFault("failed", name)


class _SqliteDb:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def run(self, sql: str, *params: Any) -> Result:
        try:
            cursor = self.connection.execute(sql, params)
            return Result(cursor.fetchall(), cursor.rowcount)
        except sqlite3.IntegrityError as exc:
            if "UNIQUE" in str(exc):
                raise _Duplicate() from None
            raise fault_of(exc) from None
        except (sqlite3.Error, OSError) as exc:
            raise fault_of(exc) from None


class SQLiteStore(SqlStore):
    def __init__(self, path: Path | str, now: Callable[[], datetime] = utc_now, *, desk: str = "desk",
                 busy_seconds: float = 5.0) -> None:
        super().__init__(desk, now)
        self.path = Path(path)
        self.memory = str(path) == ":memory:"
        self.busy_seconds = busy_seconds
        self.read_only = False
        """True when the file could only be opened for reading (saves are refused as read-only)."""
        self._db: sqlite3.Connection | None = None

    # the connection --------------------------------------------------------
    @property
    def db(self) -> sqlite3.Connection:
        """The open connection (opened on first use; raises :class:`StoreFault` when it cannot be)."""
        if self._db is None:
            try:
                self._db = self._open()
            except (sqlite3.Error, OSError) as exc:
                raise fault_of(exc) from None
        return self._db

    def _open(self) -> sqlite3.Connection:
        if self.memory:
            db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            self._prepare(db)
            return db
        from medguide.bot.faces.app.config import make_private_dir

        make_private_dir(self.path.parent)
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_RDWR | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except OSError as exc:
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM) and self.path.is_file():
                return self._open_read_only()
            raise
        try:
            self._tighten(fd)
        finally:
            os.close(fd)
        for suffix in ("-wal", "-shm"):
            sidecar = self.path.with_name(self.path.name + suffix)
            if sidecar.exists() and not sidecar.is_symlink():
                try:
                    if stat.S_IMODE(sidecar.stat().st_mode) & 0o077 and sidecar.stat().st_uid == os.geteuid():
                        os.chmod(sidecar, 0o600)
                except OSError:
                    pass
        db = sqlite3.connect(str(self.path), timeout=self.busy_seconds, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            self._prepare(db)
        except sqlite3.OperationalError as exc:
            db.close()
            if fault_of(exc).reason == "read_only":
                return self._open_read_only()
            raise
        except BaseException:
            db.close()
            raise
        return db

    def _tighten(self, fd: int) -> None:
        """An existing file that others could read (copied or restored by an admin) becomes owner-only."""
        info = os.fstat(fd)
        if stat.S_IMODE(info.st_mode) & 0o077 and info.st_uid == os.geteuid():
            os.fchmod(fd, 0o600)

    def _open_read_only(self) -> sqlite3.Connection:
        uri = "file:" + quote(str(self.path.resolve()))
        for query in ("?mode=ro", "?mode=ro&immutable=1"):  # immutable: a WAL file whose -shm cannot be made
            db = sqlite3.connect(uri + query, uri=True, timeout=self.busy_seconds, isolation_level=None, check_same_thread=False)
            try:
                db.execute("SELECT count(*) FROM sessions").fetchone()
            except sqlite3.Error:
                db.close()
                continue
            self.read_only = True
            return db
        raise StoreFault("read_only", "SQLITE_CANTOPEN")

    def _prepare(self, db: sqlite3.Connection) -> None:
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA secure_delete=ON")
        if db.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION:
            return
        db.execute("BEGIN IMMEDIATE")  # two desks starting at once: one migrates, the other then sees it done
        try:
            if db.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                self._migrate(db)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _migrate(self, db: sqlite3.Connection) -> None:
        db.execute(TABLE)
        have = {row[1] for row in db.execute("PRAGMA table_info(sessions)")}
        for column, kind in ADDED.items():
            if column not in have:
                db.execute(f"ALTER TABLE sessions ADD COLUMN {column} {kind}")
        for statement in INDEXES:
            db.execute(statement)
        # sessions saved before version 2: a code each, and the list's figures (unreadable rows keep NULL)
        taken = {row[0] for row in db.execute("SELECT code FROM sessions WHERE code IS NOT NULL")}
        for (id_,) in db.execute("SELECT id FROM sessions WHERE code IS NULL").fetchall():
            code = new_code()
            while code in taken:
                code = new_code()
            taken.add(code)
            db.execute("UPDATE sessions SET code = ? WHERE id = ?", (code, id_))
        for id_, text in db.execute("SELECT id, json FROM sessions WHERE answers IS NULL").fetchall():
            data = _data(text)
            try:
                answers, finished = summary_of(data) if data is not None else (None, None)
            except TypeError:
                continue
            db.execute("UPDATE sessions SET answers = ?, finished = ? WHERE id = ?", (answers, finished, id_))
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    # the hooks -------------------------------------------------------------
    @contextmanager
    def _transaction(self, write: bool = True) -> Iterator[_SqliteDb]:
        db = self.db
        if write and self.read_only:
            raise StoreFault("read_only", "SQLITE_READONLY")
        try:
            db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        except (sqlite3.Error, OSError) as exc:
            raise self._broken(exc) from None
        try:
            yield _SqliteDb(db)
            if write:
                db.execute("COMMIT")
            else:
                try:
                    db.execute("ROLLBACK")  # a read: nothing to commit (and after a damaged page COMMIT can fail)
                except sqlite3.Error:
                    self.close()
        except BaseException as exc:
            try:
                if db.in_transaction:
                    db.execute("ROLLBACK")
            except sqlite3.Error:
                self.close()  # a connection that cannot even roll back is opened afresh next time
            if isinstance(exc, (sqlite3.Error, OSError, StoreFault)):
                raise self._broken(exc) from None
            raise

    def _broken(self, exc: BaseException) -> StoreFault:
        fault = fault_of(exc)
        if fault.reason in ("damaged", "read_only", "failed"):
            self.close()  # opened afresh on the next try (the file may have been replaced or repaired)
        return fault

    def _time_param(self, moment: datetime) -> str:
        return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")

    def _salvage(self, db: Any) -> tuple[list[Any], int]:
        """A damaged file: find the sessions' keys by whichever b-tree still reads (the primary-key index,
        else the table's row numbers), then read the rows one at a time, skipping those on broken pages."""
        keys: list[tuple[str, Any]] = []
        for sql, column in (("SELECT id FROM sessions INDEXED BY sqlite_autoindex_sessions_1 ORDER BY id", "id"),
                            ("SELECT rowid FROM sessions", "rowid")):
            try:
                keys = [(column, row[0]) for row in db.run(sql).fetchall()]
                break
            except StoreFault:
                continue
        else:
            try:
                top = db.run("SELECT max(rowid) FROM sessions").fetchone()[0] or 0
            except StoreFault:
                raise StoreFault("damaged", "the sessions table cannot be read") from None
            keys = [("rowid", n) for n in range(1, top + 1)]
        rows, lost = [], 0
        for column, key in keys:
            try:
                row = db.run(f"SELECT {LIST_COLUMNS} FROM sessions WHERE {column} = ?", key).fetchone()
            except StoreFault:
                lost += 1
                continue
            if row is not None:
                rows.append(row)
        return rows, lost


__all__ = ["COLUMNS", "SQLiteStore", "fault_of"]
