"""ResultsScreen: the figure first, then why, then what to do next, then the law; save; start over."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button

from medguide.bot.guide.engine import Engine
from medguide.bot.guide.explain import Explanation, explain_session
from medguide.bot.words.i18n import Lang
from medguide.bot.faces.app.widgets import Plain, ResultCard, ResultView, SafeInput, SidePanel
from medguide.bot.faces.app.screens.base import MedguideScreen


def explanations(engine: Engine, lang: Lang) -> list[Explanation]:
    return explain_session(engine, lang)


def result_view(x: Explanation, lang: Lang) -> ResultView:
    _ = lang._
    return ResultView(
        headline=x.headline, why_title=_("Why"), why=tuple(x.why), next_title=_("What to do next"),
        next_steps=tuple(x.next_steps), law_title=_("The law"), law=tuple(x.law),
        verbatim_title=_("The order must use these exact words:"), verbatim=x.verbatim or "", gloss=x.gloss or "",
    )


class ResultsScreen(MedguideScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        *MedguideScreen.BINDINGS,
        Binding("f3", "back", "Back", show=False),
        Binding("f4", "review", "Review", show=False),
        Binding("ctrl+s", "save", "Save", show=False),
    ]

    def body(self) -> ComposeResult:
        with Horizontal(id="main"):
            with VerticalScroll(id="results"):
                yield Plain("", id="results-title", classes="screen-heading")
                yield Plain("", id="in-short")
                yield Vertical(id="result-cards")
                yield Plain("", id="disclaimer")
            if self.medguide.mode.side_panel:
                yield SidePanel(id="panel")
        with Horizontal(id="actions"):
            yield Button("", id="review", variant="primary")
            if self.medguide.can_save:
                yield Button("", id="save")
            yield Button("", id="back")
            yield Button("", id="restart", variant="warning")

    def on_mount(self) -> None:
        super().on_mount()
        self.show()
        self.query_one("#results", VerticalScroll).focus()

    def relabel(self) -> None:
        super().relabel()
        _ = self.ui._
        self.query_one("#results-title", Plain).show(_("Your results"))
        self.query_one("#disclaimer", Plain).show(_("This is a guide, not legal advice."))
        labels = {
            "review": _("Review answers"), "save": _("Save the summary"), "back": _("Back"),
            "restart": self.medguide.mode.restart_label(_),
        }
        for button in self.query("#actions Button").results(Button):
            button.label = Text(labels[button.id or ""])


    def hints(self) -> list[tuple[str, str, str]]:
        _ = self.ui._
        common = self.medguide.common_hints()
        hints = [common[0], ("F3", _("Back"), "screen.back"), ("F4", _("Review"), "screen.review")]
        if self.medguide.can_save:
            hints.append(("^s", _("Save"), "screen.save"))
        return hints + common[1:]

    def show(self) -> None:
        engine = self.engine
        if not engine.finished:
            self.medguide.show_current()
            return
        box = self.query_one("#result-cards", Vertical)
        box.remove_children()
        found = explanations(engine, self.lang)
        self.query_one("#in-short", Plain).show("\n".join(f"• {x.headline}" for x in found))
        if found:
            box.mount_all([ResultCard(result_view(x, self.lang)) for x in found])
        else:
            box.mount(Plain(self.lang._("The guide has no result for these answers.")))
        panel = self.medguide.panel_view()
        if panel is not None:
            self.query_one(SidePanel).view = panel

    def refresh_language(self) -> None:
        self.relabel()
        self.show()

    def action_back(self) -> None:
        if self.engine.back():
            self.medguide.changed()
            self.medguide.show_current()

    def action_review(self) -> None:
        self.medguide.open_review()

    def action_save(self) -> None:
        if not self.medguide.can_save:
            return
        _ = self.lang._
        default = self.medguide.config.summary_directory / f"medguide-summary-{self.engine.today.isoformat()}.md"
        self.app.push_screen(SaveScreen(self.engine, default, self.ui))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "review":
            self.action_review()
        elif event.button.id == "save":
            self.action_save()
        elif event.button.id == "back":
            self.action_back()
        elif event.button.id == "restart":
            self.medguide.ask_restart()


class SaveScreen(ModalScreen[Path | None]):
    """Asks where to write the summary (.md or .txt), writes it, and says where it went."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, engine: Engine, default: Path, lang: Lang) -> None:
        super().__init__()
        self.engine = engine
        self.default = default
        self.lang = lang

    def compose(self) -> ComposeResult:
        _ = self.lang._
        with Vertical(id="dialog"):
            yield Plain(_("Save the summary"), classes="dialog-title")
            yield Plain(_("It is written in your language, with an English copy for court staff. A name ending in .txt gives plain text."))
            yield SafeInput(str(self.default), id="path")
            yield Plain("", id="save-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(Text(_("Save")), id="save", variant="primary")
                yield Button(Text(_("Cancel")), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", SafeInput).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: SafeInput.Submitted) -> None:
        event.stop()
        self.save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.save()
        else:
            self.dismiss(None)

    def save(self) -> None:
        text = self.query_one("#path", SafeInput).value.strip()
        if not text:
            return
        self._write(Path(text), replace=False)

    def _write(self, target: Path, replace: bool) -> None:
        from medguide.bot.guide.summary import write

        _ = self.lang._
        try:
            path = write(target, self.engine, replace=replace)
        except FileExistsError:
            from medguide.bot.faces.app.screens.confirm import Confirm

            def answer(yes: bool | None) -> None:
                if yes:
                    self._write(target, replace=True)

            question = _("There is already a file at {path}. Replace it with this summary?").format(path=str(target.expanduser()))
            self.app.push_screen(Confirm(question, _("Replace it"), _("Keep that file")), answer)
            return
        except OSError as exc:
            self.query_one("#save-error", Plain).show(_("Could not save there: {reason}").format(reason=exc.strerror or str(exc)))
            return
        self.app.notify(_("Saved: {path}").format(path=str(path)), markup=False)
        self.dismiss(path)
