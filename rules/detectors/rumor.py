"""Rumours and unfounded information: 単なる噂, 噂を助長する情報, 根拠のない・正否不明の情報.

Guidelines: towada 4(4), yatsushiro (10)エ, honjo 3(6)④, joetsu 5(5), tatsuno 3(7)(エ).

Japanese marks hearsay and inference in its grammar, and Sudachi's analysis tells these forms from
their look-alikes: 助動詞 らしい after a predicate (遅れるらしい) versus 夏らしさ/自分らしく/めずらしい;
the evidential そう after a plain final or attributive form (遅れるそうです) versus the appearance
そう after a 連用形 or a stem (降りそうです, おいしそう); inferential みたい/よう/模様/っぽい closing a
clause after a predicate (閉店するみたいです, 丸投げされるようです, 出た模様です) versus …ように,
…ないよう、, 夢のような, 子どもみたいに; 〜と聞きました/〜って聞いた/〜と耳にしました after a
predicate versus a quotation (「楽しかった」と聞き). The reportage forms (そう, とのこと, みたい/よう,
と聞く) are how interviews, lore and weather notes are written too, so they count as a rumour only
when the post names no source and they report an incident or a danger (食中毒, 事故, 亀裂, 不審者),
or a claim about the city's facilities, services, prices or office-holders (閉店, 撤退, 白紙,
値上げ, 辞任, 〜が減る). Around them, rules/lexicons/rumor.yml lists how uncertainty is admitted
(確認は取れていませんが), where a claim comes from (知り合いから聞いた, ネットで見た / 気象庁によると),
and how official posts refute rumours (そのような事実はありません, デマにご注意ください): a refutation
anywhere in the post silences these rules, and a named source silences the reportage forms.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rules.detectors._shared import (
    cooccurrences,
    in_quotes,
    phrase_end,
    quoted_spans,
    sentence_hits,
    sentence_span,
    unquoted_matches,
)
from rules.engine import Context
from rules.lexicon import Match
from rules.model import Category, Severity
from rules.regex import lazy_compile
from rules.registry import Hit, ex, rule
from rules.text import Token

_PREDICATE_POS = frozenset({"動詞", "形容詞", "助動詞"})
# Every hearsay marker starts at a token that begins with one of these (see `_marker_at`), so
# RUM001 runs only on drafts with one of the literals of its gate (たって contains って). The た of
# たって matches alone, so that in 有っ|た|って the って token after it is still looked at.
_TRIGGERS = ("らし", "そう", "とか", "との", "って", "みたい", "よう", "模様", "っぽ", "聞", "きい", "きき", "耳")
_TRIGGER_RE = lazy_compile("た(?=って)|" + "|".join(_TRIGGERS))
_TRIGGER_GATE = tuple(f"text:{w}" for w in _TRIGGERS)
# Nouns of intention and plan that close a clause like a predicate (上げるつもりらしい).
_PLAN_NOUNS = frozenset({"積もり", "筈", "予定", "方針", "見込み", "計画"})
_AFTER_TOKA = frozenset({"です", "だ", "ね", "よ", "さ", "な"})
# Nouns that らしい after describes as typical (春らしい, 自分らしい, 今日は猫の日らしいです), not
# hearsay, and degree words that make a らしい typicality (いかにも港町らしい, さすが職人らしい).
_TYPICAL_NOUNS = frozenset(
    {"春", "夏", "秋", "冬", "初夏", "真夏", "晩秋", "真冬", "早春", "季節", "年末", "正月", "師走", "日", "日和"}
    | {"記念日", "自分", "人間", "男", "女", "男性", "女性", "大人", "子供", "学生", "日本", "日本人", "地元"}
    | {"都会", "田舎", "本物", "今時", "今"}
)
_DEGREE_LEMMAS = frozenset({"如何に", "如何にも", "迚も", "凄い", "本当", "流石", "何とも", "すっかり", "非常"})
_DEGREE_LEMMAS |= {"一番", "最も", "正に", "正しく", "より", "何より", "一層", "ぞ"}
# 〜って本当？, 〜ってマジ？: a claim relayed as a question.
_TRUTH_LEMMAS = frozenset({"本当", "まじ", "真実", "事実"})
_TTE_NOUNS = frozenset({"話", "噂"})
# Hearsay and inference that a named source makes legitimate (気象台によると…そうです, 店主の方から
# …と聞きました), and that reports a rumour only when it tells of an event to come or an incident.
_SOURCEABLE = frozenset({"sou", "tonokoto", "infer", "kiku", "tte_kiku", "phrase", "honto"})
# 〜って聞いた, 〜って聞きました: the casual quotative is how gossip is passed on; interviews and
# features write 〜と聞きました, so this form is a rumour about any event to come (unless sourced),
# not only about an incident or a change.
_CASUAL = frozenset({"tte_kiku"})
# Inference: みたい, よう, 模様, っぽい (閉店するみたいです, 丸投げされるようです, 出た模様です).
_INFER_LEMMAS = frozenset({"みたい", "よう", "模様", "ぽい"})
# A noun, or a noun suffix (多発中, 破綻寸前), before とのこと: 中止とのこと.
_NOUN_POS = frozenset({("名詞", "普通名詞"), ("接尾辞", "名詞的")})
_NAME_SUFFIXES = frozenset({"さん", "氏", "様", "ちゃん", "君"})


@dataclass(frozen=True, slots=True)
class Marker:
    kind: str  # rashii, sou, toka, tte, tonokoto, infer, kiku, tte_kiku (〜って聞いた), phrase, honto
    start: int  # normalised offsets
    end: int
    sentence: int
    event: bool = True  # the predicate tells of what will happen, not of the past or a state
    anchor: int = 0  # token index of the marker's first token


def _same_sentence(toks: list[Token], i: int, sentence: int) -> Token | None:
    if 0 <= i < len(toks) and toks[i].sentence == sentence:
        return toks[i]
    return None


def _ends_clause(tok: Token | None) -> bool:
    """True at a sentence end, before punctuation or emoji, or before a sentence-final particle."""
    return tok is None or tok.pos[0] in ("補助記号", "空白") or tok.lemma in _AFTER_TOKA


def _phrase_start(toks: list[Token], i: int) -> int:
    """Start of the phrase ending at token i: back over function words to one content word, so the
    excerpt reads 閉店するそう rather than そう."""
    sent = toks[i].sentence
    j = i - 1
    while j >= 0 and toks[j].sentence == sent and _is_function_word(toks[j]):
        j -= 1
    if j >= 0 and toks[j].sentence == sent:
        return toks[j].start
    return toks[j + 1].start if j + 1 < i else toks[i].start


def _is_function_word(tok: Token) -> bool:
    return tok.pos[0] in ("助動詞", "助詞", "接尾辞") or tok.pos[1] == "非自立可能"


# Hearsay about what is past or lasting (多かったそうです, 担い手が減っているそうです) is how features
# and interviews report what people told the writer; a change told as what will happen (収集が減る
# とのことです, 料金が上がるようです) is a claim about the city (see `_unsourced_markers`).
_STATE_LEMMAS = frozenset({"た", "居る", "有る", "てる", "です", "ます"})


def _reports_event(prev: Token | None) -> bool:
    """The predicate before a reportage form is a non-past event in plain form (減る, 変わる), not
    a past (減った), a state (減っている) or an adjective."""
    return _hearsay_predicate(prev) and prev.lemma not in _STATE_LEMMAS and prev.pos[0] != "形容詞"


def _is_sa_noun(tok: Token) -> bool:
    return tok.pos[0] == "名詞" and "サ変可能" in tok.pos


def _hearsay_predicate(tok: Token | None) -> bool:
    """A predicate in plain final or attributive form: what hearsay そう, とのこと, みたい, よう and
    と聞く follow (閉店するそう, 出たみたい, 高いそう); not 降りそう, おいしそう (連用形, stems)."""
    if tok is None or tok.pos[0] not in _PREDICATE_POS:
        return False
    form = tok.conjugation
    return form.startswith("終止形") or form.startswith("連体形")


def _copula_follows(tok: Token | None) -> bool:
    """The inference noun or stem ends its clause (…ようです, …模様だ, …みたい。), rather than
    modifying or linking (…ように, …ような, …みたいな)."""
    if tok is None or tok.pos[0] in ("補助記号", "空白"):
        return True
    return tok.lemma in ("だ", "です") and tok.surface not in ("に", "な", "で")


def _infer_at(toks: list[Token], i: int, prev: Token | None, nxt: Token | None) -> tuple[str, int, bool] | None:
    t = toks[i]
    if t.lemma == "ぽい":
        # 閉店するっぽいです; not 子どもっぽい, 白っぽい (after nouns and stems).
        return ("infer", i, _reports_event(prev)) if _hearsay_predicate(prev) else None
    if t.lemma == "模様" and t.pos[0] != "名詞":
        return None
    if t.lemma in ("みたい", "よう") and t.pos[1] != "助動詞語幹":
        return None
    if t.lemma == "よう":
        # …ようです, …ようだ, …ようなので; not …ないよう、 (purpose), …ように, …ような＋noun.
        if nxt is None or nxt.lemma not in ("だ", "です") or nxt.surface == "に":
            return None
        after = _same_sentence(toks, i + 2, t.sentence)
        if nxt.surface == "な" and (after is None or after.lemma not in ("の", "ので", "ん")):
            return None
    elif not _copula_follows(nxt) and not (t.lemma == "みたい" and _ends_clause(nxt)):
        return None
    if _hearsay_predicate(prev):
        return "infer", i, _reports_event(prev)
    if t.lemma == "みたい" and prev is not None and _is_sa_noun(prev):
        return "infer", i, True  # 中止みたいです, like 中止らしい
    return None


def _kiku_at(toks: list[Token], i: int, sent: int) -> tuple[str, int, bool] | None:
    """〜と聞きました, 〜って聞いた, 〜と耳にしました: the quoting particle and a predicate before it."""
    t = toks[i]
    last = i
    if t.lemma == "耳":
        after = _same_sentence(toks, i + 1, sent)
        if after is None or after.surface != "に":
            return None
        last = i + 1
    elif t.lemma != "聞く" or t.pos[0] != "動詞" or not t.conjugation.startswith("連用形"):
        return None  # also not 〜と聞くと, 〜と聞けば (a condition, not a report)
    else:
        te = _same_sentence(toks, i + 1, sent)
        oru = _same_sentence(toks, i + 2, sent)
        if te is not None and te.surface == "て" and oru is not None and oru.surface.startswith("お"):
            return None  # …と聞いております: the humble register of an official briefing
    particle = _same_sentence(toks, i - 1, sent)
    k = i - 2
    if particle is not None and particle.surface == "か":  # 〜とか聞きました
        particle = _same_sentence(toks, i - 2, sent)
        k = i - 3
    if particle is None:
        return None
    casual = particle.pos[0] == "助詞" and particle.fold.endswith("って")
    if not casual and not (particle.surface == "と" and particle.pos[1] == "格助詞"):
        return None
    pred = _same_sentence(toks, k, sent)
    if not _hearsay_predicate(pred):
        return None  # 「楽しかった」と聞きました: a quotation
    after = _same_sentence(toks, last + 1, sent)
    # 〜って聞いた/聞きました reports what the writer heard; 〜って聞いて、行ってきました narrates.
    told = after is not None and after.lemma in ("た", "ます")
    return ("tte_kiku" if casual and told else "kiku"), last, _reports_event(pred)


def _noun_rashii(toks: list[Token], i: int, prev: Token | None, nxt: Token | None) -> tuple[str, int, bool] | None:
    """らしい closing a clause after a common noun: hearsay about what something is (市長の親戚の
    会社らしいよ, 原因はたばこらしいです), not typicality (春らしいですね, いかにも港町らしい).

    After a noun with a genitive modifier (親戚の会社, 暴力団の経営) it says who or what is behind
    something, a rumour on its own; after a bare noun it counts like the inferential forms, only
    when it tells of an incident or a claim about the city."""
    if prev is None or prev.pos[:2] != ("名詞", "普通名詞") or prev.lemma in _TYPICAL_NOUNS:
        return None
    if nxt is not None and nxt.lemma == "です":
        nxt = _same_sentence(toks, i + 2, toks[i].sentence)
        if nxt is not None and nxt.lemma == "ね":
            return None  # 〜らしいですね: sharing an impression
    if not (_ends_clause(nxt) or (nxt.pos[1] == "接続助詞" and nxt.lemma in ("けれど", "が"))):
        return None
    sent = toks[i].sentence
    j = i - 1
    while j >= 0 and toks[j].sentence == sent:
        if toks[j].lemma in _DEGREE_LEMMAS:
            return None
        j -= 1
    genitive = _same_sentence(toks, i - 2, sent)
    if genitive is not None and genitive.surface == "の" and genitive.pos[1] == "格助詞":
        return "rashii", i, True
    return "infer", i, True


def _marker_at(toks: list[Token], i: int) -> tuple[str, int, bool] | None:
    """The hearsay form starting at token i, as (kind, index of its last token, whether the
    predicate tells of an event to come), or None."""
    t = toks[i]
    sent = t.sentence
    prev = _same_sentence(toks, i - 1, sent)
    nxt = _same_sentence(toks, i + 1, sent)
    if (t.lemma == "らしい" and t.pos[0] == "助動詞") or (t.pos[0] == "名詞" and t.fold.startswith("らし")):
        # After a predicate (遅れるらしい, 決まったらしい, the evasion やって来るﾗｼｲ) or an event noun
        # used predicatively (中止らしいです); 秋らしい, 大人らしい after other nouns are typicality.
        if prev is not None and (
            prev.pos[0] in _PREDICATE_POS or prev.lemma in _PLAN_NOUNS or (_is_sa_noun(prev) and _ends_clause(nxt))
        ):
            return "rashii", i, True
        return _noun_rashii(toks, i, prev, nxt)
    if t.lemma == "そう" and t.pos[1] == "助動詞語幹":
        # 閉店するそうです, 中止だそうです, 出たそうです; not 降りそう (連用形 + the appearance そう).
        return ("sou", i, _reports_event(prev)) if _hearsay_predicate(prev) else None
    if t.lemma in _INFER_LEMMAS:
        return _infer_at(toks, i, prev, nxt)
    if t.lemma in ("聞く", "耳"):
        return _kiku_at(toks, i, sent)
    if t.surface == "と" and t.pos[1] == "格助詞" and nxt is not None:
        after = _same_sentence(toks, i + 2, sent)
        if nxt.surface == "か" and prev is not None and prev.pos[0] in _PREDICATE_POS and _ends_clause(after):
            return "toka", i + 1, True  # …遅れるとか。
        if nxt.surface == "の" and after is not None and after.lemma in ("こと", "事"):
            if _hearsay_predicate(prev):
                return "tonokoto", i + 2, _reports_event(prev)  # …中止になるとのことです
            if prev is not None and prev.lemma not in _NAME_SUFFIXES and prev.pos[:2] in _NOUN_POS:
                return "tonokoto", i + 2, True  # …多発中とのこと, …破綻寸前とのこと, …中止とのこと
        return None
    if t.pos[0] == "助詞" and t.fold.endswith("って"):
        if nxt is not None and nxt.lemma in _TRUTH_LEMMAS and prev is not None:
            after = _same_sentence(toks, i + 2, sent)
            if after is None or after.pos[0] == "補助記号" or after.lemma in ("か", "です", "だ", "の", "な"):
                return "honto", i + 1, True  # …やってるって本当？, …閉店ってマジ？ (not って本当に嬉しい)
            return None
        if nxt is not None and nxt.lemma in _TTE_NOUNS:
            return "tte", i + 1, True  # …って話です, …って噂
        if prev is not None and prev.lemma == "だ" and _ends_clause(nxt):
            return "tte", i, True  # …なんだって。
    return None


def hearsay_markers(ctx: Context) -> list[Marker]:
    """The grammatical hearsay forms in the draft, outside quotation brackets (cached)."""
    analysis = ctx.analysis
    cached = analysis.__dict__.get("_hearsay_markers")
    if cached is not None:
        return cached
    toks = analysis.tokens
    starts = analysis.token_starts
    quotes = None  # looked for once there is a marker: most drafts have none
    out: list[Marker] = []
    # Every marker starts at a token beginning with one of a few kana: find those in one C-level
    # scan of the folded text instead of looking at every token.
    for found in _TRIGGER_RE.finditer(analysis.folded):
        i = starts.get(found.start())
        if i is None:
            continue
        marker = _marker_at(toks, i)
        if marker is None:
            continue
        kind, last, event = marker
        if quotes is None:
            quotes = quoted_spans(analysis)
        if in_quotes(quotes, toks[i].start, toks[last].end):
            continue  # reported speech, usually being refuted
        out.append(Marker(kind, _phrase_start(toks, i), toks[last].end, toks[i].sentence, event, i))
    analysis.__dict__["_hearsay_markers"] = out
    return out


def _refuted(ctx: Context) -> bool:
    """The post refutes or calms a rumour somewhere (そのような事実はありません, デマ, 必要な分だけ …)."""
    found = ctx.lex.matches(ctx.analysis)
    return bool(found.get("rumor:refute_strong") or found.get("rumor:calm"))


# Words a name suffix follows that name nobody: 皆さん (the readers), お子さん, お客さん; and shops
# (ラーメン屋さん, 八百屋さん: see `_names_somebody`).
_NOT_NAMES = frozenset({"皆", "子", "客"})


def _source_sentences(ctx: Context) -> frozenset[int]:
    """The sentences that name where information comes from: an organisation, a role, a person, lore.

    A source word in a phrase that says there is none yet (正式な発表はまだですが) names nothing."""
    lex, analysis = ctx.lex, ctx.analysis
    toks = analysis.tokens
    found: set[int] = set()
    sources = lex.find(analysis, "rumor:attribution") + lex.find(analysis, "rumor:lore")
    if sources:
        none_yet = [(m.start, m.end) for m in lex.find(analysis, "rumor:no_source")]
        found.update(
            toks[m.first].sentence for m in sources if not any(s <= m.start and m.end <= e for s, e in none_yet)
        )
    for i, t in enumerate(toks):
        # A person's name, but not one that begins a compound (北中学校, where Sudachi reads 北中
        # as a surname).
        if (t.is_name and not (i + 1 < len(toks) and toks[i + 1].pos[:2] == ("名詞", "普通名詞"))) or (
            t.pos[0] == "接尾辞" and t.lemma in _NAME_SUFFIXES and i > 0 and _names_somebody(toks[i - 1])
        ):
            found.add(t.sentence)
    return frozenset(found)


# A source in the sentence before or after a report answers it when that sentence reports too
# (「市長に聞きました。来年から値上げするそうです」「…とのことです。気象庁の発表です」); a source in a
# sentence about something else (「不審な電話はすぐに警察へ相談しましょう」) says nothing about it.
_REPORTING_LEMMAS = frozenset(
    {"聞く", "伺う", "発表", "話す", "言う", "語る", "よる", "報道", "公表", "取材", "説明", "教える", "出典"}
)


def _sourced_at(ctx: Context, sources: frozenset[int], sentence: int) -> bool:
    """Whether a report in ``sentence`` has its source named: there, or in a neighbouring report."""
    if sentence in sources:
        return True
    toks = ctx.analysis.tokens
    for n in (sentence - 1, sentence + 1):
        if n in sources and any(t.sentence == n and t.lemma in _REPORTING_LEMMAS for t in toks):
            return True
    return False


def _names_somebody(tok: Token) -> bool:
    """What a name suffix follows names a person: 田中さん, 〇〇氏, the mascot わかばちゃん; not 皆さん
    (the readers), お子さん, nor a shop (ラーメン屋さん, 八百屋さん; a surname such as 土屋 is a name
    and counted before its suffix)."""
    return tok.lemma not in _NOT_NAMES and not tok.lemma.endswith("屋")


def _sourced_out(ctx: Context) -> list[Marker]:
    """Every hearsay marker (grammar and phrases), without the reportage forms whose source the post
    names (in their sentence or a neighbouring report, see ``_sourced_at``)."""
    toks = ctx.analysis.tokens
    markers = hearsay_markers(ctx) + [
        Marker("phrase", m.start, m.end, toks[m.first].sentence, True, m.first)
        for m in unquoted_matches(ctx, "rumor:hearsay_phrase")
    ]
    if not any(m.kind in _SOURCEABLE for m in markers):
        return markers
    sources = _source_sentences(ctx)
    if not sources:
        return markers
    return [m for m in markers if m.kind not in _SOURCEABLE or not _sourced_at(ctx, sources, m.sentence)]


def _unsourced_markers(ctx: Context) -> list[Marker]:
    """Hearsay markers, leaving out the reportage forms (そう, とのこと, よう, みたい, と聞く) when the
    post names its source, and when what they report is no rumour.

    Features, interviews, lore and weather notes are written in the same forms (多かったそうです,
    人形劇をするそうです, 見頃を迎えたようです, 雨が降るようです); what they report makes the
    difference: an incident or a danger (食中毒が出たそうです, 事故があったとのことです), or a claim
    about the city's facilities, services, prices and office-holders (撤退するみたいです, 白紙に戻った
    ようです, 減るとのことです) unless the words just before the marker are about the weather or nature.
    """
    toks = ctx.analysis.tokens
    markers = _sourced_out(ctx)
    if not any(m.kind in _SOURCEABLE for m in markers):
        return markers
    lex, analysis = ctx.lex, ctx.analysis

    def sentences(set_id: str) -> set[int]:
        return {toks[m.first].sentence for m in unquoted_matches(ctx, set_id)}

    incidents = sentences("rumor:incident") | sentences("rumor:health_harm")
    changes = sentences("rumor:change")
    trends = sentences("rumor:trend")
    benign = lex.find(analysis, "rumor:benign")

    def about_nature(m: Marker) -> bool:
        """A weather or nature word ends just before the marker (葉の色が変わるようです)."""
        return any(toks[b.first].sentence == m.sentence and m.anchor - 4 <= b.last <= m.anchor for b in benign)

    def is_rumour(m: Marker) -> bool:
        if m.kind not in _SOURCEABLE or m.sentence in incidents or (m.kind in _CASUAL and m.event):
            return True
        if m.sentence in changes:
            return not about_nature(m)
        # 増える, 変わる: about numbers that grow or colours that change when the post is about nature.
        return m.event and m.sentence in trends and not benign

    return [m for m in markers if is_rumour(m)]


def _weakly_refuted_sentences(ctx: Context, inside: Iterable[Match]) -> set[int]:
    """Sentences with a warning or a pointer to official information, not counting words that are
    part of the flagged phrase itself (the 確認 of 確認は取れていません)."""
    toks = ctx.analysis.tokens
    spans = [(m.start, m.end) for m in inside]
    return {
        toks[m.first].sentence
        for m in ctx.lex.find(ctx.analysis, "rumor:refute_weak")
        if not any(s <= m.start and m.end <= e for s, e in spans)
    }


def unverified_hits(ctx: Context) -> list[Match]:
    """Admitted uncertainty, rumour nouns, unnamed private sources, and claims said to be spreading."""
    hedges = unquoted_matches(ctx, "rumor:hedge") + unquoted_matches(ctx, "rumor:rumor_noun")
    weak = _weakly_refuted_sentences(ctx, hedges)
    toks = ctx.analysis.tokens
    found = [m for m in hedges if toks[m.first].sentence not in weak]
    found += unquoted_matches(ctx, "rumor:vague_source")
    spread_sentences = {toks[m.first].sentence for m in unquoted_matches(ctx, "rumor:spread")}
    found += [m for m in unquoted_matches(ctx, "rumor:relay") if toks[m.first].sentence in spread_sentences]
    return sorted(found, key=lambda m: m.start)


def unsourced_claims(ctx: Context) -> list[tuple[int, int, int]]:
    """Claims said to be held by nobody in particular (一部では〜と言われています), medical
    misinformation presented as common knowledge (〜を打つと不妊になると言われています), and claims
    an unnamed acquaintance is said to have made (知り合いが、…と言っていました), as
    (start, end, sentence)."""
    found = cooccurrences(
        ctx,
        [
            "rumor:some_say",
            "rumor:health_rumor",
            "rumor:unsafe_water",
            "rumor:miracle_cure",
            "rumor:miracle_cure_relayed",
            "rumor:private_said",
            "rumor:online_incident",
            "rumor:prophecy",
        ],
        quoted=["rumor:said_generally", "rumor:said_by"],
    )
    return [(c.start, c.end, c.sentence) for c in found]


def _one_per_sentence(ctx: Context, spans: Iterable[tuple[int, int, int]]) -> Iterator[Hit]:
    seen: set[int] = set()
    for start, end, sent in spans:
        if sent not in seen:
            seen.add(sent)
            yield ctx.hit(*sentence_span(ctx.analysis, sent, start, end))


@rule(
    code="RUM001",
    category=Category.RUMOR,
    severity=Severity.WARN,
    when=(*_TRIGGER_GATE, "set:rumor:hearsay_phrase"),
    title="伝聞・噂の言い回し",
    message="『{excerpt}』は伝聞の言い回しで、根拠の確認できない情報（噂）と受け取られるおそれがあります。",
    fix=(
        "情報の出どころ（発表した機関や担当課など）を確認し、「〇〇によると」と出典を明記して断定できる内容だけを"
        "書いてください。確認できない情報は発信しないでください。"
    ),
    matches=[
        ex(
            "特殊詐欺にご注意ください。不審な電話は警察へ。来月で市民プールが閉鎖されるそうです。",
            "a source named about something else (警察) does not source the report",
        ),
        ex("来月から市民プールの料金が値上がりするらしいです。", "助動詞 らしい after a verb"),
        ex("駅前の商業ビルは年内に閉店するそうです。", "evidential そう without a source"),
        ex("新しい給食センターの完成は半年ほど遅れるとか。", "sentence-final とか"),
        ex("市営バスの路線が廃止されるって話です。", "〜って話"),
        ex("動物園にコアラが来るﾗｼｲです！", "evasion: half-width katakana ﾗｼｲ"),
        ex("来月から市民プールが閉鎖になるとのことです。", "〜とのこと without a source"),
        ex("今年の花火大会、中止なんだって。", "sentence-final 〜なんだって"),
        ex("来春で市立病院の産婦人科がなくなるみたいです。", "inferential みたい about an event to come"),
        ex("どうやら市営住宅の家賃が上がるようです。", "inferential ようだ, no source"),
        ex("西町の交差点で大きな事故があった模様です。", "模様 about an incident"),
        ex("昨日、東小学校で食中毒が出たそうです。", "past hearsay about an incident"),
        ex("来月から市民会館が使えなくなると聞きました。", "〜と聞きました"),
        ex("聞くところによると、北公園は来年閉鎖されるそうです。", "聞くところによると is no source"),
        ex("マイナンバーカードを作ると、預金が国に筒抜けになるって聞きました。", "casual 〜って聞きました"),
        ex("本町のラーメン屋さんで食中毒が出たって聞きました。", "〜屋さん is a shop, not a source"),
        ex("市内のATMに不審な機械が仕掛けられる被害が多発中とのこと。", "a noun before とのこと"),
        ex("灯油の値段が来月から倍になるという話を聞きました。", "〜という話を聞きました"),
        ex("5Gのアンテナが建つと、頭痛が増えるという話もあります。", "〜という話もあります"),
        ex("来年度からごみ袋が値上げされるみたいです。正式な発表はまだですが。", "発表 said not to exist yet"),
    ],
    passes=[
        ex("日差しにも夏らしさが感じられるようになりました。", "接尾辞 らしさ"),
        ex("誰もが自分らしく暮らせるまちを目指します。", "接尾辞 らしく"),
        ex("秋らしい爽やかな陽気の中、運動会が開かれました。", "typicality after a noun"),
        ex("町内でアカウミガメが産卵するのはめずらしい出来事です。", "形容詞 めずらしい"),
        ex("夕方から雨が降りそうです。傘をお持ちください。", "appearance そう after 連用形"),
        ex("気象台によると、今夜から明日にかけて大雪になるそうです。", "evidential そう with a named source"),
        ex("店主の佐藤さんは、毎朝4時から仕込みを始めるそうです。", "interview: named person"),
        ex("この地域では、昔から塩づくりが盛んだったそうです。", "local lore"),
        ex(
            "「ダムが決壊するらしい」という書き込みがありますが、そのような事実はありません。",
            "refutation quoting the rumour",
        ),
        ex("今朝は冷え込んで、公園の池に氷が張ったようです。", "an observation of nature"),
        ex("明日は晴れるようです。布団を干すチャンスですね。", "a guess about the weather"),
        ex("転ばないよう、足元にご注意ください。", "purpose よう"),
        ex("子どもみたいにはしゃぐ大人の姿もありました。", "みたい after a noun: likeness"),
        ex("学芸員の方から、この土器は縄文時代のものだと聞きました。", "an interview with a named role"),
        ex("消防によると、火災は午前3時ごろ発生したとのことです。", "an incident with its source"),
        ex("県からは、年度内に工事が完了すると聞いております。", "humble briefing register"),
        ex("評判のカレーがおいしいって聞いて、さっそく食べに行ってきました。", "って聞いて narrates a visit"),
        ex("担当課によると、明日は設備点検のため休館とのことです。", "a noun before とのこと, sourced"),
        ex("新しい遊具ができるという話を聞いて、さっそく公園へ行ってみました。", "という話を聞いて narrates"),
        ex("昔、この辺りは海だったという話もあります。", "lore"),
        ex("参加者からは「また来たい」との声も。", "a quoted voice"),
    ],
)
def hearsay(ctx: Context) -> Iterable[Hit]:
    """Hearsay grammar in the account's own voice: 伝聞・推量の言い回し.

    Flags 助動詞 らしい after a predicate (値上がりするらしい, 決まったらしい, the evasion ﾗｼｲ),
    sentence-final 〜とか, 〜って話/〜って噂/〜なんだって, and, when the post names no source and
    they report an incident, a danger or a claim about the city (閉店, 白紙, 値上げ, 辞任, 〜が減る):
    the evidential そうだ and 〜とのことです (閉店するそうです, 食中毒が出たそうです), inferential
    みたい/ようだ/模様/っぽい (撤退するみたい, 丸投げされるようです, 鳥インフルエンザが出た模様です),
    〜と聞きました/〜って聞いた/〜と耳にしました, 〜とのこと after a noun (被害が多発中とのこと),
    and hearsay said in words (〜という話を聞きました, 〜という話もあります, 〜との声も…). The casual
    〜って聞きました is gossip's form: it counts for any event to come (筒抜けになるって聞きました).
    A shop (ラーメン屋さん) or a source said not to exist yet (正式な発表はまだですが) names no source.

    Not flagged: らしさ/自分らしく/秋らしい (typicality), めずらしい/すばらしい (adjectives),
    the appearance そう (降りそうです, おいしそう), …ように/…ないよう、/夢のような, a narrating
    〜って聞いて、行ってきました, reportage of programmes, interviews and observations
    (人形劇をするそうです, 多かったそうです, 見頃を迎えたようです), guesses about the weather
    and nature (晴れるようです, 数が増えるようです after 白鳥が飛来), hearsay with a named
    source (気象台によると, 店主の佐藤さんは, lore: 昔から, 江戸時代), 〜と聞いております
    (a briefing), anything inside 「」 (quoted), and posts that refute a rumour.
    聞くところによると, 噂によると and ネットによると name no source.

    Write instead: check with the department or body concerned and state the fact with its source.
    """
    if _refuted(ctx):
        return
    markers = sorted(_unsourced_markers(ctx), key=lambda m: m.start)
    yield from _one_per_sentence(ctx, ((m.start, m.end, m.sentence) for m in markers))


@rule(
    code="RUM002",
    category=Category.RUMOR,
    severity=Severity.WARN,
    when=(
        "set:rumor:hedge",
        "set:rumor:rumor_noun",
        "set:rumor:vague_source",
        "set:rumor:relay",
        "set:rumor:said_generally",
        "set:rumor:said_by",
        "set:rumor:online_buzz",
        "set:rumor:relayed",
        "pattern:rumor:prophecy",
    ),
    title="真偽の確認できない情報・噂の発信",
    message="『{excerpt}』は、真偽が確認できない情報や噂を広めていると受け取られるおそれがあります。",
    fix=(
        "担当課や関係機関に事実を確認し、確認できた内容だけを出典とともに発信してください。"
        "誤った情報が広まっている場合は、「〜という情報がありますが、事実ではありません」と正しい情報を示してください。"
    ),
    matches=[
        ex("確認は取れていませんが、国道のトンネルで崩落があったとの情報があります。", "admitted unverified"),
        ex("知人から聞いたのですが、北小学校は再来年に統合されます。", "unnamed private source"),
        ex("市内のスーパーが一斉に閉店するという噂が出ています。", "rumour noun"),
        ex("真偽は不明ですが、河川敷でクマを見たという話もあります。", "真偽は不明"),
        ex("新駅の建設が中止になるという情報がSNSで出回っています。", "claim said to be spreading, not refuted"),
        ex("関係者筋の情報では、市立病院の移転先はもう決まっています。", "an unnamed insider"),
        ex("ネットで見たんですが、西口の駐輪場が来月なくなります。", "an anonymous online source"),
        ex("駅前の映画館は今年で閉館するともっぱらの噂です。", "噂 on its own"),
        ex("市の幹部が大幅に入れ替わるのではないかとささやかれています。", "said to be whispered"),
        ex("この湧き水を毎日飲むと、がんが治ると言われています。", "a miracle cure as common knowledge"),
        ex("一部では、ゲームをすると子どもの脳が壊れると言われています。", "a claim attributed to nobody"),
        ex("近所の奥さんが、駅前のスーパーは来月で閉店すると言ってました。", "an acquaintance said so"),
        ex("火事の原因は放火じゃないかと近所で言われています。", "said among neighbours"),
        ex("一部で言われているとおり、夏祭りに有名人が来るかもしれません。", "一部で言われている"),
        ex("誰かが言ってたんだけど、川の魚は食べない方がいいって。", "somebody said so"),
        ex("ソースはわかりませんが、ATMに不審な機械が仕掛けられているそうです。", "source unknown"),
        ex("有名人が「この湧き水はがんを治す」と言っていました。", "a cure relayed from somebody"),
        ex("災害時は水道水を飲むと下痢になると昔から言われています。", "the city's water said to be unsafe"),
        ex("ワクチンを打つと不妊になるという話もあります。", "medical misinformation as talk"),
    ],
    passes=[
        ex("児童手当の振込口座が未確認の方には、個別にお知らせを送っています。", "未確認 administrative"),
        ex("SNS上で広まっているデマにご注意ください。", "warning about rumours"),
        ex(
            "「新駅の建設が中止になる」という情報が出回っていますが、そのような事実はありません。",
            "refutation of a spreading claim",
        ),
        ex("道の駅の噂の絶品ソフトクリームを食べてきました。", "噂の = talked-about"),
        ex("真偽不明の情報を拡散しないよう、公式の発表をご確認ください。", "warning"),
        ex("被害の状況については、現在確認中です。分かり次第お知らせします。", "official fact-finding"),
        ex("SNSで話題の古民家カフェが、商店街にオープンしました。", "話題 = popular"),
        ex("空き店舗を活用しようという話が持ち上がり、地域の手でカフェが生まれました。", "a narrated past"),
        ex("がんは早期に発見すれば治ると言われています。検診を受けましょう。", "health advice"),
        ex("公式キャラクターのわかばちゃんが、来月の祭りに登場します。", "公式 is no warning"),
        ex("医師は「がんは早期に見つければ治る」と話していました。", "a doctor quoted"),
        ex("中学生が、将来は医者になって難病を治したいと話していました。", "治したい is a wish"),
        ex(
            "「カマキリの卵が高いと大雪になる」という言い伝えには、科学的な根拠ははっきりしていません。",
            "folk lore refuted",
        ),
        ex("市の水道水は、毎月の水質検査で安全を確認しています。", "the city's water, sourced"),
    ],
)
def unverified(ctx: Context) -> Iterable[Hit]:
    """Passing on unverified information or rumours: 正否不明の情報・噂の助長.

    Flags an admitted lack of verification (確認は取れていませんが, 真偽は不明, 確かな情報ではない,
    詳細は不明ですが), the noun 噂 as a source or on its own (〜との噂が出ています, もっぱらの噂,
    あくまで噂ですが, 〜とささやかれています), unnamed private and online sources (知人から聞いた,
    知り合いのお母さんが言ってました, 関係者筋, 聞くところによると, ネットで見た, 書き込みを見かけた,
    投稿が回ってきた, 話を耳にした), a claim said to be spreading (〜という情報が出回っています,
    〜という話が持ち上がっています) that the post does not refute, claims said to be held by nobody
    in particular or medical misinformation (一部では〜と言われています, 〜を打つと不妊になる・がんが
    治ると言われています), a claim an unnamed acquaintance made (知り合いが、…と言っていました), an
    incident sourced to online talk (爆発があったと、SNSで大騒ぎになっています), claims said to be
    talked about among neighbours or by some (〜と近所で言われています, 一部で言われている), by
    somebody (誰かが言ってた), from an unknown source (ソースはわかりませんが), a cure relayed from
    somebody (「この湧き水はがんを治す」と言っていました), and the city's water said to be unsafe
    (水道水を飲むと下痢になると昔から言われています: folk lore is no ground for a health claim).

    Not flagged: administrative 未確認 (口座が未確認の方), 噂の〜 (talked-about), SNSで話題の〜
    (popular), warnings in the same sentence (〜にご注意ください, 公式の発表をご確認ください), health
    advice (早期に発見すれば治る), and posts that refute a rumour (そのような事実はありません, デマ,
    誤った情報).

    Write instead: confirm the facts with the department concerned and post them with their source.
    """
    if _refuted(ctx):
        return
    toks = ctx.analysis.tokens
    spans = [(m.start, m.end, toks[m.first].sentence) for m in unverified_hits(ctx)]
    yield from _one_per_sentence(ctx, sorted(spans + unsourced_claims(ctx)))


@rule(
    code="RUM003",
    category=Category.RUMOR,
    severity=Severity.BLOCK,
    when=("set:rumor:urge",),
    title="噂に基づいて行動をあおる情報",
    message=(
        "『{excerpt}』は、確認されていない情報をもとに買いだめや拡散などの行動をあおっており、"
        "混乱を招くおそれがあります。"
    ),
    fix=(
        "行動を呼びかける場合は、関係機関の発表など確かな根拠を確認し、出典を示してください。"
        "根拠のない見通しや噂をもとにした呼びかけは削除してください。"
    ),
    matches=[
        ex("来週からトイレットペーパーが品薄になるそうです。今のうちに買いだめしておきましょう。", "shortage rumour"),
        ex("堤防が決壊するらしいので、すぐに逃げてください。拡散希望。", "panic from hearsay"),
        ex("近々お米が店頭から消えるとの噂です。買えなくなる前に買っておくと安心ですよ。", "噂 + stock up"),
        ex("LINEで回ってきた情報ですが、明日は全域で断水するので、お風呂に水をためておきましょう。", "chain message"),
        ex("温泉の源泉が枯れかけているとの声も…入るなら今のうちですよ。", "a voice about a resource + act now"),
    ],
    passes=[
        ex("台風の接近に備え、今のうちに飲料水や非常食を確認しておきましょう。", "official preparedness"),
        ex("マスクの在庫は十分にあります。買いだめはせず、必要な分だけお買い求めください。", "calming message"),
        ex("「トイレットペーパーがなくなる」という情報は誤りです。落ち着いて行動してください。", "refutation"),
        ex("気象庁によると、今夜は大雨になるそうです。早めに避難の準備をしてください。", "sourced"),
        ex("停電に備えて、懐中電灯を用意しておくと安心です。", "preparedness without a rumour"),
        ex("地域の方からは、また開催してほしいとの声も。お申し込みは今のうちに！", "a voice that reports no claim"),
    ],
)
def panic(ctx: Context) -> Iterable[Hit]:
    """Rumours that push readers to act: 噂を助長し、行動をあおる情報.

    Flags an urge to act (今のうちに買っておく, 買いだめ, 水をためておく, 拡散希望) in a post that
    rests on hearsay or unverified information (the markers of RUM001/RUM002), and a predicted
    shortage (品薄になる, 買えなくなる) with an urge to stock up.

    Not flagged: preparedness advice from the municipality itself (台風に備え、今のうちに…),
    calming messages (買いだめはせず、必要な分だけ), refutations, sourced claims, and residents'
    voices that report no incident or claim about the city (また開催してほしいとの声も).

    Write instead: base any call to action on an announcement and cite it.
    """
    if _refuted(ctx):
        return
    urges = unquoted_matches(ctx, "rumor:urge")
    if not urges:
        return
    # Any unsourced hearsay is ground enough here: hearsay and an urge to stock up or spread the word
    # (手に入りにくくなるそうなので、買いだめを) is how panics start, whatever the hearsay reports.
    # Voices (〜との声も) are what surveys and events report too: they count when they tell of an
    # incident or a claim about the city, as in RUM001.
    grounds = [(m.start, m.end) for m in _sourced_out(ctx) if m.kind != "phrase"]
    grounds += [(m.start, m.end) for m in _unsourced_markers(ctx) if m.kind == "phrase"]
    grounds += [(m.start, m.end) for m in unverified_hits(ctx)]
    grounds += [(m.start, m.end) for m in unquoted_matches(ctx, "rumor:shortage_claim")]
    grounds += [(start, end) for start, end, _ in unsourced_claims(ctx)]
    if not grounds:
        return
    ground_start, ground_end = min(grounds)
    urge = urges[0]
    end = max(ground_end, phrase_end(ctx.analysis, [urge]))
    yield ctx.hit(min(ground_start, urge.start), end)


@rule(
    code="RUM004",
    category=Category.RUMOR,
    severity=Severity.WARN,
    when=("set:rumor:said_generally",),
    title="根拠を示さない決めつけ（〜と言われています）",
    message=(
        "『{excerpt}』は、根拠を示さずに特定の人々について一般論のように述べており、"
        "根拠のない情報と受け取られるおそれがあります。"
    ),
    fix="根拠となる調査や統計があれば出典を示してください。根拠がない場合、特定の人々を決めつける記述は削除してください。",
    matches=[
        ex("ひとり親家庭の子どもは非行に走りやすいと言われています。", "stereotype as common knowledge"),
        ex("外国人が増えると地域の治安が悪くなると言われています。", "stereotype"),
        ex("最近の若者はすぐにトラブルを起こしやすいと言われています。", "stereotype"),
    ],
    passes=[
        ex("このお祭りは、400年以上の歴史があると言われています。", "lore"),
        ex("適度な運動は、生活習慣病の予防に効果があると言われています。", "general health advice"),
        ex("国の調査によると、高齢者の交通事故は夕方に多いと言われています。", "sourced"),
        ex("子どもの事故は、家庭内で起こりやすいと言われています。ご家庭で対策を。", "safety advice, no stigma"),
    ],
)
def generalisation(ctx: Context) -> Iterable[Hit]:
    """Unsourced generalisations about groups of people: 〜と言われています.

    Flags a sentence that presents a negative trait of a group of people (ひとり親家庭の子ども,
    外国人, 若者 … + 非行, 治安が悪い, トラブルを起こしやすい) as common knowledge
    (〜と言われています) without a source.

    Not flagged: lore and general advice (歴史があると言われています, 効果があると言われています),
    statements with a source (国の調査によると), and safety advice about where accidents happen.

    Write instead: cite the survey or statistics, or remove the generalisation.
    """
    # One pattern holds at most once per sentence, so these are all its co-occurrences.
    return [] if _refuted(ctx) else sentence_hits(ctx, ["rumor:generalisation"])
