"""What a parent takes away, as words: the one-screen brief, the deadlines, and the letters to send (issue 14).

    brief(engine, lang) -> Brief          # the summary screen, the QR code's text, the first page on paper
    brief_text(brief) -> str              # the same as plain text, one line each
    upcoming(explanations) -> list[...]   # every dated step not passed, soonest first
    letters(engine, lang) -> list[Letter] # the Utah credit request's cover letter, California's 4063(b) statement

Headless: the faces render these (a screen, a PDF, a QR code, a calendar file); every word here
comes from the explainers or the catalogs. Built on the Explanation's fields (``headline``,
``next_steps``, ``depends``, ``dates``), never on particular sentences.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from medguide.bot.guide.explain import Explanation, explain_session
from medguide.bot.guide.explainers.base import Dated
from medguide.bot.words.i18n import Lang

if TYPE_CHECKING:
    from medguide.bot.guide.engine import Engine

WIDTH = 76
"""The widest line a person is asked to read, in terminal cells (CJK characters take two)."""

MAX_NEXT = 4
MAX_DEPENDS = 3


def cells(text: str) -> int:
    """How many terminal cells ``text`` takes (wide and full-width characters count two, combining marks none)."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def fit(text: str, width: int = WIDTH) -> str:
    """``text`` on one line of at most ``width`` cells: cut at a space where there is one, ending in "…"."""
    text = " ".join(text.split())
    if cells(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = cells(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    cut = "".join(out)
    space = cut.rfind(" ")
    if space > len(cut) * 2 // 3:
        cut = cut[:space]
    return cut.rstrip(" ,.;:—-") + "…"


@dataclass(frozen=True)
class Line:
    """One line of the brief: its full text, and which result (index into ``Brief.explanations``) it opens."""

    text: str
    result: int


@dataclass(frozen=True)
class Brief:
    title: str
    count: str
    """How many results there are."""
    choose: str
    """What choosing a line does (on screen only)."""
    results_title: str
    results: list[Line]
    next_title: str
    next: list[Line]
    depends_title: str
    depends: list[Line]
    disclaimer: str
    explanations: list[Explanation] = field(default_factory=list)


def upcoming(explanations: list[Explanation], *, include_passed: bool = False) -> list[tuple[Dated, int]]:
    """Every dated step (with its result's index), not passed first and soonest first; the same line once."""
    seen: set[tuple[date, str]] = set()
    found = []
    for index, x in enumerate(explanations):
        for d in x.dates:
            if d.passed and not include_passed:
                continue
            if (d.on, str(d.said)) in seen:
                continue
            seen.add((d.on, str(d.said)))
            found.append((d, index))
    found.sort(key=lambda pair: (pair[0].passed, pair[0].on))
    return found


def dated_line(d: Dated, lang: Lang) -> str:
    """The day first, then what to do: "January 2, 2027: Send the yearly proof ..."."""
    _ = lang._
    if d.passed:
        return _("{day} (already passed): {step}").format(day=lang.date(d.on), step=d.said)
    return _("{day}: {step}").format(day=lang.date(d.on), step=d.said)


def brief(engine: "Engine", lang: Lang | None = None, explanations: list[Explanation] | None = None) -> Brief:
    """The results on one screen: each headline, what to do next with its date, what the results depend on."""
    lang = lang or engine.lang
    _ = lang._
    found = explanations if explanations is not None else explain_session(engine, lang)
    n = len(found)
    if n:
        count = lang.n_("There is {count} result.", "There are {count} results.", n).format(count=lang.number(n))
    else:
        count = _("The guide has no result for these answers.")
    results = [Line(x.headline, i) for i, x in enumerate(found)]
    nexts = [Line(dated_line(d, lang), i) for d, i in upcoming(found, include_passed=True)][:MAX_NEXT]
    if not nexts:  # nothing dated: the first step of each result that has one
        nexts = [Line(x.next_steps[0], i) for i, x in enumerate(found) if x.next_steps][:2]
    depends: list[Line] = []
    seen: set[str] = set()
    for i, x in enumerate(found):
        for line in x.depends:
            if str(line) not in seen and len(depends) < MAX_DEPENDS:
                seen.add(str(line))
                depends.append(Line(line, i))
    return Brief(
        title=_("Your results"), count=count, choose=_("Choose a line to read why, the working and the law."),
        results_title=_("Results"), results=results,
        next_title=_("What to do next"), next=nexts,
        depends_title=_("The results depend on"), depends=depends,
        disclaimer=_("This is a guide, not legal advice."), explanations=found,
    )


def brief_text(b: Brief) -> str:
    """The brief as plain text, every line whole: what the phone code holds and the paper's first page says."""
    lines = [f"medguide: {b.title}", b.count]
    if b.results:
        lines += ["", b.results_title + ":"] + [f"{n}. {line.text}" for n, line in enumerate(b.results, start=1)]
    if b.next:
        lines += ["", b.next_title + ":"] + [f"- {line.text}" for line in b.next]
    if b.depends:
        lines += ["", b.depends_title + ":"] + [f"- {line.text}" for line in b.depends]
    lines += ["", b.disclaimer]
    return "\n".join(lines)


# ---------------------------------------------------------------- letters
@dataclass(frozen=True)
class Letter:
    """A letter to send, in one language: who it goes to, what it says, what goes with it, a table of costs."""

    kind: str
    """``ut.credit_request`` or ``ca.itemized_statement``: the same in every language."""
    title: str
    to: str
    dated: str
    subject: str
    paragraphs: list[str]
    enclosed_title: str = ""
    enclosed: list[str] = field(default_factory=list)
    table_head: list[str] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)
    total: str = ""
    due: str = ""
    sign: list[str] = field(default_factory=list)
    """Blank lines to fill by hand: name, case number, signature."""


def _outcome(engine: "Engine", rule: str, *codes: str) -> list[Any]:
    return [r for r in engine.results() if r.rule == rule and r.outcome is not None and r.outcome.outcome in codes]


def _sign(lang: Lang) -> list[str]:
    _ = lang._
    return [_("Name:"), _("Case number:"), _("Phone:"), _("Signature:")]


def credit_request_letter(engine: "Engine", lang: Lang) -> Letter | None:
    """Utah: the cover letter for the Insurance Premium Credit Request (CS 407P), listing what goes with it."""
    found = _outcome(engine, "ut.premium_credit", "credit", "credit_exceeds_support")
    if not found:
        return None
    _, m, num = lang._, lang.money, lang.number
    plans = [p for p in engine.group_items("my_plans") if p.get("my_premium") not in (None, "unknown")]
    enclosed = [_("The Insurance Premium Credit Request form, filled in and signed.")]
    for p in plans or [{}]:
        premium = p.get("my_premium")
        if isinstance(premium, Decimal):
            enclosed.append(_("Proof of the premium: {premium} a month (a pay stub or a statement from the plan).").format(
                premium=m(premium)))
        else:
            enclosed.append(_("Proof of what the plan costs each month (a pay stub or a statement from the plan)."))
        persons, children = p.get("my_persons_covered"), p.get("my_children_on_case")
        if isinstance(persons, int) and isinstance(children, int):
            enclosed.append(lang.n_("A list of everyone the plan covers: {count} person, {children} of them on this case.",
                                    "A list of everyone the plan covers: {count} people, {children} of them on this case.",
                                    persons).format(count=num(persons), children=num(children)))
        else:
            enclosed.append(_("A list of everyone the plan covers."))
    return Letter(
        kind="ut.credit_request", title=_("Cover letter: Insurance Premium Credit Request"),
        to=_("To: Utah Office of Recovery Services"), dated=_("Date: {day}").format(day=lang.date(engine.today)),
        subject=_("About: the insurance premium credit in my child support order"),
        paragraphs=[
            _("I ask for the insurance premium credit for the health insurance I provide for the children on my case."),
            _("The papers listed below are enclosed. Please start the credit the month after you receive them all."),
        ],
        enclosed_title=_("Enclosed:"), enclosed=enclosed, sign=_sign(lang),
    )


def itemized_statement(engine: "Engine", lang: Lang) -> Letter | None:
    """California Family Code 4063(b): the itemized statement of costs to the other parent, with its due date."""
    deadlines = {r.item: r for r in _outcome(engine, "ca.reimbursement_deadlines", "deadlines")}
    if not deadlines:
        return None
    _, m = lang._, lang.money
    shares = {r.item: r.outcome.figures for r in engine.results()  # any apportionment gives the other parent's share
              if r.rule == "ca.apportion_expenses" and r.outcome is not None}
    bills = engine.group_items("bills")
    rows, total, due_days, pay_days = [], Decimal("0.00"), [], []
    for number, bill in enumerate(bills, start=1):
        if number not in deadlines:
            continue
        amount = bill.get("bill_amount")
        share = (shares.get(number) or {}).get("parent_b_share")
        care, paid = bill.get("bill_care_date"), bill.get("bill_paid_on")
        rows.append([
            engine.item_title("bills", number, lang),
            lang.date(care) if isinstance(care, date) else "",
            m(amount) if isinstance(amount, Decimal) else "",
            lang.date(paid) if isinstance(paid, date) else "",
            m(share) if isinstance(share, Decimal) else "",
        ])
        if isinstance(share, Decimal):
            total += share
        figures = deadlines[number].outcome.figures
        if figures.get("statement_due"):
            due_days.append(figures["statement_due"])
        if figures.get("payment_due"):
            pay_days.append(figures["payment_due"])
    if not rows:
        return None
    paragraphs = [_("Here is the list of health care costs for our child that insurance did not pay, with proof that they were paid.")]
    if pay_days:
        paragraphs.append(_("Please pay your share by {day}.").format(day=lang.date(min(pay_days))))
    else:
        paragraphs.append(_("Please pay your share within 30 days of getting this statement."))
    paragraphs.append(_("If you disagree, you must still pay, and then you may ask the court (California Family Code 4063)."))
    return Letter(
        kind="ca.itemized_statement", title=_("Itemized statement of health care costs (California Family Code 4063(b))"),
        to=_("To: the other parent"), dated=_("Date: {day}").format(day=lang.date(engine.today)),
        subject=_("About: your share of our child's health care costs"),
        paragraphs=paragraphs,
        enclosed_title=_("Enclosed:"), enclosed=[_("Proof of each payment (receipts or statements).")],
        table_head=[_("Bill"), _("Date of care"), _("Amount"), _("Paid on"), _("Your share")],
        table=rows, total=_("Total of your share: {amount}").format(amount=m(total)),
        due=_("This statement is due by {day}.").format(day=lang.date(min(due_days))) if due_days else "",
        sign=_sign(lang),
    )


def letters(engine: "Engine", lang: Lang | None = None) -> list[Letter]:
    """Every letter these results call for, in ``lang`` (the session's language when not given)."""
    lang = lang or engine.lang
    return [x for x in (credit_request_letter(engine, lang), itemized_statement(engine, lang)) if x is not None]


# ---------------------------------------------------------------- the words on a screen
RULE_TERMS: dict[str, tuple[str, ...]] = {
    "ut.premium_credit": ("insurance_credit", "premium", "insurance_premium_credit_request"),
    "ut.credit_start": ("insurance_credit", "retroactive", "initial_contact_letter"),
    "ut.credit_end": ("insurance_credit", "yearly_verification", "lapse"),
    "ut.primary_plan": ("primary_plan", "secondary_plan", "birthday_rule", "step_parent_plan"),
    "ut.order_regime": ("child_support_order", "operation_of_law"),
    "ut.uninsured_expenses": ("uninsured_expenses",),
    "reasonable_cost": ("reasonable_cost", "premium"),
    "ca.apportion_expenses": ("uninsured_expenses",),
    "ca.out_of_network": ("preferred_provider",),
    "ca.reimbursement_deadlines": ("itemized_statement", "payment_schedule", "assignment_of_rights"),
    "ca.coverage_assignment": ("coverage_assignment", "good_cause"),
    "ca.medical_insurance_form": ("medical_insurance_form", "lapse"),
    "qmcso.completeness": ("qmcso",),
    "ar.ocse_medical_support": ("ocse", "medical_support"),
}
"""The hard words each rule's result is about (the glossary explains them on the results screens)."""


def glossary_words(text: str, lang: Lang, when: date, rules: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(word, meaning) of every glossary term that ``text`` uses or the ``rules`` on screen are about, in ``lang``,
    in the glossary's order."""
    from medguide.bot.guide.explain import glossary_entry
    from medguide.flows.model import glossary

    haystack = text.casefold()
    wanted = {term for rule in rules for term in RULE_TERMS.get(rule, ())}
    found = []
    for term_id in glossary():
        word, meaning = glossary_entry(term_id, lang, when)
        if term_id in wanted or word.casefold() in haystack:
            found.append((word, meaning))
    return found
