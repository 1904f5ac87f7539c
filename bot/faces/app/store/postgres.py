"""The desk's sessions in PostgreSQL, for a help desk whose staff sit at several machines.

``[desk] database = "postgresql://user@host/dbname"`` (any libpq URL: ``?host=/run/postgresql``
for a Unix socket, ``sslmode=require``, a password from ``~/.pgpass``). Needs the optional
driver: ``pip install 'medguide[postgres]'`` (psycopg 3).

The tables are ``medguide_sessions`` and ``medguide_changes`` (so a shared database can hold
them beside others' tables); they are created on first use. Each save is one transaction
that locks the session's row (``SELECT ... FOR UPDATE``), checks its version and writes it:
two desks saving the same session at once are served one after the other, and the second is
refused as stale. A lock held for more than ``lock_timeout`` (5 s) is a ``locked`` fault,
and a lost connection is opened again on the next use.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime
from typing import Any, Callable, Iterator

from medguide.bot.faces.app.store.base import Result, SqlStore, StoreFault, _Duplicate, utc_now

SCHEMA = [
    "CREATE TABLE IF NOT EXISTS medguide_sessions ("
    " id text PRIMARY KEY, code text NOT NULL UNIQUE, version integer NOT NULL,"
    " label text NOT NULL DEFAULT '', language text NOT NULL,"
    " created timestamptz NOT NULL, updated timestamptz NOT NULL,"
    " created_by text NOT NULL DEFAULT '', updated_by text NOT NULL DEFAULT '',"
    " open_desk text, open_since timestamptz, json text NOT NULL, answers integer, finished boolean)",
    "CREATE INDEX IF NOT EXISTS medguide_sessions_updated ON medguide_sessions (updated)",
    "CREATE TABLE IF NOT EXISTS medguide_changes ("
    " session text NOT NULL, version integer NOT NULL, desk text NOT NULL, at timestamptz NOT NULL, what text NOT NULL)",
    "CREATE INDEX IF NOT EXISTS medguide_changes_session ON medguide_changes (session)",
]
SCHEMA_LOCK = 0x6D656467  # pg_advisory_xact_lock key: two desks starting at once create the tables once


def fault_of(exc: BaseException) -> StoreFault:
    """A psycopg error as a fault; the detail is the SQLSTATE (or the class name), never data or SQL."""
    if isinstance(exc, StoreFault):
        return exc
    state = getattr(exc, "sqlstate", None) or ""
    name = state or type(exc).__name__
    if state in ("55P03", "57014", "40P01"):  # lock_not_available, query_canceled (statement_timeout), deadlock
        return StoreFault("locked", name)
    if state.startswith("53"):  # insufficient resources: disk full, out of memory, too many connections
        return StoreFault("full" if state == "53100" else "unreachable", name)
    if state in ("25006", "42501") or state.startswith("28"):  # read-only transaction, no privilege, auth
        return StoreFault("read_only", name)
    if state.startswith("XX"):
        return StoreFault("damaged", name)
    if state.startswith(("08", "57P")) or type(exc).__name__ in ("OperationalError", "InterfaceError"):
        return StoreFault("unreachable", name)
    return StoreFault("failed", name)


class _PgDb:
    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def run(self, sql: str, *params: Any) -> Any:
        import psycopg

        try:
            cursor = self.connection.execute(sql.replace("?", "%s"), params)
            return Result(cursor.fetchall() if cursor.description else [], cursor.rowcount)
        except psycopg.errors.UniqueViolation:
            raise _Duplicate() from None
        except psycopg.Error as exc:
            raise fault_of(exc) from None


class PostgresStore(SqlStore):
    sessions_table = "medguide_sessions"
    changes_table = "medguide_changes"
    _for_update = " FOR UPDATE"

    def __init__(self, dsn: str, now: Callable[[], datetime] = utc_now, *, desk: str = "desk",
                 lock_seconds: float = 5.0, connect_seconds: int = 5) -> None:
        super().__init__(desk, now)
        self.dsn = dsn
        self.lock_seconds = lock_seconds
        self.connect_seconds = connect_seconds
        self._connection: Any = None

    @property
    def connection(self) -> Any:
        """The open connection (opened again after it was lost; raises :class:`StoreFault`)."""
        if self._connection is not None and (self._connection.closed or self._connection.broken):
            self.close()
        if self._connection is None:
            try:
                import psycopg
            except ImportError:
                raise StoreFault("unreachable", "psycopg is not installed: pip install 'medguide[postgres]'") from None
            from psycopg.conninfo import conninfo_to_dict

            try:
                given = conninfo_to_dict(self.dsn)
                timeouts = f"-c lock_timeout={int(self.lock_seconds * 1000)} -c statement_timeout={int(self.lock_seconds * 6000)}"
                connection = psycopg.connect(
                    self.dsn, autocommit=True, connect_timeout=given.get("connect_timeout", self.connect_seconds),
                    application_name=given.get("application_name", "medguide desk"),
                    options=f"{given.get('options', '')} {timeouts}".strip(),  # the URL's own options (a search_path) stay
                )
            except psycopg.Error as exc:
                raise fault_of(exc) from None
            try:
                with connection.transaction():
                    connection.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
                    for statement in SCHEMA:
                        connection.execute(statement)
            except psycopg.Error as exc:
                connection.close()
                raise fault_of(exc) from None
            self._connection = connection
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.close()
            finally:
                self._connection = None

    @contextmanager
    def _transaction(self, write: bool = True) -> Iterator[_PgDb]:
        import psycopg

        connection = self.connection
        try:
            with connection.transaction():
                yield _PgDb(connection)
        except psycopg.Error as exc:  # the commit itself failed
            fault = fault_of(exc)
            if fault.reason == "unreachable":
                self.close()
            raise fault from None
        except StoreFault as fault:
            if fault.reason == "unreachable":
                self.close()
            raise


__all__ = ["PostgresStore", "fault_of"]
