"""The app for a parent: a whole interview through Pilot, review and edit, help, language, save, plain text."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from medguide.bot.faces.app.app import MedguideApp
from medguide.bot.faces.app.screens.help import HelpScreen
from medguide.bot.faces.app.screens.language import LanguagePicker, LanguageScreen
from medguide.bot.faces.app.screens.question import QuestionScreen
from medguide.bot.faces.app.screens.result_detail import ResultDetail
from medguide.bot.faces.app.screens.results import ResultsScreen
from medguide.bot.faces.app.screens.save import SaveFile
from medguide.bot.faces.app.screens.review import ReviewScreen
from medguide.bot.faces.app.widgets import ChoiceSet, KeyHints, Plain, SafeInput
from medguide.flows.model import Flow

from .app_helpers import UTAH_PAYER, answer, make_app, play, played_engine, run_async, screen_text


@run_async
async def test_a_whole_interview_as_a_parent(tmp_path: Path):
    app = make_app("parent", tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, LanguageScreen)
        await pilot.click("#lang-es")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.engine.lang.code == "es"
        await play(pilot, UTAH_PAYER[:8])
        # a refused answer keeps what was typed and says why
        await answer(pilot, "base_support", "abc")
        assert app.engine.current.id == "base_support"
        assert app.screen.query_one("#error", Plain).text
        assert app.screen.query_one(SafeInput).value == "abc"
        await answer(pilot, "base_support", "350,00")  # Spanish decimal comma
        await play(pilot, UTAH_PAYER[9:])
        assert isinstance(app.screen, ResultsScreen)
        text = screen_text(app)
        assert "$317.00" in text and "manutención" in text  # US money, as US papers write it, in Spanish too
        await pilot.press("2")  # the second result's card: why, the working, the law
        await pilot.pause()
        assert isinstance(app.screen, ResultDetail)
        assert "CS 407P" in screen_text(app)  # the law
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        figures = {r.rule: r for r in app.engine.results()}["ut.premium_credit"].outcome.figures
        assert figures["adjusted_support"] == Decimal("317.00")

        # review: every answer on screen with Edit beside it; edit one, the rest carry on
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert len(app.screen.query("Button.edit")) == len(UTAH_PAYER)
        app.screen.query_one("#edit-my_premium--1").scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click("#edit-my_premium--1")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.engine.current.id == "my_premium"
        assert app.screen.query_one(SafeInput).value == "198.00"  # the earlier answer is offered, as typed
        await answer(pilot, "my_premium", "240")
        assert isinstance(app.screen, ResultsScreen)  # later answers still fit: straight back to the results
        assert {r.rule: r for r in app.engine.results()}["ut.premium_credit"].outcome.figures["adjusted_support"] == Decimal("310.00")

        # save the summary: Spanish, then the English copy
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SaveFile) and not app.screen.query(SafeInput)  # a name is offered: nothing to type
        await pilot.click("#as-txt")
        await pilot.pause()
        saved = (tmp_path / "medguide-summary-2026-11-23.txt").read_text(encoding="utf-8")
        spanish, english = saved.split("English copy for court staff")
        assert "$310.00" in spanish and "manutención" in spanish and "$310.00" in english


@run_async
async def test_back_help_and_i_dont_know_by_keyboard():
    app = make_app("parent", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await play(pilot, UTAH_PAYER[:3])
        assert app.engine.current.id == "has_medical_provision"
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "medical support" in screen_text(app).lower()  # the glossary word of this question
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("question_mark")  # ? is help too, where it is not typed into a box
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("f5")  # I don't know
        await pilot.pause()
        assert app.engine.answers["has_medical_provision"] == "unknown"
        await pilot.press("f3", "f3")
        await pilot.pause()
        assert app.engine.current.id == "order_changed"
        assert isinstance(app.focused, ChoiceSet) and app.focused.pressed_index == 1  # "No" kept


@run_async
async def test_mouse_alone_answers_a_choice():
    app = make_app("parent", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click("#continue")
        await pilot.pause()
        assert app.screen.query_one("#error", Plain).text  # nothing chosen yet
        radio = app.screen.query("RadioButton")[1]
        await pilot.click(radio)
        await pilot.click("#continue")
        await pilot.pause()
        assert app.engine.answers["order_state"] == "CA"
        await pilot.click("#back")
        await pilot.pause()
        assert app.engine.current.id == "order_state"
        # the footer's key hints are buttons too
        keys = app.screen.query_one("#keys", KeyHints)
        line = "".join(segment.text for segment in keys.render_line(0))
        await pilot.click(keys, offset=(line.index("F4") + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)


@run_async
async def test_language_switch_keeps_answers_and_what_is_being_typed():
    app = make_app("parent", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await play(pilot, UTAH_PAYER[:8])
        box = app.screen.query_one(SafeInput)
        box.value = "1234.5"
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, LanguagePicker)
        await pilot.click("#lang-vi")
        await pilot.pause()
        assert app.engine.lang.code == "vi"
        assert len(app.engine.trail) == 8
        assert app.screen.query_one(SafeInput).value == "1234.5"
        assert app.screen.query_one(SafeInput).placeholder == ""  # an example in the box looks like an answer
        example = app.screen.query_one("#example", Plain).text
        assert "$1,234.56" in example  # beside the box: US money in Vietnamese too, the form the reader reads back


def _text_flow() -> Flow:
    return Flow.model_validate({
        "start": "name",
        "predicates": {},
        "questions": [
            {"id": "name", "topic": "order", "ask": "Who made the order?", "type": "text", "next": [{"to": "results"}]},
        ],
        "results": [],
    })


@run_async
async def test_what_a_person_typed_is_shown_as_text_never_as_markup():
    app = make_app("parent", "en", flow=_text_flow())
    hostile = "[bold]Judge[/bold] [link=https://evil.example]x[/link] \x1b[31mred"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        box = app.screen.query_one(SafeInput)
        box.value = hostile
        assert "\x1b" not in box.value  # an escape pasted into the box is dropped
        box.value = "[bold]Judge[/bold] [link=https://evil.example]x[/link] [red]"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        answer_label = app.screen.query("#review-items .answer").results(Plain)
        shown = [str(label.render()) for label in answer_label]
        assert shown == ["[bold]Judge[/bold] [link=https://evil.example]x[/link] [red]"]


def test_plain_shows_escape_sequences_as_symbols():
    from medguide.bot.faces.app.widgets import safe

    assert safe("a\x1b[31mb\x07") == "a\u241b[31mb\u2407"
    assert safe("line\nnext") == "line\nnext"


@run_async
async def test_no_markup_in_a_rendered_label():
    from textual.app import App, ComposeResult

    class One(App):
        def compose(self) -> ComposeResult:
            yield Plain("[bold]x[/bold] \x1b[2J", id="p")

    app = One()
    async with app.run_test():
        label = app.query_one("#p", Plain)
        strip = label.render_line(0)
        text = "".join(segment.text for segment in strip)
        assert "[bold]x[/bold] \u241b[2J" in text
        assert not any(segment.style and segment.style.bold for segment in strip)


@run_async
async def test_high_contrast_meets_wcag_aa(tmp_path: Path):
    """Every cell of text on the question and results screens: contrast at least 4.5:1."""
    app = make_app("parent", "en", tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        assert app.theme == "medguide-high-contrast"
        worst = _worst_contrast(app)
        await play(pilot, UTAH_PAYER[:8])  # an amount: its example in the box, "I don't know" greyed
        worst = min(worst, _worst_contrast(app))
        await play(pilot, UTAH_PAYER[8:9])
        worst = min(worst, _worst_contrast(app))
        app.engine = played_engine("en")
        app.show_current()  # the results
        await pilot.pause()
        worst = min(worst, _worst_contrast(app))
        assert worst >= 4.5, worst


def _luminance(color) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color.triplet if hasattr(color, "triplet") and color.triplet else (0, 0, 0)
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _worst_contrast(app: MedguideApp) -> float:
    worst = 21.0
    for y in range(app.size.height):
        for segment in app.screen._compositor.render_strips()[y]:
            if not segment.text.strip() or segment.style is None:
                continue
            style = segment.style
            fg, bg = style.color, style.bgcolor
            if style.reverse:
                fg, bg = bg, fg
            if fg is None or bg is None or fg.triplet is None or bg.triplet is None:
                continue
            if all(ch in "▔▁▊▎▐▌▀▄█━╸╺─│╭╮╰╯" for ch in segment.text.strip()):
                continue  # borders and bars are not text
            a, b = _luminance(fg), _luminance(bg)
            ratio = (max(a, b) + 0.05) / (min(a, b) + 0.05)
            if segment.text.strip() == "●" and fg == bg:
                continue  # an unchosen radio: an empty white box on purpose; a chosen one shows a black dot
            worst = min(worst, ratio)
    return worst


@run_async
async def test_a_note_moves_on_with_enter_and_focus_survives_a_quick_redraw():
    app = make_app("parent", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        app.show_current()  # a second redraw right after the first
        await pilot.pause()
        assert isinstance(app.focused, ChoiceSet)
        await answer(pilot, "order_state", "other")
        assert app.engine.current.id == "other_state_limits"  # a note
        assert app.focused is app.screen.query_one("#continue")
        await pilot.press("enter")
        await pilot.pause()
        assert app.engine.current.id == "order_date"
        assert isinstance(app.focused, SafeInput)


def test_summary_in_the_language_with_an_english_copy(tmp_path: Path):
    from medguide.bot.guide.summary import write

    engine = played_engine("es")
    md = write(tmp_path / "s.md", engine).read_text(encoding="utf-8")
    spanish, english = md.split("English copy for court staff")
    assert "$317.00" in spanish and "$317.00" in english and "CS 407P" in english
    assert "\n### " in md and "\n\n### " in md  # headings stand apart from the lists
    txt = write(tmp_path / "s.txt", engine).read_text(encoding="utf-8")
    assert "**" not in txt and "#" not in txt.split("\n")[0]


@run_async
async def test_a_date_that_reads_two_ways_is_asked_on_the_question_screen():
    """The parent types "04/05/2023": the card asks which date, as choices; choosing one says it back in words."""
    from datetime import date

    from medguide.bot.faces.app.widgets import ChoiceSet, QuestionCard

    app = make_app("parent", "es")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await answer(pilot, "order_state", "UT")
        await answer(pilot, "order_date", "04/05/2023")
        assert app.engine.current.id == "order_date" and app.engine.pending is not None
        card = app.screen.query_one(QuestionCard)
        assert app.screen.query_one("#asked", Plain).text == "¿Quiso decir 4 de mayo de 2023 o 5 de abril de 2023?"
        assert isinstance(app.focused, ChoiceSet)
        assert card.asking == ("4 de mayo de 2023", "5 de abril de 2023")
        await pilot.press("3", "enter")  # "type it again": back to the box, the text kept
        await pilot.pause()
        assert app.screen.query_one(SafeInput).value == "04/05/2023" and card.asking is None
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("2", "enter")  # 5 de abril
        await pilot.pause()
        assert app.engine.answers["order_date"] == date(2023, 4, 5) and app.engine.current.id == "order_changed"
        assert app.screen.query_one("#echo", Plain).text == "Su respuesta: 5 de abril de 2023"
        await answer(pilot, "order_changed", "no")
        assert app.screen.query_one("#echo", Plain).text == ""  # only dates and amounts are said back


@run_async
async def test_an_unusual_amount_is_confirmed_on_the_question_screen():
    from decimal import Decimal

    app = make_app("parent", "vi")
    app.engine = played_engine("vi", UTAH_PAYER[:8])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await answer(pilot, "base_support", "3.20")
        assert app.screen.query_one("#asked", Plain).text == (
            "Quý vị đã gõ $3.20. Số này ít hơn nhiều so với thường lệ cho câu hỏi này. Có đúng không?")
        await pilot.press("1", "enter")
        await pilot.pause()
        assert app.engine.answers["base_support"] == Decimal("3.20") and app.engine.current.id == "my_side_plan"


def test_parent_kiosk_and_desk_differ_by_their_mode_object(tmp_path):
    import pytest

    from medguide.bot.faces.app.modes import MODES, DeskMode, KioskMode, ParentMode

    assert MODES == {"parent": ParentMode, "kiosk": KioskMode, "desk": DeskMode}
    seen = {}
    for name in MODES:
        app = make_app(name, "es", tmp=tmp_path)
        assert type(app.mode) is MODES[name] and app.mode.name == name
        seen[name] = (app.can_save, app.mode.side_panel, app.ui_lang.code, [key for key, *_ in app.common_hints()])
    assert seen == {
        "parent": (True, False, "es", ["F2", "F7", "F8", "^q"]),
        "kiosk": (False, False, "es", ["F2", "F7", "F8"]),
        "desk": (True, True, "en", ["F2", "F7", "F8", "F6", "F9", "^q"]),
    }
    with pytest.raises(ValueError, match="unknown mode"):
        make_app("library", tmp=tmp_path)


@run_async
async def test_d7_the_summary_is_owner_only_and_never_overwrites_without_asking(tmp_path: Path):
    import os

    from medguide.bot.faces.app.screens.choose import Choose

    existing = tmp_path / "medguide-summary-2026-11-23.txt"
    existing.write_text("my own notes\n", encoding="utf-8")
    os.chmod(existing, 0o644)
    app = make_app("parent", "en", tmp=tmp_path)
    app.engine = played_engine("en")
    old = os.umask(0)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert existing.name in app.screen.query_one("#save-names", Plain).text  # the name offered, nothing to type
            await pilot.click("#as-txt")
            await pilot.pause()
            assert isinstance(app.screen, Choose) and "There is already a file named" in app.screen.question
            await pilot.click("#no")  # keep that file
            await pilot.pause()
            assert existing.read_text(encoding="utf-8") == "my own notes\n"
            assert isinstance(app.screen, SaveFile)
            await pilot.click("#as-txt")
            await pilot.pause()
            await pilot.click("#new")  # a new name beside it
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.click("#as-txt")
            await pilot.pause()
            await pilot.click("#yes")  # replace it, on purpose
            await pilot.pause()
    finally:
        os.umask(old)
    assert "$317.00" in existing.read_text(encoding="utf-8")
    made = tmp_path / "medguide-summary-2026-11-23-2.txt"
    assert "$317.00" in made.read_text(encoding="utf-8")
    assert [os.stat(p).st_mode & 0o777 for p in (made, existing)] == [0o600, 0o600]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([existing.name, made.name])  # no temporary file left
