"""Federal: 45 CFR 303.31 and qualified medical child support orders (QMCSO)."""

from . import qmcso_completeness, reasonable_cost  # noqa: F401
