"""Properties that hold for every input, checked with hypothesis.

The YAML cases pin worked examples; these pin the invariants between them:
the premium credit is bounded, non-negative and monotonic; apportioned shares
always sum to the amount; the reasonable-cost test is exactly cost x 20 <= income.
No figure is ever a float.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from medguide.rules import Outcome, Refusal, evaluate

EXAMPLES = settings(max_examples=200, deadline=None)

cents = st.integers(min_value=0, max_value=10**9)  # up to 10,000,000.00
persons = st.integers(min_value=1, max_value=12)


def _money(n: int) -> str:
    return f"{Decimal(n) / 100:.2f}"


def _no_float(value, where="figures"):
    """Walk the figures: money is Decimal, never float."""
    assert not isinstance(value, float), f"{where} is a float: {value!r}"
    if isinstance(value, dict):
        for key, item in value.items():
            _no_float(item, f"{where}.{key}")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            _no_float(item, f"{where}.{i}")


# ut.premium_credit ------------------------------------------------------------

@st.composite
def credit_case(draw):
    covered = draw(persons)
    children = draw(st.integers(min_value=1, max_value=covered))
    return {
        "base_support": _money(draw(cents)),
        "case_type": draw(st.sampled_from(["standard", "split"])),
        "policies": [{"holder": draw(st.sampled_from(["payer", "recipient"])), "premium": _money(draw(cents)),
                      "persons_covered": covered, "children_on_case": children}],
    }


def _credit(facts) -> Outcome:
    result = evaluate("ut.premium_credit", facts)
    assert isinstance(result, Outcome), result
    return result


@EXAMPLES
@given(credit_case())
def test_premium_credit_bounded_and_never_negative(facts):
    result = _credit(facts)
    policy, row = facts["policies"][0], result.figures["policies"][0]
    credit, premium = row["credit"], Decimal(policy["premium"])
    assert isinstance(credit, Decimal)
    assert credit >= 0
    # credit <= premium x children / persons x 50%, compared without division
    assert credit * policy["persons_covered"] * 2 <= premium * policy["children_on_case"]
    assert result.figures["adjusted_support"] >= 0
    for name in ("net_adjustment", "adjusted_support"):
        assert isinstance(result.figures[name], Decimal)
    _no_float(result.figures)


@EXAMPLES
@given(credit_case(), cents, cents)
def test_premium_credit_monotonic_in_premium(facts, p1, p2):
    low, high = sorted((p1, p2))
    credits = []
    for premium in (low, high):
        policy = {**facts["policies"][0], "premium": _money(premium)}
        credits.append(_credit({**facts, "policies": [policy]}).figures["policies"][0]["credit"])
    assert credits[0] <= credits[1]


# ca.apportion_expenses --------------------------------------------------------

support = st.none() | st.fixed_dictionaries(
    {"paid_by": st.sampled_from(["parent_a", "parent_b"]), "monthly": cents.map(_money)})


@EXAMPLES
@given(cents, cents, cents, support, support)
def test_apportioned_shares_sum_exactly(amount, a, b, spousal, child):
    facts = {"amount": _money(amount), "method": "income",
             "net_disposable_income": {"parent_a": _money(a), "parent_b": _money(b)}}
    if spousal:
        facts["spousal_support"] = spousal
    if child:
        facts["basic_child_support"] = child
    result = evaluate("ca.apportion_expenses", facts)
    if isinstance(result, Refusal):
        assert result.code in {"negative_adjusted_income", "no_income_to_apportion"}
        return
    f = result.figures
    assert f["parent_a_share"] + f["parent_b_share"] == Decimal(facts["amount"])
    assert f["parent_a_share"] >= 0 and f["parent_b_share"] >= 0
    total = f["adjusted_income_a"] + f["adjusted_income_b"]
    # parent A's share is its exact proportion rounded to the nearest cent
    assert abs(f["parent_a_share"] * total - Decimal(facts["amount"]) * f["adjusted_income_a"]) <= total / 200
    _no_float(f)


@EXAMPLES
@given(cents)
def test_half_shares_sum_exactly(amount):
    f = evaluate("ca.apportion_expenses", {"amount": _money(amount), "method": "half"}).figures
    assert f["parent_a_share"] + f["parent_b_share"] == Decimal(_money(amount))
    assert 0 <= f["parent_a_share"] - f["parent_b_share"] <= Decimal("0.01")


# reasonable_cost --------------------------------------------------------------

@EXAMPLES
@given(st.sampled_from(["UT", "federal"]), cents, cents)
def test_reasonable_iff_twenty_times_cost_within_income(jurisdiction, income, cost):
    facts = {"jurisdiction": jurisdiction, "gross_monthly_income": _money(income), "cost": _money(cost)}
    result = evaluate("reasonable_cost", facts)
    f = result.figures
    if cost == 0:
        assert result.outcome == "no_cost"
    else:
        assert (result.outcome == "reasonable") == (cost * 20 <= income)
        assert result.outcome in {"reasonable", "not_reasonable"}
    assert f["threshold"] == (Decimal(income) / 2000).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    assert f["headroom"] == f["threshold"] - f["cost"]
    _no_float(f)


@EXAMPLES
@given(cents, cents, cents)
def test_california_tests_the_premium_difference(income, single, extra):
    facts = {"jurisdiction": "CA", "gross_monthly_income": _money(income),
             "family_premium": _money(single + extra), "self_only_premium": _money(single)}
    result = evaluate("reasonable_cost", facts)
    assert result.figures["cost"] == Decimal(_money(extra))
    if extra:
        assert (result.outcome == "reasonable") == (extra * 20 <= income)
    assert result.figures["headroom"] == result.figures["threshold"] - result.figures["cost"]
