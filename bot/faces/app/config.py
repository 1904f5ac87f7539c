"""The app's settings: a small TOML file, validated into a pydantic model.

The file is ``$MEDGUIDE_CONFIG``, else ``$XDG_CONFIG_HOME/medguide/config.toml``, else
``~/.config/medguide/config.toml``; every section and key is optional::

    [kiosk]
    pin = "pbkdf2_sha256$200000$<salt hex>$<hash hex>"   # set it with `medguide kiosk --set-pin`
    idle_seconds = 300        # quiet time before "Are you still there?"
    countdown_seconds = 60    # how long that question waits before the answers are wiped

    [desk]
    database = "~/.local/share/medguide/desk.sqlite3"   # or "postgresql://user@host/dbname"
    name = "front-1"          # this desk, as other desks see it (default: the computer's name)
    purge_days = 30           # sessions not changed for this many days are deleted

    [summary]
    directory = "~"           # where "Save the summary" offers to write

    [print]
    command = "lp"            # reads the PDF on its standard input (no file is written)

An unknown section or key, or a bad value, is a :class:`SettingsError` naming it (the
command prints it and exits 2). The kiosk PIN is never stored: only a salted PBKDF2 hash.
Data (the desk's SQLite file, the kiosk's PIN attempts) lives in ``$XDG_DATA_HOME/medguide``,
else ``~/.local/share/medguide``.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import socket
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

ENV = "MEDGUIDE_CONFIG"
PIN_ITERATIONS = 200_000
PIN_SCHEME = "pbkdf2_sha256"
PIN_MIN_DIGITS = 6


class SettingsError(ValueError):
    """A settings file that cannot be used; the message names the file and what is wrong."""


def _xdg(variable: str, fallback: Path) -> Path:
    value = os.environ.get(variable, "")
    return Path(value) if value and Path(value).is_absolute() else fallback  # the spec: relative paths are ignored


def config_path() -> Path:
    explicit = os.environ.get(ENV)
    if explicit:
        return Path(explicit).expanduser()
    return _xdg("XDG_CONFIG_HOME", Path.home() / ".config") / "medguide" / "config.toml"


def data_dir() -> Path:
    """Where medguide keeps its data: the desk's database (by default) and the kiosk's PIN attempts."""
    return _xdg("XDG_DATA_HOME", Path.home() / ".local" / "share") / "medguide"


def _hostname() -> str:
    return (socket.gethostname() or "desk")[:40]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KioskConfig(_Section):
    pin: str | None = None
    """The salted hash of the staff PIN (None: no PIN set)."""
    idle_seconds: float = Field(default=300.0, gt=0, le=86400, strict=True)
    countdown_seconds: float = Field(default=60.0, gt=0, le=3600, strict=True)

    @field_validator("pin")
    @classmethod
    def _a_hash(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not value.startswith(PIN_SCHEME + "$") or value.count("$") != 3:
            raise ValueError("must be a hash written by `medguide kiosk --set-pin`, never the PIN itself")
        return value


class DeskConfig(_Section):
    database: str = Field(default_factory=lambda: str(data_dir() / "desk.sqlite3"), min_length=1)
    """A SQLite file, or a PostgreSQL URL (``postgresql://...``, needs ``medguide[postgres]``)."""
    name: str = Field(default_factory=_hostname, min_length=1, max_length=40)
    """This desk's name, recorded with every change and shown to the other desks."""
    purge_days: int = Field(default=30, ge=1, le=3650, strict=True)
    """Sessions not changed for this many days are deleted when a desk starts."""

    @field_validator("database", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, os.PathLike) else value

    @field_validator("database")
    @classmethod
    def _expand(cls, value: str) -> str:
        return value if is_postgres(value) else str(Path(value).expanduser())

    @field_validator("name")
    @classmethod
    def _printable(cls, value: str) -> str:
        if not value.isprintable() or value != value.strip():
            raise ValueError("must be printable, without spaces at either end")
        return value


class SummaryConfig(_Section):
    directory: Path = Field(default_factory=Path.home)

    @field_validator("directory")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()


class PrintConfig(_Section):
    command: str = Field(default="lp", min_length=1)
    """A shell command that prints the PDF it reads on stdin (``lp``, ``lp -d front-desk``)."""

    @field_validator("command")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if not value.strip() or "\n" in value or "\x00" in value:
            raise ValueError("must be one command on one line")
        return value


class Config(_Section):
    kiosk: KioskConfig = Field(default_factory=KioskConfig)
    desk: DeskConfig = Field(default_factory=DeskConfig)
    summary: SummaryConfig = Field(default_factory=SummaryConfig)
    print: PrintConfig = Field(default_factory=PrintConfig)
    _path: Path | None = PrivateAttr(default=None)

    @property
    def path(self) -> Path | None:
        """The file these settings came from (None: defaults only)."""
        return self._path

    @property
    def summary_directory(self) -> Path:
        return self.summary.directory


def is_postgres(database: str) -> bool:
    return database.startswith(("postgresql://", "postgres://"))


def load(path: Path | None = None) -> Config:
    """The settings in ``path`` (default: :func:`config_path`); a missing file gives the defaults.

    Raises :class:`SettingsError` with a message naming the file, the section and the key.
    """
    path = path or config_path()
    data = _read(path)
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        raise SettingsError("\n".join(f"{path}: {_explain(error)}" for error in exc.errors())) from None
    config._path = path if path.exists() else None
    return config


def _explain(error: Any) -> str:
    """One pydantic error as a line a person can act on: the section, the key, what is wrong."""
    loc = [str(part) for part in error["loc"]]
    section, key = loc[0], ".".join(loc[1:])
    sections = ", ".join(f"[{name}]" for name in Config.model_fields)
    if error["type"] == "extra_forbidden":
        if key:
            known = ", ".join(Config.model_fields[section].annotation.model_fields)  # type: ignore[union-attr]
            return f"[{section}] {key}: unknown setting (the settings of [{section}] are {known})"
        if isinstance(error["input"], dict):
            return f"[{section}]: unknown section (the sections are {sections})"
        return f"{section}: unknown setting outside any section (the sections are {sections})"
    if not key:
        return f"{section}: must be a section, written [{section}] on a line of its own"
    message = error["msg"].removeprefix("Value error, ")
    shown = "" if key == "pin" else f" (the file has {error['input']!r})"  # a PIN typed into the file is never echoed
    return f"[{section}] {key}: {message}{shown}"


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise SettingsError(f"{path}: not valid TOML: it is not UTF-8 text") from None
    except OSError as exc:
        raise SettingsError(f"{path}: cannot be read: {exc.strerror or exc}") from None


# ---------------------------------------------------------------- the staff PIN
def check_new_pin(pin: str) -> None:
    """A new staff PIN: at least 6 digits, digits only (no blanks, no letters)."""
    if not (pin.isascii() and pin.isdigit()):
        raise ValueError("The PIN must be digits only (0-9), with no spaces or letters.")
    if len(pin) < PIN_MIN_DIGITS:
        raise ValueError(f"The PIN must have at least {PIN_MIN_DIGITS} digits.")


def hash_pin(pin: str, salt: bytes | None = None, iterations: int = PIN_ITERATIONS) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)
    return f"{PIN_SCHEME}${iterations}${salt.hex()}${digest.hex()}"


def check_pin(pin: str, stored: str | None) -> bool:
    """Whether ``pin`` matches the stored hash (False when no PIN is set or the hash is malformed)."""
    if not stored:
        return False
    try:
        scheme, iterations, salt, digest = stored.split("$")
        if scheme != PIN_SCHEME:
            return False
        mine = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), bytes.fromhex(salt), int(iterations))
    except ValueError:
        return False
    return hmac.compare_digest(mine.hex(), digest)


def set_pin(pin: str, path: Path | None = None) -> Path:
    """Store the hash of ``pin`` under ``[kiosk] pin``, keeping the rest of the file as it was
    (comments, order and layout: tomlkit); returns the file. The file is owner-only from its first byte."""
    import tomlkit

    check_new_pin(pin)
    path = path or config_path()
    load(path)  # refuse to rewrite a file that is not valid settings (the message names what is wrong)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    doc = tomlkit.parse(text)
    kiosk = doc.get("kiosk")
    if kiosk is None:
        kiosk = tomlkit.table()
        doc["kiosk"] = kiosk
    kiosk["pin"] = hash_pin(pin)
    make_private_dir(path.parent)
    write_private(path, tomlkit.dumps(doc))
    return path


# ---------------------------------------------------------------- owner-only files
def make_private_dir(directory: Path) -> None:
    """Create ``directory`` and any missing parents as 0700, whatever the umask."""
    missing = []
    d = directory
    while not d.exists():
        missing.append(d)
        d = d.parent
    for d in reversed(missing):
        try:
            d.mkdir(mode=0o700)
        except FileExistsError:
            continue
        os.chmod(d, 0o700)


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through an owner-only temporary file, then rename it into place."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
