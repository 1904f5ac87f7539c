"""`medguide chat --plain`: the interview one line at a time, for screen readers, phone logs and pipes.

Each question is printed with its step, its choices numbered and the commands;
each line read is one answer. Commands start with a colon so no answer can be
mistaken for one: :back, :review, :edit N, :unknown, :help, :lang CODE,
:restart, :quit. End of input ends cleanly with the answers so far.

An accepted date or amount is said back in words ("You answered: April 5, 2023").
When the guide asks back about an answer (two readings, or an unusual value), the
options are printed numbered and the next line is read as the choice: its number
(or, to confirm an unusual value, yes); anything else is a new answer.

Input is read as bytes, a line at a time, and decoded here: a byte that is not
text in the input's encoding (UTF-8 almost everywhere) is replaced by U+FFFD and
the person is told, in their language, instead of a UnicodeDecodeError ending
the chat (under en_US.UTF-8 Python decodes stdin strictly; under C.UTF-8 it
would hide the byte). Lines before and after a bad one are answered as usual.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import BinaryIO, Callable, Iterable, Iterator, TextIO

from medguide.flows.model import glossary

from medguide.bot.guide.answers import choice_label, date_examples, yes_no_words
from medguide.bot.guide.engine import Engine
from medguide.bot.guide.explain import explain_session, glossary_entry
from medguide.bot.words.i18n import LANGUAGES


class PlainChat:
    def __init__(self, engine: Engine, out: TextIO):
        self.engine = engine
        self.out = out

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def read(self, stdin: TextIO | BinaryIO) -> Iterator[str]:
        """The lines typed, decoded one at a time; a line with bytes that are not text is named, then answered."""
        raw = getattr(stdin, "buffer", stdin)
        encoding = getattr(stdin, "encoding", None) or "utf-8"
        for line in raw:
            if isinstance(line, str):  # a text stream without bytes below it (tests, StringIO)
                yield line
                continue
            try:
                yield line.decode(encoding)
            except UnicodeDecodeError:
                self.say(self.engine.lang._("Some characters could not be read and were replaced."))
                yield line.decode(encoding, errors="replace")

    def run(self, lines: Iterable[str]) -> int:
        self.ask()
        for line in lines:
            if not self.handle(line.rstrip("\r\n")):
                return 0
        self.say()
        self.say(self.engine.lang._("Input ended. Here are your answers so far."))
        self.show_review()
        return 0

    def handle(self, line: str) -> bool:
        """One line typed; False when the person asked to quit."""
        e, _ = self.engine, self.engine.lang._
        text = line.strip()
        if text.startswith(":"):
            command, _sep, arg = text[1:].partition(" ")
            command = command.lower()
            if command == "quit":
                self.say(_("Goodbye. Your answers were not saved."))
                return False
            if command == "back":
                if not e.back():
                    self.say(_("This is the first question."))
            elif command == "review":
                self.show_review()
            elif command == "edit":
                self.edit(arg.strip())
            elif command == "unknown":
                reply = e.answer_unknown()
                if not reply.ok:
                    self.say(reply.error or "")
            elif command == "help":
                self.show_help()
                return True
            elif command == "lang":
                if arg.strip() in LANGUAGES:
                    e.set_language(arg.strip())
                else:
                    self.say(_("Languages: {codes}").format(codes=", ".join(LANGUAGES)))
            elif command == "restart":
                e.restart()
            else:
                self.say(_("Unknown command. Type :help for the list."))
            self.ask()
            return True
        if e.finished:
            self.say(_("The questions are done. Type :review to check your answers, or :quit."))
            return True
        if not text and e.current is not None and e.current.type != "note" and e.prefill():
            text = e.prefill()  # Enter alone keeps the earlier answer
        chosen = self.chosen(text)
        reply = e.choose(chosen) if chosen is not None else e.answer(text)
        if reply.options:
            self.show_options(reply.error or "", [o.label for o in reply.options])
            return True
        if reply.ok and reply.echo:
            self.say(_("You answered: {answer}").format(answer=reply.echo))
        elif not reply.ok:
            self.say(_("Not accepted: {error}").format(error=reply.error))
        self.ask()
        return True

    def chosen(self, text: str) -> int | None:
        """The pending option a line picks: its number, or yes to confirm an unusual value; None for a new answer."""
        p = self.engine.pending
        if p is None:
            return None
        if text.isdigit() and 1 <= int(text) <= len(p.options):
            return int(text) - 1
        if p.code == "unusual" and yes_no_words(self.engine.lang).get(text.lower()) is True and not text.isdigit():
            return 0
        return None

    def show_options(self, asked: str, labels: list[str]) -> None:
        _ = self.engine.lang._
        self.say(asked)
        for i, label in enumerate(labels, start=1):
            self.say(f"  {i}. {label}")
        self.say(_("Type the number of your choice, or type your answer again."))
        self.out.flush()

    def edit(self, arg: str) -> None:
        items = self.engine.review()
        _ = self.engine.lang._
        if arg.isdigit() and 1 <= int(arg) <= len(items):
            self.engine.edit(items[int(arg) - 1].question)
        else:
            self.say(_("Please give the number of an answer from :review, from 1 to {n}.").format(n=len(items)))

    def ask(self) -> None:
        e, _ = self.engine, self.engine.lang._
        q = e.current
        if q is None:
            self.show_results()
            return
        n, m = e.progress()
        self.say()
        self.say(_("Step {n} of about {m}").format(n=n, m=m))
        self.say(e.ask(q))
        if q.help:
            self.say(e.help(q) or "")
        if q.type == "choice":
            for i, c in enumerate(q.choices, start=1):
                self.say(f"  {i}. {choice_label(q, c.code, e.lang)}")
        elif q.type == "yesno":
            self.say("  1. " + _("Yes") + "   2. " + _("No"))
        elif q.type == "note":
            self.say(_("Press Enter to go on."))
        examples = date_examples(q, e.lang)
        if examples is not None:
            self.say(_("Type it like {numeric} or {written}.").format(numeric=examples[0], written=examples[1]))
        hints = [":back", ":review", ":help"] + ([":unknown"] if q.unknown else [])
        self.say(_("Commands: {commands}").format(commands=" ".join(hints)))
        kept = e.prefill()
        if kept:
            self.say(_("Press Enter to keep: {answer}").format(answer=kept))
        self.out.flush()

    def show_help(self) -> None:
        e, _ = self.engine, self.engine.lang._
        q = e.current
        if q is not None:
            if q.help:
                self.say(e.help(q) or "")
            if q.unknown:
                self.say(_("You may type :unknown if you do not know."))
            terms = glossary()
            for term in q.terms:
                if term in terms:
                    word, meaning = glossary_entry(term, e.lang, e.today)
                    self.say(f"- {word}: {meaning}")
        self.say(_("Commands: :back goes back one question. :review shows your answers. :edit N changes answer N."))
        self.say(_(":lang CODE changes the language. :restart starts over. :quit stops."))
        self.out.flush()

    def show_review(self) -> None:
        _ = self.engine.lang._
        items = self.engine.review()
        if not items:
            self.say(_("No answers yet."))
        for i, item in enumerate(items, start=1):
            self.say(f"{i}. {item.ask} {item.answer}")
        self.out.flush()

    def show_results(self) -> None:
        e, _ = self.engine, self.engine.lang._
        self.say()
        self.say(_("Your results"))
        explanations = explain_session(e)
        if not explanations:
            self.say(_("The guide has no result for these answers."))
        for x in explanations:
            self.say()
            self.say(x.headline)
            if x.depends:
                self.say(_("This depends on:"))
                for line in x.depends:
                    self.say("  - " + line)
            for line in x.why:
                self.say("  " + line)
            if x.next_steps:
                self.say(_("What to do next:"))
                for line in x.next_steps:
                    self.say("  - " + line)
            if x.verbatim:
                self.say(x.verbatim_title or _("The order must use these exact words:"))
                self.say("  " + x.verbatim)
                if x.gloss:
                    self.say("  " + x.gloss)
            if x.law:
                self.say(_("The law: {citations}").format(citations="; ".join(x.law)))
        self.say()
        self.say(_("Type :review to check your answers, :edit N to change one, or :quit."))
        self.out.flush()


def run_plain(language: str = "en", stdin: TextIO | BinaryIO | None = None, stdout: TextIO | None = None,
              today: Callable[[], date] | None = None) -> int:
    chat = PlainChat(Engine(language, today=today), stdout or sys.stdout)
    return chat.run(chat.read(stdin if stdin is not None else sys.stdin))
