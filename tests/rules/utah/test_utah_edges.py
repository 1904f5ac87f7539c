"""Utah rule properties the YAML cases cannot state: verbatim order language, brief runs, invariants."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medguide.rules import RULES, Outcome, Refusal, evaluate
from medguide.rules.utah.primary_plan import ORDER_LANGUAGE_TEMPLATE



def test_order_language_is_the_statute_verbatim(seed):
    """(7)(b): the language may not be modified, so the template must be the seed's text exactly."""
    text = " ".join(seed("004").split())
    quoted = re.search(r"include the following language: \u2018(.*?)\u2019", text).group(1)
    expected = quoted.replace("(Parent's Name)", "{primary_name}").replace("(Other Parent's Name)", "{secondary_name}")
    assert ORDER_LANGUAGE_TEMPLATE == expected


def test_order_language_fills_in_both_names():
    filled = ORDER_LANGUAGE_TEMPLATE.format(primary_name="Ann Lee", secondary_name="Ben Cruz")
    assert "the health insurance plan of Ann Lee shall be primary" in filled
    assert "the health insurance plan of Ben Cruz shall be secondary" in filled


BRIEF_CASES = {
    "ut.credit_start": {"complete_request_received": "2016-06-17", "new_case": True, "application_date": "2016-04-13",
                        "initial_contact_letter_date": "2016-04-22", "retro_requested": True,
                        "prior_notice_or_knowledge": True, "manager_approved": True},
    "ut.credit_end": {"credit_start": "2024-03-01", "verification_dates": ["2024-11-20"], "as_of": "2025-06-01"},
    "ut.primary_plan": {"order_names_primary": "none", "covered_by_both": True,
                        "parent_a_birthday": "02-29", "parent_b_birthday": "03-01"},
    "ut.uninsured_expenses": {"amount": "100.01", "paid_by": "parent_a", "paid_on": "2024-05-10"},
    "ut.order_regime": {"order_date": "2010-06-01", "has_medical_provision": False},
}


@pytest.mark.parametrize("rule_id", sorted(BRIEF_CASES))
def test_brief_run_gives_the_same_answer_without_steps(rule_id):
    full = evaluate(rule_id, BRIEF_CASES[rule_id])
    found = RULES[rule_id]
    brief = found(found.facts.model_validate_json(json.dumps(BRIEF_CASES[rule_id])), explain=False)
    assert isinstance(full, Outcome) and full.steps
    assert (brief.outcome, brief.figures, brief.steps) == (full.outcome, full.figures, ())


EXAMPLES = settings(max_examples=200, deadline=None)
days = st.dates(min_value=date(1995, 1, 1), max_value=date(2040, 12, 31))


@EXAMPLES
@given(letter=days, gap=st.integers(0, 120), lead=st.integers(0, 60))
def test_credit_start_is_a_first_of_month_never_before_the_application_month(letter, gap, lead):
    application = letter - timedelta(days=lead)
    facts = {"complete_request_received": (letter + timedelta(days=gap)).isoformat(), "new_case": True,
             "application_date": application.isoformat(), "initial_contact_letter_date": letter.isoformat(),
             "retro_requested": True, "prior_notice_or_knowledge": True, "manager_approved": True}
    result = evaluate("ut.credit_start", facts)
    start = result.figures["effective_from"]
    assert start.day == 1 and start >= application.replace(day=1)
    assert result.outcome == ("retroactive" if gap <= 60 else "prospective")
    assert start <= result.figures["prospective_from"]


@EXAMPLES
@given(cents=st.integers(1, 10**12), paid=days)
def test_uninsured_halves_add_up_and_the_payer_keeps_the_odd_cent(cents, paid):
    amount = Decimal(cents).scaleb(-2)
    result = evaluate("ut.uninsured_expenses", {"amount": str(amount), "paid_by": "parent_b", "paid_on": paid.isoformat()})
    owes, keeps = result.figures["other_parent_owes"], result.figures["paid_by_share"]
    assert owes + keeps == amount and 0 <= keeps - owes <= Decimal("0.01")


@EXAMPLES
@given(start=days, offsets=st.lists(st.integers(0, 3000), max_size=8), span=st.integers(0, 3000))
def test_credit_end_is_never_before_the_start_and_ended_means_reached(start, offsets, span):
    as_of = start + timedelta(days=span)
    checks = [start + timedelta(days=o) for o in offsets if start + timedelta(days=o) <= as_of]
    result = evaluate("ut.credit_end", {"credit_start": start.isoformat(), "as_of": as_of.isoformat(),
                                        "verification_dates": [d.isoformat() for d in checks]})
    if isinstance(result, Refusal):  # a proof in October may count through that year's letter (CS 407P note)
        assert (result.field, result.code) == ("yearly_letter_dates", "missing")
        assert any(d.month == 10 and d.day >= 2 for d in checks)
        return
    f = result.figures
    ends_on = f["ends_on"]
    assert (result.outcome == "ended") == (ends_on is not None and ends_on <= as_of)
    if ends_on is not None:
        assert ends_on > start and (ends_on.month, ends_on.day) == (1, 2)
    # the runs follow one another, each restart on a first of the month, with the gaps between them
    periods = f["periods"]
    assert periods[0]["from"] == start and all(p["to"] is not None for p in periods[:-1])
    assert f["gaps"] == [{"from": a["to"], "to": b["from"]} for a, b in zip(periods, periods[1:])]
    assert all(b["from"].day == 1 and a["to"] < b["from"] for a, b in zip(periods, periods[1:]))
    assert all(m.day == 1 and m <= as_of for m in f["months_at_full_amount"])
    assert f["months_at_full_amount"] == sorted(set(f["months_at_full_amount"]))
    if not f["gaps"]:  # one run: months at the full amount exactly when it has ended
        assert (result.outcome == "ended") == bool(f["months_at_full_amount"])
