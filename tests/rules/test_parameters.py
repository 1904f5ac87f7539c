"""Dated law is read with its date: rules/parameters.yaml, loaded into Parameter objects.

A new value added to a copy of the parameters changes nothing dated before it, and
changes every figure and working line dated after it.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from pydantic_core import to_json

from medguide.rules import Outcome, Refusal, evaluate
from medguide.rules import parameters
from medguide.rules.parameters import CREDIT_SHARE, DEFAULT_FILE, Parameter, ParameterChanged, Ref

HERE = Path(__file__).parent
WORKED = {"base_support": "350.00", "case_type": "standard",
          "policies": [{"holder": "payer", "premium": "198.00", "persons_covered": 3, "children_on_case": 1}]}


def _copy_with(tmp_path: Path, additions: dict[str, dict]) -> Path:
    """A copy of the parameters file with more dated values: {name: {date: value}}."""
    doc = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))
    for name, values in additions.items():
        doc[name]["values"].update(values)
    path = tmp_path / "parameters.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


def _out(result) -> dict:
    return json.loads(to_json(result.as_json()))


def _steps(result) -> dict[str, tuple[str, str]]:
    return {s.code: (s.expression, s.value) for s in result.steps}


# ---------------------------------------------------------------- a read names its date
def test_a_read_without_a_date_cannot_be_written():
    with pytest.raises(TypeError):
        CREDIT_SHARE.at()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        CREDIT_SHARE.parameter.at()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        CREDIT_SHARE.at(None)  # type: ignore[arg-type]


def test_a_read_at_a_date_takes_the_value_in_force_then():
    p = Parameter("x", "A test number.", {date(2020, 1, 1): 1, date(2025, 7, 1): 2}, ("Test",), "days")
    assert [p.at(date(2019, 12, 31)), p.at(date(2020, 1, 1)), p.at(date(2025, 6, 30)), p.at(date(2025, 7, 1)),
            p.at(date(9999, 12, 31))] == [1, 1, 1, 2, 2]


def test_only_reads_a_parameter_that_never_changed_and_raises_once_it_has():
    assert CREDIT_SHARE.only() == Decimal("0.5")
    changed = Parameter("x", "A test number.", {date(2020, 1, 1): 1, date(2025, 7, 1): 2}, ("Test",), "days")
    with pytest.raises(ParameterChanged, match="2020-01-01, 2025-07-01"):
        changed.only()


def test_every_parameter_in_the_file_is_read_by_a_name_and_every_name_is_in_the_file():
    names = {value.name for value in vars(parameters).values() if isinstance(value, Ref)}
    assert names == set(parameters.load())
    for name, p in parameters.load().items():
        assert p.description and p.reference, name


def test_the_file_gives_the_numbers_the_rules_were_written_with():
    table = parameters.load()
    assert table["ut.premium_credit.share"].values == {date(1994, 7, 1): Decimal("0.5")}
    assert table["ut.credit_end.verification_due"].only() == (1, 2)
    assert table["ut.credit_end.yearly_letter_by"].only() == (11, 10)
    assert table["ut.order_regime.operation_of_law_from"].only() == date(2023, 5, 3)
    assert table["ca.out_of_network.access_miles"].only() == 50


@pytest.mark.parametrize("entry,message", [
    ({"values": {date(2020, 1, 1): 0.5}, "metadata": {"unit": "share"}}, "exact decimal"),
    ({"values": {date(2020, 1, 1): "13-01"}, "metadata": {"unit": "month_day"}}, "month"),
    ({"values": {date(2020, 1, 1): 30}, "metadata": {"unit": "weeks"}}, "metadata.unit"),
    ({"values": {"2020": 30}, "metadata": {"unit": "days"}}, "effective dates"),
    ({"values": {}, "metadata": {"unit": "days"}}, "effective dates"),
])
def test_a_bad_parameters_file_is_refused_naming_the_parameter(tmp_path, entry, message):
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump({"x.y": {"description": "A number.", "reference": ["Test"], **entry}}))
    with pytest.raises(ValueError, match=f"x.y.*{message}"):
        parameters.load(path)


def test_a_table_that_lacks_a_parameter_the_rules_read_is_refused(tmp_path):
    doc = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))
    del doc["ca.out_of_network.access_miles"]
    path = tmp_path / "short.yaml"
    path.write_text(yaml.safe_dump(doc))
    with pytest.raises(ValueError, match="ca.out_of_network.access_miles"):
        with parameters.using(path):
            pass


# ---------------------------------------------------------------- a future value (issue 12)
def test_a_future_credit_share_changes_nothing_before_it_and_everything_after(tmp_path):
    before_2024 = evaluate("ut.premium_credit", {**WORKED, "regime_date": "2024-01-15"})
    with parameters.using(_copy_with(tmp_path, {"ut.premium_credit.share": {date(2027, 7, 1): "0.55"}})):
        order_2024 = evaluate("ut.premium_credit", {**WORKED, "regime_date": "2024-01-15"})
        day_before = evaluate("ut.premium_credit", {**WORKED, "regime_date": "2027-06-30"})
        order_2027 = evaluate("ut.premium_credit", {**WORKED, "regime_date": "2027-07-01"})
        undated = evaluate("ut.premium_credit", WORKED)
    after = evaluate("ut.premium_credit", {**WORKED, "regime_date": "2027-07-01"})  # the table is back

    # A 2024 order: the same figures and the same working, "x 50%" included.
    assert _out(order_2024) == _out(before_2024) == _out(day_before)
    assert order_2024.figures["adjusted_support"] == Decimal("317.00")
    assert _steps(order_2024)["credit"] == ("198.00 / 3 x 1 x 50%", "33.00")

    # An order from 2027-07-01: every figure and working line that carries the share moves.
    # 198.00 / 3 x 1 x 55% = 36.30; 350.00 - 36.30 = 313.70.
    f = _out(order_2027)["figures"]
    assert f["policies"] == [{"credit": "36.30", "applied": "-36.30", "reason": None}]
    assert (f["net_adjustment"], f["adjusted_support"]) == ("-36.30", "313.70")
    steps = _steps(order_2027)
    assert steps["credit"] == ("198.00 / 3 x 1 x 55%", "36.30")
    assert steps["payer_subtracts"] == ("- 36.30", "-36.30")
    assert steps["adjusted_support"] == ("350.00 - 36.30", "313.70")
    assert steps["per_capita"] == _steps(order_2024)["per_capita"]  # 66.00: no share in it

    # Once the share has changed, a credit without the order's date is refused, naming the fact.
    assert isinstance(undated, Refusal) and (undated.field, undated.code) == ("regime_date", "missing")
    assert after.figures["adjusted_support"] == Decimal("317.00")


def _bumped(p: Parameter):
    """A different, valid value for a parameter."""
    value = p.only()
    if p.unit == "share":
        return str(value + Decimal("0.01"))
    if p.unit in ("days", "miles"):
        return value + 1
    if p.unit == "date":
        return date(value.year, value.month, value.day + 1)
    month, day = value
    return f"{month:02d}-{day + 1:02d}"


def _yaml_cases():
    for path in sorted(HERE.rglob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            yield doc["rule"], case["name"], case["facts"]


def test_new_values_of_every_parameter_on_the_last_day_of_the_calendar_change_no_case_dated_before(tmp_path):
    """Every rule case gives the same answer, unless it has no date for a parameter that now changes over time."""
    far = date(9999, 12, 31)
    table = parameters.load()
    path = _copy_with(tmp_path, {name: {far: _bumped(p)} for name, p in table.items()})
    cases = list(_yaml_cases())
    now = [evaluate(rule, facts) for rule, _, facts in cases]
    with parameters.using(path) as changed:
        assert all(p.changed for p in changed.values())
        later = [evaluate(rule, facts) for rule, _, facts in cases]
    undated = set()
    for (rule, name, _), a, b in zip(cases, now, later):
        if isinstance(b, Refusal) and b.code == "missing" and not (isinstance(a, Refusal) and a.field == b.field):
            undated.add((rule, b.field))
            continue
        assert a.as_json() == b.as_json(), name
        if isinstance(a, Outcome):
            assert [s.args for s in a.steps] == [s.args for s in b.steps], name
    # the rules whose date fact is optional, and only they, asked for it
    assert undated == {("ut.premium_credit", "regime_date"), ("reasonable_cost", "as_of"),
                       ("ca.out_of_network", "care_on")}
