"""Pure, deterministic rules: pydantic facts in, outcome codes, figures and citations out.

Importing this package registers every rule in :data:`RULES`.
"""

from .base import Outcome, Refusal, Refused, Step
from .registry import RULES, Rule, evaluate

from . import utah, california, federal, arkansas, common  # noqa: E402,F401  (registers the rules)

__all__ = ["RULES", "Rule", "Outcome", "Refusal", "Refused", "Step", "evaluate"]
