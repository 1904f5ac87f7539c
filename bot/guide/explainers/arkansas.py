"""Plain words for the Arkansas rule (OCSE, General Questions about OCSE)."""

from __future__ import annotations

from medguide.rules import Outcome

from medguide.bot.words.i18n import Lang
from medguide.bot.guide.explainers.base import Explanation, explainer, made, pick


@explainer("ar.ocse_medical_support",
           ("no_petition_needed", "request_needed", "ocse_petitions", "ocse_may_modify_order", "ocse_may_enforce_order"),
           lambda _: _("We could not work out what the child support office can do."))
def ocse_medical_support(o: Outcome, lang: Lang) -> Explanation:
    _, f = lang._, o.figures
    contact = _("Call or write to the Arkansas child support office.")
    lawyer = _("A lawyer can help you understand the steps.")
    acts = (_("The office does this on its own, because the family gets public assistance.") if f["automatic"]
            else _("The office acts because the need was asked for on the application."))
    headline, why = pick({
        "no_petition_needed": lambda: (
            _("The children have good insurance, so no request is needed."),
            [_("The office asks for this only when the children do not have good insurance.")]),
        "request_needed": lambda: (
            _("When you apply for child support, ask for medical support too."),
            [_("The office acts when the need for insurance is on the application.")]),
        "ocse_petitions": lambda: (
            _("The child support office will ask the court for medical support."),
            [acts, _("The court may then order the paying parent to insure the children.")]),
        "ocse_may_modify_order": lambda: (
            _("The child support office may ask the court to add health insurance to your order."),
            [acts, _("Your order has no part on health insurance.")]),
        "ocse_may_enforce_order": lambda: (
            _("The child support office can enforce the health insurance part of your order."),
            [acts]),
    }, o.outcome)()
    why.append(_("The court ordered the office to collect unpaid medical bills, so it can.")
               if f["uninsured_claims_enforced"]
               else _("The office does not collect unpaid medical bills unless the court orders it."))
    todo = [contact]
    if o.outcome == "request_needed":
        todo.insert(0, _("On the form you use to apply, ask for health insurance for the children."))
    return made(o, headline, why, todo + [lawyer])
