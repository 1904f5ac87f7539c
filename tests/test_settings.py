"""Settings: checked on load (a clear message naming what is wrong, exit 2), XDG places, --set-pin keeps the file."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from medguide.bot.cli import main
from medguide.bot.faces.app import config

ROOT = Path(__file__).resolve().parent.parent
MEDGUIDE = Path(sys.executable).with_name("medguide")


@pytest.mark.parametrize(("text", "named"), [
    ("[kiosks]\nidle_seconds = 1\n", "[kiosks]: unknown section (the sections are [kiosk], [desk], [summary], [print])"),
    ("[desk]\ncolour = 'red'\n", "[desk] colour: unknown setting (the settings of [desk] are database, name, purge_days)"),
    ("[desk]\npurge_days = 0\n", "[desk] purge_days: Input should be greater than or equal to 1 (the file has 0)"),
    ("[desk]\npurge_days = '30'\n", "[desk] purge_days: Input should be a valid integer (the file has '30')"),
    ("[kiosk]\nidle_seconds = -5\n", "[kiosk] idle_seconds: Input should be greater than 0 (the file has -5)"),
    ("[kiosk]\npin = '123456'\n", "[kiosk] pin: must be a hash written by `medguide kiosk --set-pin`, never the PIN itself"),
    ("kiosk = 5\n", "kiosk: must be a section, written [kiosk] on a line of its own"),
    ("idle_seconds = 5\n", "idle_seconds: unknown setting outside any section"),
    ("[desk\n", "not valid TOML: Expected ']' at the end of a table declaration (at line 1, column 6)"),
])
def test_a_bad_setting_is_a_message_naming_it(tmp_path: Path, text: str, named: str):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(config.SettingsError) as caught:
        config.load(path)
    assert str(caught.value).startswith(f"{path}: ") and named in str(caught.value)
    assert "123456" not in str(caught.value)  # a PIN typed into the file is never echoed


def test_every_setting_read_from_the_file(tmp_path: Path):
    path = tmp_path / "config.toml"
    path.write_text('[kiosk]\nidle_seconds = 120\ncountdown_seconds = 30.5\n[desk]\ndatabase = "~/d.sqlite3"\n'
                    'name = "front-1"\npurge_days = 7\n[summary]\ndirectory = "~/out"\n', encoding="utf-8")
    c = config.load(path)
    assert (c.kiosk.idle_seconds, c.kiosk.countdown_seconds, c.kiosk.pin) == (120.0, 30.5, None)
    assert (c.desk.database, c.desk.name, c.desk.purge_days) == (str(Path.home() / "d.sqlite3"), "front-1", 7)
    assert c.summary_directory == Path.home() / "out" and c.path == path
    url = "postgresql://desk@db.example/medguide"
    path.write_text(f'[desk]\ndatabase = "{url}"\n', encoding="utf-8")
    assert config.load(path).desk.database == url and config.is_postgres(url)


def test_xdg_places_and_medguide_config_wins(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert config.config_path() == tmp_path / "cfg" / "medguide" / "config.toml"
    assert config.data_dir() == tmp_path / "data" / "medguide"
    assert config.load().desk.database == str(tmp_path / "data" / "medguide" / "desk.sqlite3")
    monkeypatch.setenv("MEDGUIDE_CONFIG", str(tmp_path / "mine.toml"))
    assert config.config_path() == tmp_path / "mine.toml"
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/dir")  # the XDG spec: a relative path is ignored
    monkeypatch.delenv("MEDGUIDE_CONFIG")
    assert config.config_path() == Path.home() / ".config" / "medguide" / "config.toml"


@pytest.mark.parametrize("command", [["desk"], ["kiosk"], []])
def test_the_app_exits_2_with_the_message_and_no_traceback(tmp_path: Path, command: list[str]):
    path = tmp_path / "config.toml"
    path.write_text("[desk]\npurge_day = 3\n", encoding="utf-8")
    env = {**os.environ, "MEDGUIDE_CONFIG": str(path)}
    run = subprocess.run([str(MEDGUIDE), *command], env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert run.returncode == 2, run.stderr
    assert "[desk] purge_day: unknown setting" in run.stderr and str(path) in run.stderr
    assert "Traceback" not in run.stderr and run.stdout == ""


COMMENTED = '''# medguide at the library, set up by IT
[kiosk]
idle_seconds = 120   # two minutes: the room is busy

[desk]
# the shared help-desk database
database = "/srv/medguide/desk.sqlite3"
'''


def test_set_pin_keeps_the_files_comments_and_layout(tmp_path: Path, monkeypatch):
    path = tmp_path / "config.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    os.chmod(path, 0o644)
    monkeypatch.setenv("MEDGUIDE_CONFIG", str(path))
    monkeypatch.setattr("sys.stdin", io.StringIO("20261130\n"))
    assert main(["kiosk", "--set-pin"]) == 0
    text = path.read_text(encoding="utf-8")
    first, pin_line = text.split("\n", 3)[:3], text.split("\n")[3]
    assert text.replace(pin_line + "\n", "") == COMMENTED  # only the pin line was added, under [kiosk]
    assert first[1] == "[kiosk]" and pin_line.startswith('pin = "pbkdf2_sha256$')
    assert config.check_pin("20261130", config.load().kiosk.pin)
    assert os.stat(path).st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["config.toml"]  # no temporary file left


@pytest.mark.parametrize(("pin", "why"), [
    ("      ", "digits only"), ("1234", "at least 6 digits"), ("12345", "at least 6 digits"), ("12 3456", "digits only"),
    ("abcdef", "digits only"), ("١٢٣٤٥٦", "digits only"), ("", "digits only"),
])
def test_a_weak_pin_is_refused(tmp_path: Path, monkeypatch, capsys, pin: str, why: str):
    path = tmp_path / "config.toml"
    monkeypatch.setenv("MEDGUIDE_CONFIG", str(path))
    monkeypatch.setattr("sys.stdin", io.StringIO(pin + "\n"))
    assert main(["kiosk", "--set-pin"]) == 1
    assert why in capsys.readouterr().err and not path.exists()


def test_new_directories_are_owner_only_whatever_the_umask(tmp_path: Path, monkeypatch):
    old = os.umask(0)
    try:
        config.make_private_dir(tmp_path / "a" / "b")
    finally:
        os.umask(old)
    assert [os.stat(p).st_mode & 0o777 for p in (tmp_path / "a", tmp_path / "a" / "b")] == [0o700, 0o700]
