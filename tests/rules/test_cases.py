"""Runs every YAML case file under tests/rules/: facts in, the exact outcome out.

A case names itself with a sentence and cites its section. It gives either
``outcome`` (and optionally ``figures``, compared as the batch output writes
them, and ``steps_include``) or ``refusal`` (``field`` and ``code``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from pydantic_core import to_json

from medguide.rules import Outcome, Refusal, evaluate

HERE = Path(__file__).parent


def _cases():
    for path in sorted(HERE.rglob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            yield pytest.param(doc["rule"], case, id=f"{path.relative_to(HERE)}::{case['name']}")


def _subset(expected, actual, where="figures"):
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{where}: expected an object, got {actual!r}"
        for key, value in expected.items():
            assert key in actual, f"{where}.{key} missing from {sorted(actual)}"
            _subset(value, actual[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), f"{where}: {actual!r} != {expected!r}"
        for i, (e, a) in enumerate(zip(expected, actual)):
            _subset(e, a, f"{where}.{i}")
    else:
        assert actual == expected, f"{where}: got {actual!r}, expected {expected!r}"


@pytest.mark.parametrize("rule_id,case", list(_cases()))
def test_case(rule_id, case):
    result = evaluate(rule_id, case["facts"])
    if "refusal" in case:
        assert isinstance(result, Refusal), f"expected a refusal, got {result}"
        assert result.field == case["refusal"]["field"]
        assert result.code == case["refusal"]["code"]
        assert result.message.startswith(result.field or "input")
        return
    assert isinstance(result, Outcome), f"expected an outcome, got {result}"
    assert result.outcome == case["outcome"]
    out = json.loads(to_json(result.as_json()))
    _subset(case.get("figures", {}), out["figures"])
    for cite in case.get("citations_include", []):
        assert cite in out["citations"], f"{cite} not in {out['citations']}"
    steps = [(s["code"], s["value"]) for s in out["steps"]]
    for step in case.get("steps_include", []):
        assert (step["code"], step["value"]) in steps, f"step {step} not in {steps}"
