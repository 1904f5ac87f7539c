"""Utah: Utah Code 81-6-208, Utah Admin. Code R527-201, ORS policy CS 407P."""

from . import credit_end, credit_start, order_regime, premium_credit, primary_plan, uninsured_expenses  # noqa: F401
