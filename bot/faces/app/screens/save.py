"""SaveFile: save to a file name the app offers in the person's home folder; nothing to type.

The file is owner-only (0600) and never replaces another without asking: an existing name offers
a new name beside it, or replacing it on purpose, or keeping it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button

from medguide.bot.words.i18n import Lang
from medguide.bot.faces.app.widgets import Plain


@dataclass(frozen=True)
class Format:
    """One way to save: its button, the file name offered, and the bytes (made when chosen)."""

    id: str
    label: str
    name: str
    data: Callable[[], bytes]


def shown_path(path: Path) -> str:
    """A path as a person reads it: ``~/medguide-summary.pdf`` inside the home folder."""
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)


class SaveFile(ModalScreen[Path | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, lang: Lang, title: str, folder: Path, formats: list[Format], note: str = "") -> None:
        super().__init__()
        self.lang = lang
        self.heading = title
        self.folder = folder
        self.formats = formats
        self.note = note

    def compose(self) -> ComposeResult:
        _ = self.lang._
        with Vertical(id="dialog", classes="choose"):
            yield Plain(self.heading, classes="dialog-title")
            if self.note:
                yield Plain(self.note)
            yield Plain(_("It is saved in your home folder, readable only by you:"), id="save-where")
            yield Plain("\n".join(shown_path(self.folder / f.name) for f in self.formats), id="save-names")
            yield Plain("", id="save-error", classes="error")
            with Vertical(classes="stack"):
                for i, f in enumerate(self.formats):
                    yield Button(Text(f.label), id=f"as-{f.id}", variant="primary" if i == 0 else "default")
                yield Button(Text(_("Cancel")), id="cancel")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        chosen = next((f for f in self.formats if event.button.id == f"as-{f.id}"), None)
        if chosen is None:
            self.dismiss(None)
            return
        self.save(chosen, self.folder / chosen.name, replace=False)

    def save(self, f: Format, target: Path, replace: bool) -> None:
        from medguide.bot.guide.summary import free_name, write_bytes

        _ = self.lang._
        try:
            path = write_bytes(target, f.data(), replace=replace)
        except FileExistsError:
            from medguide.bot.faces.app.screens.choose import Choose

            other = free_name(target.parent, target.name)

            def answer(choice: str | None) -> None:
                if choice == "new":
                    self.save(f, other, replace=False)
                elif choice == "yes":
                    self.save(f, target, replace=True)

            question = _("There is already a file named {name} in this folder.").format(name=target.name)
            self.app.push_screen(Choose(question, [
                ("new", _("Save it as {name}").format(name=other.name), "primary"),
                ("no", _("Keep that file"), "default"),
                ("yes", _("Replace it"), "error"),
            ]), answer)
            return
        except OSError as exc:
            self.query_one("#save-error", Plain).show(_("Could not save there: {reason}").format(reason=exc.strerror or str(exc)))
            return
        self.app.notify(_("Saved: {path}").format(path=shown_path(path)), markup=False)
        self.dismiss(path)
