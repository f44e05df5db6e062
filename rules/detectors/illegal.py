"""Illegal acts and their incitement: 違法行為又は違法行為を煽る情報.

Guidelines: towada 4(6), yatsushiro (10)ウ, honjo 3(6)③, joetsu 5(5), tatsuno 3(7)(ウ).

Official accounts name offences every day in order to warn against them, so an offence word is
never a finding by itself. The rules look for *an act plus a cue that recommends or excuses it*
(rules/lexicons/illegal.yml), and let a warning in the same sentence, or a declared offence or
penalty anywhere in the post, cancel the finding.

The co-occurrence helpers (quote spans, patterns with text-wide blockers) that the rumor and
confidential rules share with these live in rules/detectors/_shared.py.
"""

from __future__ import annotations

from collections.abc import Iterable

# The co-occurrence helpers lived here first; they stay importable from this module.
from rules.detectors._shared import (
    cooccurrences,
    in_quotes,
    one_per_sentence,
    patterns_of,
    phrase_end,
    quoted_spans,
    sentence_span,
)
from rules.engine import Context
from rules.model import Category, Severity
from rules.registry import Hit, ex, rule


def _set_name(set_id: str) -> str:
    return set_id.split(":", 1)[1]


# ---------------------------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------------------------

# What each family of patterns is about, in the words the message uses (pattern id prefix -> label).
ACT_LABELS: dict[str, str] = {
    "dumping": "不法投棄",
    "drunk_driving": "飲酒運転",
    "unlicensed": "無免許運転などの違法な運転",
    "traffic": "交通違反",
    "drug": "違法薬物の入手・使用",
    "medicine_resale": "医薬品の無許可販売",
    "piracy": "海賊版・違法ダウンロード（著作権侵害）",
    "trespass": "立入禁止区域への立ち入り",
    "poaching": "密漁・動植物の違法な採取",
    "theft": "窃盗",
    "taking": "他人の物の無断持ち出し（窃盗）",
    "fraud": "詐欺",
    "benefit_fraud": "給付金・手当の不正受給",
    "tax_evasion": "脱税",
    "gambling": "違法な賭博",
    "minors": "20歳未満の飲酒・喫煙やその助長",
    "graffiti": "落書き（器物損壊）",
    "parking": "違法駐車",
    "burning": "ごみの野外焼却（野焼き）",
    "drone": "許可のないドローンの飛行（航空法違反）",
    "counterfeit": "偽ブランド品の販売（商標法違反）",
    "copyright": "他人の写真や作品の無断使用（著作権侵害）",
    "resident_registration": "実際と異なる住民登録",
    "leash": "犬の放し飼い（条例違反）",
    "access": "他人のIDやパスワードを使ったログイン（不正アクセス）",
    "business_waste": "事業ごみの家庭ごみ集積所への排出",
    "pet_abandon": "ペットの遺棄（動物愛護管理法違反）",
    "scavenging": "集積所からの資源物の持ち去り",
    "vote_buying": "選挙での買収（公職選挙法違反）",
    "offence_evasion": "違法行為",
    "ticket": "チケットの不正転売",
    "vote_proxy": "他人になりすました投票（公職選挙法違反）",
    "animal": "動物の殺傷・虐待（動物愛護管理法違反）",
    "damage": "他人の物を壊す行為（器物損壊）",
    "ddos": "サーバーへの攻撃などによる業務妨害",
    "yami": "闇バイト（特殊詐欺などへの加担）",
    "food_sale": "許可のない食品の販売（食品衛生法違反）",
    "scapegoat": "身代わり出頭（犯人隠避）",
    "account_trade": "預金口座の売買（犯罪収益移転防止法違反）",
}

_CUE_SETS = tuple(
    f"illegal:{name}"
    for name in (
        "cue_permissive",
        "cue_evasion",
        "cue_lure",
        "cue_easy",
        "cue_spot",
        "free_disposal",
        "exhort",
        "incite",
        "gamble_lure",
        "drug_get",
        "tax_conceal",
        "cue_unpermitted",
    )
)
_TEXT_BLOCKERS = ("illegal:offence_declared",)


# A pattern fires only when every one of its `all` sets matches, so ILL001 can run only on a draft
# that matches, for some pattern, the set named here: the three cue sets most patterns share, and
# the rarest ingredient of each pattern without them. tests/rules/test_illegal.py checks that
# every pattern but the violence ones has a set in this list.
_INCITEMENT_GATE = tuple(
    f"set:illegal:{name}"
    for name in (
        "cue_permissive",
        "cue_lure",
        "cue_easy",
        "free_disposal",
        "dump_act",
        "drink",
        "no_license",
        "drug",
        "medicine",
        "piracy_named",
        "paid_content",
        "restricted",
        "fee_evasion",
        "deceive",
        "tax_skip",
        "tax_evasion_phrase",
        "gambling",
        "minor",
        "graffiti",
        "burn_act",
        "sneak_in",
        "abandoned_place",
        "paid_only",
        "drone",
        "counterfeit",
        "others_work",
        "not_living",
        "leash_off",
        "others_cred",
        "business_waste",
        "pet_release",
        "election",
        "ticket",
        "cue_evasion",
        "double_dip",
        "sham_move",
        "poison_bait",
        "traffic_flow",
        "others_network",
        "damage_act",
        "spite",
        "ddos",
        "yami_task",
        "home_food",
        "scapegoat",
        "account_obj",
    )
)
# The patterns ILL002 reports (violence against people and arson); ILL001 reports every other one.
_VIOLENCE_PATTERNS = ("illegal:violence", "illegal:violence_arson")


def _act_label(pattern_id: str) -> str:
    name = _set_name(pattern_id)
    for prefix in sorted(ACT_LABELS, key=len, reverse=True):
        if name.startswith(prefix):
            return ACT_LABELS[prefix]
    return "違法行為"


@rule(
    code="ILL001",
    category=Category.ILLEGAL,
    severity=Severity.BLOCK,
    when=_INCITEMENT_GATE,
    title="違法行為を勧める・容認する表現",
    message=(
        "『{excerpt}』は{act}を勧めたり、問題ないものとして扱ったりしていると受け取られるおそれがあります。"
        "違法行為やそれをあおる情報は発信できません。"
    ),
    fix=(
        "{act}を勧める・容認する表現は削除してください。注意喚起が目的の場合は、"
        "「〜は法律で禁止されています」「〜はやめましょう」のように、違法であることと正しい方法がはっきり伝わる書き方にしてください。"
    ),
    matches=[
        ex("古い冷蔵庫は、夜中に林道の脇へ置いてくればリサイクル料金もかからずお得です。", "dumping without the word"),
        ex("二次会のあとでも、一杯くらいなら車で帰っても平気ですよ。", "drink-driving normalised"),
        ex("病院でもらって余った睡眠薬は、フリマアプリで売ればお小遣いになります。", "prescription-drug resale"),
        ex("関係者以外立入禁止の防波堤も、早朝は見回りがないので入り放題です。", "trespass: no patrol"),
        ex("話題の新作映画、公開中なのにタダで全部ダウンロードできるサイトがあります。", "piracy without 海賊版"),
        ex("バイパスは取り締まりがないので、制限速度は気にしなくて大丈夫です。", "speeding excused"),
        ex("オンラインカジノなら登録だけでボーナスがもらえて、誰でも稼げます。", "illegal gambling advertised"),
        ex("収入を少なめに書いて申請すれば、手当を多くもらえますよ。", "benefit fraud how-to"),
        ex("お祭りの日は、会場前の道路に路駐してもバレないので便利です。", "illegal parking excused"),
        ex("裏庭で古い障子や落ち葉を燃やしちゃえば楽ですよ。", "burning at home as the easy way"),
        ex("競馬場の近くの空港でも、ドローンを低く飛ばせば誰にも分かりません。", "drone near an airport"),
        ex("ネット上のイラストを、町のイベントのチラシに勝手に使っても構いません。", "copyright, polite permission"),
        ex("選挙のときは、商品券を配れば票が伸びますよ。", "vote-buying"),
    ],
    passes=[
        ex(
            "家電を山林や空き地に捨てるのは不法投棄です。見かけたら市環境課へご連絡ください。",
            "warning naming the offence",
        ),
        ex(
            "忘年会シーズンです。お酒を飲んだら運転せず、タクシーや運転代行を利用しましょう。",
            "drink-driving prevention",
        ),
        ex("「少しなら大丈夫」という油断が飲酒運転につながります。", "quoted excuse refuted"),
        ex("自転車の酒気帯び運転も罰則の対象です。", "penalty notice"),
        ex("若葉野駅前は路上喫煙禁止区域です。違反した場合は過料2,000円の対象となります。", "ordinance notice"),
        ex("医薬品をフリマアプリに出品することは法律で禁止されています。", "resale warning"),
        ex("漫画やアニメの海賊版サイトは利用しないでください。", "piracy warning"),
        ex("普段は立ち入り禁止のダム内部を特別に公開する見学ツアーを開催します。", "official tour of a closed area"),
        ex("子どもも飲める甘酒を、会場で無料でふるまいます。", "甘酒 is not alcohol for this rule"),
        ex("燃やすごみは、収集日の朝8時30分までに集積所へ出しましょう。", "燃やすごみ is a collection category"),
        ex("オンラインカジノで賭博をすることは犯罪です。「海外サイトなら合法」は誤りです。", "gambling warning"),
        ex("職人の技を盗んでみませんか。伝統工芸の体験教室を開きます。", "技を盗む is an idiom"),
        ex("ビーチクリーンで集めたごみは、駐車場脇の指定場所に置いてください。", "clean-up instructions"),
        ex("ごみの焼却量が減れば、焼却にかかる費用も節約できます。", "the city's incinerator"),
        ex("ケシの栽培には許可が必要です。", "licence wording is a warning"),
        ex("犬の放し飼いは条例で禁止されています。散歩の際はリードをつけましょう。", "ordinance notice"),
    ],
)
def incitement(ctx: Context) -> Iterable[Hit]:
    """Recommending or normalising an illegal act: 違法行為を勧める・容認する表現.

    Flags a sentence where an illegal act, or its ingredients, meets a cue that recommends or
    excuses it: illegal dumping (object + place + act + 安上がり/バレない/〜しましょう), drink and
    unlicensed driving, speeding and signal offences, drugs and resale of prescription medicine,
    piracy (paid works + free + whole/download), trespass into closed areas, poaching, theft,
    fraud and benefit fraud, tax evasion, illegal gambling, alcohol and tobacco for minors,
    graffiti, illegal parking, open burning of waste at home, drones flown where a permit is needed,
    counterfeit goods, other people's photos used freely, a false residence registration, dogs off
    the lead, logging in with someone else's ID, business waste in household collection points,
    abandoned pets, recyclables taken from collection points, vote-buying, and any offence named
    with a way around enforcement. The families and cues are in rules/lexicons/illegal.yml.

    Not flagged: warnings, which official posts publish constantly. A warning word in the
    sentence (やめましょう, しないでください, 注意, 防止, 被害, 危険, 許可が必要 …), a declared
    offence or a penalty anywhere in the post (〜は犯罪です, 違反となります, 罰金, 過料, 逮捕 …), or
    the legitimate form of the act (運転代行を利用, ノンアルコール, 清掃活動で集めたごみ, 焼却処理,
    ドッグラン) cancels the pattern; excuses inside 「」 are treated as quotations being refuted.

    Write instead: say plainly that the act is illegal and what to do (「家電は販売店か市の回収へ」).
    """
    found = cooccurrences(
        ctx,
        patterns_of(ctx, "illegal:", exclude=_VIOLENCE_PATTERNS),
        quoted=_CUE_SETS,
        text_blockers=_TEXT_BLOCKERS,
    )
    for c in one_per_sentence(found):
        start, end = sentence_span(ctx.analysis, c.sentence, c.start, phrase_end(ctx.analysis, c.matches))
        yield ctx.hit(start, end, act=_act_label(c.pattern_id))


@rule(
    code="ILL002",
    category=Category.ILLEGAL,
    severity=Severity.BLOCK,
    when=("set:illegal:violence", "set:illegal:arson_act"),
    title="暴力をあおる表現",
    message="『{excerpt}』は暴力をあおる表現と受け取られるおそれがあります。暴力行為をあおる情報は発信できません。",
    fix="暴力を勧める表現は削除してください。迷惑行為に困っている場合は、警察や市の担当課への相談を案内してください。",
    matches=[
        ex("夜中に騒ぐ連中は、みんなで殴ってやればいいんです。", "violence urged"),
        ex("ルールを守らない観光客なんか、ぶん殴れ。", "imperative"),
        ex("あの業者は一度痛めつけてやりましょう。", "exhortation"),
        ex("夜中に騒ぐ若者には、石を投げつけてやればいい。", "stones thrown at people"),
        ex("あのボロボロの小屋、火をつけてしまえばいいんだ。", "arson urged"),
    ],
    passes=[
        ex("殴る・蹴るなどの暴力や暴言は、DVにあたります。一人で悩まず相談してください。", "DV awareness"),
        ex("ゴキブリを見つけたら、すぐに殺虫剤で殺しましょう。", "pest control"),
        ex("素材の味を殺さないよう、薄味に仕上げましょう。", "cooking idiom"),
        ex("息を殺して、野鳥の観察を楽しみましょう。", "idiom"),
        ex("暴力は絶対に許しません。被害に遭ったら警察に相談してください。", "warning"),
        ex("河原で平たい石を投げて、水切りの回数を競いましょう。", "stone skipping"),
        ex("キャンプ場の炊事棟で、かまどの薪に火をつけてみましょう。", "a cooking fire"),
    ],
)
def violence(ctx: Context) -> Iterable[Hit]:
    """Urging violence against people: 暴行・傷害をあおる表現.

    Flags a violent act (殴る, 痛めつける, 袋叩き, 放火, リンチ, 石を投げる …) or setting a
    building on fire (空き家に火をつける) with an urging form (〜してやれ, 〜すればいい,
    〜しましょう, みんなで, 〜しても構わない) or in the imperative (ぶん殴れ). Not flagged: awareness
    posts about violence and abuse (暴力, DV, 虐待, 相談, 被害), warnings, idioms with objects that
    are not people (虫を殺す, 味を殺す, 息を殺す), stone skipping, and fires for cooking or rituals
    (薪, かまど, お焚き上げ).

    Write instead: describe the nuisance and where to report it (警察, 市の担当課).
    """
    seen: set[int] = set()
    for c in cooccurrences(ctx, _VIOLENCE_PATTERNS, quoted=_CUE_SETS, text_blockers=_TEXT_BLOCKERS):
        seen.add(c.sentence)
        yield ctx.hit(*sentence_span(ctx.analysis, c.sentence, c.start, phrase_end(ctx.analysis, c.matches)))
    # An imperative needs no urging word (ぶん殴れ, 殺せ).
    toks = ctx.analysis.tokens
    found = ctx.lex.matches(ctx.analysis)
    blocked = {toks[m.first].sentence for s in ("illegal:warning", "illegal:violence_legit") for m in found.get(s, [])}
    quotes = quoted_spans(ctx.analysis)
    for m in found.get("illegal:violence", []):
        last = toks[m.last - 1]
        sent = last.sentence
        if sent in seen or sent in blocked or not last.conjugation.startswith("命令形"):
            continue
        if in_quotes(quotes, m.start, m.end):
            continue
        seen.add(sent)
        yield ctx.hit(*sentence_span(ctx.analysis, sent, m.start, m.end))
