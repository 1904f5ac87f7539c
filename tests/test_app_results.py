"""Issue 14, the results on one screen: the summary fits 80x24 in every language with no line over 76 cells,
each line opens its card, Help has the glossary, the footer fits; and the small things at a kiosk."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import Button, OptionList

from medguide.bot.faces.app.screens.choose import Choose
from medguide.bot.faces.app.screens.help import HelpScreen
from medguide.bot.faces.app.screens.question import QuestionScreen
from medguide.bot.faces.app.screens.result_detail import ResultDetail
from medguide.bot.faces.app.screens.results import ResultsScreen
from medguide.bot.faces.app.widgets import KeyHints, Plain, SafeInput
from medguide.bot.guide.explain import explain_session, glossary_entry
from medguide.bot.guide.takeaway import WIDTH
from medguide.bot.words.i18n import LANGUAGES, lang

from .app_helpers import UTAH_PAYER, answer, make_app, play, played_engine, run_async
from .interviews import IN_FORCE
from .test_takeaway import CALIFORNIA_BILL


def summary_lines(app) -> list[str]:
    """Every line a person reads on the summary: the headings, the list, the buttons."""
    screen = app.screen
    lines = []
    for plain in screen.query("#summary Plain").results(Plain):
        lines += plain.text.split("\n")
    options = screen.query_one("#summary-lines", OptionList)
    lines += [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    return [line for line in lines if line]


def assert_fits(app, columns: int) -> None:
    screen = app.screen
    options = screen.query_one("#summary-lines", OptionList)
    assert options.max_scroll_y == 0, "the summary needs scrolling"
    assert options.virtual_size.height <= options.size.height
    for line in summary_lines(app):
        assert cell_len(line) <= WIDTH, line
    assert screen.query_one("#summary").region.width <= 80  # no line grows past 76 cells at any width
    for button in screen.query("#actions Button").results(Button):
        assert button.region.right <= columns, button.label  # every button on screen
        assert cell_len(str(button.label)) <= button.content_size.width, button.label  # and its words whole
    keys = screen.query_one("#keys", KeyHints)
    assert len(keys.shown) <= 2 and all(cell_len("  ".join(f"{k} {l}" for k, l, _ in row)) <= columns - 2 for row in keys.shown)


@pytest.mark.parametrize("code", list(LANGUAGES))
@pytest.mark.parametrize("mode", ["parent", "kiosk"])
@run_async
async def test_the_summary_fits_80x24_in_every_language(code, mode):
    words = lang(code)
    for steps in (UTAH_PAYER, IN_FORCE):  # the credit not asked for yet (depends), and in force (dated)
        app = make_app(mode, code)
        app.engine = played_engine(code, steps)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ResultsScreen)
            assert_fits(app, 80)
            found = explain_session(app.engine)
            shown = "\n".join(summary_lines(app))
            count = words.n_("There is {count} result.", "There are {count} results.", len(found)).format(
                count=words.number(len(found)))
            assert count in shown  # how many results there are
            assert "$317.00" in shown and "$198.00" in shown  # each headline, the figure on its one line
            if steps is IN_FORCE:
                dated = [d for x in found for d in x.dates]
                assert dated and all(words.date(d.on) in shown for d in dated)  # what to do next, with its date
            else:
                assert str(found[1].depends[0])[:20] in shown  # what the results depend on


@pytest.mark.parametrize("code", ["en", "vi"])
@run_async
async def test_the_summary_with_a_bill_fits_too_and_lines_stay_short_on_a_wide_terminal(code):
    app = make_app("parent", code)
    app.engine = played_engine(code, CALIFORNIA_BILL)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert_fits(app, 80)
    app = make_app("desk" if code == "en" else "parent", code, tmp=None)
    app.engine = played_engine(code, CALIFORNIA_BILL)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        if not isinstance(app.screen, ResultsScreen):  # the desk opens on its sessions: show this one
            app.push_screen(ResultsScreen())
            await pilot.pause()
        for line in summary_lines(app):
            assert cell_len(line) <= WIDTH
        assert app.screen.query_one("#summary").region.width <= 80


@run_async
async def test_each_line_opens_its_card_and_help_explains_the_words_in_the_persons_language():
    app = make_app("parent", "es")
    app.engine = played_engine("es")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#summary-lines", OptionList)
        assert app.focused is options and options.highlighted == 1  # the first result, under its heading
        await pilot.press("down", "enter")  # the second result: the credit
        await pilot.pause()
        assert isinstance(app.screen, ResultDetail) and app.screen.index == 1
        card = "\n".join(p.text for p in app.screen.query(Plain).results(Plain))
        assert "$350.00 menos $33.00 da $317.00." in card and "CS 407P" in card  # the working and the law
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        titles = [title for title, _ in app.screen.sections]
        word, meaning = glossary_entry("insurance_credit", lang("es"), app.engine.today)
        assert word in titles and dict(app.screen.sections)[word] == meaning
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("f1")  # the summary's own help: the words on it
        await pilot.pause()
        titles = [title for title, _ in app.screen.sections]
        for term in ("premium", "reasonable_cost", "primary_plan"):
            assert glossary_entry(term, lang("es"), app.engine.today)[0] in titles
        await pilot.press("escape")
        await pilot.press("4")  # a result by its number
        await pilot.pause()
        assert isinstance(app.screen, ResultDetail) and app.screen.index == 3


@pytest.mark.parametrize("code", list(LANGUAGES))
@run_async
async def test_the_footer_fits_80_columns_and_i_dont_know_is_never_cut_off(code):
    app = make_app("parent", code)
    app.engine = played_engine(code, UTAH_PAYER[:8])  # base_support: a typed amount
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = app.screen.query_one("#keys", KeyHints)
        labels = [label for row in keys.shown for _, label, _ in row]
        assert lang(code)._("I don't know") in labels
        assert len(keys.shown) <= 2
        for row in keys.shown:
            assert cell_len("  ".join(f"{k} {l}" for k, l, _ in row)) <= 78
        rendered = [("".join(s.text for s in keys.render_line(y))).strip() for y in range(len(keys.shown))]
        unknown = lang(code)._("I don't know")
        assert any(f"F5 {unknown}" in line for line in rendered)  # whole, on one line


@run_async
async def test_an_example_is_beside_the_box_and_an_empty_enter_says_what_to_type():
    app = make_app("parent", "en")
    app.engine = played_engine("en", UTAH_PAYER[:8])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        box = app.screen.query_one(SafeInput)
        assert box.value == "" and box.placeholder == ""  # nothing grey where the cursor sits
        assert app.screen.query_one("#example", Plain).text == "For example: $1,234.56"
        hint = app.screen.query_one("#hint", Plain).text
        await answer(pilot, "base_support", "")
        error = app.screen.query_one("#error", Plain).text
        assert error == "Nothing was typed. Type an amount in dollars, for example $1,234.56."
        assert error != hint and app.engine.current.id == "base_support"
        await play(pilot, UTAH_PAYER[8:12])
        assert app.engine.current.id == "my_children_on_case"
        assert app.screen.query_one("#example", Plain).text == "For example: 3"


@run_async
async def test_leaving_at_home_asks_first_and_offers_to_save(tmp_path: Path):
    app = make_app("parent", "en", tmp=tmp_path)
    app.engine = played_engine("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, Choose) and app.screen.question == "Leave medguide?"
        await pilot.click("#stay")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen) and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#save")  # save the summary, then leave
        await pilot.pause()
        await pilot.click("#as-txt")
        await pilot.pause()
        await pilot.pause()
    assert (tmp_path / "medguide-summary-2026-11-23.txt").stat().st_mode & 0o777 == 0o600
    assert app.return_code == 0


@run_async
async def test_nothing_answered_leaves_at_once():
    app = make_app("parent", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


@run_async
async def test_the_take_away_menu_is_the_modes(tmp_path: Path):
    """Print everywhere; the phone code only at the kiosk; files (summary, calendar, letter) only where the mode saves."""
    offered = {}
    for mode in ("parent", "kiosk"):
        app = make_app(mode, "en", tmp=tmp_path)
        app.engine = played_engine("en", IN_FORCE)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.click("#takeaway")
            await pilot.pause()
            assert isinstance(app.screen, Choose)
            offered[mode] = [b.id for b in app.screen.query(Button).results(Button)]
            for button in app.screen.query(Button).results(Button):
                assert button.region.right <= 80 and cell_len(str(button.label)) <= button.content_size.width
    assert offered["parent"] == ["print", "print_letter", "save", "save_calendar", "save_letter"]
    assert offered["kiosk"] == ["print", "print_letter", "phone_code"]


@run_async
async def test_the_calendar_and_the_letter_are_saved_owner_only_at_home(tmp_path: Path):
    import os

    app = make_app("parent", "vi", tmp=tmp_path)
    app.engine = played_engine("vi", IN_FORCE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for action in ("save_calendar", "save_letter"):
            await pilot.click("#takeaway")
            await pilot.pause()
            await pilot.click(f"#{action}")
            await pilot.pause()
            await pilot.click(app.screen.query(Button).first())
            await pilot.pause()
    ics = tmp_path / "medguide-deadlines-2026-11-23.ics"
    letter = tmp_path / "medguide-letter-2026-11-23.pdf"
    assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR") and letter.read_bytes().startswith(b"%PDF-")
    assert {os.stat(p).st_mode & 0o777 for p in (ics, letter)} == {0o600}
