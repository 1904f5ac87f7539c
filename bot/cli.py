"""The `medguide` command: the app, and the headless ways in (rules, chat, script, flow).

    medguide                  the app for a parent (language screen first)
    medguide kiosk            the app on a shared screen (set a staff PIN first: medguide kiosk --set-pin)
    medguide desk             the app for help-desk staff
"""

from __future__ import annotations

import argparse
import json
import sys

from medguide.bot.words.languages import LANGUAGES


def _rules(args: argparse.Namespace) -> int:
    from medguide.bot.faces import batch

    if args.rules_command == "list":
        for entry in batch.rules_list():
            sys.stdout.write(json.dumps(entry, ensure_ascii=False) + "\n")
        return 0
    batch.run_stream(sys.stdin.buffer, sys.stdout.buffer, brief=args.brief)
    return 0


def _clock(args: argparse.Namespace):
    """The one clock every face reads "today" from: the system's, or the day given with --today."""
    day = getattr(args, "today", None)
    return (lambda: day) if day is not None else None


def _day(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def _chat(args: argparse.Namespace) -> int:
    if not args.plain:
        settings = _settings()
        if settings is None:
            return 2
        from medguide.bot.faces.app.app import run_app

        return run_app(mode="parent", language=args.lang, config=settings, today=_clock(args))
    from medguide.bot.faces.chat import run_plain  # the engine at once: the plain chat asks its first question now

    return run_plain(args.lang, today=_clock(args))


def _script(args: argparse.Namespace) -> int:
    """PASS or FAIL per file; ERROR and one line saying what is wrong for a file that cannot be played.

    Every file runs, whatever the others did. Exit status: 2 if any file had an
    ERROR, else 1 if any FAILed, else 0.
    """
    from pathlib import Path

    from medguide.bot.devtools.script import ScriptError, load_script, run_script

    worst = 0
    for name in args.files:
        try:
            failures = run_script(load_script(Path(name)))
        except ScriptError as exc:
            print(_printable(f"ERROR {name}: {exc}"))
            worst = 2
            continue
        except Exception as exc:  # a bug in medguide, not in the file: say so, and go on with the next file
            print(_printable(f"ERROR {name}: the script could not be played ({type(exc).__name__}: {exc}); "
                             "this is a bug in medguide"))
            worst = 2
            continue
        print(_printable(f"{'PASS' if not failures else 'FAIL'} {name}"))
        for failure in failures:
            print(_printable(f"  {failure}"))
        worst = max(worst, 1 if failures else 0)
    return worst


def _printable(text: str) -> str:
    """A line safe for a terminal: control characters (an escape sequence in a file's key) written as \\xNN."""
    return "".join(ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii")
                   for ch in text)


def _story(args: argparse.Namespace) -> int:
    from medguide.bot.devtools.story import main as stories

    return stories(args.paths, strict=args.strict)


def _flow(args: argparse.Namespace) -> int:
    from medguide.bot.devtools.graph import mermaid

    sys.stdout.write(mermaid())
    return 0


def _settings():
    """The validated settings, or None after printing what is wrong with them (the caller exits 2)."""
    from medguide.bot.faces.app import config

    try:
        return config.load()
    except config.SettingsError as exc:
        sys.stderr.write(f"medguide cannot start: the settings are not right.\n{exc}\n")
        return None


def _app(args: argparse.Namespace) -> int:
    settings = _settings()
    if settings is None:
        return 2
    from medguide.bot.faces.app.app import run_app

    return run_app(mode=getattr(args, "mode", "parent"), language=getattr(args, "lang", None), config=settings,
                   today=_clock(args))


def _kiosk(args: argparse.Namespace) -> int:
    from medguide.bot.faces.app import config

    if args.set_pin:
        return _set_pin()
    settings = _settings()
    if settings is None:
        return 2
    if settings.kiosk.pin is None:
        sys.stderr.write(f"No staff PIN is set, so staff could not close the kiosk. Set one first: medguide kiosk --set-pin\n"
                         f"(it is stored as a salted hash in {config.config_path()})\n")
        return 2
    from medguide.bot.faces.app.kiosk_env import clean_start

    refused = clean_start(["--lang", args.lang] if args.lang else [])  # before Textual is imported; may exec afresh
    if refused:
        sys.stderr.write(f"medguide cannot start: {refused}.\n")
        return 2
    from medguide.bot.faces.app.app import run_app

    return run_app(mode="kiosk", language=args.lang, config=settings)


def _set_pin() -> int:
    import getpass

    from medguide.bot.faces.app import config

    if sys.stdin.isatty():
        pin = getpass.getpass("New staff PIN: ")
        if getpass.getpass("The PIN again: ") != pin:
            sys.stderr.write("The two PINs differ; nothing was changed.\n")
            return 1
    else:
        pin = sys.stdin.readline().rstrip("\r\n")
    try:
        config.check_new_pin(pin)
    except ValueError as exc:
        sys.stderr.write(f"{exc} Nothing was changed.\n")
        return 1
    try:
        path = config.set_pin(pin)
    except config.SettingsError as exc:
        sys.stderr.write(f"The settings file is not right, so the PIN was not stored.\n{exc}\n")
        return 2
    except OSError as exc:
        sys.stderr.write(f"The PIN could not be stored in {config.config_path()}: {exc.strerror or exc}\n")
        return 1
    print(f"The staff PIN is set (its hash is in {path}).")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="medguide", description="A guide to the health-insurance part of a child support order.")
    sub = parser.add_subparsers(dest="command")

    rules = sub.add_parser("rules", help="run the rules on JSON Lines, or list them")
    rsub = rules.add_subparsers(dest="rules_command", required=True)
    run = rsub.add_parser("run", help='read {"rule": ID, "facts": {...}} lines on stdin, write one result line each')
    run.add_argument("--brief", action="store_true", help="leave out steps and citations")
    rsub.add_parser("list", help="print every rule id with the JSON schema of its facts")
    rules.set_defaults(func=_rules)

    chat = sub.add_parser("chat", help="the interview in the terminal")
    chat.add_argument("--plain", action="store_true", help="one prompt a line on stdin/stdout (screen readers, pipes)")
    chat.add_argument("--lang", default="en", choices=sorted(LANGUAGES), help="language (default en)")
    chat.add_argument("--today", type=_day, metavar="YYYY-MM-DD", help="the day the guide takes as today")
    chat.set_defaults(func=_chat)

    script = sub.add_parser("script", help="play scripted conversations (YAML) and report PASS or FAIL")
    script.add_argument("files", nargs="+")
    script.set_defaults(func=_script)

    story = sub.add_parser("story", help="play stories (YAML: answers by question id, what the parent must be told) "
                                          "and report PASS or FAIL")
    story.add_argument("paths", nargs="+", metavar="FILE|DIR")
    story.add_argument("--strict", action="store_true", help="an answer the guide never asked for fails the story")
    story.set_defaults(func=_story)

    flow = sub.add_parser("flow", help="the interview graph")
    flow.add_argument("--mermaid", action="store_true", required=True, help="print it as a Mermaid state diagram")
    flow.set_defaults(func=_flow)

    kiosk = sub.add_parser("kiosk", help="the app on a shared screen: no way out but the staff PIN, wiped when idle")
    kiosk.add_argument("--lang", default=None, choices=sorted(LANGUAGES), help="skip the language screen")
    kiosk.add_argument("--set-pin", action="store_true", help="set the staff PIN (read twice from the terminal, or once from stdin)")
    kiosk.set_defaults(func=_kiosk)

    desk = sub.add_parser("desk", help="the app for help-desk staff: side panel in English, sessions saved in SQLite or PostgreSQL")
    desk.add_argument("--today", type=_day, metavar="YYYY-MM-DD", help="the day the guide takes as today")
    desk.set_defaults(func=_app, mode="desk")
    parser.set_defaults(func=_app, mode="parent")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.func is not _rules:  # every face but the rules batch speaks to people
        from medguide.bot.words.i18n import CatalogMissing, check_catalogs

        try:
            check_catalogs()
        except CatalogMissing as exc:
            sys.stderr.write(f"medguide cannot start: {exc}\n")
            return 2
    try:
        return args.func(args)
    except BrokenPipeError:  # `medguide rules run | head` is fine
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
