"""Plain words for the Utah rules (Utah Code 81-6-208, R527-201, ORS policy CS 407P)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from medguide.rules import Outcome
from medguide.rules.parameters import UT_RETRO_REQUEST_DAYS, UT_VERIFICATION_DUE, UT_VERIFICATION_EARLIEST
from medguide.rules.utah.primary_plan import ORDER_LANGUAGE_TEMPLATE

from medguide.bot.words.i18n import Lang
from medguide.bot.guide.explainers.base import (NO_CONTEXT, Context, Dated, Explanation, Unexplained, dated, explainer, known,
                                                made, pick, step, steps, say)

ZERO = Decimal("0.00")


def _credit_form(lang: Lang) -> list[str]:
    """How to ask ORS for the insurance credit (CS 407P Parent to Provide Notification)."""
    _ = lang._
    return [
        say("ut.credit_form.get_form", _("Get the Insurance Premium Credit Request form and fill it in.")),
        say("ut.credit_form.send_form_and_proof", _("Send the form and proof of what you pay to the Office of Recovery Services.")),
        say("ut.credit_form.list_everyone_covered", _("Add a list of everyone the plan covers.")),
        say("ut.credit_form.starts_month_after", _("The credit starts the month after the office gets it all.")),
    ]


def _yearly_proof(lang: Lang) -> list[str]:
    """Utah Code 81-6-208(10)(a), (b); R527-201-7(4)."""
    _ = lang._
    return [
        say("ut.yearly_proof.due", _("The parent with the plan must send new proof each year by {due}.")).format(
            due=lang.month_day(*UT_VERIFICATION_DUE.only())),
        say("ut.yearly_proof.window_opens", _("It may be sent from {opens}.")).format(opens=lang.month_day(*UT_VERIFICATION_EARLIEST.only())),
        say("ut.report_changes_30_days", _("Tell the office within 30 days if the plan, its cost or its benefits change.")),
    ]


def _next_proof_due(lang: Lang, ctx: Context, todo: list[str]) -> list[Dated]:
    """The next yearly proof deadline on or after today, said by the yearly-proof line in ``todo``."""
    if ctx.today is None:
        return []
    line = next((s for s in todo if getattr(s, "key", "") == "ut.yearly_proof.due"), None)
    if line is None:
        return []
    month, day = UT_VERIFICATION_DUE.at(ctx.today)
    due = date(ctx.today.year, month, day)
    if due < ctx.today:
        due = date(ctx.today.year + 1, month, day)
    return dated(due, line, ctx)


# ---------------------------------------------------------------- ut.order_regime
@explainer("ut.order_regime",
           ("by_operation_of_law", "provision_in_order", "voluntary_credit_allowed", "before_1994",
            "law_at_modification", "original_provision_continues"),
           lambda _: say("unworkable", _("We could not work out which insurance rules apply to your order.")))
def order_regime(o: Outcome, lang: Lang, ctx: Context = NO_CONTEXT) -> Explanation:
    _, d, f = lang._, lang.date, o.figures
    day, law_from, voluntary_from = d(f["regime_date"]), d(f["operation_of_law_from"]), d(f["voluntary_credit_from"])
    review = [say("ask_office_to_check_order", _("Ask the Office of Recovery Services to check your order for you."))]
    if o.outcome == "by_operation_of_law":
        return made(o, say("by_operation_of_law", _("Utah's health insurance rules are part of your order, even if its words leave them out.")), [
            say("order_made_or_changed_on", _("Your order was made or changed on {day}.")).format(day=day),
            say("operation_of_law_since", _("Orders made or changed since {law_from} have these rules by law.")).format(law_from=law_from),
            say("premium_share_half_each", _("Each parent pays half of the children's share of the plan's cost.")),
            say("uninsured_half_each", _("Each parent pays half of the medical bills that insurance does not pay.")),
        ], [say("read_other_results", _("Read the other results for the insurance credit and which plan pays first."))] + _yearly_proof(lang))
    if o.outcome == "provision_in_order":
        changed = step(o, "modification_addressed_credit")
        return made(o, say("provision_in_order", _("The health insurance part of your order applies.")), [
            say("modification_spoke_about_credit", _("The change to your order spoke about the insurance credit, so its words apply.")) if changed
            else say("order_says_who_insures", _("Your order says who must provide health insurance.")),
        ], [say("do_what_order_says", _("Read the health insurance part of your order, and do what it says."))] + _yearly_proof(lang))
    if o.outcome == "voluntary_credit_allowed":
        return made(o, say("voluntary_credit_allowed", _("A parent who puts the children on a health plan can still get a credit.")), [
            say("order_has_no_provision", _("Your order was made or last changed on {day}, and it has no part on health insurance.")).format(
                day=day),
            say("voluntary_credit_window", _("Orders made from {voluntary_from} and before {law_from} still allow this credit.")).format(
                voluntary_from=voluntary_from, law_from=law_from),
        ], _credit_form(lang) + _yearly_proof(lang))
    if o.outcome == "before_1994":
        return made(o, say("before_1994", _("Your order is from before {voluntary_from}, so this guide cannot say which rules apply.")).format(
            voluntary_from=voluntary_from), [
            say("old_order_no_provision", _("Your order was made on {day}, and it has no part on health insurance.")).format(day=day),
            say("old_orders_reviewed_one_by_one", _("The office looks at orders this old one at a time.")),
        ], review)
    if o.outcome == "law_at_modification":
        law = f["law_in_effect"]
        why = [say("order_changed_on", _("Your order was changed on {day}.")).format(day=day),
               say("neither_order_spoke_about_credit", _("Neither the first order nor the change spoke about the insurance credit."))]
        if law == "voluntary_credit_allowed":
            why.append(say("law_then_allowed_credit", _("On that day, a parent who put the children on a health plan could get a credit.")))
            todo = _credit_form(lang) + _yearly_proof(lang)
        else:
            known(law, "before_1994")
            why.append(say("old_orders_need_review", _("Orders from before {voluntary_from} need a review by the office.")).format(
                voluntary_from=voluntary_from))
            todo = review
        return made(o, say("law_at_modification", _("The law on the day your order was changed decides the insurance credit.")), why, todo)
    if o.outcome == "original_provision_continues":
        return made(o, say("original_provision_continues", _("What your first order says about the insurance credit still applies.")), [
            say("first_order_spoke_about_credit", _("Your first order was made on {day}, and it spoke about the credit.")).format(day=day),
            say("change_silent_first_order_applies", _("The change to the order did not, so the first order's words still apply.")),
        ], [say("do_what_first_order_says", _("Read what your first order says about the credit, and do what it says."))] + _yearly_proof(lang))
    raise Unexplained(o.outcome)


# ---------------------------------------------------------------- ut.premium_credit
def _plan_costs(lang: Lang, holder: str, premium: str) -> str:
    _ = lang._
    return pick({
        "payer": lambda: say("payer_plan_costs", _("The plan of the parent who pays support costs {premium} a month.")),
        "recipient": lambda: say("recipient_plan_costs", _("The plan of the person who gets support costs {premium} a month.")),
        "other_parent": lambda: say("other_parent_plan_costs", _("The other parent's plan costs {premium} a month.")),
    }, holder)().format(premium=premium)


def _policy_working(o: Outcome, lang: Lang) -> list[str]:
    """Each plan's working, step by step, from the rule's own steps."""
    _, m, n_, num = lang._, lang.money, lang.n_, lang.number
    why: list[str] = []
    for s in o.steps:
        a = s.args
        if s.code == "per_capita":
            why.append(_plan_costs(lang, a["holder"], m(a["premium"])))
            why.append(say("covers_person", n_("It covers {count} person.", "It covers {count} people.", a["persons"])).format(
                count=num(a["persons"])))
            if a["persons"] > 1:
                why.append(say("per_capita", _("That is {per_capita} for each person.")).format(per_capita=m(a["per_capita"])))
        elif s.code == "children_portion":
            why.append(say("child_case_plan", n_("{count} child on this case is on the plan.", "{count} children on this case are on the plan.",
                          a["children"])).format(count=num(a["children"])))
            if a["children"] > 1:
                why.append(say("children_portion", _("So the children's share is {portion}.")).format(portion=m(a["portion"])))
        elif s.code == "credit":
            why.append(say("half_is_credit", _("Half of that, {credit}, is the credit.")).format(credit=m(a["credit"])))
        elif s.code == "no_health_benefits":
            why.append(say("no_health_benefits", _("This plan does not pay for health care, so it gives no credit.")))
        elif s.code == "relative_not_entitled":
            why.append(say("relative_not_entitled", _("The relative who has the children gets no credit unless an order says so.")))
        elif s.code == "capped":
            why.append(say("capped", _("Your order limits the credit to {cap}.")).format(cap=m(a["cap"])))
        elif s.code == "payer_subtracts":
            why.append(say("payer_subtracts", _("This credit comes off the support.")))
        elif s.code == "credit_added":
            why.append(say("credit_added", _("This credit is added to the support.")))
    return why


@explainer("ut.premium_credit", ("credit", "no_credit", "credit_exceeds_support"),
           lambda _: say("unworkable", _("We could not work out the insurance credit.")))
def premium_credit(o: Outcome, lang: Lang, ctx: Context = NO_CONTEXT) -> Explanation:
    _, m, f = lang._, lang.money, o.figures
    adjusted = f["adjusted_support"]
    why = _policy_working(o, lang)
    last = step(o, "adjusted_support")
    if last is not None:  # the sum, one plan at a time: "$350.00 minus $33.00 is $317.00."
        total = last.args["base_support"]
        for row in f["policies"]:
            if row["applied"]:
                new = total + row["applied"]
                sentence = (say("sum_minus", _("{before} minus {credit} is {after}.")) if row["applied"] < 0
                            else say("sum_plus", _("{before} plus {credit} is {after}.")))
                why.append(sentence.format(before=m(total), credit=m(abs(row["applied"])), after=m(new)))
                total = new
    if o.outcome == "credit_exceeds_support":
        why.append(say("support_not_below_zero", _("Child support cannot be less than {zero}.")).format(zero=m(ZERO)))
        return made(o, say("credit_exceeds_support", _("Child support becomes {amount} a month, because the credit is more than the support.")).format(
            amount=m(adjusted)), why,
            [say("ask_about_rest_of_credit", _("Ask the Office of Recovery Services what happens to the rest of the credit."))]
            + _credit_form(lang) + _yearly_proof(lang))
    if o.outcome == "credit":
        headline = (say("support_stays", _("Child support stays {amount} a month.")) if f["net_adjustment"] == 0
                    else say("support_becomes", _("Child support becomes {amount} a month."))).format(amount=m(adjusted))
        todo = _credit_form(lang) + _yearly_proof(lang)
        return made(o, headline, why, todo, depends=[todo[3]], dates=_next_proof_due(lang, ctx, todo))
    if o.outcome == "no_credit":
        reasons = {row["reason"] for row in f["policies"]}
        if not f["policies"]:
            why.append(say("no_plan_gives_credit", _("No plan on this case gives a credit.")))
        todo = []
        if "no_health_benefits" in reasons:
            todo.append(say("only_health_plans_give_credit", _("Only a plan that pays for health care can give a credit.")))
        if "relative_not_entitled" in reasons:
            todo.append(say("relative_needs_court_order", _("A relative who wants the credit must ask the court for an order.")))
        return made(o, say("no_credit", _("Child support stays {amount} a month, with no insurance credit.")).format(amount=m(adjusted)),
                    why, todo)
    raise Unexplained(o.outcome)


# ---------------------------------------------------------------- ut.credit_start
def _unmet(lang: Lang, code: str, o: Outcome) -> list[str]:
    """Why an Exception 1 condition failed (CS 407P Exception 1)."""
    _, n_, num, f = lang._, lang.n_, lang.number, o.figures
    if code == "form_in_time":
        letter = step(o, "retro_deadline")
        days = letter.args["days"] if letter else UT_RETRO_REQUEST_DAYS.only()
        late = f["days_after_letter"]
        return [say("form_came_back_day", n_("The form came back {count} day after the first letter.",
                   "The form came back {count} days after the first letter.", late)).format(count=num(late)),
                say("had_come_back_within", n_("It had to come back within {count} day.", "It had to come back within {count} days.",
                   days)).format(count=num(days))]
    return [pick({
        "new_case": lambda: say("retro_only_new_case", _("An earlier start is only for a new case.")),
        "notice_or_knowledge": lambda: say("retro_no_proof_of_knowledge", _("There is no proof the other parent knew about the insurance.")),
        "manager_approved": lambda: say("retro_manager_not_approved", _("A team manager did not approve an earlier start.")),
        "retro_requested": lambda: say("retro_not_requested", _("No one asked for an earlier start.")),
    }, code)()]


@explainer("ut.credit_start", ("prospective", "retroactive"),
           lambda _: say("unworkable", _("We could not work out when the insurance credit starts.")))
def credit_start(o: Outcome, lang: Lang, ctx: Context = NO_CONTEXT) -> Explanation:
    _, d, f = lang._, lang.date, o.figures
    first = step(o, "prospective_from")
    why = []
    if first is not None:
        why.append(say("form_received_on", _("The office got the full form and proof on {received}.")).format(received=d(first.args["received"])))
    todo = [say("keep_copy_of_form", _("Keep a copy of the form and the proof you sent."))] + _yearly_proof(lang)
    asked = step(o, "exception_1_retro_requested")
    if o.outcome == "prospective":
        why.append(say("starts_next_month", _("A credit starts on the first day of the next month.")))
        if asked is not None and asked.value == "met":
            why.append(say("retro_cannot_be_given", _("You asked for an earlier start, but it cannot be given.")))
            for code in f["unmet_conditions"]:
                why += _unmet(lang, code, o)
        headline = say("prospective", _("The credit starts on {day}.")).format(day=d(f["effective_from"]))
        return made(o, headline, why, todo, dates=dated(f["effective_from"], headline, ctx) + _next_proof_due(lang, ctx, todo))
    if o.outcome == "retroactive":
        why.append(say("retro_conditions_met", _("You asked for an earlier start, and it meets every condition.")))
        if f["days_after_letter"] is not None:
            why.append(say("form_came_back_day", lang.n_("The form came back {count} day after the first letter.",
                               "The form came back {count} days after the first letter.",
                               f["days_after_letter"])).format(count=lang.number(f["days_after_letter"])))
        why += [
            say("retro_other_parent_knew", _("The other parent knew about the insurance.")),
            say("retro_manager_approved", _("A team manager approved it.")),
            say("retro_not_before_application", _("An earlier credit starts in the month you applied, not before.")),
        ]
        headline = say("retroactive", _("The credit can start on {day}, the month you applied.")).format(day=d(f["effective_from"]))
        return made(o, headline, why, todo, dates=dated(f["effective_from"], headline, ctx) + _next_proof_due(lang, ctx, todo))
    raise Unexplained(o.outcome)


# ---------------------------------------------------------------- ut.credit_end
@explainer("ut.credit_end", ("ended", "active"),
           lambda _: say("unworkable", _("We could not work out when the insurance credit ends.")))
def credit_end(o: Outcome, lang: Lang, ctx: Context = NO_CONTEXT) -> Explanation:
    _, d, f = lang._, lang.date, o.figures
    why: list[str] = []
    lapse = step(o, "lapse")
    if f["reason"] == "lapse":
        if lapse is not None:
            why.append((say("lapsed_on", _("The insurance stopped on {day}.")) if o.outcome == "ended"
                        else say("lapses_on", _("The insurance stops on {day}."))).format(day=d(lapse.args["lapse_date"])))
        why += [say("ends_first_of_month", _("The credit ends on the first day of that month.")),
                say("full_support_again", _("From then, child support goes back to the full amount."))]
    elif f["reason"] == "no_verification":
        for missed in steps(o, "verification_year")[-1:]:
            why.append(say("proof_window", _("Proof for {year} had to come in from {opens} to {due}.")).format(
                year=missed.args["year"], opens=d(missed.args["opens"]), due=d(missed.args["due"])))
        why.append(say("no_proof_credit_stopped", _("None came in, so the credit stopped.")))
    else:
        known(f["reason"], None)
    again = [say("send_new_form_to_restart", _("To get the credit again, send a new form with proof.")),
             say("form_name", _("The form you need is the Insurance Premium Credit Request.")),
             say("restart_month_after", _("The new credit starts the month after the office gets it."))]
    if o.outcome == "ended":
        todo = again if f["reason"] == "no_verification" else (
            [say("new_insurance_new_form", _("If you get new insurance, send a new form with proof.")),
             say("form_name", _("The form you need is the Insurance Premium Credit Request."))])
        headline = say("ended", _("The credit ended on {day}.")).format(day=d(f["ends_on"]))
        return made(o, headline, why, todo, dates=dated(f["ends_on"], headline, ctx))
    if o.outcome == "active" and f["ends_on"] is not None:
        headline = say("will_end", _("The credit will end on {day}.")).format(day=d(f["ends_on"]))
        return made(o, headline, why,
                    [say("ut.report_changes_30_days", _("Tell the office within 30 days when insurance stops or changes."))],
                    dates=dated(f["ends_on"], headline, ctx))
    if o.outcome == "active":
        for s in steps(o, "verification_year")[-1:]:
            why.append(say("proof_received_on", _("Proof for {year} came in on {day}.")).format(year=s.args["year"], day=d(s.args["received"])))
        due = f["next_verification_due"]
        when: list[Dated] = []
        if f["next_verification_received"]:
            todo = [say("next_proof_already_in", _("The office already has the proof for {year}.")).format(year=due.year)]
        else:
            todo = [say("send_yearly_proof_by", _("Send the yearly proof by {due}.")).format(due=d(due)),
                    say("ut.yearly_proof.window_opens", _("It may be sent from {opens}.")).format(opens=d(f["next_window_opens"])),
                    say("without_proof_stops_on", _("Without it, the credit stops on {due}.")).format(due=d(due))]
            when = dated(f["next_window_opens"], todo[1], ctx) + dated(due, todo[0], ctx)
        todo.append(say("ut.report_changes_30_days", _("Tell the office within 30 days if the plan, its cost or its benefits change.")))
        return made(o, say("active", _("The insurance credit is still in place.")), why, todo, dates=when)
    raise Unexplained(o.outcome)


# ---------------------------------------------------------------- ut.primary_plan
PLACEHOLDERS = {"primary_name": "(Parent's Name)", "secondary_name": "(Other Parent's Name)"}
"""The statute's own blanks, kept when a name is not known (Utah Code 81-6-208(7)(a)(ii))."""


def order_language(language: dict) -> str:
    """The fixed order language, verbatim English, never translated (81-6-208(7)(b))."""
    return ORDER_LANGUAGE_TEMPLATE.format(**{k: language.get(k) or blank for k, blank in PLACEHOLDERS.items()})


def _birthday(lang: Lang, mm_dd: str) -> str:
    month, day = mm_dd.split("-")
    return lang.month_day(int(month), int(day))


@explainer("ut.primary_plan", ("primary_decided", "undetermined", "not_applicable"),
           lambda _: say("unworkable", _("We could not work out which plan pays first.")))
def primary_plan(o: Outcome, lang: Lang, ctx: Context = NO_CONTEXT) -> Explanation:
    _, f = lang._, o.figures
    if o.outcome == "not_applicable":
        return made(o, say("not_applicable", _("The rule on which plan pays first does not apply now.")), [
            say("applies_when_both_cover", _("It applies only when both parents' plans cover the child.")),
        ], [say("check_again_later", _("If both plans cover the child later, check this again."))])
    why: list[str] = []
    birthdays = step(o, "birthday_first")
    if o.outcome == "undetermined":
        if birthdays is not None:
            why.append(say("same_birthday", _("Both parents have the same birthday, {day}.")).format(
                day=_birthday(lang, birthdays.args["parent_a_birthday"])))
        why += [say("birthday_rule_cannot_decide", _("So the birthday rule cannot decide.")),
                say("court_may_decide_birth_dates", _("A court can decide, looking at the parents' birth dates.")),
                say("court_may_weigh_other_facts", _("It can also look at who must keep insurance, who has the child, and other facts."))]
        return made(o, say("undetermined", _("The law does not say whose plan pays first, because both parents share a birthday.")), why,
                    [say("ask_court_to_designate", _("Ask the court to say in the order whose plan pays first."))])
    if o.outcome != "primary_decided":
        raise Unexplained(o.outcome)
    mine = f["primary"] == "parent_a"
    headline = say("your_plan_primary", _("Your plan pays first.")) if mine else say("other_plan_primary", _("The other parent's plan pays first."))
    known(f["basis"], "order", "birthday")
    if f["basis"] == "order":
        why.append(say("order_designates", _("Your order says whose plan pays first.")))
    else:
        why.append(say("order_silent", _("Your order does not say whose plan pays first.")))
        why.append(say("birthday_rule", _("Then the plan of the parent whose birthday comes first in the year pays first.")))
        if birthdays is not None:
            why.append(say("your_birthday", _("You were born on {day}.")).format(day=_birthday(lang, birthdays.args["parent_a_birthday"])))
            why.append(say("other_birthday", _("The other parent was born on {day}.")).format(
                day=_birthday(lang, birthdays.args["parent_b_birthday"])))
    step_parent = step(o, "step_parent_plan")
    if step_parent is not None:
        why.append(say("step_parent_plan", _("A step-parent's plan counts as the plan of the parent who married them.")))
        why.append(say("step_parent_plan_primary", _("So it pays first.")) if step_parent.value == "primary" else say("step_parent_plan_secondary", _("So it pays second.")))
    gloss = say("gloss", lang.sentences([
        say("gloss_yours_first", _("This means: if both parents' plans cover the child, your plan pays first.")) if mine
        else say("means_if_both_parents_2", _("This means: if both parents' plans cover the child, the other parent's plan pays first.")),
        say("other_parent_s_plan_2", _("The other parent's plan pays second.")) if mine else say("plan_pays_second", _("Your plan pays second.")),
        say("if_parent_marries_again", _("If a parent marries again, the new spouse's plan takes that parent's place.")),
    ]))
    return made(o, headline, why, [
        say("give_both_plans_to_doctors", _("Give the details of both plans to each doctor.")),
        say("bills_to_primary_first", _("Bills go to the first plan. What is left goes to the second plan.")),
    ], verbatim=order_language(f["order_language"]), gloss=gloss)


# ---------------------------------------------------------------- ut.uninsured_expenses
@explainer("ut.uninsured_expenses", ("share_due", "recovery_at_risk"),
           lambda _: say("unworkable", _("We could not work out the share of the medical bill.")))
def uninsured_expenses(o: Outcome, lang: Lang, ctx: Context = NO_CONTEXT) -> Explanation:
    _, m, d, f = lang._, lang.money, lang.date, o.figures
    owes, i_owe = m(f["other_parent_owes"]), f["owed_by"] == "parent_a"
    s = step(o, "other_parent_owes")
    why = []
    if s is not None:
        a = s.args
        why += [say("uninsured_amount", _("Insurance did not pay {amount} of the bill.")).format(amount=m(a["amount"])),
                say("half_each_share", _("Each parent pays half, so each share is {owes}.")).format(owes=owes)]
        if f["paid_by_share"] != f["other_parent_owes"]:
            why.append(say("odd_cent", _("The parent who paid keeps the odd cent.")))
        why += [
                say("verification_due", _("Written proof of the cost and payment is due within {days} days, by {due}.")).format(
                    days=lang.number(a["days"]), due=d(a["due"]))]
    sent = step(o, "verification_in_time")
    if o.outcome == "share_due":
        headline = (say("you_owe", _("You owe the other parent {owes}.")) if i_owe else say("owes_you", _("The other parent owes you {owes}."))).format(
            owes=owes)
        if sent is not None:
            why.append(say("verification_in_time", _("The proof was sent on {day}, in time.")).format(day=d(sent.args["sent"])))
            todo = [say("pay_your_share", _("Pay the other parent your share of {owes}.")).format(owes=owes)] if i_owe else [
                say("ask_for_share", _("Ask the other parent to pay you {owes}.")).format(owes=owes),
                say("keep_copies", _("Keep a copy of the bill, the receipt and what you sent."))]
        elif i_owe:
            todo = [say("other_must_send_verification", _("The other parent must send you written proof of the cost and payment by {due}.")).format(
                due=d(f["verification_due"]))]
        else:
            todo = [say("send_verification_by", _("Send the other parent written proof of the cost and payment by {due}.")).format(
                due=d(f["verification_due"])),
                say("keep_copies", _("Keep a copy of the bill, the receipt and what you sent."))]
        return made(o, headline, why, todo)
    if o.outcome == "recovery_at_risk":
        headline = (say("you_may_owe_court_may_deny", _("You may owe the other parent {owes}, but a court may say no.")) if i_owe
                    else say("owes_you_court_may_deny", _("The other parent owes you {owes}, but a court may say no."))).format(owes=owes)
        if sent is not None:
            why.append(say("verification_late", _("The proof was sent on {day}, after the deadline.")).format(day=d(sent.args["sent"])))
        why.append(say("late_court_may_deny", _("When proof is late, a court may deny the share.")))
        todo = [say("court_decides_if_disputed", _("If you do not agree to pay, the court decides."))] if i_owe else [
            say("keep_copies", _("Keep a copy of the bill, the receipt and what you sent.")),
            say("may_ask_court", _("If the other parent will not pay, you may ask the court."))]
        return made(o, headline, why, todo)
    raise Unexplained(o.outcome)

