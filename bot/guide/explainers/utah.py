"""Plain words for the Utah rules (Utah Code 81-6-208, R527-201, ORS policy CS 407P).

Each result is said as it is true of the parent today (``ctx.today``): a credit changes the support
only from the month after the office has the complete form, so until then the headline is what the
support would be and from when; a credit that ended is said as ended, with the months owed again,
never next to a "becomes"; a deadline that has passed is said as passed, with what follows.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from medguide.rules import Outcome, evaluate
from medguide.rules.parameters import (UT_CHANGE_NOTICE_DAYS, UT_OPERATION_OF_LAW_FROM, UT_VERIFICATION_DUE,
                                       UT_VERIFICATION_EARLIEST)
from medguide.rules.utah.primary_plan import ORDER_LANGUAGE_TEMPLATE

from medguide.bot.words.i18n import Lang
from medguide.bot.guide.explainers.base import (NO_CONTEXT, Context, Dated, Explanation, Said, Unexplained,
                                                explainer, known, made, pick, say, step, steps)

ZERO = Decimal("0.00")


def _today(ctx: Context) -> date:
    """The day the results are read against (the session's clock; the system's outside a session)."""
    return ctx.today or date.today()


def _credit_form(lang: Lang) -> list[Said]:
    """How the parent with the plan asks ORS for the credit (CS 407P Parent to Provide Notification, Forms 3)."""
    _ = lang._
    return [
        say("ut.credit_form.get_form", _("Get the Insurance Premium Credit Request form and fill it in.")),
        say("ut.credit_form.send_form_and_proof", _("Send the form and proof of what you pay to the Office of Recovery Services.")),
        say("ut.credit_form.list_everyone_covered", _("Add a list of everyone the plan covers.")),
        say("ut.credit_form.one_form_per_case", _("Send one form for each child support case.")),
        say("ut.credit_form.starts_month_after", _("The credit starts the month after the office gets it all.")),
    ]


def _yearly_proof(lang: Lang, when: date) -> list[Said]:
    """Utah Code 81-6-208(10)(a), (b); R527-201-7(4)."""
    _ = lang._
    return [
        say("ut.yearly_proof.due", _("The parent with the plan must send new proof each year by {due}.")).format(
            due=lang.month_day(*UT_VERIFICATION_DUE.at(when))),
        say("ut.yearly_proof.window_opens", _("It may be sent from {opens}.")).format(
            opens=lang.month_day(*UT_VERIFICATION_EARLIEST.at(when))),
        say("ut.report_changes_30_days", _("Tell the office within {days} days if the plan, its cost or its benefits change.")).format(
            days=lang.number(UT_CHANGE_NOTICE_DAYS.at(when))),
    ]


# ---------------------------------------------------------------- ut.order_regime
@explainer("ut.order_regime",
           ("by_operation_of_law", "provision_in_order", "voluntary_credit_allowed", "before_1994",
            "law_at_modification", "original_provision_continues"),
           lambda _: _("We could not work out which insurance rules apply to your order."))
def order_regime(o: Outcome, lang: Lang, ctx: Context = NO_CONTEXT) -> Explanation:
    _, d, f = lang._, lang.date, o.figures
    day, law_from, voluntary_from = d(f["regime_date"]), d(f["operation_of_law_from"]), d(f["voluntary_credit_from"])
    review = [say("ask_office_to_check_order", _("Ask the Office of Recovery Services to check your order for you."))]
    yearly = _yearly_proof(lang, _today(ctx))
    contest = say("voluntary_credit_can_be_contested", _(
        "The other parent can object. Then a manager at the office decides if the credit stays."))
    if o.outcome == "by_operation_of_law":
        return made(o, say("by_operation_of_law", _("Utah's health insurance rules are part of your order, even if its words leave them out.")), [
            say("order_made_or_changed_on", _("Your order was made or changed on {day}.")).format(day=day),
            say("operation_of_law_since", _("Orders made or changed since {law_from} have these rules by law.")).format(law_from=law_from),
            say("premium_share_half_each", _("Each parent pays half of the children's share of the plan's cost.")),
            say("uninsured_half_each_reasonable", _(
                "Each parent pays half of each needed, reasonable bill that insurance does not pay.")),
            say("court_may_divide_otherwise", _("A court can divide these costs another way, and say why.")),
        ], [say("read_other_results", _("Read the other results for the insurance credit and which plan pays first."))] + yearly)
    if o.outcome == "provision_in_order":
        changed = step(o, "modification_addressed_credit")
        return made(o, say("provision_in_order", _("The health insurance part of your order applies.")), [
            say("modification_spoke_about_credit", _("The change to your order spoke about the insurance credit, so its words apply.")) if changed
            else say("order_says_who_insures", _("Your order says who must provide health insurance.")),
        ], [say("do_what_order_says", _("Read the health insurance part of your order, and do what it says."))] + yearly)
    if o.outcome == "voluntary_credit_allowed":
        return made(o, say("voluntary_credit_allowed", _("A parent who puts the children on a health plan can still get a credit.")), [
            say("order_has_no_provision", _("Your order was made or last changed on {day}, and it has no part on health insurance.")).format(
                day=day),
            say("voluntary_credit_window", _("Orders made from {voluntary_from} and before {law_from} still allow this credit.")).format(
                voluntary_from=voluntary_from, law_from=law_from),
            contest,
        ], yearly)
    if o.outcome == "before_1994":
        return made(o, say("before_1994", _("Your order is from before {voluntary_from}, so this guide cannot say which rules apply.")).format(
            voluntary_from=voluntary_from), [
            say("old_order_no_provision", _("Your order was made on {day}, and it has no part on health insurance.")).format(day=day),
            say("old_orders_reviewed_one_by_one", _("The office looks at orders this old one at a time.")),
        ], review, depends=[say("staff_review_first", _("Office staff must review the order before anything else."))])
    if o.outcome == "law_at_modification":
        law = f["law_in_effect"]
        why = [say("order_changed_on", _("Your order was changed on {day}.")).format(day=day),
               say("neither_order_spoke_about_credit", _("Neither the first order nor the change spoke about the insurance credit."))]
        if law == "voluntary_credit_allowed":
            why += [say("law_then_allowed_credit", _("On that day, a parent who put the children on a health plan could get a credit.")),
                    contest]
            todo = yearly
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
        ], [say("do_what_first_order_says", _("Read what your first order says about the credit, and do what it says."))] + yearly)
    raise Unexplained(o.outcome)


# ---------------------------------------------------------------- ut.premium_credit
def _plan_costs(lang: Lang, holder: str, premium: str) -> Said:
    _ = lang._
    return pick({
        "payer": lambda: say("payer_plan_costs", _("The plan of the parent who pays support costs {premium} a month.")),
        "recipient": lambda: say("recipient_plan_costs", _("The plan of the person who gets support costs {premium} a month.")),
        "other_parent": lambda: say("other_parent_plan_costs", _("The other parent's plan costs {premium} a month.")),
    }, holder)().format(premium=premium)


def _policy_working(o: Outcome, lang: Lang) -> list[Said]:
    """Each plan's working, step by step, from the rule's own typed steps."""
    _, m, n_, num = lang._, lang.money, lang.n_, lang.number
    why: list[Said] = []
    for s in o.steps:
        if s.code == "per_capita":
            why.append(_plan_costs(lang, s.holder, m(s.premium)))
            why.append(say("covers_people", n_("It covers {count} person.", "It covers {count} people.", s.persons)).format(
                count=num(s.persons)))
            if s.persons > 1:
                why.append(say("per_capita", _("That is {per_capita} for each person.")).format(per_capita=m(s.per_capita)))
        elif s.code == "children_portion":
            why.append(say("children_on_plan", n_("{count} child on this case is on the plan.",
                                                  "{count} children on this case are on the plan.",
                                                  s.children)).format(count=num(s.children)))
            if s.children > 1:
                why.append(say("children_portion", _("So the children's share is {portion}.")).format(portion=m(s.portion)))
        elif s.code == "credit":
            why.append(say("half_is_credit", _("{share} of that, {credit}, is the credit.")).format(
                share=lang.percent(s.share), credit=m(s.credit)))
        elif s.code == "no_health_benefits":
            why.append(say("no_health_benefits", _("This plan does not pay for health care, so it gives no credit.")))
        elif s.code == "aag_review":
            why.append(say("aag_review", _("This plan may pay only for accidents. It counts only if the office's lawyer finds health benefits in it.")))
        elif s.code == "relative_not_entitled":
            why.append(say("relative_not_entitled", _("The relative who has the children gets no credit unless an order says so.")))
        elif s.code == "capped":
            why.append(say("capped", _("Your order limits the credit to {cap}.")).format(cap=m(s.cap)))
        elif s.code == "payer_subtracts":
            why.append(say("payer_subtracts", _("This credit comes off the support.")))
        elif s.code == "credit_added":
            why.append(say("credit_added", _("This credit is added to the support.")))
    return why


def _sums(o: Outcome, lang: Lang) -> list[Said]:
    """The sum, one plan at a time: "$350.00 minus $33.00 is $317.00"."""
    _, m = lang._, lang.money
    last = step(o, "adjusted_support")
    if last is None:
        return []
    lines, total = [], last.base_support
    for row in o.figures["policies"]:
        if row["applied"]:
            new = total + row["applied"]
            sentence = (say("sum_minus", _("{before} minus {credit} is {after}.")) if row["applied"] < 0
                        else say("sum_plus", _("{before} plus {credit} is {after}.")))
            lines.append(sentence.format(before=m(total), credit=m(abs(row["applied"])), after=m(new)))
            total = new
    return lines


def _base(o: Outcome) -> Decimal:
    last = step(o, "adjusted_support")
    return last.base_support if last is not None else o.figures["adjusted_support"] - o.figures["net_adjustment"]


def _holders(o: Outcome) -> list[str]:
    """Each policy's holder, in the order of the figures' policies (from the working)."""
    found: dict[int, str] = {}
    for s in o.steps:
        if s.code == "per_capita":
            found[s.policy] = s.holder
    return [found.get(i, "") for i in range(len(o.figures["policies"]))]


def _my_holder(ctx: Context) -> str:
    """Which holder the person using the guide is, on this case."""
    if ctx.answer("living_arrangement") == "relative" and ctx.answer("relative_user") == "relative":
        return "recipient"
    return "recipient" if ctx.answer("my_role") == "recipient" else "payer"


def _month_after(day: date) -> date:
    """CS 407P: a credit starts on the first day of the month after ORS has the complete form (the rule's reading)."""
    found = evaluate("ut.credit_start", {"complete_request_received": day.isoformat()})
    return found.figures["effective_from"] if isinstance(found, Outcome) else day


def _side_start(ctx: Context, mine: bool) -> tuple[str, date | None]:
    """Whether a side's credit is asked for: ("in_force" | "from" | "not_asked" | "not_known", its first day)."""
    if mine:
        asked = ctx.answer("credit_asked")
        if asked is True:
            start = ctx.outcome("ut.credit_start")
            day = start.figures["effective_from"] if start is not None else None
            end = ctx.outcome("ut.credit_end")
            restarted = [g["to"] for g in (end.figures.get("gaps") or []) if g["to"] <= _today(ctx)] if end else []
            if day is not None and restarted:
                day = restarted[-1]  # support is credited again since the last restart (CS 407P notes 1, 2)
        else:
            day = None
    else:
        asked = ctx.answer("other_credit_asked")
        received = ctx.answer("other_credit_form_date")
        day = _month_after(received) if asked is True and isinstance(received, date) else None
    if asked is True:
        if day is None:
            return "not_known", None
        return ("in_force" if day <= _today(ctx) else "from"), day
    return ("not_known" if asked in (None, "unknown") and not mine else "not_asked"), None


@explainer("ut.premium_credit", ("credit", "no_credit", "credit_exceeds_support"),
           lambda _: _("We could not work out the insurance credit."))
def premium_credit(o: Outcome, lang: Lang, ctx: Context = NO_CONTEXT) -> Explanation:
    _, m, d, f = lang._, lang.money, lang.date, o.figures
    today = _today(ctx)
    adjusted, base = f["adjusted_support"], _base(o)
    why = _policy_working(o, lang) + _sums(o, lang)
    rows, holders, me = f["policies"], _holders(o), _my_holder(ctx)
    mine = [i for i, h in enumerate(holders) if h == me]
    theirs = [i for i, h in enumerate(holders) if h != me]
    my_status, my_day = _side_start(ctx, True)
    their_status, their_day = _side_start(ctx, False)
    ended = ctx.outcome("ut.credit_end")
    if ended is not None and ended.outcome == "ended":
        my_status, my_day = "ended", ended.figures["ends_on"]
    depends: list[Said] = []
    todo: list[Said] = []
    dates: list[Dated] = []
    if ctx.answer("living_arrangement") == "split":
        why.append(say("split_every_child_counts", _("Every child of the order counts, wherever each one lives.")))

    # Next steps go to whoever can take them: the household that carries a plan asks for its credit.
    if any(rows[i]["applied"] or rows[i]["reason"] == "aag_review" for i in mine):
        if my_status == "not_asked":
            todo += _credit_form(lang)
        elif my_status in ("in_force", "from"):
            todo.append(say("keep_copy_of_form", _("Keep a copy of the form and the proof you sent.")))
    if any(rows[i]["applied"] for i in theirs) and their_status in ("not_asked", "not_known"):
        todo.append(say("other_side_asks_for_their_credit", _(
            "Only the other side can ask for the credit on their plan, with proof of what they pay.")))
    if any(r["reason"] == "aag_review" for r in rows):
        todo += [say("send_benefit_summary", _("Send the office the plan's benefit summary.")),
                 say("aag_decides", _("A lawyer at the office decides if the plan gives health benefits."))]
        if f.get("adjusted_support_if_aag_finds_health_benefits") is not None:
            depends.append(say("if_aag_finds_benefits", _("If the lawyer finds health benefits, support would be {amount} a month.")).format(
                amount=m(f["adjusted_support_if_aag_finds_health_benefits"])))
    if any(r["reason"] == "relative_not_entitled" for r in rows):
        todo.append(say("relative_needs_court_order", _("A relative who wants the credit must ask the court for an order.")))

    regime = ctx.outcome("ut.order_regime")
    old = regime is not None and (regime.outcome == "before_1994" or regime.figures.get("law_in_effect") == "before_1994")
    if old:  # CS 407P covers orders from July 1, 1994; an older one is the office's to review first
        depends.append(say("old_order_review_first", _("Office staff must first review an order this old.")))
        return made(o, say("old_order_credit_if_any", _("If a credit applies to your old order, support would be {amount} a month.")).format(
            amount=m(adjusted)), why, todo + _yearly_proof(lang, today), depends=depends)

    if o.outcome == "credit_exceeds_support":
        why.append(say("support_not_below_zero", _("Child support cannot be less than {zero}.")).format(zero=m(ZERO)))
        return made(o, say("credit_exceeds_support", _("The credit is {excess} more than the support, so office staff must review it.")).format(
            excess=m(f["excess_credit"])), why,
            [say("ask_about_rest_of_credit", _("Ask the Office of Recovery Services what happens to the rest of the credit.")),
             say("may_recover_share_instead", _(
                 "The parent with the plan may ask instead for the other parent's half of the children's premium."))]
            + todo, depends=[say("staff_review_first", _("Office staff must review it before the support changes."))])

    if o.outcome == "no_credit":
        reasons = {row["reason"] for row in rows}
        if not rows:
            why.append(say("no_plan_gives_credit", _("No plan on this case gives a credit.")))
        if "no_health_benefits" in reasons:
            todo.append(say("only_health_plans_give_credit", _("Only a plan that pays for health care can give a credit.")))
        headline = say("no_credit", _("Child support stays {amount} a month, with no insurance credit.")).format(amount=m(adjusted))
        if "aag_review" in reasons:
            headline = say("stays_until_aag_decides", _("Child support stays {amount} a month until the office decides on the plan.")).format(
                amount=m(adjusted))
        return made(o, headline, why, todo, depends=depends)

    if o.outcome != "credit":
        raise Unexplained(o.outcome)
    if f["net_adjustment"] == 0:
        return made(o, say("support_stays", _("Child support stays {amount} a month.")).format(amount=m(adjusted)), why,
                    todo + _yearly_proof(lang, today), depends=depends)

    # What the support is today: the base with only the credits in force on this day.
    in_force = {i for i in mine if my_status == "in_force"} | {i for i in theirs if their_status == "in_force"}
    now = base + sum((rows[i]["applied"] for i in in_force), Decimal(0))
    now = max(now, ZERO)
    if my_status == "ended":
        headline = say("credit_ended_support_is", _("The credit ended on {day}, so child support is {amount} a month.")).format(
            day=d(my_day), amount=m(now))
        why.append(say("was_while_in_place", _("While the credit was in place, child support was {amount} a month.")).format(
            amount=m(adjusted)))
        return made(o, headline, why, todo, depends=depends)
    pending = [(status, day) for status, day, side in ((my_status, my_day, mine), (their_status, their_day, theirs))
               if side and any(rows[i]["applied"] for i in side) and status != "in_force"]
    if not pending:
        first = max(day for status, day, side in ((my_status, my_day, mine), (their_status, their_day, theirs))
                    if side and status == "in_force")
        headline = say("support_is_since", _("Child support is {amount} a month, since {day}.")).format(
            amount=m(adjusted), day=d(first))
        return made(o, headline, why, todo + _yearly_proof(lang, today), depends=depends)
    starts = [day for status, day in pending if status == "from" and day is not None]
    if len(pending) == 1 and starts:
        headline = say("support_becomes_from", _("Child support becomes {amount} a month from {day}.")).format(
            amount=m(adjusted), day=d(starts[0]))
        dates.append(Dated(starts[0], say("date.credit_starts", _("The credit starts on {day}.")).format(day=d(starts[0]))))
    else:
        headline = say("support_would_become", _("Child support would become {amount} a month, once the office has the form.")).format(
            amount=m(adjusted))
        depends.append(say("credit_only_after_form", _(
            "A credit changes the support only from the first day of the month after the office has the complete form.")))
    depends.append(say("support_now", _("Until then, child support is {amount} a month.")).format(amount=m(now)))
    return made(o, headline, why, todo + _yearly_proof(lang, today), depends=depends, dates=dates)


# ---------------------------------------------------------------- ut.credit_start
def _unmet(lang: Lang, code: str, o: Outcome) -> list[Said]:
    """Why an Exception 1 condition failed (CS 407P Exception 1)."""
    _, n_, num, f = lang._, lang.n_, lang.number, o.figures
    if code == "form_in_time":
        letter = step(o, "retro_deadline")
        late = f["days_after_letter"]
        lines = [say("form_came_back_days", n_("The form came back {count} day after the first letter.",
                                               "The form came back {count} days after the first letter.", late)).format(count=num(late))]
        if letter is not None:
            lines.append(say("form_had_to_come_back", n_("It had to come back within {count} day.",
                                                         "It had to come back within {count} days.",
                                                         letter.days)).format(count=num(letter.days)))
        return lines
    return [pick({
        "new_case": lambda: say("retro_only_new_case", _("Exception 1 gives an earlier start only on a new case.")),
        "notice_or_knowledge": lambda: say("retro_no_proof_of_knowledge", _("There is no proof the other parent knew about the insurance.")),
        "manager_approved": lambda: say("retro_manager_not_approved", _("A team manager has not approved an earlier start.")),
        "retro_requested": lambda: say("retro_not_requested", _("No one asked for an earlier start.")),
    }, code)()]


@explainer("ut.credit_start", ("prospective", "retroactive"),
           lambda _: _("We could not work out when the insurance credit starts."))
def credit_start(o: Outcome, lang: Lang, ctx: Context = NO_CONTEXT) -> Explanation:
    _, d, f = lang._, lang.date, o.figures
    today = _today(ctx)
    first = step(o, "prospective_from")
    why: list[Said] = []
    if first is not None:
        why.append(say("form_received_on", _("The office got the full form and proof on {received}.")).format(received=d(first.received)))
    todo: list[Said] = [say("keep_copy_of_form", _("Keep a copy of the form and the proof you sent."))]
    asked = step(o, "exception_1_retro_requested")
    start = f["effective_from"]
    started = start <= today
    if o.outcome == "prospective":
        why.append(say("starts_next_month", _("A credit starts on the first day of the next month.")))
        if asked is not None and asked.value == "met":
            why.append(say("retro_cannot_be_given", _("You asked for an earlier start, but Exception 1 does not give it.")))
            for code in f["unmet_conditions"]:
                why += _unmet(lang, code, o)
        if f.get("exception_2_may_apply"):
            todo += [say("exception_2", _("A team manager may still approve an earlier start if something out of your control got in the way.")),
                     say("exception_2_bring_proof", _("Ask the office, and bring proof of what happened, such as a hospital stay."))]
        headline = (say("started", _("The credit started on {day}.")) if started
                    else say("prospective", _("The credit starts on {day}."))).format(day=d(start))
        dates = [] if started else [Dated(start, say("date.credit_starts", _("The credit starts on {day}.")).format(day=d(start)))]
        return made(o, headline, why, todo, dates=dates)
    if o.outcome == "retroactive":
        why.append(say("retro_conditions_met", _("You asked for an earlier start, and it meets every condition.")))
        if f["days_after_letter"] is not None:
            why.append(say("form_came_back_days", lang.n_("The form came back {count} day after the first letter.",
                                                          "The form came back {count} days after the first letter.",
                                                          f["days_after_letter"])).format(count=lang.number(f["days_after_letter"])))
        why += [
            say("retro_other_parent_knew", _("The other parent knew about the insurance.")),
            say("retro_manager_approved", _("A team manager approved it.")),
            say("retro_not_before_application", _("An earlier credit starts no sooner than the month the case was opened.")),
        ]
        if f.get("retro_start_basis") == "coverage_started_on":
            why.append(say("retro_not_before_coverage", _("It also cannot start before the plan covered the child.")))
        return made(o, say("retroactive", _("The credit can start on {day}, earlier than the form.")).format(day=d(start)), why, todo)
    raise Unexplained(o.outcome)


# ---------------------------------------------------------------- ut.credit_end
def _owed(o: Outcome, lang: Lang, ctx: Context) -> list[Said]:
    """The months at the credited rate since the end, owed again at the full amount (CS 407P Insurance Lapses)."""
    f, m = o.figures, lang.money
    months = f.get("months_at_full_amount") or []
    owed = f.get("amount_owed_again")
    if not months or owed is None:
        return []
    first, last = months[0], months[-1]
    if len(months) == 1:
        return [say("owed_again", lang._("For {month}, the support is the full amount: {owed} more is owed.")).format(
            month=lang.month_year(first), owed=m(owed))]
    return [say("owed_again", lang.n_(
        "For {count} month, from {first} to {last}, the support is the full amount: {owed} more is owed.",
        "For {count} months, from {first} to {last}, the support is the full amount: {owed} more is owed.",
        len(months))).format(count=lang.number(len(months)), first=lang.month_year(first), last=lang.month_year(last),
                             owed=m(owed))]


@explainer("ut.credit_end", ("ended", "active"),
           lambda _: _("We could not work out when the insurance credit ends."))
def credit_end(o: Outcome, lang: Lang, ctx: Context = NO_CONTEXT) -> Explanation:
    _, d, m, f = lang._, lang.date, lang.money, o.figures
    today = _today(ctx)
    credit = ctx.outcome("ut.premium_credit")
    base = _base(credit) if credit is not None else None
    why: list[Said] = []
    dates: list[Dated] = []
    lapse = step(o, "lapse")
    if f["reason"] == "lapse" and lapse is not None:
        why.append((say("lapsed_on", _("The first day without coverage was {day}.")) if lapse.lapse_date <= today
                    else say("lapses_on", _("The first day without coverage will be {day}."))).format(day=d(lapse.lapse_date)))
        why.append(say("ends_first_of_month", _("The credit ends on the first day of that month.")))
    elif f["reason"] == "no_verification":
        for missed in steps(o, "verification_year")[-1:]:
            why.append(say("proof_window", _("Proof for {year} had to come in from {opens} to {due}.")).format(
                year=missed.year, opens=d(missed.opens), due=d(missed.due)))
        why.append(say("no_proof_credit_stopped", _("None came in by then, so the credit stopped.")))
    missed = {s.due: s for s in steps(o, "verification_year") if s.received is None}
    restarts = {s.ended_on: s for s in steps(o, "restart")}
    for gap in f.get("gaps") or []:
        year, restart = missed.get(gap["from"]), restarts.get(gap["from"])
        if year is not None:  # R527-201-7(4): proof had to come in by January 2
            why.append(say("proof_window", _("Proof for {year} had to come in from {opens} to {due}.")).format(
                year=year.year, opens=d(year.opens), due=d(year.due)))
        if year is not None and restart is not None and restart.received is not None:
            why.append(say("proof_came_late", _("It came in on {day}, too late.")).format(day=d(restart.received)))
        why.append(say("gap_stopped", _("The credit stopped on {day}.")).format(day=d(gap["from"])))
        why.append(say("gap_started_again", _("It started again on {day}, the month after the office got it.")).format(
            day=d(gap["to"])))  # CS 407P Ongoing Yearly Verification, notes 1 and 2
    why += _owed(o, lang, ctx)
    if o.outcome == "ended":
        ends = f["ends_on"]
        headline = (say("ended_support_is", _("The credit ended on {day}, and child support is {amount} a month again.")).format(
            day=d(ends), amount=m(base)) if base is not None
            else say("ended", _("The credit ended on {day}.")).format(day=d(ends)))
        todo: list[Said] = []
        if f["reason"] == "lapse":
            days = UT_CHANGE_NOTICE_DAYS.at(ends)
            report_by = lapse.lapse_date + timedelta(days=days) if lapse is not None else ends + timedelta(days=days)
            if report_by < today:
                todo.append(say("report_lapse_late", _("The {days} days to tell the office ended on {day}. Tell it now.")).format(
                    days=lang.number(days), day=d(report_by)))
                dates.append(Dated(report_by, say("date.report_lapse", _("Tell the office the plan stopped, by {day}.")).format(
                    day=d(report_by)), passed=True))
            else:
                todo.append(say("report_lapse_by", _("Tell the office and the other parent by {day}, within {days} days.")).format(
                    day=d(report_by), days=lang.number(days)))
                dates.append(Dated(report_by, say("date.report_lapse", _("Tell the office the plan stopped, by {day}.")).format(
                    day=d(report_by))))
            todo += [say("child_still_needs_coverage", _("The child still needs health coverage.")),
                     say("new_insurance_new_form", _("If you get new insurance, send a new form with proof.")),
                     say("form_name", _("The form you need is the Insurance Premium Credit Request."))]
        else:
            todo += [say("send_new_form_to_restart", _("To get the credit again, send a new form with proof.")),
                     say("form_name", _("The form you need is the Insurance Premium Credit Request.")),
                     say("restart_month_after", _("The new credit starts the month after the office gets it."))]
        if f.get("amount_owed_again"):
            todo.append(say("arrange_owed_again", _("Ask the office how to pay what is owed again.")))
        return made(o, headline, why, todo, dates=dates)
    if o.outcome == "active" and f["ends_on"] is not None:
        return made(o, say("will_end", _("The credit will end on {day}.")).format(day=d(f["ends_on"])), why,
                    [say("report_lapse_30_days", _("Tell the office within {days} days when insurance stops or changes.")).format(
                        days=lang.number(UT_CHANGE_NOTICE_DAYS.at(today)))],
                    dates=[Dated(f["ends_on"], say("date.credit_ends", _("The credit ends on {day}.")).format(day=d(f["ends_on"])))])
    if o.outcome == "active":
        for s in [s for s in steps(o, "verification_year") if s.received is not None][-1:]:
            why.append(say("proof_received_on", _("Proof for {year} came in on {day}.")).format(year=s.year, day=d(s.received)))
        due = f["next_verification_due"]
        if f["next_verification_received"]:
            todo = [say("next_proof_already_in", _("The office already has the proof for {year}.")).format(year=due.year)]
        else:
            opens = f["next_window_opens"]
            todo = [say("send_yearly_proof_by", _("Send the yearly proof by {due}.")).format(due=d(due)),
                    say("yearly_proof_window_opens", _("It may be sent from {opens}.")).format(opens=d(opens)),
                    say("without_proof_stops_on", _("Without it, the credit stops on {due}.")).format(due=d(due))]
            dates.append(Dated(due, say("date.yearly_proof", _("Yearly proof of insurance due by {day}.")).format(day=d(due))))
        todo.append(say("ut.report_changes_30_days", _("Tell the office within {days} days if the plan, its cost or its benefits change.")).format(
            days=lang.number(UT_CHANGE_NOTICE_DAYS.at(today))))
        headline = (say("active_again", _("The credit is in place again.")) if f.get("gaps")
                    else say("active", _("The insurance credit is still in place.")))
        return made(o, headline, why, todo, dates=dates)
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
           lambda _: _("We could not work out which plan pays first."))
def primary_plan(o: Outcome, lang: Lang, ctx: Context = NO_CONTEXT) -> Explanation:
    _, f = lang._, o.figures
    if o.outcome == "not_applicable":
        return made(o, say("not_applicable", _("The rule on which plan pays first does not apply now.")), [
            say("applies_when_both_cover", _("It applies only when both parents' plans cover the child.")),
        ], [say("check_again_later", _("If both plans cover the child later, check this again."))])
    why: list[Said] = []
    birthdays = step(o, "birthday_first")
    if o.outcome == "undetermined":
        if birthdays is not None:
            why.append(say("same_birthday", _("Both parents have the same birthday, {day}.")).format(
                day=_birthday(lang, birthdays.parent_a_birthday)))
        why += [say("birthday_rule_cannot_decide", _("So the birthday rule cannot decide.")),
                say("court_may_decide_birth_dates", _("A court can decide, looking at the parents' birth dates.")),
                say("court_may_weigh_other_facts", _("It can also look at who must keep insurance, who has the child, and other facts."))]
        return made(o, say("undetermined", _("The law does not say whose plan pays first, because both parents share a birthday.")), why,
                    [say("ask_court_to_designate", _("Ask the court to say in the order whose plan pays first."))])
    if o.outcome != "primary_decided":
        raise Unexplained(o.outcome)
    mine = f["primary"] == "parent_a"
    known(f["basis"], "order", "birthday")
    depends: list[Said] = []
    if f["basis"] == "order":
        headline = (say("order_your_plan_primary", _("Your order says your plan pays first.")) if mine
                    else say("order_other_plan_primary", _("Your order says the other parent's plan pays first.")))
        why.append(say("order_designates", _("Your order says whose plan pays first.")))
        title = say("order_words_title", _("Orders use these fixed words, in English:"))
    else:
        headline = (say("default_your_plan_primary", _("By the law's default, your plan pays first.")) if mine
                    else say("default_other_plan_primary", _("By the law's default, the other parent's plan pays first.")))
        why.append(say("order_silent", _("Your order does not say whose plan pays first.")))
        why.append(say("birthday_rule", _("Then the plan of the parent whose birthday comes first in the year pays first.")))
        if birthdays is not None:
            why.append(say("your_birthday", _("You were born on {day}.")).format(day=_birthday(lang, birthdays.parent_a_birthday)))
            why.append(say("other_birthday", _("The other parent was born on {day}.")).format(
                day=_birthday(lang, birthdays.parent_b_birthday)))
        depends.append(say("court_may_designate_otherwise", _("A court may still name the other plan as first.")))
        if f.get("default_by_operation_of_law") is False:
            depends.append(say("default_for_old_order", _(
                "This default is in the law for orders made or changed since {law_from}; for an older order, ask the office.")).format(
                law_from=lang.date(UT_OPERATION_OF_LAW_FROM.at(_today(ctx)))))
        title = say("default_words_title", _("Unless a court decides otherwise, these are the law's fixed words, in English:"))
    step_parent = step(o, "step_parent_plan")
    if step_parent is not None:
        why.append(say("step_parent_plan", _("A step-parent's plan counts as the plan of the parent who married them.")))
        why.append(say("step_parent_birthday", _("The birthday that counts is the parent's, not the step-parent's.")))
        why.append(say("step_parent_plan_primary", _("So it pays first.")) if step_parent.value == "primary"
                   else say("step_parent_plan_secondary", _("So it pays second.")))
    gloss = say("gloss", lang.sentences([
        say("gloss_yours_first", _("This means: if both parents' plans cover the child, your plan pays first.")) if mine
        else say("gloss_other_first", _("This means: if both parents' plans cover the child, the other parent's plan pays first.")),
        say("other_parent_plan_second", _("The other parent's plan pays second.")) if mine
        else say("plan_pays_second", _("Your plan pays second.")),
        say("if_parent_marries_again", _("If a parent marries again, the new spouse's plan takes that parent's place.")),
    ]))
    return made(o, headline, why, [
        say("give_both_plans_to_doctors", _("Give the details of both plans to each doctor.")),
        say("bills_to_primary_first", _("Bills go to the first plan. What is left goes to the second plan.")),
    ], verbatim=order_language(f["order_language"]), gloss=gloss, verbatim_title=title, depends=depends)


# ---------------------------------------------------------------- ut.uninsured_expenses
@explainer("ut.uninsured_expenses", ("share_due", "recovery_at_risk"),
           lambda _: _("We could not work out the share of the medical bill."))
def uninsured_expenses(o: Outcome, lang: Lang, ctx: Context = NO_CONTEXT) -> Explanation:
    _, m, d, f = lang._, lang.money, lang.date, o.figures
    owes, i_owe = m(f["other_parent_owes"]), f["owed_by"] == "parent_a"
    s = step(o, "other_parent_owes")
    why: list[Said] = []
    dates: list[Dated] = []
    if s is not None:
        why.append(say("uninsured_amount", _("Insurance did not pay {amount} of the bill.")).format(amount=m(s.amount)))
        if f.get("split") == "order":
            why.append(say("order_split_share", _("Your order splits these bills: the parent who did not pay owes {share}.")).format(
                share=lang.percent(s.share)))
        else:
            why.append(say("half_each_share", _("Each parent pays half, so each share is {owes}.")).format(owes=owes))
            if f["paid_by_share"] != f["other_parent_owes"]:
                why.append(say("odd_cent", _("The parent who paid keeps the odd cent.")))
        why.append(say("verification_due", _("Written proof of the cost and payment is due within {days} days, by {due}.")).format(
            days=lang.number(s.days), due=d(s.due)))
    why.append(say("reasonable_and_needed", _("This is so when the care was reasonable and needed.")))
    sent = step(o, "verification_in_time")
    due = f["verification_due"]
    if o.outcome == "share_due":
        headline = (say("you_owe", _("You owe the other parent {owes}.")) if i_owe
                    else say("owes_you", _("The other parent owes you {owes}."))).format(owes=owes)
        if sent is not None:
            why.append(say("verification_in_time", _("The proof was sent on {day}, in time.")).format(day=d(sent.sent)))
            todo = [say("pay_your_share", _("Pay the other parent your share of {owes}.")).format(owes=owes)] if i_owe else [
                say("ask_for_share", _("Ask the other parent to pay you {owes}.")).format(owes=owes),
                say("keep_copies", _("Keep a copy of the bill, the receipt and what you sent."))]
        elif i_owe:
            todo = [say("other_must_send_verification", _("The other parent must send you written proof of the cost and payment by {due}.")).format(
                due=d(due))]
            dates.append(Dated(due, say("date.verification_due", _("Written proof of the bill due by {day}.")).format(day=d(due))))
        else:
            todo = [say("send_verification_by", _("Send the other parent written proof of the cost and payment by {due}.")).format(
                due=d(due)),
                say("keep_copies", _("Keep a copy of the bill, the receipt and what you sent."))]
            dates.append(Dated(due, say("date.verification_due", _("Written proof of the bill due by {day}.")).format(day=d(due))))
        return made(o, headline, why, todo, dates=dates)
    if o.outcome == "recovery_at_risk":
        headline = (say("you_may_owe_court_may_deny", _("You may owe the other parent {owes}, but a court may say no.")) if i_owe
                    else say("owes_you_court_may_deny", _("The other parent owes you {owes}, but a court may say no."))).format(owes=owes)
        if sent is not None:
            why.append(say("verification_late", _("The proof was sent on {day}, after the deadline.")).format(day=d(sent.sent)))
        elif f.get("verification_deadline_passed"):
            why.append(say("verification_deadline_passed", _("The proof was due by {day}, and that day has passed.")).format(day=d(due)))
            dates.append(Dated(due, say("date.verification_due", _("Written proof of the bill due by {day}.")).format(day=d(due)),
                               passed=True))
        why.append(say("late_court_may_deny", _("When proof is late, a court may deny the share.")))
        todo = [say("court_decides_if_disputed", _("If you do not agree to pay, the court decides."))] if i_owe else [
            say("send_proof_anyway", _("Send the written proof now anyway, and keep a copy.")),
            say("keep_copies", _("Keep a copy of the bill, the receipt and what you sent.")),
            say("may_ask_court", _("If the other parent will not pay, you may ask the court."))]
        return made(o, headline, why, todo, dates=dates)
    raise Unexplained(o.outcome)
