"""Domain errors. Each carries a polite Japanese message for the user (``message_ja``) and a stable
``code`` the Slack layer and tests can branch on; the texts themselves live in bot/messages.py.

One ``@app.error`` handler (Slack) or ``main`` (command line) turns them into a reply; nothing
else needs to catch them.
"""

from __future__ import annotations


class UserFacingError(Exception):
    """Something the user can understand and act on; ``message_ja`` says what and how."""

    code = "error"

    def __init__(self, message_ja: str, *, code: str | None = None):
        super().__init__(message_ja)
        self.message_ja = message_ja
        if code is not None:
            self.code = code


class NotFoundError(UserFacingError):
    """An unknown account, draft or incident."""

    code = "not_found"


class PermissionDeniedError(UserFacingError):
    """The user may not do this (not an operator, not an approver, approving their own draft...)."""

    code = "permission_denied"


class InvalidInputError(UserFacingError):
    """The input itself is wrong (an empty draft, a reason missing, a URL that is not one)."""

    code = "invalid_input"


class InvalidStateError(UserFacingError):
    """The draft is not in a state that allows this (a `block` verdict, warnings not accepted, already closed)."""

    code = "invalid_state"


class ConflictError(UserFacingError):
    """Someone else acted first, or the draft changed since the user looked at it."""

    code = "conflict"


class AccountUnavailableError(UserFacingError):
    """The account cannot approve or publish now (plan lapsed, open incident)."""

    code = "account_unavailable"


class ConfigError(UserFacingError):
    """The configuration (or an accounts file) is invalid; ``problems`` lists every error, each naming key and line."""

    code = "config"

    def __init__(self, problems: list[str], *, header: str):
        self.problems = list(problems)
        super().__init__("\n".join([header, *(f"- {p}" for p in self.problems)]))
