"""The manifest validator works offline against Slack's schema and reports useful errors."""

from __future__ import annotations

import copy

import pytest
from jsonschema import Draft7Validator
from referencing import Registry
from referencing.exceptions import Unresolvable, Unretrievable

from tests.manifest_schema import (
    LOCAL_COPIES,
    SCHEMA_DIR,
    RefusedReference,
    _retrieve,
    manifest_schema_available,
    validate_manifest,
)

pytestmark = pytest.mark.skipif(
    not manifest_schema_available(), reason=f"Slack's manifest schema is not available at {SCHEMA_DIR}"
)

SMALL_VALID = {
    "_metadata": {"major_version": 1, "minor_version": 1},
    "display_information": {"name": "sns-gate", "description": "SNS投稿の事前チェックと承認"},
    "features": {
        "bot_user": {"display_name": "sns-gate", "always_online": True},
        "slash_commands": [
            {"command": "/sns-check", "description": "投稿文をチェックします", "usage_hint": "TEXT"},
        ],
    },
    "oauth_config": {"scopes": {"bot": ["chat:write", "commands", "files:read"]}},
    "settings": {
        "event_subscriptions": {"bot_events": ["message.channels", "app_home_opened"]},
        "interactivity": {"is_enabled": True},
        "socket_mode_enabled": True,
        "org_deploy_enabled": False,
        "token_rotation_enabled": False,
    },
}


def test_a_small_valid_manifest_has_no_errors():
    assert validate_manifest(SMALL_VALID) == []


def test_a_version_2_manifest_is_checked_against_the_version_2_schema():
    manifest = copy.deepcopy(SMALL_VALID) | {"_metadata": {"major_version": 2}}

    assert validate_manifest(manifest) == []


def test_errors_name_the_offending_key_of_the_selected_version():
    manifest = copy.deepcopy(SMALL_VALID)
    manifest["display_information"]["name"] = "x" * 36
    manifest["unexpected"] = True

    errors = validate_manifest(manifest)

    assert errors == [
        "/: Additional properties are not allowed ('unexpected' was unexpected)",
        f"/display_information/name: '{'x' * 36}' is too long",
    ]


def test_a_manifest_without_display_information_is_invalid():
    errors = validate_manifest({"features": {"bot_user": {"display_name": "sns-gate"}}})

    assert errors == ["/: 'display_information' is a required property"]


def test_references_outside_the_local_copies_are_refused_not_fetched():
    schema = {"$ref": "https://example.com/elsewhere.json"}
    validator = Draft7Validator(schema, registry=Registry(retrieve=_retrieve))

    with pytest.raises(Unresolvable) as raised:
        validator.is_valid({})

    chain = []
    error: BaseException | None = raised.value
    while error is not None and len(chain) < 10:
        chain.append(error)
        error = error.__cause__ or error.__context__
    assert any(isinstance(e, Unretrievable) for e in chain)
    assert isinstance(chain[-1], RefusedReference)
    assert set(LOCAL_COPIES) == {
        "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.1.0.0.json",
        "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.2.0.0.json",
    }
