"""Whole interviews shared by the engine and app tests, taken from the stories so each is written once."""

from pathlib import Path

from medguide.bot.devtools.story import answered_in_order, load_story

STORIES = Path(__file__).parent / "stories"
WORKED_EXAMPLE = STORIES / "utah" / "payer_own_plan_worked_example.yaml"
"""CS 407P Definitions, Example 1: a Utah payer's own plan, 198.00 for 3 people with 1 child; 350.00 -> 317.00."""

UTAH_PAYER = answered_in_order(load_story(WORKED_EXAMPLE))
"""The worked example's answers in the order the guide asks for them: (question id, what was typed)."""

IN_FORCE = answered_in_order(load_story(STORIES / "utah" / "credit_in_force_worked_example.yaml"))
"""The worked example once the office has the form: the credit in force, the yearly proof dated."""


def typed_lines(steps=UTAH_PAYER, words: dict[str, str] | None = None) -> str:
    """An interview as the lines a person types into the plain chat; ``words`` swaps yes/no for a language's."""
    words = words or {}
    return "".join(f"{words.get(text, text)}\n" for _, text in steps)
