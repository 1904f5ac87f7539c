"""Valid dates at the ends of the calendar (years 1 and 9999) never make a rule raise.

A rule that adds days or months to a date, or looks at the year before or after
it, can step outside what Python's ``date`` can hold. It must refuse the line
with ``date_out_of_range`` naming the field, as ca.reimbursement_deadlines does,
never raise ValueError or OverflowError (which stopped a whole `rules run`).
"""

from __future__ import annotations

import importlib.util
import random
import typing
from datetime import date
from pathlib import Path

import pytest

from medguide.rules import RULES, Outcome, Refusal, evaluate

ROOT = Path(__file__).resolve().parents[2]

EXTREMES = ["0001-01-01", "0001-01-02", "0001-01-03", "0001-11-01", "0001-12-31", "0002-01-02",
            "9998-12-31", "9999-01-01", "9999-01-02", "9999-01-03", "9999-10-15", "9999-11-01",
            "9999-11-30", "9999-12-01", "9999-12-31"]


def _generator():
    spec = importlib.util.spec_from_file_location("rules_batch_bench", ROOT / "benchmarks" / "rules_batch.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _date_fields(model) -> list[tuple[str, bool]]:
    """(name, is a list of dates) for every date fact of a facts model."""
    found = []
    for name, info in model.model_fields.items():
        kinds = {info.annotation, *typing.get_args(info.annotation)}
        if date in kinds:
            found.append((name, False))
        elif any(typing.get_origin(k) is list and typing.get_args(k) == (date,) for k in kinds):
            found.append((name, True))
    return found


DATE_RULES = {rule_id: _date_fields(rule.facts) for rule_id, rule in RULES.items() if _date_fields(rule.facts)}


def test_the_date_rules_are_the_ones_expected():
    assert set(DATE_RULES) == {"ut.credit_start", "ut.credit_end", "ut.uninsured_expenses", "ut.order_regime",
                               "ut.premium_credit", "ut.primary_plan", "reasonable_cost", "ca.out_of_network",
                               "ca.reimbursement_deadlines"}


def _cases(rule_id: str, n: int, seed: int) -> list[dict]:
    gen = _generator()
    cases = gen.Cases(random.Random(seed))
    make = getattr(cases, rule_id.replace(".", "_"))
    return [make() for _ in range(n)]


def _variants(facts: dict, fields: list[tuple[str, bool]], rng: random.Random):
    """One date field at a time set to each extreme, then every date field at once."""
    for name, is_list in fields:
        for day in EXTREMES:
            yield {**facts, name: [day] if is_list else day}
    for _ in range(6):
        yield {**facts, **{name: [d] if is_list else d for (name, is_list), d in
                           zip(fields, (rng.choice(EXTREMES) for _ in fields))}}


@pytest.mark.parametrize("rule_id", sorted(DATE_RULES))
def test_no_date_near_year_1_or_9999_makes_a_rule_raise(rule_id):
    rng = random.Random(7)
    fields = DATE_RULES[rule_id]
    seen_codes: set[str] = set()
    count = 0
    for facts in _cases(rule_id, 40, seed=len(rule_id)):
        for variant in _variants(facts, fields, rng):
            result = evaluate(rule_id, variant)  # raises on a bug: evaluate catches only refusals
            count += 1
            assert isinstance(result, (Outcome, Refusal))
            if isinstance(result, Refusal):
                seen_codes.add(result.code)
                if result.code == "date_out_of_range":
                    # a date field, or the period added to one (ca.reimbursement_deadlines)
                    field = result.field.split(".")[0]  # a list of dates names the item: verification_dates.3
                    assert field in {name for name, _ in fields} | {"court_period_days"}, (variant, result)
                    assert result.message.startswith(result.field + ":")
    assert count > 40 * len(fields) * len(EXTREMES)


@pytest.mark.parametrize("rule_id,facts,field", [
    ("ut.credit_start", {"complete_request_received": "9999-12-01"}, "complete_request_received"),
    ("ut.credit_start", {"complete_request_received": "9999-12-31", "retro_requested": True, "new_case": True,
                         "application_date": "9999-11-01", "initial_contact_letter_date": "9999-11-15",
                         "prior_notice_or_knowledge": True, "manager_approved": True}, "complete_request_received"),
    ("ut.credit_start", {"complete_request_received": "9999-11-30", "retro_requested": True, "new_case": True,
                         "application_date": "9999-11-01", "initial_contact_letter_date": "9999-11-15",
                         "prior_notice_or_knowledge": True, "manager_approved": True}, "initial_contact_letter_date"),
    ("ut.credit_end", {"credit_start": "0001-01-01", "as_of": "2022-10-21"}, "credit_start"),
    ("ut.credit_end", {"credit_start": "9999-10-15", "as_of": "9999-10-15"}, "as_of"),
    ("ut.credit_end", {"credit_start": "9998-12-15", "verification_dates": ["9998-12-20"], "as_of": "9999-06-01"},
     "as_of"),
    ("ut.uninsured_expenses", {"amount": "1.00", "paid_by": "parent_a", "paid_on": "9999-12-31"}, "paid_on"),
])
def test_the_findings_reproducers_are_refused_naming_the_field(rule_id, facts, field):
    result = evaluate(rule_id, facts)
    assert isinstance(result, Refusal), result
    assert (result.field, result.code) == (field, "date_out_of_range")
    assert "9999-12-31" in result.message or "0001-01-01" in result.message


def test_dates_just_inside_the_calendar_still_answer():
    assert evaluate("ut.credit_start", {"complete_request_received": "9999-11-30"}).figures["effective_from"] \
        == date(9999, 12, 1)
    assert evaluate("ut.uninsured_expenses", {"amount": "1.00", "paid_by": "parent_a", "paid_on": "9999-12-01"}) \
        .figures["verification_due"] == date(9999, 12, 31)
    ended = evaluate("ut.credit_end", {"credit_start": "0001-01-03", "as_of": "0002-06-01"})
    assert isinstance(ended, Outcome) and ended.figures["ends_on"] == date(2, 1, 2)
