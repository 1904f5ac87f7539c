"""Every result the interview can give is told in whole stories, in more than one language (issue 10)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from medguide.bot.devtools.story import load_story, story_files
from medguide.flows.model import load

STORIES = Path(__file__).parent / "stories"
LANGUAGES_PER_RULE = 2


def _languages_per_rule() -> dict[str, set[str]]:
    """Each rule, with the languages of the stories that check what it gives (an outcome, a figure or a line)."""
    found: dict[str, set[str]] = defaultdict(set)
    rules = {step.rule for step in load().results}
    for path in story_files([STORIES]):
        story = load_story(path)
        checked = {rule for rule, want in story.expect.items() if want != "absent"}
        checked |= {rule for rule in rules for key in story.tells if key.startswith(rule + ".")}
        for rule in checked:
            found[rule].add(story.locale)
    return found


def test_every_result_rule_is_told_in_stories_in_two_languages():
    found = _languages_per_rule()
    thin = {rule: sorted(found.get(rule, ())) for rule in sorted({s.rule for s in load().results})
            if len(found.get(rule, ())) < LANGUAGES_PER_RULE}
    assert thin == {}, f"rules told in fewer than {LANGUAGES_PER_RULE} languages of stories: {thin}"


def test_the_count_sees_a_story():
    """The check reads the stories it counts: the Utah credit is told in all five languages."""
    assert _languages_per_rule()["ut.premium_credit"] == {"en", "es", "zh_Hans", "vi", "tl"}
