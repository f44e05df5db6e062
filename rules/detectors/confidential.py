"""Secrets and the decision-making process: 秘密, 意思形成過程の情報.

Guidelines: towada 4(9)(10), 5(1); joetsu 5(4); tatsuno 4(1)(5); yatsushiro (7); honjo 4(1)(4).

Three shapes, each in rules/lexicons/confidential.yml: a document or remark marked as secret
(庁内限り, 【取扱注意】, ここだけの話, まだ表に出ていない話); a policy, personnel or budget matter
described as still being decided (〜する方向で, 水面下, 内定, 予算案に盛り込まれる見込み); and an
internal draft passed around (〇〇計画（案）を添付します). What a municipality publishes itself
passes: announced decisions (〜を発表しました), drafts put to public comment (towada 4(10):
市が積極的に意見等を求める場合), and apologies for a leak that name the leaked document.
"""

from __future__ import annotations

from collections.abc import Iterable

from rules.detectors._shared import has_matches, in_quotes, quoted_spans, sentence_hits, sentence_span
from rules.engine import Context
from rules.model import Category, Severity
from rules.registry import Hit, ex, rule


@rule(
    code="CNF001",
    category=Category.CONFIDENTIAL,
    severity=Severity.BLOCK,
    when=("set:confidential:secrecy_marker",),
    title="秘密・内部限りの情報",
    message="『{excerpt}』とあるとおり、外部に出すことを前提としていない情報（秘密・内部限りの情報）が含まれているおそれがあります。",
    fix=(
        "庁内限りや未発表の情報は発信できません。担当課に公開してよい範囲を確認し、"
        "正式に公表された内容だけを、公表資料へのリンクとともに発信してください。"
    ),
    matches=[
        ex("【庁内限り】来年度の組織改正の概要です。", "internal-only stamp"),
        ex("ここだけの話ですが、新しい道の駅の名前はもう決まっています。", "ここだけの話"),
        ex("まだ表に出ていない話ですが、駅前に大型書店が出店します。", "not public yet"),
        ex("議会説明用の内部資料を、参考までに載せておきます。", "internal document"),
        ex("正式な発表はまだですが、花火大会の会場が変わります。", "before the announcement"),
    ],
    passes=[
        ex(
            "職員の不適切な取り扱いにより、内部資料が外部に流出しました。深くお詫び申し上げます。",
            "official apology for a leak",
        ),
        ex("この審議会は、個人情報を扱うため非公開で行います。", "notice that a meeting is closed"),
        ex("ガイドブックにはまだ表に出ていない穴場スポットを紹介します。", "hidden gem, not a secret"),
        ex("合格発表前の不安な時期に、相談できる窓口を設けています。", "合格発表前"),
        ex("農薬の取り扱いに注意しましょう。", "取り扱いに注意 is advice, not a stamp"),
        ex("中身は当日までのお楽しみ。市民の皆さんのご来場をお待ちしています。", "event teaser"),
    ],
)
def secrecy_marker(ctx: Context) -> Iterable[Hit]:
    """Information marked as secret or internal: 秘密・内部限りの情報.

    Flags secrecy stamps and remarks: 庁内限り, 部外秘, 極秘, 【秘】/㊙, 取扱注意, 内部資料/内部用,
    職員限り, 外部への転送禁止, 口外しないでください, ここだけの話, オフレコ, まだ表に出ていない話,
    正式発表前, 未発表, 未公表.

    Not flagged: a municipality's apology for a leak (お詫び, 流出, 再発防止), notices that a meeting
    is held 非公開, advice such as 取り扱いに注意, hidden gems (表に出ていない穴場), 合格発表前,
    puzzle events (極秘ミッション！謎解きイベント), and stamps quoted rather than applied.

    Write instead: publish only what has been announced, with a link to the announcement.
    """
    if has_matches(ctx, "confidential:incident_context") or has_matches(ctx, "confidential:playful"):
        return
    toks = ctx.analysis.tokens
    quotes = quoted_spans(ctx.analysis)
    seen: set[int] = set()
    for m in ctx.lex.find(ctx.analysis, "confidential:secrecy_marker"):
        sent = toks[m.first].sentence
        # A quoted stamp (「部外秘」と書かれた資料を…) is described, not applied.
        if sent in seen or in_quotes(quotes, m.start, m.end):
            continue
        seen.add(sent)
        yield ctx.hit(*sentence_span(ctx.analysis, sent, m.start, m.end))


@rule(
    code="CNF002",
    category=Category.CONFIDENTIAL,
    severity=Severity.BLOCK,
    when=("set:confidential:predecision_cue",),
    title="検討中の施策・未発表の人事や予算",
    message=(
        "『{excerpt}』は、まだ決定・公表されていない施策、人事、予算などの検討状況（意思形成過程の情報）"
        "と受け取られるおそれがあります。"
    ),
    fix=(
        "検討中の内容は発信せず、正式な決定・発表を待ってください。市民の意見を求める場合は、"
        "パブリックコメントや説明会の案内として、担当課が公表した資料をもとに発信してください。"
    ),
    matches=[
        ex("市営プールを廃止する方向で、担当課が調整を進めています。", "direction under discussion"),
        ex("次期教育長には、現在の学校教育課長の起用が有力です。", "unannounced personnel"),
        ex("中学生までの医療費無料化が、来年度の当初予算案に盛り込まれる見込みです。", "budget before announcement"),
        ex("北小と南小の統廃合の話が水面下で進んでいます。", "behind the scenes"),
    ],
    passes=[
        ex("令和8年度当初予算案を発表しました。子育て支援に重点を置いた予算です。", "announced budget"),
        ex("市営プールのあり方について、廃止を含めて検討しています。ご意見をお寄せください。", "public consultation"),
        ex("4月1日付の人事異動を発表しました。詳しくは市ホームページをご覧ください。", "announced personnel"),
        ex("新体育館の建設工事は、来年3月に完成する見込みです。", "construction schedule"),
        ex("駅前広場の再整備に向けた住民説明会を開催します。", "public meeting"),
    ],
)
def deliberation(ctx: Context) -> Iterable[Hit]:
    """A policy, personnel or budget matter still being decided: 意思形成過程の情報.

    Flags a sentence where a policy or personnel subject (廃止, 民営化, 統廃合, 移転, 人事, 後任,
    予算案 …) is described as undecided or unannounced (〜する方向で, 調整中, 水面下, 内々に, 内定,
    有力, 浮上, 方針を固めた, 予算案に盛り込まれる見込み, ほぼ決まり).

    Not flagged: announced decisions (〜を発表しました, 決定しました, 議会で可決), consultation
    (ご意見, パブリックコメント, 説明会: towada 4(10) exempts what the municipality puts to the
    public), schedules of decided projects (完成する見込み), and apologies for a leak.

    Write instead: wait for the announcement, or post the consultation with its official materials.
    """
    return sentence_hits(
        ctx, ["confidential:deliberation"], text_blockers=("confidential:announced", "confidential:incident_context")
    )


@rule(
    code="CNF003",
    category=Category.CONFIDENTIAL,
    severity=Severity.BLOCK,
    when=("set:confidential:draft_doc",),
    title="内部の検討資料（案）の共有",
    message="『{excerpt}』は、内部で検討中の資料（案）を共有しているように見えます。意思形成過程の資料は発信できません。",
    fix=(
        "庁内の資料は庁内の共有手段でやり取りしてください。案を公表して意見を求める場合は、"
        "「〇〇計画（案）についてご意見を募集します」のように、パブリックコメントの案内として発信してください。"
    ),
    matches=[
        ex("来年度の職員配置計画（案）を添付します。ご確認ください。", "internal plan attached"),
        ex("課内で作成した条例改正のたたき台を共有します。", "working draft"),
        ex("部長決裁前の事業計画（案）を送ります。", "draft before approval"),
    ],
    passes=[
        ex("「第3次総合計画（案）」についてご意見を募集します（パブリックコメント）。", "public comment"),
        ex("都市計画マスタープラン（案）を市ホームページで公開しています。", "published draft"),
        ex("ごみ減量計画（案）の説明会を、各地区の公民館で開きます。", "public meeting on a draft"),
        ex("申請書の様式を添付しますので、必要事項を記入してください。", "form, not a draft"),
    ],
)
def shared_draft(ctx: Context) -> Iterable[Hit]:
    """An internal draft passed around: 検討中の案・内部資料の共有.

    Flags a draft document (〇〇（案）, 素案, たたき台, 検討資料, 配置計画, 決裁, 稟議) being attached
    or shared (添付します, 共有します, 回覧, 転送, 送ります).

    Not flagged: drafts put to the public (ご意見を募集, パブリックコメント, 縦覧, 説明会, ホームページ
    で公開), forms and other finished documents, and apologies for a leak.

    Write instead: share internal drafts through internal channels; publish a draft only as a
    consultation.
    """
    return sentence_hits(
        ctx,
        ["confidential:draft_shared"],
        text_blockers=("confidential:public_consultation", "confidential:incident_context"),
    )
