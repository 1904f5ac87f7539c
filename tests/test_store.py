"""The desk store's promises, run against both backends: SQLite and a real PostgreSQL server.

Each test gets one empty database (a SQLite file, or a fresh PostgreSQL schema) and opens it
as one or more desks: two ``Store`` objects on one database are two desks.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest

from medguide.bot.faces.app.store import (
    CODE_ALPHABET,
    SessionChanged,
    SessionGone,
    StoreFault,
    normalize_code,
    shown_code,
)
from medguide.bot.faces.app.store.base import SessionOpen
from medguide.bot.faces.app.store.postgres import PostgresStore
from medguide.bot.faces.app.store.sqlite import SQLiteStore


def data(answers: int, language: str = "en", state: str = "q") -> dict:
    trail = [f"q{i}" for i in range(answers)]
    return {"format": "medguide.session", "version": 1, "language": language, "state": state, "trail": trail,
            "answers": {q: {"value": "yes", "typed": f"typed {q}"} for q in trail}, "draft": "", "resuming": False}


@pytest.fixture(params=["sqlite", "postgres"])
def desks(request, tmp_path):
    """``desks("desk-a")``: a store on this test's one database, as the named desk."""
    made = []
    if request.param == "sqlite":
        path = tmp_path / "desk.sqlite3"

        def make(name: str = "desk-a", **kw):
            made.append(SQLiteStore(path, desk=name, **kw))
            return made[-1]

        make.raw = lambda sql, *params: _sqlite_raw(path, sql, params)  # type: ignore[attr-defined]
    else:
        server = request.getfixturevalue("postgres_server")
        schema = server.new_schema()

        def make(name: str = "desk-a", **kw):
            made.append(PostgresStore(server.dsn(schema), desk=name, **kw))
            return made[-1]

        make.raw = lambda sql, *params: server.sql(sql.replace("{S}", "medguide_sessions").replace("?", "%s"), schema, params)  # type: ignore[attr-defined]
    make.backend = request.param  # type: ignore[attr-defined]
    if request.param == "sqlite":
        make.raw_sql = lambda sql: sql.replace("{S}", "sessions")  # type: ignore[attr-defined]
    yield make
    for store in made:
        store.close()


def _sqlite_raw(path, sql, params):
    import sqlite3

    with sqlite3.connect(path) as db:
        return db.execute(sql.replace("{S}", "sessions"), params).fetchall()


def test_new_save_load_list_delete(desks):
    a = desks("desk-a")
    first = a.new(data(0, "es"), "Ana, case 42")
    assert (first.version, first.open_desk, first.updated_by, first.label) == (1, "desk-a", "desk-a", "Ana, case 42")
    assert len(first.code) == 6 and set(first.code) <= set(CODE_ALPHABET)
    saved = a.save(first.id, data(3, "vi"), 1)
    assert saved.version == 2 and saved.updated >= first.updated
    loaded = a.load(first.id)
    assert loaded.data == data(3, "vi") and loaded.version == 2 and loaded.language == "vi" and loaded.code == first.code
    assert loaded.updated.tzinfo is not None and loaded.updated.utcoffset() == timedelta(0)
    second = a.new(data(0), "")
    a.save(second.id, {**data(5), "state": "results"}, 1)
    listing = a.list()
    assert [(r.id, r.answers, r.finished, r.language) for r in listing.rows] == [(second.id, 5, True, "en"), (first.id, 3, False, "vi")]
    assert listing.unreadable == 0 and listing.fault is None
    a.delete(first.id)
    assert [r.id for r in a.list().rows] == [second.id]
    with pytest.raises(SessionGone):
        a.load(first.id)


def test_d1_a_stale_save_is_refused_and_nothing_is_lost(desks):
    """D1: desk A answers 5, desk B reads the session, A answers 5 more, B saves its older copy: refused."""
    a, b = desks("desk-a"), desks("desk-b")
    session = a.new(data(0), "caller")
    version = session.version
    for n in range(1, 6):
        version = a.save(session.id, data(n), version).version
    b_copy = b.load(session.id)
    for n in range(6, 11):
        version = a.save(session.id, data(n), version).version
    with pytest.raises(SessionChanged) as refused:
        b.save(session.id, {**b_copy.data, "language": "es"}, b_copy.version)
    current = refused.value.current
    assert (current.version, current.updated_by, len(current.data["trail"])) == (11, "desk-a", 10)
    assert a.load(session.id).data == data(10)  # every confirmed answer is there
    # with the current version B is still refused while the session is open at A
    with pytest.raises(SessionChanged) as refused:
        b.save(session.id, {**current.data, "language": "es"}, current.version)
    assert refused.value.current.open_desk == "desk-a"
    assert a.load(session.id).data["language"] == "en"


def test_open_at_another_desk_and_an_explicit_take_over(desks):
    a, b = desks("desk-a"), desks("desk-b")
    session = a.new(data(2), "caller")
    with pytest.raises(SessionOpen) as open_:
        b.claim(session.id)
    assert open_.value.current.open_desk == "desk-a" and open_.value.current.open_since == session.open_since
    taken = b.claim(session.id, take_over=True)
    assert taken.open_desk == "desk-b" and taken.open_since >= session.open_since
    with pytest.raises(SessionChanged) as refused:  # A no longer writes it
        a.save(session.id, data(3), session.version)
    assert refused.value.current.open_desk == "desk-b"
    b.save(session.id, data(4), taken.version)
    b.release(session.id)
    assert a.load(session.id).open_desk is None
    a.claim(session.id)  # free again: no take-over needed
    assert [(c.desk, c.what) for c in a.history(session.id)] == [("desk-a", "new"), ("desk-b", "take over"), ("desk-b", "save")]


def test_d2_deleted_at_another_desk_is_gone_not_a_crash(desks):
    a, b = desks("desk-a"), desks("desk-b")
    session = a.new(data(3), "caller")
    b.delete(session.id)
    with pytest.raises(SessionGone):
        a.save(session.id, data(4), session.version)
    again = a.new(data(4), "caller")  # saved as a new session: nothing typed is lost
    assert a.load(again.id).data == data(4) and again.code != session.code


def test_each_change_records_its_desk(desks):
    a, b = desks("desk-a"), desks("front-2")
    session = a.new(data(0), "x")
    v = a.save(session.id, data(1), 1).version
    a.release(session.id)
    b.claim(session.id)
    b.save(session.id, data(2), v)
    assert [(c.version, c.desk, c.what) for c in b.history(session.id)] == [(1, "desk-a", "new"), (2, "desk-a", "save"), (3, "front-2", "save")]
    assert b.load(session.id).updated_by == "front-2"


def test_two_desks_saving_one_session_at_the_same_moment_one_wins(desks):
    a = desks("desk-a")
    session = a.new(data(0), "race")
    a.release(session.id)
    stores = [desks(f"desk-{i}") for i in range(2)]
    for round_ in range(10):
        version = a.load(session.id).version
        results: list[str] = []
        gate = threading.Barrier(2)

        def save(store, n):
            gate.wait()
            try:
                store.save(session.id, data(n), version)
                results.append("saved")
            except SessionChanged:
                results.append("refused")

        threads = [threading.Thread(target=save, args=(s, round_ + i)) for i, s in enumerate(stores)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(results) == ["refused", "saved"], results
        for s in stores:
            s.release(session.id)
    assert a.load(session.id).version == 11


def test_session_codes_read_over_the_phone(desks):
    a = desks("desk-a")
    made = [a.new(data(0), f"c{i}") for i in range(100)]
    assert len({s.code for s in made}) == 100
    assert not set("".join(s.code for s in made)) & set("01ILOU")
    code = made[7].code
    spoken = shown_code(code)
    assert spoken == f"{code[:3]}-{code[3:]}"
    assert a.find(spoken.lower()).id == made[7].id
    assert a.find(" " + code[:3] + " " + code[3:]).id == made[7].id
    assert normalize_code("k7m 4qx") == "K7M4QX" and normalize_code("K7M-4Q0") is None and normalize_code("K7M4Q") is None
    assert a.find("K7M-4Q0") is None and a.find("nothing") is None


def test_purge_after_the_configured_days(desks):
    clock = [datetime(2026, 10, 1, 12, 0, tzinfo=timezone.utc)]
    a = desks("desk-a", now=lambda: clock[0])
    old = a.new(data(1), "old")
    clock[0] += timedelta(days=20)
    middle = a.new(data(1), "middle")
    clock[0] += timedelta(days=11)  # old: 31 days untouched; middle: 11
    assert a.purge(30) == 1
    assert [r.id for r in a.list().rows] == [middle.id]
    with pytest.raises(SessionGone):
        a.load(old.id)
    assert a.history(old.id) == []


def test_d5_one_bad_row_hides_no_other_session(desks):
    a = desks("desk-a")
    good = [a.new(data(n), f"caller {n}") for n in range(3)]
    desks.raw("INSERT INTO {S} (id, code, version, label, language, created, updated, json) "
              "VALUES ('x', 'XXXXXX', 1, 'bad', 'en', ?, ?, 'not json')", good[0].created, good[0].created)
    desks.raw("INSERT INTO {S} (id, code, version, label, language, created, updated, json) "
              "VALUES ('y', 'YYYYYY', 1, 'bad', 'en', ?, ?, '{\"trail\": 5}')", good[0].created, good[0].created)
    listing = a.list()
    assert sorted(r.id for r in listing.rows) == sorted(s.id for s in good)
    assert listing.unreadable == 2 and listing.fault is None
    assert a.load("x").data is None  # the desk says it cannot be opened


def test_d3_a_lock_held_too_long_is_a_fault_then_the_retry_saves(desks):
    a = desks("desk-a", **({"busy_seconds": 0.3} if desks.backend == "sqlite" else {"lock_seconds": 0.3}))
    session = a.new(data(1), "lock")
    release = _hold_lock(desks, session.id)
    try:
        with pytest.raises(StoreFault) as fault:
            a.save(session.id, data(2), session.version)
        assert fault.value.reason == "locked"
        assert "typed" not in str(fault.value)  # the detail is the database's error name, never the data
    finally:
        release()
    assert a.save(session.id, data(2), session.version).version == 2  # the same save, tried again
    assert a.load(session.id).data == data(2)


def _hold_lock(desks, session_id):
    if desks.backend == "sqlite":
        import sqlite3

        other = sqlite3.connect(desks(".lock").path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        return lambda: (other.execute("ROLLBACK"), other.close())
    import psycopg

    store = desks(".lock")
    connection = psycopg.connect(store.dsn)
    connection.execute("SELECT 1 FROM medguide_sessions WHERE id = %s FOR UPDATE", (session_id,))
    return lambda: (connection.rollback(), connection.close())


def test_an_unreachable_database_is_a_fault_not_a_crash(desks, tmp_path):
    if desks.backend == "sqlite":
        store = SQLiteStore(tmp_path / "file-not-dir", desk="d")
        (tmp_path / "file-not-dir").mkdir()  # a directory where the file should be
    else:
        store = PostgresStore(f"postgresql:///postgres?host={tmp_path}&user=medguide", desk="d", connect_seconds=2)
    listing = store.list()
    assert listing.rows == [] and listing.fault is not None
    with pytest.raises(StoreFault):
        store.new(data(0), "x")
