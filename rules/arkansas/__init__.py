"""Arkansas: the Office of Child Support Enforcement and medical insurance orders."""

from . import ocse_medical_support  # noqa: F401
