"""Plain words for remedies.noncompliance: what a parent can do when the other parent did not insure or pay.

Written with the rule (rules/common/noncompliance.py) so every rule has its own words; short on purpose,
one line per remedy the rule lists, in the rule's order.
"""

from __future__ import annotations

from medguide.rules import Outcome

from medguide.bot.words.i18n import Lang
from medguide.bot.guide.explainers.base import NO_CONTEXT, Context, Explanation, explainer, made, pick, say


def _remedy(lang: Lang, code: str) -> list:
    _ = lang._
    return pick({
        "liability_order": lambda: [
            say("liability_order", _("A court or the child support office can set what the other parent owes for medical costs.")),
            say("liability_any_order_date", _("This is so however old the order is.")),
            say("liability_fair_amount", _("If the order does not say how to split the costs, a fair amount is set."))],
        "agency_enforcement": lambda: [
            say("agency_enforcement", _("The local child support agency must act so the child gets insurance.")),
            say("agency_civil_or_criminal", _("The agency can bring a civil case or a criminal case."))],
        "coverage_assignment": lambda: [
            say("coverage_assignment", _("The court can order the other parent's employer to put the child on its plan.")),
            say("coverage_assignment_good_cause", _("The court usually does this unless there is good cause not to."))],
        "judicial_relief": lambda: [
            say("judicial_relief", _("If the other parent does not pay you back, you can ask the court for help."))],
        "noticed_motion": lambda: [
            say("noticed_motion", _("Either parent can file a motion asking the court to enforce the order."))],
        "filing_costs_and_fees": lambda: [
            say("filing_costs_and_fees", _("A parent who had no good reason can be made to pay court costs and lawyer fees."))],
        "ocse_enforces_order": lambda: [
            say("ocse_enforces_order", _("The child support office can enforce the health insurance part of your order."))],
        "court_order_for_uninsured_claims": lambda: [
            say("court_order_for_uninsured", _("The office collects unpaid medical bills only when the court orders it."))],
        "court_compensation": lambda: [
            say("court_compensation", _("The court can order the other parent to pay you back."))],
        "court_share_of_bills": lambda: [
            say("court_share_of_bills", _("The court can order the other parent to pay part of the medical bills."))],
        "contempt": lambda: [
            say("contempt", _("In serious cases, the court can hold the other parent in contempt."))],
    }, code)()


@explainer("remedies.noncompliance",
           ("liability_order", "agency_must_act", "agency_if_enforcing", "coverage_assignment", "motion_to_enforce",
            "ocse_may_enforce_order", "court_order_needed", "court_recourse"),
           lambda _: say("we_could_not_work", _("We could not work out what you can do about the order.")))
def noncompliance(o: Outcome, lang: Lang, ctx: Context = NO_CONTEXT) -> Explanation:
    _ = lang._
    headline = pick({
        "liability_order": lambda: say("headline_liability", _("You can ask for an order setting what the other parent owes.")),
        "agency_must_act": lambda: say("headline_agency", _("The local child support agency must step in.")),
        "agency_if_enforcing": lambda: say("headline_agency_if", _("If the local child support agency handles your case, it must step in.")),
        "coverage_assignment": lambda: say("headline_assignment", _("You can ask the court to have the employer cover the child.")),
        "motion_to_enforce": lambda: say("headline_motion", _("You can ask the court to make the other parent pay their share.")),
        "ocse_may_enforce_order": lambda: say("headline_ocse", _("The child support office can enforce your order.")),
        "court_order_needed": lambda: say("headline_court_order", _("You need a court order before the office collects these bills.")),
        "court_recourse": lambda: say("headline_court", _("You can ask the court for help when the order is not followed.")),
    }, o.outcome)()
    why = [line for code in o.figures["remedies"] for line in _remedy(lang, code)]
    todo = [say("keep_copies", _("Keep copies of the order, the bills and what you paid.")),
            say("legal_help", _("A lawyer or a legal aid office can help with the court steps."))]
    if o.outcome in ("agency_must_act", "agency_if_enforcing"):
        todo.insert(0, say("tell_agency", _("Tell the local child support agency that the child has no insurance.")))
    if o.outcome in ("ocse_may_enforce_order", "court_order_needed"):
        todo.insert(0, say("call_arkansas_office", _("Call or write to the Arkansas child support office.")))
    return made(o, headline, why, todo)
