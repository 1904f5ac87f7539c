"""qmcso.completeness: does a medical child support order have what a qualified order needs?

The QMCSO explainer (seed 000): "A valid QMCSO must include specific
  information, such as the names and addresses of the parent and child, a
  description of the coverage, and the applicable time period. It cannot
  require a plan to provide benefits that are not otherwise available under
  the policy."
29 U.S.C. 1169(a)(3) (ERISA 609(a)(3)): the order clearly specifies the name and
  last known mailing address of the participant and of each alternate
  recipient, a reasonable description of the type of coverage, and the period
  to which the order applies. 29 U.S.C. 1169(a)(4): the order may not require a
  plan to provide any type or form of benefit, or any option, not otherwise
  provided under the plan.

A missing element makes the order ``incomplete``; so does asking for a benefit
the plan lacks, listed apart as ``disqualifying``.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from ..base import FactsModel, Outcome, Step, step_args, step_json
from ..registry import rule

RULE_ID = "qmcso.completeness"
# Paragraph 2 of the QMCSO explainer (shared/seeds 000), cited by number: it has no sections.
EXPLAINER = "QMCSO explainer, para. 2"
REFERENCE = (EXPLAINER, "29 U.S.C. 1169(a)(3)", "29 U.S.C. 1169(a)(4)")

REQUIRED = {
    "names_parent_and_address": "29 U.S.C. 1169(a)(3)(A)",
    "names_child_and_address": "29 U.S.C. 1169(a)(3)(A)",
    "describes_coverage": "29 U.S.C. 1169(a)(3)(B)",
    "states_period": "29 U.S.C. 1169(a)(3)(C)",
}


# The working, one typed step kind per line shape. --------------------------------------------------------------

class ElementStep(NamedTuple):
    """One element of the order checked: each of REQUIRED (``value`` ``true`` or ``false``) and
    ``requires_benefit_plan_lacks``, with the subsection that asks for it."""

    code: Literal["names_parent_and_address", "names_child_and_address", "describes_coverage", "states_period",
                  "requires_benefit_plan_lacks"]
    expression: str
    value: Literal["true", "false"]
    citation: str
    as_json = step_json
    args = step_args


class QmcsoFacts(FactsModel):
    names_parent_and_address: bool
    names_child_and_address: bool
    describes_coverage: bool
    states_period: bool
    requires_benefit_plan_lacks: bool = False


Code = Literal["complete", "incomplete"]
"""The outcome codes of qmcso.completeness, a public contract: kept, added to, never renamed."""


@rule(RULE_ID, QmcsoFacts, REFERENCE, outcomes=Code)
def qmcso_completeness(facts: QmcsoFacts, explain: bool = True) -> Outcome:
    steps: list[Step] = []
    if explain:
        steps = [ElementStep(name, name, str(getattr(facts, name)).lower(), cite)  # type: ignore[arg-type]
                 for name, cite in REQUIRED.items()]
        steps.append(ElementStep("requires_benefit_plan_lacks", "requires_benefit_plan_lacks",
                                 str(facts.requires_benefit_plan_lacks).lower(), "29 U.S.C. 1169(a)(4)"))
    missing = [name for name in REQUIRED if not getattr(facts, name)]
    disqualifying = ["requires_benefit_plan_lacks"] if facts.requires_benefit_plan_lacks else []
    citations = (EXPLAINER, *dict.fromkeys(REQUIRED[name] for name in missing))
    if disqualifying:
        citations += ("29 U.S.C. 1169(a)(4)",)
    if not missing and not disqualifying:
        citations = REFERENCE
    outcome = "incomplete" if missing or disqualifying else "complete"
    return Outcome(RULE_ID, outcome, {"missing": missing, "disqualifying": disqualifying}, citations, tuple(steps))
