"""Helpers that several detector modules share: mentions, quotations and co-occurrences.

Two questions come up in every category that flags words:

* is a word *used* or only *talked about*? 「死ね」などの言葉は人を傷つけます quotes the word to warn
  against it (``is_mention``, ``live_matches``; the insult, discrimination and obscene rules);
* is a cue in the account's own voice or reported speech? 「少しなら大丈夫」という油断 quotes an
  excuse to refute it (``quoted_spans``, ``cooccurrences``; the illegal, rumor and confidential rules).

Per-draft work is cached on ``analysis.__dict__`` so the rules that share it pay for it once.
Further down, small helpers about one draft:

* ``per_draft``: work that several rules need (a scan for URLs, the draft's clauses, the people it
  names) is done once per draft and kept on the analysis, so the second rule pays nothing;
* ``once_per_span``: a detector that reaches the same words by two routes reports them once;
* ``first_line_span``: where a finding about the whole draft (its timing, a repeat) is shown;
* ``quoted_tokens`` and ``predicate_hit``: what the voice rules (political, personal_opinion) read
  about a sentence: which words are quoted speech, and a finding that takes in the verb's endings;
* ``LexiconView``: what those voice rules share about one draft (their lexicon's matches, the
  sentence around a token, the gate each rule starts from), made once per draft.
"""

from __future__ import annotations

import bisect
import re
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, ClassVar, Self, TypeVar

from rules.lexicon import Lexicons, Match
from rules.regex import lazy_compile
from rules.registry import Hit
from rules.text import Analysis, Token

if TYPE_CHECKING:
    from rules.engine import Context

# --- used or talked about ----------------------------------------------------------------------

# Every quotation mark, including the single and angle ones a word may be set off with.
_MENTION_QUOTES = {"「": "」", "『": "』", "“": "”", "〝": "〟", "‘": "’", "《": "》", "〈": "〉"}
_CLOSERS = {close: open_ for open_, close in _MENTION_QUOTES.items()}
# Tokens that may separate a quoted word from what the sentence says about it: 「A」「B」などの言葉.
_LIST_GLUE = set("、・,，/／ 　")
# After these a word is being reported or listed, not used: 「死ね」などの言葉, 死ねといった暴言.
_MENTION_MARKERS = {"など", "等", "とか", "なんか"}
_QUOTATIVE = {"と", "って"}
_QUOTE_MARKERS = (
    "など",
    "等",
    "とか",
    "という",
    "といった",
    "との",
    "と言",
    "と書",
    "と罵",
    "と怒鳴",
    "と叫",
    "と呼",
    "って",
    "のような",
    "みたいな",
)
_SAY = {"言う", "云う", "書く", "呼ぶ", "罵る", "言える", "書き込む", "言い放つ", "いった"}


@lru_cache(maxsize=256)
def _has_quotes(text: str) -> bool:
    return any(q in text for q in _MENTION_QUOTES)


def _quote_around(text: str, start: int, end: int) -> tuple[int, int] | None:
    """(offset of the opening quote, offset just after the closing one) around [start, end), or None
    when the span is not quoted.

    Only quotation marks count; round brackets hold readings and glosses (クズ（葛）).
    """
    if not _has_quotes(text):
        return None
    line_start = text.rfind("\n", 0, start) + 1
    depth: dict[str, int] = {}
    for i in range(start - 1, line_start - 1, -1):
        ch = text[i]
        if ch in _CLOSERS:
            depth[_CLOSERS[ch]] = depth.get(_CLOSERS[ch], 0) + 1
        elif ch in _MENTION_QUOTES:
            if depth.get(ch):
                depth[ch] -= 1
                continue
            close = text.find(_MENTION_QUOTES[ch], end)
            line_end = text.find("\n", end)
            if close == -1 or (line_end != -1 and close > line_end):
                return None
            return i, close + 1
    return None


def _after_list(text: str, pos: int) -> int:
    """Skip the rest of a list of quoted items: 「死ね」「消えろ」などの → the offset of など."""
    n = len(text)
    while pos < n:
        ch = text[pos]
        if ch in _LIST_GLUE:
            pos += 1
        elif ch in _MENTION_QUOTES:
            close = text.find(_MENTION_QUOTES[ch], pos + 1)
            if close == -1:
                return n
            pos = close + 1
        else:
            break
    return pos


def is_mention(ctx: Context, m: Match) -> bool:
    """True when the matched words are quoted or reported rather than said to someone (see below)."""
    return is_mentioned_span(ctx, m.first, m.last)


def is_mentioned_span(ctx: Context, first: int, last: int) -> bool:
    """True when the matched words are quoted or reported rather than said to someone.

    「バカ」「キモい」などの言葉はいじめです, 「〇〇人は出て行け」といったヘイトスピーチ,
    死ねなどの書き込み: official posts that warn against words must be able to name them. Scare
    quotes are not a mention: 駅裏の「大人のお店」はサービスがいい still recommends the place, so a
    quoted word counts as mentioned only when a marker (など, という, と) follows the quote, when
    と/って and a verb of saying or calling follow it (「ガイジン」と呼ばれて, 「チビ」とからかわれ),
    when the sentence names what the words are (「あいつクズだよね」の一言, 言葉, 書き込み, 張り紙...),
    or when the quote is a title, a chant or a saying: a title noun stands right before it (映画
    「…」, 著書『…』) or after it in its sentence (「バカの壁」を読む読書会, 「…」の掛け声).
    """
    a = ctx.analysis
    text = a.norm.text
    toks = a.tokens
    sent = toks[first].sentence
    quote = _quote_around(text, toks[first].start, toks[last - 1].end)
    if quote is not None and _quote_is_mention(ctx, quote):
        return True
    nouns = [x for x in ctx.lex.find(a, "insult:mention_noun") if toks[x.first].sentence == sent]
    if not nouns:
        return False
    k = last
    if k < len(toks) and (toks[k].lemma in _MENTION_MARKERS or _is_quotative(toks, k)):
        return any(x.first - k <= 4 and x.first > k for x in nouns)
    return False


# A title noun this many tokens after the closing quote still names it: 「…」を読む読書会.
_TITLE_REACH = 4


def _quote_is_mention(ctx: Context, quote: tuple[int, int]) -> bool:
    """Whether the quotation [open, after close) is reported, named or a title (see is_mentioned_span)."""
    a = ctx.analysis
    text = a.norm.text
    toks = a.tokens
    opening, after_quote = quote
    after = _after_list(text, after_quote)
    if text.startswith(_QUOTE_MARKERS, after):
        return True
    k = a.token_starts.get(after)  # the token after the quote (None at the end of the text)
    # The quoted words may end their own sentence (「黙れ！」の一言): what follows is read in the
    # sentence of the token after the quote.
    sent = toks[k].sentence if k is not None else toks[-1].sentence
    if k is not None and _reported(ctx, k):
        return True
    if any(x.start >= after_quote and toks[x.first].sentence == sent for x in ctx.lex.find(a, "insult:mention_noun")):
        return True
    titles = ctx.lex.find(a, "insult:title_noun")
    if not titles:
        return False
    opened = a.token_starts.get(opening)
    return any(
        (opened is not None and x.last == opened and toks[x.first].sentence == toks[opened].sentence)
        or (k is not None and toks[x.first].sentence == sent and 0 <= x.first - k <= _TITLE_REACH)
        for x in titles
    )


# Words between と and the verb of saying (「…」とも言われる, 「…」とSNSに書き込まれた, 「…」と陰で笑われた):
# at most this many, none of them a verb.
_REPORT_REACH = 4


def _reported(ctx: Context, k: int) -> bool:
    """Token k (right after a closing quote) is と/って and a verb of saying or calling follows."""
    toks = ctx.analysis.tokens
    if toks[k].surface not in _QUOTATIVE:
        return False
    verbs = {v.first for v in ctx.lex.find(ctx.analysis, "insult:report_verb")}
    if not verbs:
        return False
    for j in range(k + 1, min(k + 2 + _REPORT_REACH, len(toks))):
        if j in verbs:
            return True
        if toks[j].sentence != toks[k].sentence or toks[j].pos[0] in ("動詞", "助動詞", "形容詞"):
            return False
    return False


def _is_quotative(toks: list[Token], k: int) -> bool:
    return toks[k].surface in _QUOTATIVE and k + 1 < len(toks) and toks[k + 1].lemma in _SAY


def has_matches(ctx: Context, set_id: str) -> bool:
    """Whether any entry of the set occurs in the draft (a context test, mentions included)."""
    return bool(ctx.lex.find(ctx.analysis, set_id))


def live_matches(ctx: Context, set_id: str) -> list[Match]:
    """The set's matches that are used, not mentioned."""
    return [m for m in ctx.lex.find(ctx.analysis, set_id) if not is_mention(ctx, m)]


def distinct_weight(matches: Iterable[Match]) -> float:
    """Sum of entry weights, counting overlapping entries (下着 / 下着姿) once, at their heaviest."""
    total = 0.0
    taken: list[Match] = []
    for m in sorted(matches, key=lambda m: -m.entry.weight):
        if any(m.first < t.last and t.first < m.last for t in taken):
            continue
        taken.append(m)
        total += m.entry.weight
    return total


def by_sentence(toks: list[Token], matches: Iterable[Match]) -> dict[int, list[Match]]:
    """Matches grouped by the sentence they start in, in their order."""
    out: dict[int, list[Match]] = {}
    for m in matches:
        out.setdefault(toks[m.first].sentence, []).append(m)
    return out


def is_command(toks: list[Token], k: int) -> bool:
    """Token k is a plain command: 黙れ, 帰れよ; or a bare 仮定形/連用形 that ends its sentence, which
    is how Sudachi reads 死ね and 出て行け (never 消え、 or 去れば, which go on)."""
    conj = toks[k].conjugation
    if "命令形" in conj:
        return True
    if not conj.startswith(("仮定形", "連用形")):
        return False
    nxt = toks[k + 1] if k + 1 < len(toks) and toks[k + 1].sentence == toks[k].sentence else None
    return nxt is None or nxt.surface in _COMMAND_TAILS or nxt.pos[1] == "句点"


# What may follow a bare command: 死ね！, 死ねよ, 働けｗ.
_COMMAND_TAILS = {"よ", "や", "!", "?", "w", "笑", " ", "\u3000", "…", "ー"}

# --- own voice or reported speech --------------------------------------------------------------

_QUOTATION_BRACKETS = {"「": "」", "『": "』", "“": "”", "〝": "〟", "《": "》"}
_MAX_QUOTE_CHARS = 200  # an unclosed bracket must not swallow the rest of a long post
_OPENING_RE = lazy_compile("[" + "".join(_QUOTATION_BRACKETS) + "]")


def quoted_spans(analysis: Analysis) -> list[tuple[int, int]]:
    """Spans (normalised offsets, brackets included) of text inside Japanese quotation brackets.

    Official posts quote what they refute (「少しなら大丈夫」という油断…, 「決壊する」という書き込み),
    so cue words inside quotes are reported speech, not the account's own voice.
    """
    cached = analysis.__dict__.get("_quoted_spans")
    if cached is not None:
        return cached
    text = analysis.norm.text
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _OPENING_RE.finditer(text):
        i = m.start()
        if i < pos:
            continue  # inside the previous quotation
        j = text.find(_QUOTATION_BRACKETS[text[i]], i + 1, i + 1 + _MAX_QUOTE_CHARS)
        if j >= 0:
            spans.append((i, j + 1))
            pos = j + 1
    analysis.__dict__["_quoted_spans"] = spans
    return spans


def in_quotes(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def unquoted_matches(ctx: Context, set_id: str) -> list[Match]:
    """The set's matches outside quotation brackets (the account's own words)."""
    found = ctx.lex.find(ctx.analysis, set_id)
    quotes = quoted_spans(ctx.analysis) if found else None
    return [m for m in found if not in_quotes(quotes, m.start, m.end)] if quotes else list(found)


@dataclass(frozen=True, slots=True)
class Cooccurrence:
    pattern_id: str
    start: int  # normalised offsets
    end: int
    sentence: int
    matches: tuple[Match, ...]


def cooccurrences(
    ctx: Context,
    pattern_ids: Iterable[str],
    *,
    quoted: Iterable[str] = (),
    text_blockers: Iterable[str] = (),
    by_topic: bool = False,
) -> Iterator[Cooccurrence]:
    """Sentence-scoped patterns, with two refinements over ``Lexicons.pattern_hits``.

    ``quoted``: ids of cue sets whose matches inside quotation brackets are ignored (reported
    speech). ``text_blockers``: set ids that cancel every pattern when they occur anywhere in the
    post; with ``by_topic``, only the patterns of the topic the blocker's sentence is about (see
    ``topic_blocked``). A blocker (``none`` set or text blocker) lying inside a cue match is
    ignored: in 「注意されない」「犯罪にならない」 the warning word is part of the excuse.
    """
    analysis = ctx.analysis
    found = ctx.lex.matches(analysis)
    patterns = ctx.lex.patterns
    pattern_ids = tuple(pattern_ids)
    # Most posts have none of the ingredients: only patterns whose first set matched are tried,
    # and only those whose every set has candidates at all (a test on set ids, before any set's
    # neighbour tests run).
    index = _by_first_set(ctx.lex, pattern_ids)
    present = found.candidate_sets()
    viable = {
        set_id: pats
        for set_id in present & index.keys()
        if (pats := [(pid, required) for pid, required in index[set_id] if present >= required])
    }
    candidates = [
        pid
        for set_id in found.in_order(viable.keys())
        for pid, required in viable[set_id]
        if all(s in found for s in required)
    ]
    if not candidates:
        return
    toks = analysis.tokens
    cue_ids = frozenset(quoted)
    usable, effective = cue_filters(ctx, cue_ids)
    blockers = [m for set_id in text_blockers for m in effective(found.get(set_id, []))]
    blocked_topic = topic_blocked(ctx, blockers, pattern_ids, cue_ids) if by_topic else None
    if blockers and blocked_topic is None:
        return

    for pid in candidates:
        if blocked_topic is not None and blocked_topic(pid):
            continue
        p = patterns[pid]
        groups = [usable(s) for s in p.all]
        if not all(groups):
            continue
        blocked = {toks[m.first].sentence for s in p.none for m in effective(found.get(s, []))}
        per_sentence = [{toks[m.first].sentence for m in g} for g in groups]
        common = set.intersection(*per_sentence) - blocked
        for sent in sorted(common):
            chosen = tuple(next(m for m in g if toks[m.first].sentence == sent) for g in groups)
            yield Cooccurrence(
                pattern_id=pid,
                start=min(m.start for m in chosen),
                end=max(m.end for m in chosen),
                sentence=sent,
                matches=chosen,
            )


def cue_filters(
    ctx: Context, cue_ids: frozenset[str]
) -> tuple[Callable[[str], list[Match]], Callable[[Iterable[Match]], list[Match]]]:
    """The two refinements of ``cooccurrences``: ``usable(set_id)``, a set's matches without those
    of a cue set inside quotation brackets (reported speech); ``effective(matches)``, blocker
    matches without those lying inside a cue match (注意されない, 犯罪にならない)."""
    found = ctx.lex.matches(ctx.analysis)
    quotes = quoted_spans(ctx.analysis)

    def usable(set_id: str) -> list[Match]:
        ms = found.get(set_id, [])
        if quotes and set_id in cue_ids:
            ms = [m for m in ms if not in_quotes(quotes, m.start, m.end)]
        return ms

    cue_spans = [(m.start, m.end) for set_id in cue_ids for m in usable(set_id)]

    def effective(ms: Iterable[Match]) -> list[Match]:
        return [m for m in ms if not any(s <= m.start and m.end <= e for s, e in cue_spans)]

    return usable, effective


def topic(pattern_id: str) -> str:
    """A pattern's topic: the first word of its id (``illegal:dumping_lure`` → ``dumping``)."""
    return pattern_id.partition(":")[2].partition("_")[0]


@cache
def _topic_sets(lex: Lexicons, pattern_ids: tuple[str, ...], cue_ids: frozenset[str]) -> dict[str, frozenset[str]]:
    """The topics each set names: the topics of the patterns that require it, cue sets aside."""
    topics: dict[str, set[str]] = {}
    for pid in pattern_ids:
        for set_id in lex.patterns[pid].all:
            if set_id not in cue_ids:
                topics.setdefault(set_id, set()).add(topic(pid))
    return {set_id: frozenset(t) for set_id, t in topics.items()}


def topic_blocked(
    ctx: Context, blockers: Sequence[Match], pattern_ids: Iterable[str], cue_ids: frozenset[str]
) -> Callable[[str], bool] | None:
    """Which patterns a post's declarations (〜は犯罪です) cancel: None when they cancel all.

    A declaration cancels the patterns of the topics its sentence names (「ごみの不法投棄は法律で
    禁止されています」 names dumping, so it answers a dumping excuse in the post but not a drink-driving
    one): a draft cannot excuse one offence behind a disclaimer about another. A declaration that
    names no topic (「これらはすべて犯罪です」) cancels every pattern, as before.
    """
    if not blockers:
        return lambda pattern_id: False
    toks = ctx.analysis.tokens
    sentences = {toks[m.first].sentence for m in blockers}
    named: dict[int, set[str]] = {s: set() for s in sentences}
    found = ctx.lex.matches(ctx.analysis)
    topic_sets = _topic_sets(ctx.lex, tuple(pattern_ids), cue_ids)
    for set_id in found.candidate_sets() & topic_sets.keys():
        for m in found.get(set_id, ()):
            about = named.get(toks[m.first].sentence)
            if about is not None:
                about.update(topic_sets[set_id])
    if not all(named.values()):
        return None
    topics = set().union(*named.values())
    return lambda pattern_id: topic(pattern_id) in topics


@cache
def _by_first_set(lex: Lexicons, pattern_ids: tuple[str, ...]) -> dict[str, list[tuple[str, frozenset[str]]]]:
    """Patterns indexed by their first ``all`` set, each with the sets it requires."""
    index: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for pid in pattern_ids:
        p = lex.patterns[pid]
        index.setdefault(p.all[0], []).append((pid, frozenset(p.all)))
    return index


@cache
def _patterns_of(lex: Lexicons, prefix: str, exclude: frozenset[str]) -> tuple[str, ...]:
    return tuple(pid for pid in lex.patterns if pid.startswith(prefix) and pid not in exclude)


def patterns_of(ctx: Context, prefix: str, exclude: Iterable[str] = ()) -> tuple[str, ...]:
    """Pattern ids of one lexicon file, in file order (computed once per lexicon set)."""
    return _patterns_of(ctx.lex, prefix, frozenset(exclude))


def one_per_sentence(items: Iterable[Cooccurrence]) -> list[Cooccurrence]:
    """Keep the first co-occurrence of each sentence, so one sentence yields one finding."""
    seen: set[int] = set()
    out = []
    for c in items:
        if c.sentence not in seen:
            seen.add(c.sentence)
            out.append(c)
    return out


def sentence_hits(ctx: Context, pattern_ids: Iterable[str], *, text_blockers: Iterable[str] = ()) -> list[Hit]:
    """One hit per sentence where one of the patterns holds, quoting the sentence (``sentence_span``)."""
    found = cooccurrences(ctx, pattern_ids, text_blockers=text_blockers)
    return [ctx.hit(*sentence_span(ctx.analysis, c.sentence, c.start, c.end)) for c in one_per_sentence(found)]


_EXCERPT_LIMIT = 80  # characters; a longer sentence is quoted from the matched words only


def sentence_span(analysis: Analysis, sentence: int, start: int, end: int) -> tuple[int, int]:
    """The whole sentence (without a leading 【見出し】 or closing punctuation) when it is short
    enough to quote, else the given span: the approver sees the claim, not two words of it."""
    a, b = analysis.sentence_spans[sentence]
    toks = analysis.tokens
    while b > a + 1 and toks[b - 1].pos[0] in ("補助記号", "空白") and toks[b - 1].pos[1] != "括弧閉":
        b -= 1
    if toks[a].surface == "【":
        close = next((k for k in range(a, b) if toks[k].surface == "】"), None)
        if close is not None and close + 1 < b and toks[close + 1].start <= start:
            a = close + 1
    s, e = toks[a].start, toks[b - 1].end
    if e - s > _EXCERPT_LIMIT or not (s <= start and end <= e):
        return start, end
    return s, e


def phrase_end(analysis: Analysis, matches: Iterable[Match]) -> int:
    """End offset of the phrase containing the last match, taking in its auxiliaries
    (置い → 置いてくる, 捨てれ → 捨てれば), so the excerpt does not stop mid-word."""
    toks = analysis.tokens
    j = max(m.last for m in matches)  # index after the last matched token
    sent = toks[j - 1].sentence
    while (
        j < len(toks)
        and toks[j].sentence == sent
        and (toks[j].pos[0] in ("助動詞", "接尾辞") or toks[j].pos[1] in ("非自立可能", "接続助詞"))
    ):
        j += 1
    return toks[j - 1].end


# --- per-draft helpers ------------------------------------------------------------------------

T = TypeVar("T")


def per_draft(ctx: Context, key: str, build: Callable[[Context], T]) -> T:
    """``build(ctx)``, computed on the first call for this draft and remembered under ``key``."""
    store = ctx.analysis.__dict__
    if key in store:
        return store[key]
    value = store[key] = build(ctx)
    return value


# The characters that stand for a hidden letter in a masked word (S〇X, バ〇カ), as they are after
# normalisation (＊ is *).
MASKS = "〇○●◯◎*×✕☓□■☆★♡♥"


def masked_pattern(words: Iterable[str], masks: str = MASKS, *, not_before: str = "") -> str:
    """A regex for words written with one letter hidden: each word is folded (hiragana, lower case)
    with ``_`` where the mask stands. The mask stands between letters, never next to another mask
    (〇〇地区), and the word is not followed by ``not_before`` (an alternation, e.g. honorifics)."""
    words = tuple(words)
    mask = f"[{re.escape(masks)}]"
    firsts = "".join(sorted({w[0] for w in words}))
    tail = f"(?!{not_before})" if not_before else ""
    return (
        f"(?=[{firsts}])(?<![{re.escape(masks)}a-z])(?:{'|'.join(w.replace('_', mask) for w in words)})(?!{mask}){tail}"
    )


def masked_spans(
    ctx: Context, pattern: re.Pattern[str], masks: str = MASKS, *, whole: bool = False
) -> list[tuple[int, int]]:
    """Normalised spans of a ``masked_pattern``'s words in the folded text. They are matched over the
    whole text, because Sudachi may join the letter after a mask to the next word (せっ○すした:
    せっ/○/すし/た); the word must still start a token, so a mask inside an ordinary word is not
    read as one, and with ``whole`` end one too (バ〇カだ, not バ〇カンス)."""
    folded = ctx.analysis.folded
    if not any(c in folded for c in masks):
        return []
    starts = ctx.analysis.token_starts
    ends = ctx.analysis.token_ends if whole else None
    return [
        (m.start(), m.end())
        for m in pattern.finditer(folded)
        if m.start() in starts and (ends is None or m.end() in ends)
    ]


def token_offsets(ctx: Context) -> list[int]:
    """The normalised start offset of every token, in order (for bisecting an offset to its token)."""
    return per_draft(ctx, "token_offsets", lambda c: [t.start for t in c.analysis.tokens])


def sentence_at(ctx: Context, offset: int) -> int:
    """The sentence of the token at or before a normalised offset."""
    k = bisect.bisect_right(token_offsets(ctx), offset) - 1
    return ctx.analysis.tokens[max(k, 0)].sentence


def once_per_span(hits: Iterable[Hit]) -> Iterator[Hit]:
    """The hits in order, each span reported once."""
    seen: set[tuple[int, int]] = set()
    for hit in hits:
        if (hit.start, hit.end) not in seen:
            seen.add((hit.start, hit.end))
            yield hit


def first_line_span(text: str) -> tuple[int, int]:
    """The draft's first non-blank line, in the author's offsets (at least one character)."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return start, max(end, start + 1)


_QUOTE_OPEN = frozenset("「『“")
_QUOTE_CLOSE = frozenset("」』”")


def quoted_tokens(analysis: Analysis) -> frozenset[int]:
    """Indices of the tokens inside 「」『』“” (quoted speech, or a name set off in quotes)."""
    cached = analysis.__dict__.get("_quoted_tokens")
    if cached is not None:
        return cached
    inside: set[int] = set()
    if any(c in analysis.norm.text for c in _QUOTE_OPEN):
        depth = 0
        for k, t in enumerate(analysis.tokens):
            if t.surface in _QUOTE_CLOSE:
                depth = max(depth - 1, 0)
            elif t.surface in _QUOTE_OPEN:
                depth += 1
            elif depth:
                inside.add(k)
    found = analysis.__dict__["_quoted_tokens"] = frozenset(inside)
    return found


def _is_ending(t: Token) -> bool:
    return (
        t.pos[0] == "助動詞"
        or (t.pos[1] == "接続助詞" and t.surface in ("て", "で"))
        or (t.pos[0] == "動詞" and t.pos[1] == "非自立可能")
    )


def predicate_hit(ctx: Context, first: int, last: int) -> Hit:
    """A hit over the tokens [first, last), widened over the verb's endings (願っています, 笑っちゃいました)."""
    toks = ctx.analysis.tokens
    s = toks[first].sentence
    while last < len(toks) and toks[last].sentence == s and _is_ending(toks[last]):
        last += 1
    return ctx.hit(toks[first].start, toks[last - 1].end)


class LexiconView:
    """One draft as a family of rules reads it: the tokens and the matches of one lexicon file.

    The political and personal_opinion rules read structure (which word is the object of which
    verb, who speaks) from Sudachi's tokens rather than match words; a subclass names its lexicon
    in ``family`` and adds what its rules share. ``of(ctx)`` makes the view once per draft.
    """

    family: ClassVar[str]  # the lexicon's set-id prefix, e.g. "political:"

    def __init__(self, ctx: Context):
        # The view is cached on the analysis, so a strong reference back would be a cycle: the
        # draft's tokens and matches would then wait for the cyclic garbage collector instead of
        # going when the screen ends, and its passes over them cost 5-8% of the engine's time.
        self._analysis = weakref.ref(ctx.analysis)
        self.text = ctx.analysis.norm.text
        self.toks: list[Token] = ctx.analysis.tokens
        # Shared with every rule (cached on the analysis): read with .get only.
        self.matches: dict[str, list[Match]] = ctx.lex.matches(ctx.analysis)

    @property
    def a(self) -> Analysis:
        return self._analysis()

    @classmethod
    def of(cls, ctx: Context) -> Self:
        return per_draft(ctx, f"_view:{cls.family}", cls)

    @classmethod
    def gate(cls, *names: str) -> tuple[str, ...]:
        """The gate (``when=``) of a rule that starts from these sets."""
        return tuple(f"set:{cls.family}{n}" for n in names)

    def any_of(self, *names: str) -> bool:
        """Cheap gate: whether any of these sets matched at all (most drafts match none)."""
        return any(self.family + n in self.matches for n in names)

    def found(
        self, ctx: Context, names: Sequence[str], find: Callable[[Context, Self], Iterable[Hit]]
    ) -> Iterable[Hit]:
        """What ``find`` reports on this draft, or nothing when none of the sets it starts from matched."""
        return find(ctx, self) if self.any_of(*names) else ()

    def hits(self, name: str) -> list[Match]:
        """Every match of one of the family's sets."""
        return self.matches.get(self.family + name, [])

    def bounds(self, k: int) -> tuple[int, int]:
        """The token range [a, b) of the sentence that holds token k."""
        return self.a.sentence_spans[self.toks[k].sentence]

    @property
    def quoted(self) -> frozenset[int]:
        """Token indices inside 「」『』“” (quoted speech, or a name set off in quotes)."""
        return quoted_tokens(self.a)

    def hit(self, ctx: Context, first: int, last: int) -> Hit:
        """A hit over tokens [first, last), widened over the verb's endings (願っています, 笑っちゃいました)."""
        return predicate_hit(ctx, first, last)
