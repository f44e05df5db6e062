"""Thin Slack listeners: one listener per file, a ``register(app)`` per folder.

``register_all(app)`` imports every module under commands/, events/, actions/, views/ and
shortcuts/ and calls its ``register(app)``, so adding a listener is adding a file. Each module
registers on the app as usual; every listener it registers is wrapped by ``bot.slack_errors.guarded``
on the way, so an error raised after the ack still gets Slack its 200 and the user our message.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from types import ModuleType
from typing import Any

from slack_bolt import App

from bot.slack_errors import guarded

KINDS = ("commands", "events", "actions", "views", "shortcuts")
# The App methods that register a listener: ``app.<kind>(constraints)(listener)``.
_LISTENER_REGISTRARS = frozenset(
    {"action", "block_action", "command", "event", "message", "options", "shortcut", "view"}
)


class _GuardedApp:
    """The app as listener modules see it: registering a listener registers it ``guarded``."""

    def __init__(self, app: App) -> None:
        self._app = app

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._app, name)
        if name not in _LISTENER_REGISTRARS:
            return attribute

        def registrar(*args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Any]:
            register = attribute(*args, **kwargs)
            return lambda listener: register(guarded(listener))

        return registrar


def listener_modules() -> list[ModuleType]:
    modules = []
    for kind in KINDS:
        package = importlib.import_module(f"{__name__}.{kind}")
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
            if not info.name.startswith("_"):
                modules.append(importlib.import_module(f"{package.__name__}.{info.name}"))
    return modules


def register_all(app: App) -> None:
    guarded_app = _GuardedApp(app)
    for module in listener_modules():
        module.register(guarded_app)  # type: ignore[arg-type]
