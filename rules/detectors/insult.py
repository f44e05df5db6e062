"""Insult rules: 誹謗中傷, 侮辱, 不敬・非礼・不遜な言い方.

towada 4(1) 誹謗中傷すること / 4(2) 非礼・不遜な態度や発言と受け取られるおそれのある情報,
yatsushiro (10)ア 他者を侮辱する情報, honjo 3(6)①, joetsu 5(5) and tatsuno 3(7)(ア) 不敬な言い方を含む情報.

The word lists live in ``rules/lexicons/insult.yml``. Some things are decided here in code because a
single neighbour cannot decide them:

* whether an ambiguous word (クズ/葛, ボケ/木瓜, カス/酒かす, ゴミ) is said *of a person*: it is when a
  person noun follows it (ゴミ人間), when it is "人間の…" or "社会の…", when the sentence addresses
  someone (お前, こいつ), when it is a vocative (このクズが！), when it is exclaimed with すぎ
  (クズすぎ), when it ends the sentence as a judgement on a person (あの職員はクズだ) or as a
  plain-style retort (ほんと最低だな), when it is the verdict after 〜すぎて (わかりにくすぎてゴミでした),
  or when it is said to be *there* with いる (クズがいます: kudzu and sake lees are not);
* whether an animal is likened to a person (サルみたいな利用者) or someone's food to its fodder
  (豚の餌レベル), and whether the reader's senses are called broken (あなたの舌がおかしいのでは？);
* whether "not even X" (字も読めない) is a jab: a question, なら or なんて after it;
* whether a verdict that is ordinary of things (役に立たない, 迷惑以外の何物でもない) is said of a
  person who is the sentence's topic;
* whether a phrase on a command verb (黙る, 帰る, 死ぬ) is in command form (黙れ, 帰れよ, 死ね);
* whether a word is *used* or only *talked about*: 「死ね」などの言葉は人を傷つけます quotes the word
  to warn against it (``is_mention`` in ``rules/detectors/_shared.py``, shared with the
  discrimination and obscene rules).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING

# distinct_weight and has_matches are re-exported for modules that imported them from here.
from rules.detectors._shared import (  # noqa: F401
    MASKS,
    distinct_weight,
    has_matches,
    is_command,
    is_mention,
    is_mentioned_span,
    live_matches,
    masked_pattern,
    masked_spans,
)
from rules.lexicon import Match
from rules.model import Category, Severity
from rules.regex import lazy_compile
from rules.registry import Hit, ex, rule
from rules.text import Token

if TYPE_CHECKING:
    from rules.engine import Context

# --- whether an ambiguous word is said of a person ------------------------------------------------

# Tokens that may follow a predicate to the end of its sentence (だ, です, よね, じゃん, すぎ, w).
_FINAL_POS = {"助動詞", "補助記号", "空白", "記号"}
# A judgement on a group may also end in ばかり/ばっか/だらけ: 無責任なカスばかりだ, クズだらけ.
_FINAL_LEMMAS = {
    "過ぎる",
    "過ぎ",
    "と",
    "思う",
    "w",
    "笑",
    "草",
    "な",
    "ね",
    "よ",
    "わ",
    "ぞ",
    "ぜ",
    "か",
    "の",
    "さ",
    "ばかり",
    "だらけ",
}
_PERSON_OF = {"人間", "社会", "人類", "世の中", "この世", "日本", "地域", "町", "市"}
# For ゴミ, whose 市の/町の/地域の are the rubbish itself (市のごみ焼却施設, 地域のゴミ拾い).
_PERSON_OF_WEAK = {"人間", "社会", "人類", "世の中", "この世"}
_VOCATIVE_DEMONSTRATIVES = {"此の", "その", "あの", "其の", "彼の"}
_VOCATIVE_TAILS = {"が", "め", "共", "野郎"}
_INTENSIFIERS = {"過ぎる", "過ぎ"}
_COPULAS = {"だ", "です"}
_NEGATIVES = {"ない", "無い", "ず", "ぬ"}
# Epithets whose other senses are things, not creatures (葛, 酒かす, old machines).
_LIFELESS_EPITHETS = {"くず", "屑", "かす", "滓", "ぽんこつ"}
_RETORT_PARTICLES = {"な", "よ", "ね", "わ", "ぞ", "ぜ", "じゃん", "かよ", "笑", "草"}
_POLITE = {"です", "ます"}
_OUTDO = {"余程"}  # よっぽど, よほど
# Ambiguous nouns that label a whole person (クズ, カス, ポンコツ, 最低) rather than a skill or a state.
_EPITHETS = frozenset(
    {"くず", "屑", "かす", "滓", "ぼけ", "禿げ", "ちび", "豚", "猿", "さる", "雑魚", "蛆虫", "虫螻", "ごきぶり"}
    | {"寄生虫", "害虫", "ぽんこつ", "底辺", "化け物", "最低", "最悪", "ニート"}
)

# Rubbish words that are a verdict after 〜すぎて (わかりにくすぎてゴミでした); 長すぎて迷惑です,
# 暑すぎて最悪です and 古すぎてポンコツです are complaints about a thing.
_JUDGED_AFTER_EXCESS = {"くず", "屑", "かす", "滓", "ゴミ", "ごみ", "雑魚", "底辺"}


def _sentence_end(toks: list[Token], i: int) -> int:
    s = toks[i].sentence
    j = i
    while j < len(toks) and toks[j].sentence == s:
        j += 1
    return j


# A judgement may end a clause rather than the sentence: ポンコツなので、 / 最低だから、 / クズだけど、.
_CLAUSE_LINKS = {"から", "けど", "けれど", "けれども", "し", "が", "ので"}
_CLAUSE_GLUE = {"だ", "です", "の", "ん"}


def _begins_never_again(toks: list[Token], k: int) -> bool:
    """Tokens k.. read 二度と (Sudachi: 2 | 度 | と), which is no count of anything."""
    return (
        k + 2 < len(toks)
        and toks[k].surface in ("二", "2")
        and toks[k + 1].surface == "度"
        and toks[k + 2].lemma == "と"
    )


def _ends_clause(toks: list[Token], j: int) -> bool:
    """Only a copula stands between token j-1 and a conjunctive particle (ポンコツだから, クズなので、),
    or the copula's continuative で follows (最悪で二度と行かない)."""
    s = toks[j - 1].sentence
    if (
        j + 1 < len(toks)
        and toks[j].surface == "で"
        and toks[j].lemma == "だ"
        and toks[j + 1].sentence == s
        and toks[j + 1].lemma != "も"
        and (toks[j + 1].pos[1] != "数詞" or _begins_never_again(toks, j + 1))
    ):
        return True  # 態度が最悪で二度と行かない (not 最低でも, 最低で5人)
    k = j
    while k < len(toks) and toks[k].sentence == s and k - j < 4:
        t = toks[k]
        if t.lemma in _CLAUSE_LINKS and t.pos[1] == "接続助詞":
            return True  # ポンコツだから誰も…, クズだけど、
        if t.lemma == "だ" and k > j and toks[k - 1].lemma == "の":  # な|の|で: ので read as の + だ
            return True
        if t.lemma not in _CLAUSE_GLUE:
            return False
        k += 1
    return False


def _is_final(toks: list[Token], j: int) -> bool:
    """Nothing but copulas, sentence-final particles, symbols and すぎ follow token j-1."""
    end = _sentence_end(toks, j - 1)
    for t in toks[j:end]:
        if t.pos[0] in _FINAL_POS or t.pos[1] == "終助詞" or t.lemma in _FINAL_LEMMAS or t.fold == "w":
            continue
        return False
    return True


# Nouns ending in these name a person (監視員, 利用者, 自治会長, 観光客, 住民, 評論家), unlisted ones included.
_PERSON_ENDINGS = ("員", "者", "長", "民", "客", "師", "士", "官", "人", "家")
_NOT_PERSONS = {
    # 長: lengths and growth; 員: headcounts; 者: "the former/the latter"; 人: unmanned.
    *("延長", "身長", "成長", "特長", "最長", "助長", "全長", "体長", "波長", "冗長", "深長", "消長", "生長"),
    *("伸長", "増長", "定員", "満員", "欠員", "動員", "増員", "減員", "人員", "前者", "後者", "無人"),
    *("器官", "五官"),
    # 家: houses, households and states, not people.
    *("国家", "空き家", "空家", "実家", "民家", "古民家", "一家", "生家", "町家", "本家", "分家", "旧家"),
    *("武家", "商家", "借家", "貸家", "隣家", "人家", "廃家", "我が家", "持ち家", "公家", "農家住宅"),
}
# Suffixes that keep a person a person (職員たち, 田中さん) before the particle that makes it a topic.
_PERSON_TAILS = {"達", "等", "共", "さん", "様", "氏", "君", "ちゃん", "殿"}
# A person followed by these is what the sentence is about: あの職員は…, 〜する人、…, 課長って….
_TOPIC_MARKERS = {"は", "も", "が", "って", "とか", "なんて", "こそ", "ったら", "さえ", "、", ","}
# 〜する方 is a person when it is the topic (当たる方は、…); 〜する方が is "rather" (避難する方がいい).
_PERSON_KATA_TOPICS = {"は", "も", "って", "、", ","}


def _is_person_kata(toks: list[Token], i: int) -> bool:
    """方 after a verb or auxiliary, marked as the topic: 職員に当たる方は、 / ごみを出す方、."""
    return (
        toks[i].lemma == "方"
        and toks[i].pos[0] == "名詞"
        and i >= 1
        and toks[i - 1].pos[0] in ("動詞", "助動詞")
        and i + 1 < len(toks)
        and (toks[i + 1].lemma in _PERSON_KATA_TOPICS or toks[i + 1].surface in _PERSON_KATA_TOPICS)
    )


def _is_person_token(t: Token) -> bool:
    if t.pos[2] == "人名":
        return True
    if t.pos[0] == "接尾辞":
        return t.lemma in _PERSON_ENDINGS
    return (
        t.pos[0] == "名詞"
        and t.pos[1] == "普通名詞"
        and t.surface.endswith(_PERSON_ENDINGS)
        and t.surface not in _NOT_PERSONS
    )


class _Targets:
    """Where the draft names or addresses people, indexed once per draft."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.toks = ctx.analysis.tokens
        self.suffix_starts = {m.first for m in ctx.lex.find(ctx.analysis, "insult:person_suffix")}
        self.you = [m.first for m in ctx.lex.find(ctx.analysis, "insult:you")]

    @cached_property
    def persons(self) -> set[int]:
        """Indices of the tokens that name a person: listed nouns, names, and nouns in 員/者/長/民...."""
        found = {m.first for m in self.ctx.lex.find(self.ctx.analysis, "insult:person")}
        toks = self.toks
        return found | {i for i, t in enumerate(toks) if _is_person_token(t) or _is_person_kata(toks, i)}

    @cached_property
    def labels(self) -> set[int]:
        return {m.first for m in self.ctx.lex.find(self.ctx.analysis, "insult:label")}

    @cached_property
    def story(self) -> bool:
        """The draft is about a book, a film or a tale (its characters may bear rude epithets)."""
        return bool(self.ctx.lex.find(self.ctx.analysis, "insult:title_noun"))

    def you_in_sentence(self, i: int) -> bool:
        """Token i's sentence addresses someone (お前, こいつ)."""
        s = self.toks[i].sentence
        return any(self.toks[k].sentence == s for k in self.you)

    def topic_before(self, i: int) -> bool:
        """A person earlier in token i's sentence is its topic: あの職員は…, 課長って…, 〜する人、…"""
        toks = self.toks
        s = toks[i].sentence
        for k in self.persons:
            if k >= i or toks[k].sentence != s:
                continue
            j = k + 1
            while j < i and toks[j].lemma in _PERSON_TAILS:
                j += 1
            if j < i and (toks[j].lemma in _TOPIC_MARKERS or toks[j].surface in _TOPIC_MARKERS):
                return True
            # 職員の態度は…, あの評論家の意見、…: the person's conduct or words are the topic.
            if (
                j + 2 < i
                and toks[j].lemma == "の"
                and toks[j + 1].pos[0] == "名詞"
                and (toks[j + 2].lemma in ("は", "も", "って") or toks[j + 2].pos[1] == "読点")
            ):
                return True
        return False

    def addressed(self, m: Match) -> bool:
        """Explicitly made into a label for a person: ゴミ人間, 社会のゴミ, ハゲの市長, お前は…, …だなお前,
        このクズが！"""
        toks, i, j = self.toks, m.first, m.last
        sent = toks[i].sentence
        if j in self.suffix_starts and not self._epithet_of_character(j):
            return True
        if i >= 2 and toks[i - 1].lemma == "の":
            owners = _PERSON_OF_WEAK if m.entry.set_id == "insult:ambiguous_weak" else _PERSON_OF
            if toks[i - 2].lemma in owners:
                return True
        if (
            i in self.labels
            and j + 1 < len(toks)
            and toks[j].lemma == "の"
            and toks[j + 1].sentence == sent
            and j + 1 in self.persons
        ):
            return True
        if self.you_in_sentence(i):
            return True
        return i >= 1 and toks[i - 1].lemma in _VOCATIVE_DEMONSTRATIVES and self._ends_vocative(j, sent)

    def _epithet_of_character(self, j: int) -> bool:
        """ゴミ人間プペル in a post about a film: the label is part of a character's name."""
        toks = self.toks
        k = j + 1
        return self.story and k < len(toks) and toks[k].sentence == toks[j].sentence and toks[k].pos[0] == "名詞"

    def _ends_vocative(self, j: int, sentence: int) -> bool:
        """Only が/め and the sentence end follow: このクズが！, このボケ！ (not このボケの花)."""
        toks = self.toks
        if j < len(toks) and toks[j].sentence == sentence and toks[j].lemma in _VOCATIVE_TAILS:
            j += 1
        return j == len(toks) or toks[j].sentence != sentence or toks[j].pos[1] == "句点"

    def predicated_of_person(self, m: Match) -> bool:
        """The sentence is about a person and ends on the word: あの職員はクズだ, 〜する人、最低です,
        or a clause does: 職員は確かにポンコツなので、…"""
        if not self.topic_before(m.first):
            return False
        if _is_final(self.toks, m.last):
            return True
        # A clause ending is enough only for a noun that labels the whole person: 下手だから, 使えないので
        # and 気持ち悪いので describe a skill, an ability or a symptom (初心者は運転が下手なので…).
        return m.last - m.first == 1 and self.toks[m.first].lemma in _EPITHETS and _ends_clause(self.toks, m.last)

    def outdone(self, m: Match) -> bool:
        """A comparative put-down that ends the sentence: あなたの方がよっぽどくだらない, お前の方がよほど最低だ."""
        i = m.first
        return i >= 1 and self.toks[i - 1].lemma in _OUTDO and _is_final(self.toks, m.last)

    def retorted(self, m: Match) -> bool:
        """Ends a plain-style remark aimed at someone: クズだな, 最低だよ, 仕事できないんだな, 終わってるw.

        Official posts end in です/ます; a bare judgement closed by な/よ/ね/w/だろ is said to or of someone.
        """
        if not _is_final(self.toks, m.last):
            return False
        tail = self.toks[m.last : _sentence_end(self.toks, m.last - 1)]
        return any(t.lemma in _RETORT_PARTICLES or t.fold in ("w", "だろ") for t in tail) and not any(
            t.lemma in _POLITE for t in tail
        )

    def intensified(self, m: Match) -> bool:
        """Exclaimed with すぎ: クズすぎ, カスすぎる (no one calls kudzu or sake lees 'too much')."""
        return m.last < len(self.toks) and self.toks[m.last].lemma in _INTENSIFIERS

    def judged_after_excess(self, m: Match) -> bool:
        """The verdict on something overdone: わかりにくすぎてゴミでした, 使いにくすぎてカスだ
        (not 人が多すぎてゴミだらけ, where the rubbish is rubbish)."""
        toks, i, j = self.toks, m.first, m.last
        return (
            i >= 2
            and j < len(toks)
            and toks[i].lemma in _JUDGED_AFTER_EXCESS
            and toks[i - 1].lemma == "て"
            and toks[i - 2].lemma in _INTENSIFIERS
            and toks[j].lemma in _COPULAS
            and toks[j].sentence == toks[i].sentence
        )

    def exists_as_person(self, m: Match) -> bool:
        """クズがいます, カスもいる: 居る is said of the living, and neither kudzu nor sake lees is
        (animals are: サルがいます is a wildlife alert, so they are not asked)."""
        toks, i, j = self.toks, m.first, m.last
        return (
            toks[i].lemma in _LIFELESS_EPITHETS
            and j + 1 < len(toks)
            and toks[j].lemma in ("が", "も")
            and toks[j + 1].lemma == "居る"
            and toks[j + 1].sentence == toks[i].sentence
        )


def _proper_noun(toks: list[Token], m: Match) -> bool:
    # Place and person names that happen to contain an insult are names, not insults.
    return any(toks[k].pos[1] == "固有名詞" for k in range(m.first, m.last))


# What compares a person to an animal or rubbish: サル以下 on its own; サル並み, サルと同じ, ゴミ同然
# only of a person who is the topic, at the end of the sentence.
_BELOW = {"以下", "未満"}
_LIKE = {"並み", "並", "同然", "レベル"}
_SAME = {"同じ", "等しい"}
_RUBBISH = {"ゴミ", "ごみ"}  # ゴミ以下 is disparage (INS005)


def _compared(toks: list[Token], m: Match) -> int | None:
    """End (token index) of a comparison right after the match: サル以下, サル並み, サルと同じ, or None."""
    n = len(toks)
    j = m.last
    if j >= n or toks[j].sentence != toks[m.first].sentence:
        return None
    if toks[j].lemma in _BELOW or toks[j].lemma in _LIKE:
        return j + 1
    if toks[j].lemma in ("と", "に") and j + 1 < n and toks[j + 1].lemma in _SAME:
        return j + 2
    return None


def _ends_on(toks: list[Token], end: int) -> bool:
    """The comparison ends the sentence, maybe through the quality compared: サル並みの知能だ."""
    if _is_final(toks, end):
        return True
    return (
        end + 1 < len(toks) and toks[end].lemma == "の" and toks[end + 1].pos[0] == "名詞" and _is_final(toks, end + 2)
    )


def _comparisons(ctx: Context, targets: _Targets) -> Iterator[Match]:
    toks = ctx.analysis.tokens
    foods = {m.first: m for m in ctx.lex.find(ctx.analysis, "insult:beast_food")}
    for m in ctx.lex.find(ctx.analysis, "insult:beast"):
        end = _compared(toks, m)
        if end is None:
            # サルみたいな利用者, ゴキブリのような連中; あっちは豚の餌レベル.
            end = _likened_person(toks, m, targets) or _likened_work(toks, m, foods)
            if end is not None and not is_mentioned_span(ctx, m.first, end):
                yield m._replace(last=end, end=toks[end - 1].end)
            continue
        if toks[end - 1].lemma in _BELOW:
            if toks[m.first].lemma in _RUBBISH:
                continue
        elif not ((targets.topic_before(m.first) or targets.you_in_sentence(m.first)) and _ends_on(toks, end)):
            continue
        if not is_mentioned_span(ctx, m.first, end):
            yield m._replace(last=end, end=toks[end - 1].end)
    # 幼稚園児以下だな: a plain-style retort or said to someone (対象は小学生以下です is ordinary).
    works = {m.first: m for m in ctx.lex.find(ctx.analysis, "insult:child_work")}
    for m in ctx.lex.find(ctx.analysis, "insult:child"):
        likened = _likened_work(toks, m, works)
        if likened is not None:
            if not is_mentioned_span(ctx, m.first, likened):
                yield m._replace(last=likened, end=toks[likened - 1].end)
            continue
        end = _compared(toks, m)
        if end is None:
            continue
        hit = m._replace(last=end, end=toks[end - 1].end)
        if (targets.retorted(hit) or targets.you_in_sentence(m.first)) and not is_mentioned_span(ctx, m.first, end):
            yield hit


# Beasts whose likeness is no slight (動物のような好奇心) or is listed elsewhere (ゴミみたいな), and
# persons it is said of with affection (犬みたいな子: a cat up for adoption; サルみたいな子ども).
_NOT_LIKENED = {"動物", "ゴミ", "ごみ"}
_NOT_LIKENED_TO = {"子", "子供", "赤ちゃん", "赤ん坊"}
_LIKE_STEMS = {"みたい", "よう"}


def _likened_person(toks: list[Token], m: Match, targets: _Targets) -> int | None:
    """End of 「サルみたいな利用者」「ゴキブリのような連中」: a person described as an animal.

    A person must follow at once: サルのように木登りを楽しむ子どもたち likens a movement, and
    犬のような嗅覚 a sense."""
    if toks[m.first].lemma in _NOT_LIKENED:
        return None
    j = m.last
    if j < len(toks) and toks[j].lemma == "の":
        j += 1
    if (
        j + 2 < len(toks)
        and toks[j].lemma in _LIKE_STEMS
        and toks[j + 1].surface == "な"
        and j + 2 in targets.persons
        and toks[j + 2].lemma not in _NOT_LIKENED_TO
        and toks[j + 2].sentence == toks[m.first].sentence
    ):
        return j + 3
    return None


_AS_IF = {"丸で"}  # まるで


def _likened_work(toks: list[Token], m: Match, works: dict[int, Match]) -> int | None:
    """End of 「まるで小学生の作文」 or 「子どものけんかレベル」: a grown-up's work likened to a child's.

    The child's work on its own (小学生の作文コンクール, 子どもの落書きアート展) is ordinary; it takes
    まるで earlier in the sentence, or みたい/レベル/並み/同然/以下 right after the work."""
    j = m.last
    if j + 1 >= len(toks) or toks[j].lemma != "の" or (j + 1) not in works:
        return None
    w = works[j + 1]
    sent = toks[m.first].sentence
    end = _compared(toks, w)  # 子どものけんかレベル, 子どものけんかと同じ
    if end is not None:
        return end
    if w.last < len(toks) and toks[w.last].sentence == sent and toks[w.last].surface.startswith("みたい"):
        return w.last + 1
    k = m.first - 1
    while k >= 0 and toks[k].sentence == sent:
        if toks[k].lemma in _AS_IF:
            return w.last
        k -= 1
    return None


# Second persons a broken sense is ascribed to (あなたの舌, 君の感覚); お前, こいつ come from insult:you.
_SECOND_PERSONS = {"貴方", "君", "其方"}
_BROKEN = {"可笑しい", "狂う", "腐る", "イカれる", "異常", "変", "麻痺", "ずれる", "壊れる", "節穴"}
# After the verdict, these make it a symptom to watch for or a guess (目がおかしいと感じたら, おかしい場合は).
_HEDGES = {
    "と",
    "場合",
    "時",
    "とき",
    "際",
    "なら",
    "ば",
    "たら",
    "かも",
    "可能",
    "可能性",
    "程",
    "ほど",
    "くらい",
    "前",
}
_BETWEEN_POS = ("副詞", "補助記号")
_ASKING = {"か", "の", "かな"}


def _accuses(rest: list[Token]) -> bool:
    """A negative after the verdict is the accusing 〜のでは/〜んじゃない asked as a question
    (おかしいんじゃないの？, おかしいのではありませんか), not concern (おかしくなっていませんか？)
    or a denial (おかしいのではありません。)."""
    if not any(t.lemma in _NEGATIVES for t in rest):
        return True
    rhetorical = any(
        a.lemma == "の" and b.lemma == "だ" and b.surface in ("で", "じゃ") for a, b in itertools.pairwise(rest)
    )
    words = [t for t in rest if t.pos[0] not in ("補助記号", "空白")]
    asked = any(t.surface == "?" for t in rest) or bool(words and words[-1].lemma in _ASKING)
    return rhetorical and asked


def _broken_faculties(ctx: Context, targets: _Targets) -> Iterator[Match]:
    """「あなたの舌がおかしいのでは？」「お前の感覚は狂ってる」: the reader's senses called broken."""
    toks = ctx.analysis.tokens
    you = set(targets.you)
    for m in ctx.lex.find(ctx.analysis, "insult:faculty"):
        i, j = m.first, m.last
        if i < 2 or toks[i - 1].lemma != "の":
            continue
        owner = toks[i - 2]
        if not (i - 2 in you or (owner.lemma in _SECOND_PERSONS and owner.pos[0] == "代名詞")):
            continue
        end = _sentence_end(toks, i)
        # が/は/、 and adverbs may stand between: お前の感覚、完全に狂ってる, 頭は本当に腐ってる.
        while j < end and j - m.last < 4 and toks[j].lemma not in _BROKEN:
            t = toks[j]
            if t.lemma in ("が", "は", "も") or t.pos[0] in _BETWEEN_POS:
                j += 1
            elif t.pos[0] == "形状詞" and j + 1 < end and toks[j + 1].surface == "に":
                j += 2  # 完全|に
            else:
                break
        if j >= end or toks[j].lemma not in _BROKEN:
            continue
        rest = toks[j + 1 : end]
        if (
            any(t.lemma in _HEDGES for t in rest)
            or any(a.lemma == "か" and b.lemma == "も" for a, b in itertools.pairwise(rest))  # おかしいかも？
            or not _accuses(rest)
            or is_mentioned_span(ctx, i - 2, j + 1)
        ):
            continue
        yield m._replace(first=i - 2, start=owner.start, last=j + 1, end=toks[j].end)


def _contempt_plurals(ctx: Context, targets: _Targets) -> Iterator[Match]:
    """…ども after a person: クレーマーども, 役人ども (shown with the noun)."""
    toks = ctx.analysis.tokens
    for m in live_matches(ctx, "insult:contempt_plural"):
        k = m.first - 1
        if k in targets.persons:
            yield m._replace(first=k, start=toks[k].start)


def _insulting_words(ctx: Context) -> Iterator[Match]:
    toks = ctx.analysis.tokens
    for m in live_matches(ctx, "insult:abuse"):
        if not _proper_noun(toks, m):
            yield m
    targets = _Targets(ctx)
    yield from _comparisons(ctx, targets)
    yield from _contempt_plurals(ctx, targets)
    # An ambiguous word is mostly the plant or the rubbish: whether it is said of a person is asked
    # first, and whether it is quoted rather than used only of those that are.
    strong = ctx.lex.find(ctx.analysis, "insult:ambiguous")
    weak = ctx.lex.find(ctx.analysis, "insult:ambiguous_weak")
    for m in strong:
        if (
            not _proper_noun(toks, m)
            and (
                targets.addressed(m)
                or targets.predicated_of_person(m)
                or targets.intensified(m)
                or targets.retorted(m)
                or targets.outdone(m)
                or targets.judged_after_excess(m)
                or targets.exists_as_person(m)
            )
            and not is_mention(ctx, m)
        ):
            yield m
    for m in weak:
        if (targets.addressed(m) or targets.intensified(m) or targets.judged_after_excess(m)) and not is_mention(
            ctx, m
        ):
            yield m
    yield from _broken_faculties(ctx, targets)


def _hits(ctx: Context, matches: Iterable[Match]) -> list[Hit]:
    return [ctx.hit(m.start, m.end) for m in matches]


@rule(
    code="INS001",
    category=Category.INSULT,
    severity=Severity.BLOCK,
    when=(
        "set:insult:abuse",
        "set:insult:ambiguous",
        "set:insult:ambiguous_weak",
        "set:insult:beast",
        "set:insult:child",
        "set:insult:contempt_plural",
        "set:insult:faculty",
    ),
    title="人を侮辱する言葉",
    message="『{excerpt}』は人を侮辱する言葉です。誹謗中傷や不敬な言い方と受け取られるおそれがあります。",
    fix="人をおとしめる言葉は削除し、お伝えしたい事実やお願いを丁寧な言葉で書いてください。",
    matches=[
        ex("窓口で大声を出す人は本当にバカだと思います。", "abuse said of residents"),
        ex("あの議員はクズだ。", "ambiguous クズ as the predicate about a person"),
        ex("仕事をしない職員は税金泥棒だ。", "税金泥棒"),
        ex("ごみを分別しない人、キモすぎ。", "キモい said of people"),
        ex("お前らはゴミだ。", "ゴミ said to the reader"),
        ex("ルールを守らない人間のクズが多すぎます。", "人間のクズ"),
        ex("何度注意しても分からないなんて、頭悪いですね。", "頭が悪い"),
        ex("ゴミ人間は出ていってほしい。", "ゴミ + person noun"),
        ex("このボケが！", "vocative ボケ"),
        ex("窓口の係長はポンコツだと思う。", "a person noun not in the list (係長) as the topic"),
        ex("あの部署の職員は使えないクズだらけだ。", "the judgement ends in だらけ"),
        ex("ハゲの部長が偉そうにしていた。", "ハゲ + の + a person"),
        ex("ルールを守らない利用者はサル並みだ。", "a person compared to an animal"),
        ex("分別もできない住民は虫けら以下だ。", "虫けら以下"),
        ex("苦情係の職員どもは何もしない。", "contemptuous ども after a person"),
        ex("脳みそが足りない人が多い。", "脳みそが足りない with the particle"),
        ex("窓口にうるさいジジイが来た。", "the rude form ジジイ"),
        ex("あの係長は本当にポンコツなので、誰も頼りにしていない。", "an epithet ending a clause (なので、)"),
        ex("あなたの考えの方がよっぽどくだらないです。", "a comparative put-down (よっぽど…)"),
        ex("批判してる人たちはどうせニートでしょ。", "ニート said of people"),
        ex("県の計画はまるで子どもの作文だ。", "a grown-up's work likened to a child's (まるで…)"),
        ex("議会のやりとりは小学生のけんかと同じだ。", "a child's quarrel, と同じ"),
        ex("根性なしの若手ばかりで困る。", "根性なし"),
        ex("あの店主、頭イカれてる。", "頭イカれてる"),
        ex("役場の人、脳みそ入ってないのかな。", "脳みそ入ってない"),
        ex("締切を過ぎてから騒ぐ人ってほんとbakaなの？", "an insult typed in romaji"),
        ex("昨日の芸人はギャラ泥棒だ。", "〜泥棒 after any pay, not only 税金/給料"),
        ex("更衣室を散らかしていくサルみたいな利用者がいます。", "a person likened to an animal (みたいな + person)"),
        ex("隣町の食堂なんて豚の餌レベルだ。", "someone's food likened to fodder"),
        ex("「まずい」とのことですが、あなたの舌がおかしいのではありませんか？", "the reader's senses called broken"),
        ex("分別しないごみを出すクズがいます。", "クズ said to be there with いる"),
        ex("前任者が作ったページはわかりにくすぎてゴミでした。", "ゴミ as the verdict after 〜すぎて"),
        ex("のろまな職員のせいで一時間も待たされた。", "のろま before a person"),
        ex("あのYouTuber、マジでクズ。", "a person named by a loanword, as the topic"),
        ex("受付の職員、態度が最悪で二度と行きたくない。", "最悪 ending a clause before 二度と"),
    ],
    passes=[
        ex("秋の七草のひとつ、クズ（葛）の花が河川敷で咲いています。", "クズ is the kudzu plant"),
        ex("公園の木瓜が見頃です。ボケの花は春を告げる花です。", "ボケ is the flowering quince"),
        ex("新潟の名物、ばかうけや笹団子を販売します。", "ばかうけ is a rice-cracker brand"),
        ex("電気代もばかにならない季節です。省エネにご協力ください。", "ばかにならない is an idiom"),
        ex("酒かすを使ったかす汁の作り方を紹介します。", "かす is sake lees"),
        ex("カスタードプリン作り教室の参加者を募集します。", "カスタード contains カス"),
        ex("燃えるゴミは月曜日と木曜日です。ゴミは朝8時までに出してください。", "ゴミ is rubbish"),
        ex("市民の皆さんが出したゴミです。分別にご協力ありがとうございます。", "ゴミ after a person is still rubbish"),
        ex("アニサキスなどの寄生虫による食中毒にご注意ください。", "寄生虫 in a food-safety post"),
        ex("ゴキブリやネズミの駆除についてのご相談は環境衛生課へ。", "ゴキブリ in a pest-control post"),
        ex("「バカ」「キモい」などの言葉は、相手を深く傷つけます。", "insults quoted in an anti-bullying post"),
        ex("紙くずや糸くずは燃えるごみに出してください。", "くず compounds are rubbish"),
        ex("最低気温は3度の予想です。暖かくしてお出かけください。", "最低気温"),
        ex("最悪の場合、命に関わるおそれがあります。早めに避難してください。", "最悪の場合"),
        ex("親バカと言われるくらい、子育てを楽しみましょう。", "親バカ is affectionate"),
        ex("時差ボケ対策の講座を開きます。", "時差ボケ"),
        ex("漫才のボケとツッコミを体験するワークショップです。", "ボケ is a comic role"),
        ex("ポンコツ車の不法投棄が増えています。", "ポンコツ of a car"),
        ex(
            "敬老会に参加したおじいちゃん、おばあちゃんに記念品を贈りました。",
            "おじいちゃん has the lemma 爺 (past FP)",
        ),
        ex("「アホ」と言われて落ち込んだ経験を、生徒たちが発表しました。", "quoted and reported with と言う"),
        ex("講演「バカと言われた少年時代」を開催します。", "a lecture title (past FP: 「バカの壁」)"),
        ex("中型犬以下の大きさのペットは、避難所に同伴できます。", "中型犬以下 is a size"),
        ex("ヒトもチンパンジーと同じ霊長類の仲間です。", "a zoo post comparing species"),
        ex("コースを外れた参加者は失格です。", "失格 as a race rule"),
        ex("私どもの説明不足でした。おわびいたします。", "私ども is humble"),
        ex("小学生の作文コンクールの表彰式を行いました。", "a child's work without まるで or みたい"),
        ex("参加者はまるで子どもの頃に戻ったようにはしゃいでいました。", "まるで子どもの頃 is not a work"),
        ex("ニート・ひきこもり相談会を毎月開いています。", "ニート in youth support"),
        ex("初心者は運転が下手なので、車間距離を十分にとりましょう。", "下手 ending a clause describes a skill"),
        ex("どんなくだらない質問でも、お気軽にどうぞ。", "くだらない said of questions, friendly"),
        ex("幼稚な絵に見えても、子どもには大切な表現です。", "幼稚 not said of a person"),
        ex("サルのように木登りを楽しむ子どもたちの姿が見られました。", "likens a movement, not a person"),
        ex("食品残さを豚の餌にリサイクルしています。", "fodder itself"),
        ex("目がおかしいと感じたら、すぐに眼科を受診してください。", "a symptom, said to no one"),
        ex("あなたの感覚がおかしいのではありません。誰にでも起こることです。", "denies it, asks nothing"),
        ex("遊具が古すぎてポンコツです。更新を予定しています。", "ポンコツ of a machine after すぎて"),
        ex("人が多すぎてゴミだらけになりました。", "ゴミだらけ is rubbish"),
        ex("市のごみ焼却施設の熱で温水プールを運営しています。", "市のごみ is rubbish (past FP)"),
        ex("キモだめし大会の参加者を募集します。", "キモだめし is 肝試し (past FP)"),
        ex("うさぎとかめの童話では、のろまなカメが勝ちます。", "のろま of the tortoise"),
        ex("Osaka と Kasukabe を結ぶ高速バスです。", "romaji words that contain an insult"),
    ],
)
def insulting_words(ctx: Context) -> Iterable[Hit]:
    """Words that insult a person: バカ, アホ, 無能, 役立たず, 老害, 税金泥棒, ブス, キモい, 頭おかしい...

    Why: calling anyone names is 誹謗中傷 and 不敬な言い方, which every guideline prohibits (towada 4(1)(2),
    yatsushiro (10)ア, honjo 3(6)①, joetsu 5(5), tatsuno 3(7)(ア)).

    Ambiguous words (クズ, カス, ボケ, ハゲ, ブタ, 最低, ゴミ...) are flagged only when said of a person:
    followed by a person noun (ゴミ人間, クズ職員), after 人間の/社会の, in a sentence that addresses
    someone (お前, こいつ), as a vocative (このクズが！), a look before の and a person (ハゲの市長), or
    (except ゴミ) as the final predicate of a sentence whose topic is a person (あの職員はクズだ,
    課長は無責任なカスばかりだ; any noun in 員/者/長/民/客/家 and 〜する方は count as a person), as the verdict
    after 〜すぎて (わかりにくすぎてゴミでした), or said to be there with いる (ごみを出すクズがいます).
    Comparing a person to an animal or rubbish (サル以下, 観光客はサルと同じです, サルみたいな利用者,
    あっちは豚の餌レベル), …ども after a person (役人ども), the reader's senses called broken (あなたの舌が
    おかしいのでは？) and insults in romaji (bakaなの？) are flagged too.
    The plant クズ（葛）, the flower ボケ, 酒かす, ばかうけ, ばかにならない, 親バカ, おじいちゃん/おばあさん
    (only ジジイ/ババア are rude), 私ども, 中型犬以下, and words quoted to warn against them (「バカ」などの
    言葉, 「チビ」とからかわれた) or as titles (『バカの壁』を読む読書会) pass, and so do サルのように
    木登りを楽しむ子どもたち, 豚の餌にリサイクル, 目がおかしいと感じたら眼科へ and 市のごみ焼却施設.

    Instead: say what happened and what you ask of readers, without labelling anyone.
    """
    return _hits(ctx, _insulting_words(ctx))


@rule(
    code="INS002",
    category=Category.INSULT,
    severity=Severity.BLOCK,
    when=(
        "set:insult:hostile",
        "set:insult:command",
        "set:insult:rude_aux",
        "set:insult:prohibitive",
        "set:insult:never_again",
    ),
    title="暴言・脅し",
    message="『{excerpt}』は相手を威圧する乱暴な言い方（暴言・脅し）です。公式アカウントの発信としてふさわしくありません。",
    fix="命令口調や脅す言葉は使わず、「〜はお控えください」「〜にご協力をお願いします」のように丁寧にお願いする形にしてください。",
    matches=[
        ex("路上駐車する人は黙れ。", "abusive command"),
        ex("文句があるなら市外に出ていけ！", "abusive command"),
        ex("ポイ捨てする奴は死ね", "death wish"),
        ex("クレーマーなんかシネ", "death wish in katakana after なんか"),
        ex("あんな連中なんか氏ね", "death wish in internet spelling"),
        ex("ふざけるな。ルールくらい守れ。", "ふざけるな"),
        ex("何度言ったら分かるのか、いい加減にしろ。", "いい加減にしろ"),
        ex("次にやったらぶっ殺すぞ", "threat"),
        ex("二度とこの公園に顔を出すな。", "二度と … な with words between"),
        ex("いちいち電話してくんなよ。", "prohibition in 撥音便 (くんな)"),
        ex("窓口で騒ぐんじゃねえ。", "〜んじゃねえ"),
        ex("黙っていろ、素人が。", "〜ていろ"),
        ex("見つけたらただじゃおかないぞ。", "threat"),
        ex("黙れ、ボケ", "command read as 連用形, then a vocative"),
        ex("死ね", "a bare death wish"),
        ex("文句があるなら町から出ていけばいい。", "wishes someone would leave"),
        ex("市の方針に文句があるなら、さっさと引っ越せばいいのにね。", "wishes someone would move away"),
        ex("ルールも守れない人はこの町に住まなくて結構です。", "tells someone they are not wanted here"),
    ],
    passes=[
        ex("大津波警報が発表されました。直ちに高台へ避難してください。", "urgent but polite instruction"),
        ex("クマに出会ったら、目を合わせずに静かに離れてください。", "wildlife instruction"),
        ex("飲んだら乗るな、乗るなら飲むな。飲酒運転は犯罪です。", "traffic-safety slogan in plain imperatives"),
        ex("がんばれ受験生！図書館の自習室を延長開放します。", "がんばれ is encouragement"),
        ex("「死ね」「消えろ」などの書き込みは、ネットいじめにあたります。", "quoted in an anti-bullying post"),
        ex("台風が去ればすぐに片付けを始められるよう準備しましょう。", "去れば is a conditional"),
        ex("一時停止の「止まれ」の標識を必ず守りましょう。", "a traffic sign"),
        ex("帰れなくなった方のために、駅前に一時滞在施設を開設しました。", "帰れない is potential"),
        ex("ふざけて川に入るのは危険です。", "ふざけて is not a command"),
        ex("夜道に気をつけて帰りましょう。", "夜道に気をつけて is advice, not 気をつけろ"),
        ex("還付金詐欺の電話がかかってくることがあります。", "かかってくる is not かかってこい"),
        ex("二度と同じ事故が起きないよう、点検を徹底します。", "二度と without a prohibition"),
        ex("油断すると痛い目に遭います。", "a warning, not a threat with ぞ"),
        ex("雨が降るんじゃないかと心配な方は、屋内会場へどうぞ。", "んじゃない is a guess"),
        ex("痛みが消えればいいのですが、と悩む方の相談窓口です。", "a symptom that should go away"),
        ex("いつ引っ越せばいいですか？転入届は14日以内に提出してください。", "a moving FAQ"),
        ex("市外に住まなくていいテレワーク移住を応援します。", "住まなくていい before a noun"),
    ],
)
def hostile_commands(ctx: Context) -> Iterable[Hit]:
    """Abusive commands, threats and death wishes: 黙れ, 消えろ, 死ね, 出ていけ, ふざけるな, いい加減にしろ, 殺すぞ.

    Why: a plain command that dismisses or threatens the reader is the clearest 非礼・不遜な発言
    (towada 4(2)) and 誹謗中傷 (4(1)); a death wish or a threat can also be a crime.

    Only listed hostile forms are flagged, never every plain imperative: official posts use
    slogans and urgent instructions (飲んだら乗るな, 「止まれ」, がんばれ, 直ちに避難してください).
    Prohibitions are flagged in their rude forms only: slang (電話してくんな, 来るんじゃねえ) and
    二度と … な. Auxiliary commands (黙っていろ, 覚悟しておけ) and a command before a vocative (黙れ、
    カス) count whatever the verb. Telling residents to move away (さっさと引っ越せばいいのに, この町に
    住まなくて結構です) is flagged; a moving FAQ (いつ引っ越せばいいですか) is not. Commands quoted to warn
    against them (「死ね」などの書き込み) pass.

    Instead: ask politely (「〜はご遠慮ください」「〜にご協力をお願いします」) and explain why.
    """
    toks = ctx.analysis.tokens
    hits = _hits(ctx, live_matches(ctx, "insult:hostile"))
    commands = live_matches(ctx, "insult:command")
    if commands:
        before_insult = _insult_starts(ctx)
        hits += _hits(
            ctx,
            (m for m in commands if _is_command(toks, m.last - 1) or _calls_names(toks, m.last - 1, before_insult)),
        )
    # An auxiliary in command form (黙ってろ, 黙っていろ, 覚えとけ, 覚悟しておけ) is rude whatever the
    # verb; official posts say 〜していてください. The finding shows the verb with it.
    for m in ctx.lex.find(ctx.analysis, "insult:rude_aux"):
        # てろ/とけ are auxiliaries on the verb before them; いろ/おけ are verbs after て.
        first = _verb_start(toks, m.first - 1 if toks[m.first].pos[0] == "助動詞" else m.first)
        if "命令形" in toks[m.first].conjugation and not is_mentioned_span(ctx, first, m.last):
            hits.append(ctx.hit(toks[first].start, m.end))
    hits += _hits(ctx, _prohibitions(ctx))
    return hits


def _verb_start(toks: list[Token], k: int) -> int:
    """The first token of the verb phrase that ends at token k: 黙っ|て|いろ, 覚悟|し|て|おけ, 口出し|すん."""
    first = k
    if first > 1 and toks[first].pos[1] == "非自立可能" and toks[first - 1].pos[1] == "接続助詞":
        first -= 2
    if first > 0 and toks[first].lemma == "為る" and toks[first - 1].pos[2] == "サ変可能":
        first -= 1
    return first


# Kana that a command form ends in (黙れ, 死ね, 出ていけ, 消え失せ): Sudachi reads some commands as
# 連用形/仮定形, and a 連用形 in another row (去り, 帰り) is never one.
_E_ROW = frozenset("えけげせぜてでねへべぺめれゑ")


def _is_command(toks: list[Token], k: int) -> bool:
    """``is_command``, also when only a line break or a closing quote follows the bare 仮定形/連用形:
    a draft that is just 死ね (with its newline) or 「死ね」."""
    if is_command(toks, k):
        return True
    if not toks[k].conjugation.startswith(("仮定形", "連用形")):
        return False
    j = k + 1
    while j < len(toks) and toks[j].sentence == toks[k].sentence:
        if toks[j].pos[0] != "空白" and toks[j].pos[1] != "括弧閉":
            return False
        j += 1
    return True


def _insult_starts(ctx: Context) -> set[int]:
    """Where a term of abuse or an address begins (the vocative after 黙れ: 黙れカス, 黙れ、お前)."""
    sets = ("insult:abuse", "insult:ambiguous", "insult:ambiguous_weak", "insult:you")
    return {m.first for s in sets for m in ctx.lex.find(ctx.analysis, s)}


def _calls_names(toks: list[Token], k: int, insult_starts: set[int]) -> bool:
    """Token k is a verb in command shape followed by a name-calling vocative: 黙れカス, 死ね、ゴミ."""
    if not toks[k].conjugation.startswith(("仮定形", "連用形")) or toks[k].fold[-1:] not in _E_ROW:
        return False
    j = k + 1
    while j < len(toks) and toks[j].sentence == toks[k].sentence and toks[j].pos[1] in ("読点", "空白"):
        j += 1
    return j in insult_starts and toks[j].sentence == toks[k].sentence


def _prohibitions(ctx: Context) -> Iterator[Match]:
    """Rude prohibitions: 〜すんな, 〜くんな, 来るんじゃねえ, and 二度と … な at the end of a sentence."""
    a = ctx.analysis
    toks = a.tokens
    text = a.norm.text
    for m in live_matches(ctx, "insult:prohibitive"):
        if text.startswith("?", m.end):  # 行くんじゃねえ？ is a question
            continue
        first = _verb_start(toks, m.first - 1)
        yield m._replace(first=first, start=toks[first].start)
    for m in live_matches(ctx, "insult:never_again"):
        end = _sentence_end(toks, m.first)
        for k in range(m.last + 1, end):
            t = toks[k]
            if (
                t.surface == "な"
                and t.pos[1] == "終助詞"
                and toks[k - 1].pos[0] in ("動詞", "助動詞")
                and _is_final(toks, k + 1)
                and not is_mentioned_span(ctx, m.first, k + 1)
            ):
                yield m._replace(last=k + 1, end=t.end)
                break


_VULGAR_PREFIX = "くそ"
# Fused words that begin with くそ but are ordinary vocabulary.
_VULGAR_PREFIX_WORDS = {"くそまじめ"}


@rule(
    code="INS003",
    category=Category.INSULT,
    severity=Severity.WARN,
    when=("set:insult:vulgar", f"text:{_VULGAR_PREFIX}"),
    title="品位を欠く下品な言葉",
    message="『{excerpt}』は品位を欠く下品な言葉です。公式アカウントでは非礼な言い方と受け取られるおそれがあります。",
    fix="「クソ〜」などの強調は「とても」「大変」に言い換えるか、削除してください。",
    matches=[
        ex("今日はクソ暑いので、こまめに水分をとりましょう。", "vulgar intensifier; still unfit for an official voice"),
        ex("駅前の騒音、ｸｿうるさいです。", "half-width katakana ｸｿ"),
        ex("糞野郎が不法投棄しています。", "kanji 糞 as a prefix"),
        ex("ちくしょう、また雨で中止です。", "vulgar exclamation"),
    ],
    passes=[
        ex("会場で飼い犬がふんをした場合は、飼い主が持ち帰ってください。", "droppings as the object of する"),
        ex("犬のふんは飼い主が持ち帰りましょう。", "ふん of dogs"),
        ex("鳥の糞による被害が出ています。", "糞 of birds"),
        ex("うんこドリルとコラボした防災ドリルを配布します。", "うんこドリル is a textbook brand"),
        ex("便の色が白っぽいときは、すぐに医療機関にご相談ください。", "medical word for stool"),
        ex("鼻くそをほじるのはやめましょう、と保健だよりで呼びかけています。", "鼻くそ is one word"),
    ],
)
def vulgar_words(ctx: Context) -> Iterable[Hit]:
    """Vulgar words and intensifiers: クソ〜 (クソうるさい, くそ暑い), 糞野郎, ちくしょう, うんこ.

    Why: vulgar language on an official account is 非礼 (towada 4(2)) and lowers the municipality's
    credibility. くそ暑い hurts nobody, so this rule only warns; クソ said of a person is also an insult
    and INS001/INS005 block it. 糞 or ふん of animals (犬のふん, 鳥の糞), 鼻くそ and the textbook
    brand うんこドリル pass.

    Instead: use 「とても」「大変」, or drop the intensifier.
    """
    hits = _hits(ctx, live_matches(ctx, "insult:vulgar"))
    # Sudachi fuses some クソ compounds into one adjective (クソ暑い → 糞暑い), which no token-aligned
    # entry can reach; the prefix itself is the vulgar part.
    if _VULGAR_PREFIX in ctx.analysis.folded:
        for t in ctx.analysis.tokens:
            if len(t.fold) > 2 and t.fold.startswith(_VULGAR_PREFIX) and t.fold not in _VULGAR_PREFIX_WORDS:
                hits.append(ctx.hit(t.start, t.end))
    return hits


@rule(
    code="INS004",
    category=Category.INSULT,
    severity=Severity.WARN,
    when=("set:insult:condescension", "set:insult:child_level", "set:insult:basics"),
    title="読み手を見下した言い方",
    message="『{excerpt}』は読み手を見下した言い方です。不遜な態度と受け取られるおそれがあります。",
    fix="住民を責める言い方ではなく、「詳しくは資料の○ページをご覧ください」のように、読み手に寄り添って案内する形にしてください。",
    matches=[
        ex("資料に書いてあることを質問されても困ります。", "blames residents for asking"),
        ex("分別ルールも守れないんですか？", "rhetorical question"),
        ex("夜中に騒ぐ人、近所迷惑って言葉知ってますか？", "belittles the reader's knowledge"),
        ex("何度言えばわかるのでしょうか。", "exasperated"),
        ex("常識で考えてください。", "talks down"),
        ex("ちゃんと読んでから窓口に来てください。", "scolds for not reading"),
        ex("お前らの意見なんか知らない。", "contemptuous address"),
        ex("子どもでもできることが、なぜできないのですか。", "子どもでもできること + a reproachful question"),
        ex("ご自分の頭で考えてください。", "talks down"),
        ex("少しは頭を使ってから電話してください。", "think before you call"),
        ex("勉強してから質問してください。", "study before you ask"),
        ex("字も読めないなら家族に聞いてください。", "not even a basic skill, with なら"),
        ex("道を聞いてくる観光客、地図も読めないの？", "not even a basic skill, as a question"),
        ex("申込みは窓口だけって書いてあるでしょ。何回言わせんの。", "書いてあるでしょ; 何回言わせんの"),
        ex("ホームページをきちんと読めば分かることです。", "would know if they had read it"),
        ex("この程度で理解できないなら、義務教育からやり直したほうがいいと思います。", "go back to school"),
        ex("ネット受付くらい使えるようになってください。いい大人なんだから。", "いい大人なんだから"),
        ex("文句を言うだけなら小学生でもできますよね。", "dismisses critics; 小学生でもできますよね"),
        ex("正直、皆さんのマナーの悪さにはあきれています。", "contempt as exasperation"),
        ex("ご指摘どうもありがとうございました（棒）", "the sarcasm marker after a sentence"),
        ex("苦情を入れてくる人たちは、常識のない人たちだと思います。", "people described by what they lack"),
        ex("もう一度だけ説明して差し上げますね。", "patronising 差し上げる"),
        ex("うちの係長は仕事ができないくせに威張ってばかりです。", "〜ないくせに"),
    ],
    passes=[
        ex("申込書の記入例をよく読んでから、お申し込みください。", "polite instruction to read"),
        ex("日本語が読めない方のために、多言語の案内を用意しています。", "multilingual support"),
        ex("Q. マイナンバーカードがないと申請できないのですか？ A. 通知カードでも申請できます。", "FAQ question"),
        ex("「もったいない」という言葉は世界に広がっています。", "という言葉 without belittling"),
        ex("何度もお伝えしていますが、不要不急の外出はお控えください。", "repeated urgent request"),
        ex("良い年をお迎えください。", "良い年"),
        ex("小学生でも分かる税金の話、出前講座を開きます。", "小学生でも分かる as a friendly promise"),
        ex("子どもでもできることから、一緒に始めましょう。", "子どもでもできること without reproach"),
        ex("昔話の語り部が「お前さん」と呼びかけます。", "お前さん (and quoted)"),
        ex("もう少し頭を使うパズルがある上級コースもあります。", "頭を使う パズル, not an instruction"),
        ex("Q. 日本語も話せないのですか？ A. 通訳が同席します。", "an FAQ's own question"),
        ex("日本語も分からないのですが、相談できますか？", "a resident's question goes on with が"),
        ex("字も読めない小さな子どもにも楽しめる絵本です。", "not even …, without a jab"),
        ex("子どもでもできるでしょうか？はい、できます。", "a real question, not でしょ as a jab"),
        ex("あきれるほどおいしいと評判のメロンです。", "あきれるほど is praise"),
        ex("割りばし（棒）と輪ゴムで鉄砲を作ります。", "（棒） as a gloss after a noun"),
        ex("いい大人だからこそ、学び直しを楽しみましょう。", "いい大人 without reproach"),
        ex("中学英語からやり直す大人の学び直し講座です。", "a subject to relearn, not a school"),
        ex("小さいくせに力持ちのカブトムシです。", "くせに after an adjective"),
        ex("記念品を差し上げます。", "差し上げる without て"),
    ],
)
def condescension(ctx: Context) -> Iterable[Hit]:
    """Talking down to residents: rhetorical questions (〜も守れないんですか？, 〜って言葉知ってますか？),
    exasperation (何度言えばわかるのか), 常識で考えてください, ちゃんと読んでから来てください.

    Why: an official account serves every resident; scolding or belittling them is 不遜な態度
    (towada 4(2)) and 不敬な言い方 (honjo 3(6)①, joetsu 5(5), tatsuno 3(7)(ア)). The tone is for the
    approver to weigh, so this rule warns.

    A rhetorical question is told from an FAQ heading by what it belittles (日本語, 字, ルール, 常識,
    こんなこと) and by 〜も/すら; a plain 「よく読んでからお申し込みください」 passes. Addressing readers
    as お前ら or てめえ is flagged; 小学生でも分かる only with のに/はず, a reproachful question or a jab at the
    end (小学生でもできますよね; 小学生でも分かる防災ガイド passes). "Not even X" (字も読めないなら, 地図も
    読めないの？) is flagged for basic skills with a question, なら or なんて after it, never in an FAQ's own
    question. Also: 書いてあるでしょ, きちんと読めば分かること, 義務教育からやり直したほうが, いい大人なん
    だから, 文句があるなら, 文句を言うだけなら, あきれています, 常識のない人, 説明して差し上げます,
    〜できないくせに, and the sarcasm marker （棒） after a sentence.

    Instead: point to where the answer is (「詳しくは資料の3ページをご覧ください」) and thank readers.
    """
    return _hits(ctx, [*live_matches(ctx, "insult:condescension"), *_child_level(ctx), *_basics_failed(ctx)])


# After 小学生でも分かる: のに/はず/だろう belittle; こと does when the sentence negates or asks.
_REPROACH = {"のに", "筈"}
_NEGATION = {"ない", "ぬ", "ず", "無い", "か"}


def _child_level(ctx: Context) -> Iterator[Match]:
    """「小学生でも分かることを何度も聞かないで」, 「子どもでもできるのに」 (not 小学生でも分かる防災ガイド)."""
    toks = ctx.analysis.tokens
    for m in live_matches(ctx, "insult:child_level"):
        j, end = m.last, _sentence_end(toks, m.first)
        if j >= end:
            continue
        nxt = toks[j]
        reproach = (
            nxt.lemma in _REPROACH
            or (nxt.lemma == "の" and j + 1 < end and toks[j + 1].lemma == "に")
            or (nxt.lemma == "だ" and "意志推量形" in nxt.conjugation)
        )
        if reproach or (nxt.lemma == "こと" and any(t.lemma in _NEGATION for t in toks[j + 1 : end])):
            yield m
        elif _sneers_at_end(toks, j, end):
            yield m  # 文句を言うだけなら小学生でもできますよね, 子どもでも分かるでしょ


# Endings that turn a statement into a jab at the reader: 〜できますよね, 〜分かるでしょ, 〜だろ.
_POLITE_GLUE = {"ます", "です", "だ"}
_JAB_PARTICLES = {"よ", "ね"}


def _sneers_at_end(toks: list[Token], j: int, end: int) -> bool:
    """Tokens j..end are a copula or ます and then よね, or でしょ/だろ, up to the sentence's end."""
    k = j
    while k < end and toks[k].lemma in _POLITE_GLUE and "意志推量形" not in toks[k].conjugation:
        k += 1
    if k < end and toks[k].lemma in ("です", "だ") and "意志推量形" in toks[k].conjugation:
        # 分かるでしょ, できるだろ; でしょうか asks (子どもでもできるでしょうか？はい、できます).
        return _is_final(toks, k + 1) and not any(t.lemma == "か" for t in toks[k + 1 : end])
    particles = set()
    while k < end and toks[k].pos[1] == "終助詞":
        particles.add(toks[k].lemma)
        k += 1
    return particles >= _JAB_PARTICLES and _is_final(toks, k)


# 字も読めない, 地図すら読めない: the particle that says "not even".
_EVEN = {"も", "すら", "さえ"}
# What makes "not even X" a jab rather than a statement: a question, なら, なんて. Not とか or のに,
# which list or tell a story (日本語も読めないとか、手続きが分からないとか; 日本語も話せないのに来日し).
_JAB_WORDS = {"なら", "なんて"}
_TAIL_GLUE = {"の", "ん", "です", "でしょう", "だ", "ます"}


def _is_jab(toks: list[Token], k: int) -> bool:
    t = toks[k]
    return t.surface in _JAB_WORDS or t.surface == "?" or (t.pos[1] == "終助詞" and t.lemma in ("か", "の"))


_FAQ_MARKS = ("Q", "q", "問", "質問")


def _in_faq_question(text: str, offset: int) -> bool:
    """The line is an FAQ question (Q. 日本語も話せないのですか？), asked by a resident, not of one."""
    line = text[text.rfind("\n", 0, offset) + 1 : offset].lstrip()
    return line.startswith(_FAQ_MARKS)


def _basics_failed(ctx: Context) -> Iterator[Match]:
    """「字も読めないなら家族に聞いてください」「地図も読めないの？」: a basic skill the reader lacks.

    日本語も分からないのですが、… (a question to the city) goes on with が; 字も読めない子どもたちに
    絵本を (a statement about someone else's need) has no question or なら; an FAQ's own question
    (Q. 日本語も話せないのですか？) and words reported after と言われ are not the account's."""
    toks = ctx.analysis.tokens
    text = ctx.analysis.norm.text
    n = len(toks)
    for m in ctx.lex.find(ctx.analysis, "insult:basics"):
        k = m.last
        if k + 2 >= n or toks[k].lemma not in _EVEN or _in_faq_question(text, m.start):
            continue
        verb = k + 1
        if toks[verb].pos[2] == "サ変可能" and verb + 1 < n and toks[verb + 1].pos[0] == "動詞":
            verb += 1  # 理解|でき|ない
        if toks[verb].pos[0] != "動詞":
            continue
        neg = verb + 1
        if neg < n and toks[neg].lemma == "ます":
            neg += 1  # 読めませ|ん
        if neg >= n or toks[neg].lemma not in _NEGATIVES:
            continue
        end = _sentence_end(toks, m.first)
        tail = neg + 1
        while tail < end and not _is_jab(toks, tail) and toks[tail].lemma in _TAIL_GLUE:
            tail += 1
        if (
            tail < end
            and _is_jab(toks, tail)
            and not _reported(toks, tail + 1)
            and not is_mentioned_span(ctx, m.first, tail)
        ):
            yield m._replace(last=tail, end=toks[tail - 1].end)


_SAID = {"言う", "思う", "責める", "聞く"}


def _reported(toks: list[Token], k: int) -> bool:
    """Tokens from k report the words before them without quotes: 空気も読めないの？と言われて
    (？ ends Sudachi's sentence, so と言われて may stand in the next one)."""
    while k < len(toks) and toks[k].surface == "?":
        k += 1
    return k + 1 < len(toks) and toks[k].lemma in ("と", "って") and toks[k + 1].lemma in _SAID


@rule(
    code="INS005",
    category=Category.INSULT,
    severity=Severity.BLOCK,
    when=("set:insult:disparage", "set:insult:person_verdict"),
    title="他者をけなす・あざける表現",
    message="『{excerpt}』は他者（人・団体・地域）やその取り組みをけなす、あざける表現です。誹謗中傷と受け取られるおそれがあります。",
    fix="他者への評価やからかいは削除し、自分たちの取り組みの紹介など、事実に絞って発信してください。",
    matches=[
        ex("隣町の観光ポスター、センスゼロですね。", "mocks another town"),
        ex("委員の発言は的外れで、聞いていられませんでした。", "scorns a person's words"),
        ex("あの程度の企画しか出せないとは、お粗末な話です。", "scorns someone's work"),
        ex("次は、もっとまともな人を選びましょう。", "implies the current person is not decent"),
        ex("話の通じない職員ばかりで困ります。", "dismisses people as impossible to talk to"),
        ex("無責任にもほどがあります。", "にもほどがある"),
        ex("点検業者の仕事は素人以下の仕上がりでした。", "素人以下"),
        ex("まるで学芸会のような式典だった。", "まるで学芸会"),
        ex("揚げ足ばかり取って、お暇なんですね。", "sneer"),
        ex("炎上してかわいそうw", "mock pity"),
        ex("「市長は無能」と書いた方、その言葉そっくりそのままお返しします。", "throws the insult back"),
        ex("公式キャラを「キモい」と言った人、鏡見てから言ってね。", "look in the mirror first"),
        ex("本を汚して返す人、どういう育ち方したんですか？", "scorns someone's upbringing"),
        ex("傍聴に来た人たち、ほとんど居眠り。何しに来たんだか。", "sneers at people who came"),
        ex("毎日クレームの電話とは、ほかに楽しみないの？", "sneers at how someone spends time"),
        ex("今日もせっせと粗探しご苦労さま。", "sneers at critics"),
        ex("口だけ達者で何もしない方々には、正直うんざりです。", "all talk"),
        ex("請け負った業者の仕切りは素人レベルでした。", "calls professionals amateurs"),
        ex("ボランティアに来た学生さんたち、ほとんど役に立たなかった。", "useless, said of the topic's people"),
        ex("職員に当たる方は、迷惑以外の何物でもありません。", "nothing but a nuisance, said of people"),
    ],
    passes=[
        ex("小学生が作ったポスターは、どれもセンスが光る力作ぞろいです。", "praise"),
        ex("的確な助言をいただき、ありがとうございました。", "的確 is praise"),
        ex("放送が聞き取りにくい場合は、防災メールでもご確認いただけます。", "聞き取りにくい"),
        ex("かわいいキャラクターに思わず笑顔になりました。", "friendly reaction"),
        ex("電話で話が通じない場合は、メールでもお問い合わせいただけます。", "a bad line, not a person"),
        ex("かわいそうな子猫の里親を募集しています。", "real pity"),
        ex("学芸会の練習が体育館で始まりました。", "学芸会 itself"),
        ex("古い地図は役に立たないので、最新版をお使いください。", "役に立たない of a thing"),
        ex("素人レベルの方も歓迎します。", "welcomes beginners"),
        ex("ド素人集団が作った映画が賞を受賞しました。", "ド素人 said of oneself"),
        ex("重箱の隅をつつくようですが、もう一点確認させてください。", "the writer's own hedge"),
        ex("ほかに楽しみがない高齢者の孤立を防ぐため、サロンを開いています。", "a welfare post"),
        ex("子どもがどんな育ち方をしたかによって、大人になってからの健康が変わります。", "a talk on upbringing"),
        ex("落とし物は確認のうえ、そのままお返しします。", "returns lost property"),
        ex("口だけでなく行動で示します。", "口だけでなく"),
    ],
)
def disparagement(ctx: Context) -> Iterable[Hit]:
    """Mocking or scornful judgements of others: センスゼロ, 的外れ, 聞いていられない, お粗末, 茶番, 失笑,
    もっとまともな人を; insults thrown back (その言葉そっくりそのままお返しします, 鏡見てから言って),
    scorn for someone's upbringing (どういう育ち方したんですか, 親の顔が見てみたい), sneers at how people
    spend their time (何しに来たんだか, ほかに楽しみないの？, 粗探しご苦労さま), 口だけ達者, 素人レベル;
    and verdicts that are ordinary of things but not of people (役に立たない, 迷惑以外の何物でもない,
    足手まとい), flagged only when a person is the sentence's topic (学生さんたち、ほとんど役に立たなかった;
    古い地図は役に立たない passes).

    Why: disparaging another municipality, a council member or anyone's work is 誹謗中傷
    (towada 4(1), yatsushiro (10)ア) even without a swear word, and an official account that mocks
    others invites the 無用な議論 the guidelines ask staff to avoid.

    Instead: describe your own work on its merits; leave others' out or speak of them with respect.
    """
    return _hits(ctx, [*live_matches(ctx, "insult:disparage"), *_person_verdicts(ctx)])


def _person_verdicts(ctx: Context) -> Iterator[Match]:
    """役に立たない, 迷惑以外の何物でもない, 足手まとい said of a person who is the sentence's topic or
    who is addressed (学生さんたち、ほとんど役に立たなかった); of a thing (古い地図は役に立たない) they pass."""
    matches = live_matches(ctx, "insult:person_verdict")
    if not matches:
        return
    targets = _Targets(ctx)
    toks = ctx.analysis.tokens
    for m in matches:
        if (targets.topic_before(m.first) or targets.you_in_sentence(m.first)) and not _hearsay(toks, m.last):
            yield m


# A verdict followed by these is what people think or say, here to be refuted: 高齢者は役に立たないと
# 思われがちですが…, 足手まといになるなんてことはありません.
_HEARSAY_VERBS = {"思う", "言う", "考える", "感じる", "思い込む", "決め付ける", "遠慮", "心配"}


def _hearsay(toks: list[Token], k: int) -> bool:
    end = _sentence_end(toks, k - 1)
    for j in range(k, end):
        t = toks[j]
        if t.lemma in ("なんて", "など") or t.surface in ("という", "といった"):
            return True
        if t.lemma in ("と", "って") and j + 1 < end and toks[j + 1].lemma in _HEARSAY_VERBS:
            return True
    return False


# --- masked insults -------------------------------------------------------------------------------

# Insults written with a letter hidden or split by a symbol, to slip past a word list: バ〇カ, ク・ズ,
# し＊ね. Folded (hiragana), ``_`` standing for the mask; the mask may also be ・ here, which never
# splits these words in ordinary writing.
MASKED_INSULTS = (
    "ば_か",
    "あ_ほ",
    "く_ず",
    "か_す",
    "ぼ_け",
    "ご_み",
    "き_も",
    "う_ざ",
    "む_の_う",
    "む_のう",
    "むの_う",
    "し_ね(?=ば|よ|[!.。…]|$|\\s)",  # the death wish: しね ends no token where ば follows (し〇ねば)
)
_INSULT_MASKS = MASKS + "・"
_MASKED_INSULT_RE = lazy_compile(masked_pattern(MASKED_INSULTS, _INSULT_MASKS))


@rule(
    code="INS006",
    category=Category.INSULT,
    severity=Severity.BLOCK,
    when=tuple(f"text:{c}" for c in _INSULT_MASKS),
    title="伏せ字にした侮辱語",
    message="『{excerpt}』は侮辱語（「{word}」）を記号で伏せた書き方です。伏せ字にしても、人を侮辱する言葉であることは変わりません。",
    fix="侮辱する言葉は伏せ字にせず削除し、伝えたい事実だけを書いてください。",
    matches=[
        ex("あんな担当者、ほんとにバ〇カだと思う。", "a masked letter"),
        ex("窓口に来たあの人はク・ズです。", "split by ・"),
        ex("文句ばかり言う人は、し＊ねばいいのに", "a death wish masked"),
        ex("あいつらマジでカ×ス", "× as the mask"),
    ],
    passes=[
        ex("〇〇地区の〇〇さんが受賞しました。", "placeholders"),
        ex("ボ・ケ・ツ・ト・ラ・ン・プ", "a word spelled out letter by letter"),
        ex("ばか〇〇と呼ばれて傷ついた経験はありませんか。", "not a masked letter"),
        ex("○×クイズ大会を開催します。", "a quiz"),
    ],
)
def masked_insult(ctx: Context) -> Iterable[Hit]:
    """An insult with a letter hidden or split off by a symbol: バ〇カ, ク・ズ, カ×ス, し＊ね.

    Why: a word list alone is easy to fool with a symbol inside the word; the guidelines forbid the
    insult, however it is spelled (towada 4(1)(2), joetsu 5(5)). The masked word must start a word
    and end one (a kana after it continues another word), and never sits next to another mask
    (〇〇さん, ○×クイズ). Instead: delete the word.
    """
    for start, end in masked_spans(ctx, _MASKED_INSULT_RE, _INSULT_MASKS, whole=True):
        word = "".join(c for c in ctx.analysis.folded[start:end] if c not in _INSULT_MASKS)
        yield ctx.hit(start, end, word=word)
