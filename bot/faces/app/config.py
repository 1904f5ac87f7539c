"""The app's settings: a small TOML file, read with tomllib.

The file is ``$MEDGUIDE_CONFIG`` or ``~/.config/medguide/config.toml``; every key is optional::

    [kiosk]
    pin = "pbkdf2_sha256$200000$<salt hex>$<hash hex>"   # set it with `medguide kiosk --set-pin`
    idle_seconds = 300        # quiet time before "Are you still there?"
    countdown_seconds = 60    # how long that question waits before the answers are wiped

    [desk]
    database = "~/.local/share/medguide/desk.sqlite3"

    [summary]
    directory = "~"           # where "Save the summary" offers to write

The kiosk PIN is never stored: only a salted PBKDF2 hash of it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENV = "MEDGUIDE_CONFIG"
PIN_ITERATIONS = 200_000
PIN_SCHEME = "pbkdf2_sha256"


def config_path() -> Path:
    return Path(os.environ.get(ENV) or Path.home() / ".config" / "medguide" / "config.toml").expanduser()


@dataclass(frozen=True)
class KioskConfig:
    pin: str | None = None
    """The salted hash of the staff PIN (None: no PIN set)."""
    idle_seconds: float = 300.0
    countdown_seconds: float = 60.0


@dataclass(frozen=True)
class DeskConfig:
    database: Path = field(default_factory=lambda: Path.home() / ".local" / "share" / "medguide" / "desk.sqlite3")


@dataclass(frozen=True)
class Config:
    kiosk: KioskConfig = field(default_factory=KioskConfig)
    desk: DeskConfig = field(default_factory=DeskConfig)
    summary_directory: Path = field(default_factory=Path.home)
    path: Path | None = None
    """The file these settings came from (None: defaults only)."""


def load(path: Path | None = None) -> Config:
    """The settings in ``path`` (default: :func:`config_path`); a missing file gives the defaults."""
    path = path or config_path()
    data = _read(path)
    kiosk, desk, summary = data.get("kiosk", {}), data.get("desk", {}), data.get("summary", {})
    defaults = Config()
    return Config(
        kiosk=KioskConfig(
            pin=kiosk.get("pin") or None,
            idle_seconds=float(kiosk.get("idle_seconds", defaults.kiosk.idle_seconds)),
            countdown_seconds=float(kiosk.get("countdown_seconds", defaults.kiosk.countdown_seconds)),
        ),
        desk=DeskConfig(database=Path(desk["database"]).expanduser()) if "database" in desk else defaults.desk,
        summary_directory=Path(summary["directory"]).expanduser() if "directory" in summary else defaults.summary_directory,
        path=path if path.exists() else None,
    )


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        return {}


# ---------------------------------------------------------------- the staff PIN
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
    """Store the hash of ``pin`` under ``[kiosk] pin``, keeping every other setting; returns the file."""
    if len(pin) < 4:
        raise ValueError("the PIN must have at least 4 characters")
    path = path or config_path()
    data = _read(path)
    data.setdefault("kiosk", {})["pin"] = hash_pin(pin)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(_dump(data), encoding="utf-8")
    os.chmod(tmp, 0o600)
    tmp.replace(path)
    return path


def _dump(data: dict[str, Any]) -> str:
    """TOML for the flat tables this file uses (scalars in sections)."""
    lines: list[str] = []
    top = {k: v for k, v in data.items() if not isinstance(v, dict)}
    for key, value in top.items():
        lines.append(f"{key} = {_value(value)}")
    for section, table in data.items():
        if not isinstance(table, dict):
            continue
        if lines:
            lines.append("")
        lines.append(f"[{section}]")
        for key, value in table.items():
            lines.append(f"{key} = {_value(value)}")
    return "\n".join(lines) + "\n"


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid TOML basic string
