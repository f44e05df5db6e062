"""Block Kit builders: pure ``build_*`` functions from plain data to slack_sdk model objects.

The models (``slack_sdk.models.blocks``) check Slack's limits when they are serialised, so a builder
that would produce an invalid message fails in its unit test, not in front of a user. Call
``to_dicts(blocks)`` to get what the Web API takes.

Shared helpers live here: mrkdwn escaping and length-safe truncation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from slack_sdk.models.blocks import Block

# What Slack allows (https://docs.slack.dev/reference/block-kit/blocks): kept here so every builder
# budgets against the same numbers.
MESSAGE_BLOCKS_MAX = 50
SECTION_TEXT_MAX = 3000
HEADER_TEXT_MAX = 150
CONTEXT_TEXT_MAX = 3000
BUTTON_TEXT_MAX = 75
OPTION_TEXT_MAX = 75
BLOCK_ID_MAX = 255
# The fallback `text` of a message (notifications, screen readers): Slack truncates past 4,000.
FALLBACK_TEXT_MAX = 3000


def escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn gives meaning to (<@U…>, <!channel>, &amp;).

    User-written text (drafts, reasons) goes through this so it can never mention, link or break a
    message.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def truncate(text: str, limit: int, *, ellipsis: str = "…") -> str:
    """``text`` cut to at most ``limit`` characters, marking the cut."""
    if len(text) <= limit:
        return text
    return text[: max(0, limit - len(ellipsis))] + ellipsis


def escaped(text: str, limit: int) -> str:
    """Escaped, then truncated without splitting an entity such as ``&amp;``."""
    out = escape(text)
    if len(out) <= limit:
        return out
    cut = out[: limit - 1]
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut + "…"


def to_dicts(blocks: Iterable[Block]) -> list[dict[str, Any]]:
    """The blocks as the Web API takes them (and validated by slack_sdk's models on the way)."""
    return [block.to_dict() for block in blocks]


def block_id_with(prefix: str, value: str) -> str:
    """A block_id that carries a value (e.g. the content hash) after ``prefix|``."""
    block_id = f"{prefix}|{value}"
    if len(block_id) > BLOCK_ID_MAX:
        raise ValueError("block_id too long")
    return block_id


def value_from_block_id(block_id: str | None, prefix: str) -> str | None:
    """The value ``block_id_with(prefix, value)`` put into ``block_id``, or None."""
    if not block_id:
        return None
    head, sep, value = block_id.partition("|")
    return value if sep and head == prefix and value else None


def find_block_id(block_ids: Sequence[str], prefix: str) -> str | None:
    return next((b for b in block_ids if value_from_block_id(b, prefix) is not None), None)
