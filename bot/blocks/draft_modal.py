"""The `/sns-draft` modal and the message that carries a modal draft into the drafts channel.

Pure builders from plain data to slack_sdk model objects (``View``, ``Block``); the flow that uses them
is ``bot.draft_modal``. The modal's inputs are identified by their ``BlockId`` (CONTRACTS-free ids from
handlers/ids.py); each input block holds a single element, read back by block id alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DatePickerElement,
    ImageBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    RadioButtonsElement,
    RichTextBlock,
    RichTextElementParts,
    RichTextQuoteElement,
    SectionBlock,
    StaticSelectElement,
    TimePickerElement,
)
from slack_sdk.models.blocks.block_elements import FileInputElement
from slack_sdk.models.views import View

from bot.blocks import OPTION_TEXT_MAX, SECTION_TEXT_MAX, escape, escaped, truncate
from bot.photos import CONSENT_LABELS, PhotoConsent
from handlers.ids import BlockId, CallbackId
from rules.detectors.length import PLATFORM_NAMES
from rules.model import PLATFORMS

# Slack's limits for what the modal holds.
TEXT_MAX = 3000  # plain_text_input's max_length ceiling
SELECT_OPTIONS_MAX = 100
FILES_MAX = 10  # file_input's max_files ceiling
# What the image block shows inline (Slack renders only these from a slack_file).
INLINE_IMAGE_TYPES = frozenset({"png", "jpg", "jpeg", "gif"})
IMAGE_BLOCKS_MAX = 10

# --- Japanese texts, kept together for review -------------------------------------------------------

TITLE = "SNS 投稿の下書き"
SUBMIT = "チェックして送信"
CLOSE = "キャンセル"
CLOSE_ONLY = "閉じる"
INTRO = (
    "下書きを入力して送信すると、ガイドラインに照らしたチェックを行い、"
    "アカウントの下書きチャンネルに投稿して承認を依頼します。"
)
LABEL_ACCOUNT = "投稿するアカウント"
PLACEHOLDER_ACCOUNT = "アカウントを選択"
LABEL_PLATFORM = "投稿先の媒体"
PLACEHOLDER_PLATFORM = "アカウントの媒体"
HINT_PLATFORM = "空欄のときは、アカウントの媒体として扱います。"
LABEL_TEXT = "本文"
PLACEHOLDER_TEXT = "投稿する文章を入力してください"
HINT_TEXT = (
    "3,000 文字まで入力できます。これより長い文章は、アカウントの下書きチャンネルに直接投稿してください"
    "（100,000 文字までチェックします）。"
)
LABEL_DATE = "投稿予定日"
PLACEHOLDER_DATE = "日付を選択"
HINT_DATE = "空欄のときは、承認後すぐに投稿する扱いになります。"
LABEL_TIME = "投稿予定時刻"
PLACEHOLDER_TIME = "時刻を選択"
HINT_TIME = "日本時間です。日付だけを選んだ場合は、時刻も選んでください。"
LABEL_PHOTOS = "写真（任意）"
HINT_PHOTOS = "撮影場所の位置情報（GPS）が含まれていないかを確認します。写真は確認のためだけに読み込み、保存しません。"
LABEL_PEOPLE = "写真に個人が特定できる人物が写っていますか"
HINT_PEOPLE = "写真を添付する場合は必ず選んでください（上越市ガイドライン 5(3)）。"
ACCOUNT_OPTION = "{id}（{platform}・{handle}）"

NO_ACCOUNT_TEXT = (
    "あなたは、sns-gate に登録されているどのアカウントでも投稿担当者になっていないため、"
    "ここから下書きを作成できません。\n"
    "担当者の登録については、アカウントの運用管理責任者か、広報担当にご相談ください。"
)
RECEIVED_TITLE = "受け付けました"
RECEIVED_TEXT = (
    "下書きを受け付けました。:inbox_tray:\n"
    "<#{channel}> に下書きを投稿し、そのスレッドにチェック結果をお知らせします"
    "（写真があるときは、確認に少し時間がかかることがあります）。"
)

EDIT_TITLE = "本文を修正"
EDIT_SUBMIT = "チェックして更新"
EDIT_INTRO = (
    "下書き #{draft_id}（アカウント {account}）の本文を修正します。更新すると、もう一度チェックして"
    "承認をあらためて依頼します（承認済みの場合、その承認は取り消されます）。"
)

POST_HEADER = ":memo: {author} さんの下書き（/sns-draft から投稿）"
POST_META = "アカウント: *{account}*（{platform}）　投稿予定: {planned}"
POST_IMMEDIATE = "承認後すぐ"
POST_PHOTOS = ":frame_with_picture: 写真 {count} 枚: {names}"
POST_CONSENT = "人物の写り込み（作成者の申告）: {label}"
POST_FALLBACK = "{author} さんの下書き（{account}）: {text}"


@dataclass(frozen=True, slots=True)
class AccountChoice:
    """An account the user may post for, as the select shows it."""

    id: str
    platform: str
    handle: str


def platform_name(platform: str) -> str:
    return PLATFORM_NAMES.get(platform, platform)


def _plain(text: str) -> PlainTextObject:
    return PlainTextObject(text=text, emoji=True)


def _option(value: str, text: str) -> Option:
    return Option(value=value, text=_plain(truncate(text, OPTION_TEXT_MAX)))


def account_option(account: AccountChoice) -> Option:
    return _option(
        account.id,
        ACCOUNT_OPTION.format(id=account.id, platform=platform_name(account.platform), handle=account.handle),
    )


def platform_option(platform: str) -> Option:
    return _option(platform, platform_name(platform))


def consent_option(consent: PhotoConsent) -> Option:
    return _option(consent.value, CONSENT_LABELS[consent])


def _form(callback_id: str, title: str, submit: str, blocks: Sequence[Block], private_metadata: str) -> View:
    """A modal that is submitted (the draft form, the edit form)."""
    return View(
        type="modal",
        callback_id=callback_id,
        title=_plain(title),
        submit=_plain(submit),
        close=_plain(CLOSE),
        blocks=list(blocks),
        private_metadata=private_metadata,
    )


def _text_block(initial_text: str | None) -> InputBlock:
    """The draft's text input (the new-draft modal and the edit modal alike)."""
    element = PlainTextInputElement(
        multiline=True,
        max_length=TEXT_MAX,
        placeholder=_plain(PLACEHOLDER_TEXT),
        initial_value=truncate(initial_text, TEXT_MAX, ellipsis="") if initial_text else None,
        focus_on_load=True,
    )
    return InputBlock(block_id=BlockId.TEXT, label=_plain(LABEL_TEXT), element=element, hint=_plain(HINT_TEXT))


def build_draft_modal(
    *,
    accounts: Sequence[AccountChoice],
    selected_account_id: str | None = None,
    initial_text: str | None = None,
    timezone: str = "Asia/Tokyo",
    private_metadata: str = "",
) -> View:
    """The draft form. ``accounts`` are those the user is an operator of (at most 100 are offered)."""
    offered = list(accounts)[:SELECT_OPTIONS_MAX]
    selected = next((a for a in offered if a.id == selected_account_id), None)
    if selected is None and len(offered) == 1:
        selected = offered[0]

    account_select = StaticSelectElement(
        placeholder=_plain(PLACEHOLDER_ACCOUNT),
        options=[account_option(a) for a in offered],
        initial_option=account_option(selected) if selected else None,
    )
    platform_select = StaticSelectElement(
        placeholder=_plain(PLACEHOLDER_PLATFORM),
        options=[platform_option(p) for p in PLATFORMS],
        initial_option=platform_option(selected.platform) if selected else None,
    )
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=INTRO)),
        InputBlock(block_id=BlockId.ACCOUNT, label=_plain(LABEL_ACCOUNT), element=account_select),
        InputBlock(
            block_id=BlockId.PLATFORM,
            label=_plain(LABEL_PLATFORM),
            element=platform_select,
            hint=_plain(HINT_PLATFORM),
            optional=True,
        ),
        _text_block(initial_text),
        InputBlock(
            block_id=BlockId.PLANNED_DATE,
            label=_plain(LABEL_DATE),
            element=DatePickerElement(placeholder=_plain(PLACEHOLDER_DATE)),
            hint=_plain(HINT_DATE),
            optional=True,
        ),
        InputBlock(
            block_id=BlockId.PLANNED_TIME,
            label=_plain(LABEL_TIME),
            # The organisation's zone, whatever the author's own Slack time zone is.
            element=TimePickerElement(placeholder=_plain(PLACEHOLDER_TIME), timezone=timezone),
            hint=_plain(HINT_TIME),
            optional=True,
        ),
        InputBlock(
            block_id=BlockId.PHOTOS,
            label=_plain(LABEL_PHOTOS),
            element=FileInputElement(max_files=FILES_MAX),
            hint=_plain(HINT_PHOTOS),
            optional=True,
        ),
        InputBlock(
            block_id=BlockId.PEOPLE_IN_PHOTOS,
            label=_plain(LABEL_PEOPLE),
            element=RadioButtonsElement(options=[consent_option(c) for c in PhotoConsent]),
            hint=_plain(HINT_PEOPLE),
            optional=True,
        ),
    ]
    return _form(CallbackId.DRAFT_MODAL, TITLE, SUBMIT, blocks, private_metadata)


def build_edit_text_modal(*, draft_id: int, account_id: str, text: str, private_metadata: str) -> View:
    """The author's 「本文を修正」 on a /sns-draft draft: its text, ready to change."""
    intro = EDIT_INTRO.format(draft_id=draft_id, account=escape(account_id))
    blocks = [SectionBlock(text=MarkdownTextObject(text=intro)), _text_block(text)]
    return _form(CallbackId.EDIT_TEXT_MODAL, EDIT_TITLE, EDIT_SUBMIT, blocks, private_metadata)


def build_no_account_modal() -> View:
    """Shown instead of the form to someone who is no account's operator (nothing to submit)."""
    return View(
        type="modal",
        title=_plain(TITLE),
        close=_plain(CLOSE_ONLY),
        blocks=[SectionBlock(text=MarkdownTextObject(text=NO_ACCOUNT_TEXT))],
    )


def build_received_modal(*, channel: str) -> View:
    """The modal after a valid submission (``response_action: update``): where the result will appear."""
    return View(
        type="modal",
        title=_plain(RECEIVED_TITLE),
        close=_plain(CLOSE_ONLY),
        blocks=[SectionBlock(text=MarkdownTextObject(text=RECEIVED_TEXT.format(channel=channel)))],
    )


# --- The draft as posted in the drafts channel ------------------------------------------------------


def _file_type(file: Mapping[str, Any]) -> str:
    filetype = str(file.get("filetype") or "").lower()
    if filetype:
        return filetype
    name = str(file.get("name") or "")
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _planned_text(planned_at: dt.datetime | None, tz: dt.tzinfo) -> str:
    if planned_at is None:
        return POST_IMMEDIATE
    local = planned_at.astimezone(tz)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


def build_draft_post_blocks(
    *,
    author: str,
    account_id: str,
    platform: str,
    text: str,
    planned_at: dt.datetime | None,
    tz: dt.tzinfo,
    files: Sequence[Mapping[str, Any]] = (),
    consent: PhotoConsent | None = None,
    with_images: bool = True,
) -> list[Block]:
    """The bot's message that stands for the author's draft: who, for which account, the text exactly as
    written (rich text: no mrkdwn, no mentions), when, and the photos (shown inline when Slack can)."""
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=POST_HEADER.format(author=f"<@{author}>"))),
        RichTextBlock(elements=[RichTextQuoteElement(elements=[RichTextElementParts.Text(text=text)])]),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=POST_META.format(
                        account=escape(account_id),
                        platform=platform_name(platform),
                        planned=_planned_text(planned_at, tz),
                    )
                )
            ]
        ),
    ]
    if files:
        names = "、".join(escape(str(f.get("name") or f.get("id") or "")) for f in files)
        lines = [POST_PHOTOS.format(count=len(files), names=names)]
        if consent is not None:
            lines.append(POST_CONSENT.format(label=CONSENT_LABELS[consent]))
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=truncate("\n".join(lines), SECTION_TEXT_MAX))]))
        if with_images:
            inline = [f for f in files if _file_type(f) in INLINE_IMAGE_TYPES and f.get("id")][:IMAGE_BLOCKS_MAX]
            for f in inline:
                name = str(f.get("name") or f["id"])
                blocks.append(
                    ImageBlock(
                        slack_file={"id": str(f["id"])},
                        alt_text=truncate(name, 2000),
                        title=_plain(truncate(name, 2000)),
                    )
                )
    return blocks


def build_draft_post_text(*, author: str, account_id: str, text: str) -> str:
    """The fallback text (notifications): the draft, cut short; mentions in it neutralised."""
    return POST_FALLBACK.format(author=f"<@{author}>", account=escape(account_id), text=escaped(text, 300))


def build_returned_text_blocks(*, notice: str, text: str) -> list[Block]:
    """A notice (mrkdwn, already escaped) followed by the author's own text, exactly as typed: sent back
    by direct message when a draft could not go through, so nothing typed is lost."""
    return [
        SectionBlock(text=MarkdownTextObject(text=truncate(notice, SECTION_TEXT_MAX))),
        RichTextBlock(elements=[RichTextQuoteElement(elements=[RichTextElementParts.Text(text=text)])]),
    ]
