"""A throwaway PostgreSQL server for the tests, started once per test session from the machine's binaries.

``initdb`` and ``pg_ctl`` from Debian's ``postgresql`` package (``/usr/lib/postgresql/*/bin``,
or ``pg_config --bindir``, or ``$MEDGUIDE_PG_BIN``), a Unix socket in a temporary directory
and no TCP port. PostgreSQL refuses to run as root, so as root the server runs as the
``postgres`` user (``runuser``) in a directory that user owns.

Without the binaries (or psycopg) the tests that need the server skip and say why; with
``MEDGUIDE_CI=1`` (set by ``.ci/run``) they fail instead: in CI a skip is a failure.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

_counter = itertools.count(1)


def unavailable(reason: str):
    if os.environ.get("MEDGUIDE_CI"):
        pytest.fail(f"PostgreSQL tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


def find_bindir() -> Path | None:
    explicit = os.environ.get("MEDGUIDE_PG_BIN")
    candidates = [explicit] if explicit else []
    if shutil.which("pg_config"):
        found = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True).stdout.strip()
        candidates.append(found)
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0, reverse=True)
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    return None


@dataclass
class PgServer:
    socket_dir: Path
    admin_dsn: str

    def dsn(self, schema: str) -> str:
        return f"postgresql:///postgres?host={self.socket_dir}&user=medguide&options=-csearch_path%3D{schema}"

    def new_schema(self) -> str:
        """A fresh, empty schema: each test's own "database" on the shared server."""
        import psycopg

        schema = f"t{os.getpid()}_{next(_counter)}"
        with psycopg.connect(self.admin_dsn, autocommit=True) as connection:
            connection.execute(f"CREATE SCHEMA {schema}")
        return schema

    def sql(self, statement: str, schema: str | None = None, params: tuple = ()) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.admin_dsn if schema is None else self.dsn(schema), autocommit=True) as connection:
            cursor = connection.execute(statement, params)
            return cursor.fetchall() if cursor.description else []


def start_server():
    """Yield a running :class:`PgServer`; stop it and remove its files afterwards."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        unavailable("psycopg is not installed (pip install 'medguide[postgres]', or bin/setup)")
    bindir = find_bindir()
    if bindir is None:
        unavailable("PostgreSQL's server programs (initdb, pg_ctl) are not on this machine "
                    "(Debian: apt-get install postgresql; or set MEDGUIDE_PG_BIN)")
    as_root = os.geteuid() == 0
    if as_root and not shutil.which("runuser"):
        unavailable("running as root, and runuser (to start PostgreSQL as the postgres user) is missing")
    base = Path(tempfile.mkdtemp(prefix="medguide-pg-", dir="/tmp"))  # short: a Unix socket path is at most 107 bytes
    prefix: list[str] = []
    if as_root:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(base)
            unavailable("running as root and there is no postgres user to run the server as")
        os.chown(base, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    data = base / "data"
    log = base / "server.log"

    def run(*command: str) -> None:
        done = subprocess.run([*prefix, *command], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            shutil.rmtree(base, ignore_errors=True)
            pytest.fail(f"{command[0]} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}", pytrace=False)

    run(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "medguide", "-E", "UTF8", "--no-sync", "--no-instructions")
    options = f"-k {base} -c listen_addresses='' -c fsync=off -c full_page_writes=off -c max_connections=60"
    run(str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "-t", "60", "start")
    try:
        yield PgServer(base, f"postgresql:///postgres?host={base}&user=medguide")
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)
