"""Secrets and the decision-making process (CNF001–CNF003), beyond the rules' own examples.

Flagged: secrecy stamps and remarks, undecided or unannounced policy, personnel and budget
matters, internal drafts passed around. Passing: what the municipality publishes itself —
announced decisions and budgets, drafts put to public comment (towada 4(10) exempts what the
city actively asks opinions on), notices that a meeting is closed, apologies for leaks, and
everyday words that look alike (秘密基地, 表に出ていない穴場, 合格発表前, 内定式).
"""

from __future__ import annotations

import pytest

from rules import Draft, Engine, Settings
from rules.model import Category

ENGINE = Engine(Settings(policy="default"))


def confidential_findings(text: str):
    return [f for f in ENGINE.screen(Draft(text=text)).findings if f.category is Category.CONFIDENTIAL]


FLAGGED = [
    ("【部外秘】新庁舎の建設候補地の比較資料です。", "部外秘 stamp"),
    ("㊙ 来年度の組織改正案", "㊙ stamp"),
    ("※この情報は庁内のみでお願いします。", "庁内のみ"),
    ("庁\u200b内\u200b限\u200bりの資料ですが、参考までに載せます。", "zero-width evasion"),
    ("内部向けの資料ですが、参考までに共有します。", "内部向け"),
    ("この資料は外部への持ち出し禁止です。", "do not take outside"),
    ("ここだけの秘密ですが、駅前の再開発に大手スーパーが出店する予定です。", "ここだけの秘密"),
    ("オフレコでお願いしたいのですが、市長は次の選挙に出ない意向です。", "off the record"),
    ("正式発表前ですが、来年の花火大会は中止になります。", "before the announcement"),
    ("まだ公表されていない話ですが、来年度の予算案に新しい子育て支援策が盛り込まれる見込みです。", "not yet published"),
    ("まだ正式発表前なんですが、来年の成人式は市民会館で行う方向で調整しています。", "direction under arrangement"),
    ("次の人事異動で、企画課長が総務部長に昇任することが内定しました。", "personnel"),
    ("次の副市長には、総務部長の起用が有力だそうです。", "personnel: likely"),
    ("公民館の統廃合の話が持ち上がっています。", "plan floated"),
    ("市立図書館を駅前に移転する方向で検討が進んでいます。", "direction under discussion"),
    ("来年度の人事異動案を共有します。", "draft personnel list"),
    ("部長会議の資料（案）を添付しますので、ご確認ください。", "draft attached"),
]

PASSES = [
    ("令和8年度当初予算案を発表しました。子育て支援に重点を置いています。", "announced budget"),
    ("本日、新年度当初予算案がまとまりましたので、その概要をお知らせします。", "budget briefing"),
    ("4月1日付の人事異動を発表しました。", "announced personnel"),
    ("市長は、敬老祝い金を廃止する方針を明らかにしました。", "announced policy"),
    (
        "市立病院の経営改善に向け、民間の手法を取り入れる方向で検討を進めています。"
        "市民の皆さんのご意見をお寄せください。",
        "consultation",
    ),
    ("「第3次総合計画（案）」についてご意見を募集します（パブリックコメント）。", "public comment"),
    ("ごみ減量計画（案）を作成しました。市民の皆さんのご意見をお待ちしています。", "draft for comment"),
    ("都市計画マスタープラン（案）を市ホームページで公開しています。", "published draft"),
    ("下水道計画の一部変更（調整池の廃止）について、意見募集を行います。", "consultation on a closure"),
    ("駅前広場の再整備に向けた住民説明会を開催します。", "public meeting"),
    ("この審議会は、個人情報を扱うため非公開で行います。", "closed meeting notice"),
    ("職員が内部資料を誤って外部に送信した事案について、深くお詫び申し上げます。", "apology for a leak"),
    ("新しい施設の名称は、現在調整中です。決まり次第お知らせします。", "name pending"),
    ("今年の花火大会の日程は、決まり次第お知らせします。", "date pending"),
    ("新体育館の建設工事は、来年3月に完成する見込みです。", "schedule"),
    ("令和8年度採用内定者の皆さんを対象に、内定式を行いました。", "内定式"),
    ("人事異動で、4月から新しい課長が着任しました。", "after the fact"),
    ("秘密基地をつくろう！親子ワークショップの参加者を募集します。", "秘密基地"),
    ("おいしさの秘密は、地元の湧き水にあります。", "秘密 of taste"),
    ("極秘ミッション！？謎解きイベントを開催します。", "puzzle event"),
    ("ガイドブックにはまだ表に出ていない穴場スポットを紹介します。", "hidden gem"),
    ("合格発表前の不安な時期に、相談できる窓口を設けています。", "合格発表前"),
    ("農薬の取り扱いに注意しましょう。", "advice"),
    ("中身は当日までのお楽しみ。ぜひ会場でご確認ください。", "teaser"),
    ("申請書の様式を添付しますので、必要事項を記入してください。", "form attached"),
]


@pytest.mark.parametrize(("text", "note"), FLAGGED, ids=[n for _, n in FLAGGED])
def test_confidential_information_is_flagged(text: str, note: str):
    assert confidential_findings(text), f"should be flagged as confidential ({note}): {text}"


@pytest.mark.parametrize(("text", "note"), PASSES, ids=[n for _, n in PASSES])
def test_official_publications_pass(text: str, note: str):
    assert not confidential_findings(text), f"false alarm ({note}): {text}"


def test_findings_block_and_cite_the_secrecy_clause():
    (finding,) = confidential_findings("【部外秘】新庁舎の建設候補地の比較資料です。")
    assert finding.severity.value == "block"
    assert "秘密" in finding.message
    assert finding.citation


def test_excerpt_survives_zero_width_evasion():
    text = "庁\u200b内\u200b限\u200bりの資料ですが、参考までに載せます。"
    (finding,) = confidential_findings(text)
    assert text[finding.start : finding.end] == finding.excerpt
    assert finding.excerpt.startswith("庁\u200b内")
