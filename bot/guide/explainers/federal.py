"""Plain words for the federal rules: reasonable cost (45 CFR 303.31 and its Utah and California forms), QMCSO."""

from __future__ import annotations

from medguide.rules import Outcome

from medguide.bot.words.i18n import Lang
from medguide.bot.guide.explainers.base import Explanation, Unexplained, explainer, made, pick, step



# ---------------------------------------------------------------- reasonable_cost
@explainer("reasonable_cost", ("reasonable", "not_reasonable", "no_cost", "not_reasonable_low_income"),
           lambda _: _("We could not work out if the plan costs too much."))
def reasonable_cost(o: Outcome, lang: Lang) -> Explanation:
    _, m, f = lang._, lang.money, o.figures
    cost, threshold = m(f["cost"]), m(f["threshold"])
    california = o.figures["jurisdiction"] == "CA"
    why: list[str] = []
    difference = step(o, "cost_difference")
    if difference is not None:
        a = difference.args
        why += [_("The plan costs {family} a month for the family, and {single} for one person.").format(
                    family=m(a["family_premium"]), single=m(a["self_only_premium"])),
                _("The cost that counts is the difference, {cost}.").format(cost=cost)]
    limit = step(o, "threshold")
    if limit is not None:
        why.append(_("5% of your gross income of {income} is {threshold}.").format(
            income=m(limit.args["income"]), threshold=threshold))
    if o.outcome == "not_reasonable_low_income":
        why += [_("You have a low-income adjustment."),
                _("In California, that means the plan counts as too costly for you.")]
        return made(o, _("Because of your low-income adjustment, the plan counts as too costly for you."), why,
                    [_("A court can still order it if not doing so would be unfair."),
                     _("The court must say its reasons.")])
    if step(o, "unjust_finding") is not None:
        why.insert(0, _("The court found it would be unfair not to order insurance, so the 5% test applies."))
    if o.outcome == "no_cost":
        why.append(_("The cost that counts is {cost}.").format(cost=cost))
        return made(o, _("The plan costs you {cost}, so it is not too costly.").format(cost=cost), why,
                    [_("A court can order a plan that costs nothing.")])
    if o.outcome == "reasonable":
        why.append(_("{cost} is not more than {threshold}.").format(cost=cost, threshold=threshold))
        todo = [_("A court can order a plan that costs this much.")]
        if california:
            todo.append(_("A parent who thinks it costs too much can try to show that in court."))
        return made(o, _("The plan's cost of {cost} a month is reasonable.").format(cost=cost), why, todo)
    if o.outcome == "not_reasonable":
        why.append(_("{cost} is more than {threshold}.").format(cost=cost, threshold=threshold))
        return made(o, _("The plan's cost of {cost} a month is more than the law sees as reasonable.").format(
            cost=cost), why, [
            _("The law asks for a plan when its cost is not too high."),
            _("Look for a plan that costs {threshold} or less a month.").format(threshold=threshold)
            if f["threshold"] else "",
            _("Tell the court or child support office about the cost."),
        ])
    raise Unexplained(o.outcome)


# ---------------------------------------------------------------- qmcso.completeness
def _qmcso_gap(lang: Lang, code: str) -> str:
    _ = lang._
    return pick({
        "names_parent_and_address": lambda: _("It does not give the parent's name and address."),
        "names_child_and_address": lambda: _("It does not give each child's name and address."),
        "describes_coverage": lambda: _("It does not describe the coverage the child must get."),
        "states_period": lambda: _("It does not say how long the coverage must last."),
        "requires_benefit_plan_lacks": lambda: _("It asks for a benefit the plan does not offer, which is not allowed."),
    }, code)()


@explainer("qmcso.completeness", ("complete", "incomplete"),
           lambda _: _("We could not check the order sent to the health plan."))
def qmcso_completeness(o: Outcome, lang: Lang) -> Explanation:
    _, f = lang._, o.figures
    if o.outcome == "complete":
        return made(o, _("The order has what a health plan needs to accept it."), [
            _("It names the parent and each child, with their addresses."),
            _("It describes the coverage and says how long it lasts."),
            _("It asks for nothing the plan does not offer."),
        ], [_("The plan should now add the child."), _("If it has not, ask the plan why.")])
    if o.outcome == "incomplete":
        return made(o, _("The health plan may refuse the order, because it is not complete."),
                    [_qmcso_gap(lang, code) for code in [*f["missing"], *f["disqualifying"]]],
                    [_("Ask the court or child support office to fix the order."),
                     _("Then send the fixed order to the plan.")])
    raise Unexplained(o.outcome)
