"""The explainers: one function per rule id, found in :data:`REGISTRY`, and :func:`explain` for any result.

``grep ut.premium_credit bot/guide/explainers`` finds the words for that rule. A
result is an outcome (its rule's explainer), a refusal (the facts did not fit:
a plain reason for the common codes) or a missing answer ("I don't know", and
what that fact would change, from the interview's ``unknown_effect``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable, Iterable

from medguide.rules import Outcome, Refusal

from medguide.bot.words.i18n import Lang
from medguide.bot.guide.law_words import with_law_numbers
from medguide.bot.guide.explainers.base import (NO_CONTEXT, REGISTRY, Context, Explainer, Explanation, Said,
                                                Unexplained, say)
from medguide.bot.guide.explainers import arkansas, california, federal, remedies, utah  # noqa: F401  (registers the explainers)

if TYPE_CHECKING:
    from medguide.bot.guide.engine import Result

__all__ = ["Context", "REGISTRY", "Explainer", "Explanation", "Said", "Unexplained", "explain", "explain_all",
           "explain_outcome"]


def explain_outcome(outcome: Outcome, lang: Lang, ctx: Context = NO_CONTEXT) -> Explanation:
    """The rule's own words; a plain fallback only for a rule or code that has none yet."""
    found = REGISTRY.get(outcome.rule)
    if found is not None:
        try:
            return found.func(outcome, lang, ctx)
        except Unexplained:
            pass
    _ = lang._
    return Explanation(outcome.rule, say("guide.no_words_yet", _("We have an answer, but no plain words for it yet.")), [],
                       [say("guide.ask_office_to_explain", _("Ask the child support office to explain it."))],
                       list(outcome.citations))


def _unworkable(rule: str, lang: Lang) -> Said:
    found = REGISTRY.get(rule)
    return say(f"{rule}.unworkable", found.unworkable(lang._) if found else lang._("We could not work this out."))


def _reason(code: str, lang: Lang) -> str:
    """A refusal code as a plain reason; the common ones have their own words."""
    _ = lang._
    reasons: dict[str, Callable[[], str]] = {
        "missing": lambda: _("An answer it needs is missing."),
        "date_in_future": lambda: _("A date you gave is after today."),
        "date_before_credit_start": lambda: _("The date the insurance stopped is before the credit started."),
        "date_before_application_date": lambda: _("A date you gave is before the date of the application."),
        "date_before_initial_contact_letter_date": lambda: _("The form came back before the first letter was sent."),
        "date_before_arrears_notice_date": lambda: _("The form came back before the notice was sent."),
        "date_before_order_date": lambda: _("The change to the order is dated before the order."),
        "date_before_paid_on": lambda: _("The proof was sent before the bill was paid."),
        "notified_before_costs_accrued": lambda: _("The other parent was told before the bill was paid."),
        "children_on_case_exceeds_persons_covered": lambda: _("More children are on the case than people on the plan."),
        "negative_adjusted_income": lambda: _("After support is taken off, an income is less than zero."),
        "no_income_to_apportion": lambda: _("Both incomes are zero, so the bill cannot be split by income."),
        "family_below_self_only": lambda: _("The family price is lower than the price for one person."),
        "in_network_above_charged": lambda: _("The cost with the plan's doctor is more than the bill."),
        "must_be_positive": lambda: _("The amount is zero."),
        "not_a_birthday": lambda: _("A birthday is not a real date."),
        "not_a_date": lambda: _("A date is not one we can read."),
        "negative": lambda: _("An amount is less than zero."),
    }
    if code in reasons:
        return say(f"refused.{code}", reasons[code]())
    return say("refused.answers_do_not_fit", _("Some of the answers do not fit together."))


def _refused(result: "Result", refusal: Refusal, lang: Lang) -> Explanation:
    _ = lang._
    return Explanation(result.rule, _unworkable(result.rule, lang), [
        _reason(refusal.code, lang),
        say("refused.we_do_not_guess", _("We do not guess, so we stopped here.")),
    ], [
        say("refused.check_dates_amounts", _("Go back and check the dates and amounts you gave.")),
        say("refused.ask_office", _("If they are right, ask the child support office.")),
    ], [])


def _effect(qid: str, text: str, lang: Lang, ctx: Context) -> str:
    """What an unknown answer changes, in ``lang``, with the law's numbers of the day filled in."""
    return with_law_numbers(lang.p_(f"unknown:{qid}", text), lang, ctx.today or date.today())


def _missing(result: "Result", qid: str, lang: Lang, question_text: Callable[[str], str] | None,
             ctx: Context = NO_CONTEXT) -> Explanation:
    from medguide.flows.model import load

    _ = lang._
    q = load().by_id.get(qid)
    if q is None:
        why = [say("missing.answer_missing", _("An answer it needs is missing."))]
    else:
        text = say(f"missing.question.{qid}", question_text(qid) if question_text else lang.p_(f"q:{qid}", q.ask))
        if q.unknown:
            why = [say("missing.you_said_i_dont_know", _("You answered \"I don't know\" to this question:")), text]
            if q.unknown_effect:
                why.append(say(f"missing.effect.{qid}", _effect(qid, q.unknown_effect, lang, ctx)))
        else:
            why = [say("missing.needs_your_answer", _("It needs your answer to this question:")), text]
    return Explanation(result.rule, _unworkable(result.rule, lang), why, [
        say("missing.find_and_give_it", _("If you find the answer, go back and give it.")),
        say("missing.papers_may_have_it", _("Your order or the plan's papers may have it.")),
    ], [], depends=[line for line in why if line.key.startswith("missing.question.")])


def _assumptions(questions: tuple[str, ...], lang: Lang, question_text: Callable[[str], str] | None,
                 ctx: Context = NO_CONTEXT) -> list[Said]:
    """Sentences for the "I don't know" answers a result read with a stated default, and what they would change."""
    from medguide.flows.model import load

    flow = load().by_id
    lines: list[Said] = []
    for qid in questions:
        q = flow[qid]
        lines.append(say("assumed.you_said_i_dont_know", lang._("You answered \"I don't know\" to this question:")))
        lines.append(say(f"assumed.question.{qid}", question_text(qid) if question_text else lang.p_(f"q:{qid}", q.ask)))
        if q.unknown_effect:
            lines.append(say(f"assumed.effect.{qid}", _effect(qid, q.unknown_effect, lang, ctx)))
    return lines


def _answer_words(qid: str, value: Any, lang: Lang) -> str:
    """An answer as the person's language writes it ("Yes", "The other parent's plan pays first")."""
    from medguide.bot.guide.answers import display
    from medguide.flows.model import load

    return display(load().by_id[qid], value, lang)


def _depends(result: "Result", lang: Lang, question_text: Callable[[str], str] | None, ctx: Context) -> Explanation:
    """A result that an "I don't know" decides: what each answer would give, never the default as a fact."""
    from medguide.flows.model import load

    _ = lang._
    why: list[Said] = []
    asked = []
    for alt in result.alternatives:
        if alt.question not in asked:
            asked.append(alt.question)
    for qid in asked:
        q = load().by_id[qid]
        why.append(say("depends.on_question", _("It depends on your answer to this question:")))
        why.append(say(f"depends.question.{qid}", question_text(qid) if question_text else lang.p_(f"q:{qid}", q.ask)))
        if q.unknown_effect:
            why.append(say(f"depends.effect.{qid}", _effect(qid, q.unknown_effect, lang, ctx)))
        told = _told_apart([a for a in result.alternatives if a.question == qid and a.result.missing is None],
                           lang, question_text, ctx)
        for alt in (a for a in result.alternatives if a.question == qid):
            answer = _answer_words(qid, alt.value, lang)
            if alt.result.missing is not None and alt.result.missing in load().by_id:
                needed = alt.result.missing
                text = question_text(needed) if question_text else lang.p_(f"q:{needed}", load().by_id[needed].ask)
                why.append(say(f"depends.if_needs.{qid}", _(
                    "If the answer is \u201c{answer}\u201d, the guide needs one more answer: {question}").format(
                    answer=answer, question=text)))
                continue
            why.append(say(f"depends.if.{qid}", _("If the answer is \u201c{answer}\u201d: {result}").format(
                answer=answer, result=told[id(alt)])))
    steps, dates = _shared_steps(list(result.alternatives), lang, question_text, ctx)
    return Explanation(result.rule, say(f"{result.rule}.depends", _unworkable_depends(result.rule, lang)), why, [
        say("depends.find_the_answer", _("Find the answer in your order or the plan's papers, then go back and give it.")),
        *steps], [], depends=[line for line in why if line.key.startswith("depends.question.")], dates=dates)


def _explained(alternatives: list, lang: Lang, question_text: Callable[[str], str] | None,
               ctx: Context) -> dict[int, Explanation]:
    return {id(alt): explain(alt.result, lang, question_text, ctx) for alt in alternatives}


def _shared_steps(alternatives: list, lang: Lang, question_text: Callable[[str], str] | None,
                  ctx: Context) -> tuple[list[Said], list]:
    """The next steps (and dated ones) every answer gives: true whatever the answer turns out to be."""
    said = list(_explained([a for a in alternatives if a.result.outcome is not None], lang, question_text, ctx).values())
    if not said or len(said) < len(alternatives):
        return [], []
    steps = [line for line in said[0].next_steps if all(str(line) in map(str, x.next_steps) for x in said[1:])]
    dates = [d for d in said[0].dates if all(d in x.dates for x in said[1:])]
    return steps, dates


def _told_apart(alternatives: list, lang: Lang, question_text: Callable[[str], str] | None, ctx: Context) -> dict[int, str]:
    """Each alternative's headline; where every headline is the same, with the first line that tells them apart.

    "The credit is in place again." under each count of people says nothing; the amount owed again does.
    """
    said = _explained(alternatives, lang, question_text, ctx)
    if len({str(x.headline) for x in said.values()}) != 1 or len(said) < 2:
        return {key: str(x.headline) for key, x in said.items()}
    lines = {key: [str(line) for line in (*x.why, *x.next_steps)] for key, x in said.items()}
    shared = set.intersection(*(set(found) for found in lines.values()))
    gap = "" if lang.code.startswith("zh") else " "
    told = {}
    for key, x in said.items():
        apart = [line for line in lines[key] if line not in shared]
        told[key] = f"{x.headline}{gap}{apart[0]}" if apart else str(x.headline)
    return told


def _unworkable_depends(rule: str, lang: Lang) -> str:
    return lang._("This result depends on an answer you do not know yet.")


def _item_headline(x: Explanation, result: "Result", lang: Lang, ctx: Context) -> Explanation:
    """A result for one item of a group (a bill) says which item first: "Bill 2: ..."."""
    if result.item is None or not result.group:
        return x
    from medguide.flows.model import load

    title = lang.p_(f"group:{result.group}", load().groups[result.group].title).format(n=lang.number(result.item))
    return replace(x, headline=say(x.headline.key, lang._("{item}: {headline}").format(item=title, headline=x.headline)))


def _of_item(result: "Result", ctx: Context) -> Context:
    """For one item of a group (bill 2), the answers as that item gave them: who paid bill 2, not the last bill."""
    groups = getattr(ctx.answers, "groups", None)
    if result.item is None or not result.group or not groups or result.item > len(groups.get(result.group, ())):
        return ctx
    return replace(ctx, answers={**ctx.answers, **groups[result.group][result.item - 1]})


def explain(result: "Result", lang: Lang, question_text: Callable[[str], str] | None = None,
            ctx: Context = NO_CONTEXT) -> Explanation:
    """Plain words for one engine result: the figure first, then why, then what to do, then the law.

    ``question_text(qid)`` gives a question's words in ``lang`` (the engine's ``ask``); without it the
    interview's own text is translated here. ``ctx`` is the rest of the situation (today, the answers,
    the other results), so a result can say what it depends on.
    """
    ctx = _of_item(result, ctx)
    if result.alternatives:
        return _item_headline(_depends(result, lang, question_text, ctx), result, lang, ctx)
    if result.outcome is not None:
        found = explain_outcome(result.outcome, lang, ctx)
        if result.assumed:
            assumed = _assumptions(result.assumed, lang, question_text, ctx)
            found = replace(found, why=found.why + assumed,
                            depends=found.depends + [line for line in assumed if line.key.startswith("assumed.question.")])
        return _item_headline(found, result, lang, ctx)
    if result.refusal is not None:
        return _item_headline(_refused(result, result.refusal, lang), result, lang, ctx)
    if result.missing is not None:
        return _item_headline(_missing(result, result.missing, lang, question_text, ctx), result, lang, ctx)
    raise ValueError(f"result for {result.rule} has no outcome, refusal or missing fact")


def explain_all(results: Iterable["Result"], lang: Lang,
                question_text: Callable[[str], str] | None = None, ctx: Context | None = None) -> list[Explanation]:
    found = list(results)
    ctx = ctx if ctx is not None else Context(results=tuple(found))
    said = [explain(r, lang, question_text, ctx) for r in found]
    return _with_totals(found, said, lang)


def _with_totals(results: list, said: list[Explanation], lang: Lang) -> list[Explanation]:
    """Several bills: the last bill's result also gives the total per parent, from the bills' own figures.

    Only bills with an outcome count; a bill whose result waits for an answer is left out and said so.
    """
    _, m = lang._, lang.money
    for rule in ("ca.apportion_expenses", "ut.uninsured_expenses"):
        at = [n for n, r in enumerate(results) if r.rule == rule and r.item is not None]
        if len(at) < 2:
            continue
        known = [results[n].outcome for n in at if results[n].outcome is not None and not results[n].alternatives]
        if rule == "ca.apportion_expenses":
            mine = sum((o.figures["parent_a_share"] for o in known), Decimal("0.00"))
            theirs = sum((o.figures["parent_b_share"] for o in known), Decimal("0.00"))
            lines = [say(f"{rule}.total_shares", _("Across the {count} bills, your share is {mine} and the other parent's is {theirs}.")).format(
                count=lang.number(len(known)), mine=m(mine), theirs=m(theirs))]
        else:
            i_owe = sum((o.figures["other_parent_owes"] for o in known if o.figures["owed_by"] == "parent_a"), Decimal("0.00"))
            owed = sum((o.figures["other_parent_owes"] for o in known if o.figures["owed_by"] != "parent_a"), Decimal("0.00"))
            lines = [say(f"{rule}.total_owed", _("Across the {count} bills, you owe {mine} and the other parent owes you {theirs}.")).format(
                count=lang.number(len(known)), mine=m(i_owe), theirs=m(owed))]
            if any(o.outcome == "recovery_at_risk" for o in known):
                lines.append(say(f"{rule}.total_at_risk", _("For a bill whose proof was late, a court may deny the share.")))
        if len(known) < len(at):
            lines.append(say(f"{rule}.total_leaves_out", _("Bills whose result depends on an answer are not in this total.")))
        if known:
            last = at[-1]
            said[last] = replace(said[last], why=said[last].why + lines)
    return said
