"""kill -9 of two desks working at once on one database (a SQLite file, a PostgreSQL server): nothing confirmed is lost.

Each run starts two desks (``tests/desk_child.py``) on one database, each on its own call.
Each desk is killed at a random moment: after a random number of confirmed answers, and a
random 0-30 ms later (often inside the next save). Afterwards each desk's session must hold
every answer that desk had confirmed (at most one more, the save the kill interrupted).
``MEDGUIDE_KILL_RUNS`` sets the runs per backend (default 3).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from medguide.bot.faces.app.store import open_store

from .app_helpers import UTAH_PAYER

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("MEDGUIDE_KILL_RUNS", "3"))
FIGURES: dict[str, list[int]] = {}


def _desk(tmp: Path, database: str, desk: str, kill_after: int, delay: float) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-m", "tests.desk_child", str(tmp), str(len(UTAH_PAYER)), database, desk, f"call at {desk}"],
                             cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen = {"confirmed": 0, "session": None, "unsaved": 0, "process": child}
    assert child.stdout is not None
    for line in child.stdout:
        words = line.split()
        if words[0] == "saved":
            seen["confirmed"], seen["session"] = int(words[1]), words[2]
        elif words[0] == "unsaved":
            seen["unsaved"] += 1
        if seen["confirmed"] >= kill_after or words[0] == "waiting":
            time.sleep(delay)
            break
    os.kill(child.pid, signal.SIGKILL)  # no clean shutdown: no atexit, no close, no release
    child.wait(timeout=30)
    seen["stderr"] = child.stderr.read() if child.stderr else ""
    return seen


def _run(tmp: Path, database: str, rng: random.Random) -> tuple[int, int]:
    results: dict[str, dict] = {}
    plans = {desk: (rng.randint(1, len(UTAH_PAYER)), rng.uniform(0, 0.03)) for desk in ("desk-a", "desk-b")}
    threads = [threading.Thread(target=lambda d=desk: results.__setitem__(d, _desk(tmp, database, d, *plans[d]))) for desk in plans]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    store = open_store(database, "checker")
    confirmed = lost = 0
    try:
        for desk, seen in results.items():
            assert seen["process"].returncode == -signal.SIGKILL, seen["stderr"]
            assert seen["unsaved"] == 0, f"{desk} could not save: {seen['stderr']}"
            confirmed += seen["confirmed"]
            if seen["session"] is None:
                continue
            stored = store.load(seen["session"])
            trail = [key.partition("#")[0] for key in stored.data["trail"]]  # a group's answers are kept per item
            expected = [q for q, _ in UTAH_PAYER]
            assert trail == expected[: len(trail)], (desk, trail)
            missing = max(0, seen["confirmed"] - len(trail))
            lost += missing
            assert len(trail) - seen["confirmed"] in (0, 1), (desk, seen["confirmed"], len(trail))
            assert stored.updated_by == desk and stored.open_desk == desk  # killed while open: shown as open there
    finally:
        store.close()
    return confirmed, lost


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_kill_9_of_two_desks_on_one_database_loses_nothing_confirmed(backend: str, tmp_path: Path, request):
    if backend == "sqlite":
        database = str(tmp_path / "desk.sqlite3")
    else:
        server = request.getfixturevalue("postgres_server")
        database = server.dsn(server.new_schema())
    rng = random.Random(f"kill9-{backend}")
    total_confirmed = total_lost = 0
    for run in range(RUNS):
        confirmed, lost = _run(tmp_path / f"run{run}", database, rng)
        total_confirmed += confirmed
        total_lost += lost
    FIGURES[backend] = [RUNS, total_confirmed, total_lost]
    print(f"kill -9 on {backend}: {RUNS} runs of two desks, {total_confirmed} confirmed changes, {total_lost} lost")
    assert total_lost == 0 and total_confirmed > 0
    if backend == "sqlite":
        import sqlite3

        with sqlite3.connect(database) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
