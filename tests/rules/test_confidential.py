"""Secrets and the decision-making process (CNF001–CNF003), beyond the rules' own examples.

Flagged: secrecy stamps and remarks, undecided or unannounced policy, personnel and budget
matters, internal drafts passed around. Passing: what the municipality publishes itself —
announced decisions and budgets, drafts put to public comment (towada 4(10) exempts what the
city actively asks opinions on), notices that a meeting is closed, apologies for leaks, and
everyday words that look alike (秘密基地, 表に出ていない穴場, 合格発表前, 内定式).

The stamps and cues are composed rather than listed (any 〜外秘, 〜扱い, 職員/幹部 + 限定/のみ +
a document noun, a council/press + 説明/提出 + 前/していない followed by ですが), so each shape
below is tested with words the rule examples do not use. The families added for the third round of
unseen drafts (embargoes, secrecy requests, names held back, short lists and front-runners, next
posts, budget reviews, exam themes, withheld documents, 正式発表は来月) are tested the same way, with
their look-alikes: fishing seasons, fraud warnings, donors' names, contests, sport, published Q&A.
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
    # Composed stamps (C1).
    ("【関係者外秘】次年度の組織図案", "関係者外秘"),
    ("庁外秘の資料から一部を抜粋します。", "庁外秘"),
    ("この表は非公開扱いでお願いします。", "非公開扱い"),
    ("秘密扱いになっている試算ですが、庁舎の改修には20億円かかります。", "秘密扱い"),
    ("課内限定の情報ですが、窓口の受付時間を短縮します。", "課内限定の情報"),
    ("管理職のみに配布された資料の内容です。", "distributed to managers only"),
    ("庁内だけで共有している名簿です。", "shared inside the office only"),
    ("非公表の数値ですが、今年の観光客は2割減です。", "非公表の数値"),
    ("口外不可の情報ですが、駅前のビルを市が買い取ります。", "口外不可"),
    ("外部には出さないでと言われた数字ですが、参加者は想定の半分でした。", "not to be shown outside"),
    ("まだ誰にも話していない話ですが、図書館を駅ビルに移します。", "told no one yet"),
    ("人事の内示がありました。私は来月から観光課です。", "personnel 内示"),
    # Bids and discipline (C2).
    ("予定価格は1億2千万円です。道路改良工事の入札はこれで決まりです。", "ceiling price"),
    ("不祥事を起こした職員の懲戒免職も視野に入れて協議しているそうです。", "discipline deliberated"),
    ("後任の課長の人選を調整しています。", "personnel selection"),
    # Not yet put to the council, the press or the public (C3).
    ("まだ記者発表していませんが、市長が来期の出馬を見送ります。", "not told to the press"),
    ("市民にはまだ公表していない段階ですが、市立病院の民営化を進めます。", "not published"),
    ("正式決定前ですが、学校給食費の無償化を実施します。", "before the decision"),
    ("庁内で出ている案ですが、支所を2か所閉鎖する話があります。", "internal deliberations"),
    ("協議中のごみ処理施設の広域化について、候補地を書きます。", "協議中の"),
    ("検討段階ですが、市営駐車場の有料化を予定しています。", "検討段階ですが"),
    ("市民プールは廃止になりそうです。", "likely closure"),
    ("来月発表予定の新規事業の予算を、一足先にお伝えします。", "sneak peek"),
    # Internal drafts (C4, C5).
    ("未定稿のため取り扱い注意：総合計画第3章", "未定稿"),
    ("庁議で出た案：本庁舎の窓口を午後5時で閉める", "draft from the executive meeting"),
    ("課内の検討用素案を添付します。ご意見をください。", "colleagues asked for comments"),
    ("幹部の間だけでお願いします。市民球場の命名権を売ります。", "keep it among senior staff"),
    ("報道機関に発表する前ですが、新しい観光大使は地元出身の俳優です。", "before the press"),
    ("課長決裁が済んでいませんが、公民館の利用料を上げます。", "approval pending"),
    ("非公表の統計ですが、市外への転出は過去最多です。", "non-public statistics"),
    ("課長会議の資料を回覧します。※外部への説明は来月からです", "executive meeting papers passed on"),
    ("落札予定業者のリスト（非公開）を貼っておきます。", "a list stamped （非公開）"),
    ("非公開で協議された内容ですが、温泉施設は民間に売却する方向です。", "closed session retold"),
    ("市立幼稚園を全廃する方向で最終調整に入りました。", "全廃 under discussion"),
    # Embargoes, secrecy requests and things held back for now (r3).
    ("今年の芸術祭の目玉企画、実はまだ解禁前なんです。", "まだ解禁前"),
    ("報道解禁は明朝5時ですが、新しいキャラクターの名前をお伝えします。", "報道解禁"),
    ("※記者の皆さまは記事化をお待ちください。", "journalists asked to hold the story"),
    ("市長の後援会から「会見まで他言しないでほしい」と頼まれているのですが、出馬は確実です。", "request received"),
    ("先方に口止めされているのですが、新しい商業施設が来ます。", "口止めされている"),
    ("企業名はまだ公表できませんが、県内最大級の物流センターが進出します。", "name held back for now"),
    ("来月の記者会見までは非公表ですが、新球場の場所が決まりました。", "held back until a date"),
    ("（決裁前）市民センター使用料改定表", "（決裁前） stamp"),
    ("人事の発表はまだですが、副市長は交代します。", "人事の発表はまだ"),
    ("町の幹部が内々に打診を受けているそうです。", "内々に打診"),
    ("まだ誰にも言っちゃダメですよ。夏祭りに人気歌手が来ます。", "まだ…言っちゃダメ"),
    # Secrets by their nature.
    ("次回の採用試験では、地域防災に関するテーマが出題されます。", "exam theme to come"),
    ("来週の昇任試験の論文テーマは「DXと市民サービス」です。", "昇任試験 is one word for Sudachi"),
    ("情報公開請求で不開示とした文書を、参考までに添付します。", "withheld document attached"),
    # Selection, personnel, budget and announcements still to come.
    ("統合の候補校は、すでに西小と南小に絞り込まれているそうです。", "short list, passive"),
    ("新しい給食センターの建設候補地は2か所に絞っているところです。", "short list, progressive"),
    ("指定管理者の選考、今のところC社が一歩リードしています。", "front-runner"),
    ("次期教育長は、今の学校教育課長になる見込みです。", "next post"),
    ("後任の総務課長には、企画係長が昇格する予定らしいです。", "successor"),
    ("正式な発表は年明けの予定ですが、来年度から水道料金が上がります。", "announcement still to come"),
    ("まだ組合にも提示していない段階ですが、職員の手当を削減します。", "not yet shown to the union"),
    ("地元への説明もまだですが、ごみ処理施設は北地区に建てる方向です。", "locals not yet told"),
    ("開札前ですが、ほぼ地元のA社に決まっています。", "before the bids are opened"),
    ("議会に諮る前の予算案の一部をお見せします。", "議会に諮る前の予算案"),
    ("職員の飲酒運転の件、懲戒免職の方向で調整中です。", "discipline direction"),
    # Internal papers.
    ("本日の課長会議で配布された資料の中身を紹介します。", "handouts of an executive meeting"),
    ("課内でまとめた見直し案を添付します。", "internal draft attached"),
    ("内部ではもう料金の改定案ができています。", "改定案 is one word for Sudachi"),
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
    # Secrecy words that are not stamps.
    ("関係者以外の立ち入りはご遠慮ください。", "keep out sign"),
    ("ご相談の内容は秘密扱いとし、外部に漏らすことはありません。", "promise of confidentiality"),
    ("本会議は非公開扱いとなりますので、傍聴はできません。", "closed meeting"),
    ("入賞者の氏名は非公表とさせていただきます。", "names withheld"),
    ("職員限定の研修会を開催しました。", "staff-only training"),
    ("参加者のみに資料を配布します。", "handouts for participants"),
    ("まだ誰にも相談していない方も、お気軽にどうぞ。", "counselling"),
    ("ペットを外に出さないでください。", "pets"),
    ("情報公開制度では、個人情報など開示できない情報もあります。", "disclosure system"),
    # Unpublished works being shown (F3).
    ("未公開の名場面を集めた映像を上映します。", "screening"),
    ("郷土館で未公開資料を特別展示しています。", "exhibition"),
    ("若手アーティストの未発表曲を披露するコンサートです。", "concert"),
    ("市長の極秘ミッション！スタンプラリーに挑戦しよう。", "stamp rally"),
    # Weather, schedules and the city's own statements (F4).
    ("大雨の影響で、市民の森キャンプ場は閉鎖になりそうです。", "weather closure"),
    ("強風のため、明日の花火大会は中止になりそうです。", "weather cancellation"),
    ("新庁舎への移転時期は、現在調整中です。", "schedule of a decided move"),
    ("駅前駐輪場の移転について、現在、鉄道会社と協議中です。", "status of a public negotiation"),
    ("市民プールの廃止は、まだ検討段階です。", "clarification"),
    ("市では、公共施設等総合管理計画に基づき、施設の統廃合を進める方針です。", "adopted plan"),
    ("駐輪場の有料化を検討しています。", "public deliberation"),
    ("新しい公園の名前は、来月発表予定です。お楽しみに。", "scheduled announcement"),
    ("議会に提出する前に、市民説明会を開きます。", "schedule before the council"),
    ("市民ワークショップで出た案をもとに、公園の名前を決めました。", "public workshop"),
    ("庁内の案内表示を多言語化しました。", "案内, not 案"),
    # Grants, bids and discipline the city publishes.
    ("国の補助金の内示を受け、体育館の改修に着手します。", "grant 内示"),
    ("入札結果を公表しました。予定価格は4,500万円、落札価格は4,200万円でした。", "bid results"),
    ("入札公告：予定価格 3,200万円（税抜）", "bid notice"),
    ("宅地の分譲予定価格は1区画500万円です。", "sale price"),
    ("職員の懲戒処分を公表しました。", "published discipline"),
    ("懲戒処分の基準を改正しました。", "discipline rules"),
    ("予定価格が1億円以上の工事は、入札時に内訳書を提出してください。", "a threshold rule, not a price"),
    # Wording from real municipal pages.
    ("郷土館の未公開収蔵品を紹介する歴史展を開きます。", "exhibition of unpublished holdings"),
    ("庁議室で、地域交通計画（案）の審議を行いました。", "庁議室 is a venue"),
    ("本日開催した庁議の結果について発表します。", "announced executive meeting"),
    ("部長会議の資料は、市ホームページで公開しています。", "published meeting papers"),
    ("次回の審議会（非公開）は5月に開きます。", "a closed meeting scheduled"),
    ("個人情報を含むため、この議題は非公開で審議します。", "closed session notice"),
    ("審査結果の公表は、来月以降になります。", "schedule of a publication"),
    ("仮庁舎への移転については、民間ビルへの移転も含めて現在検討しているところです。", "public deliberation"),
    # Look-alikes of the r3 families in what cities and their residents write.
    ("鮎釣り解禁日前の週末は、川の水位にご注意ください。", "fishing season"),
    ("ワカサギ釣りはまだ解禁前です。氷の上には乗らないでください。", "fishing season, one word"),
    ("口止め料を要求する詐欺が発生しています。ご注意ください。", "extortion warning"),
    ("ご本人の希望により、お名前は公表できません。", "name withheld"),
    ("会社名は言えないけど、うちの職場はひどい。", "a grumble about one's employer"),
    ("パスワードは誰にも言っちゃダメだよ。", "safety advice"),
    ("コンテストの結果発表はまだですが、たくさんのご応募ありがとうございました。", "contest"),
    ("一般にはまだ公開していない新庁舎を、内覧会で特別にご覧いただけます。", "special tour"),
    ("新しいサービスは、まだ発表していませんでしたが、本日から開始します。", "announced now"),
    ("学習発表会の写真です。発表前はみんな緊張していました。", "school presentation"),
    ("市の魅力発信動画コンテスト、最終候補5作品に絞られました！市民投票を実施中です。", "contest short list"),
    ("市内の高校は甲子園出場が有力です。", "sport"),
    ("総裁選の有力候補が来市しました。", "politics, not a municipal choice"),
    ("指定管理者の候補者として、A社を選定しました。", "announced selection"),
    ("次の校長先生は4月に着任する予定です。", "a school's new head"),
    ("後任の課長は決まり次第お知らせします。", "city will inform"),
    ("来月の採用試験では、試験問題は持ち帰りできません。", "exam rules"),
    ("今年の入試で出題されたテーマを振り返ります。", "after the exam"),
    ("今年度のご当地検定試験のテーマは「市の歴史」です。", "a public quiz's theme"),
    ("情報公開請求で非開示とした件数は、昨年度12件でした。", "disclosure statistics"),
    ("地元への説明は、これから順次行います。", "schedule of explanations"),
    ("ネーミングライツパートナーを募集します。", "naming rights on offer"),
    ("正式決定は、来年3月の議会での議決を経て行われます。", "the council decides"),
    ("大会の正式発表は来月の予定です。詳しくはホームページをご覧ください。", "points to an official source"),
    ("職員の不祥事を受け、再発防止策を協議しました。", "prevention"),
    ("窓口対応の想定問答集を作成しました。", "published Q&A"),
    ("本日の課長会議で、ノー残業デーの徹底を確認しました。", "an executive meeting, nothing passed on"),
    ("濃厚接触者の方は保健所の指示に従ってください。", "濃厚接触"),
]


@pytest.mark.parametrize(("text", "note"), FLAGGED, ids=[n for _, n in FLAGGED])
def test_confidential_information_is_flagged(text: str, note: str):
    assert confidential_findings(text), f"should be flagged as confidential ({note}): {text}"


@pytest.mark.parametrize(("text", "note"), PASSES, ids=[n for _, n in PASSES])
def test_official_publications_pass(text: str, note: str):
    assert not confidential_findings(text), f"false alarm ({note}): {text}"


def test_unpublished_content_is_a_leak_only_without_a_showcase():
    assert confidential_findings("未公開の人事案ですが、企画課長が交代します。")
    assert not confidential_findings("未公開の人事資料を特別展示します。")


def test_naiji_is_cleared_only_by_public_funding():
    assert confidential_findings("異動の内示を受けました。4月から福祉課です。")
    assert not confidential_findings("異動の内示を受けました。国の交付金で福祉課の事業を拡充します。")


def test_budget_naiji_is_a_leak_only_with_its_outcome():
    assert confidential_findings("予算の内示で、図書館の資料購入費が半分になりました。")
    assert not confidential_findings("予算の内示を受けて、各課で事業計画を作り直しています。")


def test_bare_iken_does_not_clear_an_internal_draft_but_a_public_call_does():
    assert confidential_findings("庁内検討資料（案）を送ります。ご意見をください。")
    assert not confidential_findings("地域交通計画（案）を添付します。市民の皆さんのご意見をお寄せください。")


def test_one_finding_per_sentence_across_cnf002_shapes():
    text = "議会に説明する前ですが、予定価格は3,000万円で、体育館を廃止する方向で調整しています。"
    assert len([f for f in confidential_findings(text) if f.rule == "CNF002"]) == 1


def test_findings_block_and_cite_the_secrecy_clause():
    (finding,) = confidential_findings("【部外秘】新庁舎の建設候補地の比較資料です。")
    assert finding.severity.value == "block"
    assert "秘密" in finding.message
    assert finding.citation


def test_a_fraud_warning_clears_only_the_secrecy_request():
    """「口外しないで」と言われ… is a scammer's script in a fraud warning; other stamps in the same post
    are still secrets."""
    assert not confidential_findings("「このことは口外しないで」と言われたら、特殊詐欺の手口です。")
    text = "【部外秘】入札予定表です。特殊詐欺の手口にもご注意ください。"
    assert confidential_findings(text)


def test_the_disclosure_system_does_not_clear_a_withheld_document_posted():
    assert confidential_findings("情報公開請求で非開示とした資料ですが、概要を載せます。")
    assert not confidential_findings("情報公開請求で非開示とした部分には、審査請求ができます。")


def test_unpublished_remark_is_cleared_by_the_city_informing():
    assert confidential_findings("調査結果はまだ公表していませんが、かなり厳しい数字です。")
    assert not confidential_findings("調査結果はまだ公表していません。まとまり次第お知らせします。")


def test_a_short_list_is_a_leak_in_progress_and_news_once_announced():
    assert confidential_findings("新庁舎の建設候補地は、2か所に絞られています。")
    assert not confidential_findings("新庁舎の建設候補地を、2か所に絞り込みました。")


def test_misconduct_split_by_sudachi_is_not_an_apology():
    """Sudachi reads 不祥事案件 as 不祥/事案/件: its 事案 is not the 事案 of an apology for a leak."""
    assert confidential_findings("教員の不祥事案件を現在調査中です。処分が決まるまで公表できません。")
    assert not confidential_findings("職員の不祥事について、現在調査中です。判明次第お知らせします。")


@pytest.mark.parametrize("season", ["アユ漁", "鮎釣り", "伊勢エビ漁", "狩猟"])
def test_an_opening_season_is_not_an_embargo(season: str):
    assert not confidential_findings(f"{season}はまだ解禁前です。")


def test_excerpt_survives_zero_width_evasion():
    text = "庁\u200b内\u200b限\u200bりの資料ですが、参考までに載せます。"
    (finding,) = confidential_findings(text)
    assert text[finding.start : finding.end] == finding.excerpt
    assert finding.excerpt.startswith("庁\u200b内")
