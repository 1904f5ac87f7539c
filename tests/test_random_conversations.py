"""Random conversations with hypothesis: no crash, back always works, every path ends in results.

CI runs 500 (MEDGUIDE_RANDOM_CONVERSATIONS overrides; benchmarks/engine.py runs 10,000).
"""

import os
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medguide.bot.guide.engine import split_key
from tests.fuzz import walk

EXAMPLES = int(os.environ.get("MEDGUIDE_RANDOM_CONVERSATIONS", "500"))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_random_conversation_never_crashes_and_ends_in_results(seed):
    walk(random.Random(seed))


def test_every_question_is_reached_by_some_random_conversation():
    from medguide.flows.model import load

    seen: set[str] = set()
    for seed in range(800):
        engine = walk(random.Random(seed), max_actions=5)
        seen.update(split_key(key)[0] for key in engine.trail)
    missing = {q.id for q in load().questions} - seen
    assert not missing, f"never reached: {sorted(missing)}"
