"""Plain words for the California rules (Family Code 4061, 4063, 17422; coverage assignment)."""

from __future__ import annotations

from medguide.rules import Outcome
from medguide.rules.parameters import CA_ACCESS_MILES

from medguide.bot.words.i18n import Lang
from medguide.bot.guide.explainers.base import (NO_CONTEXT, Context, Dated, Explanation, Unexplained, dated, explainer, made, pick,
                                                step, steps, say)

ME, OTHER = "parent_a", "parent_b"
SENT_WITH_THE_LIST = ("send_itemized_statement", "send_proof_and_request_reimbursement", "ask_other_parent_to_pay_provider")
"""4063(b)(1), (2): what goes to the other parent with the itemized statement."""


# ---------------------------------------------------------------- ca.apportion_expenses
@explainer("ca.apportion_expenses", ("half_each", "by_income"),
           lambda _: say("we_could_not_work", _("We could not work out each parent's share of the bill.")))
def apportion_expenses(o: Outcome, lang: Lang, ctx: Context = NO_CONTEXT) -> Explanation:
    _, m, f = lang._, lang.money, o.figures
    mine, theirs = f["parent_a_share"], f["parent_b_share"]
    amount = m(mine + theirs)
    headline = say("share_bill", _("Your share of the {amount} bill is {mine}.")).format(amount=amount, mine=m(mine))
    rest = say("other_parent_s_share", _("The other parent's share is {theirs}.")).format(theirs=m(theirs))
    if o.outcome == "half_each":
        why = [say("each_parent_pays_half", _("Each parent pays half.")), rest]
        if mine != theirs:
            why.append(say("odd_cent_share", _("The odd cent is in your share.")))
        return made(o, headline, why, [
            say("parent_may_ask_court", _("A parent may ask the court to split costs by income instead.")),
        ])
    if o.outcome == "by_income":
        why = [say("order_splits_cost_each", _("The order splits this cost by each parent's income."))]
        for s in steps(o, "spousal_support"):
            who = s.args["paid_by"]
            why.append((say("pay_spousal_support_comes", _("You pay {monthly} in spousal support, so it comes off your income and adds to theirs."))
                        if who == ME else
                        say("other_parent_pays_spousal", _("The other parent pays you {monthly} in spousal support, so it comes off their income "
                          "and adds to yours."))).format(monthly=m(s.args["monthly"])))
        for s in steps(o, "child_support"):
            why.append((say("pay_child_support_comes", _("You pay {monthly} in child support, so it comes off your income.")) if s.args["paid_by"] == ME
                        else say("other_parent_pays_child", _("The other parent pays {monthly} in child support, so it comes off their income."))
                        ).format(monthly=m(s.args["monthly"])))
        a, b = f["adjusted_income_a"], f["adjusted_income_b"]
        why += [
            (say("after_income_other_parent", _("After that, your income is {mine}. The other parent's is {theirs}.")) if len(why) > 1
             else say("income_other_parent_s", _("Your income is {mine}. The other parent's is {theirs}."))).format(mine=m(a), theirs=m(b)),
            say("together", _("Together that is {total}.")).format(total=m(a + b)),
            say("times_divided", _("{amount} times {mine}, divided by {total}, is {share}.")).format(
                amount=amount, mine=m(a), total=m(a + b), share=m(mine)),
            say("other_parent_pays_rest", _("The other parent pays the rest, {theirs}.")).format(theirs=m(theirs)),
        ]
        return made(o, headline, why, [])
    raise Unexplained(o.outcome)


# ---------------------------------------------------------------- ca.out_of_network
def _factor(lang: Lang, code: str, o: Outcome) -> str:
    _ = lang._
    access = step(o, "access_presumption")
    return pick({
        "emergency": lambda: say("emergency", _("It was an emergency.")),
        "special_needs": lambda: say("child_has_special_medical", _("The child has special medical needs.")),
        "over_50_miles": lambda: say("nearest_plan_doctor_miles", _("The nearest plan doctor is {miles} miles away. That is more than {limit}.")).format(
            miles=lang.number(access.args["distance"]), limit=lang.number(access.args["miles"])) if access
        else say("nearest_plan_doctor_more", _("The nearest plan doctor is more than {limit} miles away.")).format(limit=lang.number(CA_ACCESS_MILES.only())),
        "coverage_inadequate": lambda: say("ordered_plan_may_not", _("The ordered plan may not meet the child's needs.")),
    }, code)()


def _bring(lang: Lang, code: str) -> str:
    _ = lang._
    return pick({
        "itemized_bills": lambda: say("bring_itemized_bills", _("Bring the itemized bills.")),
        "proof_of_emergency": lambda: say("bring_proof_emergency", _("Bring proof that it was an emergency.")),
        "medical_records": lambda: say("bring_child_s_medical", _("Bring the child's medical records.")),
        "distance_to_nearest_network_provider": lambda: say("bring_proof_how_far", _("Bring proof of how far the nearest plan doctor is.")),
        "evidence_coverage_inadequate": lambda: say("bring_proof_plan_does", _("Bring proof that the plan does not meet the child's needs.")),
    }, code)()


@explainer("ca.out_of_network", ("in_network", "no_excess", "excess_on_obtaining_parent", "exception_may_apply"),
           lambda _: say("we_could_not_work_2", _("We could not work out who pays for care outside the plan.")))
def out_of_network(o: Outcome, lang: Lang, ctx: Context = NO_CONTEXT) -> Explanation:
    _, m, f = lang._, lang.money, o.figures
    shared = m(f["shared_amount"])
    split = say("share_order_says_usually", _("Share {shared} as your order says, usually half each.")).format(shared=shared) \
        if f["shared_amount"] else ""
    if o.outcome == "in_network":
        return made(o, say("whole_shared_between_parents", _("The whole {shared} is shared between the parents.")).format(shared=shared), [
            say("care_used_ordered_plan", _("The care used the ordered plan and its preferred doctor.")),
            say("no_part_falls_one", _("So no part of it falls on one parent alone.")),
        ], [split])
    excess = step(o, "excess")
    why = []
    if excess is not None:
        why += [say("care_cost", _("The care cost {charged}.")).format(charged=m(excess.args["charged"])),
                say("ordered_plan_s_preferred", _("With the ordered plan's preferred doctor, it would cost {in_network}.")).format(
                    in_network=m(excess.args["in_network"]))]
    if o.outcome == "no_excess":
        why.append(say("same_there_no_extra", _("That is the same, so there is no extra cost.")))
        return made(o, say("there_no_extra_cost", _("There is no extra cost, so the whole {shared} is shared.")).format(shared=shared), why,
                    [split])
    if excess is not None:
        why.append(say("minus", _("{charged} minus {in_network} is {excess}.")).format(
            charged=m(excess.args["charged"]), in_network=m(excess.args["in_network"]), excess=m(f["excess"])))
    mine = f["excess_owed_by"] == ME
    why.append(say("parent_who_went_outside", _("The parent who went outside the plan pays that extra part alone.")))
    if o.outcome == "excess_on_obtaining_parent":
        headline = (say("pay_extra_alone", _("You pay the extra {excess} alone.")) if mine
                    else say("other_parent_pays_extra", _("The other parent pays the extra {excess} alone."))).format(excess=m(f["excess"]))
        return made(o, headline, why, [split])
    if o.outcome == "exception_may_apply":
        headline = (say("extra_yours_pay_unless", _("The extra {excess} is yours to pay, unless a court decides otherwise.")) if mine
                    else say("extra_other_parent_s", _("The extra {excess} is the other parent's to pay, unless a court decides otherwise."))
                    ).format(excess=m(f["excess"]))
        why += [_factor(lang, code, o) for code in f["factors"]]
        why.append(say("court_may_weigh_these", _("A court may weigh these facts and split the extra part.")))
        todo = [say("may_ask_court_decide", _("You may ask the court to decide who pays the extra part.")) if mine
                else say("other_parent_may_ask", _("The other parent may ask the court to decide who pays the extra part."))]
        todo += [_bring(lang, code) for code in f["bring"]]
        return made(o, headline, why, todo + [split])
    raise Unexplained(o.outcome)


# ---------------------------------------------------------------- ca.reimbursement_deadlines
def _action(lang: Lang, code: str) -> str:
    _ = lang._
    return pick({
        "send_itemized_statement": lambda: say("send_other_parent_list_2", _("Send the other parent a list of each cost.")),
        "send_proof_and_request_reimbursement": lambda: say("add_proof_paid_ask", _("Add proof you paid, and ask for their share back.")),
        "ask_other_parent_to_pay_provider": lambda: say("add_proof_paid_share", _("Add proof you paid your share, and ask them to pay the rest "
                                                      "to the doctor.")),
        "pay_then_ask_court": lambda: say("parent_who_disagrees_must", _("A parent who disagrees must still pay, and then may ask the court.")),
        "ask_for_payment_schedule": lambda: say("parent_who_cannot_pay", _("A parent who cannot pay within 30 days may ask the court for a payment "
                                              "plan.")),
    }, code)()


@explainer("ca.reimbursement_deadlines", ("deadlines", "not_applicable"),
           lambda _: say("we_could_not_work_3", _("We could not work out the deadlines for the bill.")))
def reimbursement_deadlines(o: Outcome, lang: Lang, ctx: Context = NO_CONTEXT) -> Explanation:
    _, d, f = lang._, lang.date, o.figures
    if o.outcome == "not_applicable":
        return made(o, say("these_deadlines_do_not", _("These deadlines do not apply, because the right to support was signed over to the county.")), [
            say("happens_when_family_gets", _("This happens when a family gets cash aid.")),
        ], [say("ask_local_child_support", _("Ask your local child support agency what to do with the bill."))])
    if o.outcome != "deadlines":
        raise Unexplained(o.outcome)
    s = step(o, "statement_due")
    days = lang.number(s.args["days"]) if s is not None else ""
    due = f["statement_due"]
    why = [say("parent_who_paid_must_2", _("The parent who paid must send a list of the costs within {days} days.")).format(days=days),
           say("days_count_from_care", _("The days count from the date of care, not the day it was paid."))]
    # The list, the proof and the request are the paying parent's to send: "you" only when that is this parent.
    mine = ctx.answer("bill_paid_by", "me") != "other_parent"
    steps_by = [(code, _action(lang, code)) for code in f["actions"] if mine or code not in SENT_WITH_THE_LIST]
    if not mine:
        steps_by.insert(0, ("send_itemized_statement", say("other_must_send_list", _("The other parent must send you a list of each cost, "
                                                                                   "with proof they paid."))))
    todo = [line for _code, line in steps_by]
    when: list = []
    # The itemized statement (4063(b)): told as passed once its last day is behind today, never as a to-do.
    if f["statement_passed"]:
        headline = say("list_costs_passed", _("The list of costs was due by {day}, and that day has passed.")).format(day=d(due))
        todo = [say("send_list_now", _("The parent who paid should send the list now anyway, with proof of payment.")),
                say("ask_what_late_changes", _("A lawyer or a legal aid office can say what the late list may change."))] + [
            line for code, line in steps_by if code != "send_itemized_statement"]
        when = [Dated(due, say("date.list_costs_due", _("List of costs due by {day}.")).format(day=d(due)), passed=True)]
    elif f["statement_late"] is None:
        headline = say("list_costs_due", _("The list of costs is due by {day}.")).format(day=d(due))
        when = dated(due, headline, ctx)
    else:
        headline = None
        # told the amount: the list, the proof and the request went out with it; they are no longer next steps
        todo = [line for code, line in steps_by if code not in SENT_WITH_THE_LIST]
        why.append((say("list_sent_late", _("The other parent was told the amount on {day}, after the list was due on {due}."))
                     if f["statement_late"] else
                     say("list_sent_in_time", _("The other parent was told the amount on {day}, in time."))).format(
                         day=d(f["notified_on"]), due=d(due)))
    # The payment (4063(b)(3)): the court's period; else a provider's or written schedule; else at most 30 days.
    paid = next((s for s in o.steps if s.code in ("court_period", "default_period")), None)
    basis = f["payment_basis"]
    if basis == "payment_schedule":
        why.append(say("provider_schedule_sets", _("The provider's payment plan sets when to pay.")) if f["payment_schedule"] == "provider"
                   else say("written_schedule_sets", _("The payment plan you both agreed in writing sets when to pay.")))
        headline = headline or say("pay_by_schedule", _("Pay the bill as its payment plan says."))
    elif basis is None:
        why.append(say("time_pay_starts_when", _("The time to pay starts when the other parent is told the amount.")))
    else:
        if paid is not None:
            why.append((say("court_set_days_pay", _("The court set {days} days to pay.")) if basis == "court_period"
                        else say("order_sets_no_time", _("The order sets no time and there is no payment plan, so they have at most {days} "
                                                           "days to pay."))).format(days=lang.number(paid.args["days"])))
        if f["payment_passed"]:
            late = say("payment_was_due_passed", _("Payment was due by {day}, and that day has passed.")).format(day=d(f["payment_due"]))
            if headline is None:
                headline = late
            else:
                why.append(late)
            todo.append(say("may_ask_court_enforce", _("If the parent who owes has not paid, the other parent may ask the court to enforce the order.")))
            when.append(Dated(f["payment_due"], say("date.payment_due", _("Payment due by {day}.")).format(day=d(f["payment_due"])), passed=True))
        else:
            due_line = say("payment_due", _("Payment is due by {day}.")).format(day=d(f["payment_due"]))
            when += dated(f["payment_due"], due_line, ctx)
            if headline is None:
                headline = due_line
            else:
                why.append(due_line)
    return made(o, headline, why, todo, dates=when)


# ---------------------------------------------------------------- ca.coverage_assignment
def _rights(lang: Lang, o: Outcome) -> list[str]:
    """What the parent who does not carry the policy may still do (QMCSO explainer)."""
    _ = lang._
    return [pick({
        "information": lambda: say("parent_without_plan_can", _("The parent without the plan can still get facts about the child's insurance.")),
        "insurance_cards": lambda: say("parent_can_get_insurance", _("That parent can get insurance cards.")),
        "submit_claims": lambda: say("parent_can_send_claims", _("That parent can send claims to the insurer.")),
        "direct_reimbursement": lambda: say("parent_can_paid_back", _("That parent can be paid back by the insurer.")),
    }, code)() for code in o.figures["rights"]]


@explainer("ca.coverage_assignment", ("assignment_available", "good_cause_may_prevent", "not_applicable"),
           lambda _: say("we_could_not_work_4", _("We could not work out if an order to the employer fits your case.")))
def coverage_assignment(o: Outcome, lang: Lang, ctx: Context = NO_CONTEXT) -> Explanation:
    _ = lang._
    rights = _rights(lang, o)
    if o.outcome == "not_applicable":
        ordered = step(o, "employer_coverage") is not None
        return made(o, say("order_employer_cover_child", _("An order to the employer to cover the child does not fit here.")), [
            say("ordered_insurance_not_through", _("The ordered insurance is not through a parent's job.")) if ordered
            else say("order_does_not_say", _("Your order does not say a parent must provide health insurance.")),
        ] + rights, [])
    why = [say("name_health_insurance_coverage", _("The name for this is a health insurance coverage assignment.")),
           say("tells_employer_put_child", _("It tells the employer to put the child on the plan.")),
           say("court_can_order_fast", _("The court can order it fast, without a full hearing."))]
    if o.outcome == "assignment_available":
        return made(o, say("can_ask_court_order", _("You can ask the court to order the employer to cover the child.")),
                    why + [say("courts_usually_order_unless", _("Courts usually order it unless there is good cause not to."))] + rights,
                    [say("ask_court_coverage_assignment", _("Ask the court for a coverage assignment.")),
                     say("once_court_orders_employer", _("Once the court orders it, the employer must add the child."))])
    if o.outcome == "good_cause_may_prevent":
        return made(o, say("court_may_not_send", _("The court may not send an order to the employer, because there may be good cause.")),
                    why + [say("good_cause_strong_reason", _("Good cause is a strong reason, such as extreme hardship."))] + rights,
                    [say("court_decides_bring_proof", _("The court decides. Bring proof of the reason."))])
    raise Unexplained(o.outcome)


# ---------------------------------------------------------------- ca.medical_insurance_form
def _form_item(lang: Lang, code: str) -> str:
    _ = lang._
    return pick({
        "parent_names_addresses_ssn": lambda: say("add_parent_names_addresses_ssn", lang.sentences([
            _("Add each parent's name and address."), _("Add the Social Security number of each parent as well.")])),
        "employer_names_addresses": lambda: say("add_name_address_each", _("Add the name and address of each parent's job.")),
        "policy_details": lambda: say("add_each_plan_s", _("Add each plan's name, address, policy number and type of coverage.")),
        "covered_persons_case_numbers": lambda: say("add_each_person_plan", _("Add each person the plan covers, with their case numbers.")),
    }, code)()


def _lapse_duty(lang: Lang, code: str) -> str:
    _ = lang._
    return pick({
        "employer_notifies_agency": lambda: say("employer_plan_must_tell", _("The employer or plan must tell the local child support agency.")),
        "health_services_notifies_agency": lambda: say("state_health_department_must", _("The state health department must tell the agency too.")),
        "agency_enforces": lambda: say("agency_must_act_get", _("The agency must act to get the child insured again.")),
    }, code)()


@explainer("ca.medical_insurance_form", ("form_complete", "form_incomplete"),
           lambda _: say("we_could_not_check", _("We could not check the medical insurance form.")))
def medical_insurance_form(o: Outcome, lang: Lang, ctx: Context = NO_CONTEXT) -> Explanation:
    _, f = lang._, o.figures
    lapse = [say("insurance_has_stopped", _("The insurance has stopped."))] + [_lapse_duty(lang, code) for code in f["lapse_duties"]] \
        if f["lapse_duties"] else []
    if o.outcome == "form_complete":
        return made(o, say("form_has_all_four", _("The form has all four things the law asks for.")), [
            say("lists_parents_jobs_plans", _("It lists the parents, their jobs, the plans, and the people covered.")),
        ] + lapse, [say("keep_copy_tell_agency", _("Keep a copy, and tell the agency when anything changes."))])
    if o.outcome == "form_incomplete":
        n = len(f["missing"])
        headline = say("form_missing_thing_law", lang.n_("The form is missing {count} thing the law asks for.",
                           "The form is missing {count} things the law asks for.", n)).format(count=lang.number(n))
        return made(o, headline, [say("law_says_what_form", _("The law says what the form must list."))] + lapse,
                    [_form_item(lang, code) for code in f["missing"]])
    raise Unexplained(o.outcome)
