"""Discrimination rules: 差別語, 属性による決めつけ, 排除.

towada 4(5) 人種、思想、信条、職業等で差別し、または差別を助長すること; yatsushiro (10)イ,
honjo 3(6)②, joetsu 5(5) and tatsuno 3(7)(イ) 人種、思想、信条等の差別、又は差別を助長させる情報.

Word lists live in ``rules/lexicons/discrimination.yml``. A neutral mention of a group is the
daily business of a city hall (外国人住民向けの講座, 障害者手帳をお持ちの方, 女性のための相談窓口), so
groups are never flagged on their own: a stereotype needs a group and a negative generalisation in
one sentence, and exclusion needs a refusal aimed right at the group.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from rules.detectors._shared import (
    by_sentence,
    distinct_weight,
    has_matches,
    is_command,
    is_mention,
    live_matches,
    quoted_spans,
)
from rules.lexicon import Lexicons, Match
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
# Nouns for people that may stand between a group and its topic particle: 外国人の子どもは,
# 黒人の客は, 障害のある子どもは, 母子家庭の子は.
_PEOPLE_NOUNS = {
    "人", "方", "奴", "奴等", "等", "連中", "達", "人達", "人間", "子供", "子", "児童", "生徒", "学生",
    "客", "住民", "職員", "社員", "労働者", "実習生", "家庭", "世帯", "親", "母親", "父親", "嫁", "妻",
    "患者", "人々", "方々", "観光客", "旅行者", "利用者", "住人", "民族", "家の子", "皆", "さん", "様", "君",
    "ちゃん",
}  # fmt: skip
# Verb endings between a group phrase and the people it describes: 精神科に通院中の方は,
# 生活保護を受けている人は, 避難してきた人は.
_VERB_TAILS = {"て", "で", "てる", "でる", "居る", "た", "だ", "中", "為る", "れる", "られる", "来る"}
# Words that may stand between a topic and its predicate without counting towards _TOPIC_REACH:
# adverbs and the filler なんか (黒人の店員はなんか怖い).
_TOPIC_FILLERS = {"何", "か", "なんか", "なんて"}
_TOPIC_REACH = 2
_TOPIC_WEIGHT = 0.5
# 〜しやすい, 〜しがち right after a predicate make it a tendency of the group (非行に走りやすい).
_TENDENCY = {"易い", "がち", "勝ち"}
_TENDENCY_WEIGHT = 0.5
# "The others" whose burden a nuisance is (他の受講者の, 周りの, みんなの), at most this many tokens
# before it: 他/の/御/客/さん/の.
_OTHERS = {"他", "外", "周り", "周囲", "皆"}
_OTHERS_REACH = 6
_NEGATIONS = {"ない", "無い", "ず", "ぬ"}
# Words (adverbs not counted) between 一緒に働くのは and the aversion: 正直, とても.
_AVERSION_REACH = 1
# Words that condemn what a quotation says (「外人は出ていけ」という落書きは差別です): a quoted sentence
# with an outdated term is then reported, not published.
_CONDEMNING = {
    "差別", "差別的", "偏見", "不適切", "不快", "蔑称", "差別語", "差別用語", "ヘイトスピーチ", "誹謗中傷", "侮辱",
}  # fmt: skip
# How far (in tokens) 〜のせいで may follow its group: の, or が増えた.
_BLAME_REACH = 4
# What may close a sentence after its main predicate: だろう, ですよ, ね.
_FINAL_PARTICLES = {"だ", "です", "だろう", "でしょう", "よ", "ね", "な", "わ", "さ", "ぞ"}
# How far (in tokens) a refusal may sit after the group it refuses: 外国人の方の入店はお断り.
_EXCLUSION_REACH = 8
# How far (in tokens) a limit may sit after a marital status: 独身女性に限る, 既婚者は不可.
_MARITAL_REACH = 4
_SKIPPABLE_POS = {"助詞", "補助記号", "接頭辞", "空白"}
# Gender groups: refusing them from an event or service is often a legitimate targeted service
# (女性専用の相談窓口), so only hiring restrictions count for them.
_GENDER_GROUPS = {"女性", "男性", "女", "男", "女子", "男子", "女の子", "嫁", "妻"}
# Group kinds (the first word of a group entry's `why`) that may not be refused a service or a home
# (外国籍の方は対象外, 障害のある方はご利用いただけません). Age, income and infection are not here:
# 65歳以上の方は対象外 and 生活保護受給世帯は対象外 are the rules of a scheme.
_SERVICE_KINDS = {
    "nationality", "ethnicity", "race", "buraku", "origin", "sexuality", "disability", "religion", "belief",
}  # fmt: skip
# A polite refusal (ご遠慮ください, お断りします) turns people away from an event or a place, which no
# occupation, income, education or illness justifies (派遣・フリーターの方はご遠慮ください, 精神科に
# 通院中の方はご応募をご遠慮いただいております). Age and infection stay out: 高齢の方や持病のある方は
# 参加をご遠慮ください and 感染者の方の面会はご遠慮ください are health rules.
_POLITE_REFUSAL_KINDS = _SERVICE_KINDS | {"occupation", "income", "education", "illness"}
# A group named earlier in the sentence as the reason for a refusal (外国人の入居はトラブルのもとになる
# ため、…お断りする): any kind but gender, age and infection (感染者が増えているため、面会はお断り).
_REASON_EXCLUDED_KINDS = {"gender", "age", "infection"}
# What joins a reason to the refusal it explains: ので, ため, から, and と after a verb (入ると).
_REASON_LINKS = {"ので", "ため", "為", "から"}
# Demonstratives that point back at the group: そういう方のご参加はご遠慮ください.
_POINTING = {"そう", "こう", "ああ", "其の", "此の", "彼の", "そんな", "こんな", "あんな", "其の様", "此の様"}
# After a refusal, a verb of thinking means the refusal is a belief being corrected: 外国籍の方は
# 対象外と思われがちですが、対象です.
_BELIEF_VERBS = {"思う", "言う", "考える", "誤解", "勘違い", "思い込む", "思える"}
# A compound that starts with a group names people when it ends like this: 外国人労働者, 障害者雇用
# does not (it is listed itself), 障害者差別 and 高齢者福祉 do not.
_PEOPLE_ENDINGS = tuple("者人児生客員民層")
# Tokens after a place name that make it a group of people: 大阪人, 沖縄出身, 〜県民.
_PLACE_PEOPLE = {"人", "出身", "出身者", "系", "県民", "府民", "道民", "都民", "民族", "国籍", "籍"}
# A kind of disability that names people: 聴覚障害者, 視覚障害のある方, 発達障害を持つ子.
_DISABILITY_PEOPLE = ("障害者", "障害児")
_DISABILITY = "障害"
# Nouns for people after "<place>の": 沖縄の人, 青森県の連中 (the place's people, not its buildings).
_PLACE_OF_PEOPLE = {"人", "人達", "人間", "連中", "奴", "奴等", "人々", "方々", "県民", "出身者", "方", "皆"}
# "<place>の方" may be a direction (山形の方は大雪): its people are judged only by predicates that
# are traits on their own (weight 1: ルーズ, 民度), never by 危ない or 迷惑, which weather shares.
_PLACE_TRAITS = 1.0
# What may stand between a group and a place it is said to fill: 黒人が多いエリア, 外国人が住んでいる
# 団地, 〇〇人の集まる公園.
_CROWD_VERBS = {"多い", "住む", "集まる", "暮らす", "屯する", "群がる", "集住"}
_CROWD_TAILS = {"て", "で", "居る", "た", "てる"}
# Between a place and the advice to avoid it: particles, adverbs and times (夜は, 一人では).
_AVOID_REACH = 8
_AVOID_FILLERS = {"一人", "夜道", "子供", "女性"}


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
    kind: str  # nationality, disability, age... (see the group set in the lexicon)


def _kind(why: str) -> str:
    return why.split(None, 1)[0] if why else ""


@cache
def _group_heads(lex: Lexicons) -> dict[str, str]:
    """One-word group entries by lemma, with their kind, for compounds that start with one."""
    return {
        e.key[0]: _kind(e.why)
        for e in lex.set("discrimination:group")
        if e.mode == "lemma" and len(e.key) == 1 and len(e.key[0]) >= 2 and not e.has_context
    }


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
        _Group(m.first, m.last, m.start, m.end, toks[m.first].lemma in _GENDER_GROUPS, _kind(m.entry.why))
        for m in ctx.lex.find(ctx.analysis, "discrimination:group")
    ]
    listed = {g.first for g in out}
    heads = _group_heads(ctx.lex)
    for i, t in enumerate(toks):
        if t.pos[0] != "名詞":
            continue
        # ベトナム人, フィリピン人 (one token), 米国人: a nationality.
        if len(t.surface) >= 3 and t.surface.endswith("人"):
            head = t.surface[:-1]
            if _is_katakana(head) or head.endswith("国"):
                out.append(_Group(i, i + 1, t.start, t.end, False, "nationality"))
                continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        # 大阪人, 沖縄出身, 青森県民: a place and a word for its people.
        if t.pos[2] == "地名" and nxt is not None and nxt.lemma in _PLACE_PEOPLE:
            out.append(_Group(i, i + 2, t.start, nxt.end, False, "origin"))
            continue
        # 沖縄の人, 青森県の連中: a place, の and a word for people.
        if t.pos[2] == "地名" and nxt is not None and nxt.lemma == "の" and i + 2 < len(toks):
            who = toks[i + 2]
            if who.lemma in _PLACE_OF_PEOPLE and who.pos[0] == "名詞":
                # 〜の方 is also "towards 〜" (山形の方は大雪で危ない): a "place" group, see _PLACE_TRAITS.
                kind = "place" if who.lemma == "方" else "origin"
                out.append(_Group(i, i + 3, t.start, who.end, False, kind))
                continue
        # クルド人, ロヒンギャ人, ソマリ人: a people Sudachi does not know as a place (a proper noun, or
        # any word in katakana) and 人 as its own token.
        people = nxt is not None and nxt.lemma == "人" and not t.is_name
        if people and ((t.pos[1] == "固有名詞" and nxt.pos[0] == "接尾辞") or _is_katakana(t.surface)):
            out.append(_Group(i, i + 2, t.start, nxt.end, False, "nationality"))
            continue
        lemma = t.lemma
        if i not in listed and len(lemma) > 2:
            if lemma.endswith(_DISABILITY_PEOPLE):  # 聴覚障害者
                out.append(_Group(i, i + 1, t.start, t.end, False, "disability"))
                continue
            if _having(toks, i + 1) and lemma.endswith(_DISABILITY):  # 視覚障害のある
                out.append(_Group(i, i + 3, t.start, toks[i + 2].end, False, "disability"))
                continue
        # 外国人労働者, 障害者施設利用者: one token that starts with a group and names people.
        if i not in listed and len(lemma) > 3 and lemma.endswith(_PEOPLE_ENDINGS):
            for n in range(min(len(lemma) - 1, 6), 1, -1):
                kind = heads.get(lemma[:n])
                if kind is not None:
                    out.append(_Group(i, i + 1, t.start, t.end, False, kind))
                    break
    ctx.analysis.__dict__["_discrimination_groups"] = out
    return out


def _having(toks: list[Token], k: int) -> bool:
    """のある, を持つ, がある, を受ける at token k: 障害のある, 障害を持つ, 生活保護を受ける."""
    return k + 1 < len(toks) and toks[k].lemma in ("の", "を", "が") and toks[k + 1].lemma in ("有る", "持つ", "受ける")


def _people_after(toks: list[Token], k: int) -> int:
    """Token k moved past what turns a group into people: のある/を持つ (発達障害のある), verb endings
    (精神科に通院中の, 生活保護を受けている), 〜の人/の奴ら/の子ども and nouns for people (奴 + ら)."""
    n = len(toks)
    if _having(toks, k):
        k += 2  # 発達障害のある子どもは, 障害を持つ人は
    for _ in range(3):  # 通院 + 中, 受け + て + いる
        if k < n and toks[k].lemma in _VERB_TAILS and toks[k].pos[0] in ("助詞", "助動詞", "動詞", "接尾辞"):
            k += 1
    if k + 1 < n and toks[k].lemma == "の" and toks[k + 1].lemma in _PEOPLE_NOUNS:
        k += 1
    for _ in range(2):  # 奴 + ら, 子 + 達
        if k < n and toks[k].lemma in _PEOPLE_NOUNS and toks[k].pos[0] in ("名詞", "接尾辞"):
            k += 1
    return k


def _topic_after(toks: list[Token], k: int) -> int | None:
    """The topic particle right after a group (外国人は, 女性には) or after the people it names
    (生活保護の奴らは, 外国人の子どもは, 発達障害のある人は, 精神科に通院中の方は)."""
    n = len(toks)
    k = _people_after(toks, k)
    if k + 1 < n and toks[k].surface == "に" and toks[k + 1].surface == "は":
        k += 1
    if k < n and toks[k].surface in _TOPIC_PARTICLES and toks[k].pos[0] == "助詞":
        return k
    return None


def _subject_after(toks: list[Token], k: int) -> bool:
    """The group is the subject or the topic of what follows: 障害者が来ると, 自閉症の子がいると,
    高齢の方は (not 障害者用の駐車場, 高齢者や)."""
    k = _people_after(toks, k)
    return (
        k < len(toks) and toks[k].pos[0] == "助詞" and (toks[k].surface in _TOPIC_PARTICLES or toks[k].surface == "が")
    )


def _near_topic(toks: list[Token], topic: int, m: Match) -> bool:
    """The predicate comes right after the topic (_TOPIC_REACH tokens), adverbs and fillers not
    counted: 黒人の店員はなんか怖い, 外国人はいつも…"""
    if m.first <= topic:
        return False
    counted = 0
    for t in toks[topic + 1 : m.first]:
        if t.pos[0] == "副詞" or t.lemma in _TOPIC_FILLERS or t.pos[1] == "読点":
            continue
        counted += 1
        if counted >= _TOPIC_REACH:
            return False
    return True


def _ends_sentence(toks: list[Token], m: Match) -> bool:
    """The match is the sentence's main predicate: 沖縄出身の人は…仕事にならない。 An unsuited predicate
    that ends a sentence whose topic is a group is said of the group, however far apart they are."""
    k = m.last
    while k < len(toks) and toks[k].sentence == toks[m.first].sentence and toks[k].lemma in _FINAL_PARTICLES:
        k += 1
    return k >= len(toks) or toks[k].sentence != toks[m.first].sentence or toks[k].pos[0] == "補助記号"


def _blames(toks: list[Token], g: _Group, m: Match) -> bool:
    """〜のせいで right after the group (外国人のせいで, 移民が増えたせいだ), with no comma between."""
    return 0 <= m.first - g.last <= _BLAME_REACH and all(toks[k].pos[0] != "補助記号" for k in range(g.last, m.first))


def _tendency(toks: list[Token], m: Match) -> bool:
    """The predicate is said to be a tendency: 非行に走りやすい, 育児放棄しがち."""
    k = m.last
    if k < len(toks) and toks[k].lemma == "為る":
        k += 1
    return k < len(toks) and toks[k].lemma in _TENDENCY


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
        ex("エタの家系だと噂されている。", "caste slur in katakana"),
        ex("学のない連中に説明しても無駄です。", "contempt by education"),
        ex("ボケ老人が運転するから事故が起きる。", "contempt for people with dementia"),
        ex("土方のような言葉づかいはやめてください。", "occupational slur in a comparison"),
        ex("押すだけのバカチョンカメラで十分です。", "a compound that contains an ethnic slur"),
        ex("田舎から出てきた百姓みたいな格好で来庁しないでほしい。", "occupational slur in a comparison"),
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
        ex("土方さんの講演会を公民館で開きます。", "the surname 土方"),
        ex("数学が苦手な方向けの講座です。", "数学 is one token"),
        ex("エタノールで手指を消毒してください。", "エタノール is one token"),
        ex("歴史講座「江戸時代の百姓一揆を読み解く」を開きます。", "百姓 in history, no comparison"),
    ],
)
def slurs(ctx: Context) -> Iterable[Hit]:
    """Slurs and discriminatory terms: シナ人/支那, チョン, バカチョン(カメラ), ジャップ, 土人, 穢多/エタ,
    非人, 部落民, キチガイ, ガイジ, 池沼, めくら, つんぼ, びっこ, かたわ, 白痴, 知恵遅れ, ボケ老人, オカマ,
    ホモ, レズ, 乞食, ナマポ, 学のない, 土方 (どかた)...

    Why: a slur discriminates by itself, whatever the sentence says (towada 4(5), yatsushiro (10)イ,
    honjo 3(6)②, joetsu 5(5), tatsuno 3(7)(イ)).

    Words that are ordinary in another script or compound are guarded: チョンマゲ, ちょん切る and
    Korean names (チョン・ミンス); ノンホモ牛乳 and ホモ・サピエンス; 盲導犬, 盲点, 盲学校; お釜 and
    おかまいなく (おかま, チョン and 穢多 count only when not written in hiragana: えた is 得た); エタノール;
    the surname 土方 (土方さん, 土方歳三: 土方 counts only in a comparison, 土方みたい, 土方のような); 土人形;
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
    title="配慮を欠く古い呼び方・言い回し",
    message="『{excerpt}』は差別的・配慮を欠くとされ、現在は言い換えられている呼び方・言い回しです。",
    fix="現在の言い方に改めてください（例：外人→外国人・外国の方、片親→ひとり親、痴呆→認知症、父兄→保護者、看護婦→看護師、保母→保育士、つんぼ桟敷→蚊帳の外、片手落ち→不公平・一方的）。",
    matches=[
        ex("外人観光客向けの案内板を設置しました。", "外人"),
        ex("片親の家庭を対象にした支援です。", "片親"),
        ex("痴呆の予防には、適度な運動が効果的です。", "痴呆"),
        ex("授業参観には父兄の皆さまのご来校をお待ちしています。", "父兄"),
        ex("議論の経過について、地元はつんぼ桟敷でした。", "idiom built on a slur for deaf people"),
        ex("その説明は片手落ちです。", "idiom read as a slight on disability"),
        ex("痴呆症の家族を介護している方のための相談会です。", "痴呆症 is one token"),
        ex("人権講座「らい病の歴史を学ぶ」を開催します。", "a title the post publishes"),
        ex(
            "「一部の世帯にしか恩恵がなく片手落ちだ」とのご意見もいただいております。",
            "a citizen's words the post repeats",
        ),
        ex("人前で話すとどもってしまう方も大歓迎です。", "どもる for stuttering"),
        ex("道路工事をしてくださっている土方の皆さん、ありがとうございます。", "土方 said of workers"),
    ],
    passes=[
        ex("外国人住民向けのやさしい日本語講座を開きます。", "外国人 is the respectful word"),
        ex("ひとり親家庭の方を対象にした就業支援です。", "ひとり親"),
        ex("認知症の予防には、適度な運動が効果的です。", "認知症"),
        ex("横浜の外人墓地を訪ねるバスツアーです。", "外人墓地 is a place name"),
        ex("保護者の皆さまのご来校をお待ちしています。", "保護者"),
        ex("片手で持てる軽量の消火器です。", "片手 alone"),
        ex("「痴呆」から「認知症」へ呼び方が変わった経緯を学びます。", "the old word quoted on its own"),
        ex("「外人は出ていけ」という落書きは差別です。", "a quoted sentence the post condemns"),
        ex("吃音のある子どもたちへの理解を深める講演会です。", "吃音 is the respectful word"),
    ],
)
def outdated_terms(ctx: Context) -> Iterable[Hit]:
    """Superseded or insensitive terms: 外人, 片親, 痴呆(症), らい病, 精神分裂病, 色盲, 文盲, 身障者, 後進国,
    父兄, 看護婦, 保母, 女々しい, どもる, 土方の皆さん..., and idioms built on a disability: つんぼ桟敷,
    片手落ち. A term quoted on its own is talked about (「痴呆」から「認知症」へ); one inside a quoted
    sentence the post publishes (a title, a citizen's words) is used, unless the sentence condemns it.

    Why: these words are not slurs, but they single people out or carry old prejudice and have
    been replaced in law and in official usage; an official post that keeps them 助長する差別
    (towada 4(5)). They warn rather than block, because a historical quotation may need them.
    外人墓地 (a place name) passes.

    Instead: 外国人・外国の方, ひとり親, 認知症, 統合失調症, 色覚障害, 障害のある方, 開発途上国, 保護者,
    看護師, 保育士, 蚊帳の外, 不公平・一方的.
    """
    return [ctx.hit(m.start, m.end) for m in _outdated_in_use(ctx)]


def _outdated_in_use(ctx: Context) -> list[Match]:
    """Outdated terms the post uses. A term quoted on its own (「片手落ち」という表現) is talked about;
    one inside a quoted sentence the post publishes (a title, 人権講座「らい病の歴史を学ぶ」, or a
    citizen's words, 「…片手落ちだ」とのご意見) is used, unless its sentence condemns the words."""
    out = []
    quotes = None
    analysis = ctx.analysis
    toks = analysis.tokens
    for m in ctx.lex.find(analysis, "discrimination:outdated"):
        if not is_mention(ctx, m):
            out.append(m)
            continue
        quotes = quoted_spans(analysis) if quotes is None else quotes
        q = next(((a, b) for a, b in quotes if a <= m.start and m.end <= b), None)
        if q is None:
            continue
        sent = toks[m.first].sentence
        inside = [i for i, t in enumerate(toks) if q[0] < t.start and t.end < q[1] and t.pos[0] != "補助記号"]
        alone = all(m.first <= i < m.last for i in inside)
        condemned = any(t.lemma in _CONDEMNING and t.sentence == sent and not q[0] <= t.start < q[1] for t in toks)
        if not alone and not condemned:
            out.append(m)
    return out


def _stereotype_sentences(ctx: Context) -> Iterator[tuple[_Group, list[Match]]]:
    toks = ctx.analysis.tokens
    yield from _pathologized(ctx)
    yield from _contaminated(ctx)
    stereotyped = live_matches(ctx, "discrimination:stereotype")
    blamed = live_matches(ctx, "discrimination:blame")
    unsuited = by_sentence(toks, live_matches(ctx, "discrimination:unsuited"))
    burdens = by_sentence(toks, _burdens_on_others(ctx))
    stereotyped += _averse_company(ctx)
    educated = has_matches(ctx, "discrimination:education") and has_matches(ctx, "discrimination:beyond")
    if (not stereotyped and not blamed and not unsuited and not burdens and not educated) or _counter_argued(ctx):
        return
    groups = _groups(ctx)
    if not groups:
        return
    if blamed:
        stereotyped += [m for m in blamed if any(_blames(toks, g, m) for g in groups)]
    predicates = by_sentence(toks, stereotyped)
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
        if s in burdens and _subject_after(toks, g.last):  # 障害者が来ると他のお客さんの迷惑になる
            preds = preds + [b for b in burdens[s] if b.first >= g.last]
        if g.kind == "education":  # 中卒の方には難しい
            topic = _topic_after(toks, g.last)
            if topic is not None:
                beyond = ctx.lex.find(ctx.analysis, "discrimination:beyond")
                preds = preds + [b for b in beyond if _near_topic(toks, topic, b)]
        unfit = unsuited.get(s, [])
        if g.kind == "place":  # 沖縄の方は時間にルーズ, not 山形の方は大雪で危ない
            preds = [m for m in preds if m.entry.weight >= _PLACE_TRAITS]
            unfit = []
        if not preds and not unfit:
            continue
        score = distinct_weight(preds) + distinct_weight(unfit)
        # The job context must be a word of its own: 仕事にならない does not supply its own 仕事.
        context = [j for j in jobs.get(s, ()) if not any(j.first < u.last and u.first < j.last for u in unfit)]
        if unfit and context:
            score += max(m.entry.weight for m in context)
        if s in generalisers:
            score += max(m.entry.weight for m in generalisers[s])
        topic = _topic_after(toks, g.last)
        if topic is not None and any(
            _near_topic(toks, topic, m) or (m in unfit and m.first > topic and _ends_sentence(toks, m))
            for m in preds + unfit
        ):
            score += _TOPIC_WEIGHT
        if any(_tendency(toks, m) for m in preds):
            score += _TENDENCY_WEIGHT
        if score >= _STEREOTYPE_THRESHOLD:
            seen.add(s)
            yield g, preds + unfit


def _contaminated(ctx: Context) -> Iterator[tuple[_Group, list[Match]]]:
    """Evacuees from the nuclear disaster treated as carriers of radiation (福島から避難してこられた方も
    参加OK、放射能の心配はないと確認済み; 福島の子に近づくと放射能がうつる): `contamination` said
    anywhere in a post that names evacuees or people from Fukushima (`evacuee`)."""
    claims = live_matches(ctx, "discrimination:contamination")
    if not claims or _counter_argued(ctx):
        return
    people = ctx.lex.find(ctx.analysis, "discrimination:evacuee")
    if people:
        m = people[0]
        yield _Group(m.first, m.last, m.start, m.end, False, "origin"), claims[:1]


def _burdens_on_others(ctx: Context) -> list[Match]:
    """A burden on the others present (他のお客さんの迷惑になる, ほかの子の迷惑になる, 他の受講者の
    ペースが乱れる): `nuisance` with 他, 周り or 皆 a few words before it. Said of a group that is the
    subject of the sentence, it presents the group's presence as a nuisance (DIS003)."""
    found = live_matches(ctx, "discrimination:nuisance")
    if not found:
        return []
    toks = ctx.analysis.tokens
    out = []
    for m in found:
        sent = toks[m.first].sentence
        window = toks[max(0, m.first - _OTHERS_REACH) : m.first]
        if any(t.lemma in _OTHERS and t.sentence == sent for t in window) and not _negated(toks, m.last):
            out.append(m)
    return out


def _negated(toks: list[Token], k: int) -> bool:
    """A negation follows token k closely: 迷惑に(なら)ない, 妨げになりません, 迷惑をかけず,
    お断りしていません, 追い出すのではなく."""
    for t in toks[k : k + 5]:
        if t.lemma in _NEGATIONS and t.pos[0] in ("助動詞", "形容詞"):
            return True
        if t.pos[0] not in ("助詞", "助動詞", "動詞"):
            return False
    return False


def _averse_company(ctx: Context) -> list[Match]:
    """Aversion to a group's company: 障害者の人と一緒に働くのは正直しんどい (`together`, then
    `aversion` within _AVERSION_REACH tokens, adverbs not counted)."""
    together = ctx.lex.find(ctx.analysis, "discrimination:together")
    if not together:
        return []
    toks = ctx.analysis.tokens
    out = []
    for a in ctx.lex.find(ctx.analysis, "discrimination:aversion"):
        for m in together:
            between = [t for t in toks[m.last : a.first] if t.pos[0] != "副詞" and t.pos[1] != "読点"]
            if (
                a.first >= m.last
                and len(between) <= _AVERSION_REACH
                and toks[m.first].sentence == toks[a.first].sentence
            ):
                out.append(a)
                break
    return out


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
            yield _Group(m.first, m.last, m.start, m.end, False, "sexuality"), claims_by_sentence.pop(s)


@rule(
    code="DIS003",
    category=Category.DISCRIMINATION,
    severity=Severity.BLOCK,
    when=(
        "set:discrimination:stereotype",
        "set:discrimination:blame",
        "set:discrimination:unsuited",
        "set:discrimination:pathologize",
        "set:discrimination:nuisance",
        "set:discrimination:contamination",
        "set:discrimination:together",
        "set:discrimination:education",
    ),
    title="属性による決めつけ",
    message="『{excerpt}』は、国籍・出身・性別・障害・家族のかたちなどの属性で人をひとくくりにし、否定的に決めつける表現です。差別を助長するおそれがあります。",
    fix="属性と否定的な評価を結びつける記述は削除してください。個別の出来事を伝える場合も、属性には触れず、事実だけを書いてください。",
    matches=[
        ex("ブラジル人の住民が増えてから、ごみ出しのマナーが悪い気がします。", "nationality + negative generalisation"),
        ex("青森出身の職員は、やっぱり仕事がだらしないですね。", "origin stereotype"),
        ex("女性には管理職は務まらないので、男性を配置しています。", "gender stereotype in a job context"),
        ex("生活保護受給者はルーズな人が多いと言われています。", "stereotype passed on as hearsay"),
        ex("障害者の職員には単純作業しかできません。", "belittles disabled staff"),
        ex("外国人留学生はすぐ問題を起こす。", "a compound token that starts with a group"),
        ex("ロヒンギャ人が増えると治安が悪化する。", "a people Sudachi does not know as a place"),
        ex("若者はすぐ万引きをしがちだ。", "a crime said to be a group's tendency"),
        ex("障害のある人は何をするかわからない。", "presents a group as dangerous"),
        ex("移民が増えたら、この町も住みにくくなる。", "blames a group for a worse town"),
        ex("女はさっさと結婚して家庭に入るのが当然だ。", "a gender role presented as self-evident"),
        ex("女性社員は事務には向いているが、営業には向かない。", "unsuited, with a job"),
        ex("高齢の運転手は、もう使い物にならない。", "calls a group useless"),
        ex("長崎の人たちは、昔から金遣いがだらしない。", "<place>の人 names a group"),
        ex("ブラジル人の若者は血の気が多いから困る。", "temper pinned on a group"),
        ex("清掃員なんて誰にでもできる底辺の仕事だ。", "contempt for an occupation"),
        ex("外国人スタッフには窓口業務は任せにくいのが現実です。", "unsuited: 任せにくい with a job"),
        ex("ハーフなんかに補助金を出すのは無駄遣いだ。", "spending on a group called a waste"),
        ex("嫁は口を出さずに家事だけしてればいいんだ。", "a role assigned to a group"),
        ex("障害者が来ると他のお客さんの迷惑になるので、時間をずらしてください。", "presence as a nuisance to others"),
        ex("マナーの悪い中国人観光客への対策として、注意書きを増やしました。", "a stereotype as the group's modifier"),
        ex(
            "在日の方は通名で生活している人が多く、本名を隠していることもあります。",
            "presents a group as hiding who they are",
        ),
        ex("工業団地周辺では技能実習生が増えて治安が不安という声が多いです。", "a group's arrival as a threat"),
        ex("アイヌの人々は今では純粋な血筋の方がほとんど残っていません。", "blood purity"),
        ex("黒人の留学生さんは体格がいいので、力仕事をお願いしました。", "a physical trait pinned on a race"),
        ex("宗教の人はどうしても勧誘してくるので、お断りしています。", "believers presented as pushy"),
        ex("高齢者は判断力が劣ってるんだから、全員免許を返納すべき。", "ranks an age group as inferior"),
        ex("障害者の人と一緒に働くのは正直しんどい。", "aversion to working alongside a group"),
        ex("パソコン講座は中卒の方には難しい内容なので、高卒以上の方を対象とします。", "belittles by education"),
        ex(
            "福島から避難してこられた方も参加OKです！放射能の心配はないと確認済みです。",
            "evacuees treated as contaminated",
        ),
        ex("生活保護の方がパチンコ通いをしているとの通報が増えています。", "welfare recipients as gamblers"),
        ex("女は黙って男の言うことを聞いていればいい。", "told to be silent and obey"),
        ex("班分けです。力仕事は男の仕事ですので😊", "work assigned by gender"),
        ex(
            "お子さんが同性を好きだと打ち明けても、思春期の一時的なものがほとんどです。",
            "an orientation dismissed as a phase",
        ),
        ex("沖縄の方はのんびりで時間にルーズと言われますが、皆さん時間どおりでした。", "<place>の方 with a trait"),
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
        ex("若者が非行に走らないよう、地域で見守りましょう。", "prevention, negated"),
        ex("高齢者の万引きが増えています。声かけにご協力ください。", "a crime statistic, not a tendency"),
        ex("雨の日は仕事にならないという農家の声を受け、ハウスの補助を始めます。", "the group is not the subject"),
        ex("介護する家族など、周りの負担を軽くする制度です。", "relieving a burden"),
        ex("暑さのせいで、高齢者の救急搬送が増えています。", "blames the heat, not the group"),
        ex("高齢者は体力が劣るため、無理のない運動を心がけましょう。", "health advice"),
        ex("生活保護は甘えではありません。", "refutes the prejudice"),
        ex("介護職は誰でもできる仕事ではありません。資格取得を支援します。", "says the opposite"),
        ex("障害のある方が利用できる施設は限られているため、一覧を作りました。", "reports a gap"),
        ex("アイヌ民族は存在しないとされた時代の歴史を学びます。", "reports the claim"),
        ex("女性に仕事を任せにくい職場風土を見直します。", "describes a workplace"),
        ex("沖縄の人たちが受け継いできたエイサーを披露します。", "<place>の人, no judgement"),
        ex("他の利用者の迷惑になりますので、館内での大声はご遠慮ください。", "a nuisance, no group"),
        ex("障害のある方が来館される際は、他のお客様の迷惑にならないよう職員がご案内します。", "a nuisance negated"),
        ex(
            "外国人住民の方から、夜道が暗く治安が不安との声があり、街灯を増設しました。", "the group is the one worried"
        ),
        ex("山形の方は大雪で危ないので、不要不急の外出は控えてください。", "〜の方 as a direction"),
        ex("女性は黙って我慢しがちな健康の悩みを、気軽に相談できる窓口です。", "empathy, not a command"),
        ex("認知症の親と一緒に暮らすのは辛いという声を受け、介護者のつどいを開きます。", "a carer's burden"),
        ex("中卒の方にも分かりやすい内容です。", "an education group, no judgement"),
        ex("福島県産の農産物は検査済みで、放射能の心配はありません。", "food safety, no people"),
        ex("ルールを守らない方には、外国人・日本人を問わず指導します。", "国籍を問わず"),
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

    How: each predicate has a weight (ルーズ, 物騒, 治安が悪い, 問題を起こす, しかできない, 何をするか
    わからない, テロリスト = 1; 怖い, 迷惑, うるさい, 万引き, 非行に走る, 学力が低い = 0.5); a generaliser
    (いつも, ばかり, やっぱり, 〜と言われています, 〜気がする, 〜のが当然) adds 0.5; so does the group as the
    topic right before the predicate (外国人の子どもは学力が低い), and a tendency (非行に走りやすい,
    育児放棄しがち). 〜のせいで counts 1 right after its group (移民が増えたせいで), never before it
    (暑さのせいで、高齢者の…). "Unsuited" (向かない, 務まらない, 任せられない, 仕事にならない) is 0.5 and becomes a
    stereotype with a job context (仕事, 管理職, 営業) or when it ends a sentence whose topic is the
    group. A sentence with a group scores 1 or more to be flagged. Groups include compounds that
    start with one (外国人労働者), peoples Sudachi does not know as places (クルド人) and a place's
    people (沖縄の人たち; 沖縄の方 only with a trait of weight 1, since 〜の方 is also a direction).
    Also: a group whose presence is a burden on the others present (障害者が来ると他のお客さんの迷惑に
    なる), aversion to working alongside a group (一緒に働くのは正直しんどい), "too hard for them" said
    of an education group (中卒の方には難しい), and evacuees treated as carriers of radiation (福島から
    避難してきた方…放射能の心配はない). Contempt for an occupation (底辺, 誰でもできる) and for what a group can do
    (できる仕事なんて, 限られる) is weak alone and needs なんて, どうせ or the group as topic. A post that
    argues against prejudice (偏見, 差別は許されません, 根拠のない思い込み, 人権) is left alone, as are
    neutral mentions and services (外国人住民向けの講座, 障害者手帳をお持ちの方, 女性のための講座).

    Instead: report what happened without naming the group, or delete the generalisation.
    """
    hits = []
    for g, preds in _stereotype_sentences(ctx):
        start = min(g.start, *(m.start for m in preds))
        end = max(g.end, *(m.end for m in preds))
        hits.append(ctx.hit(start, end))
    return hits


@cache
def _bridge_lemmas(lex: Lexicons) -> frozenset[str]:
    """One-word bridge entries, for the honorific compounds Sudachi keeps whole (ご宿泊 → 御宿泊)."""
    return frozenset(e.key[0] for e in lex.set("discrimination:bridge") if e.mode == "lemma" and len(e.key) == 1)


def _group_before(
    toks: list[Token], k: int, group_ends: dict[int, _Group], bridge: set[int], honorific: frozenset[str]
) -> tuple[_Group | None, set[str]]:
    """Walk back from token k over particles, symbols and bridge nouns to the end of a group; also
    the particles passed on the way (an object verb needs に or と: 〜の人には近づかないで). The walk
    also passes のある/をお持ちの (肝炎ウイルスをお持ちの方の入場は) and the object of a deal with
    the group (パキスタン人に中古車を売るのは: the nouns before を, when に comes before them)."""
    start = k
    passed: set[str] = set()
    while k not in group_ends and k > 0 and start - k < _EXCLUSION_REACH:
        prev = toks[k - 1]
        bridging = k - 1 in bridge or (prev.lemma[:1] == "御" and prev.lemma[1:] in honorific)
        if not (prev.pos[0] in _SKIPPABLE_POS or bridging):
            j = _deal_object_start(toks, k) if toks[k].surface == "を" else _having_start(toks, k)
            if j is None:
                break
            k = j
            continue
        passed.add(prev.surface)
        k -= 1
    g = group_ends.get(k)
    if g is None or toks[g.first].sentence != toks[start].sentence:
        return None, passed
    return g, passed


def _deal_object_start(toks: list[Token], k: int) -> int | None:
    """Token k is を: where the one or two nouns before it start, if に comes before them (〜に中古車を)."""
    j = k
    while j > 0 and k - j < 2 and toks[j - 1].pos[0] == "名詞":
        j -= 1
    return j if j < k and j > 0 and toks[j - 1].surface in ("に", "へ") else None


def _having_start(toks: list[Token], k: int) -> int | None:
    """Where のある, がある or を(お)持ちの that ends at token k starts, if it does."""
    j = k - 1
    if toks[j].lemma not in ("有る", "持つ"):
        return None
    if j > 0 and toks[j - 1].lemma == "御":
        j -= 1
    return j - 1 if j > 0 and toks[j - 1].lemma in ("の", "を", "が") else None


def _own_target(toks: list[Token], k: int, bridge: set[int], honorific: frozenset[str]) -> bool:
    """The refusal at token k names whom it refuses, and it is not a group: ご予約のない方の入店は
    お断り. そういう方のご参加は points back at the group named before, so it is not its own target."""
    start = k
    while k > 0 and start - k < _EXCLUSION_REACH:
        prev = toks[k - 1]
        if not (
            prev.pos[0] in _SKIPPABLE_POS or k - 1 in bridge or (prev.lemma[:1] == "御" and prev.lemma[1:] in honorific)
        ):
            break
        k -= 1
    if not any(toks[i].lemma in _PEOPLE_NOUNS for i in range(k, start)) or k == 0:
        return False
    stop = toks[k - 1]
    pointing = stop.lemma in _POINTING or (stop.lemma == "言う" and k > 1 and toks[k - 2].lemma in _POINTING)
    return not pointing


def _reason_group(
    toks: list[Token], m: Match, groups: list[_Group], kinds: Callable[[str], bool], troubles: list[Match]
) -> _Group | None:
    """A group named earlier in the sentence as the subject of the reason for the refusal, a reason
    that blames it (`trouble` or a stereotype between): 外国人の入居はトラブルのもとになるため、…お断りする;
    左寄りの考えをお持ちの方が入ると議論が荒れるので、…ご遠慮ください; ホームレスの人たちが集まっていると
    子どもが怖がるので、…追い出しました."""
    sent = toks[m.first].sentence
    for g in sorted(groups, key=lambda g: -g.first):
        if g.gender or toks[g.first].sentence != sent or g.last > m.first or not kinds(g.kind):
            continue
        if not _clause_subject(toks, g.last):
            continue
        blamed = any(g.last <= t.first and t.last <= m.first for t in troubles)
        if blamed and _reason_between(toks, g.last, m.first):
            return g
    return None


def _clause_subject(toks: list[Token], k: int) -> bool:
    """The group (ending at token k) is the subject of a clause: 障害者が, 外国人の方は, 外国人の入居は,
    左寄りの考えをお持ちの方が."""
    n = len(toks)
    k = _people_after(toks, k)
    if k + 1 < n and toks[k].lemma == "の" and toks[k + 1].pos[0] == "名詞":
        k += 2  # 外国人の入居は, 左寄りの考え…
        j = k + 1 + (k + 1 < n and toks[k + 1].lemma == "御")
        if k < n and toks[k].surface == "を" and j < n and toks[j].lemma == "持つ":
            k = _people_after(toks, j + 1)  # 考えをお持ちの方が
    return k < n and toks[k].pos[0] == "助詞" and (toks[k].surface in _TOPIC_PARTICLES or toks[k].surface == "が")


def _reason_between(toks: list[Token], a: int, b: int) -> bool:
    """ので, ため, から or a conditional と stands between tokens a and b."""
    for i in range(a, b):
        t = toks[i]
        if t.surface in _REASON_LINKS and t.pos[0] in ("名詞", "助詞"):
            return True
        if t.surface == "の" and i + 1 < b and toks[i + 1].surface == "で" and toks[i + 1].pos[0] == "助動詞":
            return True
        if t.surface == "と" and i > a and toks[i - 1].pos[0] in ("動詞", "助動詞"):
            return True
    return False


def _topic_group(toks: list[Token], m: Match, groups: list[_Group]) -> _Group | None:
    """The last group before the match that is the topic of its sentence (障害のある子どもは…来ないでほしい)."""
    sent = toks[m.first].sentence
    found = None
    for g in groups:
        if g.gender or toks[g.first].sentence != sent or g.last > m.first:
            continue
        topic = _topic_after(toks, g.last)
        if topic is not None and topic < m.first and (found is None or g.first > found.first):
            found = g
    return found


def _excluded_groups(ctx: Context, groups: list[_Group]) -> list[tuple[int, int]]:
    """Spans from a group to a refusal aimed at it: 外国人お断り, 外国人の方の入店はお断り, 〇〇人は出て行け,
    精神障害のある人には近づかないで, 障害のある子どもは普通学級に来ないでほしい, 外国籍の方は対象外,
    外国人の入居はトラブルのもとになるため、申込みをお断りする."""
    toks = ctx.analysis.tokens
    bridge = {m.first for m in ctx.lex.find(ctx.analysis, "discrimination:bridge")}
    group_ends = {g.last: g for g in groups if not g.gender}
    honorific = _bridge_lemmas(ctx.lex)
    troubles = [
        *ctx.lex.find(ctx.analysis, "discrimination:trouble"),
        *ctx.lex.find(ctx.analysis, "discrimination:stereotype"),
    ]
    spans = []

    def aimed_at(m: Match, kinds: Callable[[str], bool]) -> _Group | None:
        """The group right before the refusal, else the group its sentence is about, else the group
        named as the reason for it (when the refusal names no one else)."""
        g = _group_before(toks, m.first, group_ends, bridge, honorific)[0] or _topic_group(toks, m, groups)
        if g is None and not _own_target(toks, m.first, bridge, honorific):
            g = _reason_group(toks, m, groups, lambda kind: kinds(kind) and reason_kind(kind), troubles)
        return g if g is not None and kinds(g.kind) else None

    def any_kind(kind: str) -> bool:
        return True

    def reason_kind(kind: str) -> bool:
        return kind not in _REASON_EXCLUDED_KINDS

    def service_kind(kind: str) -> bool:
        return kind in _SERVICE_KINDS

    def polite_kind(kind: str) -> bool:
        return kind in _POLITE_REFUSAL_KINDS

    for m in live_matches(ctx, "discrimination:exclusion"):
        if _negated(toks, m.last):  # 障害のある方の入場はお断りしていません
            continue
        g = _group_before(toks, m.first, group_ends, bridge, honorific)[0]
        if g is None:  # 外国人の方は、原則として入居不可です: the group is the topic, for the service kinds.
            g = _topic_group(toks, m, groups)
            g = g if g is not None and g.kind in _SERVICE_KINDS else None
        if g is None and not _own_target(toks, m.first, bridge, honorific):
            g = _reason_group(toks, m, groups, reason_kind, troubles)
        if g is not None:
            spans.append((g.start, m.end))

    for m in live_matches(ctx, "discrimination:exclusion_command"):
        if is_command(toks, m.last - 1):  # 在日は今すぐ日本から出て行け
            g = _group_before(toks, m.first, group_ends, bridge, honorific)[0] or _topic_group(toks, m, groups)
            if g is not None:
                spans.append((g.start, m.end))

    for m in live_matches(ctx, "discrimination:exclusion_object"):
        g, passed = _group_before(toks, m.first, group_ends, bridge, honorific)
        if g is not None and passed & {"に", "と"}:
            spans.append((g.start, m.end))

    for m in live_matches(ctx, "discrimination:exclusion_wish"):
        g = aimed_at(m, any_kind)
        if g is not None:
            spans.append((g.start, m.end))

    for m in live_matches(ctx, "discrimination:exclusion_advice"):  # 〜には部屋を貸さない方が無難
        g = aimed_at(m, service_kind)
        if g is not None:
            spans.append((g.start, m.end))

    for set_id, kinds in (("refusal", service_kind), ("refusal_polite", polite_kind)):
        service = live_matches(ctx, f"discrimination:{set_id}")
        if not service:
            continue
        lawful = {toks[x.first].sentence for x in ctx.lex.find(ctx.analysis, "discrimination:legal_basis")}
        for m in service:
            if toks[m.first].sentence in lawful or _is_belief(toks, m) or _negated(toks, m.last):
                continue
            g = aimed_at(m, kinds)
            if g is not None:
                spans.append((g.start, m.end))
    return spans


def _scrutinised_groups(ctx: Context, groups: list[_Group]) -> list[tuple[int, int]]:
    """Stricter checks or watching aimed at a group (カタカナのお名前の方は特に厳しく確認, 外国人住民の多い
    団地の集積所は重点的に監視): the group is the topic, or names the place watched, for the kinds in
    _SERVICE_KINDS. 外国人観光客を狙った詐欺を重点的に監視 makes the group a victim, 外国人の方は在留カードの
    期限を厳しく確認 follows the law and 外国人労働者が多い地域の労働環境を重点的に監視 protects them: they pass."""
    toks = ctx.analysis.tokens
    exempt = {
        toks[m.first].sentence
        for set_id in ("victim", "legal_basis", "protection")
        for m in ctx.lex.find(ctx.analysis, f"discrimination:{set_id}")
    }
    spans = []
    for m in live_matches(ctx, "discrimination:scrutiny"):
        sent = toks[m.first].sentence
        if sent in exempt:
            continue
        for g in groups:
            if g.kind not in _SERVICE_KINDS or toks[g.first].sentence != sent or g.last > m.first:
                continue
            k = _people_after(toks, g.last)
            crowd = k + 1 < len(toks) and toks[k].lemma in ("が", "の") and toks[k + 1].lemma in _CROWD_VERBS
            topic = _topic_after(toks, g.last)
            if crowd or (topic is not None and topic < m.first):
                spans.append((g.start, m.end))
                break
    return spans


def _is_belief(toks: list[Token], m: Match) -> bool:
    """対象外と思われがちですが: the refusal is a belief the post corrects."""
    k = m.last
    return k + 1 < len(toks) and toks[k].surface == "と" and toks[k + 1].lemma in _BELIEF_VERBS


def _buraku_avoidance(ctx: Context) -> list[tuple[int, int]]:
    """A buraku area named with advice to avoid it: 同和地区の物件はやめた方が無難, 部落出身の人との結婚は
    考え直した方がいい. Strong advice counts alone; a check (調べる) or 避ける needs a marriage,
    origin or property context in the sentence or the one before (a question about a house, then
    the answer). A buraku area given as the reason land is cheap (部落だから土地が安い) counts too,
    and so does a euphemism (いわゆる「そういう地域」) given as the answer to why land is cheap."""
    toks = ctx.analysis.tokens
    areas = by_sentence(toks, live_matches(ctx, "discrimination:buraku"))
    hints = by_sentence(toks, live_matches(ctx, "discrimination:buraku_euphemism"))
    avoid = by_sentence(toks, ctx.lex.find(ctx.analysis, "discrimination:avoid"))
    land = by_sentence(toks, ctx.lex.find(ctx.analysis, "discrimination:land_value"))
    context = {toks[m.first].sentence for m in ctx.lex.find(ctx.analysis, "discrimination:buraku_context")}
    spans = []
    for s, found in areas.items():
        if s in land:
            spans.append((min(found[0].start, land[s][0].start), max(found[0].end, land[s][0].end)))
            continue
        advice = avoid.get(s)
        if not advice:
            continue
        best = max(advice, key=lambda m: m.entry.weight)
        if best.entry.weight + (0.5 if s in context or s - 1 in context else 0.0) >= 1.0:
            spans.append((min(found[0].start, best.start), max(found[0].end, best.end)))
    for s, found in hints.items():
        if s in areas:
            continue
        if any(k in land or any(m.entry.weight >= 1.0 for m in avoid.get(k, ())) for k in (s, s - 1)):
            spans.append((found[0].start, found[0].end))
    return spans


def _crowded_places(ctx: Context) -> list[tuple[int, int]]:
    """Token spans (group end, place) of a place named by who lives there: 黒人が多いエリア,
    外国人が住んでいる団地. Only the places; the groups are checked once one is found."""
    toks = ctx.analysis.tokens
    out = []
    for m in ctx.lex.find(ctx.analysis, "discrimination:area"):
        k = m.first - 1
        while k > 0 and m.first - k <= 3 and toks[k].lemma in _CROWD_TAILS:
            k -= 1
        if k > 0 and toks[k].lemma in _CROWD_VERBS and toks[k - 1].lemma in ("が", "の"):
            out.append((k - 1, m.last))
    return out


def _avoids_place(toks: list[Token], place_end: int, advice: Match) -> bool:
    """The advice follows the place with only particles, adverbs and times between (〜エリアは夜は)."""
    if not 0 <= advice.first - place_end <= _AVOID_REACH:
        return False
    for t in toks[place_end : advice.first]:
        if t.pos[0] in _SKIPPABLE_POS or t.pos[0] == "副詞" or t.pos[2] == "副詞可能" or t.lemma in _AVOID_FILLERS:
            continue
        return False
    return True


def _area_avoidance(ctx: Context) -> list[tuple[int, int]]:
    """Advice to avoid a neighbourhood for the people who live there: 黒人が多いエリアは夜は出歩かない方が
    安全, 外国人が住んでいる団地には近寄らないで. Only for the kinds in _SERVICE_KINDS: 高齢者が多い地域 is
    the city's ordinary planning language."""
    toks = ctx.analysis.tokens
    advice = live_matches(ctx, "discrimination:area_avoid")
    avoided = []  # (group end, the advice about its place)
    for g_end, end in _crowded_places(ctx):
        a = next((a for a in advice if _avoids_place(toks, end, a)), None)
        if a is not None:
            avoided.append((g_end, a))
    if not avoided:
        return []
    group_ends = {g.last: g for g in _groups(ctx) if g.kind in _SERVICE_KINDS}
    return [(group_ends[g_end].start, a.end) for g_end, a in avoided if g_end in group_ends]


def _marital_limits(ctx: Context) -> list[tuple[int, int]]:
    """Marital status as a condition in a hiring post: 独身女性に限ります, 既婚者不可."""
    toks = ctx.analysis.tokens
    limits = ctx.lex.find(ctx.analysis, "discrimination:limit")
    spans = []
    for m in live_matches(ctx, "discrimination:marital"):
        for x in limits:
            # 独身女性に限る (the limit after), 女性限定、未婚の方 (before).
            near = 0 <= x.first - m.last <= _MARITAL_REACH or 0 <= m.first - x.last <= _MARITAL_REACH
            if near and toks[x.first].sentence == toks[m.first].sentence:
                spans.append((min(m.start, x.start), max(m.end, x.end)))
                break
    return spans


# The sets _excluded_groups starts from.
_REFUSAL_SETS = (
    "exclusion", "exclusion_command", "exclusion_object", "exclusion_wish", "exclusion_advice", "refusal",
    "refusal_polite",
)  # fmt: skip


@rule(
    code="DIS004",
    category=Category.DISCRIMINATION,
    severity=Severity.BLOCK,
    when=(
        *(f"set:discrimination:{name}" for name in _REFUSAL_SETS),
        "set:discrimination:area_avoid",
        "set:discrimination:scrutiny",
        "set:discrimination:nationality_limit",
        "set:discrimination:buraku",
        "set:discrimination:buraku_euphemism",
        "set:discrimination:gender_limit",
        "set:discrimination:marital",
    ),
    title="属性による排除・採用での限定",
    message="『{excerpt}』は、国籍・出身・障害などの属性を理由に人を排除する、または採用を性別や婚姻の有無で限定する表現です。差別にあたるおそれがあります。",
    fix="国籍・出身・障害・性別・婚姻の有無などを理由に利用・入居・結婚・採用を断る記述は削除し、必要な条件は「○○の資格をお持ちの方」のように、職務や利用に必要な要件で書いてください。",
    matches=[
        ex("当施設は外国人の方の入店をお断りしています。", "refuses foreigners"),
        ex("外国人は国へ帰れ！", "tells a group to leave"),
        ex("【職員募集】現場作業員（男性限定）を若干名採用します。", "men-only hiring"),
        ex("障害者お断りの物件が多いのが現状です。", "refuses disabled tenants"),
        ex("貸しアパートの入居者は、日本人の方に限らせていただきます。", "a home limited to Japanese nationals"),
        ex("料理教室の体験会は、外国籍の方はご参加いただけません。", "a service refused by nationality"),
        ex("発達障害のある生徒は、うちの部活には来ないでほしい。", "wishes a group away, words between"),
        ex("統合失調症の人には近寄らないでください。", "tells others to shun a group"),
        ex("あの辺りは同和地区だから、家を買うのは避けたほうがいいですよ。", "buraku land discrimination"),
        ex("求人：受付スタッフ（未婚の方に限る）を募集します。", "marital status as a hiring condition"),
        ex("ネパール国籍の人には店舗を貸さないほうが安全ですよ。", "advice to refuse a shop by nationality"),
        ex("ムスリムの生徒は合宿に参加させない方がいい。", "advice to keep a group out"),
        ex("ブラジル人が住んでいる団地には、夜は近寄らない方がいい。", "a neighbourhood avoided for its people"),
        ex("HIV感染者およびB型・C型肝炎ウイルスをお持ちの方の入場はお断りします。", "refuses carriers of an infection"),
        ex("知的障害のある方は、ご家族が同伴の場合のみご利用いただけます。", "admits a group only with a companion"),
        ex(
            "外国人の入居はトラブルのもとになるため、申込みをお断りする方針です。",
            "a group blamed as the reason for a refusal",
        ),
        ex(
            "左寄りの考えをお持ちの方が入ると議論が荒れるので、そういう方のご参加はご遠慮ください。",
            "refuses people for their beliefs",
        ),
        ex("婚活パーティー：派遣・水商売・フリーターの方はご遠慮ください。", "refuses people for their occupation"),
        ex(
            "図書館ボランティア募集。精神科に通院中の方はご応募をご遠慮いただいております。",
            "refuses people for an illness",
        ),
        ex("今回の市営住宅の募集は日本国籍の方に限らせていただきます。", "a home limited to Japanese nationals"),
        ex("災害時の避難所は、まず日本人の方を優先して受け入れます。", "Japanese nationals first"),
        ex("インターンシップ募集🎓 今回は男子学生を優先して受け入れます。", "men first in a work placement"),
        ex("【アルバイト募集】市民課窓口補助　※30歳までの女性に限ります", "young women only"),
        ex("あの辺は昔から部落だから土地が安いのも当然。", "buraku origin blamed for cheap land"),
        ex(
            "＞土地が相場より安いのはなぜですか？\n→ いわゆる「そういう地域」だからですね…。", "a buraku area hinted at"
        ),
        ex(
            "窓口での本人確認について、カタカナのお名前の方は特に厳しく確認させていただきます。",
            "stricter checks for a group",
        ),
        ex("パキスタン人に中古車を売るのは危ないからやめておけ。", "advice not to deal with a group"),
        ex("自閉症の子がいるとほかの子の迷惑になるので、別の学校に行ってほしい。", "wishes a group elsewhere"),
    ],
    passes=[
        ex("女性専用の相談窓口を開設しました。", "a women-only service"),
        ex("女性限定のヨガ教室の参加者を募集します。", "a women-only class"),
        ex("女性の就職を支援するセミナーの参加者を募集します。", "job support for women"),
        ex("「外国人お断り」といった張り紙は差別にあたります。", "quoted to condemn it"),
        ex("高齢者の方は予約はいりません。", "no refusal"),
        ex("電話での申し込みはお断りしています。", "a refusal without a group"),
        ex("増水した川には、子どもや高齢者は近寄らないでください。", "safety advice: the group is not the object"),
        ex("在留期間が3か月以下の外国籍の方は、国民健康保険の対象外です。", "a refusal with a legal basis"),
        ex("外国籍の方は対象外と思われがちですが、住民登録があれば申請できます。", "a belief being corrected"),
        ex("65歳以上の方は、この講座の対象外です。", "age limits of a scheme"),
        ex("日本人に限らず、どなたでもご参加いただけます。", "not limited"),
        ex("結婚や就職の際に、同和地区の出身かどうかを調べることは差別です。", "a human-rights post"),
        ex("職員募集：婚姻の有無は問いません。既婚の方も独身の方も歓迎します。", "marital status, no limit"),
        ex("外国人が多い地域では、難しい言葉は避けた方が伝わりやすいです。", "advice about wording, not the place"),
        ex("高齢者は炎天下の作業に参加させない方がよいでしょう。", "health advice about age"),
        ex("クマの目撃が多い地域には、夜は近寄らないでください。", "a place avoided for bears"),
        ex(
            "外国人観光客が増えているため、予約のないお客様の入店はお断りしています。",
            "the refusal names its own target",
        ),
        ex("感染者が増えているため、面会はお断りしています。", "infection: a health rule"),
        ex(
            "障害のある方が利用されるため、優先駐車場への一般車両の駐車はご遠慮ください。",
            "a reason that blames no one",
        ),
        ex("高齢の方や持病のある方は、炎天下の作業への参加をご遠慮ください。", "age and health: a safety rule"),
        ex("障害のある方の入場はお断りしていません。どなたでもご来場ください。", "a refusal negated"),
        ex("外国人の方は、在留カードの有効期限を特に厳しく確認しています。", "a legal check"),
        ex("外国人労働者が多い地域の事業所の労働環境を重点的に監視します。", "watching that protects the group"),
        ex("職員採用試験：消防職は日本国籍の方に限ります。", "nationality as a civil-service requirement"),
        ex("未就学児は保護者同伴の場合のみ入場できます。", "age, a safety rule"),
        ex(
            "郊外は土地が安いです。そういう地域では空き家の活用が進んでいます。",
            "no euphemism without いわゆる or quotes",
        ),
    ],
)
def exclusion(ctx: Context) -> Iterable[Hit]:
    """Refusing people for who they are (外国人お断り, 障害者の入居不可, 〇〇人は出て行け, 外国籍の方は
    対象外, 入居は日本人に限ります, 精神障害のある人には近づかないで, 障害のある子は来ないでほしい),
    advice to keep a group out (〜には部屋を貸さない方が無難, 〜は行事に参加させない方がいい), steering
    people away from a neighbourhood for the people in it (〇〇人が多いエリアは出歩かない方が安全) or
    from buraku areas and families (同和地区の物件はやめた方が無難), and
    restricting a job to men, to young women or by marital status (職員募集 + 男性限定, 男性を優先,
    30歳までの女性に限る, 容姿端麗, 独身に限る). Also: a group named as the trouble that justifies a
    refusal (外国人の入居はトラブルのもとになるため…お断り), access only with a companion (知的障害のある方は
    同伴の場合のみ), Japanese nationals first (日本人の方を優先), stricter checks aimed at a group
    (カタカナのお名前の方は特に厳しく確認), and buraku origin hinted at or blamed for cheap land.

    Why: refusing a service or a home by nationality, disability, origin or age is discrimination;
    advising against a home or a marriage because of buraku origin is the land and marriage
    discrimination the Act on the Promotion of the Elimination of Buraku Discrimination (2016)
    addresses; a men-only job advertisement breaks the Equal Employment Opportunity Act (art. 5),
    and marital status is not a job requirement (art. 6, 7 and the Ministry's fair-hiring guidance);
    publishing any of them 差別を助長する (all five guidelines).

    Women-only services and classes (女性専用の相談窓口, 女性限定のヨガ教室) are targeted support and
    pass; so does women-only hiring, which the same Act (art. 8) allows as positive action. A
    refusal quoted to condemn it (「外国人お断り」といった張り紙は差別です) passes, as does a
    human-rights post about buraku discrimination. "Not eligible" (対象外, ご利用いただけません)
    and advice to keep people out (貸さない方が, 参加させない方が) count only for nationality, origin,
    disability, sexuality, religion and belief; a polite refusal (ご遠慮ください) also for occupation,
    income, education and illness, never for age or infection (高齢の方や持病のある方は参加をご遠慮
    ください is a safety rule; 高齢者は炎天下の作業に参加させない方がよい is health advice; a
    neighbourhood where 高齢者が多い is planning language). A group named before ので/ため counts as
    the one refused only when the reason blames it (トラブル, 荒れる) and the refusal names no one
    else (予約のないお客様の入店はお断り); a negated refusal (お断りしていません) passes. A refusal
    counts only outside a sentence that gives a legal basis (在留期間, 住民登録, 〜法, 制度):
    65歳以上の方は対象外 and 短期滞在の外国人は加入できません are the rules of a scheme.
    Safety advice (子どもや高齢者は川に近づかないで) does not make the group the object of
    近づかないで and passes. Age limits in a job advertisement are left alone: local and
    national civil-service posts may set them, and others may state the
    exception the law allows (長期キャリア形成のため35歳以下).

    Instead: state the requirement the job or service really needs (資格, 体力測定の基準, 年齢の法的要件).
    """
    hits: list[Hit] = []
    if _counter_argued(ctx):
        return hits
    if any(has_matches(ctx, f"discrimination:{name}") for name in _REFUSAL_SETS):
        hits += [ctx.hit(s, e) for s, e in _excluded_groups(ctx, _groups(ctx))]
    if has_matches(ctx, "discrimination:scrutiny"):
        hits += [ctx.hit(s, e) for s, e in _scrutinised_groups(ctx, _groups(ctx))]
    if has_matches(ctx, "discrimination:area_avoid"):
        hits += [ctx.hit(s, e) for s, e in _area_avoidance(ctx)]
    limits = live_matches(ctx, "discrimination:nationality_limit")
    if limits:
        # 選挙権は日本国籍の方に限られます states the law; so does 日本国籍 as a requirement of a
        # civil-service post (職員採用試験：消防職は日本国籍の方に限ります).
        toks = ctx.analysis.tokens
        lawful = {toks[x.first].sentence for x in ctx.lex.find(ctx.analysis, "discrimination:legal_basis")}
        hiring = has_matches(ctx, "discrimination:employment")
        hits += [
            ctx.hit(m.start, m.end)
            for m in limits
            if toks[m.first].sentence not in lawful and not (hiring and "国籍" in m.entry.term)
        ]
    if has_matches(ctx, "discrimination:buraku") or has_matches(ctx, "discrimination:buraku_euphemism"):
        hits += [ctx.hit(s, e) for s, e in _buraku_avoidance(ctx)]
    if has_matches(ctx, "discrimination:employment"):
        hits += [ctx.hit(m.start, m.end) for m in live_matches(ctx, "discrimination:gender_limit")]
        if has_matches(ctx, "discrimination:marital"):
            hits += [ctx.hit(s, e) for s, e in _marital_limits(ctx)]
    return hits
