"""Discrimination rules: 差別語, 属性による決めつけ, 排除.

towada 4(5) 人種、思想、信条、職業等で差別し、または差別を助長すること; yatsushiro (10)イ,
honjo 3(6)②, joetsu 5(5) and tatsuno 3(7)(イ) 人種、思想、信条等の差別、又は差別を助長させる情報.

Word lists live in ``rules/lexicons/discrimination.yml``. A neutral mention of a group is the
daily business of a city hall (外国人住民向けの講座, 障害者手帳をお持ちの方, 女性のための相談窓口), so
groups are never flagged on their own: a stereotype needs a group and a negative generalisation in
one sentence, and exclusion needs a refusal aimed right at the group.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rules.detectors._shared import by_sentence, distinct_weight, has_matches, is_command, live_matches
from rules.lexicon import Match
from rules.model import Category, Severity
from rules.registry import Hit, ex, rule
from rules.text import Token

if TYPE_CHECKING:
    from rules.engine import Context

# A stereotype is flagged when its sentence scores this much (see `stereotype` in the lexicon).
_STEREOTYPE_THRESHOLD = 1.0
# "<group>は <predicate>" with the predicate right after the topic is a generic statement about
# the group (黒人は怖い); "高齢者は熱中症が怖い" puts something between and is not. These are
# particles, not vocabulary, so they are checked here rather than matched on every draft.
_TOPIC_PARTICLES = {"は", "って", "なんて", "なんか", "とか"}
_PEOPLE_NOUNS = {"人", "方", "奴", "奴等", "等", "連中", "達", "人達", "人間"}
_TOPIC_REACH = 2
_TOPIC_WEIGHT = 0.5
# How far (in tokens) a refusal may sit after the group it refuses: 外国人の方の入店はお断り.
_EXCLUSION_REACH = 8
_SKIPPABLE_POS = {"助詞", "補助記号", "接頭辞", "空白"}
# Gender groups: refusing them from an event or service is often a legitimate targeted service
# (女性専用の相談窓口), so only hiring restrictions count for them.
_GENDER_GROUPS = {"女性", "男性", "女", "男", "女子", "男子", "女の子"}
# Tokens after a place name that make it a group of people: 大阪人, 沖縄出身, 〜県民.
_PLACE_PEOPLE = {"人", "出身", "出身者", "系", "県民", "府民", "道民", "都民", "民族"}


def _is_katakana(s: str) -> bool:
    return bool(s) and all("\u30a0" <= ch <= "\u30ff" or "\uff66" <= ch <= "\uff9f" for ch in s)


def _has_hiragana(s: str) -> bool:
    return any("\u3041" <= ch <= "\u309f" for ch in s)


@dataclass(frozen=True, slots=True)
class _Group:
    first: int  # token indices
    last: int
    start: int  # normalised offsets
    end: int
    gender: bool


def _groups(ctx: Context) -> list[_Group]:
    """Every mention of a group of people: the lexicon's list plus nationalities and origins.

    Callers ask only once a sentence has a judgement or a refusal, so the token scan is rare; DIS003
    and DIS004 share it (cached on the analysis). Whether the statement is quoted is decided on the
    judgement, not on the group.
    """
    cached = ctx.analysis.__dict__.get("_discrimination_groups")
    if cached is not None:
        return cached
    toks = ctx.analysis.tokens
    out = [
        _Group(m.first, m.last, m.start, m.end, toks[m.first].lemma in _GENDER_GROUPS)
        for m in ctx.lex.find(ctx.analysis, "discrimination:group")
    ]
    for i, t in enumerate(toks):
        # ベトナム人, フィリピン人 (one token), 米国人: a nationality.
        if t.pos[0] == "名詞" and len(t.surface) >= 3 and t.surface.endswith("人"):
            head = t.surface[:-1]
            if _is_katakana(head) or head.endswith("国"):
                out.append(_Group(i, i + 1, t.start, t.end, False))
                continue
        # 大阪人, 沖縄出身, 青森県民: a place and a word for its people.
        if t.pos[2] == "地名" and i + 1 < len(toks) and toks[i + 1].lemma in _PLACE_PEOPLE:
            out.append(_Group(i, i + 2, t.start, toks[i + 1].end, False))
    ctx.analysis.__dict__["_discrimination_groups"] = out
    return out


def _topic_after(toks: list[Token], k: int) -> int | None:
    """The topic particle right after a group (外国人は), or after 〜の人/の奴ら (生活保護の奴らは)."""
    if k + 2 < len(toks) and toks[k].lemma == "の" and toks[k + 1].lemma in _PEOPLE_NOUNS:
        k += 2
        if toks[k].lemma in _PEOPLE_NOUNS and k + 1 < len(toks):  # 奴 + ら
            k += 1
    if k < len(toks) and toks[k].surface in _TOPIC_PARTICLES and toks[k].pos[0] == "助詞":
        return k
    return None


def _counter_argued(ctx: Context) -> bool:
    """The post argues against prejudice, so its stereotypes are quoted to be refuted."""
    return has_matches(ctx, "discrimination:counter")


@rule(
    code="DIS001",
    category=Category.DISCRIMINATION,
    severity=Severity.BLOCK,
    when=("set:discrimination:slur", "set:discrimination:slur_katakana"),
    title="差別語",
    message="『{excerpt}』は特定の人々をおとしめる差別語です。差別や差別の助長と受け取られます。",
    fix="差別語は使わないでください。人を指す場合は「中国の方」「障害のある方」「同性愛の方」など、当事者が用いる呼び方にしてください。",
    matches=[
        ex("駅前はシナ人の観光客でいっぱいでした。", "ethnic slur"),
        ex("あの店の店主はチョンだ。", "ethnic slur in katakana"),
        ex("そんなことをするのはキチガイだけです。", "slur for mental illness"),
        ex("オカマのタレントが来るそうです。", "slur for gay people"),
        ex("めくらでも分かる案内にしてください。", "slur for blind people"),
    ],
    passes=[
        ex("時代祭の武者行列で、チョンマゲのかつらを貸し出します。", "チョンマゲ contains チョン"),
        ex("牧場のノンホモ牛乳が道の駅で買えるようになりました。", "ノンホモ is non-homogenised"),
        ex("盲導犬や聴導犬などの補助犬の同伴にご理解をお願いします。", "盲導犬 is respectful"),
        ex("お釜でご飯を炊く体験ができます。おかまいなく、気軽にご参加ください。", "お釜 and おかまいなく"),
        ex("郷土人形と土人形の展示を行っています。", "土人形 contains 土人"),
        ex("企画展「ホモ・サピエンスの歩み」を開催します。", "Homo sapiens"),
        ex("東シナ海の海洋ごみについて学ぶ講座です。", "東シナ海 is a sea"),
        ex("昔ながらの支那そばの味を受け継ぐお店を紹介します。", "支那そば is a historical dish name"),
        ex("韓国の姉妹都市からチョン・ミンス市長が来訪されました。", "a Korean surname"),
        ex("ため池などの池沼の水質調査を行いました。", "池沼 means ponds and marshes"),
        ex("「土人」という発言は差別にあたります。", "a slur quoted in a human-rights post"),
    ],
)
def slurs(ctx: Context) -> Iterable[Hit]:
    """Slurs and discriminatory terms: シナ人/支那, チョン, ジャップ, 土人, 穢多, 非人, 部落民, キチガイ,
    ガイジ, 池沼, めくら, つんぼ, びっこ, かたわ, 白痴, 知恵遅れ, オカマ, ホモ, レズ, 乞食, ナマポ...

    Why: a slur discriminates by itself, whatever the sentence says (towada 4(5), yatsushiro (10)イ,
    honjo 3(6)②, joetsu 5(5), tatsuno 3(7)(イ)).

    Words that are ordinary in another script or compound are guarded: チョンマゲ, ちょん切る and
    Korean names (チョン・ミンス); ノンホモ牛乳 and ホモ・サピエンス; 盲導犬, 盲点, 盲学校; お釜 and
    おかまいなく (おかま, チョン and エタ count only when not written in hiragana: えた is 得た); 土人形;
    東シナ海, インドシナ, シナモン; 池沼 as "ponds". 支那そば, 支那竹 and 支那事変 are left to the
    author as historical names. A slur quoted to condemn it (「土人」という発言は差別です) passes.

    Instead: use the name people use for themselves (中国の方, 朝鮮半島出身の方, 障害のある方, 視覚に
    障害のある方, 同性愛の方).
    """
    hits = [ctx.hit(m.start, m.end) for m in live_matches(ctx, "discrimination:slur")]
    original = ctx.analysis.original
    for m in live_matches(ctx, "discrimination:slur_katakana"):
        hit = ctx.hit(m.start, m.end)
        if not _has_hiragana(original[hit.start : hit.end]):
            hits.append(hit)
    return hits


@rule(
    code="DIS002",
    category=Category.DISCRIMINATION,
    severity=Severity.WARN,
    when=("set:discrimination:outdated",),
    title="配慮を欠く古い呼び方",
    message="『{excerpt}』は差別的・配慮を欠くとされ、現在は言い換えられている呼び方です。",
    fix="現在の呼び方に改めてください（例：外人→外国人・外国の方、片親→ひとり親、痴呆→認知症、父兄→保護者、看護婦→看護師、保母→保育士）。",
    matches=[
        ex("外人観光客向けの案内板を設置しました。", "外人"),
        ex("片親の家庭を対象にした支援です。", "片親"),
        ex("痴呆の予防には、適度な運動が効果的です。", "痴呆"),
        ex("授業参観には父兄の皆さまのご来校をお待ちしています。", "父兄"),
    ],
    passes=[
        ex("外国人住民向けのやさしい日本語講座を開きます。", "外国人 is the respectful word"),
        ex("ひとり親家庭の方を対象にした就業支援です。", "ひとり親"),
        ex("認知症の予防には、適度な運動が効果的です。", "認知症"),
        ex("横浜の外人墓地を訪ねるバスツアーです。", "外人墓地 is a place name"),
        ex("保護者の皆さまのご来校をお待ちしています。", "保護者"),
    ],
)
def outdated_terms(ctx: Context) -> Iterable[Hit]:
    """Superseded or insensitive terms: 外人, 片親, 痴呆, 精神分裂病, 色盲, 文盲, 身障者, 後進国, 父兄,
    看護婦, 保母, 女々しい...

    Why: these words are not slurs, but they single people out or carry old prejudice and have
    been replaced in law and in official usage; an official post that keeps them 助長する差別
    (towada 4(5)). They warn rather than block, because a historical quotation may need them.
    外人墓地 (a place name) passes.

    Instead: 外国人・外国の方, ひとり親, 認知症, 統合失調症, 色覚障害, 障害のある方, 開発途上国, 保護者,
    看護師, 保育士.
    """
    return [ctx.hit(m.start, m.end) for m in live_matches(ctx, "discrimination:outdated")]


def _stereotype_sentences(ctx: Context) -> Iterator[tuple[_Group, list[Match]]]:
    toks = ctx.analysis.tokens
    yield from _pathologized(ctx)
    predicates = by_sentence(toks, live_matches(ctx, "discrimination:stereotype"))
    unsuited = by_sentence(toks, live_matches(ctx, "discrimination:unsuited"))
    if (not predicates and not unsuited) or _counter_argued(ctx):
        return
    groups = _groups(ctx)
    if not groups:
        return
    generalisers = by_sentence(toks, ctx.lex.find(ctx.analysis, "discrimination:generaliser"))
    jobs = by_sentence(toks, ctx.lex.find(ctx.analysis, "discrimination:job"))
    victims = {toks[m.first].sentence for m in ctx.lex.find(ctx.analysis, "discrimination:victim")}
    seen: set[int] = set()
    # Earliest group first, so that the finding starts at the first group the sentence names.
    for g in sorted(groups, key=lambda g: g.start):
        s = toks[g.first].sentence
        if s in seen or s in victims:
            continue
        preds = predicates.get(s, [])
        unfit = unsuited.get(s, [])
        if not preds and not unfit:
            continue
        score = distinct_weight(preds) + distinct_weight(unfit)
        if unfit and jobs.get(s):
            score += max(m.entry.weight for m in jobs[s])
        if s in generalisers:
            score += max(m.entry.weight for m in generalisers[s])
        topic = _topic_after(toks, g.last)
        if topic is not None and any(0 < m.first - topic <= _TOPIC_REACH for m in preds + unfit):
            score += _TOPIC_WEIGHT
        if score >= _STEREOTYPE_THRESHOLD:
            seen.add(s)
            yield g, preds + unfit


def _pathologized(ctx: Context) -> Iterator[tuple[_Group, list[Match]]]:
    """An orientation or gender identity called an illness or abnormal in the same sentence."""
    claims = live_matches(ctx, "discrimination:pathologize")
    if not claims or _counter_argued(ctx):
        return
    toks = ctx.analysis.tokens
    claims_by_sentence = by_sentence(toks, claims)
    for m in ctx.lex.find(ctx.analysis, "discrimination:sexuality"):
        s = toks[m.first].sentence
        if s in claims_by_sentence:
            yield _Group(m.first, m.last, m.start, m.end, False), claims_by_sentence.pop(s)


@rule(
    code="DIS003",
    category=Category.DISCRIMINATION,
    severity=Severity.BLOCK,
    when=("set:discrimination:stereotype", "set:discrimination:unsuited", "set:discrimination:pathologize"),
    title="属性による決めつけ",
    message="『{excerpt}』は、国籍・出身・性別・障害・家族のかたちなどの属性で人をひとくくりにし、否定的に決めつける表現です。差別を助長するおそれがあります。",
    fix="属性と否定的な評価を結びつける記述は削除してください。個別の出来事を伝える場合も、属性には触れず、事実だけを書いてください。",
    matches=[
        ex("ブラジル人の住民が増えてから、ごみ出しのマナーが悪い気がします。", "nationality + negative generalisation"),
        ex("青森出身の職員は、やっぱり仕事がだらしないですね。", "origin stereotype"),
        ex("女性には管理職は務まらないので、男性を配置しています。", "gender stereotype in a job context"),
        ex("生活保護受給者はルーズな人が多いと言われています。", "stereotype passed on as hearsay"),
        ex("障害者の職員には単純作業しかできません。", "belittles disabled staff"),
    ],
    passes=[
        ex(
            "市内在住の外国人の皆さんを対象に防災講座を開き、フィリピン、ネパール出身の方など20人が参加しました。",
            "neutral mention",
        ),
        ex("性的マイノリティの方が安心して暮らせるまちを目指します。", "inclusive"),
        ex("障害者手帳をお持ちの方は入館料が無料です。", "a service"),
        ex("女性のための健康講座を開きます。", "targeted service"),
        ex("高齢者の見守り活動にご協力ください。", "care"),
        ex("高齢者は暑さを感じにくいため、熱中症に注意が必要です。", "health advice about a group"),
        ex("障害のある方の通行の邪魔にならないよう、点字ブロックの上に物を置かないでください。", "protects the group"),
        ex("「外国人が増えると治安が悪くなる」というのは根拠のない思い込みです。", "refutes a stereotype"),
        ex("高齢者宅への迷惑電話が増えています。", "the group as victims"),
        ex("男女共同参画週間にあわせて、パネル展を開催します。", "gender equality"),
    ],
)
def stereotypes(ctx: Context) -> Iterable[Hit]:
    """A group (nationality, origin, gender, sexuality, disability, family, income, age, religion,
    occupation) and a negative generalisation in one sentence: 〜人は時間にルーズ, 〜出身はだらしない,
    〜が増えて物騒になった, 〜は問題を起こしやすいと言われています, 女性には向かない仕事,
    障害者は簡単な作業しかできない.

    Why: judging people by the group they belong to is discrimination, and an official account that
    repeats a stereotype 差別を助長する (towada 4(5), yatsushiro (10)イ, honjo 3(6)②, joetsu 5(5),
    tatsuno 3(7)(イ)). It blocks: a stereotype cannot be approved with a caveat.

    How: each predicate has a weight (ルーズ, 物騒, 治安が悪い, 問題を起こす, しかできない = 1; 怖い,
    迷惑, うるさい = 0.5); a generaliser (いつも, ばかり, やっぱり, 〜と言われています, 〜気がする) adds 0.5;
    "unsuited" (向かない, 務まらない) is 0.5 and becomes a stereotype with a job context (仕事, 管理職).
    A sentence with a group scores 1 or more to be flagged. A post that argues against prejudice
    (偏見, 差別は許されません, 根拠のない思い込み, 人権) is left alone, as are neutral mentions and
    services (外国人住民向けの講座, 障害者手帳をお持ちの方, 女性のための講座).

    Instead: report what happened without naming the group, or delete the generalisation.
    """
    hits = []
    for g, preds in _stereotype_sentences(ctx):
        start = min(g.start, *(m.start for m in preds))
        end = max(g.end, *(m.end for m in preds))
        hits.append(ctx.hit(start, end))
    return hits


def _excluded_groups(ctx: Context, groups: list[_Group]) -> list[tuple[int, int]]:
    """Spans from a group to a refusal aimed right at it: 外国人お断り, 外国人の方の入店はお断り, 〇〇人は出て行け."""
    toks = ctx.analysis.tokens
    bridge = {m.first for m in ctx.lex.find(ctx.analysis, "discrimination:bridge")}
    group_ends = {g.last: g for g in groups if not g.gender}
    refusals = live_matches(ctx, "discrimination:exclusion")
    refusals += [m for m in live_matches(ctx, "discrimination:exclusion_command") if is_command(toks, m.last - 1)]
    spans = []
    for m in refusals:
        # Walk back from the refusal over particles, symbols and bridge nouns to the group's end.
        k = m.first
        while k not in group_ends and k > 0 and m.first - k < _EXCLUSION_REACH:
            if not (toks[k - 1].pos[0] in _SKIPPABLE_POS or k - 1 in bridge):
                break
            k -= 1
        g = group_ends.get(k)
        if g is not None and toks[g.first].sentence == toks[m.first].sentence:
            spans.append((g.start, m.end))
    return spans


@rule(
    code="DIS004",
    category=Category.DISCRIMINATION,
    severity=Severity.BLOCK,
    when=("set:discrimination:exclusion", "set:discrimination:exclusion_command", "set:discrimination:gender_limit"),
    title="属性による排除・採用での性別限定",
    message="『{excerpt}』は、属性を理由に人を排除する、または採用を性別で限定する表現です。差別にあたるおそれがあります。",
    fix="国籍・障害・性別などを理由に利用や採用を断る記述は削除し、必要な条件は「○○の資格をお持ちの方」のように、職務や利用に必要な要件で書いてください。",
    matches=[
        ex("当施設は外国人の方の入店をお断りしています。", "refuses foreigners"),
        ex("外国人は国へ帰れ！", "tells a group to leave"),
        ex("【職員募集】現場作業員（男性限定）を若干名採用します。", "men-only hiring"),
        ex("障害者お断りの物件が多いのが現状です。", "refuses disabled tenants"),
    ],
    passes=[
        ex("女性専用の相談窓口を開設しました。", "a women-only service"),
        ex("女性限定のヨガ教室の参加者を募集します。", "a women-only class"),
        ex("女性の就職を支援するセミナーの参加者を募集します。", "job support for women"),
        ex("「外国人お断り」といった張り紙は差別にあたります。", "quoted to condemn it"),
        ex("高齢者の方は予約はいりません。", "no refusal"),
        ex("電話での申し込みはお断りしています。", "a refusal without a group"),
    ],
)
def exclusion(ctx: Context) -> Iterable[Hit]:
    """Refusing people for who they are (外国人お断り, 障害者の入居不可, 〇〇人は出て行け) and restricting
    a job to men (職員募集 + 男性限定, 男性のみ, 容姿端麗).

    Why: refusing a service or a home by nationality, disability, origin or age is discrimination,
    and a men-only job advertisement breaks the Equal Employment Opportunity Act (art. 5);
    publishing either 差別を助長する (all five guidelines).

    Women-only services and classes (女性専用の相談窓口, 女性限定のヨガ教室) are targeted support and
    pass; so does women-only hiring, which the same Act (art. 8) allows as positive action. A
    refusal quoted to condemn it (「外国人お断り」といった張り紙は差別です) passes.

    Instead: state the requirement the job or service really needs (資格, 体力測定の基準, 年齢の法的要件).
    """
    hits: list[Hit] = []
    refusing = has_matches(ctx, "discrimination:exclusion") or has_matches(ctx, "discrimination:exclusion_command")
    if refusing and not _counter_argued(ctx):
        hits += [ctx.hit(s, e) for s, e in _excluded_groups(ctx, _groups(ctx))]
    if ctx.lex.find(ctx.analysis, "discrimination:employment") and not _counter_argued(ctx):
        hits += [ctx.hit(m.start, m.end) for m in live_matches(ctx, "discrimination:gender_limit")]
    return hits
