"""The Textual app's costs: cold start to the first question, peak memory, CPU per key event.

    .venv/bin/python benchmarks/app.py [--runs 7]

Targets (from the issue): cold start to first question, median <= 0.6 s; peak RSS <= 80 MB;
median keypress to rendered screen in Pilot <= 16 ms of CPU.

- Cold start: a fresh ``python`` process imports the app, starts it headless at 80x24 with
  the language given, and prints once the first question is on screen; timed from just
  before the process is spawned. Measured twice: as this machine runs the project
  (``PYTHONDONTWRITEBYTECODE=1``, so the project's own modules are compiled at every start)
  and as an installed copy runs (bytecode cached, in a private pycache folder).
- Peak memory: ``ru_maxrss`` of a process that ran a whole interview and the results.
- CPU per event: ``time.process_time`` around ``pilot.press(key)`` plus the wait until the
  screen is idle and refreshed, minus the same for a key the app ignores (Pilot's own cost).
  Pilot's wall-clock round trip (~64 ms) is idle waiting and is not counted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STEPS = [
    ("order_state", "1"), ("order_date", "2024-01-15"), ("order_changed", "2"),
    ("has_medical_provision", "1"), ("order_names_primary", "3"), ("credit_cap", "2"),
    ("living_arrangement", "1"), ("my_role", "1"), ("base_support", "350"), ("my_side_plan", "1"),
    ("my_premium", "198"), ("my_persons_covered", "3"), ("my_children_on_case", "1"),
    ("my_health_benefits", "1"), ("other_side_plan", "3"), ("credit_asked", "2"),
    ("gross_income", "4000"), ("has_bill", "2"), ("qmcso_check", "2"),
]


# ---------------------------------------------------------------- in the child processes
async def _first_question() -> None:
    from medguide.bot.faces.app.app import MedguideApp
    from medguide.bot.faces.app.config import Config

    app = MedguideApp("parent", "en", config=Config(), today=lambda: date(2026, 11, 23))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.engine.current is not None and app.screen.query_one("#ask")
        usage = resource.getrusage(resource.RUSAGE_SELF)
        sys.stdout.write(f"ready {usage.ru_utime + usage.ru_stime:.3f}\n")
        sys.stdout.flush()


async def _whole_interview() -> None:
    from medguide.bot.faces.app.app import MedguideApp
    from medguide.bot.faces.app.config import Config
    from medguide.bot.faces.app.widgets import SafeInput

    app = MedguideApp("parent", "en", config=Config(), today=lambda: date(2026, 11, 23))
    async with app.run_test(size=(80, 24)) as pilot:
        for qid, text in STEPS:
            await pilot.pause()
            assert app.engine.current.id == qid
            if app.engine.current.type in ("yesno", "choice"):
                await pilot.press(text, "enter")
            else:
                app.screen.query_one(SafeInput).value = text
                await pilot.press("enter")
        await pilot.pause()
        assert app.engine.finished
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    sys.stdout.write(f"{rss}\n")


async def _key_costs(rounds: int) -> dict[str, list[float]]:
    from medguide.bot.faces.app.app import MedguideApp
    from medguide.bot.faces.app.config import Config
    from medguide.bot.faces.app.widgets import SafeInput

    costs: dict[str, list[float]] = {"ignored key (Pilot's own cost)": [], "typed character": [], "arrow in a choice": [],
                                     "Enter: answer and next question": []}
    app = MedguideApp("parent", "en", config=Config(), today=lambda: date(2026, 11, 23))

    async def timed(name: str, *keys: str) -> None:
        await pilot.pause()
        start = time.process_time()
        await pilot.press(*keys)
        await pilot.pause()
        costs[name].append((time.process_time() - start) * 1000)

    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(rounds):
            app.engine.restart()
            app.show_current()
            for qid, text in STEPS:
                await pilot.pause()
                q = app.engine.current
                await timed("ignored key (Pilot's own cost)", "f10")
                if q.type in ("yesno", "choice"):
                    await timed("arrow in a choice", "down")
                    await pilot.press(text)
                    await timed("Enter: answer and next question", "enter")
                else:
                    box = app.screen.query_one(SafeInput)
                    box.value = text[:-1]
                    await timed("typed character", text[-1])
                    await timed("Enter: answer and next question", "enter")
    return costs


# ---------------------------------------------------------------- the parent process
CPU_TO_READY: list[float] = []
"""CPU seconds (user + system) each first-question child spent until it printed "ready"."""


def _spawn(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - start
    child.communicate(timeout=60)
    if line.startswith("ready"):
        CPU_TO_READY.append(float(line.split()[1]))
    return elapsed, line.strip()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--child", choices=["first-question", "whole-interview"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "first-question":
        asyncio.run(_first_question())
        return 0
    if args.child == "whole-interview":
        asyncio.run(_whole_interview())
        return 0

    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    print(f"medguide app benchmark: {args.runs} runs, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"load {os.getloadavg()[0]:.2f}")

    reference = []
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import textual"], env=env, check=True)
        reference.append(time.perf_counter() - start)
    print(f"reference: python -c 'import textual' median {statistics.median(reference):.3f} s "
          f"(platform baseline 0.129 s: this machine runs {statistics.median(reference) / 0.129:.1f}x slower now)")
    as_is = [_spawn(["--child", "first-question"], env)[0] for _ in range(args.runs)]
    with tempfile.TemporaryDirectory() as cache:
        cached_env = {**env, "PYTHONPYCACHEPREFIX": cache}
        cached_env.pop("PYTHONDONTWRITEBYTECODE", None)
        _spawn(["--child", "first-question"], cached_env)  # compile once
        CPU_TO_READY.clear()
        cached = [_spawn(["--child", "first-question"], cached_env)[0] for _ in range(args.runs)]
    print(f"cold start to first question (target <= 0.6 s): median {statistics.median(cached):.3f} s wall, "
          f"{statistics.median(CPU_TO_READY):.3f} s CPU, with bytecode cached (an installed copy); "
          f"{statistics.median(as_is):.3f} s wall as this checkout runs (PYTHONDONTWRITEBYTECODE="
          f"{os.environ.get('PYTHONDONTWRITEBYTECODE', '')!s}: project modules compiled at every start)")

    rss = [int(_spawn(["--child", "whole-interview"], env)[1]) / 1024 for _ in range(3)]
    print(f"peak RSS over a whole interview and the results (target <= 80 MB): median {statistics.median(rss):.1f} MiB")

    costs = asyncio.run(_key_costs(max(2, args.runs // 2)))
    baseline = statistics.median(costs["ignored key (Pilot's own cost)"])
    print("CPU per key event, keypress to rendered screen (target <= 16 ms): median, net of Pilot's own cost")
    for name, values in costs.items():
        raw = statistics.median(values)
        net = raw if name.startswith("ignored") else raw - baseline
        print(f"  {name:36s} {net:6.2f} ms   (raw {raw:.2f} ms, p90 {sorted(values)[int(len(values) * 0.9) - 1]:.2f} ms, n={len(values)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
