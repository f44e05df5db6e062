"""Secrets and the decision-making process: 秘密, 意思形成過程の情報.

Guidelines: towada 4(9)(10), 5(1); joetsu 5(4); tatsuno 4(1)(5); yatsushiro (7); honjo 4(1)(4).

Three shapes, each in rules/lexicons/confidential.yml: a document or remark marked as secret
(庁内限り, 【関係者外秘】, 非公開扱い, 職員限定の情報, ここだけの話, 内示, まだ解禁前, （通知前）,
「口外しないで」と言われている, 社名はまだ言えませんが), or a secret by its nature (an exam's
questions before it is held, a document withheld under the disclosure system); a policy, personnel
or budget matter described as still being decided or not yet put to the council (〜する方向で,
水面下, 協議中, 議会に説明する前ですが, 地権者への説明はこれから, 正式発表は来月, B社が優勢,
次の課長は…になるみたい, 査定で要求額が半分に, 懲戒処分を検討, a tender's 予定価格); and an
internal draft (〇〇計画（案）を添付します, 未定稿, 庁議資料, 答弁（案）, 庁内の会議で出た案).
What a municipality publishes itself passes: announced decisions (〜を発表しました), drafts put to
public comment (towada 4(10): 市が積極的に意見等を求める場合), unpublished works being shown
(未公開映像を上映), the information-disclosure system, fraud warnings that quote a scammer's
「口外しないで」, fishing seasons that open (解禁), and apologies for a leak that name the leaked
document.
"""

from __future__ import annotations

from collections.abc import Iterable

from rules.detectors._shared import (
    cooccurrences,
    has_matches,
    in_quotes,
    one_per_sentence,
    quoted_spans,
    sentence_span,
)
from rules.engine import Context
from rules.model import Category, Severity
from rules.registry import Hit, ex, rule
from rules.text import Analysis

# _GATE_NOTE: the rules' gates name each pattern by the rarest of the sets it requires rather than
# as ``pattern:``. A set gate is one C-level set intersection for all of them; a pattern gate is a
# Python test per pattern on every draft, which cost the three rules more than their own work on
# drafts the gates skip. The rarest set lets through few more drafts than the whole pattern.

# Secrets CNF001 knows by what they are rather than by a stamp: an examination's questions before
# it is held, a document withheld under the disclosure system (which does not clear it: the system
# is why it is secret); and a remark that the matter is unpublished, which the city's own
# お知らせします clears (結果はまだ公表していませんが、まとまり次第お知らせします).
_SECRET_GROUPS = (
    (
        ("confidential:exam_questions", "confidential:nondisclosed_shared", "confidential:embargo"),
        ("confidential:incident_context",),
    ),
    (("confidential:unpublished_remark",), ("confidential:incident_context", "confidential:informing")),
    (("confidential:secrecy_request",), ("confidential:incident_context", "confidential:scam_warning")),
)


@rule(
    code="CNF001",
    category=Category.CONFIDENTIAL,
    severity=Severity.BLOCK,
    when=(
        "set:confidential:secrecy_marker",
        "set:confidential:unpublished",
        "set:confidential:naiji",
        # _SECRET_GROUPS' patterns, each by its rarest set (see _GATE_NOTE).
        "set:confidential:exam_content",
        "set:confidential:nondisclosed",
        "set:confidential:unpublished_remark",
        "set:confidential:embargo",
        "set:confidential:secrecy_request",
    ),
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
        ex("【課外秘】来年度の施設使用料の改定表", "〜外秘 stamp composed (課外秘)"),
        ex("この名簿は極秘扱いでお願いします。", "〜扱い stamp"),
        ex("幹部のみの資料ですが、庁舎の建て替え費用の概算をまとめました。", "restricted to senior staff"),
        ex("公表できない数字ですが、観光客は前年の半分でした。", "confessed secret"),
        ex("異動の内示があり、私は4月から税務課に移ります。", "personnel 内示"),
        ex("財政課の内示で、敬老会の予算は3割カットされました。", "budget 内示 with its outcome"),
        ex("未発表の新しい公園の名前をこっそり教えます。", "未発表 without a showcase"),
        ex("出店候補の一覧（非公開）をお送りします。", "material stamped （非公開）"),
        ex("非公開で報告された試算によると、赤字は3億円に膨らみます。", "retold from a closed session"),
        ex("まだ解禁前なんですが、新しいご当地グルメの名前が決まりました。", "embargoed announcement"),
        ex("社名はまだ言えませんが、駅前に大手スーパーが出店します。", "counterpart held back for now"),
        ex("交渉中なので金額は言えませんが、市有地の売却がまとまりそうです。", "price held back while negotiating"),
        ex(
            "社長から「発表まで口外しないで」と言われているのですが、工場の増設が決まりました。",
            "a secrecy request received and broken",
        ),
        ex("補助金の採択結果（通知前）：申請10団体のうち6団体が採択です。", "（通知前） stamp"),
        ex("正式決定までは非公表ですが、新しい観光大使が決まりました。", "held back until a set date"),
        ex("決算の公表はまだですが、第三セクターは今期も赤字です。", "figures before their publication"),
        ex("まだ公表していませんが、市民会館の耐震診断の結果が出ました。", "not yet published"),
        ex("会社から内々に連絡があり、工場の閉鎖が決まりました。", "told privately"),
        ex("来月の職員採用試験の論文テーマは「地域の防災」です。", "an exam's theme before the exam"),
        ex("情報公開請求で非開示とした文書ですが、概要を載せます。", "a withheld document posted"),
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
        ex("郷土資料館で、明治期の未公開写真を特別展示します。", "unpublished works being exhibited"),
        ex("商店街の極秘メニューが味わえるグルメフェアを開きます。", "極秘 as a selling point"),
        ex("道路整備事業が国の交付金の内示を受けました。", "a grant's 内示 is public news"),
        ex("予算の内示を受け、各課で来年度の事業を見直しています。", "the budget process, no outcome told"),
        ex("ご相談の内容は秘密扱いとし、外部に漏れることはありません。", "promise to keep a consultation secret"),
        ex("受賞者の氏名は、ご本人の希望により非公表とします。", "notice of non-publication"),
        ex("公開請求があっても、個人情報など開示できない情報は黒塗りになります。", "information-disclosure system"),
        ex("誰にも言えない悩みを、専門の相談員が伺います。", "counselling invitation"),
        ex("第2回策定委員会（非公開）を3階会議室で開催します。", "a closed meeting announced"),
        ex("この部会は、個人情報を扱うため非公開で行います。", "closed session notice"),
        ex("アユ漁はまだ解禁前です。川遊びの際はご注意ください。", "a fishing season, not an embargo"),
        ex("「口外しないように」と口止めするのが、特殊詐欺の手口です。", "a fraud warning quotes the request"),
        ex(
            "匿名を希望されたため、企業名は公表できませんが、市内の企業から寄付をいただきました。",
            "a donor's name withheld at their wish",
        ),
        ex("過去の論文試験のテーマは、市ホームページに掲載しています。", "past exam themes are published"),
        ex("非開示とした部分については、審査請求をすることができます。", "the disclosure system explained"),
        ex("結果はまだ公表していませんが、まとまり次第お知らせします。", "the city says when it will publish"),
        ex("応募作品は、審査終了まで非公開とします。", "a contest rule"),
    ],
)
def secrecy_marker(ctx: Context) -> Iterable[Hit]:
    """Information marked as secret or internal: 秘密・内部限りの情報.

    Flags secrecy stamps and remarks: 庁内限り, 部外秘/関係者外秘 (any 〜外秘), 極秘, 【秘】/㊙,
    取扱注意, 非公開扱い/秘密扱い, （非公表）, 名簿（非公開）, 非公開で説明された内容, 内部資料/内部用,
    職員限り/職員限定の情報/関係部署にのみ共有, 外部への転送禁止, 口外しないでください,
    部外者には見せないで, 開示できない情報ですが,
    ここだけの話, まだ誰にも言っていない話, オフレコ, まだ表に出ていない話, 正式発表前, 未発表, 未公表,
    まだ公表していません, 決算の公表はまだですが, 議会までは非公表, （通知前）, 内々に決まった,
    an embargo (まだ解禁前, 報道解禁, 記事化をお待ちください), a secrecy request received and broken
    (「口外しないで」と言われている, 口止めされている), a counterpart or price held back for now
    (社名はまだ言えませんが, 交渉中なので金額は言えませんが), a personnel 内示, an exam's theme or
    questions before it is held, and a document withheld under the disclosure system posted anyway.

    Not flagged: a municipality's apology for a leak (お詫び, 流出, 再発防止), notices that a meeting
    is held 非公開 or a name is 非公表とします, advice such as 取り扱いに注意, hidden gems (表に出ていない
    穴場), 合格発表前, puzzle events (極秘ミッション！謎解きイベント), unpublished works being shown
    (未公開映像を上映, 未発表作品展, 極秘レシピ), a grant's 内示 from the state, the information-disclosure
    system (開示請求), stamps quoted rather than applied, fraud warnings (「口外しないように」と口止めする
    手口), a fishing season (アユ漁はまだ解禁前), a donor's name withheld (企業名は公表できませんが),
    published past exam themes, and まだ公表していません followed by the city's お知らせします.

    Write instead: publish only what has been announced, with a link to the announcement.
    """
    a = ctx.analysis
    seen: set[int] = set()
    found = [
        c
        for patterns, blockers in _SECRET_GROUPS
        for c in cooccurrences(ctx, patterns, text_blockers=blockers)
        if c.pattern_id != "confidential:embargo" or not _about_a_season(a, c.sentence)
    ]
    for c in one_per_sentence(sorted(found, key=lambda c: (c.sentence, c.start))):
        seen.add(c.sentence)
        yield ctx.hit(*sentence_span(a, c.sentence, c.start, c.end))
    if any(has_matches(ctx, f"confidential:{s}") for s in ("incident_context", "playful", "disclosure_system")):
        return
    toks = a.tokens
    markers = list(ctx.lex.find(a, "confidential:secrecy_marker"))
    # 未公開・未発表・極秘 next to a screening or an exhibition describe what is being shown.
    shown = _sentences(ctx, "confidential:showcase")
    markers += [m for m in ctx.lex.find(a, "confidential:unpublished") if toks[m.first].sentence not in shown]
    # A grant's 内示 from the state or prefecture is public news; a personnel 内示 is not, and a
    # budget 内示 only when it tells the outcome (予算の内示では…ゼロ, not 内示を受けて計画を作成).
    naiji = ctx.lex.find(a, "confidential:naiji")
    if naiji and not has_matches(ctx, "confidential:public_funding"):
        budget = _sentences(ctx, "confidential:budget_word")
        told = _sentences(ctx, "confidential:budget_outcome") | _sentences(ctx, "confidential:amount")
        markers += [m for m in naiji if toks[m.first].sentence not in budget or toks[m.first].sentence in told]
    quotes = quoted_spans(a)
    for m in sorted(markers, key=lambda m: m.start):
        sent = toks[m.first].sentence
        # A quoted stamp (「部外秘」と書かれた資料を…) is described, not applied.
        if sent in seen or in_quotes(quotes, m.start, m.end):
            continue
        seen.add(sent)
        yield ctx.hit(*sentence_span(a, sent, m.start, m.end))


def _about_a_season(analysis: Analysis, sentence: int) -> bool:
    """Whether the sentence is about a fishing or hunting season, which opens (解禁) like an
    embargo. Sudachi writes 鮎漁, 鮎釣り, 公魚釣り as single words, so the words' characters are
    tested rather than a list of them."""
    a, b = analysis.sentence_spans[sentence]
    return any(
        "漁" in t.lemma or "猟" in t.lemma or t.lemma.endswith("釣り") or t.lemma == "釣る"
        for t in analysis.tokens[a:b]
    )


def _sentences(ctx: Context, set_id: str) -> set[int]:
    """The sentences where the lexicon set matches."""
    toks = ctx.analysis.tokens
    return {toks[m.first].sentence for m in ctx.lex.find(ctx.analysis, set_id)}


def _sentence_hits(ctx: Context, groups: Iterable[tuple[tuple[str, ...], tuple[str, ...]]]) -> list[Hit]:
    """One hit per sentence over several (patterns, text blockers) groups, quoting the sentence."""
    found = [c for patterns, blockers in groups for c in cooccurrences(ctx, patterns, text_blockers=blockers)]
    found.sort(key=lambda c: (c.sentence, c.start))
    return [ctx.hit(*sentence_span(ctx.analysis, c.sentence, c.start, c.end)) for c in one_per_sentence(found)]


# What the municipality has published, announced or put to the public clears a deliberation.
_PUBLISHED = ("confidential:made_public", "confidential:consultation", "confidential:incident_context")


@rule(
    code="CNF002",
    category=Category.CONFIDENTIAL,
    severity=Severity.BLOCK,
    # Each pattern by its rarest set (see _GATE_NOTE): deliberation, predisclosure, sneak_peek,
    # discipline, bid_ceiling, announced_later, selection, personnel_pending, budget_process,
    # misconduct_probe.
    when=(
        "set:confidential:predecision_cue",
        "set:confidential:predisclosure",
        "set:confidential:pending_announcement",
        "set:confidential:discipline_subject",
        "set:confidential:bid_price",
        "set:confidential:announced_later",
        "set:confidential:frontrunner",
        "set:confidential:next_post",
        "set:confidential:budget_stage",
        "set:confidential:misconduct",
    ),
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
        ex(
            "北小と南小を統合する方向で調整しています。詳しくは市ホームページをご覧ください。",
            "a stock closing pointer does not make it public",
        ),
        ex("次期教育長には、現在の学校教育課長の起用が有力です。", "unannounced personnel"),
        ex("中学生までの医療費無料化が、来年度の当初予算案に盛り込まれる見込みです。", "budget before announcement"),
        ex("北小と南小の統廃合の話が水面下で進んでいます。", "behind the scenes"),
        ex("委員会に報告する前ですが、市民会館の使用料を2割上げる案がまとまりました。", "before the council"),
        ex("記者発表していない段階ですが、新しい工業団地の場所をお伝えします。", "not yet told to the press"),
        ex("まだ決裁前ですが、公用車の台数を半分に減らします。", "before internal approval"),
        ex("課内で出た話ですが、市民課の窓口を午後だけにする案もあります。", "internal deliberations"),
        ex("来月公表予定の組織改正の中身を、一足先にお見せします。", "sneak peek before the announcement"),
        ex("飲酒運転で検挙された職員の停職処分を、人事課が協議しています。", "discipline under deliberation"),
        ex("下水道工事の最低制限価格は2,300万円だと聞きました。", "tender ceiling price"),
        ex("西保育園を閉園にする方針です。", "policy reported before its announcement"),
        ex("協議中の公民館の統合について、途中経過を書きます。", "協議中"),
        ex("旧庁舎の管理を県に移管する方向で話が進んでいます。", "移管 under discussion"),
        ex("新庁舎の設計コンペは、A社の案が最有力です。", "front-runner of a selection"),
        ex("ホテル誘致の候補企業は2社に絞られています。", "short list not yet announced"),
        ex("次の広報課長は、今の秘書係長になるみたいです。", "who will fill a post"),
        ex("財政課の査定で、観光課の要求額は半分に削られました。", "budget review with its outcome"),
        ex("会社の正式発表は来月の予定ですが、工場は撤退します。", "told before the official announcement"),
        ex("地権者への説明はこれからですが、道路の予定ルートです。", "before those concerned are told"),
        ex("入札前ですが、落札予定業者は地元の会社で調整済みです。", "before the tender"),
        ex("まだ議会にも報告していませんが、文化ホールの改修費が3億円増えます。", "not yet reported to the council"),
        ex("教員の不祥事案件を、教育委員会が現在調査中です。", "misconduct under investigation (不祥/事案)"),
        ex("補助金を打ち切る方針が固まりました。", "打ち切る, the verb"),
    ],
    passes=[
        ex("令和8年度当初予算案を発表しました。子育て支援に重点を置いた予算です。", "announced budget"),
        ex("市営プールのあり方について、廃止を含めて検討しています。ご意見をお寄せください。", "public consultation"),
        ex("4月1日付の人事異動を発表しました。詳しくは市ホームページをご覧ください。", "announced personnel"),
        ex("新体育館の建設工事は、来年3月に完成する見込みです。", "construction schedule"),
        ex("駅前広場の再整備に向けた住民説明会を開催します。", "public meeting"),
        ex("台風の影響で、市営キャンプ場は今週末閉鎖になりそうです。", "weather closure, not a policy"),
        ex("予算案を議会に説明する前に、地区ごとの説明会を開きます。", "schedule before the council"),
        ex("道路改良工事の予定価格を事前公表しています。", "published ceiling price"),
        ex("職員の懲戒処分の指針の見直しを検討しています。", "discipline rules, not a case"),
        ex("一部報道にあった市民プールの廃止は、決定したものではありません。", "clarification of a report"),
        ex("来月発表予定の観光ポスターのデザインは、決まり次第お知らせします。", "scheduled announcement"),
        ex("新しい図書館への移転時期は現在調整中です。", "detail of a decided move"),
        ex("新ごみ処理施設の建設候補地を3か所に絞り込みました。", "a short list the city announces"),
        ex("企業誘致の有力な手段として、立地補助金を拡充しました。", "有力な, an adjective"),
        ex("全国大会の開催地の候補として、本市が有力視されています。", "a sports venue bid"),
        ex("次の部長会議は来週の予定です。", "a meeting, not a post"),
        ex("国の概算要求額は、前年度より1割増となりました。", "the state's published requests"),
        ex("新しい公園の名前の正式発表は来月です。お楽しみに！", "the city teasing its own reveal"),
        ex("職員の不祥事について、現在調査中です。判明次第お知らせします。", "a statement promising to inform"),
    ],
)
def deliberation(ctx: Context) -> Iterable[Hit]:
    """A policy, personnel or budget matter still being decided: 意思形成過程の情報.

    Flags a sentence where a policy or personnel subject (廃止, 民営化, 統廃合, 移転, 人事, 後任,
    予算案 …) is described as undecided or unannounced (〜する方向で, 調整中, 協議中, 検討段階, 内部で
    議論, 水面下, 内々に, 内定, 有力, 浮上, 方針を固めた, 〜する方針です, 予算案に盛り込まれる見込み,
    ほぼ決まり); a remark that something has not been put to the council, the press or the public
    (議会に説明する前ですが, 議会に提出していませんが, 決裁前, 内部で出ている意見); a policy shown
    before its scheduled announcement (発表予定の新規事業を少しだけお見せします); discipline under
    deliberation (懲戒処分を検討, 停職の方向) and misconduct under investigation (不祥事を調査中); a
    tender's unpublished ceiling price (入札の予定価格は…); a remark that those concerned have not been
    told or the deal not made (地権者への説明はこれから, 契約はこれからですが, 入札前ですが, まだ議会にも
    報告していません) or that the official announcement is still to come (正式発表は来月の予定); a
    bidder, site or partner said to be ahead or short-listed (B社が優勢, 候補は2社に絞られています); who
    will fill a post (次の課長は…になるみたい); and budget requests reviewed with an outcome (査定で要求額
    が半分に).

    Not flagged: announced decisions (〜を発表しました, 決定しました, 議会で可決), consultation
    (ご意見をお寄せください, パブリックコメント, 説明会: towada 4(10) exempts what the municipality puts
    to the public), clarifications of press reports, schedules of decided projects (完成する見込み),
    closures caused by the weather (大雪のため休止になりそう), a ceiling price the city publishes
    (事前公表, 入札結果), discipline rules and prevention (懲戒処分の指針, 不祥事防止), and apologies for
    a leak; a short list announced in the past tense (3か所に絞り込みました), contests, sport and
    elections (最終候補作品, 優勝候補), 有力な as an adjective, the state's 概算要求, and a teaser of the
    city's own reveal (正式発表は来月です。お楽しみに).

    Write instead: wait for the announcement, or post the consultation with its official materials.
    """
    return _sentence_hits(
        ctx,
        [
            (
                (
                    "confidential:deliberation",
                    "confidential:selection",
                    "confidential:personnel_pending",
                    "confidential:budget_process",
                    "confidential:misconduct_probe",
                ),
                (*_PUBLISHED, "confidential:informing"),
            ),
            (("confidential:predisclosure",), ("confidential:consultation", "confidential:incident_context")),
            # 正式発表は来月: unless the city is teasing its own reveal (…お楽しみに).
            (
                ("confidential:announced_later",),
                (*_PUBLISHED, "confidential:informing", "confidential:teaser", "confidential:pointer"),
            ),
            (("confidential:sneak_peek",), _PUBLISHED),
            # お知らせします does not make a discipline case public; only an announcement does.
            (("confidential:discipline",), ("confidential:made_public", "confidential:incident_context")),
            (
                ("confidential:bid_ceiling",),
                ("confidential:bid_public", "confidential:informing", "confidential:incident_context"),
            ),
        ],
    )


@rule(
    code="CNF003",
    category=Category.CONFIDENTIAL,
    severity=Severity.BLOCK,
    # draft_shared, internal_draft, internal_origin_draft, internal_meeting_shared, each by its
    # rarest set (see _GATE_NOTE).
    when=(
        "set:confidential:draft_doc",
        "set:confidential:internal_draft",
        "set:confidential:internal_origin",
        "set:confidential:internal_meeting",
    ),
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
        ex("【未定稿】市営住宅の長寿命化計画", "unfinished draft stamp"),
        ex("幹部会議資料より：支所の窓口時間の短縮について", "meeting paper"),
        ex("課内の打ち合わせで出た案ですが、敬老会を地区ごとに分けます。", "draft from an internal meeting"),
        ex("庁内検討用の素案を共有します。ご意見をください。", "colleagues asked for comments"),
        ex("幹部会議の議事録を共有しておきます。発表はまだ先です。", "an executive meeting's minutes passed on"),
        ex("【議会答弁（案）】市長は新体育館の建設延期を表明する予定です。", "a draft answer to the council"),
        ex("担当課でまとめた想定問答を共有します。", "prepared questions and answers"),
        ex("公共施設再編計画（たたき台）です。取扱いにご注意ください。", "（たたき台） stamp"),
        ex("庁内会議で配られた資料によると、図書館は民間委託になります。", "papers handed out at a meeting"),
    ],
    passes=[
        ex("「第3次総合計画（案）」についてご意見を募集します（パブリックコメント）。", "public comment"),
        ex("都市計画マスタープラン（案）を市ホームページで公開しています。", "published draft"),
        ex("ごみ減量計画（案）の説明会を、各地区の公民館で開きます。", "public meeting on a draft"),
        ex("申請書の様式を添付しますので、必要事項を記入してください。", "form, not a draft"),
        ex("景観計画の素案について、市民の皆さんのご意見をお寄せください。", "consultation on a draft"),
        ex("庁内に設けた検討会議の資料は、市ホームページで公開しています。", "published meeting papers"),
        ex("城の内部の復元案を記念館で紹介しています。", "内部 of a building"),
        ex("庁議の資料を市ホームページで公開しました。", "published meeting papers"),
        ex("窓口でよくある質問の想定問答集を作成しました。", "a published Q&A (想定問答集)"),
        ex("部長会議で配布した資料を、市ホームページで公開しています。", "published handouts"),
    ],
)
def shared_draft(ctx: Context) -> Iterable[Hit]:
    """An internal draft passed around: 検討中の案・内部資料の共有.

    Flags a draft document (〇〇（案）, 素案, たたき台, 検討資料, 配置計画, 決裁, 稟議) being attached
    or shared (添付します, 共有します, 回覧, 転送, 送ります); a document marked as an internal draft or
    meeting paper (未定稿, 庁議資料, 部長会議資料, 内部検討資料, 答弁（案）, 想定問答, （たたき台）,
    検討段階の資料); a draft that came out of an internal meeting (庁内の検討会議で出た案, 内部では
    改定案が); and the papers, minutes or decisions of an executive meeting passed on or handed out
    (部長会議の決定事項を共有します, 庁内会議で配られた資料), unless the draft says they were published.

    Not flagged: drafts put to the public (ご意見を募集, ご意見をお寄せください, パブリックコメント,
    縦覧, 説明会, ホームページで公開; a bare ご意見をください between colleagues is not enough), forms
    and other finished documents, and apologies for a leak.

    Write instead: share internal drafts through internal channels; publish a draft only as a
    consultation.
    """
    patterns = ("confidential:draft_shared", "confidential:internal_draft", "confidential:internal_origin_draft")
    return _sentence_hits(
        ctx,
        [
            (patterns, ("confidential:public_consultation", "confidential:incident_context")),
            # A meeting's papers are cleared only by the city publishing or consulting on them in
            # the draft (a later 「公表は記者発表の後」 says they are not public yet).
            (("confidential:internal_meeting_shared",), (*_PUBLISHED, "confidential:informing")),
        ],
    )
