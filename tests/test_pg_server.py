"""Without PostgreSQL the server tests skip and say why; in CI (MEDGUIDE_CI=1, set by .ci/run) they fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pg_server import unavailable

ROOT = Path(__file__).resolve().parent.parent


def test_without_a_server_a_skip_with_the_reason(monkeypatch):
    monkeypatch.delenv("MEDGUIDE_CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="PostgreSQL tests skipped: no initdb here"):
        unavailable("no initdb here")


def test_in_ci_a_skip_is_a_failure(monkeypatch):
    monkeypatch.setenv("MEDGUIDE_CI", "1")
    with pytest.raises(pytest.fail.Exception, match="PostgreSQL tests cannot run in CI: no initdb here"):
        unavailable("no initdb here")


def test_ci_sets_the_variable_installs_the_server_and_ends_with_the_readme_command():
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    text = "\n".join(run)
    assert "export MEDGUIDE_CI=1" in text and "apt-get install" in text and "missing+=(postgresql)" in text
    assert run[-1] == "bin/setup && .venv/bin/python -m pytest"
    assert "    bin/setup && .venv/bin/python -m pytest\n" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_server_really_runs(postgres_server):
    assert postgres_server.sql("SELECT 1 + 1") == [(2,)]
