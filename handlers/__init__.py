"""Thin Slack listeners: one listener per file, a ``register(app)`` per folder.

``register_all(app)`` imports every module under commands/, events/, actions/, views/ and
shortcuts/ and calls its ``register(app)``, so adding a listener is adding a file.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

from slack_bolt import App

KINDS = ("commands", "events", "actions", "views", "shortcuts")


def listener_modules() -> list[ModuleType]:
    modules = []
    for kind in KINDS:
        package = importlib.import_module(f"{__name__}.{kind}")
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
            if not info.name.startswith("_"):
                modules.append(importlib.import_module(f"{package.__name__}.{info.name}"))
    return modules


def register_all(app: App) -> None:
    for module in listener_modules():
        module.register(app)
