"""Text normalisation with a map back to the author's offsets, and Sudachi analysis.

Evasions that defeat naive matching are undone here once, so detectors never see them:
zero-width and control characters, half-width katakana, full-width Latin and digits (NFKC),
spaces inserted between Japanese characters, and (in the digits view) kanji numerals and
odd dashes inside numbers.

Sudachi: one dictionary per process (it is immutable and memory-mapped), one tokenizer per
thread, because a SudachiPy tokenizer keeps mutable lattice state and must not be shared.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache, partial
from typing import NamedTuple

# Characters dropped before analysis: zero-width joiners/spaces, BOM, soft hyphen, bidi controls,
# variation selectors, and every C0/C1 control except line breaks and tabs.
_KEEP_CONTROLS = {"\n", "\t", "\r"}
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff0d\u2500\u2501\ufe63\u002d"
_KANJI_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
KANJI_NUMERALS = "".join(_KANJI_DIGITS) + "".join(_KANJI_UNITS)  # what the digits view turns into digits
_DASH_CLASS = f"[{re.escape(_DASHES)}]"
_KANJI_NUM_RE = re.compile(f"[{KANJI_NUMERALS}]+")
_DASH_BETWEEN_DIGITS_RE = re.compile(f"(?<=[0-9]){_DASH_CLASS}(?=[0-9])")
# The same two, for asking only whether a text has one. A pattern that starts with a single
# character class lets the regex engine skip ahead to the next candidate character at C speed; one
# that starts with a repeat or a look-behind is tried at every position (about three times slower).
_HAS_KANJI_NUM_RE = re.compile(f"[{KANJI_NUMERALS}]")
_HAS_DASH_BETWEEN_DIGITS_RE = re.compile(f"[0-9]{_DASH_CLASS}(?=[0-9])")


def _is_dropped(ch: str) -> bool:
    if ch in _KEEP_CONTROLS:
        return False
    cat = unicodedata.category(ch)
    if cat in ("Cf", "Cc", "Cs", "Co", "Cn"):
        return True
    # Variation selectors (emoji presentation etc.) carry no meaning for screening.
    return "\ufe00" <= ch <= "\ufe0f"


def _is_combining(ch: str) -> bool:
    return unicodedata.combining(ch) != 0 or ch in "\uff9e\uff9f\u3099\u309a\u309b\u309c"


def _is_japanese(ch: str) -> bool:
    if not ch:
        return False
    o = ord(ch)
    return (
        0x3040 <= o <= 0x30FF  # hiragana, katakana
        or 0x3400 <= o <= 0x9FFF  # CJK ideographs
        or 0xF900 <= o <= 0xFAFF
        or 0x3005 <= o <= 0x3007  # 々 〆 〇
        or 0x31F0 <= o <= 0x31FF
    )


@dataclass(frozen=True, slots=True)
class MappedText:
    """A derived text and, for each of its characters, the span it came from in the original."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of this text to the original text."""
        if not self.text:
            return 0, 0
        start = min(max(start, 0), len(self.text) - 1)
        end = min(max(end, start + 1), len(self.text))
        return self.starts[start], self.ends[end - 1]


# Every character _is_dropped() removes (categories Cf, Cc, Co, Cs and variation selectors), as
# ranges, so that the common case — a draft with nothing to undo — is recognised at C speed.
_DROPPED_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ud800-\uf8ff\ufe00-\ufe0f\ufeff"
    "\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f\U000f0000-\U0010ffff]"
)
_JAPANESE_CLASS = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u3005-\u3007\u31f0-\u31ff"
# Spaces between two Japanese characters, found from the first space of the run (see
# _HAS_KANJI_NUM_RE for why the pattern starts there and looks behind).
_HAS_SPACE_INSIDE_JAPANESE_RE = re.compile(
    f"[ \u3000](?<=[{_JAPANESE_CLASS}][ \u3000])[ \u3000]*(?=[{_JAPANESE_CLASS}])"
)


def _run_translator(table: dict[int, int]) -> Callable[[str], str]:
    """``text.translate(table)``, translating only the runs of characters the table changes.

    ``str.translate`` with a mapping looks every character up; most of a Japanese post is kanji and
    hiragana, which no table here touches, so one regular-expression scan finds the runs instead.
    """
    runs = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(table)) + "]+")

    def one(m: re.Match[str]) -> str:
        return m.group().translate(table)

    return partial(runs.sub, one)


_to_ascii = _run_translator({c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20})


@lru_cache(maxsize=1024)
def _identity_offsets(n: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return tuple(range(n)), tuple(range(1, n + 1))


def _unmoved(text: str, original: str) -> MappedText:
    """A text whose every character stands where the original's did (the offset maps are shared)."""
    n = len(original)
    return MappedText(text, *_identity_offsets(n), n)


def normalize(text: str) -> MappedText:
    """NFKC per grapheme cluster, drop invisible characters, and join Japanese words split by spaces."""
    if (
        unicodedata.is_normalized("NFKC", text)
        and not _DROPPED_RE.search(text)
        and not _HAS_SPACE_INSIDE_JAPANESE_RE.search(text)
    ):
        return _unmoved(text, text)
    # The next most common case: only full-width ASCII (（）：！？ＡＢＣ１２３) and ideographic spaces
    # to fold, one character for one, so the offsets stay the identity.
    folded = _to_ascii(text)
    if (
        folded != text
        and unicodedata.is_normalized("NFKC", folded)
        and not _DROPPED_RE.search(folded)
        and not _HAS_SPACE_INSIDE_JAPANESE_RE.search(text)
    ):
        return _unmoved(folded, text)
    if not _COMBINING_RE.search(text):
        return _normalize_by_char(text)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if _is_dropped(ch):
            i += 1
            continue
        j = i + 1
        # Keep a base character with its combining marks (half-width ｶﾞ composes to ガ only together).
        while j < n and _is_combining(text[j]):
            j += 1
        cluster = text[i:j]
        norm = unicodedata.normalize("NFKC", cluster) if not cluster.isascii() else cluster
        for c in norm:
            if _is_dropped(c):
                continue
            out.append(c)
            starts.append(i)
            ends.append(j)
        i = j
    joined = _drop_spaces_inside_japanese(out, starts, ends)
    return MappedText("".join(joined[0]), tuple(joined[1]), tuple(joined[2]), n)


# Combining marks (and half-width voiced marks) only compose with their base character when the two
# are normalised together; texts without them can be normalised one character at a time.
_COMBINING_RE = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\u3099-\u309c\ufe20-\ufe2f\uff9e\uff9f]"
)
_CHAR_CACHE: dict[str, str] = {}
_CHAR_CACHE_LIMIT = 50_000


def _normalize_char(ch: str) -> str:
    out = _CHAR_CACHE.get(ch)
    if out is None:
        out = "" if _is_dropped(ch) else "".join(c for c in unicodedata.normalize("NFKC", ch) if not _is_dropped(c))
        if len(_CHAR_CACHE) < _CHAR_CACHE_LIMIT:
            _CHAR_CACHE[ch] = out
    return out


def _normalize_by_char(text: str) -> MappedText:
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    cache = _CHAR_CACHE
    for i, ch in enumerate(text):
        norm = cache.get(ch)
        if norm is None:
            norm = _normalize_char(ch)
        if len(norm) == 1:
            out.append(norm)
            starts.append(i)
            ends.append(i + 1)
        else:
            for c in norm:
                out.append(c)
                starts.append(i)
                ends.append(i + 1)
    joined = _drop_spaces_inside_japanese(out, starts, ends)
    return MappedText("".join(joined[0]), tuple(joined[1]), tuple(joined[2]), len(text))


def _drop_spaces_inside_japanese(
    chars: list[str], starts: list[int], ends: list[int]
) -> tuple[list[str], list[int], list[int]]:
    if " " not in chars and "\u3000" not in chars:
        return chars, starts, ends
    keep_c: list[str] = []
    keep_s: list[int] = []
    keep_e: list[int] = []
    n = len(chars)
    i = 0
    while i < n:
        c = chars[i]
        if c in (" ", "\u3000"):
            j = i
            while j < n and chars[j] in (" ", "\u3000"):
                j += 1
            prev = keep_c[-1] if keep_c else ""
            nxt = chars[j] if j < n else ""
            if _is_japanese(prev) and _is_japanese(nxt):
                i = j
                continue
            keep_c.extend(chars[i:j])
            keep_s.extend(starts[i:j])
            keep_e.extend(ends[i:j])
            i = j
            continue
        keep_c.append(c)
        keep_s.append(starts[i])
        keep_e.append(ends[i])
        i += 1
    return keep_c, keep_s, keep_e


def kanji_number_value(run: str) -> str:
    """Convert a run of kanji numerals to Arabic digits (〇四六七 -> 0467, 二十一 -> 21)."""
    if not any(c in _KANJI_UNITS for c in run):
        return "".join(str(_KANJI_DIGITS[c]) for c in run)
    total = 0
    current = 0
    for c in run:
        if c in _KANJI_UNITS:
            total += (current or 1) * _KANJI_UNITS[c]
            current = 0
        else:
            current = current * 10 + _KANJI_DIGITS[c]
    return str(total + current)


def digits_view(norm: MappedText) -> MappedText:
    """The normalised text with kanji numerals as digits and dashes between digits as '-'."""
    text = norm.text
    if not _HAS_KANJI_NUM_RE.search(text) and not _HAS_DASH_BETWEEN_DIGITS_RE.search(text):
        return norm
    # Unchanged stretches keep their characters' spans (sliced at C speed); a numeral run that
    # changes length maps every output character to the whole run.
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _KANJI_NUM_RE.finditer(text):
        a, b = m.span()
        value = kanji_number_value(m.group())
        out.append(text[pos:a])
        out.append(value)
        if len(value) == b - a:
            starts.extend(norm.starts[pos:b])
            ends.extend(norm.ends[pos:b])
        else:
            starts.extend(norm.starts[pos:a])
            ends.extend(norm.ends[pos:a])
            starts.extend([norm.starts[a]] * len(value))
            ends.extend([norm.ends[b - 1]] * len(value))
        pos = b
    out.append(text[pos:])
    starts.extend(norm.starts[pos:])
    ends.extend(norm.ends[pos:])
    converted = MappedText("".join(out), tuple(starts), tuple(ends), norm.original_length)
    fixed = _DASH_BETWEEN_DIGITS_RE.sub("-", converted.text)
    return MappedText(fixed, converted.starts, converted.ends, converted.original_length)


# Katakana -> hiragana, and ASCII lower case, so that lexicons match regardless of script choice.
_fold = _run_translator(
    {c: c - 0x60 for c in range(0x30A1, 0x30F7)} | {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
)


def fold(text: str) -> str:
    """Fold katakana to hiragana and ASCII to lower case; length-preserving."""
    return _fold(text)


# --- Sudachi -------------------------------------------------------------------------------------

_dictionary = None
_dictionary_lock = threading.Lock()
_local = threading.local()
_pos_cache: dict[int, tuple[str, ...]] = {}


def _get_dictionary():
    global _dictionary
    if _dictionary is None:
        with _dictionary_lock:
            if _dictionary is None:
                from sudachipy import Dictionary

                _dictionary = Dictionary(dict="core")
    return _dictionary


def tokenizer():
    """This thread's own Sudachi tokenizer (mode C: the longest units, best for lexicon matching)."""
    tok = getattr(_local, "tokenizer", None)
    if tok is None:
        from sudachipy import SplitMode

        # Only the fields we read: skipping readings and synonym ids makes analysis measurably faster.
        tok = _get_dictionary().tokenizer(mode=SplitMode.C, fields={"pos", "normalized_form", "dictionary_form"})
        _local.tokenizer = tok
    return tok


def _pos(pos_id: int) -> tuple[str, ...]:
    pos = _pos_cache.get(pos_id)
    if pos is None:
        pos = tuple(_get_dictionary().pos_of(pos_id))
        _pos_cache[pos_id] = pos
    return pos


class Token(NamedTuple):
    """One Sudachi morpheme. A NamedTuple because a draft makes dozens of them and speed matters."""

    surface: str
    lemma: str  # Sudachi's normalised form: spelling variants and conjugations unified
    base: str  # dictionary form
    pos: tuple[str, ...]
    start: int  # offsets in the normalised text
    end: int
    fold: str  # katakana folded to hiragana, ASCII lower-cased
    sentence: int

    @property
    def is_name(self) -> bool:
        return self.pos[2] == "人名"

    @property
    def conjugation(self) -> str:
        return self.pos[5]


_SENTENCE_END_POS = {"句点"}
_SENTENCE_END_SURFACES = {"\n", "!", "?", "。", "．"}
_CONTINUES_WORD = re.compile(r"[A-Za-z0-9@#$%&*_+=/\\~^|-]")


# SudachiPy refuses inputs over 49,149 UTF-8 bytes; long drafts are analysed in chunks that end
# at a line or sentence break (4 bytes per character is the worst case).
_CHUNK_CHARS = 12_000


def _chunks(text: str) -> list[tuple[int, str]]:
    if len(text) <= _CHUNK_CHARS:
        return [(0, text)]
    out = []
    pos = 0
    while pos < len(text):
        end = min(pos + _CHUNK_CHARS, len(text))
        if end < len(text):
            cut = max(text.rfind("\n", pos, end), text.rfind("。", pos, end))
            if cut > pos:
                end = cut + 1
        out.append((pos, text[pos:end]))
        pos = end
    return out


# What a dictionary word always brings, by Sudachi word id: its normalised form, part of speech,
# dictionary form (None when it does not conjugate, so the surface stands) and whether it may end a
# sentence (sentence-ending punctuation, a line break). Asking Sudachi for these costs more than the
# rest of a token's work together, and a few thousand words make up most posts. Words outside the
# dictionary (ids from 0xF0000000, one per part of speech; line breaks are among them) are asked
# every time. A word's surfaces differ only in what Sudachi's input normalisation unifies (case,
# long vowel marks), never in a line break or a sentence mark, so the flag holds for every
# surface of the word. Cleared when it grows too big.
_word_cache: dict[int, tuple[str, tuple[str, ...], str | None, bool]] = {}
_WORD_CACHE_MAX = 200_000
_OOV_WORD_IDS = 0xF000_0000


def _word_info(m, word_id: int, surface: str) -> tuple[str, tuple[str, ...], str | None, bool]:
    pos = _pos(m.part_of_speech_id())
    may_break = pos[1] in _SENTENCE_END_POS or surface in _SENTENCE_END_SURFACES or "\n" in surface
    info = (m.normalized_form(), pos, m.dictionary_form() if pos[4] != "*" else None, may_break)
    if word_id < _OOV_WORD_IDS:
        if len(_word_cache) >= _WORD_CACHE_MAX:
            _word_cache.clear()
        _word_cache[word_id] = info
    return info


def analyse_tokens(text: str, folded: str | None = None) -> list[Token]:
    """Sudachi's morphemes as Tokens with sentence numbers. This loop is the engine's hot path.

    ``folded`` is ``fold(text)`` when the caller has it already.
    """
    if not text:
        return []
    tokens: list[Token] = []
    append = tokens.append
    sentence = 0
    pending_break = False
    if folded is None:
        folded = fold(text)
    n = len(text)
    tok = tokenizer()
    words = _word_cache
    new_tuple = tuple.__new__
    for offset, chunk in _chunks(text):
        start = offset
        for m in tok.tokenize(chunk):
            # Morphemes cover the input contiguously, so a morpheme's end gives its surface: a
            # slice of our own text costs less than the string Sudachi would build for it.
            end = offset + m.end()
            if end == start:
                continue
            surface = text[start:end]
            lemma, pos, base, may_break = words.get(word_id := m.word_id()) or _word_info(m, word_id, surface)
            # A break belongs to the sentence it ends (so does a run of them: 。\n); the next sentence
            # starts at the first token after. ASCII ! ? . inside a password, URL, version or number
            # ("sakura!2026", "3.5") end nothing.
            if may_break and (
                "\n" in surface or not (surface.isascii() and end < n and _CONTINUES_WORD.match(text, end))
            ):
                pending_break = True
            elif pending_break:
                sentence += 1
                pending_break = False
            # tuple.__new__ directly: NamedTuple's own __new__ is a Python-level call per token.
            append(new_tuple(Token, (surface, lemma, base or surface, pos, start, end, folded[start:end], sentence)))
            start = end
    return tokens


class Analysis:
    """Everything detectors read about one draft, computed once and cached."""

    __slots__ = ("__dict__", "__weakref__", "norm", "original")

    def __init__(self, original: str):
        self.original = original
        self.norm = normalize(original)

    @cached_property
    def tokens(self) -> list[Token]:
        return analyse_tokens(self.norm.text, self.folded)

    @cached_property
    def folded(self) -> str:
        return fold(self.norm.text)

    @cached_property
    def token_starts(self) -> dict[int, int]:
        return {t.start: i for i, t in enumerate(self.tokens)}

    @cached_property
    def token_ends(self) -> dict[int, int]:
        return {t.end: i for i, t in enumerate(self.tokens)}

    @cached_property
    def digits(self) -> MappedText:
        return digits_view(self.norm)

    @cached_property
    def sentence_spans(self) -> list[tuple[int, int]]:
        """Token index ranges [start, end) of each sentence."""
        spans: list[tuple[int, int]] = []
        start = 0
        toks = self.tokens
        for i in range(1, len(toks) + 1):
            if i == len(toks) or toks[i].sentence != toks[start].sentence:
                spans.append((start, i))
                start = i
        return spans

    def sentence_text_span(self, sentence: int) -> tuple[int, int]:
        """Normalised-text span of one sentence."""
        a, b = self.sentence_spans[sentence]
        return self.tokens[a].start, self.tokens[b - 1].end

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.norm.to_original(start, end)

    def excerpt(self, start: int, end: int) -> str:
        """The author's own text for a span of the *original* text."""
        return self.original[start:end]
