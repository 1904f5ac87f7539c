"""ut.primary_plan: which parent's health plan is primary (Utah Code 81-6-208(3)(c), (6)(b), (7)).

Utah Code 81-6-208(3)(c): a child support order shall "designate which health
insurance plan is primary and which health insurance plan is secondary if, at
any time, a child is covered by both parents' health insurance plans".
(6)(b): if the order does not, "the health insurance plan of the parent whose
birthday falls first in the calendar year is primary, and the health insurance
plan of the parent whose birthday falls second in the calendar year is
secondary."
(7)(a): "The provisions of an order under Subsection (3)(c) shall: (i) take
effect if at any time a child is covered by both parents' health insurance
plans; and (ii) include the following language:" (ORDER_LANGUAGE_TEMPLATE).
(7)(b): "A court or administrative agency may not modify the language required
by Subsection (7)(a)(ii)."
(7)(d): "In designating primary coverage pursuant to Subsection (3)(c), the court
may take into account: (i) the birth dates of the parents; (ii) a requirement in
a court order, if any, for one of the parents to maintain health insurance
coverage for a child; (iii) the parent with physical custody of the child; or
(iv) any other factor the court considers relevant."

(2): "a child support order issued or modified in this state on or after May 3,
2023, shall require compliance with the requirements described in Subsection
(3) as of the effective date of the child support order."

Birthdays count by month and day only. Parents born on the same day of the
year leave (6)(b) without an answer: the outcome is ``undetermined`` with the
(7)(d) factors. The order language is returned as a template id and the two
names, never translated, since (7)(b) forbids changing it.

Decided here: a step-parent's plan is treated as the plan of the remarried
parent (the (7)(a)(ii) language), so the birthday that counts for it is the
remarried parent's, never the step-parent's; ``step_parent_plan_of`` may be
``both`` when each parent's spouse carries the child. When the birthday default
decides, ``default_by_operation_of_law`` says whether it does so by operation of
law: true for an order made or last modified (``regime_date``) on or after May
3, 2023 (81-6-208(2), (6)(b)), false before, null when the order decides or no
regime_date is given. CS 407P: for such orders "a medical support provision is
included in the order by operation of law"; for older orders the seeds do not
say that (6)(b) fills the gap, so the figure flags it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal, NamedTuple

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from ..base import FactsModel, Outcome, Refused, Step, step_args, step_json
from ..parameters import UT_OPERATION_OF_LAW_FROM
from ..registry import rule

RULE_ID = "ut.primary_plan"
REFERENCE = (
    "Utah Code 81-6-208(3)(c)",
    "Utah Code 81-6-208(6)(b)",
    "Utah Code 81-6-208(7)(a)(i)",
    "Utah Code 81-6-208(7)(a)(ii)",
    "Utah Code 81-6-208(7)(b)",
    "Utah Code 81-6-208(7)(d)",
)

TEMPLATE_ID = "ut_81_6_208_7_a_ii"
ORDER_LANGUAGE_TEMPLATE = (
    "If, at any point in time, a child is covered by the health insurance plans of both parents, the health "
    "insurance plan of {primary_name} shall be primary coverage for the child and the health insurance plan of "
    "{secondary_name} shall be secondary coverage for the child. If a parent remarries and the child is not "
    "covered by that parent's health insurance plan but is covered by a step-parent's plan, the health insurance "
    "plan of the step-parent shall be treated as if it is the plan of the remarried parent and shall retain the "
    "same designation as the primary or secondary plan of the child."
)
"""Utah Code 81-6-208(7)(a)(ii), verbatim; (Parent's Name) and (Other Parent's Name) become placeholders."""

FACTORS = ["birth_dates", "order_requires_coverage", "physical_custody", "other"]
OTHER = {"parent_a": "parent_b", "parent_b": "parent_a"}

_BIRTHDAY = re.compile(r"(?:([0-9]{4})-)?([0-9]{2})-([0-9]{2})")  # ASCII digits, as for dates


def _birthday(text: str) -> str:
    """A birthday as ``MM-DD`` from ``MM-DD`` or ``YYYY-MM-DD``; 02-29 is a birthday."""
    found = _BIRTHDAY.fullmatch(text)
    try:
        if not found:
            raise ValueError
        year, month, day = found.groups()
        date(int(year or 2000), int(month), int(day))  # 2000 is a leap year
    except ValueError:
        raise PydanticCustomError("not_a_birthday", "expected a birthday as MM-DD or a date as YYYY-MM-DD, "
                                                    "such as 03-14 or 1985-03-14") from None
    return f"{month}-{day}"


Birthday = Annotated[str, AfterValidator(_birthday)]
Name = Annotated[str, Field(max_length=80)]
Parent = Literal["parent_a", "parent_b"]


class PrimaryPlanFacts(FactsModel):
    order_names_primary: Literal["parent_a", "parent_b", "none"]
    covered_by_both: bool
    parent_a_birthday: Birthday | None = None
    parent_b_birthday: Birthday | None = None
    step_parent_plan_of: Literal["parent_a", "parent_b", "both"] | None = Field(default=None, description=(
        "Whose spouse's plan covers the child instead of that parent's own: it is treated as the plan of that "
        "remarried parent (81-6-208(7)(a)(ii)); both, when each parent's spouse carries the child."))
    regime_date: date | None = Field(default=None, description=(
        "The date of the order, or of its last modification (ut.order_regime's regime_date): whether the birthday "
        "default applies by operation of law (81-6-208(2))."))
    parent_a_name: Name | None = None
    parent_b_name: Name | None = None


# The working, one typed step kind per line shape. --------------------------------------------------------------

class CoveredByBoth(NamedTuple):
    """``covered_by_both``: the designation takes effect only then (81-6-208(7)(a)(i)); ``met`` or ``not_met``."""

    code: Literal["covered_by_both"]
    expression: str
    value: Literal["met", "not_met"]
    as_json = step_json
    args = step_args


class OrderDesignation(NamedTuple):
    """``order_designation``: the order names the primary plan (81-6-208(3)(c))."""

    code: Literal["order_designation"]
    expression: str
    value: str
    primary: Parent
    as_json = step_json
    args = step_args


class BirthdayFirst(NamedTuple):
    """``birthday_first``: the parent whose birthday falls first in the calendar year (81-6-208(6)(b));
    ``value`` is that parent, or ``same_day``."""

    code: Literal["birthday_first"]
    expression: str
    value: str
    parent_a_birthday: str
    parent_b_birthday: str
    as_json = step_json
    args = step_args


class OperationOfLaw(NamedTuple):
    """``default_by_operation_of_law``: the birthday default decides for an order made or last modified on or after
    May 3, 2023 (``met``: 81-6-208(2), (6)(b)) or before it (``not_met``)."""

    code: Literal["default_by_operation_of_law"]
    expression: str
    value: Literal["met", "not_met"]
    regime_date: date
    from_: date
    as_json = step_json
    args = step_args
    _arg_names = {"from_": "from"}


class StepParentPlan(NamedTuple):
    """``step_parent_plan``: a step-parent's plan keeps the remarried parent's designation (81-6-208(7)(a)(ii))."""

    code: Literal["step_parent_plan"]
    expression: str
    value: Literal["primary", "secondary"]
    remarried_parent: Parent
    designation: Literal["primary", "secondary"]
    as_json = step_json
    args = step_args


def _name(facts: PrimaryPlanFacts, parent: str) -> str | None:
    return (getattr(facts, f"{parent}_name") or "").strip() or None


Code = Literal["primary_decided", "undetermined", "not_applicable"]
"""The outcome codes of ut.primary_plan, a public contract: kept, added to, never renamed."""


@rule(RULE_ID, PrimaryPlanFacts, REFERENCE, outcomes=Code)
def primary_plan(facts: PrimaryPlanFacts, explain: bool = True) -> Outcome:
    figures = {"primary": None, "secondary": None, "basis": None, "factors": None,
               "step_parent_plan_of": facts.step_parent_plan_of, "order_language": None,
               "default_by_operation_of_law": None}
    steps: list[Step] = [CoveredByBoth("covered_by_both", f"covered_by_both = {str(facts.covered_by_both).lower()}",
                                       "met" if facts.covered_by_both else "not_met")] if explain else []
    if not facts.covered_by_both:
        return Outcome(RULE_ID, "not_applicable", figures, ("Utah Code 81-6-208(7)(a)(i)",),
                       tuple(steps) if explain else ())

    if facts.order_names_primary != "none":
        primary, basis = facts.order_names_primary, "order"
        if explain:
            steps.append(OrderDesignation("order_designation", f"order_names_primary = {primary}", primary, primary))
        citations = ("Utah Code 81-6-208(3)(c)", "Utah Code 81-6-208(7)(a)", "Utah Code 81-6-208(7)(b)")
    else:
        for parent in OTHER:
            if getattr(facts, f"{parent}_birthday") is None:
                raise Refused(f"{parent}_birthday", "missing",
                              f"{parent}_birthday: needed as MM-DD when the order names no primary plan; "
                              "the birthday first in the calendar year decides")
        a, b = facts.parent_a_birthday, facts.parent_b_birthday
        first = "parent_a" if a < b else "parent_b" if b < a else None
        if explain:
            steps.append(BirthdayFirst("birthday_first", f"first in the year of {a}, {b}", first or "same_day", a, b))
        if first is None:
            figures["factors"] = FACTORS
            return Outcome(RULE_ID, "undetermined", figures, ("Utah Code 81-6-208(6)(b)", "Utah Code 81-6-208(7)(d)"),
                           tuple(steps) if explain else ())
        primary, basis = first, "birthday"
        citations = ("Utah Code 81-6-208(6)(b)", "Utah Code 81-6-208(7)(a)", "Utah Code 81-6-208(7)(b)")
        if facts.regime_date is not None:  # 81-6-208(2): orders made or modified on or after May 3, 2023
            law_from = UT_OPERATION_OF_LAW_FROM.at(facts.regime_date)
            by_law = facts.regime_date >= law_from
            figures["default_by_operation_of_law"] = by_law
            if explain:
                steps.append(OperationOfLaw("default_by_operation_of_law", f"{facts.regime_date} >= {law_from}",
                                            "met" if by_law else "not_met", facts.regime_date, law_from))
            if by_law:
                citations += ("Utah Code 81-6-208(2)",)

    secondary = OTHER[primary]
    if facts.step_parent_plan_of:  # 81-6-208(7)(a)(ii): "treated as if it is the plan of the remarried parent"
        if explain:
            remarried = OTHER if facts.step_parent_plan_of == "both" else (facts.step_parent_plan_of,)
            for parent in remarried:
                kept = "primary" if parent == primary else "secondary"
                steps.append(StepParentPlan("step_parent_plan", f"step-parent's plan = plan of {parent}", kept,
                                            parent, kept))  # type: ignore[arg-type]
        citations += ("Utah Code 81-6-208(7)(a)(ii)",)
    figures.update(primary=primary, secondary=secondary, basis=basis, order_language={
        "template": TEMPLATE_ID, "primary_name": _name(facts, primary), "secondary_name": _name(facts, secondary)})
    return Outcome(RULE_ID, "primary_decided", figures, citations, tuple(steps) if explain else ())
