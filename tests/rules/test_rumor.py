"""Rumours and unfounded information (RUM001–RUM004), beyond the rules' own examples.

The flagged list varies the hearsay forms (らしい, そうだ, とか, って, 噂, 聞いた話, 確認は取れて
いない …); the passing list is what official posts say that looks alike: typicality らしい,
めずらしい, the appearance そう, sourced reportage, lore, refutations of rumours, warnings about
misinformation, and health or safety advice phrased as 〜と言われています.
"""

from __future__ import annotations

import pytest

from rules import Draft, Engine, Settings
from rules.model import Category, Severity
from rules.registry import REGISTRY

ENGINE = Engine(Settings(policy="default"))


def rumor_findings(text: str):
    return [f for f in ENGINE.screen(Draft(text=text)).findings if f.category is Category.RUMOR]


FLAGGED = [
    ("来年度から市立図書館が民間に委託されるらしいですよ。", "らしい after a passive"),
    ("市長が次の選挙に出ないらしいよ。", "らしい after a negative"),
    ("イベントは中止らしいです。", "らしい after an event noun"),
    ("夏祭りの花火がなくなるﾗｼｲ…", "half-width evasion"),
    ("駅前の商業ビルは年内に閉店するそうです。", "unsourced evidential そう"),
    ("来月から燃えるごみの収集が週1回に減るとのことです。", "unsourced とのこと"),
    ("新しい体育館の完成は1年遅れるとか。", "sentence-final とか"),
    ("北小の先生が辞めるって話、聞きましたか？", "って話"),
    ("給食センターの新しい業者は、市長の親戚の会社なんだって。", "なんだって"),
    ("市長が辞任するって噂を聞きました。", "って噂"),
    ("北小学校は再来年に統合されるという噂を聞きました。", "という噂"),
    ("噂では、駅前に大型商業施設ができるそうです。", "噂では"),
    ("知人から聞いたのですが、市営プールは今年で終わりです。", "unnamed source"),
    ("関係者によると、新しい体育館の建設は白紙に戻るそうです。", "関係者によると"),
    ("近所の人の話だと、公園の桜並木が伐採されるみたいです。", "neighbour"),
    ("真偽はわかりませんが、駅前で通り魔が出たそうです。", "真偽は分からない"),
    ("未確認情報ですが、北インター付近で大きな事故があったようです。", "未確認情報"),
    ("本当かどうか分かりませんが、来年から燃えるごみが有料になるみたいです。", "本当かどうか"),
    ("新駅の建設が中止になるという情報がSNSで出回っています。", "spreading, not refuted"),
    ("来週、大きな地震が来るという噂があります。今のうちに水を買っておきましょう。", "panic buying"),
    ("ネットで見たんですけど、水道水に有害物質が混ざっているらしいです。拡散してください。", "spread it"),
    ("外国人が増えると地域の治安が悪くなると言われています。", "stereotype"),
]

PASSES = [
    ("日差しにも夏らしさが出てきました。", "接尾辞 らしさ"),
    ("誰もが自分らしく暮らせるまちを目指します。", "自分らしく"),
    ("子どもらしい笑顔があふれる運動会になりました。", "typicality"),
    ("いかにも秋らしい爽やかな一日でした。", "typicality after a noun"),
    ("町内でアカウミガメが産卵するのはめずらしい出来事です。", "めずらしい"),
    ("すばらしい演奏に、会場から大きな拍手が送られました。", "すばらしい"),
    ("夕方から雨が降りそうです。傘をお持ちください。", "appearance そう"),
    ("今年は例年より紅葉が遅くなりそうです。", "appearance そう after 連用形"),
    ("明日は雪が降るそうです。路面の凍結にご注意ください。", "weather hearsay is a forecast"),
    ("気象台によると、今夜から明日にかけて大雪になるそうです。", "named source"),
    ("店主の佐藤さんは、毎朝4時から仕込みを始めるそうです。", "interview"),
    ("田植えを体験した児童の中には、田んぼに入るのが初めての子も多かったそうです。", "past reportage"),
    ("この地域では、昔から塩づくりが盛んだったそうです。", "lore"),
    ("このお店は地元の人の憩いの場になっているそうです。", "lasting state"),
    ("児童手当の振込口座が未確認の方には、個別にお知らせを送っています。", "administrative 未確認"),
    ("被害の状況については、現在確認中です。分かり次第お知らせします。", "fact-finding"),
    ("道の駅の噂の絶品ソフトクリームを食べてきました。", "噂の = talked-about"),
    ("災害時には様々な噂が飛び交います。正しい情報を確認しましょう。", "talk about rumours"),
    ("「ダムが決壊するらしい」という書き込みがありますが、そのような事実はありません。", "refutation"),
    ("市内全域で断水するという情報が広まっていますが、これは誤りです。拡散はお控えください。", "refutation"),
    ("この後断水するとの噂が広がっていますが、断水の予定はありません。", "refutation"),
    (
        "トイレットペーパーがなくなるらしい、という話を耳にしますが、なくなりません。必要な分だけ購入しましょう。",
        "calming",
    ),
    ("SNS上のデマにご注意ください。", "misinformation warning"),
    ("出どころのわからない情報は、他の人に伝えないでください。", "please do not spread"),
    ("真偽不明の情報を拡散しないよう、公式の発表をご確認ください。", "warning"),
    ("新型コロナウイルスに関する正しい情報は、厚生労働省のホームページでご確認ください。", "pointer to source"),
    ("この神社の大杉は、樹齢800年と言われています。", "lore"),
    ("高齢者は熱中症になりやすいと言われています。こまめな水分補給を心がけましょう。", "health advice"),
    ("高齢者は特殊詐欺の被害に遭いやすいと言われています。", "victims, not stereotype"),
    ("適度な運動は、生活習慣病の予防に効果があると言われています。", "general advice"),
    ("台風に備え、今のうちに飲料水や非常食を確認しておきましょう。", "preparedness"),
    ("参加した生徒は「楽しかった」と話していました。", "quoted participant"),
    ("好奇心や、友人・知人に誘われて始めるケースが多いと聞いています。", "知人に誘われ is not a source"),
]


@pytest.mark.parametrize(("text", "note"), FLAGGED, ids=[n for _, n in FLAGGED])
def test_rumours_are_flagged(text: str, note: str):
    assert rumor_findings(text), f"should be flagged as rumor ({note}): {text}"


@pytest.mark.parametrize(("text", "note"), PASSES, ids=[n for _, n in PASSES])
def test_official_posts_pass(text: str, note: str):
    assert not rumor_findings(text), f"false alarm ({note}): {text}"


def test_excerpt_is_the_claim_not_the_particle():
    (finding,) = rumor_findings("駅前の商業ビルは年内に閉店するそうです。")
    assert finding.excerpt == "駅前の商業ビルは年内に閉店するそうです"
    assert "噂" in finding.message


def test_panic_rule_blocks_by_default_while_hearsay_warns():
    assert REGISTRY.get("RUM003").severity is Severity.BLOCK
    assert REGISTRY.get("RUM001").severity is Severity.WARN
    assert REGISTRY.get("RUM002").severity is Severity.WARN


def test_panic_rule_fires_on_hearsay_plus_an_urge():
    from rules.engine import Context
    from rules.text import Analysis

    text = "近々お米が店頭から消えるとの噂です。買えなくなる前に買っておくと安心ですよ。"
    ctx = Context(draft=Draft(text=text), settings=ENGINE.settings, analysis=Analysis(text), lex=ENGINE.lex)
    hits = list(REGISTRY.get("RUM003").detect(ctx))
    assert len(hits) == 1
    assert "買っておく" in text[hits[0].start : hits[0].end]


def test_hearsay_gate_holds_every_trigger():
    # RUM001 looks only at tokens that start a trigger, so each trigger must contain a gate literal.
    from rules.detectors.rumor import _TRIGGER_RE

    literals = REGISTRY.get("RUM001").when.literals
    for trigger in _TRIGGER_RE.pattern.split("|"):
        assert any(literal in trigger for literal in literals), trigger
