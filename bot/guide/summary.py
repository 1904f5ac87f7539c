"""The summary a parent takes away: answers and results, in their language, with an English copy for court staff.

Markdown (``.md``) or plain text (``.txt``, chosen by the file name). Everything a
person typed is written as text: in Markdown, characters that would format are escaped.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

from medguide.bot.guide.engine import Engine
from medguide.bot.guide.explain import explain_session
from medguide.bot.words.i18n import Lang, lang as get_lang


def topic_title(topic: str, lang: Lang) -> str:
    _ = lang._
    titles = {
        "order": _("Your order"),
        "coverage": _("Health insurance"),
        "income": _("Income"),
        "expenses": _("Medical bills"),
    }
    return titles.get(topic, topic)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def summary(engine: Engine, lang: Lang, markdown: bool = True, today: date | None = None) -> str:
    """The answers on the path and every result, in ``lang``."""
    _ = lang._
    esc = (lambda s: _MD_SPECIAL.sub(r"\\\1", s)) if markdown else (lambda s: s)
    h1 = (lambda s: f"# {s}") if markdown else (lambda s: f"{s}\n{'=' * len(s)}")
    h2 = (lambda s: f"## {s}") if markdown else (lambda s: f"{s}\n{'-' * len(s)}")
    h3 = (lambda s: f"### {s}") if markdown else (lambda s: s.upper())
    lines = [h1(_("Health insurance in your child support order")), ""]
    lines += [_("Made on {date} with medguide. This is a guide, not legal advice.").format(date=lang.date(today or engine.today)), ""]
    lines += [h2(_("Your answers")), ""]
    topic = None
    for number, row in enumerate(engine.review(lang), start=1):
        if row.topic != topic:
            topic = row.topic
            if lines[-1] != "":
                lines.append("")
            lines += [h3(topic_title(topic, lang)), ""]
        lines.append(f"{number}. {row.ask} **{esc(row.answer)}**" if markdown else f"{number}. {row.ask} {row.answer}")
    lines += ["", h2(_("Your results")), ""]
    explanations = explain_session(engine, lang)
    if not explanations:
        lines += [_("The guide has no result for these answers."), ""]
    for x in explanations:
        lines += [h3(x.headline), ""]
        if x.why:
            lines += [_("Why:"), *(f"- {s}" for s in x.why), ""]
        if x.next_steps:
            lines += [_("What to do next:"), *(f"- {s}" for s in x.next_steps), ""]
        if x.verbatim:
            lines += [x.verbatim_title or _("The order must use these exact words:"), "",
                      f"> {x.verbatim}" if markdown else f"    {x.verbatim}", ""]
            if x.gloss:
                lines += [x.gloss, ""]
        if x.law:
            lines += [_("The law:"), *(f"- {s}" for s in x.law), ""]
    return "\n".join(lines).rstrip() + "\n"


def full_summary(engine: Engine, markdown: bool = True, today: date | None = None) -> str:
    """The summary in the session's language, then (when that is not English) the English copy."""
    text = summary(engine, engine.lang, markdown, today)
    if engine.lang.code != "en":
        english = get_lang("en")
        rule = "\n---\n\n" if markdown else "\n" + "=" * 60 + "\n\n"
        heading = "English copy for court staff"
        text += rule + (f"*{heading}*" if markdown else heading) + "\n\n" + summary(engine, english, markdown, today)
    return text


def write(path: Path, engine: Engine, today: date | None = None, *, replace: bool = False) -> Path:
    """Write the summary to ``path`` (plain text when it ends in .txt, else Markdown), readable by its owner only.

    An existing file is never overwritten unless ``replace`` (the app asks first): ``FileExistsError``.
    Missing folders are made owner-only too.
    """
    path = path.expanduser()
    text = full_summary(engine, markdown=path.suffix.lower() != ".txt", today=today)
    return write_bytes(path, text.encode("utf-8"), replace=replace)


def write_bytes(path: Path, data: bytes, *, replace: bool = False) -> Path:
    """Write ``data`` to ``path``, owner-only (0600, missing folders 0700); ``FileExistsError`` unless ``replace``.

    A replacement goes through an owner-only temporary file renamed into place, so a failure leaves the old file.
    """
    path = path.expanduser()
    _private_folders(path.parent)
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    if not replace:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | nofollow, 0o600)  # FileExistsError when it is there
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        return path
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | nofollow, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def free_name(folder: Path, name: str) -> Path:
    """``folder / name``, or the first ``name-2``, ``name-3`` ... that is not taken (a new name, never a replacement)."""
    folder = folder.expanduser()
    first = folder / name
    if not first.exists() and not first.is_symlink():
        return first
    stem, suffix = first.stem, first.suffix
    n = 2
    while True:
        candidate = folder / f"{stem}-{n}{suffix}"
        if not candidate.exists() and not candidate.is_symlink():
            return candidate
        n += 1


def _private_folders(folder: Path) -> None:
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        made.mkdir(mode=0o700, exist_ok=True)
        os.chmod(made, 0o700)
