"""The SQLite file itself: durable and owner-only (D7), secure delete, the first desk's table migrated,
and storage faults (D4 full, D5 damaged, D6 read-only) as faults with every readable session listed."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from medguide.bot.faces.app.store import SessionRow, StoreFault
from medguide.bot.faces.app.store.sqlite import SQLiteStore

from .test_store import data


def test_wal_durable_secure_delete_and_a_5_second_busy_wait(tmp_path: Path):
    store = SQLiteStore(tmp_path / "d.sqlite3", desk="d")
    db = store.db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000  # "locked" only after 5 s
    assert db.execute("PRAGMA user_version").fetchone()[0] == 2


def test_a_deleted_session_is_overwritten_in_the_file(tmp_path: Path):
    path = tmp_path / "d.sqlite3"
    store = SQLiteStore(path, desk="d")
    session = store.new({**data(1), "answers": {"q0": {"value": "yes", "typed": "Zelda-7f3a9 secret"}}}, "Caller Zelda-7f3a9")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert b"Zelda-7f3a9" in path.read_bytes()
    store.delete(session.id)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    assert b"Zelda-7f3a9" not in path.read_bytes()


def test_d7_owner_only_file_tightened_and_private_directories(tmp_path: Path):
    loose = tmp_path / "restored.sqlite3"
    sqlite3.connect(loose).close()
    os.chmod(loose, 0o644)  # copied or restored by an admin
    SQLiteStore(loose, desk="d").list()
    assert os.stat(loose).st_mode & 0o777 == 0o600
    for sidecar in ("-wal", "-shm"):
        found = loose.with_name(loose.name + sidecar)
        assert not found.exists() or os.stat(found).st_mode & 0o777 == 0o600
    old = os.umask(0)
    try:
        deep = tmp_path / "srv" / "medguide" / "desk.sqlite3"
        SQLiteStore(deep, desk="d").new(data(0), "x")
    finally:
        os.umask(old)
    assert [os.stat(p).st_mode & 0o777 for p in (tmp_path / "srv", tmp_path / "srv" / "medguide", deep)] == [0o700, 0o700, 0o600]


def test_d7_a_symlink_in_place_of_the_database_is_refused(tmp_path: Path):
    target = tmp_path / "elsewhere.sqlite3"
    target.write_bytes(b"")
    (tmp_path / "desk.sqlite3").symlink_to(target)
    listing = SQLiteStore(tmp_path / "desk.sqlite3", desk="d").list()
    assert listing.fault is not None and listing.fault.reason == "read_only" and target.read_bytes() == b""


def _legacy(path: Path, rows: list[tuple]) -> None:
    """The first desk's file: six columns, no versions."""
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY, created TEXT NOT NULL, updated TEXT NOT NULL, "
                   "language TEXT NOT NULL, label TEXT NOT NULL DEFAULT '', json TEXT NOT NULL)")
        db.executemany("INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?)", rows)


def test_the_first_desks_file_is_migrated_and_its_bad_row_hides_nothing(tmp_path: Path):
    """D5's reproducer on the old file: one row that is not JSON; every other session is listed."""
    path = tmp_path / "desk.sqlite3"
    _legacy(path, [
        ("a1", "2026-11-20T10:00:00+00:00", "2026-11-20T10:05:00+00:00", "es", "Ana", json.dumps(data(4, "es"))),
        ("x", "2020", "2030", "en", "b", "not json"),
        ("b2", "2026-11-21T09:00:00+00:00", "2026-11-21T09:30:00+00:00", "en", "Bo", json.dumps({**data(19), "state": "results"})),
    ])
    store = SQLiteStore(path, desk="d")
    listing = store.list()
    assert [(r.id, r.label, r.answers, r.finished, r.version) for r in listing.rows] == [("b2", "Bo", 19, True, 1), ("a1", "Ana", 4, False, 1)]
    assert listing.unreadable == 1 and listing.fault is None
    assert all(len(r.code) == 6 for r in listing.rows)
    assert store.load("a1").data == data(4, "es")
    assert store.save("a1", data(5, "es"), 1).version == 2  # and the old session goes on being saved


def test_d5_a_file_that_is_not_a_database_is_a_fault(tmp_path: Path):
    path = tmp_path / "desk.sqlite3"
    path.write_bytes(os.urandom(8192))
    store = SQLiteStore(path, desk="d")
    listing = store.list()
    assert listing.rows == [] and listing.fault is not None and listing.fault.reason == "damaged"
    with pytest.raises(StoreFault) as fault:
        store.new(data(0), "x")
    assert fault.value.reason == "damaged"


def test_d5_a_damaged_page_loses_only_the_sessions_on_it(tmp_path: Path):
    path = tmp_path / "desk.sqlite3"
    store = SQLiteStore(path, desk="d")
    made = [store.new({**data(12), "pad": "x" * 900}, f"caller {n}") for n in range(300)]
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    page_size = 4096
    raw = bytearray(path.read_bytes())
    with sqlite3.connect(path) as db:
        root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'sessions'").fetchone()[0]
    leaves = [n for n in range(2, len(raw) // page_size) if n != root and raw[(n - 1) * page_size] == 0x0D]
    victim = leaves[len(leaves) // 2]  # a leaf of some table, in the middle of the file
    raw[(victim - 1) * page_size + 8:(victim - 1) * page_size + page_size] = os.urandom(page_size - 8)
    path.write_bytes(bytes(raw))
    listing = SQLiteStore(path, desk="d").list()
    assert listing.fault is None or listing.fault.reason == "damaged"
    assert 290 <= len(listing.rows) <= 300 and all(isinstance(r, SessionRow) for r in listing.rows)
    assert {r.id for r in listing.rows} <= {s.id for s in made}


@contextlib.contextmanager
def small_filesystem(tmp_path: Path, size: str):
    """A tmpfs of ``size`` when this machine lets us mount one (root); else None."""
    mount = tmp_path / "fs"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        yield None
        return
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_d4_a_full_disk_is_a_fault_and_the_answers_already_saved_stay(tmp_path: Path):
    with small_filesystem(tmp_path, "200k") as mount:
        if mount is not None:
            store = SQLiteStore(mount / "desk.sqlite3", desk="d")  # a real full filesystem
        else:  # no mount here: SQLite's own page limit gives the same SQLITE_FULL error
            store = SQLiteStore(tmp_path / "desk.sqlite3", desk="d")
            store.db.execute("PRAGMA max_page_count = 40")
        session = store.new(data(5), "full")
        version = session.version
        with pytest.raises(StoreFault) as fault:
            for n in range(10_000):
                version = store.save(session.id, {**data(5), "pad": os.urandom(2000).hex() * (n + 1)}, version).version
        assert fault.value.reason == "full" and fault.value.detail.startswith("SQLITE_FULL")
        kept = store.load(session.id)
        assert kept.version == version and kept.data["trail"] == data(5)["trail"]
        assert store.list().fault is None  # reading still works


def test_d6_read_only_storage_lists_and_opens_but_refuses_to_save(tmp_path: Path):
    with small_filesystem(tmp_path, "1m") as mount:
        where = mount if mount is not None else tmp_path / "ro"
        where.mkdir(exist_ok=True)
        store = SQLiteStore(where / "desk.sqlite3", desk="d")
        session = store.new(data(3), "read only")
        store.close()
        if mount is not None:
            subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        elif os.geteuid() != 0:
            os.chmod(where / "desk.sqlite3", 0o400)
            os.chmod(where, 0o500)
        else:
            pytest.fail("as root without mount there is no read-only place to test in")
        try:
            store = SQLiteStore(where / "desk.sqlite3", desk="d")
            listing = store.list()
            assert [r.id for r in listing.rows] == [session.id] and listing.fault is None
            assert store.load(session.id).data == data(3)
            with pytest.raises(StoreFault) as fault:
                store.save(session.id, data(4), session.version)
            assert fault.value.reason == "read_only"
            with pytest.raises(StoreFault):
                store.new(data(0), "x")
        finally:
            if mount is None:
                os.chmod(where, 0o700)
