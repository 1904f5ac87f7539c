"""Plain words for the federal rules: reasonable cost (45 CFR 303.31 and its Utah and California forms), QMCSO."""

from __future__ import annotations

from medguide.rules import Outcome

from medguide.bot.words.i18n import Lang
from medguide.bot.guide.explainers.base import NO_CONTEXT, Context, Explanation, Unexplained, explainer, made, pick, step, say



# ---------------------------------------------------------------- reasonable_cost
@explainer("reasonable_cost", ("reasonable", "not_reasonable", "no_cost", "not_reasonable_low_income"),
           lambda _: say("we_could_not_work", _("We could not work out if the plan costs too much.")))
def reasonable_cost(o: Outcome, lang: Lang, ctx: Context = NO_CONTEXT) -> Explanation:
    _, m, f = lang._, lang.money, o.figures
    cost, threshold = m(f["cost"]), m(f["threshold"])
    california = o.figures["jurisdiction"] == "CA"
    why: list[str] = []
    difference = step(o, "cost_difference")
    if difference is not None:
        a = difference.args
        why += [say("plan_costs_month_family", _("The plan costs {family} a month for the family, and {single} for one person.")).format(
                    family=m(a["family_premium"]), single=m(a["self_only_premium"])),
                say("cost_counts_difference", _("The cost that counts is the difference, {cost}.")).format(cost=cost)]
    limit = step(o, "threshold")
    if limit is not None:
        why.append(say("5_gross_income", _("{rate} of your gross income of {income} is {threshold}.")).format(
            rate=lang.percent(limit.args["rate"]), income=m(limit.args["income"]), threshold=threshold))
    if o.outcome == "not_reasonable_low_income":
        why += [say("have_low_income_adjustment", _("You have a low-income adjustment.")),
                say("california_means_plan_counts", _("In California, that means the plan counts as too costly for you."))]
        return made(o, say("because_low_income_adjustment", _("Because of your low-income adjustment, the plan counts as too costly for you.")), why,
                    [say("court_can_still_order", _("A court can still order it if not doing so would be unfair.")),
                     say("court_must_say_reasons", _("The court must say its reasons."))])
    unjust = step(o, "unjust_finding")
    if unjust is not None:
        why.insert(0, say("court_found_would_unfair", _("The court found it would be unfair not to order insurance, so the {rate} test applies.")).format(
            rate=lang.percent(unjust.args["rate"])))
    if o.outcome == "no_cost":
        why.append(say("cost_counts", _("The cost that counts is {cost}.")).format(cost=cost))
        return made(o, say("plan_costs_not_too", _("The plan costs you {cost}, so it is not too costly.")).format(cost=cost), why,
                    [say("court_can_order_plan_2", _("A court can order a plan that costs nothing."))])
    if o.outcome == "reasonable":
        why.append(say("not_more_than", _("{cost} is not more than {threshold}.")).format(cost=cost, threshold=threshold))
    elif o.outcome == "not_reasonable":
        why.append(say("more_than", _("{cost} is more than {threshold}.")).format(cost=cost, threshold=threshold))
    rate = lang.percent(limit.args["rate"]) if limit is not None else ""
    if f.get("standard") == "federal_default":
        return _federal_default(o, lang, ctx, cost, rate, why)
    if california and o.outcome in ("reasonable", "not_reasonable"):
        return _california(o, lang, cost, rate, why)
    if o.outcome == "reasonable":
        todo = [say("court_can_order_plan", _("A court can order a plan that costs this much."))]
        return made(o, say("plan_s_cost_month", _("The plan's cost of {cost} a month is reasonable.")).format(cost=cost), why, todo)
    if o.outcome == "not_reasonable":
        return made(o, say("plan_s_cost_month_2", _("The plan's cost of {cost} a month is more than the law sees as reasonable.")).format(
            cost=cost), why, [
            say("law_asks_plan_when", _("The law asks for a plan when its cost is not too high.")),
            say("look_plan_costs_less", _("Look for a plan that costs {threshold} or less a month.")).format(threshold=threshold)
            if f["threshold"] else "",
            _keep_ordered_plan(lang),
            say("tell_court_child_support", _("Tell the court or child support office about the cost.")),
        ])
    raise Unexplained(o.outcome)


def _keep_ordered_plan(lang: Lang) -> str:
    """Never advise dropping or switching a plan over the test: a court may have ordered this one."""
    return say("keep_ordered_plan", lang._("If a court ordered this plan, keep it until the court changes the order."))


def _federal_default(o: Outcome, lang: Lang, ctx: Context, cost: str, rate: str, why: list[str]) -> Explanation:
    """Another state or Arkansas: 45 CFR 303.31(a)(3)'s 5% is the federal default; "at State option, a reasonable
    alternative income-based numeric standard defined in State law" may apply instead. Never advise dropping or
    switching a plan: a court may have ordered this one."""
    _ = lang._
    arkansas = ctx.answer("order_state") == "AR"
    state = [say("federal_default_state_may", _("This is the federal test. Your state's law may use its own test based on income instead."))]
    ask = (say("ask_arkansas_office_test", _("Ask the Arkansas child support office which test applies to your case.")) if arkansas
           else say("ask_state_office_test", _("Ask your state's child support office which test applies to your case.")))
    if o.outcome == "reasonable":
        return made(o, say("within_federal_test", _("The plan's cost of {cost} a month is within the federal test of {rate} of your income.")).format(
            cost=cost, rate=rate), why + state, [ask])
    if o.outcome == "not_reasonable":
        return made(o, say("over_federal_test", _("The plan's cost of {cost} a month is more than the federal test of {rate} of your income.")).format(
            cost=cost, rate=rate), why + state, [
            ask, _keep_ordered_plan(lang), say("tell_court_child_support", _("Tell the court or child support office about the cost."))])
    raise Unexplained(o.outcome)


def _california(o: Outcome, lang: Lang, cost: str, rate: str, why: list[str]) -> Explanation:
    """3751(a)(2): at or under 5% the cost is rebuttably presumed reasonable; above it there is no presumption,
    the court decides and states its reasons; 3751(b), 17422(b)(2): the order must still require coverage."""
    _ = lang._
    if o.outcome == "reasonable":
        why += [say("ca_presumed_at_or_under", _("In California, a cost up to {rate} of gross income is presumed to be fair.")).format(rate=rate)]
        return made(o, say("ca_presumed_reasonable", _("The plan's cost of {cost} a month is presumed reasonable.")).format(cost=cost), why, [
            say("court_can_order_plan", _("A court can order a plan that costs this much.")),
            say("parent_who_thinks_costs", _("A parent who thinks it costs too much can try to show that in court."))])
    why += [say("ca_no_presumption", _("Above {rate}, the law does not presume the cost is reasonable or too high.")).format(rate=rate),
            say("ca_court_states_reasons", _("If the court finds the cost is not reasonable, it must say its reasons."))]
    todo = [say("tell_court_cost_income", _("Tell the court about the cost and your income."))]
    if o.figures.get("order_must_require_if_available"):
        todo.append(say("ca_order_must_require", _("The order must still say to insure the child if a plan later costs nothing "
                                                   "or a fair amount.")))
    return made(o, say("ca_court_decides", _("The plan's cost of {cost} a month is over {rate} of your income, so the court decides.")).format(cost=cost, rate=rate), why, todo)


# ---------------------------------------------------------------- qmcso.completeness
def _qmcso_gap(lang: Lang, code: str) -> str:
    _ = lang._
    return pick({
        "names_parent_and_address": lambda: say("does_not_give_parent", _("It does not give the parent's name and address.")),
        "names_child_and_address": lambda: say("does_not_give_each", _("It does not give each child's name and address.")),
        "describes_coverage": lambda: say("does_not_describe_coverage", _("It does not describe the coverage the child must get.")),
        "states_period": lambda: say("does_not_say_how", _("It does not say how long the coverage must last.")),
        "requires_benefit_plan_lacks": lambda: say("asks_benefit_plan_does", _("It asks for a benefit the plan does not offer, which is not allowed.")),
    }, code)()


@explainer("qmcso.completeness", ("complete", "incomplete"),
           lambda _: say("we_could_not_check", _("We could not check the order sent to the health plan.")))
def qmcso_completeness(o: Outcome, lang: Lang, ctx: Context = NO_CONTEXT) -> Explanation:
    _, f = lang._, o.figures
    if o.outcome == "complete":
        return made(o, say("order_has_what_health", _("The order has what a health plan needs to accept it.")), [
            say("names_parent_each_child", _("It names the parent and each child, with their addresses.")),
            say("describes_coverage_says_how", _("It describes the coverage and says how long it lasts.")),
            say("asks_nothing_plan_does", _("It asks for nothing the plan does not offer.")),
        ], [say("plan_should_now_add", _("The plan should now add the child.")), say("if_has_not_ask", _("If it has not, ask the plan why."))])
    if o.outcome == "incomplete":
        return made(o, say("health_plan_may_refuse", _("The health plan may refuse the order, because it is not complete.")),
                    [_qmcso_gap(lang, code) for code in [*f["missing"], *f["disqualifying"]]],
                    [say("ask_court_child_support", _("Ask the court or child support office to fix the order.")),
                     say("then_send_fixed_order", _("Then send the fixed order to the plan."))])
    raise Unexplained(o.outcome)
