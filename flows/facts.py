"""From answers to each rule's facts: one small builder per result step.

A builder reads answers by question id. ``a[qid]`` raises :class:`MissingFact`
when the parent said "I don't know" (or never reached the question); the result
then says what that fact would change. :class:`NotApplicable` means the rule has
nothing to say on these answers.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from medguide.rules.parameters import UT_OPERATION_OF_LAW_FROM, UT_VERIFICATION_DUE

UNKNOWN = "unknown"
"""Stored for "I don't know"; predicates may test for it like a choice code."""

PARENT = {"me": "parent_a", "other_parent": "parent_b"}
"""The person using the guide is parent_a; the other parent is parent_b."""


class MissingFact(Exception):
    def __init__(self, question: str):
        super().__init__(question)
        self.question = question


class NotApplicable(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class Answers:
    """Read-only view of the answers on the current path, plus today's date."""

    def __init__(self, values: dict[str, Any], today: date, aliases: dict[str, str] | None = None,
                 groups: dict[str, list[dict[str, Any]]] | None = None):
        self.values = values
        self.today = today
        self.aliases = aliases or {}
        self.groups = groups or {}
        """Each group's items on the path (every bill, every plan), each its answers by question id."""
        """Earlier question ids -> today's (a renamed question keeps its old id)."""
        self.assumed: list[str] = []
        """Questions answered "I don't know" that a builder read as a stated default."""

    def _id(self, question: str) -> str:
        return self.aliases.get(question, question)

    def assume(self, question: str, default: Any) -> Any:
        """The answer, or ``default`` for "I don't know" (noted, so the result says what it would change)."""
        question = self._id(question)
        value = self.values.get(question)
        if value == UNKNOWN:
            self.assumed.append(question)
            return default
        return default if value is None else value

    def __getitem__(self, question: str) -> Any:
        question = self._id(question)
        value = self.values.get(question)
        if value is None or value == UNKNOWN:
            raise MissingFact(question)
        return value

    def get(self, question: str, default: Any = None) -> Any:
        value = self.values.get(self._id(question))
        return default if value is None or value == UNKNOWN else value

    def has(self, question: str) -> bool:
        return self.get(question) is not None

    def items(self, group: str) -> list["Answers"]:
        """A view of each item of ``group`` (the other answers shared), for a builder that reads them all."""
        views = []
        for item in self.groups.get(group, []):
            view = Answers({**self.values, **item}, self.today, self.aliases, self.groups)
            view.assumed = self.assumed  # an "I don't know" read in any item is this result's too
            views.append(view)
        return views


CASE_TYPE = {"with_one_parent": "standard", "split": "split", "state_custody": "cic", "relative": "specified_relative"}


def _role(a: Answers) -> str:
    case_type = CASE_TYPE[a["living_arrangement"]]
    return "payer" if case_type in ("cic", "specified_relative") else a["my_role"]



# ---------------------------------------------------------------- Utah
def order_regime(a: Answers) -> dict:
    facts: dict[str, Any] = {"order_date": a["order_date"], "has_medical_provision": _provision(a)}
    if a.get("order_changed"):
        facts["modified_date"] = a["modified_date"]
        for q in ("original_addressed_credit", "modification_addressed_credit"):
            if a.has(q):
                facts[q] = a[q]
    return facts


def _provision(a: Answers) -> bool:
    """Whether the order has a medical provision; not knowing matters only before May 3, 2023."""
    try:
        return a["has_medical_provision"]
    except MissingFact:
        if (a.get("modified_date") or a["order_date"]) >= UT_OPERATION_OF_LAW_FROM.at():
            return False  # the provision is in the order by operation of law either way
        raise


def premium_credit(a: Answers) -> dict:
    """Utah Code 81-6-208(8): a parent's own plan, or one a member of the household carries, earns the credit."""
    case_type = CASE_TYPE[a["living_arrangement"]]
    role = _role(a)
    cap = a["credit_cap_amount"] if a.assume("credit_cap", False) else None
    policies = []
    if a.get("my_side_plan") in ("me", "my_spouse"):
        policies.append(_policy(a, "my", role, cap))
    if a.assume("other_side_plan", "no") in ("other_parent", "other_spouse") and case_type != "cic":
        # CIC: each parent has a separate case with the state; the other parent's plan changes theirs, not this one.
        holder = "other_parent" if case_type == "specified_relative" else ("recipient" if role == "payer" else "payer")
        policies.append(_policy(a, "other", holder, cap))
    if not policies:
        raise NotApplicable("no_plan")
    return {"base_support": a["base_support"], "case_type": case_type, "policies": policies}


def _policy(a: Answers, side: str, holder: str, cap: Any) -> dict:
    policy = {
        "holder": holder,
        "premium": a[f"{side}_premium"],
        "persons_covered": a[f"{side}_persons_covered"],
        "children_on_case": a[f"{side}_children_on_case"],
        "health_benefits": a[f"{side}_health_benefits"],
    }
    if cap is not None:
        policy["cap"] = cap
    return policy


def credit_start(a: Answers) -> dict:
    facts: dict[str, Any] = {"complete_request_received": a["credit_form_date"]}
    if a.get("retro_wanted"):
        facts["retro_requested"] = True
        facts["new_case"] = a["new_case"]
        if a.get("new_case"):
            facts["application_date"] = a["application_date"]
            facts["initial_contact_letter_date"] = a["contact_letter_date"]
            facts["prior_notice_or_knowledge"] = a["prior_notice"]
            facts["manager_approved"] = a.assume("manager_approved", False)
    return facts


def credit_end(a: Answers) -> dict:
    """The interview asks for the latest complete form only (the request, or the last yearly proof).

    Each complete form renews the credit (CS 407P: a new form reinstates an ended credit), so the
    latest one starts the run that is in force now; years before it are not the question.
    """
    form = a["credit_form_date"]
    try:
        latest = max(form, a["last_verification_date"])
    except MissingFact:
        month, day = UT_VERIFICATION_DUE.at()
        first_due = date(form.year + (1 if (form.month, form.day) > (month, day) else 0), month, day)
        if a.today > first_due:
            raise  # a yearly proof was due since the form: whether it came decides the answer
        latest = form
    facts: dict[str, Any] = {"credit_start": latest, "verification_dates": [], "as_of": a.today}
    if a.get("coverage_lapsed"):
        facts["lapse_date"] = a["lapse_date"]
    return facts


def primary_plan(a: Answers) -> dict:
    mine = a.get("my_side_plan")
    theirs = a["other_side_plan"] if mine in ("me", "my_spouse") else a.get("other_side_plan")
    both = mine in ("me", "my_spouse") and theirs in ("other_parent", "other_spouse")
    named = a.get("order_names_primary")
    facts: dict[str, Any] = {
        "order_names_primary": PARENT.get(named, "none") if named else "none",
        "covered_by_both": both,
    }
    if both and facts["order_names_primary"] == "none":
        facts["parent_a_birthday"] = a["my_birthday"]
        facts["parent_b_birthday"] = a["other_birthday"]
    for question, fact in (("my_name", "parent_a_name"), ("other_parent_name", "parent_b_name")):
        name = a.assume(question, None)
        if name:
            facts[fact] = name
    if mine == "my_spouse":
        facts["step_parent_plan_of"] = "parent_a"
    elif theirs == "other_spouse":
        facts["step_parent_plan_of"] = "parent_b"
    return facts


def uninsured_expenses(a: Answers) -> dict:
    facts = {"amount": a["bill_amount"], "paid_by": PARENT[a["bill_paid_by"]], "paid_on": a["bill_paid_on"]}
    if a.get("bill_verification_sent"):
        facts["verification_sent_on"] = a["bill_verification_date"]
    return facts


# ---------------------------------------------------------------- reasonable cost (UT, CA, federal)
def reasonable_cost(a: Answers) -> dict:
    state = a["order_state"]
    jurisdiction = state if state in ("UT", "CA") else "federal"
    if a.get("my_side_plan") in ("me", "my_spouse"):
        family, self_only = "my_premium", "my_self_only_premium"
    elif a.get("plan_offered"):
        family, self_only = "offered_premium", "offered_self_only"
    else:
        raise NotApplicable("no_plan_to_judge")
    facts: dict[str, Any] = {"jurisdiction": jurisdiction, "gross_monthly_income": a["gross_income"]}
    if jurisdiction == "CA":
        facts["family_premium"] = a[family]
        facts["self_only_premium"] = a[self_only]
        if a.get("my_role") == "payer":
            facts["low_income_adjustment"] = a.assume("low_income_adjustment", False)
    else:
        facts["cost"] = a[family]
    return facts


# ---------------------------------------------------------------- California
def apportion_expenses(a: Answers) -> dict:
    # 4063(f)(2): out of network, only what the care would have cost in network is shared.
    amount = a["bill_in_network_amount"] if a.get("bill_out_of_network") else a["bill_amount"]
    facts: dict[str, Any] = {"amount": amount, "method": a.assume("apportion_method", "half")}
    if facts["method"] == "income":
        facts["net_disposable_income"] = {"parent_a": a["my_net_income"], "parent_b": a["other_net_income"]}
        spousal = a.get("spousal_support")
        if spousal in ("i_pay", "i_receive"):
            facts["spousal_support"] = {
                "paid_by": "parent_a" if spousal == "i_pay" else "parent_b",
                "monthly": a["spousal_support_amount"],
            }
        if a.has("base_support") and a.has("my_role"):
            facts["basic_child_support"] = {
                "paid_by": "parent_a" if a["my_role"] == "payer" else "parent_b",
                "monthly": a["base_support"],
            }
    return facts


def out_of_network(a: Answers) -> dict:
    return {
        "amount_charged": a["bill_amount"],
        "amount_if_in_network": a["bill_in_network_amount"],
        "obtained_by": PARENT[a["bill_paid_by"]],
        "used_ordered_coverage": False,
        "used_preferred_provider": False,
        "distance_miles": a["bill_distance"],
        "emergency": a["bill_emergency"],
        "special_needs": a["bill_special_needs"],
        "coverage_inadequate": a["bill_coverage_inadequate"],
    }


def reimbursement_deadlines(a: Answers) -> dict:
    facts: dict[str, Any] = {
        "costs_accrued_on": a["bill_paid_on"],
        "disputed": a.get("bill_disputed", False),  # asked on every path that reaches this rule
        "can_pay_within_30_days": a.get("bill_can_pay_30", True),
        "paid_all": True,
    }
    notified = a.assume("bill_notified_on", None)
    if notified is not None:
        facts["notified_on"] = notified
    return facts


def coverage_assignment(a: Answers) -> dict:
    return {
        "coverage_ordered": a["has_medical_provision"],
        "parent_has_employer_coverage": a["ca_employer_coverage"],
        "good_cause_shown": a.get("ca_good_cause", False),
    }


def medical_insurance_form(a: Answers) -> dict:
    return {
        "parent_names_addresses_ssn": a["ca_form_parents"],
        "employer_names_addresses": a["ca_form_employers"],
        "policy_details": a["ca_form_policy"],
        "covered_persons_case_numbers": a["ca_form_covered"],
        "coverage_lapsed": a["ca_coverage_lapsed"],
    }


# ---------------------------------------------------------------- Arkansas and federal
def ocse_medical_support(a: Answers) -> dict:
    return {
        "custodial_has_satisfactory_coverage": a["ar_custodial_coverage"],
        "receives_public_assistance": a["ar_public_assistance"],
        "requested_on_application": a.get("ar_requested_on_application", False),  # not asked: assistance makes it automatic
        "order_has_medical_provision": a["has_medical_provision"],
        "court_ordered_uninsured_enforcement": a.assume("ar_court_ordered_uninsured", False),
    }


def qmcso_completeness(a: Answers) -> dict:
    return {
        "names_parent_and_address": a["qmcso_parent"],
        "names_child_and_address": a["qmcso_child"],
        "describes_coverage": a["qmcso_coverage"],
        "states_period": a["qmcso_period"],
        "requires_benefit_plan_lacks": a["qmcso_extra_benefit"],
    }
