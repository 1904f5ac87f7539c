"""Rules that read several jurisdictions' sources side by side."""

from . import noncompliance  # noqa: F401
