"""Rumours and unfounded information: 単なる噂, 噂を助長する情報, 根拠のない・正否不明の情報.

Guidelines: towada 4(4), yatsushiro (10)エ, honjo 3(6)④, joetsu 5(5), tatsuno 3(7)(エ).

Japanese marks hearsay in its grammar, and Sudachi's tags tell the hearsay forms from their
look-alikes: 助動詞 らしい after a predicate (遅れるらしい) versus 夏らしさ/自分らしく/めずらしい;
the evidential そう (名詞-助動詞語幹, 遅れるそうです) versus the appearance そう (形状詞-助動詞語幹,
降りそうです). Around them, rules/lexicons/rumor.yml lists how uncertainty is admitted
(確認は取れていませんが), where a claim comes from (知り合いから聞いた / 気象庁によると), and how
official posts refute rumours (そのような事実はありません, デマにご注意ください): a refutation
anywhere in the post silences these rules, and a named source silences the evidential そう.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rules.detectors._shared import (
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
# RUM001 runs only on drafts with one of the literals of its gate (たって contains って).
_TRIGGER_RE = lazy_compile("らし|そう|とか|との|たって|って")
_TRIGGER_GATE = ("text:らし", "text:そう", "text:とか", "text:との", "text:って")
_AFTER_TOKA = frozenset({"です", "だ", "ね", "よ", "さ", "な"})
_TTE_NOUNS = frozenset({"話", "噂"})
# Reportage forms that a named source makes legitimate (気象台によると…そうです).
_SOURCEABLE = frozenset({"sou", "tonokoto"})


@dataclass(frozen=True, slots=True)
class Marker:
    kind: str  # "rashii" | "sou" | "toka" | "tte" | "tonokoto"
    start: int  # normalised offsets
    end: int
    sentence: int


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


# Hearsay about what is past or lasting (多かったそうです, 憩いの場になっているそうです, 歴史がある
# そうです) is how features and interviews report what people told the writer; hearsay about what
# will happen (閉店するそうです, 中止になるそうです, 中止だそうです) is how rumours spread.
_STATE_LEMMAS = frozenset({"た", "居る", "有る", "てる", "です", "ます"})


def _reports_event(prev: Token | None) -> bool:
    """The predicate before an evidential そう / とのこと is a non-past event in plain form."""
    if prev is None:
        return False
    form = prev.conjugation
    if not (form.startswith("終止形") or form.startswith("連体形")):
        return False  # 降りそう, おいしそう: the appearance そう follows a 連用形 or a stem
    if prev.lemma in _STATE_LEMMAS or prev.pos[0] == "形容詞":
        return False
    return prev.pos[0] in ("動詞", "助動詞")


def _is_sa_noun(tok: Token) -> bool:
    return tok.pos[0] == "名詞" and "サ変可能" in tok.pos


def _marker_at(toks: list[Token], i: int) -> tuple[str, int] | None:
    """The hearsay form starting at token i, as (kind, index of its last token), or None."""
    t = toks[i]
    sent = t.sentence
    prev = _same_sentence(toks, i - 1, sent)
    nxt = _same_sentence(toks, i + 1, sent)
    if (t.lemma == "らしい" and t.pos[0] == "助動詞") or (t.pos[0] == "名詞" and t.fold.startswith("らし")):
        # After a predicate (遅れるらしい, 決まったらしい, the evasion やって来るﾗｼｲ) or an event noun
        # used predicatively (中止らしいです); 秋らしい, 大人らしい after other nouns are typicality.
        if prev is not None and (prev.pos[0] in _PREDICATE_POS or (_is_sa_noun(prev) and _ends_clause(nxt))):
            return "rashii", i
        return None
    if t.lemma == "そう" and t.pos[1] == "助動詞語幹":
        # 閉店するそうです, 中止だそうです; not 降りそう (連用形 + the appearance そう).
        return ("sou", i) if _reports_event(prev) else None
    if t.surface == "と" and t.pos[1] == "格助詞" and nxt is not None:
        after = _same_sentence(toks, i + 2, sent)
        if nxt.surface == "か" and prev is not None and prev.pos[0] in _PREDICATE_POS and _ends_clause(after):
            return "toka", i + 1  # …遅れるとか。
        if nxt.surface == "の" and after is not None and after.lemma in ("こと", "事") and _reports_event(prev):
            return "tonokoto", i + 2  # …中止になるとのことです
        return None
    if t.pos[0] == "助詞" and t.fold.endswith("って"):
        if nxt is not None and nxt.lemma in _TTE_NOUNS:
            return "tte", i + 1  # …って話です, …って噂
        if prev is not None and prev.lemma == "だ" and _ends_clause(nxt):
            return "tte", i  # …なんだって。
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
        kind, last = marker
        if quotes is None:
            quotes = quoted_spans(analysis)
        if in_quotes(quotes, toks[i].start, toks[last].end):
            continue  # reported speech, usually being refuted
        out.append(Marker(kind, _phrase_start(toks, i), toks[last].end, toks[i].sentence))
    analysis.__dict__["_hearsay_markers"] = out
    return out


def _refuted(ctx: Context) -> bool:
    """The post refutes or calms a rumour somewhere (そのような事実はありません, デマ, 必要な分だけ …)."""
    found = ctx.lex.matches(ctx.analysis)
    return bool(found.get("rumor:refute_strong") or found.get("rumor:calm"))


def _sourced(ctx: Context) -> bool:
    """The post names where its information comes from: an organisation, a role, a person, lore."""
    if ctx.lex.find(ctx.analysis, "rumor:attribution"):
        return True
    toks = ctx.analysis.tokens
    for i, t in enumerate(toks):
        if t.is_name:
            return True
        # 田中さん, 〇〇氏; not 皆さん (the readers).
        if t.pos[0] == "接尾辞" and t.lemma in ("さん", "氏", "様") and i > 0 and toks[i - 1].lemma != "皆":
            return True
    return False


def _unsourced_markers(ctx: Context) -> list[Marker]:
    """Hearsay markers, leaving out the evidential そう/とのこと when the post names its source."""
    markers = hearsay_markers(ctx)
    if any(m.kind in _SOURCEABLE for m in markers) and _sourced(ctx):
        return [m for m in markers if m.kind not in _SOURCEABLE]
    return markers


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
    when=_TRIGGER_GATE,
    title="伝聞・噂の言い回し",
    message="『{excerpt}』は伝聞の言い回しで、根拠の確認できない情報（噂）と受け取られるおそれがあります。",
    fix=(
        "情報の出どころ（発表した機関や担当課など）を確認し、「〇〇によると」と出典を明記して断定できる内容だけを"
        "書いてください。確認できない情報は発信しないでください。"
    ),
    matches=[
        ex("来月から市民プールの料金が値上がりするらしいです。", "助動詞 らしい after a verb"),
        ex("駅前の商業ビルは年内に閉店するそうです。", "evidential そう without a source"),
        ex("新しい給食センターの完成は半年ほど遅れるとか。", "sentence-final とか"),
        ex("市営バスの路線が廃止されるって話です。", "〜って話"),
        ex("動物園にコアラが来るﾗｼｲです！", "evasion: half-width katakana ﾗｼｲ"),
        ex("来月から市民プールが閉鎖になるとのことです。", "〜とのこと without a source"),
        ex("今年の花火大会、中止なんだって。", "sentence-final 〜なんだって"),
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
    ],
)
def hearsay(ctx: Context) -> Iterable[Hit]:
    """Hearsay grammar in the account's own voice: 伝聞・推量の言い回し.

    Flags 助動詞 らしい after a predicate (値上がりするらしい, 決まったらしい, the evasion ﾗｼｲ),
    the evidential そうだ (閉店するそうです, 中止だそうです) and 〜とのことです when the post names no
    source, sentence-final 〜とか, and 〜って話/〜って噂/〜なんだって.

    Not flagged: らしさ/自分らしく/秋らしい (typicality), めずらしい/すばらしい (adjectives), the
    appearance そう (降りそうです, おいしそう), hearsay with a named source (気象台によると, 店主の
    佐藤さんは, lore: 昔から), anything inside 「」 (quoted), and posts that refute a rumour.

    Write instead: check with the department or body concerned and state the fact with its source.
    """
    if _refuted(ctx):
        return
    yield from _one_per_sentence(ctx, ((m.start, m.end, m.sentence) for m in _unsourced_markers(ctx)))


@rule(
    code="RUM002",
    category=Category.RUMOR,
    severity=Severity.WARN,
    when=("set:rumor:hedge", "set:rumor:rumor_noun", "set:rumor:vague_source", "set:rumor:relay"),
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
    ],
)
def unverified(ctx: Context) -> Iterable[Hit]:
    """Passing on unverified information or rumours: 正否不明の情報・噂の助長.

    Flags an admitted lack of verification (確認は取れていませんが, 真偽は不明, 未確認情報,
    本当かどうか分かりませんが), the noun 噂 as a source (〜との噂が出ています), unnamed private
    sources (知人から聞いた, 関係者によると, 聞いた話), and a claim said to be spreading
    (〜という情報が出回っています) that the post does not refute.

    Not flagged: administrative 未確認 (口座が未確認の方), 噂の〜 (talked-about), warnings in the
    same sentence (〜にご注意ください, 公式の発表をご確認ください), and posts that refute a rumour
    (そのような事実はありません, デマ, 誤った情報).

    Write instead: confirm the facts with the department concerned and post them with their source.
    """
    if _refuted(ctx):
        return
    toks = ctx.analysis.tokens
    yield from _one_per_sentence(ctx, ((m.start, m.end, toks[m.first].sentence) for m in unverified_hits(ctx)))


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
    ],
    passes=[
        ex("台風の接近に備え、今のうちに飲料水や非常食を確認しておきましょう。", "official preparedness"),
        ex("マスクの在庫は十分にあります。買いだめはせず、必要な分だけお買い求めください。", "calming message"),
        ex("「トイレットペーパーがなくなる」という情報は誤りです。落ち着いて行動してください。", "refutation"),
        ex("気象庁によると、今夜は大雨になるそうです。早めに避難の準備をしてください。", "sourced"),
    ],
)
def panic(ctx: Context) -> Iterable[Hit]:
    """Rumours that push readers to act: 噂を助長し、行動をあおる情報.

    Flags an urge to act (今のうちに買っておく, 買いだめ, すぐに逃げて, 拡散希望) in a post that
    rests on hearsay or unverified information (the markers of RUM001/RUM002), and a predicted
    shortage (品薄になる, 買えなくなる) with an urge to stock up.

    Not flagged: preparedness advice from the municipality itself (台風に備え、今のうちに…),
    calming messages (買いだめはせず、必要な分だけ), refutations, and sourced claims.

    Write instead: base any call to action on an announcement and cite it.
    """
    if _refuted(ctx):
        return
    urges = unquoted_matches(ctx, "rumor:urge")
    if not urges:
        return
    grounds = [(m.start, m.end) for m in _unsourced_markers(ctx)]
    grounds += [(m.start, m.end) for m in unverified_hits(ctx)]
    grounds += [(m.start, m.end) for m in unquoted_matches(ctx, "rumor:shortage_claim")]
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
