"""The results and the letters as PDF, through WeasyPrint: tagged (accessible) PDF, fonts found by fontconfig.

Why WeasyPrint: it lays text out with Pango and HarfBuzz, so Vietnamese's stacked accents and Chinese
come out right with the system's fonts (DejaVu Sans, WenQuanYi Micro Hei), and it writes tagged PDF
(``pdf_tags``: headings, lists and tables a screen reader can follow). Debian packages it needs:
``libpango-1.0-0`` and ``libpangoft2-1.0-0`` (WeasyPrint loads them with cffi), ``fonts-dejavu-core``
and ``fonts-wqy-microhei`` (Chinese). WeasyPrint is imported only when a PDF is made.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Iterable

from medguide.bot.guide.explain import explain_session
from medguide.bot.guide.summary import topic_title
from medguide.bot.guide.takeaway import Letter, brief, dated_line, letters, upcoming
from medguide.bot.words.i18n import Lang, lang as get_lang

if TYPE_CHECKING:
    from medguide.bot.guide.engine import Engine

FONTS = '"DejaVu Sans", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif'
"""Latin, Vietnamese and Tagalog from DejaVu Sans; Chinese from WenQuanYi Micro Hei (Noto CJK if it is there)."""

CSS = f"""
@page {{ size: letter; margin: 18mm 16mm; @bottom-right {{ content: counter(page) " / " counter(pages); font-size: 9pt; }} }}
html {{ font-family: {FONTS}; font-size: 11pt; line-height: 1.4; color: #000; }}
h1 {{ font-size: 17pt; margin: 0 0 4pt 0; }}
h2 {{ font-size: 13.5pt; margin: 14pt 0 4pt 0; border-bottom: 1px solid #444; }}
h3 {{ font-size: 11.5pt; margin: 10pt 0 2pt 0; }}
.copy {{ page-break-before: always; }}
.note {{ font-style: italic; }}
.law {{ font-size: 9.5pt; }}
.verbatim {{ font-style: italic; margin-left: 12pt; }}
table {{ border-collapse: collapse; width: 100%; margin: 6pt 0; }}
th, td {{ border: 1px solid #444; padding: 3pt 5pt; text-align: left; vertical-align: top; }}
.sign p {{ margin: 14pt 0 0 0; }}
ul {{ margin: 2pt 0; padding-left: 16pt; }}
"""


def _p(text: str, cls: str = "") -> str:
    return f'<p class="{cls}">{escape(text)}</p>' if cls else f"<p>{escape(text)}</p>"


def _ul(items: Iterable[str]) -> str:
    items = list(items)
    return "<ul>" + "".join(f"<li>{escape(s)}</li>" for s in items) + "</ul>" if items else ""


def results_section(engine: "Engine", lang: Lang) -> str:
    """The summary and every full result in ``lang``: the brief first, then the deadlines, the cards, the answers."""
    _ = lang._
    found = explain_session(engine, lang)
    b = brief(engine, lang, found)
    heading = _("Health insurance in your child support order")
    out = [f"<h1>{escape(heading)}</h1>",
           _p(_("Made on {date} with medguide. This is a guide, not legal advice.").format(date=lang.date(engine.today)), "note"),
           f"<h2>{escape(b.title)}</h2>", _p(b.count)]
    out.append("<ol>" + "".join(f"<li>{escape(line.text)}</li>" for line in b.results) + "</ol>")
    if b.depends:
        out += [f"<h3>{escape(b.depends_title)}</h3>", _ul(line.text for line in b.depends)]
    dated = upcoming(found, include_passed=True)
    if dated:
        dates_title = _("Dates to keep")
        out += [f"<h2>{escape(dates_title)}</h2>", _ul(dated_line(d, lang) for d, _i in dated)]
    results_title = _("Your results")
    out.append(f"<h2>{escape(results_title)}</h2>")
    for x in found:
        out.append(f"<h3>{escape(x.headline)}</h3>")
        if x.why:
            out += [_p(_("Why:")), _ul(x.why)]
        if x.next_steps:
            out += [_p(_("What to do next:")), _ul(x.next_steps)]
        if x.verbatim:
            out += [_p(_("The order must use these exact words:")), _p(x.verbatim, "verbatim")]
            if x.gloss:
                out.append(_p(x.gloss))
        if x.law:
            out += [_p(_("The law:")), f'<div class="law">{_ul(x.law)}</div>']
    review = engine.review(lang)
    if review:
        answers_title = _("Your answers")
        out.append(f"<h2>{escape(answers_title)}</h2>")
        topic = None
        rows = []
        for row in review:
            if row.topic != topic:
                topic = row.topic
                rows.append(f'<tr><th colspan="2">{escape(topic_title(topic, lang))}</th></tr>')
            rows.append(f"<tr><td>{escape(row.ask)}</td><td>{escape(row.answer)}</td></tr>")
        out.append("<table>" + "".join(rows) + "</table>")
    return "\n".join(out)


def letter_section(letter: Letter) -> str:
    out = [f"<h1>{escape(letter.title)}</h1>", _p(letter.dated), _p(letter.to), f"<p><strong>{escape(letter.subject)}</strong></p>"]
    out += [_p(text) for text in letter.paragraphs]
    if letter.table:
        head = "".join(f"<th>{escape(h)}</th>" for h in letter.table_head)
        body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in letter.table)
        out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        if letter.total:
            out.append(f"<p><strong>{escape(letter.total)}</strong></p>")
    if letter.due:
        out.append(f"<p><strong>{escape(letter.due)}</strong></p>")
    if letter.enclosed:
        out += [_p(letter.enclosed_title), _ul(letter.enclosed)]
    out.append('<div class="sign">' + "".join(_p(s + " " + "_" * 30) for s in letter.sign) + "</div>")
    return "\n".join(out)


def _document(sections: list[tuple[str, str]], title: str, main_lang: str) -> bytes:
    from weasyprint import CSS as StyleSheet, HTML  # about a second to import: only when a PDF is made

    body = "".join(f'<section lang="{code.replace("_", "-")}" class="{"copy" if i else "first"}">{html}</section>'
                   for i, (code, html) in enumerate(sections))
    page = (f'<!doctype html><html lang="{main_lang.replace("_", "-")}"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title></head><body>{body}</body></html>")
    return HTML(string=page).write_pdf(stylesheets=[StyleSheet(string=CSS)], pdf_tags=True)


def _copy_note(lang: Lang, english: bool) -> str:
    if english:
        return _p("English copy for court and office staff.", "note")
    return _p(lang._("A copy in your language. Send the English letter."), "note")


def results_pdf(engine: "Engine") -> bytes:
    """The results in the session's language, then (when that is not English) an English copy for staff."""
    lang = engine.lang
    sections = [(lang.code, results_section(engine, lang))]
    if lang.code != "en":
        english = get_lang("en")
        sections.append(("en", _copy_note(english, True) + results_section(engine, english)))
    return _document(sections, lang._("Health insurance in your child support order"), lang.code)


def letter_pdf(engine: "Engine", kind: str) -> bytes | None:
    """One letter (``ut.credit_request`` or ``ca.itemized_statement``) in English, then a copy in the session's language."""
    english = get_lang("en")
    mine = [x for x in letters(engine, english) if x.kind == kind]
    if not mine:
        return None
    sections = [("en", letter_section(mine[0]))]
    lang = engine.lang
    if lang.code != "en":
        theirs = [x for x in letters(engine, lang) if x.kind == kind]
        sections.append((lang.code, _copy_note(lang, False) + letter_section(theirs[0])))
    return _document(sections, mine[0].title, "en")


def letters_pdf(engine: "Engine") -> bytes | None:
    """Every letter the results call for, in one PDF (English, then the person's language), or None."""
    english = get_lang("en")
    found = letters(engine, english)
    if not found:
        return None
    sections = [("en", letter_section(x)) for x in found]
    lang = engine.lang
    if lang.code != "en":
        sections += [(lang.code, _copy_note(lang, False) + letter_section(x)) for x in letters(engine, lang)]
    return _document(sections, found[0].title, "en")
