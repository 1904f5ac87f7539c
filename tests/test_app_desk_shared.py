"""The desk shared by many staff, reproduced first (D1-D6 of the reliability findings), then fixed.

The app is desk A; "another desk" is a second store on the same database under another desk
name, which is all another desk is to the store.
"""

from __future__ import annotations

import contextlib
import io
import sqlite3
import time
from datetime import datetime, timezone
from pathlib import Path

from rich.console import Console
from textual.widgets import DataTable

from medguide.bot.faces.app.screens.confirm import Confirm
from medguide.bot.faces.app.screens.desk import CodePrompt, Notice, SessionsScreen
from medguide.bot.faces.app.screens.question import QuestionScreen
from medguide.bot.faces.app.store import SQLiteStore, shown_code
from medguide.bot.faces.app.widgets import Plain, QuestionCard, SafeInput, SidePanel
from medguide.bot.guide.engine import Engine

from .app_helpers import TODAY, UTAH_PAYER, answer, make_app, run_async


def _engine(steps, language="en") -> Engine:
    engine = Engine(language, today=lambda: TODAY)
    for _qid, text in steps:
        assert engine.answer(text).ok
    return engine


def _panel(app) -> str:
    panel = app.screen.query_one(SidePanel)
    return "\n".join(line for section in panel.view.sections for line in (section.title, *section.lines))


def _texts(screen) -> str:
    return "\n".join(w.text for w in screen.query(Plain).results(Plain))


def _quiet_terminal(app) -> io.StringIO:
    out = io.StringIO()
    app.error_console = Console(file=out, width=120)
    return out


async def _open_first(pilot) -> None:
    await pilot.pause()
    assert isinstance(pilot.app.screen, SessionsScreen)
    await pilot.press("enter")
    await pilot.pause()


def _two_desks(tmp_path: Path, steps=UTAH_PAYER[:3], **kw):
    """A session with ``steps`` answered, released; desk A's app and desk B's store on one file."""
    path = tmp_path / "desk.sqlite3"
    b = SQLiteStore(path, desk="desk-b")
    made = b.new(_engine(steps).save(), "Caller Zelda 555-0100")
    b.release(made.id)
    app = make_app("desk", tmp=tmp_path, store=SQLiteStore(path, desk="desk-a", **kw))
    return app, b, made


@run_async
async def test_d1_changed_at_another_desk_the_save_is_refused_and_what_was_typed_comes_back(tmp_path: Path):
    app, b, made = _two_desks(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open_first(pilot)
        assert isinstance(app.screen, QuestionScreen) and app.session == made.id
        await answer(pilot, *UTAH_PAYER[3])  # saved: version 2
        # desk B takes over, answers two more (changing the first one too), and leaves
        current = b.claim(made.id, take_over=True)
        theirs = Engine.restore(current.data, today=lambda: TODAY)
        for _qid, text in UTAH_PAYER[4:6]:
            assert theirs.answer(text).ok
        b.save(made.id, theirs.save(), current.version)
        b.release(made.id)
        before = b.load(made.id)
        # desk A answers question 5 on its old copy
        await answer(pilot, UTAH_PAYER[4][0], "2")
        assert isinstance(app.screen, Notice)
        notice = _texts(app.screen)
        assert "changed at desk desk-b at" in notice and "your last change was not saved" in notice
        assert b.load(made.id) == before  # nothing of desk B's was overwritten
        assert app.engine.trail == [q for q, _ in UTAH_PAYER[:6]]  # desk A now shows what is stored
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await answer(pilot, *UTAH_PAYER[6])  # and goes on from there, saved
        assert b.load(made.id).data["trail"] == [q for q, _ in UTAH_PAYER[:7]]
        assert b.load(made.id).updated_by == "desk-a"


@run_async
async def test_d1_same_question_the_typed_answer_is_back_in_the_box(tmp_path: Path):
    app, b, made = _two_desks(tmp_path, UTAH_PAYER[:8])
    async with app.run_test(size=(120, 36)) as pilot:
        await _open_first(pilot)
        current = b.claim(made.id, take_over=True)  # B switches the caller's language and leaves
        b.save(made.id, {**current.data, "language": "es"}, current.version)
        b.release(made.id)
        await answer(pilot, UTAH_PAYER[8][0], "351.25")  # A's answer to question 9 is refused
        assert isinstance(app.screen, Notice)
        assert "What you had typed is back in the answer box." in _texts(app.screen)
        await pilot.press("enter")
        await pilot.pause()
        box = app.screen.query_one(QuestionCard).query_one(SafeInput)
        assert app.engine.lang.code == "es" and app.engine.current.id == UTAH_PAYER[8][0]
        assert box.value == "351.25"
        await pilot.press("enter")  # staff send it again: now it is saved
        await pilot.pause()
        stored = b.load(made.id).data
        assert stored["language"] == "es" and stored["answers"][UTAH_PAYER[8][0]]["typed"] == "351.25"


@run_async
async def test_taken_over_at_another_desk_is_said_and_taking_it_back_is_explicit(tmp_path: Path):
    app, b, made = _two_desks(tmp_path, UTAH_PAYER[:8])
    async with app.run_test(size=(120, 36)) as pilot:
        await _open_first(pilot)
        b.claim(made.id, take_over=True)  # B takes it over and keeps it open
        await answer(pilot, *UTAH_PAYER[8])
        assert isinstance(app.screen, Confirm)
        assert "taken over at desk desk-b" in app.screen.question and b.load(made.id).version == 1
        await pilot.click("#yes")  # take it over again
        await pilot.pause()
        assert b.load(made.id).open_desk == "desk-a"
        assert app.screen.query_one(QuestionCard).query_one(SafeInput).value == UTAH_PAYER[8][1]  # offered back
        await pilot.press("enter")
        await pilot.pause()
        assert b.load(made.id).data["trail"] == [q for q, _ in UTAH_PAYER[:9]]
        assert [c.what for c in b.history(made.id)] == ["new", "take over", "take over", "save"]


@run_async
async def test_open_at_another_desk_is_shown_in_the_list_with_its_local_time(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("TZ", "America/Denver")
    time.tzset()
    try:
        path = tmp_path / "desk.sqlite3"
        b = SQLiteStore(path, lambda: datetime(2026, 11, 23, 21, 5, 42, 123456, tzinfo=timezone.utc), desk="front-2")
        made = b.new(_engine(UTAH_PAYER[:2]).save(), "Ana")
        app = make_app("desk", tmp=tmp_path, store=SQLiteStore(path, desk="desk-a"))
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            table = app.screen.query_one("#sessions", DataTable)
            row = [str(cell) for cell in table.get_row_at(0)]
            assert row[0] == shown_code(made.code) and row[5] == "2026-11-23 14:05" and row[6] == "front-2"
            assert row[2] == "open at front-2 since 2026-11-23 14:05"  # local, whole minutes, no offset (not today: with its date)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, Confirm) and "open at desk front-2 since 2026-11-23 14:05" in app.screen.question
            await pilot.click("#no")  # leave it there
            await pilot.pause()
            assert isinstance(app.screen, SessionsScreen) and b.load(made.id).open_desk == "front-2"
            await pilot.press("enter")
            await pilot.pause()
            await pilot.click("#yes")  # take it over
            await pilot.pause()
            assert isinstance(app.screen, QuestionScreen) and b.load(made.id).open_desk == "desk-a"
    finally:
        monkeypatch.undo()
        time.tzset()


@run_async
async def test_d2_deleted_at_another_desk_the_answers_stay_and_are_saved_as_new(tmp_path: Path):
    app, b, made = _two_desks(tmp_path)
    terminal = _quiet_terminal(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open_first(pilot)
        b.delete(made.id)
        await answer(pilot, *UTAH_PAYER[3])  # crashed the desk with KeyError before
        assert app.is_running and isinstance(app.screen, Confirm)
        assert "deleted at another desk" in app.screen.question
        assert app.engine.trail == [q for q, _ in UTAH_PAYER[:4]]
        await pilot.click("#yes")  # save as a new session
        await pilot.pause()
        (row,) = b.list().rows
        assert row.id != made.id and row.code != made.code and row.answers == 4
        assert b.load(row.id).data["answers"][UTAH_PAYER[3][0]]["value"] == UTAH_PAYER[3][1]
        assert app.session == row.id and "Session code: " + shown_code(row.code) in _panel(app)
    assert "Traceback" not in terminal.getvalue()


@run_async
async def test_d3_locked_for_too_long_a_message_the_answers_kept_and_saved_on_retry(tmp_path: Path):
    app, b, made = _two_desks(tmp_path, busy_seconds=0.2)
    terminal = _quiet_terminal(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open_first(pilot)
        lock = sqlite3.connect(tmp_path / "desk.sqlite3", isolation_level=None)
        lock.execute("BEGIN IMMEDIATE")
        await answer(pilot, *UTAH_PAYER[3])
        await answer(pilot, *UTAH_PAYER[4])
        assert app.is_running and isinstance(app.screen, QuestionScreen)
        panel = _panel(app)
        assert "NOT SAVED: The sessions database is busy" in panel and "Trying again every 5 seconds." in panel
        assert app.engine.trail == [q for q, _ in UTAH_PAYER[:5]]
        lock.execute("ROLLBACK")
        lock.close()
        app.mode.retry()  # the timer's next tick
        await pilot.pause()
        assert b.load(made.id).data["trail"] == [q for q, _ in UTAH_PAYER[:5]]
        assert "NOT SAVED" not in _panel(app) and "Saved " in _panel(app)
    shown = terminal.getvalue()
    assert "Traceback" not in shown and "Zelda" not in shown and "555-0100" not in shown


class _FullDisk(SQLiteStore):
    """Where no small filesystem can be mounted: the same SQLite error a full disk gives, on every write."""

    full = True

    @contextlib.contextmanager
    def _transaction(self, write: bool = True):
        if write and self.full:
            from medguide.bot.faces.app.store.sqlite import fault_of

            raise fault_of(sqlite3.OperationalError("database or disk is full"))
        with super()._transaction(write) as db:
            yield db


@run_async
async def test_d4_a_full_disk_a_message_and_nothing_lost_once_there_is_room(tmp_path: Path):
    from .test_store_sqlite import small_filesystem

    with small_filesystem(tmp_path, "300k") as mount:
        where = mount or tmp_path
        b = SQLiteStore(where / "desk.sqlite3", desk="desk-b")
        made = b.new(_engine(UTAH_PAYER[:3]).save(), "Caller Zelda 555-0100")
        b.release(made.id)
        store = (SQLiteStore if mount else _FullDisk)(where / "desk.sqlite3", desk="desk-a")
        app = make_app("desk", tmp=tmp_path, store=store)
        terminal = _quiet_terminal(app)
        async with app.run_test(size=(120, 36)) as pilot:
            await _open_first(pilot)
            filler = where / "filler"
            if mount:
                with contextlib.suppress(OSError), open(filler, "wb", buffering=0) as f:  # the disk fills up mid-call
                    while True:
                        f.write(b"\0" * 4096)
            for qid, text in UTAH_PAYER[3:8]:
                await answer(pilot, qid, text)
            assert "NOT SAVED: The disk that holds the sessions database is full." in _panel(app)
            assert app.engine.trail == [q for q, _ in UTAH_PAYER[:8]]
            await pilot.press("f9")  # leaving with unsaved answers asks first
            await pilot.pause()
            assert isinstance(app.screen, Confirm) and "not saved" in app.screen.question
            await pilot.click("#no")  # stay
            await pilot.pause()
            filler.unlink(missing_ok=True)  # room again
            store.full = False
            app.mode.retry()
            await pilot.pause()
            assert b.load(made.id).data["trail"] == [q for q, _ in UTAH_PAYER[:8]]
        assert "Traceback" not in terminal.getvalue()
        b.close()
        store.close()


@run_async
async def test_d5_one_bad_row_and_a_damaged_file_the_list_shows_what_it_can(tmp_path: Path):
    path = tmp_path / "desk.sqlite3"
    b = SQLiteStore(path, desk="desk-b")
    for name in ("Ana", "Bo"):
        b.release(b.new(_engine(UTAH_PAYER[:2]).save(), name).id)
    with sqlite3.connect(path) as raw:
        raw.execute("INSERT INTO sessions (id, created, updated, language, label, json) VALUES ('x', '2020', '2030', 'en', 'b', 'not json')")
    app = make_app("desk", tmp=tmp_path, store=SQLiteStore(path, desk="desk-a"))
    terminal = _quiet_terminal(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#sessions", DataTable).row_count == 2
        assert "1 saved session cannot be read and is not listed." in app.screen.query_one("#sessions-problem", Plain).text
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(bytes(range(256)) * 32)
    app = make_app("desk", tmp=tmp_path, store=SQLiteStore(junk, desk="desk-a"))
    _quiet_terminal(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        problem = app.screen.query_one("#sessions-problem", Plain).text
        assert "The sessions database is damaged" in problem
        await pilot.press("n")  # a new call still goes on, in memory
        await pilot.pause()
        app.screen.query_one("#label", SafeInput).value = "Caller"
        await pilot.press("enter", "enter")
        await pilot.pause()
        await answer(pilot, *UTAH_PAYER[0])
        assert "NOT SAVED: The sessions database is damaged" in _panel(app) and app.engine.trail == [UTAH_PAYER[0][0]]
    assert "Traceback" not in terminal.getvalue()


@run_async
async def test_a_session_code_read_over_the_phone_opens_it_at_any_desk(tmp_path: Path):
    app, b, made = _two_desks(tmp_path)
    b.release(b.new(_engine(UTAH_PAYER[:1]).save(), "someone else").id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CodePrompt)
        app.screen.query_one("#code-input", SafeInput).value = "K7M-4Q0"  # a 0 is never in a code
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionsScreen) and app.session is None
        await pilot.press("c")
        await pilot.pause()
        spoken = shown_code(made.code).lower().replace("-", " ")
        app.screen.query_one("#code-input", SafeInput).value = spoken
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.session == made.id
        assert app.engine.trail == [q for q, _ in UTAH_PAYER[:3]]


def test_the_code_alphabet_has_no_letters_heard_or_seen_as_others():
    from medguide.bot.faces.app.store import CODE_ALPHABET

    assert not set(CODE_ALPHABET) & set("0O1IL") and len(set(CODE_ALPHABET)) == len(CODE_ALPHABET) == 30
