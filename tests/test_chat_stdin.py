"""`medguide chat --plain` reads bytes that are not text without a crash (finding B1).

Under a normal UTF-8 locale (en_US.UTF-8, or PYTHONIOENCODING=utf-8) Python
decodes stdin strictly, so one bad byte used to end the chat with a traceback,
losing the valid answers read in the same chunk and the answers-so-far summary.
The container's C.UTF-8 hid it (there the byte was silently dropped). Each case
runs the real command in a subprocess.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTICE = "Some characters could not be read and were replaced."
ENDED = "Input ended. Here are your answers so far."


def chat(data: bytes, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run([sys.executable, "-m", "medguide.bot.cli", "chat", "--plain", *args], input=data,
                          capture_output=True, cwd=ROOT, timeout=60, env=full)


def text(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 0, done.stderr
    assert done.stderr == b"", done.stderr  # no traceback
    return done.stdout.decode("utf-8")


@pytest.mark.parametrize("bad", [b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xc0\xaf", b"\x80\x80", b"\xf8\x88\x80\x80\x80"])
def test_a_bad_byte_is_replaced_and_named_and_the_answers_before_it_count(bad):
    out = text(chat(b"UT\n2024-01-15\nno\nU" + bad + b"T\n"))
    assert out.count(NOTICE) == 1
    assert out.index(NOTICE) > out.index("Has a court or agency changed the order since then?")
    assert "Not accepted: Please answer yes or no." in out  # the replaced answer is read, and refused
    assert ENDED in out
    assert out.rstrip().endswith("3. Has a court or agency changed the order since then? No")
    assert "1. Which state made your child support order? Utah" in out


def test_the_findings_reproducer():
    out = text(chat(b"U\xffT\n"))
    assert NOTICE in out and ENDED in out and "No answers yet." in out
    assert "Not accepted: Please pick one of the choices by its number, from 1 to 4." in out


def test_answers_in_the_same_block_before_the_bad_byte_are_answered():
    """More than 8 KB of valid input before the bad byte: none of it is lost."""
    padding = b":help\n" * 2000  # 12 KB of commands that change nothing
    out = text(chat(b"UT\n" + padding + b"2024-01-15\nno\n\xff\n"))
    assert out.count(NOTICE) == 1
    assert out.rstrip().endswith("3. Has a court or agency changed the order since then? No")


def test_the_person_is_told_in_their_language():
    expected = {"es": "Algunos caracteres no se pudieron leer y se reemplazaron.",
                "zh_Hans": "有些字符无法读取，已被替换。",
                "vi": "Một số ký tự không đọc được và đã được thay thế.",
                "tl": "Hindi po nabasa ang ilang karakter, kaya pinalitan ang mga ito."}
    for code, notice in expected.items():
        out = text(chat(b"\xff\n", "--lang", code))
        assert notice in out and NOTICE not in out, code


def test_after_lang_the_notice_follows_the_new_language():
    out = text(chat(b":lang es\nU\xffT\n"))
    assert "Algunos caracteres no se pudieron leer y se reemplazaron." in out


def test_a_bad_byte_at_the_end_of_input_without_a_newline():
    out = text(chat(b"UT\n2024-\xff"))
    assert out.count(NOTICE) == 1 and ENDED in out
    assert out.rstrip().endswith("1. Which state made your child support order? Utah")


def test_every_line_bad_still_ends_with_the_summary():
    out = text(chat(b"\xff\xfe\n" * 50))
    assert out.count(NOTICE) == 50 and ENDED in out


def test_the_c_utf8_locale_names_the_byte_too():
    """Without PYTHONIOENCODING, under C.UTF-8: the same notice, not a silent drop (finding B2)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONIOENCODING"}
    env.update(LC_ALL="C.UTF-8", LANG="C.UTF-8")
    done = subprocess.run([sys.executable, "-m", "medguide.bot.cli", "chat", "--plain"], input=b"U\xffT\n",
                          capture_output=True, cwd=ROOT, timeout=60, env=env)
    out = text(done)
    assert NOTICE in out
    assert "Not accepted" in out  # "U\ufffdT" is not Utah


def test_valid_utf8_is_read_as_before():
    out = text(chat("UT\n2024-01-15\nno\nsí\n".encode(), "--lang", "es"))
    assert NOTICE not in out and "Algunos caracteres" not in out
    assert "4. ¿La orden dice quién debe dar seguro médico al niño? Sí" in out
