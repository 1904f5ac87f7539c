"""Headless engine benchmark: prints figures, asserts nothing.

    .venv/bin/python benchmarks/engine.py [--runs 200] [--random 1000]

- median milliseconds for one whole scripted interview (every script in
  tests/conversations/ played through the engine, each run from a new Engine);
- seconds for N random conversations (tests/fuzz.py, the walk the hypothesis
  test uses; `--random 10000` is the long mode).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from medguide.bot.devtools.script import load_script, run_script  # noqa: E402
from tests.fuzz import walk  # noqa: E402


def scripted(runs: int) -> None:
    scripts = [load_script(p) for p in sorted((ROOT / "tests" / "conversations").glob("*.yaml"))]
    run_script(scripts[0])  # warm caches (flow, catalogs, babel locales)
    per_script = []
    for script in scripts:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            run_script(script)
            times.append(time.perf_counter() - start)
        per_script.append(statistics.median(times) * 1000)
    answers = [sum(1 for s in script.get("steps", []) if "a" in s or s.get("unknown")) for script in scripts]
    print(f"scripted interviews: {len(scripts)} scripts x {runs} runs")
    print(f"  median of per-script medians: {statistics.median(per_script):.2f} ms per whole interview (target <= 5 ms)")
    print(f"  slowest script median: {max(per_script):.2f} ms; median answers per script: {statistics.median(answers):.0f}")


def random_conversations(count: int) -> None:
    walk(random.Random(-1))
    start = time.perf_counter()
    for seed in range(count):
        walk(random.Random(seed))
    elapsed = time.perf_counter() - start
    print(f"random conversations: {count} in {elapsed:.2f} s ({elapsed / count * 1000:.2f} ms each), no crash")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--random", type=int, default=1000)
    args = parser.parse_args()
    scripted(args.runs)
    random_conversations(args.random)


if __name__ == "__main__":
    main()
