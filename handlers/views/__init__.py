"""Slack views listeners: one per module, each with register(app); see handlers/__init__.py."""
