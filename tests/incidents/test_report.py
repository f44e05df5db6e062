"""The Markdown incident report: header, steps with who/when and time since opening, timeline, summary."""

from __future__ import annotations

import datetime as dt

from bot.incidents import report, service
from bot.incidents.service import IncidentReport, MessageKind
from storage.incident_models import IncidentMessage
from storage.models import IncidentType
from tests.bot.factories import MANAGER, NOW, FakeScreener, submit
from tests.incidents.conftest import INFOSEC, PR, REPORTER, incident_report, open_incident


def _closed_record(session, config, tz):
    submit(session, FakeScreener(), account_id="joetsu-x")  # held, then released
    report = incident_report(IncidentType.IMPERSONATION, note="偽アカウントを発見 | 市長名義で投稿しています")
    opened = open_incident(session, config, tz, report)
    incident_id = opened.record.id
    service.save_messages(
        session=session,
        messages=[IncidentMessage(channel="C0PR", ts="1.1", incident_id=incident_id, kind=MessageKind.PR)],
    )
    service.add_timeline(
        session=session,
        incident_id=incident_id,
        actor=service.SYSTEM,
        kind=service.TimelineKind.ESCALATED,
        at=NOW,
        data={"channels": ["C0PR", "C0SEC"]},
    )
    service.join(session=session, incident_id=incident_id, user=INFOSEC, at=NOW + dt.timedelta(minutes=3), tz=tz)
    service.record_step(
        session=session,
        incident_id=incident_id,
        step_id="report",
        user=MANAGER,
        at=NOW + dt.timedelta(minutes=20),
        tz=tz,
    )
    service.record_step(
        session=session,
        incident_id=incident_id,
        step_id="platform-takedown",
        user=PR,
        at=NOW + dt.timedelta(hours=2, minutes=5),
        tz=tz,
    )
    service.record_thread_message(
        session=session,
        incident=opened.record.incident,
        channel="C0PR",
        ts="1.2",
        author=PR,
        text="X に削除を依頼しました（受付番号 123）",
        permalink="https://sns-gate-test.slack.com/archives/C0PR/p12",
        recorded_by=INFOSEC,
        at=NOW + dt.timedelta(hours=2, minutes=6),
    )
    service.close(
        session=session,
        incident_id=incident_id,
        actor=PR,
        summary="なりすましアカウントは削除されました。\n市ホームページで周知済みです。",
        at=NOW + dt.timedelta(days=1, hours=5, minutes=30),
        tz=tz,
        config=config,
    )
    return service.load_record(session=session, incident_id=incident_id)


def test_the_report_has_the_header_steps_timeline_and_summary(session, account, config, tz):
    record = _closed_record(session, config, tz)

    markdown = report.render_markdown(record, tz=tz, policy="joetsu", names={PR: "広報 花子（U0PR1）"})

    lines = markdown.splitlines()
    assert lines[0] == "# インシデント報告書 INC-2026-0001"
    assert "| 種類 | なりすまし |" in lines
    assert "| 主担当 | 広報 |" in lines
    assert "| アカウント | joetsu-x（x @joetsu_city、広報広聴課） |" in lines
    assert f"| 報告者 | {REPORTER} |" in lines
    assert "| 開始 | 2026年5月11日 10:00 |" in lines
    assert "| 終了 | 2026年5月12日 15:30 |" in lines
    assert "| 終了した人 | 広報 花子（U0PR1） |" in lines
    assert "| 対応時間 | 1日5時間30分 |" in lines
    assert "| 状態 | 終了 |" in lines
    assert "| URL | https://x.com/joetsu_clty |" in lines
    summary = lines.index("## まとめ")
    assert lines[summary + 2 : summary + 4] == [
        "なりすましアカウントは削除されました。",
        "市ホームページで周知済みです。",
    ]
    # Steps: who, when, and how long after the incident opened; a pipe in a cell cannot break the table.
    assert (
        "| 1 | 運用管理責任者が広報・情報セキュリティ担当に報告する | 運用管理責任者 "
        f"| {MANAGER} | 2026年5月11日 10:20 | 20分 |" in lines
    )
    assert (
        "| 2 | サービスの運営者に削除を依頼する | 広報担当 | 広報 花子（U0PR1） | 2026年5月11日 12:05 | 2時間5分 |"
        in lines
    )
    assert "| 3 | 市ホームページでなりすましについて周知する | 広報担当 | 未完了 |  |  |" in lines
    timeline = lines[lines.index("## タイムライン") + 2 : lines.index("## 根拠となるガイドライン") - 1]
    assert timeline == [
        f"- 2026-05-11 10:00 {REPORTER} さんが報告し、インシデントを開始しました。 https://x.com/joetsu_clty "
        "「偽アカウントを発見 | 市長名義で投稿しています」",
        "- 2026-05-11 10:00 承認待ちの下書き 1 件を保留にしました。",
        "- 2026-05-11 10:00 #C0PR、#C0SEC に連絡しました。",
        f"- 2026-05-11 10:03 {INFOSEC} さんが対応に参加しました。",
        "- 2026-05-11 10:20 手順「運用管理責任者が広報・情報セキュリティ担当に報告する」を "
        f"{MANAGER} さんが完了しました。",
        "- 2026-05-11 12:05 手順「サービスの運営者に削除を依頼する」を 広報 花子（U0PR1） さんが完了しました。",
        f"- 2026-05-11 12:06 広報 花子（U0PR1） さんのメッセージを記録しました（{INFOSEC} さんのリアクション）。 "
        "[メッセージ](https://sns-gate-test.slack.com/archives/C0PR/p12) 「X に削除を依頼しました（受付番号 123）」",
        "- 2026-05-12 15:30 広報 花子（U0PR1） さんがインシデントを終了しました。",
        "- 2026-05-12 15:30 保留していた下書き 1 件の承認依頼を再開しました。",
    ]
    assert (
        "- サービスの運営者に削除を依頼する: 上越市ソーシャルメディアガイドライン 6(2)"
        "「そのソーシャルメディアの運営主体に削除の依頼を行い」" in lines
    )


def test_an_open_incident_reports_its_duration_so_far(session, account, config, tz):
    opened = service.open_or_join(
        session=session,
        report=IncidentReport(type=IncidentType.HIJACK, account_id="joetsu-x", reporter=REPORTER),
        at=NOW,
        tz=tz,
        config=config,
    )

    markdown = report.render_markdown(opened.record, tz=tz, now=NOW + dt.timedelta(minutes=45))

    assert "| 対応時間 | 45分（対応中） |" in markdown
    assert "| 状態 | 対応中 |" in markdown
    assert "## まとめ\n\n（なし）" in markdown
    # The default policy cites every guideline.
    assert "十和田市" in markdown and "八代市" in markdown and "辰野町" in markdown
