"""The layering is a contract: import-linter checks it (pyproject.toml, [tool.importlinter])."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_layers_run_one_way():
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 4 kept, 0 broken." in done.stdout


def test_a_broken_layer_is_caught(tmp_path):
    """The check can fail: a copy of the config with words above the guide is reported broken."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    swapped = text.replace('    "medguide.bot.guide",\n    "medguide.bot.words | medguide.flows",',
                           '    "medguide.bot.words | medguide.flows",\n    "medguide.bot.guide",')
    assert swapped != text
    config = tmp_path / "importlinter.toml"
    config.write_text(swapped, encoding="utf-8")
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "--no-cache", "--config", str(config)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1
    assert "BROKEN" in done.stdout
