"""Arkansas: the Office of Child Support Enforcement and medical insurance orders."""
