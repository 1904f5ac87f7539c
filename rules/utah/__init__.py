"""Utah: Utah Code 81-6-208, Utah Admin. Code R527-201, ORS policy CS 407P."""

from . import premium_credit  # noqa: F401
