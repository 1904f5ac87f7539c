"""The working as typed steps: each kind a NamedTuple of its rule, with a Literal code and typed operands.

The batch writes a step as {code, expression, value}; ``args`` stays a read-only mapping of the
operands by name, as the explainers read it.
"""

from __future__ import annotations

import sys
import typing
from pathlib import Path

import pytest
import yaml

from medguide.rules import RULES, Outcome, Step, evaluate
from medguide.rules.base import STEP_FIELDS, FactsModel, facts_args, step_args, step_json

HERE = Path(__file__).parent


def _outcomes():
    for path in sorted(HERE.rglob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            result = evaluate(doc["rule"], case["facts"])
            if isinstance(result, Outcome):
                yield doc["rule"], case["name"], result


OUTCOMES = list(_outcomes())


def _kinds() -> dict[type, str]:
    """Every step kind declared in a rule's module: a NamedTuple whose fields open with code, expression, value."""
    kinds = {}
    for rule_id, found in RULES.items():
        module = sys.modules[found.func.__module__]
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, tuple) and value.__module__ == module.__name__ \
                    and getattr(value, "_fields", ())[:3] == STEP_FIELDS:
                kinds[value] = rule_id
    return kinds


KINDS = _kinds()


@pytest.mark.parametrize("kind,rule_id", sorted(KINDS.items(), key=lambda kv: (kv[1], kv[0].__name__)),
                         ids=lambda x: x.__name__ if isinstance(x, type) else x)
def test_each_step_kind_is_a_documented_named_tuple_of_its_rule_with_a_literal_code(kind, rule_id):
    assert kind.__doc__ and not kind.__doc__.startswith(kind.__name__ + "(")  # its own words, not the generated one
    hints = typing.get_type_hints(kind)
    assert typing.get_origin(hints["code"]) is typing.Literal and typing.get_args(hints["code"])
    for name in kind._fields[3:]:
        assert name in hints, (kind, name)
    assert kind.as_json is step_json and kind.args in (step_args, facts_args)


def test_the_rule_cases_produce_every_step_kind_and_every_step_comes_from_its_rules_kinds():
    produced = {(rule_id, type(s)) for rule_id, _, result in OUTCOMES for s in result.steps}
    assert {(rule_id, kind) for kind, rule_id in KINDS.items()} == produced


def test_every_step_of_every_case_is_typed_and_keeps_its_batch_shape():
    seen = 0
    for rule_id, name, result in OUTCOMES:
        for s in result.steps:
            seen += 1
            assert isinstance(s, Step)
            codes = typing.get_args(typing.get_type_hints(type(s))["code"])
            assert s.code in codes, (name, s.code, codes)
            assert s.as_json() == {"code": s.code, "expression": s.expression, "value": s.value}
            assert list(s.as_json()) == ["code", "expression", "value"]
            assert isinstance(s.expression, str) and (s.value is None or isinstance(s.value, str))
    assert seen > 400


def test_args_is_a_read_only_mapping_of_the_operands_by_name():
    for rule_id, name, result in OUTCOMES:
        for s in result.steps:
            args = s.args
            with pytest.raises(TypeError):
                args["code"] = "changed"  # type: ignore[index]
            operands = s._fields[3:]
            if operands == ("facts",):
                assert isinstance(s.facts, FactsModel) and dict(args) == s.facts.model_dump()
            else:
                names = getattr(s, "_arg_names", {})
                assert dict(args) == {names.get(f, f): getattr(s, f) for f in operands}
            with pytest.raises(AttributeError):
                s.code = "changed"  # type: ignore[misc]


def test_the_worked_example_reads_as_named_fields():
    facts = {"base_support": "350.00", "case_type": "standard",
             "policies": [{"holder": "payer", "premium": "198.00", "persons_covered": 3, "children_on_case": 1}]}
    steps = evaluate("ut.premium_credit", facts).steps
    per_capita = next(s for s in steps if s.code == "per_capita")
    assert (per_capita.premium, per_capita.persons, per_capita.per_capita, per_capita.credit) == (
        per_capita.args["premium"], 3, per_capita.args["per_capita"], per_capita.args["credit"])
    assert str(per_capita.per_capita) == "66.00" and str(per_capita.credit) == "33.00"
    adjusted = steps[-1]
    assert adjusted.code == "adjusted_support" and str(adjusted.adjusted) == "317.00"
    assert dict(adjusted.args) == {"base_support": adjusted.base_support, "adjusted": adjusted.adjusted}
