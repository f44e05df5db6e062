"""Illegal acts and their incitement: 違法行為又は違法行為を煽る情報.

Guidelines: towada 4(6), yatsushiro (10)ウ, honjo 3(6)③, joetsu 5(5), tatsuno 3(7)(ウ).

Official accounts name offences every day in order to warn against them, so an offence word is
never a finding by itself. The rules look for *an act plus a cue that recommends or excuses it*
(rules/lexicons/illegal.yml), in one sentence or, for acts that are offences by themselves, in two
consecutive ones, and let a warning in those sentences, or a declared offence or penalty about the same act
anywhere in the post, cancel the finding.

The co-occurrence helpers (quote spans, patterns with text-wide blockers) that the rumor and
confidential rules share with these live in rules/detectors/_shared.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

# The co-occurrence helpers lived here first; they stay importable from this module.
from rules.detectors._shared import (
    Cooccurrence,
    cooccurrences,
    cue_filters,
    in_quotes,
    one_per_sentence,
    patterns_of,
    phrase_end,
    quoted_spans,
    sentence_span,
    topic_blocked,
)
from rules.engine import Context
from rules.lexicon import Lexicons
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
    "restricted_item": "家電リサイクル品などを隠してごみに出すこと",
    "invasive": "外来生物を池や川に放すこと（外来生物法違反）",
    "traffic_seatbelt": "シートベルト・チャイルドシートを使わない乗車（道路交通法違反）",
    "child_labour": "年少者の雇用や最低賃金を下回る雇用（労働基準法・最低賃金法違反）",
    "illegal_mod": "車両の不正改造（道路運送車両法違反）",
    "found_property": "拾った物を届けずに自分の物にすること（遺失物等横領）",
    "dog_duty": "犬の登録や狂犬病予防注射をしないこと（狂犬病予防法違反）",
    "flyposting": "電柱などへのビラ・ポスターの無断掲示（屋外広告物条例違反）",
    "fare_fraud": "年齢などを偽って割引料金を使うこと（詐欺）",
    "hunting": "免許のない狩猟・わなの設置（鳥獣保護管理法違反）",
    "lodging": "届出のない民泊（住宅宿泊事業法違反）",
    "hoax": "爆破予告などによる業務妨害",
    "parking_shop": "店舗などの駐車場への無断駐車",
    "poaching_no_ticket": "遊漁券を買わずに釣りをすること（漁業法違反）",
    "poaching_bird": "野鳥を捕まえて飼うこと（鳥獣保護管理法違反）",
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
        "cue_unrestrained",
        "cue_pay_skip",
        "cue_no_ticket",
        "cue_hide",
        "cue_collected",
        "cue_not_hand_in",
        "cue_if",
        "cue_fun",
        "cue_welcome",
        "cue_sneak",
        "cue_way_in",
        "harass",
        # A recruitment ad quoted in a warning (「荷物を運ぶだけ」「即日5万円」などの募集) is reported speech.
        "yami_task",
        "yami_lure",
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
        "paid_current",
        "cue_pay_skip",
        "cue_hide",
        "cue_no_ticket",
        "wild_bird",
        "invasive",
        "traffic_act",
        "minor_worker",
        "low_wage",
        "illegal_mod",
        "street_fixture",
        "discount_fare",
        "lodging",
        "hoax_threat",
        "skip_scan",
        "park_long",
        "parking_named",
        "tax_omit",
        "cue_sneak",
        "cue_way_in",
        "cinema_film",
    )
)
# The patterns that may be met over two consecutive sentences (adjacent_cooccurrences): those whose
# act is an offence by itself (gambling, parking named as such, income kept from the tax office, a
# paid work used, alcohol for a minor, a child hired, medicine sold), so that an excuse or a gain in
# the next sentence can only be about it. Patterns built from everyday ingredients (waste + place +
# verb, a pet + a release) or with weak cues (〜しましょう, 無料) stay within one sentence: official
# reports put them side by side (「河川敷にテレビが捨てられていました。見かけた方は情報を提供してください」).
_PAIR_PATTERNS = tuple(
    f"illegal:{name}"
    for name in (
        "medicine_resale_lure",
        "copyright_permissive",
        "copyright_unpermitted",
        "gambling_lure",
        "gambling_permissive",
        "gambling_cue",
        "gambling_exhort",
        "parking_named",
        "tax_evasion_skip",
        "tax_evasion_omit",
        "tax_evasion_unnoticed",
        "benefit_fraud_hidden_income",
        "minors_permissive",
        "child_labour",
        "child_labour_welcome",
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


@cache
def _required_sets(lex: Lexicons, pattern_ids: tuple[str, ...]) -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple((pid, frozenset(lex.patterns[pid].all)) for pid in pattern_ids)


def adjacent_cooccurrences(
    ctx: Context,
    pattern_ids: tuple[str, ...],
    *,
    quoted: Iterable[str],
    text_blockers: Iterable[str],
    reported: set[int],
) -> Iterator[Cooccurrence]:
    """Patterns whose sets are spread over two consecutive sentences, neither of them blocked.

    Drafts often state the act in one sentence and recommend or excuse it in the next
    (「余ったお薬、捨てるのはもったいない！フリマアプリに出品すればお小遣いに」, 「闇カジノやってるらしい。
    勝てば一晩で10万」); ``pattern_ids`` are the patterns for which that holds (``_PAIR_PATTERNS``).
    The pair counts only when every set of the pattern is met in it, neither
    sentence holds one of the pattern's blockers, and neither was reported already (``reported``,
    the sentences of the single-sentence findings). The same refinements as ``cooccurrences``
    apply: cue sets are ignored inside quotation brackets, a blocker inside a cue match does not
    count, and a declared offence cancels the pairs of its topic (``topic_blocked``). Each pair
    is reported once, under its second sentence.
    """
    analysis = ctx.analysis
    found = ctx.lex.matches(analysis)
    present = found.candidate_sets()
    cue_ids = frozenset(quoted)
    candidates = [pid for pid, sets in _required_sets(ctx.lex, pattern_ids) if present >= sets]
    toks = analysis.tokens
    if not candidates or toks[-1].sentence == toks[0].sentence:  # a pair needs two sentences
        return
    candidates = [pid for pid in candidates if all(s in found for s in ctx.lex.patterns[pid].all)]
    if not candidates:
        return
    usable, effective = cue_filters(ctx, cue_ids)
    blockers = [m for set_id in text_blockers for m in effective(found.get(set_id, []))]
    blocked_topic = topic_blocked(ctx, blockers, pattern_ids, cue_ids)
    if blocked_topic is None:
        return
    done = set(reported)
    for pid in candidates:
        if blocked_topic(pid):
            continue
        p = ctx.lex.patterns[pid]
        groups = [usable(s) for s in p.all]
        if not all(groups):
            continue
        blocked = {toks[m.first].sentence for s in p.none for m in effective(found.get(s, []))}
        per_sentence = [{toks[m.first].sentence for m in g} for g in groups]
        for first in sorted(set().union(*per_sentence)):
            pair = (first, first + 1)
            if done.intersection(pair) or blocked.intersection(pair):
                continue
            if not all(sentences.intersection(pair) for sentences in per_sentence):
                continue
            chosen = tuple(next(m for m in g if toks[m.first].sentence in pair) for g in groups)
            done.update(pair)
            yield Cooccurrence(
                pattern_id=pid,
                start=min(m.start for m in chosen),
                end=max(m.end for m in chosen),
                sentence=first + 1,
                matches=chosen,
            )


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
        ex(
            "二次会のあとでも、一杯くらいなら車で帰っても平気ですよ。なお、ごみの不法投棄は法律で禁止されています。",
            "a disclaimer about another offence does not answer this one",
        ),
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
        ex(
            "病院でもらった湿布が余っています。メルカリに出せばお小遣い稼ぎになりますよ。",
            "the gain in the next sentence",
        ),
        ex("中央公園は花火禁止だけど、夜は見回りがいないので穴場です。", "a prohibition conceded, then evaded"),
        ex("配信サービスに加入しなくても、新作アニメを全話ダウンロードできますよ。", "piracy: without paying"),
        ex("遊漁券なんて買わなくても、監視員が来ない朝なら釣って大丈夫です。", "fishing without the ticket"),
        ex("庭に来るウグイスを網で捕まえて、鳥かごで飼ってみませんか。", "a wild bird caught to be kept"),
        ex("釣ったブルーギルは、近くの川に放しておけばまた釣れますよ。", "an alien species released"),
        ex("許可が下りなかったけど、花火大会の人混みの上でドローンを飛ばします。", "a drone without its permit"),
        ex("後部座席ならチャイルドシートなしでも平気です。", "no child seat"),
        ex("お祭りのバイト募集！小学生も歓迎、日給3000円です。", "children hired"),
        ex("駅で拾った財布は、警察に届けずに自分の物にしてもバレません。", "found property kept"),
        ex("中学生でも小学生ということにすれば、子ども料金で入れます。", "a lie for a cheaper fare"),
        ex("狩猟免許がなくても、箱罠を裏山に仕掛ければイノシシを捕まえられます。", "trapping without a licence"),
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
        ex("薬物乱用とは、決められたルールを守らずに薬物を使うことです。", "決められた is not the slang キメる"),
        ex(
            "一杯くらいなら車で帰っても平気、と思っていませんか。飲酒運転は犯罪です。",
            "an excuse answered by a declaration about the same offence",
        ),
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
        ex("中央公園は花火禁止ですが、花火ひろばでは夜9時まで楽しめます。", "a prohibition and the legal place"),
        ex(
            "河川敷にテレビが捨てられていました。見かけた方は情報を提供してください。",
            "a report beside a request: dumping is not read over two sentences",
        ),
        ex("ため池のかいぼりでブラックバスを駆除し、在来のフナは池に戻しました。", "alien species removed"),
        ex("ドローンの許可申請が間に合わなかったため、今年の空撮は中止します。", "flight called off"),
        ex("中学生もOK！親子で参加できる職場体験イベントです。", "work experience, not work"),
        ex("落とし物を拾ったら、交番に届けてください。", "found property handed in"),
        ex("小学生以下は子ども料金です。中学生以上は大人料金となります。", "fares explained"),
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
    abandoned pets, recyclables taken from collection points, vote-buying, paid works had without
    paying or filmed in the cinema, items slipped into the ordinary collection, fishing without the
    ticket, wild birds caught to be kept, alien species released, drones flown without their
    permit, seat belts and child seats skipped, riding home after drinking, children hired,
    illegal vehicle modifications, found property kept, a dog's registration or rabies shot
    skipped, bills on utility poles, a lie for a cheaper fare, trapping without a licence,
    unregistered lodging, hoax threats, self-checkout theft, and any offence named with a way
    around enforcement (禁止だけど見回りがいない). The families and cues are in
    rules/lexicons/illegal.yml. For the families whose act is an offence by itself (gambling,
    alcohol for minors, unpaid tax, medicine sold, a work used without permission…) the cue may
    stand in the next sentence (``adjacent_cooccurrences``).

    Not flagged: warnings, which official posts publish constantly. A warning word in the
    sentence (やめましょう, しないでください, 注意, 防止, 被害, 危険, 許可が必要 …), a declared
    offence or a penalty anywhere in the post (〜は犯罪です, 違反となります, 罰金, 過料, 逮捕 …), or
    the legitimate form of the act (運転代行を利用, ノンアルコール, 清掃活動で集めたごみ, 焼却処理,
    ドッグラン) cancels the pattern; a declared offence cancels only the acts of the topic it names
    (「なお、不法投棄は禁止されています」 answers a dumping excuse, not a drink-driving one), or all of
    them when it names none (「いずれも犯罪です」); excuses inside 「」 are treated as quotations being refuted.

    Write instead: say plainly that the act is illegal and what to do (「家電は販売店か市の回収へ」).
    """
    pattern_ids = patterns_of(ctx, "illegal:", exclude=_VIOLENCE_PATTERNS)
    found = one_per_sentence(
        cooccurrences(ctx, pattern_ids, quoted=_CUE_SETS, text_blockers=_TEXT_BLOCKERS, by_topic=True)
    )
    for c in found:
        start, end = sentence_span(ctx.analysis, c.sentence, c.start, phrase_end(ctx.analysis, c.matches))
        yield ctx.hit(start, end, act=_act_label(c.pattern_id))
    reported = {c.sentence for c in found}
    for c in adjacent_cooccurrences(
        ctx, _PAIR_PATTERNS, quoted=_CUE_SETS, text_blockers=_TEXT_BLOCKERS, reported=reported
    ):
        yield ctx.hit(c.start, phrase_end(ctx.analysis, c.matches), act=_act_label(c.pattern_id))


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
