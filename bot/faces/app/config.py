"""The app's settings: a small TOML file, checked into frozen dataclasses.

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

The settings are read before the app starts, so they are checked here by hand rather than by
pydantic (whose import alone costs a fifth of a minimal Textual app's start); the messages are
the ones pydantic gave ("Input should be greater than 0").
"""

from __future__ import annotations

import os
import socket
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Callable

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


def cache_dir() -> Path:
    """Where medguide keeps what it can make again (the first question read for a quick start)."""
    return _xdg("XDG_CACHE_HOME", Path.home() / ".cache") / "medguide"


def _hostname() -> str:
    return (socket.gethostname() or "desk")[:40]


# ---------------------------------------------------------------- checks: each returns the value to keep, or raises _Bad
class _Bad(ValueError):
    """What is wrong with one value, in the words the message gives."""


Check = Callable[[Any], Any]


def _number(above: int, at_most: int) -> Check:
    """A number (an integer or a float, never true/false) in (above, at_most]."""

    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _Bad("Input should be a valid number")
        if not value <= at_most:  # also NaN
            raise _Bad(f"Input should be less than or equal to {at_most}")
        if not value > above:
            raise _Bad(f"Input should be greater than {above}")
        return float(value)

    return check


def _whole(at_least: int, at_most: int) -> Check:
    """An integer (never true/false, never 1.0) in [at_least, at_most]."""

    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Bad("Input should be a valid integer")
        if not value <= at_most:
            raise _Bad(f"Input should be less than or equal to {at_most}")
        if not value >= at_least:
            raise _Bad(f"Input should be greater than or equal to {at_least}")
        return value

    return check


def _text(min_length: int = 0, max_length: int | None = None, then: Callable[[str], str] | None = None) -> Check:
    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise _Bad("Input should be a valid string")
        if len(value) < min_length:
            raise _Bad(f"String should have at least {min_length} character{'' if min_length == 1 else 's'}")
        if max_length is not None and len(value) > max_length:
            raise _Bad(f"String should have at most {max_length} character{'' if max_length == 1 else 's'}")
        return then(value) if then is not None else value

    return check


def _pin_hash(value: Any) -> str | None:
    if value is None:
        return None
    value = _text()(value)
    if value == "":
        return None
    if not value.startswith(PIN_SCHEME + "$") or value.count("$") != 3:
        raise _Bad("must be a hash written by `medguide kiosk --set-pin`, never the PIN itself")
    return value


def _database(value: Any) -> str:
    value = str(value) if isinstance(value, os.PathLike) else value
    return _text(min_length=1, then=lambda v: v if is_postgres(v) else str(Path(v).expanduser()))(value)


def _printable(value: str) -> str:
    if not value.isprintable() or value != value.strip():
        raise _Bad("must be printable, without spaces at either end")
    return value


def _directory(value: Any) -> Path:
    if not isinstance(value, (str, os.PathLike)):
        raise _Bad("Input is not a valid path for <class 'pathlib.Path'>")
    return Path(value).expanduser()


def _checked(section: type, data: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str, Any]]]:
    """The values of ``data`` that pass their checks, and (key, message, value) for every one that does not."""
    kept: dict[str, Any] = {}
    bad: list[tuple[str, str, Any]] = []
    for f in fields(section):
        if f.name in data:
            try:
                kept[f.name] = f.metadata["check"](data[f.name])
            except _Bad as exc:
                bad.append((f.name, str(exc), data[f.name]))
    return kept, bad


class _Section:
    """Frozen settings whose fields carry their check (``metadata["check"]``), applied when one is made."""

    def __post_init__(self) -> None:
        values = {f.name: getattr(self, f.name) for f in fields(self)}  # type: ignore[arg-type]
        kept, bad = _checked(type(self), values)
        if bad:
            raise ValueError("; ".join(f"{key}: {message}" for key, message, _ in bad))
        for name, value in kept.items():
            object.__setattr__(self, name, value)


def _setting(check: Check, default: Any = None, default_factory: Callable[[], Any] | None = None) -> Any:
    if default_factory is not None:
        return field(default_factory=default_factory, metadata={"check": check})
    return field(default=default, metadata={"check": check})


@dataclass(frozen=True)
class KioskConfig(_Section):
    pin: str | None = _setting(_pin_hash)
    """The salted hash of the staff PIN (None: no PIN set)."""
    idle_seconds: float = _setting(_number(0, 86400), 300.0)
    countdown_seconds: float = _setting(_number(0, 3600), 60.0)


@dataclass(frozen=True)
class DeskConfig(_Section):
    database: str = _setting(_database, default_factory=lambda: str(data_dir() / "desk.sqlite3"))
    """A SQLite file, or a PostgreSQL URL (``postgresql://...``, needs ``medguide[postgres]``)."""
    name: str = _setting(_text(1, 40, _printable), default_factory=_hostname)
    """This desk's name, recorded with every change and shown to the other desks."""
    purge_days: int = _setting(_whole(1, 3650), 30)
    """Sessions not changed for this many days are deleted when a desk starts."""


@dataclass(frozen=True)
class SummaryConfig(_Section):
    directory: Path = _setting(_directory, default_factory=Path.home)


def _one_line(value: str) -> str:
    if not value.strip() or "\n" in value or "\x00" in value:
        raise _Bad("must be one command on one line")
    return value


@dataclass(frozen=True)
class PrintConfig(_Section):
    command: str = _setting(_text(min_length=1, then=_one_line), "lp")
    """A shell command that prints the PDF it reads on stdin (``lp``, ``lp -d front-desk``)."""


SECTIONS: dict[str, type[_Section]] = {"kiosk": KioskConfig, "desk": DeskConfig, "summary": SummaryConfig,
                                       "print": PrintConfig}


@dataclass(frozen=True)
class Config:
    kiosk: KioskConfig = field(default_factory=KioskConfig)
    desk: DeskConfig = field(default_factory=DeskConfig)
    summary: SummaryConfig = field(default_factory=SummaryConfig)
    print: PrintConfig = field(default_factory=PrintConfig)
    _path: Path | None = field(default=None, init=False, repr=False, compare=False)

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

    Raises :class:`SettingsError` with a message naming the file, the section and the key, one line
    for each thing wrong (the sections in order, each section's keys in order, then what is unknown).
    """
    path = path or config_path()
    data = _read(path)
    problems: list[str] = []
    sections: dict[str, Any] = {}
    names = ", ".join(f"[{name}]" for name in SECTIONS)
    for name, section in SECTIONS.items():
        if name not in data:
            continue
        given = data[name]
        if not isinstance(given, dict):
            problems.append(f"{name}: must be a section, written [{name}] on a line of its own")
            continue
        kept, bad = _checked(section, given)
        for key, message, value in bad:
            shown = "" if key == "pin" else f" (the file has {value!r})"  # a PIN typed into the file is never echoed
            problems.append(f"[{name}] {key}: {message}{shown}")
        known = [f.name for f in fields(section)]
        for key in given:
            if key not in known:
                problems.append(f"[{name}] {key}: unknown setting (the settings of [{name}] are {', '.join(known)})")
        sections[name] = kept
    for key, value in data.items():
        if key not in SECTIONS:
            problems.append(f"[{key}]: unknown section (the sections are {names})" if isinstance(value, dict)
                            else f"{key}: unknown setting outside any section (the sections are {names})")
    if problems:
        raise SettingsError("\n".join(f"{path}: {problem}" for problem in problems))
    config = Config(**{name: SECTIONS[name](**values) for name, values in sections.items()})
    object.__setattr__(config, "_path", path if path.exists() else None)
    return config


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
    import hashlib
    import secrets

    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)
    return f"{PIN_SCHEME}${iterations}${salt.hex()}${digest.hex()}"


def check_pin(pin: str, stored: str | None) -> bool:
    """Whether ``pin`` matches the stored hash (False when no PIN is set or the hash is malformed)."""
    if not stored:
        return False
    import hashlib
    import hmac

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
    import secrets

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
