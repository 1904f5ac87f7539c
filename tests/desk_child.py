"""Run by the kill -9 tests in a subprocess: a desk answers questions, says "saved N SESSION" after each change
the store confirmed, then waits to be killed.

    python -m tests.desk_child TMP COUNT [DATABASE DESK LABEL]

DATABASE is a SQLite file or a PostgreSQL URL (default: TMP/desk.sqlite3); DESK is the desk's name.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from tests.app_helpers import UTAH_PAYER, answer, make_app


async def main(tmp: Path, count: int, database: str, desk: str, label: str) -> None:
    from medguide.bot.faces.app.store import open_store

    app = make_app("desk", tmp=tmp, store=open_store(database, desk))
    async with app.run_test(size=(100, 30)) as pilot:
        app.mode.new_session(label, "es")  # type: ignore[attr-defined]
        await pilot.pause()
        mode = app.mode
        for n, (qid, text) in enumerate(UTAH_PAYER[:count], start=1):
            await answer(pilot, qid, text)
            if mode.unsaved or mode.saved is None:  # type: ignore[attr-defined]
                print(f"unsaved {n}", flush=True)
                continue
            print(f"saved {n} {mode.saved.id}", flush=True)  # type: ignore[attr-defined]  # the store has answer n
        print("waiting", flush=True)
        await asyncio.sleep(3600)


if __name__ == "__main__":
    tmp, count = Path(sys.argv[1]), int(sys.argv[2])
    database, desk, label = (sys.argv[3:6] + [str(tmp / "desk.sqlite3"), "desk-a", "crash test"][len(sys.argv[3:6]):])[:3]
    asyncio.run(main(tmp, count, database, desk, label))
