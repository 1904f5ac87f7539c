"""`medguide script`: the ordered conversation format (kept for scripts written before stories) still plays."""

from pathlib import Path

import pytest

from medguide.bot.devtools.script import load_script, run_script

SCRIPTS = sorted((Path(__file__).parent / "conversations").glob("*.yaml"))


@pytest.mark.parametrize("path", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_conversation(path):
    assert run_script(load_script(path)) == []


def test_a_script_is_there_to_play():
    assert [p.name for p in SCRIPTS] == ["ut_back_edit_bad_input.yaml"]
