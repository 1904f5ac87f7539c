"""`medguide chat --plain` as a pipe: a whole interview, the commands, and a clean end of input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.interviews import typed_lines

ROOT = Path(__file__).resolve().parent.parent
WHOLE = typed_lines()


def chat(text: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "medguide.bot.cli", "chat", "--plain", *args], input=text, text=True,
                          capture_output=True, cwd=ROOT, timeout=60)


def test_a_whole_interview_through_a_pipe_prints_the_results():
    done = chat(WHOLE)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert "Child support would become $317.00 a month, once the office has the form." in done.stdout
    assert "Utah Code 81-6-208(9)(b)" in done.stdout
    assert "Input ended. Here are your answers so far." in done.stdout
    assert "9. How much child support does the order set each month? $350.00" in done.stdout


def test_end_of_input_midway_summarizes_the_answers_so_far():
    done = chat("UT\n2024-01-15\n")
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.rstrip().endswith("2. When was your child support order made? January 15, 2024")


def test_commands_back_unknown_review_edit_and_a_refusal_that_keeps_going():
    text = "UT\nnot a date\n2024-01-15\n:back\n\n:review\nno\nyes\n3\n:unknown\n:edit 1\nCA\n:quit\n"
    done = chat(text)
    out = done.stdout
    assert done.returncode == 0
    assert "Not accepted: Please type a date, like 4/22/2016 or 2016-04-22." in out
    assert "Press Enter to keep: 2024-01-15" in out  # back offers the earlier answer; Enter keeps it
    assert "1. Which state made your child support order? Utah" in out
    assert "Does the order limit the insurance credit to a set amount?" in out
    assert "Goodbye." in out


def test_spanish_reads_spanish_money_and_answers_in_spanish():
    done = chat("UT\n2024-01-15\nno\nsí\n3\nno\n1\n1\n1.234,56\n:review\n:quit\n", "--lang", "es")
    assert done.returncode == 0
    assert "4. ¿La orden dice quién debe dar seguro médico al niño? Sí" in done.stdout  # "sí" read as yes
    assert "9. ¿Cuánta manutención fija la orden cada mes? $1,234.56" in done.stdout  # US money, in Spanish too


def test_hostile_text_is_refused_and_shown_as_text():
    done = chat("[bold]x[/bold]\x1b[31m\n:quit\n")
    assert done.returncode == 0
    assert "Not accepted: Please pick one of the choices by its number, from 1 to 4." in done.stdout
    assert "\x1b[31m" not in done.stdout


def test_today_can_be_set_for_the_whole_chat():
    later = chat("UT\n2027-05-04\n", "--today", "2027-06-01")
    assert "That date is in the future" not in later.stdout
    assert "2. When was your child support order made? May 4, 2027" in later.stdout
    now = chat("UT\n2027-05-04\n", "--today", "2026-12-01")
    assert "That date is in the future. Please type a date on or before December 1, 2026." in now.stdout
    bad = chat("", "--today", "2026-02-30")
    assert bad.returncode == 2 and "expected a date as YYYY-MM-DD" in bad.stderr
