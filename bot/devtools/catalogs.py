"""Extract, merge and compile medguide's translation catalogs.

    python -m medguide.bot.devtools.catalogs extract   # flows + code -> locales/medguide.pot
    python -m medguide.bot.devtools.catalogs update    # merge the .pot into every .po
    python -m medguide.bot.devtools.catalogs compile   # .po -> .mo (bin/setup and every build do this)

Messages come from two places:
- Python in bot/: ``lang._("...")``, ``lang.p_(context, "...")``, ``lang.n_(singular, plural, n)``;
- the interview data: each question's text, help, choice labels and "I don't know" effect,
  and the glossary, each with a context naming its question or term (``q:order_state``,
  ``choice:my_role``, ``term:premium``), so one English phrase can be translated per use.
"""

from __future__ import annotations

import sys

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from medguide.bot.devtools.build_backend import compile_po
from medguide.bot.words.i18n import DOMAIN, LANGUAGES, LOCALES_DIR, lang
from medguide.flows.model import glossary, load

ROOT = LOCALES_DIR.parent
POT = LOCALES_DIR / f"{DOMAIN}.pot"
KEYWORDS = {"_": None, "p_": ((1, "c"), 2), "n_": (1, 2)}


def flow_messages() -> list[tuple[str, str, str]]:
    """(context, message, where) for every string of the interview a person reads."""
    found = []
    for q in load().questions:
        where = f"flows/interview.yaml:{q.id}"
        found.append((f"q:{q.id}", q.ask, where))
        if q.help:
            found.append((f"help:{q.id}", q.help, where))
        for c in q.choices:
            found.append((f"choice:{q.id}", c.label, where))
        if q.unknown_effect:
            found.append((f"unknown:{q.id}", q.unknown_effect, where))
    for gid, group in load().groups.items():
        found.append((f"group:{gid}", group.title, f"flows/interview.yaml:{gid}"))
    for term in glossary().values():
        where = f"flows/glossary.yaml:{term.id}"
        found.append((f"term:{term.id}", term.word, where))
        found.append((f"meaning:{term.id}", term.meaning, where))
    return found


def template() -> Catalog:
    catalog = Catalog(project="medguide", version="0.1", charset="utf-8", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT / "bot"), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        catalog.add(message, locations=[(f"bot/{filename}", lineno)], auto_comments=comments, context=context)
    for context, message, where in flow_messages():
        path, _, anchor = where.partition(":")
        catalog.add(message, locations=[(path, 0)], auto_comments=[anchor], context=context)
    return catalog


def extract() -> int:
    catalog = template()
    POT.parent.mkdir(parents=True, exist_ok=True)
    with POT.open("wb") as f:
        write_po(f, catalog, width=100, omit_header=False, sort_output=False, include_lineno=False)
    print(f"{len(catalog)} messages -> {POT.relative_to(ROOT)}")
    return 0


def update() -> int:
    """Merge the template into every language's catalog (creating missing ones); new entries come empty."""
    extract()
    with POT.open("rb") as f:
        pot = read_po(f)
    for code in LANGUAGES:
        if code == "en":
            continue
        po_path = LOCALES_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po_path.exists():
            with po_path.open("rb") as f:
                catalog = read_po(f, locale=LANGUAGES[code][0])
        else:
            po_path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=LANGUAGES[code][0], project="medguide", fuzzy=False)
        catalog.update(pot, no_fuzzy_matching=True)
        with po_path.open("wb") as f:
            write_po(f, catalog, width=100, ignore_obsolete=True, include_lineno=False)
        untranslated = sum(1 for m in catalog if m.id and not m.string)
        print(f"{code}: {len(catalog)} messages, {untranslated} to translate")
    return 0


def compile_catalogs() -> int:
    """Compile every catalog to .mo (fuzzy entries left out); the languages are read afresh after."""
    count = len(compile_po(LOCALES_DIR))
    lang.cache_clear()
    return count


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "compile"
    if command == "compile":
        compile_catalogs()
        return 0
    if command == "extract":
        return extract()
    if command == "update":
        return update()
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
