"""California: Family Code 3751, 4061, 4063 and 17422 (SB 580, 2010)."""

from . import apportion_expenses, coverage_assignment, medical_insurance_form  # noqa: F401
from . import out_of_network, reimbursement_deadlines  # noqa: F401
