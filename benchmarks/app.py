"""The Textual app's costs beside a minimal Textual app, measured side by side in one run.

    .venv/bin/python benchmarks/app.py [--runs 15] [--rounds 3] [--skip-real]

The minimal app is Textual's Header, Markdown, Input and Footer (the issue's yardstick). Every
figure is printed for both, with the ratio of the medians; nothing is asserted (a benchmark is not
a test). Targets (issue 12): cold start to the first question at most 1.2 times the minimal app,
peak memory at most 55 MiB, CPU per Enter at most 15 ms.

- **Cold start**, a fresh ``python`` process each time, the programs taken in turn within each run
  so that the load other work puts on the machine falls on all of them alike:
  - under ``run_test()`` at 80x24: timed from just before the process is spawned until it prints
    that its first screen is drawn (a callback after the refresh that follows mounting it: for
    medguide the app's own signal to start loading the engine; the first question, or the language
    list, is checked afterwards), and until the process has ended (medguide's engine loads in between);
  - as a real process on a pseudo-terminal at 80x24 (``medguide chat --lang en``, ``medguide``):
    until the first screen's words are drawn on the terminal, then Ctrl+Q, until it has ended.
  Both medguide starts are measured: ``--lang en`` (the first question itself, what the target is
  about) and no language (the language screen, what ``medguide`` shows first). Bytecode is cached
  (in a private ``PYTHONPYCACHEPREFIX`` folder, after one warm-up start of each), as an installed
  copy runs, and so is medguide's first question (``XDG_CACHE_HOME`` in the same private folder:
  every start after the first, or after a change to the interview).
  The real process is the like-for-like figure (both programs are timed to their words on a
  terminal); under ``run_test()`` each app says "ready" from its own callback, so that figure is
  a second view, not a better one.
- **Peak memory**: ``ru_maxrss`` of each process above, and of a process that plays a whole
  interview (a story's answers) to the results.
- **CPU per event**: ``time.process_time`` around ``pilot.press(key)`` plus the wait until the
  screen is idle and refreshed, minus the same for a key the app ignores (Pilot's own cost).
  The minimal app's Enter re-renders its Markdown with the answer, as a question changes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import pty
import re
import resource
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import fcntl
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STORY = ROOT / "tests" / "stories" / "utah" / "payer_own_plan.yaml"
"""The whole interview played for peak memory and CPU per key: a Utah payer with their own plan."""
TODAY = date(2026, 11, 23)
SIZE = (80, 24)

MINIMAL_TEXT = """\
# Health insurance in your child support order

Which state made your child support order? Type it below and press **Enter**.
"""
MINIMAL_MARKER = "Which state made"
"""Words the minimal app draws in its first frame."""


# ---------------------------------------------------------------- the apps, in the child processes
def minimal_app(on_first_screen=None):
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Input, Markdown

    class Minimal(App[None]):
        def on_mount(self) -> None:
            if on_first_screen is not None:
                self.call_after_refresh(on_first_screen)

        def compose(self) -> ComposeResult:
            yield Header()
            yield Markdown(MINIMAL_TEXT)
            yield Input(placeholder="Your answer")
            yield Footer()

        def on_input_submitted(self, event: Input.Submitted) -> None:
            self.query_one(Markdown).update(f"{MINIMAL_TEXT}\nYou answered: **{event.value}**\n")
            event.input.value = ""

    return Minimal()


def medguide_app(language: str | None, on_first_screen=None):
    from medguide.bot.faces.app.app import MedguideApp
    from medguide.bot.faces.app.config import Config

    class Measured(MedguideApp):
        CSS_PATH = str(Path(sys.modules[MedguideApp.__module__].__file__).with_name(MedguideApp.CSS_PATH))

        said = False

        def first_screen_drawn(self) -> None:  # the app's own signal: the engine starts loading now
            if on_first_screen is not None and not self.said:
                self.said = True
                on_first_screen()
            super().first_screen_drawn()

    return Measured("parent", language, config=Config(), today=lambda: TODAY)


def _ready_line() -> None:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    sys.stdout.write(f"ready {usage.ru_utime + usage.ru_stime:.4f}\n")
    sys.stdout.flush()


async def _first_screen(which: str) -> None:
    """Start the app under ``run_test()``; say "ready" once its first screen is drawn (after the refresh that
    follows mounting it, as the app itself then starts loading the engine); then check what it showed."""
    if which == "minimal":
        app = minimal_app(_ready_line)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert MINIMAL_MARKER in str(app.query_one("Markdown").source)
        return
    language = "en" if which == "medguide-en" else None
    app = medguide_app(language, _ready_line)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = app.screen.query_one("#ask" if language else "#languages")
        if language:  # what was on show is the engine's first question, in its words
            engine = app.engine
            assert str(shown.render()) == engine.ask(engine.current), (str(shown.render()), engine.current)
        await pilot.pause()


def _typed(q, answers: dict[str, str], flow) -> str:
    """How a person answers ``q`` in the app: a choice by its number, anything else as typed.

    The story's answer, an optional question's default, "no" to a group's "another one?" (the story
    has one item of each), as the story runner plays it.
    """
    from medguide.bot.guide.answers import parse
    from medguide.bot.words.i18n import lang

    if q.id in answers:
        text = answers[q.id]
    elif q.optional:
        text = str(q.default)
    elif q.group is not None and flow.groups[q.group].more == q.id:
        text = "no"
    else:
        raise KeyError(f"{STORY.name} does not answer {q.id}")
    if text == "unknown" and q.unknown:
        return "f5"  # "I don't know"
    if q.type not in ("yesno", "choice"):
        return text
    value = parse(q, text, lang("en"), {}, TODAY)
    if q.type == "yesno":
        return "1" if value else "2"
    return str(q.codes.index(value) + 1)


def _story_answers() -> dict[str, str]:
    import yaml

    return {k: str(v) for k, v in yaml.safe_load(STORY.read_text(encoding="utf-8"))["answers"].items()}


async def _whole_interview() -> None:
    from medguide.bot.faces.app.widgets import SafeInput

    answers = _story_answers()
    app = medguide_app("en")
    async with app.run_test(size=SIZE) as pilot:
        while not app.engine.finished:
            await pilot.pause()
            q = app.engine.current
            text = _typed(q, answers, app.engine.flow)
            if text == "f5":
                await pilot.press("f5")
            elif q.type in ("yesno", "choice"):
                await pilot.press(text, "enter")
            else:
                app.screen.query_one(SafeInput).value = text
                await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ResultsScreen", app.screen
    sys.stdout.write(f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\n")  # KiB on Linux


IGNORED = "ignored key (Pilot's own cost)"
TYPED = "typed character"
ENTER = "Enter"


async def _key_costs(which: str, rounds: int) -> None:
    costs: dict[str, list[float]] = {IGNORED: [], TYPED: [], ENTER: []}

    async def timed(pilot, name: str, *keys: str) -> None:
        await pilot.pause()
        start = time.process_time()
        await pilot.press(*keys)
        await pilot.pause()
        costs[name].append((time.process_time() - start) * 1000)

    if which == "minimal":
        app = minimal_app()
        async with app.run_test(size=SIZE) as pilot:
            for _ in range(rounds * 20):
                await timed(pilot, IGNORED, "f10")
                app.query_one("Input").value = "35"
                await timed(pilot, TYPED, "0")
                await timed(pilot, ENTER, "enter")
    else:
        from medguide.bot.faces.app.widgets import SafeInput

        answers = _story_answers()
        app = medguide_app("en")
        async with app.run_test(size=SIZE) as pilot:
            for _ in range(rounds):
                app.engine.restart()
                app.show_current()
                while not app.engine.finished:
                    await pilot.pause()
                    q = app.engine.current
                    text = _typed(q, answers, app.engine.flow)
                    await timed(pilot, IGNORED, "f10")
                    if text == "f5":
                        await pilot.press("f5")
                        continue
                    if q.type in ("yesno", "choice"):
                        await pilot.press(text)
                    else:
                        app.screen.query_one(SafeInput).value = text[:-1]
                        await timed(pilot, TYPED, text[-1])
                    await timed(pilot, ENTER, "enter")
                await pilot.pause()
    sys.stdout.write(json.dumps(costs) + "\n")


# ---------------------------------------------------------------- the parent process
def _env(cache: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = cache
    env["XDG_CACHE_HOME"] = str(Path(cache) / "xdg-cache")  # medguide's first-question cache, made by the warm-up
    return env


def _maxrss_mib(rusage) -> float:
    return rusage.ru_maxrss / 1024


def run_test_start(which: str, env: dict[str, str]) -> dict[str, float]:
    """One cold start under run_test(): seconds to "ready", seconds to the end, peak MiB."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, __file__, "--child", "first-screen", which], stdout=subprocess.PIPE,
                             text=True, env=env, cwd=ROOT)
    assert child.stdout is not None
    line = child.stdout.readline()
    ready = time.perf_counter() - start
    rest = child.stdout.read()
    _, status, rusage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    ended = time.perf_counter() - start
    if not line.startswith("ready") or child.returncode != 0:
        raise RuntimeError(f"{which} did not start: {line!r} {rest!r} (exit {child.returncode})")
    return {"ready": ready, "ended": ended, "cpu": float(line.split()[1]), "peak": _maxrss_mib(rusage)}


_CSI = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)")


def real_start(argv: list[str], marker: str, env: dict[str, str]) -> dict[str, float]:
    """One cold start as a real process on a pseudo-terminal: seconds until ``marker`` is drawn, until it ended."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env={**env, "TERM": "xterm-256color"},
                             cwd=ROOT, start_new_session=True)
    os.close(slave)
    seen, ready, wanted = b"", None, marker.encode()
    deadline = start + 60
    try:
        while time.perf_counter() < deadline:
            if select.select([master], [], [], 0.5)[0]:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                seen += chunk
                if ready is None and wanted in _CSI.sub(b"", seen):
                    ready = time.perf_counter() - start
                    os.write(master, b"\x11")  # Ctrl+Q
            elif ready is not None and child.poll() is not None:
                break
            if ready is not None and child.poll() is not None:
                break
        else:
            child.send_signal(signal.SIGKILL)
        _, status, rusage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        ended = time.perf_counter() - start
    finally:
        os.close(master)
    if ready is None:
        raise RuntimeError(f"{argv} never drew {marker!r}: {_CSI.sub(b'', seen)[-400:]!r}")
    return {"ready": ready, "ended": ended, "peak": _maxrss_mib(rusage)}


def _child_json(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, __file__, "--child", *args], stdout=subprocess.PIPE, text=True, env=env,
                          cwd=ROOT, check=True)
    return done.stdout.strip().splitlines()[-1]


def _fmt(values: list[float], unit: str, scale: float = 1.0) -> str:
    v = sorted(x * scale for x in values)
    return f"median {statistics.median(v):7.1f} {unit} [{v[0]:.1f}-{v[-1]:.1f}]"


def _ratio(ours: list[float], theirs: list[float]) -> str:
    pairs = [a / b for a, b in zip(ours, theirs)]
    return (f"{statistics.median(ours) / statistics.median(theirs):.2f}x the minimal app "
            f"(pairwise median {statistics.median(pairs):.2f}x [{min(pairs):.2f}-{max(pairs):.2f}])")


def _print_starts(programs: dict, runs: dict[str, list[dict[str, float]]], cpu: bool) -> None:
    """Per program: first screen, CPU to it (``cpu``), whole run, peak memory; each beside the minimal app's."""
    minimal = runs["minimal"]
    for which, (title, _, _) in programs.items():
        r = runs[which]
        ready = [x["ready"] for x in r]
        line = f"  {title:38s} first screen {_fmt(ready, 'ms', 1000)}"
        if which != "minimal":
            line += f"  {_ratio(ready, [x['ready'] for x in minimal])}"
        print(line)
        if cpu:
            print(f"  {'':38s} CPU to it    {_fmt([x['cpu'] for x in r], 'ms', 1000)}")
        print(f"  {'':38s} whole run    {_fmt([x['ended'] for x in r], 'ms', 1000)}")
        peak = [x["peak"] for x in r]
        line = f"  {'':38s} peak memory  {_fmt(peak, 'MiB')}"
        if which != "minimal":
            line += f"  {_ratio(peak, [x['peak'] for x in minimal])}"
        print(line)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15, help="cold starts of each program (default 15)")
    parser.add_argument("--rounds", type=int, default=3, help="whole interviews for CPU per key (default 3)")
    parser.add_argument("--skip-real", action="store_true", help="leave out the starts on a pseudo-terminal")
    parser.add_argument("--starts-only", action="store_true", help="only the cold starts (no interview, no keys)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "first-screen":
            asyncio.run(_first_screen(rest[0]))
        elif kind == "whole-interview":
            asyncio.run(_whole_interview())
        elif kind == "key-costs":
            asyncio.run(_key_costs(rest[0], int(rest[1])))
        elif kind == "minimal-real":
            minimal_app().run()
        return 0

    from medguide.bot.words.i18n import lang
    from medguide.flows.model import load

    flow = load()
    first_words = lang("en").p_(f"q:{flow.start}", flow.by_id[flow.start].ask)[:16]
    programs = {
        "minimal": ("minimal app", [sys.executable, __file__, "--child", "minimal-real"], MINIMAL_MARKER),
        "medguide-en": ("medguide, first question (--lang en)", [sys.executable, "-m", "medguide.bot.cli", "chat",
                                                                 "--lang", "en"], first_words),
        "medguide-lang": ("medguide, language screen", [sys.executable, "-m", "medguide.bot.cli"], "Tiếng Việt"),
    }
    print(f"medguide app benchmark: {args.runs} cold starts of each, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs, load {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as cache:
        env = _env(cache)
        for which in programs:  # warm-up: compile the bytecode once
            run_test_start(which, env)
        results: dict[str, list[dict[str, float]]] = {w: [] for w in programs}
        real: dict[str, list[dict[str, float]]] = {w: [] for w in programs}
        order = list(programs)
        for n in range(args.runs):
            turn = order[n % len(order):] + order[:n % len(order)]  # each program goes first as often
            for which in turn:
                results[which].append(run_test_start(which, env))
            if not args.skip_real:
                for which in turn:
                    real[which].append(real_start(programs[which][1], programs[which][2], env))

        print("\nCold start under run_test() (spawn to first screen; to the end of the process); peak memory")
        _print_starts(programs, results, cpu=True)
        if not args.skip_real:
            print("\nCold start as a real process on a pseudo-terminal (spawn to the first screen's words drawn; "
                  "Ctrl+Q then to its end); peak memory (Ctrl+Q at once: medguide's engine may not have loaded yet)")
            _print_starts(programs, real, cpu=False)

        if args.starts_only:
            return 0
        interview = [int(_child_json(["whole-interview"], env)) / 1024 for _ in range(3)]
        print(f"\nPeak memory over a whole interview to the results (medguide, {STORY.name}): "
              f"{_fmt(interview, 'MiB')} (n=3)")

        print("\nCPU per key event, keypress to rendered screen, net of Pilot's own cost (median, p90, n)")
        per_app = {}
        for which in ("minimal", "medguide-en"):
            per_app[which] = json.loads(_child_json(["key-costs", which, str(args.rounds)], env))
        for name in (TYPED, ENTER):
            cells = []
            for which in ("minimal", "medguide-en"):
                costs = per_app[which]
                base = statistics.median(costs[IGNORED])
                values = sorted(costs[name])
                cells.append(f"{programs[which][0].split(',')[0]} {statistics.median(values) - base:5.2f} ms "
                             f"(p90 {values[int(len(values) * 0.9) - 1] - base:.2f}, n={len(values)})")
            ratio = ((statistics.median(per_app["medguide-en"][name]) - statistics.median(per_app["medguide-en"][IGNORED]))
                     / (statistics.median(per_app["minimal"][name]) - statistics.median(per_app["minimal"][IGNORED])))
            print(f"  {name:16s} " + "   ".join(cells) + f"   {ratio:.2f}x")
        print(f"  Pilot's own cost per key: minimal {statistics.median(per_app['minimal'][IGNORED]):.2f} ms, "
              f"medguide {statistics.median(per_app['medguide-en'][IGNORED]):.2f} ms")
    print(f"\nload at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
