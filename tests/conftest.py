"""Test session set-up: compile the translation catalogs first, so no test reads a stale .mo.

The seeds (the law the rules are built from) are at ``../shared/seeds`` from the project's
root; :func:`seed_text` reads one by its number and fails, never skips, when it is not there.
"""

from pathlib import Path

import pytest

from medguide.bot.devtools.catalogs import compile_catalogs

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def pytest_sessionstart(session):
    compile_catalogs()


def seed_text(number: str) -> str:
    """The text of seed ``number`` ("004"), with its white space as in the file."""
    found = sorted(SEEDS.glob(f"{number}_*.txt"))
    if not found:
        pytest.fail(f"seed {number} not found in {SEEDS} (the seeds live at ../shared/seeds from the project's root)")
    return found[0].read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed():
    """``seed("004")``: a seed's text (see :func:`seed_text`)."""
    return seed_text


# ---------------------------------------------------------------- stories: one test each
STORIES = ROOT / "tests" / "stories"


def pytest_collect_file(parent, file_path):
    if file_path.suffix == ".yaml" and STORIES in file_path.parents:
        return StoryYaml.from_parent(parent, path=file_path)
    return None


class StoryYaml(pytest.File):
    def collect(self):
        yield StoryItem.from_parent(self, name=self.path.stem)


class StoryFailed(Exception):
    pass


class StoryItem(pytest.Item):
    def runtest(self):
        from medguide.bot.devtools.story import report, run_file

        run = run_file(self.path)
        if not run.passed:
            lines: list[str] = []
            report([run], lines.append)
            raise StoryFailed("\n".join(lines))

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, StoryFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, None, f"story: {self.path.relative_to(STORIES)}"

@pytest.fixture(autouse=True)
def _private_xdg_dirs(tmp_path_factory, monkeypatch):
    """No test reads or writes the real ~/.config, ~/.local/share or ~/.cache (settings, desk database, PIN
    attempts, the first question kept for a quick start)."""
    home = tmp_path_factory.mktemp("xdg")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("MEDGUIDE_CONFIG", raising=False)


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL server for this test session (tests/pg_server.py): skips, or fails in CI, without one."""
    from tests.pg_server import start_server

    yield from start_server()
