"""Rules for this category are declared here (see rules/registry.py)."""
