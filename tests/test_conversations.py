"""Every scripted conversation in tests/conversations/ plays through the headless engine as written."""

from pathlib import Path

import pytest

from medguide.bot.devtools.script import load_script, run_script

SCRIPTS = sorted((Path(__file__).parent / "conversations").glob("*.yaml"))


@pytest.mark.parametrize("path", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_conversation(path):
    script = load_script(path)
    failures = run_script(script)
    if script.get("xfail"):
        if failures:
            pytest.xfail(script["xfail"])
        pytest.fail(f"marked xfail ({script['xfail']}) but passes: remove the mark")
    assert failures == []


def test_there_are_enough_scripts():
    assert len(SCRIPTS) >= 25
