"""Money as text is ASCII digits with at most two decimals; JSON numbers read as before.

Decimal's own parser accepts any script's digits, underscores, signs, exponents
and spaces; a rule never sees those (rules.evaluate reads facts through JSON, as
`medguide rules run` does).
"""

from __future__ import annotations

import json

import pytest

from medguide.rules import Outcome, Refusal, RULES, evaluate


def _expense(amount):
    return evaluate("ut.uninsured_expenses", {"amount": amount, "paid_by": "parent_a", "paid_on": "2024-01-05"})


@pytest.mark.parametrize("text", ["١٢٣", "１２３", "१२३", "๑๒๓", "1_000", "+12.50", ".5", "12.", "1e2", " 12.50 ",
                                  "NaN", "Infinity", ""])
def test_text_that_only_decimal_reads_is_not_money(text):
    result = _expense(text)
    assert isinstance(result, Refusal) and (result.code, result.field) == ("not_money", "amount")


@pytest.mark.parametrize("text,code", [("12.345", "too_many_decimals"), ("12.500", "too_many_decimals"),
                                       ("-1", "negative"), ("1234567890123456", "too_many_digits")])
def test_plain_text_keeps_the_precise_code(text, code):
    result = _expense(text)
    assert isinstance(result, Refusal) and (result.code, result.field) == (code, "amount")


@pytest.mark.parametrize("amount,owes", [("12.50", "6.25"), ("12", "6.00"), (12.5, "6.25"), (100, "50.00")])
def test_plain_text_and_numbers_are_read(amount, owes):
    result = _expense(amount)
    assert isinstance(result, Outcome) and str(result.figures["other_parent_owes"]) == owes


def test_the_facts_schema_states_the_text_form():
    schema = RULES["ut.uninsured_expenses"].facts.model_json_schema()
    assert schema["properties"]["amount"] == {
        "anyOf": [{"minimum": 0.0, "type": "number"}, {"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]{1,2})?$"}],
        "title": "Amount"}
    json.dumps(schema)  # still plain JSON
