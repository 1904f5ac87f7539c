"""Repeated groups: several bills in one interview, each answer kept per item, back and edit across items."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path


from medguide.bot.devtools.story import StoryFile, answered_in_order, play
from medguide.bot.guide.engine import Engine
from medguide.flows.model import load

FLOW = load(Path(__file__).parent / "flows" / "bills.yaml")
TODAY = date(2026, 12, 1)


def engine() -> Engine:
    return Engine("en", FLOW, today=lambda: TODAY)


def answer(e: Engine, *texts: str) -> None:
    for text in texts:
        reply = e.answer(text)
        assert reply.ok, (e.state, text, reply)


def test_each_bill_is_kept_as_its_own_item():
    e = engine()
    answer(e, "yes", "100", "me", "yes", "yes", "40.50", "other_parent", "no", "3000")
    assert e.finished
    assert e.trail == ["has_bill", "bill_amount#1", "bill_paid_by#1", "bill_receipt#1", "bill_more#1",
                       "bill_amount#2", "bill_paid_by#2", "bill_more#2", "income"]
    assert e.group_items("bills") == [
        {"bill_amount": Decimal("100.00"), "bill_paid_by": "me", "bill_receipt": True, "bill_more": True},
        {"bill_amount": Decimal("40.50"), "bill_paid_by": "other_parent", "bill_more": False},
    ]
    assert e.path_answers()["bill_amount"] == Decimal("40.50")  # the last item, once the group is done


def test_the_way_forward_reads_the_item_being_asked_about():
    e = engine()
    answer(e, "yes", "100", "me", "yes", "yes", "40.50")
    assert e.state == "bill_paid_by" and e.item_of("bills") == 2
    answer(e, "other_parent")  # the first bill's "me" does not send the second to the receipt question
    assert e.state == "bill_more"


def test_back_and_edit_across_items_keep_every_answer():
    e = engine()
    answer(e, "yes", "100", "me", "yes", "yes", "40.50", "other_parent", "no")
    e.back(4)
    assert e.state == "bill_more" and e.item_of("bills") == 1
    assert e.prefill() == "Yes"
    answer(e, "yes")
    assert e.state == "bill_amount" and e.prefill() == "40.50"
    answer(e, "40.50", "other_parent", "no", "3000")
    e.edit("bill_amount#1")
    assert e.state == "bill_amount" and e.item_of("bills") == 1
    answer(e, "120")
    assert e.finished  # the later answers, the second bill's among them, still fit
    assert [i["bill_amount"] for i in e.group_items("bills")] == [Decimal("120.00"), Decimal("40.50")]
    review = e.review()
    assert [(r.question, r.item) for r in review][1:3] == [("bill_amount#1", 1), ("bill_paid_by#1", 1)]
    assert e.item_title("bills", 2) == "Bill 2"


def test_saying_no_more_drops_later_items_from_the_path_but_keeps_them():
    e = engine()
    answer(e, "yes", "100", "me", "yes", "yes", "40.50", "other_parent", "no", "3000")
    e.edit("bill_more#1")
    answer(e, "no")
    assert e.finished and len(e.group_items("bills")) == 1
    assert e.answers["bill_amount#2"] == Decimal("40.50")  # off the path, not lost
    e.edit("bill_more#1")
    answer(e, "yes")
    assert e.finished and len(e.group_items("bills")) == 2  # it comes back


def test_save_and_restore_keep_the_items():
    e = engine()
    answer(e, "yes", "100", "me", "yes", "yes", "40.50")
    data = json.loads(json.dumps(e.save()))
    assert data["version"] == 2 and data["items"] == {"bills": 2}
    r = Engine.restore(data, FLOW, today=lambda: TODAY)
    assert r.state == "bill_paid_by" and r.item_of("bills") == 2 and r.answers == e.answers
    answer(r, "me", "no", "no", "3000")
    assert r.finished and len(r.group_items("bills")) == 2


def test_a_session_from_before_groups_reads_its_answers_as_the_first_item():
    old = {"format": "medguide.session", "version": 1, "language": "en", "state": "bill_more",
           "trail": ["has_bill", "bill_amount", "bill_paid_by"],
           "answers": {"has_bill": {"value": "yes", "typed": "yes"}, "bill_amount": {"value": "100.00", "typed": "100"},
                       "bill_paid_by": {"value": "other_parent", "typed": "2"}},
           "draft": "", "resuming": False}
    r = Engine.restore(old, FLOW, today=lambda: TODAY)
    assert r.trail == ["has_bill", "bill_amount#1", "bill_paid_by#1"]
    assert r.answers["bill_amount#1"] == Decimal("100.00")


def test_progress_counts_the_group_once_and_never_goes_backwards():
    e = engine()
    seen = []
    for text in ["yes", "100", "me", "yes", "yes", "40.50", "other_parent", "no", "3000"]:
        seen.append(e.progress())
        answer(e, text)
    steps = [n for n, _ in seen]
    assert steps == sorted(steps) and steps[0] == 1


def test_a_story_answers_a_group_as_a_list():
    story = StoryFile.model_validate({
        "story": "Two bills", "today": "2026-12-01",
        "answers": {"has_bill": "yes", "income": "3000",
                    "bills": [{"bill_amount": "100", "bill_paid_by": "me", "bill_receipt": "yes"},
                              {"bill_amount": "40.50", "bill_paid_by": "other_parent"}]}})
    assert answered_in_order(story, FLOW) == [
        ("has_bill", "yes"), ("bill_amount", "100"), ("bill_paid_by", "me"), ("bill_receipt", "yes"),
        ("bill_more", "yes"), ("bill_amount", "40.50"), ("bill_paid_by", "other_parent"), ("bill_more", "no"),
        ("income", "3000")]
    assert play(story, flow=FLOW).passed


def test_a_story_missing_an_item_answer_names_the_item():
    story = StoryFile.model_validate({
        "story": "A bill without its payer", "today": "2026-12-01",
        "answers": {"has_bill": "yes", "income": "3000", "bills": [{"bill_amount": "100"}]}})
    run = play(story, flow=FLOW)
    assert run.failures == ["The guide asked bill_paid_by (\"Who paid it?\") for Bill 1, and the story has no answer "
                            "for it."]


def test_a_group_answered_without_a_list_is_its_one_item():
    story = StoryFile.model_validate({"story": "One bill", "today": "2026-12-01",
                                      "answers": {"has_bill": "yes", "bill_amount": "5", "bill_paid_by": "other_parent",
                                                  "income": "1000"}})
    assert answered_in_order(story, FLOW)[1:4] == [("bill_amount", "5"), ("bill_paid_by", "other_parent"),
                                                   ("bill_more", "no")]


def test_a_group_answered_both_ways_is_refused():
    story = StoryFile.model_validate({"story": "x", "today": "2026-12-01",
                                      "answers": {"has_bill": "yes", "bill_amount": "5", "income": "1",
                                                  "bills": [{"bill_amount": "6", "bill_paid_by": "me"}]}})
    run = play(story, flow=FLOW)
    assert any("also lists the group 'bills'" in f for f in run.failures)
