"""Every Slack identifier the bot uses, in one place (Dispatch-style enums).

The names in CONTRACTS.md §6 (commands and the draft buttons) are fixed; the rest are ours.
manifest.yml must declare every command here, and a test checks both directions.
"""

from __future__ import annotations

import enum


class Command(enum.StrEnum):
    DRAFT = "/sns-draft"
    CHECK = "/sns-check"
    INCIDENT = "/sns-incident"
    ACCOUNT = "/sns-account"


class ActionId(enum.StrEnum):
    # Approval message buttons (CONTRACTS §6): value is the draft id.
    DRAFT_APPROVE = "draft_approve"
    DRAFT_REQUEST_CHANGES = "draft_request_changes"
    DRAFT_REJECT = "draft_reject"
    DRAFT_MARK_PUBLISHED = "draft_mark_published"
    # The approver ticks this to accept the draft's warn findings before approving.
    DRAFT_ACCEPT_WARNINGS = "draft_accept_warnings"
    # A drafts channel mapped to several accounts asks which one (value: "<source ts>|<account id>").
    DRAFT_PICK_ACCOUNT = "draft_pick_account"
    # The author's buttons on the reply (value: the draft id; only the draft's author may use them).
    # 「本文を修正」 on a draft sent with /sns-draft (the bot posted it, so the author cannot edit it in Slack).
    DRAFT_EDIT_TEXT = "draft_edit_text"
    # 「人物は写っていません」 / 「本人の同意を得ています」: the author's declaration about people in the photos.
    DRAFT_PHOTOS_NO_PEOPLE = "draft_photos_no_people"
    DRAFT_PHOTOS_CONSENTED = "draft_photos_consented"
    # Account compliance (/sns-account and reminders).
    ACCOUNT_RENEW_PLAN = "account_renew_plan"
    ACCOUNT_PASSWORD_ROTATED = "account_password_rotated"
    # Incidents.
    INCIDENT_JOIN = "incident_join"
    INCIDENT_STEP_DONE = "incident_step_done"
    INCIDENT_CLOSE = "incident_close"


class CallbackId(enum.StrEnum):
    DRAFT_MODAL = "draft_modal"
    REQUEST_CHANGES_MODAL = "draft_request_changes_modal"
    REJECT_MODAL = "draft_reject_modal"
    MARK_PUBLISHED_MODAL = "draft_mark_published_modal"
    EDIT_TEXT_MODAL = "draft_edit_text_modal"
    PLAN_RENEWAL_MODAL = "account_plan_renewal_modal"
    INCIDENT_MODAL = "incident_modal"
    INCIDENT_CLOSE_MODAL = "incident_close_modal"


class BlockId(enum.StrEnum):
    # Draft modal inputs.
    ACCOUNT = "account"
    PLATFORM = "platform"
    TEXT = "text"
    PLANNED_DATE = "planned_date"
    PLANNED_TIME = "planned_time"
    PEOPLE_IN_PHOTOS = "people_in_photos"
    # Decision modals.
    REASON = "reason"
    URL = "url"
    PLAN_VALID_UNTIL = "plan_valid_until"
    # Incident modal.
    INCIDENT_TYPE = "incident_type"
    INCIDENT_ACCOUNT = "incident_account"
    INCIDENT_URL = "incident_url"
    INCIDENT_NOTE = "incident_note"
    SUMMARY = "summary"
    # Approval message.
    APPROVAL_ACTIONS = "approval_actions"
    WARNINGS_ACK = "warnings_ack"
    # The author's buttons (``author_actions|<content hash>``, like the approval buttons).
    AUTHOR_ACTIONS = "author_actions"
    # Draft modal: the photos' file input (issue 4, /sns-draft).
    PHOTOS = "photos"
