"""ca.coverage_assignment: a health insurance coverage assignment to the employer.

The QMCSO explainer (seed 000), on California enforcement:
  "courts may issue a health insurance coverage assignment. This is a direct
   order to the parent's employer (or other insurance provider) requiring them
   to enroll the child in the available plan. These orders are typically issued
   unless there is good cause not to do so ... The application for such an
   assignment is usually made on an expedited (ex parte) basis".
  "the other parent has the right to access information about the child's
   insurance, receive insurance cards, submit claims, and obtain reimbursement
   directly from the insurer."

The seed names no section numbers, so the citations name the explainer. The
assignment needs an order for coverage and a parent with coverage through an
employer; otherwise ``not_applicable``. Good cause shown does not decide the
matter here, the court does: ``good_cause_may_prevent``. The other parent's
rights hold whenever coverage is ordered.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from ..base import FactsModel, Outcome, Step, facts_args, step_json
from ..registry import rule

RULE_ID = "ca.coverage_assignment"
# Paragraphs of the QMCSO explainer (shared/seeds 000), cited by number: it has no sections.
ASSIGNMENT = "QMCSO explainer, para. 4-5"
RIGHTS = "QMCSO explainer, para. 3"
REFERENCE = (ASSIGNMENT, RIGHTS)

OTHER_PARENT_RIGHTS = ["information", "insurance_cards", "submit_claims", "direct_reimbursement"]


class CoverageAssignmentFacts(FactsModel):
    coverage_ordered: bool
    parent_has_employer_coverage: bool
    good_cause_shown: bool = False


# The working, one typed step kind per line shape. --------------------------------------------------------------

class FactTest(NamedTuple):
    """A fact the assignment turns on: ``coverage_ordered``, ``employer_coverage``, ``good_cause``
    (``value`` ``true`` or ``false``); ``args`` gives every fact by name."""

    code: Literal["coverage_ordered", "employer_coverage", "good_cause"]
    expression: str
    value: Literal["true", "false"]
    facts: CoverageAssignmentFacts
    as_json = step_json
    args = facts_args


Code = Literal["assignment_available", "good_cause_may_prevent", "not_applicable"]
"""The outcome codes of ca.coverage_assignment, a public contract: kept, added to, never renamed."""


@rule(RULE_ID, CoverageAssignmentFacts, REFERENCE, outcomes=Code)
def coverage_assignment(facts: CoverageAssignmentFacts, explain: bool = True) -> Outcome:
    steps: list[Step] = [FactTest("coverage_ordered", "coverage_ordered", str(facts.coverage_ordered).lower(), facts)] \
        if explain else []
    if not facts.coverage_ordered:
        outcome = "not_applicable"
    else:
        if explain:
            steps.append(FactTest("employer_coverage", "parent_has_employer_coverage",
                                  str(facts.parent_has_employer_coverage).lower(), facts))
        if not facts.parent_has_employer_coverage:
            outcome = "not_applicable"
        else:
            if explain:
                steps.append(FactTest("good_cause", "good_cause_shown", str(facts.good_cause_shown).lower(), facts))
            outcome = "good_cause_may_prevent" if facts.good_cause_shown else "assignment_available"
    available = outcome != "not_applicable"
    figures = {
        "process": "ex_parte" if available else None,
        "rights": list(OTHER_PARENT_RIGHTS) if facts.coverage_ordered else [],
    }
    citations = ((ASSIGNMENT,) if available else ()) + ((RIGHTS,) if facts.coverage_ordered else ())
    return Outcome(RULE_ID, outcome, figures, citations or (ASSIGNMENT,), tuple(steps))
