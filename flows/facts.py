"""From answers to each rule's facts: one small builder per result step.

A builder reads answers by question id. ``a[qid]`` raises :class:`MissingFact`
when the parent said "I don't know" (or never reached the question); the result
then says what that fact would change. ``a.assume(qid, default)`` reads an
"I don't know" as a stated default, and the engine then works out what each
possible answer would give, so the default is never told as a fact.
:class:`NotApplicable` means the rule has nothing to say on these answers.

Every builder declares the question ids (and group ids) it reads with
:func:`reads`; the flow checks them when it loads, and a read of an undeclared id
is an error at once, so a misspelt id never becomes "a fact is missing".
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Callable

from medguide.rules.parameters import UT_VERIFICATION_DUE

UNKNOWN = "unknown"
"""Stored for "I don't know"; predicates may test for it like a choice code."""

PARENT = {"me": "parent_a", "other_parent": "parent_b"}
"""The person using the guide is parent_a; the other parent is parent_b."""

HOUSEHOLD = ("me", "my_spouse")
"""A plan on my side: my own, or one another member of my household carries (81-6-208(8)(b))."""
THEIRS = ("other_parent", "other_spouse")


class MissingFact(Exception):
    def __init__(self, question: str):
        super().__init__(question)
        self.question = question


class NotApplicable(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class UndeclaredRead(LookupError):
    """A builder read a question id it does not declare with :func:`reads` (a programming error)."""


BUILDERS: dict[str, tuple[str, ...]] = {}
"""Builder name -> the question and group ids it reads (checked against the flow when it loads)."""


def reads(*ids: str) -> Callable[[Callable[["Answers"], dict]], Callable[["Answers"], dict]]:
    """Declare the question ids (and group ids) a builder reads."""

    def register(builder: Callable[["Answers"], dict]) -> Callable[["Answers"], dict]:
        BUILDERS[builder.__name__] = ids
        builder.reads = frozenset(ids)  # type: ignore[attr-defined]
        return builder

    return register


class Answers:
    """Read-only view of the answers on the current path, plus today's date and the results worked out so far."""

    def __init__(self, values: dict[str, Any], today: date, aliases: dict[str, str] | None = None,
                 groups: dict[str, list[dict[str, Any]]] | None = None, outcomes: dict[str, Any] | None = None):
        self.values = values
        self.today = today
        self.aliases = aliases or {}
        """Earlier question ids -> today's (a renamed question keeps its old id)."""
        self.groups = groups or {}
        """Each group's items on the path (every bill, every plan), each its answers by question id."""
        self.outcomes = outcomes or {}
        """The outcomes of the results worked out before this one, by rule id (a builder may use them)."""
        self.allowed: frozenset[str] | None = None
        """The ids the builder reading this view declared (None: any, for tests and tools)."""
        self.assumed: list[str] = []
        """Questions answered "I don't know" that a builder read as a stated default."""
        self.choices: dict[str, tuple[Any, ...]] = {}
        """For an assumed question whose possible answers the builder gave: those answers."""
        self.outcomes_read: list[str] = []
        """The earlier rules whose outcomes the builder read: what those depend on, this result does too."""

    def _id(self, question: str) -> str:
        found = self.aliases.get(question, question)
        if self.allowed is not None and question not in self.allowed and found not in self.allowed:
            raise UndeclaredRead(f"the builder reads {found!r} but does not declare it with @reads")
        return found

    def assume(self, question: str, default: Any, choices: tuple[Any, ...] | None = None) -> Any:
        """The answer, or ``default`` for "I don't know" (noted, so the result says what each answer would give).

        ``choices``: the answers to work the result out for, where the question's own (yes/no, its choices)
        do not say: a count of people known only to be between two numbers.
        """
        question = self._id(question)
        value = self.values.get(question)
        if value == UNKNOWN:
            self.assumed.append(question)
            if choices is not None:
                self.choices[question] = choices
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

    def said(self, question: str) -> Any:
        """The answer as given, "unknown" included (None when not asked)."""
        return self.values.get(self._id(question))

    def items(self, group: str) -> list["Answers"]:
        """A view of each item of ``group`` (the other answers shared), for a builder that reads them all."""
        self._id(group)
        views = []
        for item in self.groups.get(group, []):
            view = Answers({**self.values, **item}, self.today, self.aliases, self.groups, self.outcomes)
            view.allowed = self.allowed
            view.assumed = self.assumed  # an "I don't know" read in any item is this result's too
            view.choices = self.choices
            view.outcomes_read = self.outcomes_read
            views.append(view)
        return views

    def outcome(self, rule: str) -> Any:
        """The outcome of a rule worked out earlier in this session (None when it did not apply or was refused)."""
        self.outcomes_read.append(rule)
        return self.outcomes.get(rule)


CASE_TYPE = {"with_one_parent": "standard", "split": "split", "state_custody": "cic", "relative": "specified_relative"}


def _role(a: Answers) -> str:
    """payer, recipient, or relative (the relative who cares for the children and receives the support)."""
    living = a["living_arrangement"]
    if living == "state_custody":
        return "payer"  # CIC: the state receives; each parent pays
    if living == "relative":
        return "relative" if a["relative_user"] == "relative" else "payer"
    return a["my_role"]


# ---------------------------------------------------------------- Utah
@reads("order_date", "has_medical_provision", "order_changed", "modified_date", "original_addressed_credit",
       "modification_addressed_credit")
def order_regime(a: Answers) -> dict:
    facts: dict[str, Any] = {"order_date": a["order_date"], "has_medical_provision": _provision(a)}
    if a.get("order_changed"):
        facts["modified_date"] = a["modified_date"]
        for q in ("original_addressed_credit", "modification_addressed_credit"):
            value = a.assume(q, None)
            if value is not None:
                facts[q] = value
    return facts


def _provision(a: Answers) -> bool:
    """Whether the order has a medical provision; read as "no" when not known (the engine says what "yes" gives)."""
    return a.assume("has_medical_provision", False)


def _plans(a: Answers, side: str) -> list[Answers]:
    """Each plan on one side (``my`` or ``other``): the items of the side's plans group."""
    return a.items(f"{side}_plans")


def _persons(plan: Answers, side: str) -> int:
    """People the plan covers. Not known: the result is worked out for the fewest it can cover (the children on
    the case, the largest credit) and for the most it could cover, when the parent knows that."""
    question = f"{side}_persons_covered"
    if plan.said(question) != UNKNOWN:
        return plan[question]
    children = plan[f"{side}_children_on_case"]
    most = plan.get(f"{side}_persons_at_most")
    return plan.assume(question, children, choices=(children, most) if most and most > children else (children,))


def _policy(plan: Answers, side: str, holder: str, cap: Decimal | None) -> dict:
    benefits = plan.said(f"{side}_health_benefits")
    policy: dict[str, Any] = {
        "holder": holder,
        "premium": plan[f"{side}_premium"],
        "persons_covered": _persons(plan, side),
        "children_on_case": plan[f"{side}_children_on_case"],
        # A plan that pays only for accidents or disability: the assigned AAG decides from the benefit summary.
        "health_benefits": None if benefits in (False, UNKNOWN) else True,
    }
    if cap is not None:
        policy["cap"] = cap
    return policy


def _cap_for(a: Answers, holder: str) -> Decimal | None:
    """The order's limit, on the credit it belongs to (CS 407P Order Limits Credit Amount)."""
    if not a.assume("credit_cap", False):
        return None
    whose = a.assume("credit_cap_whose", "both")
    payer_side = holder == "payer"
    if whose == "both" or (whose == "payer") == payer_side:
        return a["credit_cap_amount"]
    return None


MY_PLAN_READS = ("my_plans", "my_premium", "my_persons_covered", "my_children_on_case", "my_health_benefits")
OTHER_PLAN_READS = ("other_plans", "other_premium", "other_persons_covered", "other_children_on_case",
                    "other_health_benefits")


@reads("living_arrangement", "relative_user", "my_role", "base_support", "my_side_plan", "other_side_plan",
       "relative_parent_plan", "my_persons_at_most", "other_persons_at_most",
       "credit_cap", "credit_cap_whose", "credit_cap_amount", "relative_credit_ordered", "order_date",
       *MY_PLAN_READS, *OTHER_PLAN_READS)
def premium_credit(a: Answers) -> dict:
    """Utah Code 81-6-208(8): a parent's own plan, or one a member of the household carries, earns the credit."""
    case_type = CASE_TYPE[a["living_arrangement"]]
    role = _role(a)
    policies = []
    if a.get("my_side_plan") in (*HOUSEHOLD, "ended"):
        holder = "recipient" if role in ("recipient", "relative") else "payer"
        policies += [_policy(plan, "my", holder, _cap_for(a, holder)) for plan in _plans(a, "my")]
    other = a.assume("relative_parent_plan", "no") if role == "relative" else a.assume("other_side_plan", "no")
    if other in THEIRS and case_type != "cic":
        # CIC: each parent has a separate case with the state; the other parent's plan changes theirs, not this one.
        if role == "relative":
            holder = "payer"  # the relative asks about the plan of the parent who pays this support
        elif case_type == "specified_relative":
            holder = "other_parent"  # the other parent's credit is added to this parent's case (CS 407P)
        else:
            holder = "recipient" if role == "payer" else "payer"
        for plan in _plans(a, "other"):
            try:
                policies.append(_policy(plan, "other", holder, _cap_for(a, holder)))
            except MissingFact:
                if not policies:
                    raise
                # L6: the other side's unknown premium does not hide this parent's own credit
    if not policies:
        raise NotApplicable("no_plan")
    facts: dict[str, Any] = {"base_support": a["base_support"], "case_type": case_type, "policies": policies}
    if case_type == "specified_relative":
        facts["relative_credit_ordered"] = bool(a.assume("relative_credit_ordered", False)) if role == "relative" \
            else False
    return facts


@reads("credit_form_date", "retro_wanted", "new_case", "application_date", "contact_letter_date", "prior_notice",
       "manager_approved", "judicial_arrears", "arrears_notice_date", "coverage_started_on")
def credit_start(a: Answers) -> dict:
    facts: dict[str, Any] = {"complete_request_received": a["credit_form_date"]}
    if a.get("retro_wanted"):
        facts["retro_requested"] = True
        facts["new_case"] = a["new_case"]
        if a.get("new_case"):
            facts["application_date"] = a["application_date"]
            letter = a.get("contact_letter_date")
            if letter is not None:
                facts["initial_contact_letter_date"] = letter
            if a.get("judicial_arrears"):
                facts["judicial_arrears"] = True
                facts["arrears_notice_date"] = a["arrears_notice_date"]
            elif a.said("judicial_arrears") is False:
                facts["judicial_arrears"] = False
            if letter is None and "arrears_notice_date" not in facts:
                a["contact_letter_date"]  # the letter decides: its "I don't know" is what the result waits for
            facts["prior_notice_or_knowledge"] = a["prior_notice"]
            facts["manager_approved"] = a.assume("manager_approved", False)
            started = a.get("coverage_started_on")
            if started is not None:
                facts["coverage_started_on"] = started
    return facts


@reads("credit_form_date", "proofs_received", "proofs", "proof_date", "proof_letter_date", "coverage_lapsed",
       "lapse_date", "my_side_plan")
def credit_end(a: Answers) -> dict:
    """Every complete form ORS received (the request, then each yearly proof) and the first day without coverage."""
    proofs = [p for p in a.items("proofs") if p.has("proof_date")] if a.get("proofs_received") else []
    start = a["credit_form_date"]
    month, day = UT_VERIFICATION_DUE.at(start)
    first_due = date(start.year + (1 if (start.month, start.day) > (month, day) else 0), month, day)
    if a.said("proofs_received") == UNKNOWN and a.today > first_due:
        a["proofs_received"]  # a yearly proof was due since the form: whether it came decides the answer
    facts: dict[str, Any] = {
        "credit_start": a["credit_form_date"],
        "verification_dates": [p["proof_date"] for p in proofs],
        "as_of": a.today,
    }
    letters = [p["proof_letter_date"] for p in proofs if p.has("proof_letter_date")]
    if letters:
        facts["yearly_letter_dates"] = letters
    if a.get("my_side_plan") == "ended" or a.get("coverage_lapsed"):
        facts["lapse_date"] = a["lapse_date"]
    credit = a.outcome("ut.premium_credit")
    if credit is not None and credit.figures["net_adjustment"]:
        facts["monthly_credit"] = abs(credit.figures["net_adjustment"])
    return facts


@reads("my_side_plan", "other_side_plan", "order_names_primary", "my_birthday", "other_birthday", "my_name",
       "other_parent_name", "order_date", "modified_date", "order_changed", "living_arrangement", "relative_user")
def primary_plan(a: Answers) -> dict:
    if a.get("living_arrangement") == "relative" and a.get("relative_user") == "relative":  # 81-6-208(6) orders the parents' plans; a caregiving relative's plan is not one
        return {"order_names_primary": "none", "covered_by_both": False}
    mine = a.get("my_side_plan")
    theirs = a["other_side_plan"] if mine in HOUSEHOLD else a.get("other_side_plan")
    both = mine in HOUSEHOLD and theirs in THEIRS
    named = a.assume("order_names_primary", "no")
    facts: dict[str, Any] = {"order_names_primary": PARENT.get(named, "none"), "covered_by_both": both}
    if both and facts["order_names_primary"] == "none":
        facts["parent_a_birthday"] = a["my_birthday"]
        facts["parent_b_birthday"] = a["other_birthday"]
        facts["regime_date"] = a.get("modified_date") if a.get("order_changed") else a.get("order_date")
        if facts["regime_date"] is None:
            del facts["regime_date"]
    for question, fact in (("my_name", "parent_a_name"), ("other_parent_name", "parent_b_name")):
        name = a.get(question)
        if name:
            facts[fact] = name
    steps = [side for side, plan, code in (("parent_a", mine, "my_spouse"), ("parent_b", theirs, "other_spouse"))
             if plan == code]
    if steps:
        facts["step_parent_plan_of"] = steps[0] if len(steps) == 1 else "both"
    return facts


@reads("bill_amount", "bill_paid_by", "bill_paid_on", "bill_verification_sent", "bill_verification_date",
       "ut_expense_split", "ut_other_parent_share")
def uninsured_expenses(a: Answers) -> dict:
    facts: dict[str, Any] = {"amount": a["bill_amount"], "paid_by": PARENT[a["bill_paid_by"]],
                             "paid_on": a["bill_paid_on"], "as_of": a.today}
    if a.get("bill_verification_sent"):
        facts["verification_sent_on"] = a["bill_verification_date"]
    if a.assume("ut_expense_split", "half") == "other":
        mine_paid = a["bill_paid_by"] == "me"
        share = a["ut_other_parent_share"]
        # The rule takes the share of the parent who did not pay: the other parent's, or mine (100 less theirs).
        facts["other_parent_share"] = str(share if mine_paid else Decimal(100) - share)
    return facts


# ---------------------------------------------------------------- reasonable cost (UT, CA, federal)
@reads("order_state", "my_side_plan", "plan_offered", "offered_premium", "offered_self_only", "gross_income",
       "my_role", "low_income_adjustment", "my_plans", "my_premium", "my_self_only_premium", "my_health_benefits")
def reasonable_cost(a: Answers) -> dict:
    """The cost to the parent of a plan covering the child: their own health plans, else the plan they could get."""
    state = a["order_state"]
    jurisdiction = state if state in ("UT", "CA") else "federal"
    plans = [p for p in _plans(a, "my") if p.said("my_health_benefits") is not False] \
        if a.get("my_side_plan") in HOUSEHOLD else []
    facts: dict[str, Any] = {"jurisdiction": jurisdiction, "gross_monthly_income": a["gross_income"],
                             "as_of": a.today}
    if plans:
        family = sum((p["my_premium"] for p in plans), Decimal(0))
        single = sum((p["my_self_only_premium"] for p in plans), Decimal(0)) if jurisdiction == "CA" else None
    elif a.get("plan_offered"):
        family = a["offered_premium"]
        single = a["offered_self_only"] if jurisdiction == "CA" else None
    else:
        raise NotApplicable("no_plan_to_judge")
    if jurisdiction == "CA":
        facts["family_premium"] = family
        facts["self_only_premium"] = single
        if a.get("my_role") == "payer":
            facts["low_income_adjustment"] = a.assume("low_income_adjustment", False)
    else:
        facts["cost"] = family
    return facts


# ---------------------------------------------------------------- California
@reads("bill_amount", "bill_out_of_network", "bill_in_network_amount", "apportion_method", "my_net_income",
       "other_net_income", "spousal_support", "spousal_support_amount", "base_support", "my_role")
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


@reads("bill_amount", "bill_in_network_amount", "bill_taken_by", "bill_paid_by", "bill_distance", "bill_emergency",
       "bill_special_needs", "bill_coverage_inadequate")
def out_of_network(a: Answers) -> dict:
    return {
        "amount_charged": a["bill_amount"],
        "amount_if_in_network": a["bill_in_network_amount"],
        # 4063(f)(2): "the parent obtaining that care" bears the excess: who took the child, not who paid.
        "obtained_by": PARENT[a.get("bill_taken_by") or a["bill_paid_by"]],
        "used_ordered_coverage": True,
        "used_preferred_provider": False,
        "distance_miles": a["bill_distance"],
        "emergency": a["bill_emergency"],
        "special_needs": a["bill_special_needs"],
        "coverage_inadequate": a["bill_coverage_inadequate"],
    }


@reads("bill_care_date", "bill_paid_on", "bill_disputed", "bill_can_pay_30", "bill_notified_on",
       "ca_reimburse_period", "ca_reimburse_days", "bill_payment_schedule")
def reimbursement_deadlines(a: Answers) -> dict:
    facts: dict[str, Any] = {
        # 4063(b): "not more than 30 days after accruing the costs": the date of care, not of payment.
        "costs_accrued_on": a.get("bill_care_date") or a["bill_paid_on"],
        "disputed": a.get("bill_disputed", False),  # asked on every path that reaches this rule
        "can_pay_within_30_days": a.get("bill_can_pay_30", True),
        "paid_all": True,
        "as_of": a.today,
    }
    notified = a.get("bill_notified_on")
    if notified is not None:
        facts["notified_on"] = notified
    if a.assume("ca_reimburse_period", False):
        facts["court_period_days"] = a["ca_reimburse_days"]
    else:  # 4063(b)(3): with no period from the court, a provider's or a written payment schedule governs
        schedule = a.assume("bill_payment_schedule", "none")
        if schedule != "none":
            facts["payment_schedule"] = schedule
    return facts


@reads("has_medical_provision", "ca_employer_coverage", "ca_good_cause")
def coverage_assignment(a: Answers) -> dict:
    return {
        "coverage_ordered": a.assume("has_medical_provision", False),
        "parent_has_employer_coverage": a["ca_employer_coverage"],
        "good_cause_shown": a.get("ca_good_cause", False),
    }


@reads("ca_form_parents", "ca_form_employers", "ca_form_policy", "ca_form_covered", "ca_coverage_lapsed")
def medical_insurance_form(a: Answers) -> dict:
    return {
        "parent_names_addresses_ssn": a["ca_form_parents"],
        "employer_names_addresses": a["ca_form_employers"],
        "policy_details": a["ca_form_policy"],
        "covered_persons_case_numbers": a["ca_form_covered"],
        "coverage_lapsed": a["ca_coverage_lapsed"],
    }


# ---------------------------------------------------------------- Arkansas, federal and every state
@reads("ar_custodial_coverage", "ar_public_assistance", "ar_requested_on_application", "has_medical_provision",
       "ar_court_ordered_uninsured", "other_noncompliance")
def ocse_medical_support(a: Answers) -> dict:
    facts = {
        "custodial_has_satisfactory_coverage": a["ar_custodial_coverage"],
        "receives_public_assistance": a["ar_public_assistance"],
        # Public assistance makes it automatic, so the application is asked about only without it.
        "requested_on_application": a.assume("ar_requested_on_application", False) if not a["ar_public_assistance"]
        else False,
        "order_has_medical_provision": a.assume("has_medical_provision", False),
        "court_ordered_uninsured_enforcement": a.assume("ar_court_ordered_uninsured", False),
    }
    if a.get("other_noncompliance") == "insure":
        facts["existing_order_not_complied"] = True
    return facts


@reads("qmcso_parent", "qmcso_child", "qmcso_coverage", "qmcso_period", "qmcso_extra_benefit")
def qmcso_completeness(a: Answers) -> dict:
    return {
        "names_parent_and_address": a["qmcso_parent"],
        "names_child_and_address": a["qmcso_child"],
        "describes_coverage": a["qmcso_coverage"],
        "states_period": a["qmcso_period"],
        "requires_benefit_plan_lacks": a["qmcso_extra_benefit"],
    }


@reads("order_state", "other_noncompliance")
def noncompliance_remedies(a: Answers) -> dict:
    state = a["order_state"]
    duty = a["other_noncompliance"]
    if duty not in ("insure", "pay"):
        raise NotApplicable("complied")
    return {"jurisdiction": state if state in ("UT", "CA", "AR") else "federal",
            "failed_duty": "insure" if duty == "insure" else "pay_share"}
