"""Run by test_app_desk in a subprocess: the desk answers questions, says "saved N" after each, then waits to be killed."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from tests.app_helpers import UTAH_PAYER, answer, make_app


async def main(tmp: Path, count: int) -> None:
    app = make_app("desk", tmp=tmp)
    async with app.run_test(size=(100, 30)) as pilot:
        app.mode.new_session("crash test", "es")  # type: ignore[attr-defined]
        await pilot.pause()
        for n, (qid, text) in enumerate(UTAH_PAYER[:count], start=1):
            await answer(pilot, qid, text)
            print(f"saved {n}", flush=True)  # the screen has accepted answer n
        print("waiting", flush=True)
        await asyncio.sleep(3600)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), int(sys.argv[2])))
