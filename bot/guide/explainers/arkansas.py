"""Plain words for the Arkansas rule (OCSE, General Questions about OCSE)."""

from __future__ import annotations

from medguide.rules import Outcome

from medguide.bot.words.i18n import Lang
from medguide.bot.guide.explainers.base import NO_CONTEXT, Context, Explanation, explainer, made, pick, say


@explainer("ar.ocse_medical_support",
           ("no_petition_needed", "request_needed", "ocse_petitions", "ocse_may_modify_order", "ocse_may_enforce_order"),
           lambda _: say("we_could_not_work", _("We could not work out what the child support office can do.")))
def ocse_medical_support(o: Outcome, lang: Lang, ctx: Context = NO_CONTEXT) -> Explanation:
    _, f = lang._, o.figures
    contact = say("call_write_arkansas_child", _("Call or write to the Arkansas child support office."))
    lawyer = say("lawyer_can_help_understand", _("A lawyer can help you understand the steps."))
    acts = (say("office_does_own_because", _("The office does this on its own, because the family gets public assistance.")) if f["automatic"]
            else say("office_acts_because_need", _("The office acts because the need was asked for on the application.")))
    headline, why = pick({
        "no_petition_needed": lambda: (
            say("children_have_good_insurance", _("The children have good insurance, so no request is needed.")),
            [say("office_asks_only_when", _("The office asks for this only when the children do not have good insurance."))]),
        "request_needed": lambda: (
            say("tell_office_need_insurance", _("Tell the child support office that the children need health insurance.")),
            [say("office_acts_when_need", _("The office acts when the need for insurance is on the application.")),
             say("application_did_not_ask", _("Your application did not ask for it."))]),
        "ocse_petitions": lambda: (
            say("child_support_office_will", _("The child support office will ask the court for medical support.")),
            [acts, say("court_may_then_order", _("The court may then order the paying parent to insure the children."))]),
        "ocse_may_modify_order": lambda: (
            say("child_support_office_may", _("The child support office may ask the court to add health insurance to your order.")),
            [acts, say("order_has_no_part", _("Your order has no part on health insurance."))]),
        "ocse_may_enforce_order": lambda: (
            say("child_support_office_can", _("The child support office can enforce the health insurance part of your order.")),
            [acts]),
    }, o.outcome)()
    why.append(say("court_ordered_office_collect", _("The court ordered the office to collect unpaid medical bills, so it can."))
               if f["uninsured_claims_enforced"]
               else say("office_does_not_collect", _("The office does not collect unpaid medical bills unless the court orders it.")))
    todo = [contact]
    if o.outcome == "request_needed":
        todo.insert(0, say("ask_add_need_to_case", _("Ask the office how to add the need for health insurance to your case.")))
    if not f["uninsured_claims_enforced"]:
        # Seed 002: "uninsured medical claims are not enforced by the OCSE unless the court orders it to do so".
        todo.append(say("ask_court_order_collect", _("To have the office collect unpaid medical bills, ask the court for an order.")))
    return made(o, headline, why, todo + [lawyer])
