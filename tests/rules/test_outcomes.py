"""Outcome codes are types: each rule declares a ``Literal`` and returns only its codes.

``RULES[rule_id].outcomes`` is how tests and explainers learn them (read with
``typing.get_args`` from the Literal the rule registered), never from the source.
"""

from __future__ import annotations

import importlib.util
import random
import typing
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from medguide.rules import RULES, Outcome, evaluate
from medguide.rules.registry import rule

HERE = Path(__file__).parent
ROOT = HERE.parents[1]


def _yaml_cases():
    for path in sorted(HERE.rglob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            yield doc["rule"], case["name"], case["facts"]


def _generated(n: int):
    spec = importlib.util.spec_from_file_location("rules_batch_bench", ROOT / "benchmarks" / "rules_batch.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cases = module.Cases(random.Random(11))
    for rule_id in sorted(RULES):
        make = getattr(cases, rule_id.replace(".", "_"))
        for _ in range(n):
            yield rule_id, make()


def test_every_rule_declares_its_codes_as_the_literal_of_its_module():
    for rule_id, found in RULES.items():
        module = __import__(found.func.__module__, fromlist=["Code"])
        assert found.outcomes == typing.get_args(module.Code), rule_id
        assert len(set(found.outcomes)) == len(found.outcomes) >= 2, rule_id


def test_an_outcome_a_rule_returns_is_always_one_of_its_declared_codes():
    seen: dict[str, set[str]] = defaultdict(set)
    for rule_id, name, facts in _yaml_cases():
        result = evaluate(rule_id, facts)
        if isinstance(result, Outcome):
            assert result.outcome in RULES[rule_id].outcomes, (rule_id, name, result.outcome)
            seen[rule_id].add(result.outcome)
    for rule_id, facts in _generated(300):
        result = evaluate(rule_id, facts)
        if isinstance(result, Outcome):
            assert result.outcome in RULES[rule_id].outcomes, (rule_id, facts, result.outcome)
    # and the rule cases reach every declared code
    assert {r: set(found.outcomes) for r, found in RULES.items()} == dict(seen)


def test_a_rule_registered_without_a_literal_of_codes_is_refused():
    class Facts:  # never validated: registration fails first
        pass

    for bad in (str, typing.Optional[str], tuple[str, ...]):
        with pytest.raises(TypeError, match="outcomes must be a Literal"):
            rule("test.bad", Facts, ("Test",), outcomes=bad)
    assert "test.bad" not in RULES
