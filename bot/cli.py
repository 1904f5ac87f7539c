"""The `medguide` command: the app, and the headless ways in (rules, chat, script, flow)."""

from __future__ import annotations

import argparse
import json
import sys

from .i18n import LANGUAGES


def _rules(args: argparse.Namespace) -> int:
    from . import batch

    if args.rules_command == "list":
        for entry in batch.rules_list():
            sys.stdout.write(json.dumps(entry, ensure_ascii=False) + "\n")
        return 0
    batch.run_stream(sys.stdin.buffer, sys.stdout.buffer, brief=args.brief)
    return 0


def _chat(args: argparse.Namespace) -> int:
    from .chat import run_plain

    if not args.plain:
        from .app import run_app

        return run_app(mode="parent", language=args.lang)
    return run_plain(args.lang)


def _script(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .script import load_script, run_script

    worst = 0
    for name in args.files:
        failures = run_script(load_script(Path(name)))
        print(f"{'PASS' if not failures else 'FAIL'} {name}")
        for failure in failures:
            print(f"  {failure}")
        worst = worst or (1 if failures else 0)
    return worst


def _flow(args: argparse.Namespace) -> int:
    from .graph import mermaid

    sys.stdout.write(mermaid())
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
    chat.set_defaults(func=_chat)

    script = sub.add_parser("script", help="play scripted conversations (YAML) and report PASS or FAIL")
    script.add_argument("files", nargs="+")
    script.set_defaults(func=_script)

    flow = sub.add_parser("flow", help="the interview graph")
    flow.add_argument("--mermaid", action="store_true", required=True, help="print it as a Mermaid state diagram")
    flow.set_defaults(func=_flow)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "func", None) is None:
        parser.print_help()
        return 0
    try:
        return args.func(args)
    except BrokenPipeError:  # `medguide rules run | head` is fine
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
