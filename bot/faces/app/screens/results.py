"""ResultsScreen: the results on one screen first, each line opening its full card; then take it away.

The summary (the brief, ``medguide.bot.guide.takeaway``) fits 80x24 in every language: how many
results there are, each headline on one line with the figure first, what to do next with its date,
and what the results depend on. Enter (or a click, or the result's number) on a line opens that
result's card (:class:`~medguide.bot.faces.app.screens.result_detail.ResultDetail`): why, the working,
the law. Lines are at most 76 cells wide at any terminal width.

Taking it away is the mode's: Print everywhere (a PDF piped to the printer command, no file at the
kiosk), a code for the phone at the kiosk, a file in the home folder (the summary, the deadlines as a
calendar, the letter to send) where the mode can save.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList
from textual.widgets.option_list import Option

from medguide.bot.guide.engine import Engine
from medguide.bot.guide.explain import Explanation, explain_session
from medguide.bot.guide.takeaway import WIDTH, Brief, brief, fit, glossary_words
from medguide.bot.words.i18n import Lang
from medguide.bot.faces.app.widgets import Plain, ResultView, SidePanel
from medguide.bot.faces.app.screens.base import MedguideScreen

LINE = WIDTH - 2
"""A summary line's text, inside the list's own padding: the whole line stays within WIDTH cells."""


def explanations(engine: Engine, lang: Lang) -> list[Explanation]:
    return explain_session(engine, lang)


def result_view(x: Explanation, lang: Lang) -> ResultView:
    _ = lang._
    return ResultView(
        headline=x.headline, why_title=_("Why"), why=tuple(x.why), next_title=_("What to do next"),
        next_steps=tuple(x.next_steps), law_title=_("The law"), law=tuple(x.law),
        verbatim_title=_("The order must use these exact words:"), verbatim=x.verbatim or "", gloss=x.gloss or "",
        depends_title=_("It depends on"), depends=tuple(x.depends),
    )


def summary_options(b: Brief) -> list[Option]:
    """The brief as list lines: a heading (not selectable) before each part, every line at most LINE cells."""
    options: list[Option] = []

    def heading(text: str, part: str) -> None:
        options.append(Option(Text(fit(text, LINE), style="bold underline"), id=f"h-{part}", disabled=True))

    heading(b.results_title, "results")
    for n, line in enumerate(b.results, start=1):
        options.append(Option(Text(fit(f"{n}. {line.text}", LINE)), id=f"r-{line.result}-{n}"))
    if b.next:
        heading(b.next_title, "next")
        for n, line in enumerate(b.next):
            options.append(Option(Text(fit(f"» {line.text}", LINE)), id=f"n-{line.result}-{n}"))
    if b.depends:
        heading(b.depends_title, "depends")
        for n, line in enumerate(b.depends):
            options.append(Option(Text(fit(f"? {line.text}", LINE)), id=f"d-{line.result}-{n}"))
    return options


class ResultsScreen(MedguideScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        *MedguideScreen.BINDINGS,
        Binding("f1,question_mark", "help", "Help", show=False),
        Binding("f3", "back", "Back", show=False),
        Binding("f4", "review", "Review", show=False),
        Binding("ctrl+p", "print", "Print", show=False),
        Binding("ctrl+s", "save", "Save", show=False),
        Binding("f10", "phone_code", "Code", show=False),
    ]

    brief: Brief | None = None

    def body(self) -> ComposeResult:
        with Horizontal(id="main"):
            with Vertical(id="summary"):
                yield Plain("", id="results-title", classes="screen-heading")
                yield Plain("", id="results-count")
                yield OptionList(id="summary-lines")
                yield Plain("", id="disclaimer")
            if self.medguide.mode.side_panel:
                yield SidePanel(id="panel")
        with Horizontal(id="actions", classes="compact"):
            yield Button("", id="takeaway", variant="primary")
            yield Button("", id="review")
            yield Button("", id="restart", variant="warning")

    def on_mount(self) -> None:
        super().on_mount()
        self.show()
        self.query_one("#summary-lines", OptionList).focus()

    def relabel(self) -> None:
        super().relabel()
        _ = self.ui._
        labels = {"takeaway": self.medguide.mode.takeaway_label(_), "review": _("Review"),
                  "restart": self.medguide.mode.restart_label(_)}
        for button in self.query("#actions Button").results(Button):
            button.label = Text(labels[button.id or ""])

    def hints(self) -> list[tuple[str, str, str]]:
        _ = self.ui._
        common = self.medguide.common_hints()
        hints = [("F1", _("Help"), "screen.help"), ("^p", _("Print"), "screen.print")]
        if self.medguide.mode.phone_code:
            hints.append(("F10", _("Code for your phone"), "screen.phone_code"))
        if self.medguide.can_save:
            hints.append(("^s", _("Save"), "screen.save"))
        hints += [("F3", _("Back"), "screen.back"), ("F4", _("Review"), "screen.review"), common[0]]
        return hints + common[1:]

    def show(self) -> None:
        engine = self.engine
        if not engine.finished:
            self.medguide.show_current()
            return
        b = self.brief = brief(engine, self.lang, explanations(engine, self.lang))
        self.query_one("#results-title", Plain).show(fit(b.title, WIDTH))
        self.query_one("#results-count", Plain).show(
            "\n".join(fit(s, WIDTH) for s in (b.count, b.choose if b.results else "")).rstrip())
        self.query_one("#disclaimer", Plain).show(fit(b.disclaimer, WIDTH))
        lines = self.query_one("#summary-lines", OptionList)
        highlighted = lines.highlighted
        lines.clear_options()
        lines.add_options(summary_options(b))
        if b.results:
            lines.highlighted = highlighted if highlighted is not None and highlighted < lines.option_count else 1
        panel = self.medguide.panel_view()
        if panel is not None:
            self.query_one(SidePanel).view = panel

    def screen_words(self) -> str:
        """Every word on the summary (for the glossary in Help)."""
        b = self.brief
        if b is None:
            return ""
        return "\n".join([b.count, *(l.text for l in b.results), *(l.text for l in b.next), *(l.text for l in b.depends)])

    def refresh_language(self) -> None:
        self.relabel()
        self.show()

    # ------------------------------------------------------------ one result's card
    @on(OptionList.OptionSelected, "#summary-lines")
    def opened(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id[:2] in ("r-", "n-", "d-"):
            self.open_result(int(option_id.split("-")[1]))

    def open_result(self, index: int) -> None:
        from medguide.bot.faces.app.screens.result_detail import ResultDetail

        if self.brief is not None and 0 <= index < len(self.brief.explanations):
            self.app.push_screen(ResultDetail(index))

    def on_key(self, event) -> None:
        if event.character and event.character.isdigit() and event.character != "0" and self.brief is not None:
            n = int(event.character)
            if n <= len(self.brief.results):
                event.stop()
                self.open_result(self.brief.results[n - 1].result)

    # ------------------------------------------------------------ moving
    def action_back(self) -> None:
        if self.engine.back():
            self.medguide.changed()
            self.medguide.show_current()

    def action_review(self) -> None:
        self.medguide.open_review()

    def action_help(self) -> None:
        from medguide.bot.faces.app.screens.help import HelpScreen

        rules = tuple(x.rule for x in self.brief.explanations) if self.brief else ()
        self.app.push_screen(HelpScreen(self.ui._("Help"), results_help(self.medguide, self.screen_words(), rules), self.ui._("Close")))

    @on(Button.Pressed, "#takeaway")
    def pressed_takeaway(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_takeaway()

    @on(Button.Pressed, "#review")
    def pressed_review(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_review()

    @on(Button.Pressed, "#restart")
    def pressed_restart(self, event: Button.Pressed) -> None:
        event.stop()
        self.medguide.ask_restart()

    # ------------------------------------------------------------ taking it away
    def action_takeaway(self) -> None:
        from medguide.bot.faces.app.screens.choose import Choose

        _ = self.lang._
        choices = takeaway_choices(self.medguide)

        def chosen(choice: str | None) -> None:
            if choice:
                getattr(self, f"action_{choice}")()

        self.app.push_screen(Choose(self.medguide.mode.takeaway_label(self.ui._), choices), chosen)

    def action_print(self) -> None:
        from medguide.bot.faces.paper.pdf import results_pdf

        self.print_pdf(lambda engine: results_pdf(engine))

    def action_print_letter(self) -> None:
        from medguide.bot.faces.paper.pdf import letters_pdf

        self.print_pdf(lambda engine: letters_pdf(engine) or b"")

    def print_pdf(self, make) -> None:
        _ = self.ui._
        self.app.notify(_("Preparing the pages for the printer..."), markup=False, timeout=3)
        self._print(make, self.engine, self.medguide.config.print.command)

    @work(thread=True, exclusive=True, group="print")
    def _print(self, make, engine: Engine, command: str) -> None:
        from medguide.bot.faces.paper.printer import PrintFailed, send

        _ = self.ui._
        try:
            data = make(engine)  # rendered in memory, piped to the printer: no file anywhere
            send(data, command)
        except PrintFailed as exc:
            self.app.call_from_thread(self.medguide.mode.print_failed, str(exc))
            return
        self.app.call_from_thread(self.app.notify, _("Sent to the printer. Collect your pages there."), markup=False)

    def action_phone_code(self) -> None:
        if not self.medguide.mode.phone_code:
            return
        from medguide.bot.faces.app.screens.phone_code import PhoneCode
        from medguide.bot.faces.paper.calendar import event_text
        from medguide.bot.guide.takeaway import brief_text, upcoming

        _ = self.lang._
        b = self.brief or brief(self.engine, self.lang)
        soon = upcoming(b.explanations)
        event = event_text(soon[0][0].on, str(soon[0][0].said)) if soon else None
        self.app.push_screen(PhoneCode(
            brief_text(b), event,
            _("Scan this with your phone's camera to keep the summary. Nothing is stored or sent. Enter: next, Escape: close."),
            _("Code {n} of {count}."),
            _("Scan this to put the next deadline in your phone's calendar. Escape: close."),
        ))

    def action_save(self) -> None:
        if not self.medguide.can_save:
            return
        from medguide.bot.faces.app.screens.save import Format, SaveFile
        from medguide.bot.faces.paper.pdf import results_pdf
        from medguide.bot.guide.summary import full_summary

        _ = self.ui._
        engine = self.engine
        day = engine.today.isoformat()
        self.app.push_screen(SaveFile(self.ui, _("Save the summary"), self.medguide.config.summary_directory, [
            Format("pdf", _("Save as PDF"), f"medguide-summary-{day}.pdf", lambda: results_pdf(engine)),
            Format("txt", _("Save as plain text"), f"medguide-summary-{day}.txt",
                   lambda: full_summary(engine, markdown=False).encode("utf-8")),
        ], note=_("It is written in your language, with an English copy for court staff.")))

    def action_save_calendar(self) -> None:
        if not self.medguide.can_save:
            return
        from medguide.bot.faces.app.screens.save import Format, SaveFile
        from medguide.bot.faces.paper.calendar import calendar_ics

        _ = self.ui._
        engine = self.engine
        self.app.push_screen(SaveFile(self.ui, _("Save the deadlines to a calendar"), self.medguide.config.summary_directory, [
            Format("ics", _("Save the calendar file"), f"medguide-deadlines-{engine.today.isoformat()}.ics",
                   lambda: calendar_ics(engine)),
        ], note=_("Open the file with your calendar: each deadline comes with a reminder a week and a day before.")))

    def action_save_letter(self) -> None:
        if not self.medguide.can_save:
            return
        from medguide.bot.faces.app.screens.save import Format, SaveFile
        from medguide.bot.faces.paper.pdf import letters_pdf

        _ = self.ui._
        engine = self.engine
        self.app.push_screen(SaveFile(self.ui, _("Save the letter"), self.medguide.config.summary_directory, [
            Format("pdf", _("Save as PDF"), f"medguide-letter-{engine.today.isoformat()}.pdf",
                   lambda: letters_pdf(engine) or b""),
        ], note=_("The letter is in English, with a copy in your language. Send the English letter.")))


def takeaway_choices(app) -> list[tuple[str, str, str]]:
    """What the mode offers to take away, as (action, label, variant), the first one the main way."""
    from medguide.bot.guide.takeaway import letters, upcoming

    _ = app.ui_lang._
    mode, engine = app.mode, app.engine
    found = explain_session(engine, engine.lang)
    has_letter = bool(letters(engine, engine.lang))
    has_dates = bool(upcoming(found))
    choices = [("print", _("Print the results"), "primary")]
    if has_letter:
        choices.append(("print_letter", _("Print the letter to send"), "default"))
    if mode.phone_code:
        choices.append(("phone_code", _("Show a code for your phone"), "default"))
    if mode.can_save:
        choices.append(("save", _("Save the summary"), "default"))
        if has_dates:
            choices.append(("save_calendar", _("Save the deadlines to a calendar"), "default"))
        if has_letter:
            choices.append(("save_letter", _("Save the letter to send"), "default"))
    return choices


def results_help(app, words: str, rules: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Help on the results: the glossary for the words on the screen, then the keys, in the person's language."""
    lang = app.engine.lang
    _ = app.ui_lang._  # the keys in the app's own words (English at the desk); the glossary in the person's language
    sections = [(word, meaning) for word, meaning in glossary_words(words, lang, app.engine.today, rules)]
    if not sections:
        sections.append((_("Words on this screen"), _("There are no special words on this screen.")))
    else:
        sections.insert(0, (_("Words on this screen"), _("What the harder words on this screen mean.")))
    keys = [_("Up and Down: choose a line. Enter: read that result in full (why, the working, the law)."),
            _("1 to 9: read that result in full."), _("Ctrl+P: print the results."),
            _("F3: go back one question"), _("F4: review and change your answers"),
            _("F2: change the language"), _("F7: high contrast"), _("F8: larger text")]
    if app.mode.phone_code:
        keys.insert(3, _("F10: show a code for your phone."))
    if app.can_save:
        keys.insert(3, _("Ctrl+S: save the summary in your home folder."))
    sections.append((_("Keys"), "\n".join(keys)))
    return sections
