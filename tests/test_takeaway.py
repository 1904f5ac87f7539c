"""Issue 14, taking the results away: the PDF read back, the QR codes decoded back, the calendar parsed back,
the letters, and the kiosk's print that leaves no file behind.

Real interviews only: the Utah worked example (``UTAH_PAYER``) and a California story with a bill.
"""

from __future__ import annotations

import dataclasses

import io
import re
from datetime import date
from pathlib import Path

import pytest

from medguide.bot.devtools.story import answered_in_order, load_story
from medguide.bot.faces.paper.calendar import calendar_ics
from medguide.bot.faces.paper.pdf import letters_pdf, results_pdf
from medguide.bot.faces.paper.qr import Code, half_blocks, largest_version, matrix, split
from medguide.bot.guide.explain import explain_session
from medguide.bot.guide.takeaway import brief, brief_text, letters, upcoming
from medguide.bot.words.i18n import LANGUAGES, lang

from .app_helpers import make_app, played_engine, run_async
from .interviews import IN_FORCE
from .interviews import STORIES

CALIFORNIA_BILL = answered_in_order(load_story(STORIES / "california" / "half_out_of_network_excess.yaml"))
"""A California payer with one out-of-network bill: the 4063(b) statement, due 2024-04-09."""


# ---------------------------------------------------------------- reading a PDF back
def pdf_text(data: bytes) -> str:
    import pypdf

    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def pdf_glyphs(data: bytes) -> tuple[set[str], set[int]]:
    """Every character the embedded fonts draw (from their ToUnicode maps), and the glyph ids used."""
    import pypdf

    chars: set[str] = set()
    glyphs: set[int] = set()
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
                for gid, uni in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
                    glyphs.add(int(gid, 16))
                    chars.update(bytes.fromhex(uni).decode("utf-16-be"))
    return chars, glyphs


def flat(text: str) -> str:
    """Text without spaces or line breaks (PDF extraction breaks lines where the page does)."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def printed() -> dict[str, bytes]:
    """The results PDF of the Utah worked example in English, Vietnamese and Chinese (about 2-4 s each)."""
    return {code: results_pdf(played_engine(code)) for code in ("en", "vi", "zh_Hans")}


@pytest.mark.parametrize("code", ["vi", "zh_Hans"])
def test_the_pdf_has_every_figure_and_date_in_both_languages(printed, code):
    data = printed[code]
    text = flat(pdf_text(data))
    engine = played_engine(code)
    mine, english = lang(code), lang("en")
    import pypdf

    root = pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]  # tagged PDF: a screen reader can follow it
    assert str(root["/Lang"]).startswith(code.split("_")[0])
    for words in (mine, english):
        found = explain_session(engine, words)
        for x in found:
            assert flat(x.headline) in text, x.headline  # every result's figure, in both copies
        for d, _ in upcoming(found, include_passed=True):
            assert flat(words.date(d.on)) in text  # every date, in both copies
    for figure in ("$317.00", "$198.00", "$350.00", "$33.00"):
        assert text.count(figure) >= 2, figure  # once in the person's language, once in English
    assert flat("English copy for court and office staff.") in text


@pytest.mark.parametrize("code", ["en", "vi", "zh_Hans"])
def test_the_pdf_fonts_draw_every_character(printed, code):
    """No missing glyphs: no .notdef (glyph 0) is drawn, and the embedded fonts map every character of the words."""
    chars, glyphs = pdf_glyphs(printed[code])
    assert 0 not in glyphs
    engine = played_engine(code)
    found = explain_session(engine)
    words = "".join(str(line) for x in found for line in [x.headline, *x.why, *x.next_steps, *x.depends])
    missing = {ch for ch in words if not ch.isspace()} - chars
    assert not missing, f"characters no embedded font draws: {sorted(missing)}"


def test_the_utah_cover_letter_lists_what_is_enclosed_in_english_and_the_persons_language():
    engine = played_engine("es")
    data = letters_pdf(engine)
    assert data is not None
    text = flat(pdf_text(data))
    assert [x.kind for x in letters(engine)] == ["ut.credit_request"]
    for words in (lang("en"), lang("es")):
        letter = letters(engine, words)[0]
        for line in [letter.title, letter.to, *letter.enclosed]:
            assert flat(line) in text, line
    assert "$198.00" in text and flat("3 people, 1 of them on this case") in text


def test_the_california_statement_lists_each_bill_with_its_due_date():
    engine = played_engine("zh_Hans", CALIFORNIA_BILL)
    statement = [x for x in letters(engine, lang("en")) if x.kind == "ca.itemized_statement"][0]
    assert statement.table == [["Bill 1", "March 10, 2024", "$500.00", "March 10, 2024", "$150.00"]]
    assert statement.due == "This statement is due by April 9, 2024."
    text = flat(pdf_text(letters_pdf(engine) or b""))
    assert flat(statement.due) in text and flat("2024年4月9日") in text and text.count("$150.00") >= 4


def test_each_letter_only_where_the_results_call_for_it():
    assert [x.kind for x in letters(played_engine("en"))] == ["ut.credit_request"]
    assert [x.kind for x in letters(played_engine("en", CALIFORNIA_BILL))] == ["ca.itemized_statement"]


# ---------------------------------------------------------------- the QR codes
def decode(code: Code) -> str:
    import zxingcpp
    from PIL import Image

    rows = matrix(code, border=4)
    image = Image.new("L", (len(rows[0]), len(rows)))
    image.putdata([0 if dark else 255 for row in rows for dark in row])
    image = image.resize((image.width * 4, image.height * 4), Image.NEAREST)
    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1, "the code did not decode"
    return found[0].text


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_the_phone_codes_decode_back_to_the_summary_in_every_language(code):
    text = brief_text(brief(played_engine(code)))
    for columns, rows in ((80, 22), (200, 60)):
        codes = split(text, largest_version(columns, rows))
        assert codes and all(c.version <= largest_version(columns, rows) for c in codes)
        assert "".join(decode(c) for c in codes) == text  # UTF-8 with ECI: every language survives
    assert len(split(text, largest_version(200, 60))) == 1  # a large kiosk screen holds it in one code


def _modules(lines: list[str]) -> list[list[bool]]:
    rows = []
    for line in lines:
        rows.append([ch in "█▀" for ch in line])
        rows.append([ch in "█▄" for ch in line])
    return rows


def _decode_modules(rows: list[list[bool]]) -> str:
    import zxingcpp
    from PIL import Image

    pad = 4
    width = len(rows[0]) + 2 * pad
    image = Image.new("L", (width, len(rows) + 2 * pad), 255)
    image.putdata([255] * (width * pad)
                  + [v for row in rows for v in [255] * pad + [0 if d else 255 for d in row] + [255] * pad]
                  + [255] * (width * pad))
    image = image.resize((image.width * 4, image.height * 4), Image.NEAREST)
    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1, "the code on screen did not decode"
    return found[0].text


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
@run_async
async def test_the_kiosk_shows_the_codes_on_screen_and_they_scan_back(tmp_path: Path, size):
    """F10 at the kiosk: the codes drawn on the screen (half blocks) decode back, in order, to the summary; on a
    screen large enough, then the next deadline as a calendar event."""
    from textual.widgets import Static

    from medguide.bot.faces.app.screens.phone_code import PhoneCode

    app = make_app("kiosk", "vi", tmp=tmp_path)
    app.engine = played_engine("vi", IN_FORCE)
    text = brief_text(brief(app.engine))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, PhoneCode)
        parts = []
        for _ in range(len(app.screen.codes)):
            shown = app.screen.shown
            drawn = str(app.screen.query_one("#code", Static).render()).split("\n")
            assert drawn == half_blocks(shown)
            assert max(len(line) for line in drawn) <= size[0] and len(drawn) <= size[1] - 2  # it fits the screen
            parts.append(_decode_modules(_modules(drawn)))
            await pilot.press("right")
            await pilot.pause()
        assert not isinstance(app.screen, PhoneCode)  # past the last code it closes
    if size[0] > 80:
        event = parts.pop()
        assert event.startswith("BEGIN:VEVENT") and "DTSTART;VALUE=DATE:20270102" in event
    assert "".join(parts) == text


# ---------------------------------------------------------------- the calendar
@pytest.mark.parametrize("code", ["en", "tl"])
def test_the_calendar_file_parses_back_with_every_date_not_passed_and_a_reminder(code):
    from icalendar import Calendar

    engine = played_engine(code, IN_FORCE)
    cal = Calendar.from_ical(calendar_ics(engine))
    events = list(cal.walk("VEVENT"))
    wanted = upcoming(explain_session(engine))
    assert [e.decoded("dtstart") for e in events] == [d.on for d, _ in wanted] == [date(2027, 1, 2)]
    for event, (d, _) in zip(events, wanted):
        assert str(event["summary"]) == str(d.said)
        assert [str(a.decoded("trigger")) for a in event.walk("VALARM")] == ["-7 days, 0:00:00", "-1 day, 0:00:00"]
        if code != "en":
            assert "Yearly proof of insurance due by January 2, 2027." in str(event["description"])  # the English copy


def test_passed_deadlines_stay_out_of_the_calendar():
    from icalendar import Calendar

    engine = played_engine("en", CALIFORNIA_BILL)
    dated = [d for x in explain_session(engine) for d in x.dates]
    assert dated and all(d.passed for d in dated)  # April and May 2024, read on 2026-11-23
    assert not list(Calendar.from_ical(calendar_ics(engine)).walk("VEVENT"))


# ---------------------------------------------------------------- printing at the kiosk
def _files(root: Path) -> set[Path]:
    return set(root.rglob("*"))


@run_async
async def test_printing_at_the_kiosk_pipes_the_pdf_and_leaves_no_file(tmp_path: Path, monkeypatch):
    """The fake printer keeps what it got outside the kiosk's folders; home, the working folder and TMPDIR are unchanged."""
    from medguide.bot.faces.app.config import PrintConfig
    from medguide.bot.faces.app.screens.results import ResultsScreen

    kiosk = tmp_path / "kiosk"
    spool = tmp_path / "printer"
    for folder in (kiosk, kiosk / "tmp", spool):
        folder.mkdir()
    monkeypatch.chdir(kiosk)
    monkeypatch.setenv("HOME", str(kiosk))
    monkeypatch.setenv("TMPDIR", str(kiosk / "tmp"))
    before = _files(kiosk)
    app = make_app("kiosk", "zh_Hans", tmp=kiosk)
    app.config = dataclasses.replace(app.config, print=PrintConfig(command=f"cat > {spool}/job.pdf"))
    app.engine = played_engine("zh_Hans")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("ctrl+p")
        for _ in range(200):
            await pilot.pause(0.1)
            if any("打印机" in n.message and "已发送" in n.message for n in app._notifications):
                break
        else:
            raise AssertionError("the pages never reached the printer")
    got = (spool / "job.pdf").read_bytes()
    headline = next(x.headline for x in explain_session(app.engine) if x.rule == "ut.premium_credit")
    assert flat(headline) in flat(pdf_text(got)) and "$317.00" in headline
    assert _files(kiosk) == before  # no PDF, no temporary file, no cache


@run_async
async def test_a_printer_that_fails_is_said_plainly_at_the_kiosk(tmp_path: Path):
    from medguide.bot.faces.app.config import PrintConfig

    app = make_app("kiosk", "en", tmp=tmp_path)
    app.config = dataclasses.replace(app.config, print=PrintConfig(command="exit 3"))
    app.engine = played_engine("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        for _ in range(200):
            await pilot.pause(0.1)
            said = [n.message for n in app._notifications]
            if any("did not take" in m for m in said):
                break
        else:
            raise AssertionError("no word that the printer failed")
        assert any(m == "The printer did not take the pages. Please ask staff for help." for m in said)
        assert not any("exit 3" in m for m in said)  # the command's own words are for staff, not on the kiosk's screen


def test_the_print_command_is_a_setting(tmp_path: Path):
    from medguide.bot.faces.app.config import SettingsError, load

    assert load(tmp_path / "none.toml").print.command == "lp"
    path = tmp_path / "config.toml"
    path.write_text('[print]\ncommand = "lp -d front-desk"\n', encoding="utf-8")
    assert load(path).print.command == "lp -d front-desk"
    path.write_text('[print]\ncommand = ""\n', encoding="utf-8")
    with pytest.raises(SettingsError, match=r"\[print\] command"):
        load(path)



def test_ci_installs_what_the_pdf_needs():
    """.ci/run installs the Debian packages WeasyPrint and the fonts need, and still ends with the README's test command."""
    run = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fonts-dejavu-core", "fonts-wqy-microhei"):
        assert package in run
    assert run.rstrip().splitlines()[-1] == "bin/setup && .venv/bin/python -m pytest"
