"""The `medguide` command: the app, and the headless ways in (rules, chat, script, flow)."""

from __future__ import annotations

import argparse
import json
import sys


def _rules(args: argparse.Namespace) -> int:
    from . import batch

    if args.rules_command == "list":
        for entry in batch.rules_list():
            sys.stdout.write(json.dumps(entry, ensure_ascii=False) + "\n")
        return 0
    batch.run_stream(sys.stdin.buffer, sys.stdout.buffer, brief=args.brief)
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
