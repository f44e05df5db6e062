"""The screening result as Block Kit: the verdict, then each finding with its excerpt highlighted,
its message, fix and citation. Used by the draft's thread reply (and by ``/sns-check``).

Long lists are summarised: the first ``DETAILED_FINDINGS_MAX`` findings (the most severe first) are
shown in full, the rest counted by category, so a message stays far below Slack's 50 blocks and
every text below 3,000 characters whatever the draft.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.blocks import HEADER_TEXT_MAX, SECTION_TEXT_MAX, escape, escaped, truncate
from rules import Category, Finding, Severity, Verdict

DETAILED_FINDINGS_MAX = 10
EXCERPT_CONTEXT = 12  # characters of the draft shown on each side of a finding
EXCERPT_MAX = 80
MESSAGE_MAX = 900
FIX_MAX = 700
CITATION_MAX = 300

# --- Texts ----------------------------------------------------------------------------------------------

VERDICT_ICONS = {Verdict.PASS: ":white_check_mark:", Verdict.WARN: ":warning:", Verdict.BLOCK: ":no_entry_sign:"}
SEVERITY_ICONS = {Severity.BLOCK: ":no_entry_sign:", Severity.WARN: ":warning:", Severity.INFO: ":information_source:"}
HEADER = "{icon} チェック結果：{label}"
NO_FINDINGS = "ガイドラインに照らして、気になる点は見つかりませんでした。"
FINDINGS_COUNT = "指摘 {total} 件（要修正 {block} 件、要確認 {warn} 件、参考 {info} 件）"
FINDING_TITLE = "{icon} *{severity}｜{category}*　`{rule}`"
FINDING_EXCERPT = "> 「{excerpt}」"
FINDING_FIX = "*修正案：* {fix}"
FINDING_CITATION = "根拠：{citation}"
MORE_FINDINGS = "ほかに {count} 件の指摘があります（{categories}）。内容を修正すると、あらためてチェックします。"
MORE_FINDINGS_CATEGORY = "{label} {count} 件"
BLOCK_GUIDANCE = (
    ":pencil2: *このままでは承認に進めません。* 「要修正」の指摘を修正案に沿って直し、"
    "この下書きのメッセージを編集してください。編集すると自動でもう一度チェックします。"
)
# A draft sent with /sns-draft is the bot's message: its author edits it with the reply's button.
BLOCK_GUIDANCE_MODAL = (
    ":pencil2: *このままでは承認に進めません。* 「要修正」の指摘を修正案に沿って直し、"
    "下の「本文を修正」ボタンから修正してください。修正すると自動でもう一度チェックします。"
)
FALLBACK = "下書きのチェック結果：{label}（指摘 {total} 件）"


def _order(findings: Sequence[Finding]) -> list[Finding]:
    # The approver reads what stops the draft first, then in the order of the text.
    return sorted(findings, key=lambda f: (-f.severity.rank, f.start, f.end, f.rule))


def highlighted_excerpt(finding: Finding, text: str | None) -> str:
    """「…前後【該当】前後…」: the flagged words in brackets, with a little of the text around them.

    Falls back to the finding's own excerpt when the offsets do not fit the text.
    """
    if text is not None and 0 <= finding.start < finding.end <= len(text):
        hit = text[finding.start : finding.end]
        before = text[max(0, finding.start - EXCERPT_CONTEXT) : finding.start]
        after = text[finding.end : finding.end + EXCERPT_CONTEXT]
        lead = "…" if finding.start > EXCERPT_CONTEXT else ""
        tail = "…" if finding.end + EXCERPT_CONTEXT < len(text) else ""
    else:
        hit, before, after, lead, tail = finding.excerpt, "", "", "", ""

    def flat(s: str) -> str:
        return " ".join(s.split()) if any(ch.isspace() for ch in s) else s

    return lead + escape(flat(before)) + "【" + escaped(flat(hit), EXCERPT_MAX) + "】" + escape(flat(after)) + tail


def finding_text(finding: Finding, text: str | None) -> str:
    """The mrkdwn of one finding; at most about 2,100 characters, well under a section's 3,000."""
    lines = [
        FINDING_TITLE.format(
            icon=SEVERITY_ICONS[finding.severity],
            severity=finding.severity.label,
            category=finding.category.label,
            rule=escaped(finding.rule, 40),
        ),
        FINDING_EXCERPT.format(excerpt=highlighted_excerpt(finding, text)),
        escaped(finding.message, MESSAGE_MAX),
    ]
    if finding.fix:
        lines.append(FINDING_FIX.format(fix=escaped(finding.fix, FIX_MAX)))
    if finding.citation:
        lines.append(FINDING_CITATION.format(citation=escaped(finding.citation, CITATION_MAX)))
    return truncate("\n".join(lines), SECTION_TEXT_MAX)


def summarise(findings: Sequence[Finding]) -> str:
    by_category = Counter(f.category for f in findings)
    categories = "、".join(
        MORE_FINDINGS_CATEGORY.format(label=Category(c).label, count=n) for c, n in by_category.most_common()
    )
    return truncate(MORE_FINDINGS.format(count=len(findings), categories=categories), SECTION_TEXT_MAX)


def build_screening_blocks(
    *,
    verdict: Verdict,
    findings: Sequence[Finding],
    text: str | None = None,
    context: str | None = None,
    detailed_max: int = DETAILED_FINDINGS_MAX,
    guidance: str = BLOCK_GUIDANCE,
) -> list[Block]:
    """Header with the verdict, an optional context line (mrkdwn, already escaped), each finding,
    a summary of the ones not shown, and for `block` what to do next (``guidance``, mrkdwn). At most
    ``detailed_max + 5`` blocks."""
    ordered = _order(findings)
    counts = Counter(f.severity for f in ordered)
    blocks: list[Block] = [
        HeaderBlock(
            text=PlainTextObject(
                text=truncate(HEADER.format(icon=VERDICT_ICONS[verdict], label=verdict.label), HEADER_TEXT_MAX),
                emoji=True,
            )
        )
    ]
    summary = (
        FINDINGS_COUNT.format(
            total=len(ordered),
            block=counts[Severity.BLOCK],
            warn=counts[Severity.WARN],
            info=counts[Severity.INFO],
        )
        if ordered
        else NO_FINDINGS
    )
    context_line = f"{context}　{summary}" if context else summary
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=truncate(context_line, SECTION_TEXT_MAX))]))
    shown, rest = ordered[:detailed_max], ordered[detailed_max:]
    blocks.extend(SectionBlock(text=MarkdownTextObject(text=finding_text(f, text))) for f in shown)
    if rest:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=summarise(rest))))
    if verdict == Verdict.BLOCK:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=guidance)))
    return blocks


def build_screening_text(*, verdict: Verdict, findings: Sequence[Finding]) -> str:
    """The plain fallback text of a screening message (notifications, screen readers)."""
    return FALLBACK.format(label=verdict.label, total=len(findings))
