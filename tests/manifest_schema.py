"""Validate a Slack app manifest against Slack's JSON Schema, offline.

The schema lives in `../shared/schemas/slack-manifest/` (slackapi/manifest-schema). Its top-level file
picks a versioned schema by `_metadata.major_version` and refers to it by a raw.githubusercontent.com
URL; those URLs are served from the local copies and any other reference is refused, so validation
never touches the network.

    errors = validate_manifest(yaml.safe_load(Path("manifest.yml").read_text()))
    assert errors == []
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator, ValidationError
from jsonschema.exceptions import best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

SHARED_DIR = Path(__file__).resolve().parents[1].parent / "shared"
SCHEMA_DIR = SHARED_DIR / "schemas" / "slack-manifest"
MANIFEST_SCHEMA = SCHEMA_DIR / "manifest.schema.json"

_REMOTE_BASE = "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/"
_VERSIONED = ("manifest.schema.1.0.0.json", "manifest.schema.2.0.0.json")
LOCAL_COPIES = {_REMOTE_BASE + name: SCHEMA_DIR / "schemas" / name for name in _VERSIONED}


def manifest_schema_available() -> bool:
    return MANIFEST_SCHEMA.is_file() and all(path.is_file() for path in LOCAL_COPIES.values())


class RefusedReference(LookupError):
    """A `$ref` to anything but the local copies: refused rather than fetched."""


@functools.cache
def _retrieve(uri: str) -> Resource:
    path = LOCAL_COPIES.get(uri)
    if path is None:
        raise RefusedReference(f"refusing to fetch {uri}: only the local manifest schemas are available")
    return Resource.from_contents(json.loads(path.read_text(encoding="utf-8")), default_specification=DRAFT7)


@functools.lru_cache(maxsize=1)
def _validator() -> Draft7Validator:
    if not manifest_schema_available():
        raise FileNotFoundError(f"Slack's manifest schema is not at {SCHEMA_DIR}")
    schema = json.loads(MANIFEST_SCHEMA.read_text(encoding="utf-8"))
    return Draft7Validator(schema, registry=Registry(retrieve=_retrieve))


def validate_manifest(data: dict[str, Any]) -> list[str]:
    """Every way `data` breaks the schema, as "/json/pointer: message", sorted; [] if it is valid.

    Raises FileNotFoundError when the schema is absent (check `manifest_schema_available()` first).
    """
    messages: set[str] = set()
    for error in _validator().iter_errors(data):
        for leaf in _explain(error):
            pointer = "".join(f"/{part}" for part in leaf.absolute_path) or "/"
            messages.add(f"{pointer}: {leaf.message}")
    return sorted(messages)


def _explain(error: ValidationError) -> list[ValidationError]:
    """The errors that say what is wrong, rather than "not valid under any of the given schemas".

    The top-level schema is `oneOf` four branches, each `allOf: [version selector, versioned schema]`.
    Only the branches whose selector matched the manifest's version are relevant; their errors from
    the versioned schema are the real ones.
    """
    if error.validator != "oneOf" or not error.context or list(error.schema_path) != ["oneOf"]:
        return [best_match(error.context)] if error.context else [error]
    by_branch: dict[int, list[ValidationError]] = {}
    for sub in error.context:
        by_branch.setdefault(sub.relative_schema_path[0], []).append(sub)
    chosen: list[ValidationError] = []
    for branch_errors in by_branch.values():
        selector_failed = any(list(e.relative_schema_path)[1:3] == ["allOf", 0] for e in branch_errors)
        if not selector_failed:
            chosen.extend(best_match(e.context) if e.context else e for e in branch_errors)
    return chosen or [error]
