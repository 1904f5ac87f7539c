"""The help desk's sessions: one SQLite file, written after every confirmed answer.

``PRAGMA journal_mode=WAL`` lets the list screen read while a session writes;
``synchronous=FULL`` makes each commit durable before it returns, so an answer
the screen has accepted survives ``kill -9`` (and a power cut) of the desk.
Each row holds :meth:`bot.engine.Engine.save` as JSON.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id       TEXT PRIMARY KEY,
    created  TEXT NOT NULL,
    updated  TEXT NOT NULL,
    language TEXT NOT NULL,
    label    TEXT NOT NULL DEFAULT '',
    json     TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class SessionRow:
    id: str
    created: str
    updated: str
    language: str
    label: str
    answers: int
    """How many answers are on the session's path."""
    finished: bool


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Store:
    def __init__(self, path: Path | str, now: Callable[[], datetime] = _now):
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
            os.close(os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600))  # callers' answers: owner only (WAL files follow)
        self._now = now
        self.db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def _stamp(self) -> str:
        return self._now().isoformat(timespec="seconds")

    def new(self, data: dict[str, Any], label: str = "") -> str:
        session = uuid.uuid4().hex[:12]
        stamp = self._stamp()
        with self.db:
            self.db.execute(
                "INSERT INTO sessions (id, created, updated, language, label, json) VALUES (?, ?, ?, ?, ?, ?)",
                (session, stamp, stamp, data.get("language", "en"), label, json.dumps(data, ensure_ascii=False)),
            )
        return session

    def save(self, session: str, data: dict[str, Any]) -> None:
        """Write the session now; when this returns the row is on disk."""
        with self.db:
            cursor = self.db.execute(
                "UPDATE sessions SET updated = ?, language = ?, json = ? WHERE id = ?",
                (self._stamp(), data.get("language", "en"), json.dumps(data, ensure_ascii=False), session),
            )
        if cursor.rowcount == 0:
            raise KeyError(session)

    def relabel(self, session: str, label: str) -> None:
        with self.db:
            self.db.execute("UPDATE sessions SET label = ? WHERE id = ?", (label, session))

    def load(self, session: str) -> dict[str, Any]:
        row = self.db.execute("SELECT json FROM sessions WHERE id = ?", (session,)).fetchone()
        if row is None:
            raise KeyError(session)
        return json.loads(row[0])

    def label(self, session: str) -> str:
        row = self.db.execute("SELECT label FROM sessions WHERE id = ?", (session,)).fetchone()
        return "" if row is None else row[0]

    def delete(self, session: str) -> None:
        with self.db:
            self.db.execute("DELETE FROM sessions WHERE id = ?", (session,))

    def list(self) -> list[SessionRow]:
        """Every session, the most recently touched first."""
        rows = []
        for id_, created, updated, language, label, text in self.db.execute(
            "SELECT id, created, updated, language, label, json FROM sessions ORDER BY updated DESC, created DESC"
        ):
            data = json.loads(text)
            rows.append(SessionRow(id_, created, updated, language, label, len(data.get("trail", [])), data.get("state") == "results"))
        return rows
