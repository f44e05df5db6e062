"""`/sns-check TEXT`: a private screening. The result is shown only to the person who asked and nothing
is written anywhere (no draft, no audit event, no log line with the text).

The organisation's engine (``runtime.engine``: its policy, official domains, working hours) screens the
text. Run in an account's drafts channel, the check also knows that account's platform (character
limits) and its recent posts (repetition); elsewhere it checks the text alone.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import Block, MarkdownTextObject, SectionBlock

from bot.blocks import SECTION_TEXT_MAX, escape, to_dicts, truncate
from bot.blocks.draft_modal import platform_name
from bot.blocks.screening import build_screening_blocks, build_screening_text
from bot.runtime import Runtime
from rules import Draft as ScreeningInput
from rules import DraftError, Report
from storage.repositories import accounts as accounts_repo
from storage.repositories import drafts as drafts_repo

log = logging.getLogger(__name__)

RECENT_POSTS = 20

# --- Japanese texts, kept together for review -------------------------------------------------------

USAGE = (
    ":mag: *使い方：* `/sns-check 確認したい文章` と入力すると、投稿前の文章をガイドラインに照らしてチェックし、"
    "結果をあなたにだけ表示します。チェックした文章はどこにも保存されません。\n"
    "承認を依頼する下書きは、`/sns-draft` か、アカウントの下書きチャンネルへの投稿でお送りください。"
)
USAGE_FALLBACK = "使い方: /sns-check 確認したい文章"
CONTEXT_ACCOUNT = (
    ":lock: あなただけに表示しています（保存はしません）。{chars:,} 文字、{account}（{platform}）の投稿として確認"
)
CONTEXT_PLAIN = (
    ":lock: あなただけに表示しています（保存はしません）。{chars:,} 文字。"
    "媒体ごとの文字数は確認していません（下書きチャンネルで実行すると、そのアカウントの媒体で確認します）"
)
CHECK_GUIDANCE = (
    ":pencil2: 「要修正」の指摘がある文章は、このままでは承認に進めません。"
    "修正案に沿って直してから、`/sns-draft` などで下書きとしてお送りください。"
)
CANNOT_SCREEN = ":warning: この文章はチェックできませんでした。{reason}"
CANNOT_SCREEN_FALLBACK = "この文章はチェックできませんでした。"


@dataclass(frozen=True, slots=True)
class _Target:
    """What the text is checked as: an account's platform and memory, or nothing in particular."""

    account_id: str | None = None
    platform: str | None = None
    recent_posts: tuple[str, ...] = ()


def command_text(raw: str | None) -> str:
    """The text as typed: Slack sends a slash command's ``&``, ``<`` and ``>`` as entities (and only those,
    so ``html.unescape`` would wrongly turn a typed ``&copy;`` into ©). ``&amp;`` last: ``&amp;lt;`` is ``&lt;``."""
    return (raw or "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _target(runtime: Runtime, channel_id: str | None) -> _Target:
    if not channel_id:
        return _Target()
    # Reads only; the unit of work commits nothing because nothing was added.
    with runtime.db.Session.begin() as session:
        accounts = accounts_repo.for_channel(session=session, channel=channel_id)
        if len(accounts) != 1:
            return _Target()
        account = accounts[0]
        recent = drafts_repo.recent_published_texts(session=session, account_id=account.id, limit=RECENT_POSTS)
        return _Target(account_id=account.id, platform=account.platform, recent_posts=recent)


def _message(blocks: list[Block], text: str) -> dict[str, Any]:
    return {"response_type": "ephemeral", "text": text, "blocks": to_dicts(blocks)}


def build_check_blocks(report: Report, *, text: str, context: str) -> list[Block]:
    """The screening blocks (the drafts' own renderer), with the next step that fits a private check."""
    # The drafts' guidance says to edit the draft message; here there is no message to edit.
    return build_screening_blocks(
        verdict=report.verdict, findings=report.findings, text=text, context=context, guidance=CHECK_GUIDANCE
    )


def check_command(runtime: Runtime, *, text: str, user_id: str, channel_id: str | None = None) -> dict[str, Any]:
    """The ephemeral reply to `/sns-check`: the usage for an empty text, else the screening result."""
    text = command_text(text)
    if not text.strip():
        return _message([SectionBlock(text=MarkdownTextObject(text=USAGE))], USAGE_FALLBACK)
    target = _target(runtime, channel_id)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    try:
        report = runtime.engine.screen(
            ScreeningInput(text=text, platform=target.platform, at=None, recent_posts=target.recent_posts)
        )
    except DraftError as exc:
        log.info("sns-check by %s: not screened (%d chars, hash=%s)", user_id, len(text), digest)
        reason = truncate(escape(str(exc)), SECTION_TEXT_MAX - 100)
        return _message(
            [SectionBlock(text=MarkdownTextObject(text=CANNOT_SCREEN.format(reason=reason)))], CANNOT_SCREEN_FALLBACK
        )
    log.info(
        "sns-check by %s: %d chars hash=%s verdict=%s rules=%s",
        user_id,
        len(text),
        digest,
        report.verdict,
        ",".join(sorted({f.rule for f in report.findings})),
    )
    if target.account_id is not None and target.platform is not None:
        context = CONTEXT_ACCOUNT.format(
            chars=len(text), account=escape(target.account_id), platform=platform_name(target.platform)
        )
    else:
        context = CONTEXT_PLAIN.format(chars=len(text))
    blocks = build_check_blocks(report, text=text, context=context)
    return _message(blocks, build_screening_text(verdict=report.verdict, findings=report.findings))
