"""Whole interviews shared by the engine and app tests."""

# Utah payer with their own plan (CS 407P Definitions, example 1): support 350.00, credit 33.00 -> 317.00
UTAH_PAYER = [
    ("order_state", "UT"), ("order_date", "2024-01-15"), ("order_changed", "no"),
    ("has_medical_provision", "yes"), ("order_names_primary", "3"), ("credit_cap", "no"),
    ("living_arrangement", "1"), ("my_role", "1"), ("base_support", "350"), ("my_side_plan", "1"),
    ("my_premium", "198"), ("my_persons_covered", "3"), ("my_children_on_case", "1"),
    ("my_health_benefits", "yes"), ("other_side_plan", "no"), ("credit_asked", "no"),
    ("gross_income", "4000"), ("has_bill", "no"), ("qmcso_check", "no"),
]
