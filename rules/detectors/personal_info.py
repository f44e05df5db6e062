"""Personal information: 私人の個人情報 (CONTRACTS §1 ``personal_info``).

Guidelines: towada 4(9) 「職務上知り得た秘密や個人情報を含む情報を発信すること」, yatsushiro (9)ア,
joetsu 5(3) 「個人が特定できる写真や映像、文章などを投稿する場合は、事前に本人…の了解を得る」.

Built like Presidio's PatternRecognizer: each rule finds candidates with a precompiled pattern,
validates them (a check digit, ``phonenumbers``' numbering plan) and then reads the context
words around them (``rules/lexicons/personal_info.yml``) to decide *whose* the number or address
is. Every hit carries ``why``: the explanation the approver sees.

A municipal post is full of the city's own phone numbers, facility addresses, department e-mail
addresses and officials' names; those must pass. So a number, an address or an e-mail address
is flagged only when it is private by nature (a mobile number, a free-mail address, a number
with a My Number check digit) or when the nearest context attributes it to a private person.

The attribution heuristic (phone numbers, addresses, e-mail addresses)
    Within the same sentence or line, take the *nearest* context marker before the item (after
    it, within a short parenthetical distance, when there is none before):
    - private: a resident's name with an honorific (田村さん, 山田様), a full name that is not
      an official's, or a home word (自宅, ご自宅, 宅, お宅, 実家, 個人, 私用, 山田家, 山田方);
    - office: a department or facility (課, 係, 室, センター, 役場, 市役所, 事務所, 窓口,
      問い合わせ, 担当, 公民館, 会場, 所在地, a compound ending in one of them such as 推進課),
      or an official title.
    A private marker flags; an office marker or no marker at all passes. A home or office word
    right after the item, joined by の or a parenthesis (〜番地の住宅, 〜番地の住民から, 〜番地の
    公民館), says whose it is more directly and wins over anything before it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from rules.detectors._shared import per_draft
from rules.model import Category, Severity
from rules.regex import lazy_compile
from rules.registry import Hit, ex, rule

if TYPE_CHECKING:
    from phonenumbers import PhoneNumberType

    from rules.engine import Context
    from rules.lexicon import Match
    from rules.text import Token

LEX = "personal_info"
# Gates. Numbers are found on the digits view, whose digits are the draft's digits and kanji
# numerals; a person is found from the honorific after the name.
_NEEDS_DIGITS = ("char:digit",)
_NEEDS_HONORIFIC = (f"set:{LEX}:name_honorifics", f"set:{LEX}:given_name_honorifics")

# --- shared plumbing ----------------------------------------------------------------------------


def _matches(ctx: Context, set_name: str) -> list[Match]:
    return ctx.lex.find(ctx.analysis, f"{LEX}:{set_name}")


def _orig(ctx: Context, start: int, end: int) -> tuple[int, int]:
    """Normalised offsets to the author's offsets."""
    return ctx.analysis.original_span(start, end)


# A sentence or a line bounds the context that may explain an item.
_SCOPE_BREAKS = "。\n！？!?"


def _scope(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(text.rfind(c, 0, start) for c in _SCOPE_BREAKS) + 1
    his = [i for c in _SCOPE_BREAKS if (i := text.find(c, end)) != -1]
    return lo, min(his) if his else len(text)


# --- officials, residents and context markers --------------------------------------------------

# Tokens that may sit between a title or role and the name: 市長の三宅さん, 講師：山田さん.
_GLUE = frozenset({"の", "・", "、", ",", " ", "\u3000", ":", "「", "(", "/", "である"})
# Administrative units whose staff appear by name in their public role (市民課の山田さん).
# Schools are not here on purpose: "若葉小学校の山田さん" is as likely a pupil as a teacher.
_STAFF_SUFFIXES = ("課", "係", "室", "局", "署", "庁", "役場", "役所", "支所", "事務所", "事務局", "センター", "窓口")
# Compound tokens that end like an office but are not one (関係 ends in 係, 和室 in 室...).
_NOT_OFFICE = frozenset(
    {
        "関係",
        "連係",
        "日課",
        "和室",
        "洋室",
        "個室",
        "寝室",
        "浴室",
        "教室",
        "住所",
        "近所",
        "場所",
        "台所",
        "長所",
        "短所",
    }
)
_OFFICE_SUFFIXES = (
    *_STAFF_SUFFIXES,
    "館",
    "所",
    "本部",
    "協会",
    "組合",
    "委員会",
    "協議会",
    "病院",
    "医院",
    "学校",
    "園",
    "店",
    "会場",
)


_OFFICE_SUFFIX_RE = lazy_compile("|".join(sorted(_OFFICE_SUFFIXES, key=len, reverse=True)))


def _is_office_token(surface: str) -> bool:
    # 新住所, 現住所 end in 所 but are addresses, not offices: whose they are comes from the context.
    return surface not in _NOT_OFFICE and not surface.endswith("住所") and surface.endswith(_OFFICE_SUFFIXES)


@dataclass(frozen=True, slots=True)
class Person:
    """A name in the draft and what it refers to."""

    first: int  # token index of the first name token
    last: int  # token index after the name (the honorific, if any, is at ``last``)
    honorific: str | None
    surname: str
    status: str  # "private" | "official" | "public" | "fiction"
    sentence: int
    start: int  # original offsets of name + honorific
    end: int


def _is_name_token(tok) -> bool:
    return tok.pos[1] == "固有名詞" and tok.pos[2] == "人名"


def _skip_glue_back(toks, k: int) -> int:
    """Index of the first non-glue token at or before k (may be -1)."""
    steps = 0
    while k >= 0 and toks[k].surface in _GLUE and steps < 2:
        k -= 1
        steps += 1
    return k


def _is_staff_label(toks, k: int) -> bool:
    """市民課の山田, 担当：山田, 担当者 山田: a department's staff, named in their public role.

    A bare 担当 after an ordinary noun is a role in a residents' group (子ども会の会計担当).
    """
    if k < 0:
        return False
    surface = toks[k].surface
    if surface.endswith(_STAFF_SUFFIXES) or surface == "担当者":
        return True
    if surface == "担当":
        prev = toks[k - 1] if k > 0 else None
        return prev is None or prev.pos[0] != "名詞" or prev.surface.endswith(_STAFF_SUFFIXES)
    return False


def _name_run_before(toks, j: int) -> int:
    """Index of the first token of the run of person-name tokens that ends right before j."""
    i = j
    while i > 0 and _is_name_token(toks[i - 1]):
        i -= 1
    return i


def _official_surnames(ctx: Context) -> set[str]:
    """Surnames seen next to an official title anywhere in the draft.

    "三宅隆之市長 … 三宅さん" and "市長 三宅隆之 … 三宅さん" are the same official. Sudachi sometimes
    tags a surname before a title as a place (三宅 in 三宅市長), so any proper noun run counts.
    """
    toks = ctx.analysis.tokens
    out: set[str] = set()
    for m in _matches(ctx, "official_titles"):
        j = m.first
        while j > 0 and toks[j - 1].pos[1] == "固有名詞":
            j -= 1
        if j < m.first:
            out.add(toks[j].surface)
        k = m.last
        steps = 0
        while k < len(toks) and toks[k].surface in _GLUE and steps < 2:
            k += 1
            steps += 1
        if k < len(toks) and _is_name_token(toks[k]):
            out.add(toks[k].surface)
    return out


def _status(ctx: Context, i: int, j: int, honorific: str | None, official: set[str]) -> str:
    """Whether the name tokens [i, j) (with the honorific at j, if any) are a private person."""
    toks = ctx.analysis.tokens
    titles = _matches(ctx, "official_titles")
    before = _skip_glue_back(toks, i - 1)
    after = j + (1 if honorific else 0)
    if any(m.first == j or m.last - 1 == before for m in titles) or toks[i].surface in official:
        return "official"
    if _is_staff_label(toks, before) and honorific in (None, "さん", "氏"):
        return "official"  # 市民課の山田さん: staff in their public role
    roles = _matches(ctx, "public_roles")
    if any(m.first in (j, after) or m.last - 1 == before for m in roles):
        return "public"
    sentence = toks[i].sentence
    if sentence in per_draft(ctx, "pii_public_sentences", _public_sentences) or _public_event_after(ctx, after):
        return "public"
    fiction = (*_matches(ctx, "historical_markers"), *_matches(ctx, "mascot_markers"))
    if any(toks[m.first].sentence == sentence for m in fiction) or _quoted(toks, i, after):
        return "fiction"
    return "private"


_ROLE_PARTICLES = frozenset({"に", "へ", "と"})  # 教育長に, 委員として, 副市長とする


def _public_sentences(ctx: Context) -> frozenset[int]:
    """Sentences whose names are public figures in that role.

    An election (開票の結果、無所属の新人・山田一郎氏が初当選しました: candidates and the elected;
    当選 only with an official title, 新市長に当選した…, since lottery winners 当選 too) and an
    appointment: an appointment word with a role followed by に/として/へ (新しい教育長に小林和子氏
    が就任します, 民生委員に山田花子さんを委嘱しました).
    """
    toks = ctx.analysis.tokens
    out = {toks[m.first].sentence for m in _matches(ctx, "election_markers")}
    out.update(t.sentence for t in toks if t.surface.endswith("選挙") and t.pos[0] == "名詞")
    titled = {  # 市長賞に当選 is a prize, not an election
        toks[m.first].sentence
        for m in _matches(ctx, "official_titles")
        if m.last >= len(toks) or toks[m.last].surface not in ("賞", "杯", "旗")
    }
    out.update(toks[m.first].sentence for m in _matches(ctx, "election_with_title") if toks[m.first].sentence in titled)
    appointing = {toks[m.first].sentence for m in _matches(ctx, "appointment_verbs")} - out
    if appointing:
        for m in (*_matches(ctx, "official_titles"), *_matches(ctx, "appointed_roles")):
            sentence = toks[m.first].sentence
            if sentence in appointing and m.last < len(toks) and toks[m.last].surface in _ROLE_PARTICLES:
                out.add(sentence)
    return frozenset(out)


def _public_event_after(ctx: Context, k: int) -> bool:
    """山田花子さんの講演会, 山田さんによる演奏, 山田さんを講師に迎え, 山田さんが講師を務めます.

    ``k`` is the token after the honorific. After の/による an event the person gives; after
    を/が/は a lecture role that is then taken on (講師に, 講師を, 講師として), not a role that
    acts on the person (山田さんが先生に…: 先生 is not a lecture role).
    """
    toks = ctx.analysis.tokens
    if k >= len(toks):
        return False
    glue = toks[k].surface
    if glue == "の" or (glue == "に" and k + 1 < len(toks) and toks[k + 1].surface in ("よる", "因る")):
        nxt = k + 1 if glue == "の" else k + 2
        return any(m.first == nxt for m in _matches(ctx, "public_events"))
    if glue in ("を", "が", "は"):
        return any(
            m.first == k + 1 and m.last < len(toks) and toks[m.last].surface in ("に", "と", "を")
            for m in _matches(ctx, "lecture_roles")
        )
    return False


# A given name Sudachi does not know comes out as a short common noun (佐藤蒼くん, 林柚子ちゃん,
# 山本凪さん) and may turn the surname before it into a place (石田蒼くん). Such a token is a given
# name only between a surname and an honorific, and only if it is not a word that a surname is
# followed by anyway: a kinship word, a title or a shop (田中部長さん, 中村屋さん, 山田家さん).
_GIVEN_NAME_RE = lazy_compile(r"[\u3005\u3400-\u9fff\uf900-\ufaff]{1,2}")
_NOT_GIVEN_NAME_ENDINGS = tuple("長員師士者家屋店園館所課係班組町村市区県府兄姉弟妹父母夫妻様氏殿君")
_NOT_GIVEN_NAMES = frozenset({"先生", "夫婦", "親子", "一家", "家族", "選手", "監督", "一同", "ご一家"})
# A surname tagged as a place counts only before くん/ちゃん, which follow a child's given name.
_CHILD_HONORIFICS = frozenset({"君", "ちゃん"})


def _given_name_start(toks, j: int) -> int:
    """Index of the first name token when toks[j - 1] is an unknown given name after a surname, else j."""
    if j < 2:
        return j
    given, surname = toks[j - 1], toks[j - 2]
    if (
        given.pos[0] not in ("名詞", "接尾辞")
        or given.pos[1] == "固有名詞"
        or not _GIVEN_NAME_RE.fullmatch(given.surface)
        or given.surface in _NOT_GIVEN_NAMES
        or given.surface.endswith(_NOT_GIVEN_NAME_ENDINGS)
        or surname.pos[1] != "固有名詞"
    ):
        return j
    if _is_name_token(surname):
        return _name_run_before(toks, j - 1)
    if surname.pos[2] == "地名" and toks[j].lemma in _CHILD_HONORIFICS:
        return j - 2
    return j


def _people(ctx: Context) -> list[Person]:
    """Every person named with a personal honorific (山田さん, 花子様, 翔太くん, 山田氏, 佐藤蒼くん)."""
    honorifics = [*_matches(ctx, "name_honorifics"), *_matches(ctx, "given_name_honorifics")]
    if not honorifics:
        return []
    toks = ctx.analysis.tokens
    official = _official_surnames(ctx)
    people: list[Person] = []
    for m in sorted(honorifics, key=lambda m: m.first):
        j = m.first
        i = _name_run_before(toks, j)
        if i == j:
            i = _given_name_start(toks, j)
        if i == j:
            continue
        status = _status(ctx, i, j, toks[j].surface, official)
        start, end = _orig(ctx, toks[i].start, toks[j].end)
        people.append(Person(i, j, toks[j].surface, toks[i].surface, status, toks[i].sentence, start, end))
    return people


def _quoted(toks, i: int, after: int) -> bool:
    """「わかばくん」: a name in quotes is the name of a character, a work or an event."""
    return i > 0 and toks[i - 1].surface in ("「", "『") and after < len(toks) and toks[after].surface in ("」", "』")


@dataclass(frozen=True, slots=True)
class Marker:
    start: int  # original offsets
    end: int
    private: bool
    label: str
    kind: str = ""  # "home" (a home word), "after" (a home word that counts only after the item)


def _token_range(ctx: Context, lo: int, hi: int) -> range:
    """Indices of the tokens inside the original span [lo, hi)."""
    toks = ctx.analysis.tokens
    n_lo = bisect.bisect_left(ctx.analysis.norm.starts, lo)
    n_hi = bisect.bisect_left(ctx.analysis.norm.starts, hi)
    a, b = 0, len(toks)
    while a < b:  # first token ending after n_lo
        mid = (a + b) // 2
        if toks[mid].end <= n_lo:
            a = mid + 1
        else:
            b = mid
    first = a
    b = len(toks)
    while a < b:  # first token starting at or after n_hi
        mid = (a + b) // 2
        if toks[mid].start < n_hi:
            a = mid + 1
        else:
            b = mid
    return range(first, a)


def _markers_in(ctx: Context, lo: int, hi: int) -> list[Marker]:
    """Context markers inside the original span [lo, hi) (one sentence or line): private ones first."""
    return [*_private_markers_in(ctx, lo, hi), *_office_markers_in(ctx, lo, hi)]


def _private_markers_in(ctx: Context, lo: int, hi: int) -> list[Marker]:
    """Home words, private people named with an honorific, and full names that are not an official's."""
    cache = per_draft(ctx, "pii_private_markers", lambda _: {})
    if (lo, hi) in cache:
        return cache[lo, hi]
    out: list[Marker] = []
    cache[lo, hi] = out
    span = _token_range(ctx, lo, hi)
    if not span:
        return out
    original = ctx.analysis.original
    toks = ctx.analysis.tokens
    first, last = span.start, span.stop
    for set_name, kind in (("home_markers", "home"), ("home_after_markers", "after")):
        for m in _matches(ctx, set_name):
            if first <= m.first < last:
                out.append(_marker(ctx, m.first, m.last, private=True, kind=kind))
    named = set()
    for p in per_draft(ctx, "pii_people", _people):
        if first <= p.first < last:
            named.update(range(p.first, p.last + 1))
            if p.status == "private":
                out.append(Marker(p.start, p.end, True, original[p.start : p.end]))
    # A full name without an honorific (〒… 本町1-2-3 山田太郎) is a private person too, unless
    # it is an official's or a staff member's.
    names = per_draft(ctx, "pii_name_tokens", _name_token_indices)
    official = None
    k = first
    while k < last:
        nxt = bisect.bisect_left(names, k)  # the next name token, if any
        if nxt == len(names) or names[nxt] >= last:
            break
        k = names[nxt]
        if k in named:
            k += 1
            continue
        j = k
        while j < last and _is_name_token(toks[j]):
            j += 1
        if j - k >= 2:
            if official is None:
                official = _official_surnames(ctx)
            if _status(ctx, k, j, None, official) == "private":
                out.append(_marker(ctx, k, j, private=True))
        k = j
    return out


def _name_token_indices(ctx: Context) -> list[int]:
    return [i for i, t in enumerate(ctx.analysis.tokens) if _is_name_token(t)]


def _office_markers_in(ctx: Context, lo: int, hi: int) -> list[Marker]:
    """Departments, facilities and official titles inside the original span [lo, hi)."""
    span = _token_range(ctx, lo, hi)
    if not span:
        return []
    toks = ctx.analysis.tokens
    first, last = span.start, span.stop
    office = {i for m in _matches(ctx, "office_markers") for i in range(m.first, m.last) if first <= i < last}
    office.update(i for m in _matches(ctx, "official_titles") for i in range(m.first, m.last) if first <= i < last)
    # Compounds that end like an office (推進課, 広報室): one scan of the sentence for the
    # endings, kept where an ending closes a noun token.
    ends = ctx.analysis.token_ends
    for m in _OFFICE_SUFFIX_RE.finditer(ctx.analysis.norm.text, toks[first].start, toks[last - 1].end):
        k = ends.get(m.end())
        if k is not None and toks[k].pos[0] == "名詞" and _is_office_token(toks[k].surface):
            office.add(k)
    return [_marker(ctx, k, k + 1, private=False) for k in sorted(office)]


def _marker(ctx: Context, i: int, j: int, *, private: bool, kind: str = "") -> Marker:
    """A marker over the tokens [i, j)."""
    toks = ctx.analysis.tokens
    s, e = _orig(ctx, toks[i].start, toks[j - 1].end)
    return Marker(s, e, private, ctx.analysis.original[s:e], kind)


# How far after an item a marker may explain it: "0467-58-1234（山田さん宅）".
_AFTER_REACH = 16
# What may sit between an item and the word right after it that says whose it is:
# 中央町2丁目345番地の住民, 本郷町123番地の公民館, 0466-12-3456（自宅）.
_IMMEDIATE_GAP = frozenset("の（( \u3000")


def _immediate_owner(markers: list[Marker], original: str, end: int) -> Marker | None:
    """The home or office word right after the item, joined by の or a parenthesis, if any.

    It says whose the item is more directly than anything before it: 西町5丁目23番地の住宅 is a
    house, 本郷町123番地の公民館 a facility. A person's name there does not count on its own
    (事務局 0466-12-3456（山田さん） is still the office's line).
    """
    for m in sorted(markers, key=lambda m: m.start):
        if m.start < end:
            continue
        gap = original[end : m.start]
        if len(gap) > 2 or not _IMMEDIATE_GAP.issuperset(gap):
            return None
        if not m.private or m.kind:
            return m
    return None


def _private_attribution(ctx: Context, start: int, end: int) -> Marker | None:
    """The private person or home that the context says the item at [start, end) (original offsets)
    belongs to, or None when the nearest marker is an office's or there is none.
    """
    lo, hi = _scope(ctx.analysis.original, start, end)
    if not _private_markers_in(ctx, lo, hi):
        return None  # nothing private in the sentence: whatever the nearest marker is, it is not
    cache = per_draft(ctx, "pii_markers", lambda _: {})
    markers = cache.get((lo, hi))
    if markers is None:
        markers = cache[(lo, hi)] = _markers_in(ctx, lo, hi)
    immediate = _immediate_owner(markers, ctx.analysis.original, end)
    if immediate is not None:
        return immediate if immediate.private else None
    before = [m for m in markers if lo <= m.start and m.end <= start and m.kind != "after"]
    if before:
        # Nearest wins; on a tie (自宅 inside 山田さん宅) the private reading wins.
        best = max(before, key=lambda m: (m.end, m.private))
        if not best.private:
            return None
        # 山田さん + 宅 read better together in the explanation.
        joined = [m for m in before if m.private and m.end == best.start]
        if joined:
            first = joined[0]
            original = ctx.analysis.original
            best = Marker(first.start, best.end, True, original[first.start : best.end])
        return best
    after = [m for m in markers if m.start >= end and m.end <= hi and m.start - end <= _AFTER_REACH]
    best = min(after, key=lambda m: m.start) if after else None
    return best if best is not None and best.private else None


# --- My Number ----------------------------------------------------------------------------------

# 12 digits, plain or grouped 4-4-4 / 3-3-3-3 with one consistent separator, not part of a
# longer number, a URL, a code (No.…, T…), an amount (…円) or a decimal. A lone digit joined by a
# single space or hyphen belongs to the number: "1 0900 5474 9952" is a 13-digit 法人番号 (its
# check digit, then 4-4-4), never a My Number that starts after its first digit.
_MY_NUMBER_RE = lazy_compile(
    r"(?=[0-9])(?<![0-9A-Za-z\-.+/_#@=,])(?<!(?<![0-9])[0-9][ \-])"
    r"(\d{12}|\d{4}( +|-)\d{4}\2\d{4}|\d{3}( +|-)\d{3}\3\d{3}\3\d{3})"
    r"(?![0-9A-Za-z]|[-.,:]\d| ?\d|円)"
)
# Labels of other numbers that happen to be 12 digits, right before the number (注文番号：…).
# A valid check digit there is chance: one random number in ten passes it. 受付, 会員, 登録 and
# 注文 are labels only as 受付番号, 会員No, 登録コード (the first alternative): a bare 受付 is a
# reception desk ("ボランティア受付：070…"), whose number is a phone number.
_LABEL_NOUNS = r"番号|ナンバー|コード|ID|No|№"
_OTHER_NUMBER_LABEL_RE = lazy_compile(
    rf"(?:[一-龥ァ-ヶーA-Za-z]{{1,10}}(?:{_LABEL_NOUNS})\.?|ISBN|JAN|品番|型番|口座|伝票"
    r"|法人|証券|保険証?|整理|照会|シリアル|製造|電話|TEL|FAX)"
    r"(?:\s|[:=#№.]|は|が)*$",
    re.IGNORECASE,
)
_NUMBER_LABEL_RE = lazy_compile(_LABEL_NOUNS, re.IGNORECASE)
_PHONE_WORDS_RE = lazy_compile(r"電話|TEL|FAX|携帯|連絡|ダイヤル|でんわ|ファクス", re.IGNORECASE)
_MY_NUMBER_WORDS_RE = lazy_compile(r"マイナンバー|個人番号|my ?number", re.IGNORECASE)
# A 法人番号 label anywhere in the window, not only right before the number ("法人番号（13桁）：…").
_CORPORATE_NUMBER_RE = lazy_compile(r"法人番号|法人No|会社法人等番号", re.IGNORECASE)
_LABEL_REACH = 20
# The characters phone numbers and My Numbers are grouped with (space, hyphen, parentheses, dot,
# ・, slash, underscore), once as themselves and once as a character-class body.
_NUMBER_SEPARATORS = " -().・/_"
_SEPARATOR_CLASS = re.escape(_NUMBER_SEPARATORS)
# Runs of digits with the separators numbers are written with; one scan per draft tells the
# number rules whether there is anything long enough to be a phone number or a My Number.
_NUMERIC_CLUSTER_RE = lazy_compile(f"[0-9][0-9{_SEPARATOR_CLASS}]{{7,}}[0-9]")


def _longest_number(ctx: Context) -> int:
    """Digits in the longest cluster of nine or more characters of the digits view (else 0)."""
    best = 0
    for m in _NUMERIC_CLUSTER_RE.finditer(ctx.analysis.digits.text):
        cluster = m.group()
        # Counted in C: a cluster is digits and the separators.
        digits = len(cluster) - sum(map(cluster.count, _NUMBER_SEPARATORS))
        best = max(best, digits)
    return best


def _my_number_valid(digits: str) -> bool:
    """Whether 12 digits carry the My Number check digit (``stdnum.jp.in_``, imported on first use:
    about 30 ms that a draft without a 12-digit number need not cost)."""
    from stdnum.jp import in_ as my_number

    return my_number.is_valid(digits)


@dataclass(frozen=True, slots=True)
class NumberCandidate:
    start: int  # original offsets
    end: int
    digits: str
    labelled: bool  # the nearest label says マイナンバー / 個人番号
    other_label: bool  # the nearest label names another kind of number


def _my_number_candidates(ctx: Context) -> list[NumberCandidate]:
    dv = ctx.analysis.digits
    if per_draft(ctx, "pii_longest_number", _longest_number) < 12:
        return []
    original = ctx.analysis.original
    my_labels = [_orig(ctx, m.start, m.end) for m in _matches(ctx, "mynumber_labels")]
    norm = ctx.analysis.norm
    out: list[NumberCandidate] = []
    for m in _MY_NUMBER_RE.finditer(dv.text):
        start, end = dv.to_original(m.start(), m.end())
        digits = re.sub(r"\D", "", m.group(1))
        line_start = original.rfind("\n", 0, start) + 1
        window_start = max(line_start, start - _LABEL_REACH)
        labelled = any(window_start <= s and e <= start for s, e in my_labels)
        tail = norm.text[_norm_index(norm, window_start) : _norm_index(norm, start)]
        other = _OTHER_NUMBER_LABEL_RE.search(tail)
        other_label = bool(other and not _MY_NUMBER_WORDS_RE.search(other.group())) or bool(
            _CORPORATE_NUMBER_RE.search(tail)
        )
        out.append(NumberCandidate(start, end, digits, labelled=labelled and not other_label, other_label=other_label))
    return out


def _norm_index(norm, o_pos: int) -> int:
    """The first normalised index whose character comes from original offset >= o_pos."""
    return bisect.bisect_left(norm.starts, o_pos)


@rule(
    code="PII001",
    category=Category.PERSONAL_INFO,
    severity=Severity.BLOCK,
    when=_NEEDS_DIGITS,
    title="マイナンバー（個人番号）",
    message="『{excerpt}』はマイナンバー（個人番号）です（{why}）。マイナンバーは法律で利用が厳しく制限されており、掲載できません。",
    fix="番号を削除してください。持ち主への連絡が目的なら「個人番号の記載された書類の落とし物がありました」のように、番号を書かずにお知らせしてください。",
    matches=[
        ex("落とし物のお知らせ：個人番号 3982 5979 1905 が記載された書類を保管しています。", "4-4-4 with spaces"),
        ex("申請書に１２３４５６７８９０１８と書かれたまま、受付台に置かれていました。", "full-width, no label"),
        ex("マイナンバーは 三二八六‐〇一二九‐〇四〇〇 です。", "kanji numerals with dashes"),
        ex("通知カード（748337887621）を拾われた方は市民課へお届けください。", "valid check digit, no label"),
    ],
    passes=[
        ex("個人番号 5129 8730 4415 の書類", "check digit does not match: PII002's business, not a block"),
        ex("法人番号 7000020012345 の事業者に委託しました。", "13-digit 法人番号 is not personal information"),
        ex("法人番号：7 3982 5979 1905", "a 法人番号 written 1 + 4-4-4: its last 12 digits are not a My Number"),
        ex("運営は指定管理者（5-7483-3788-7621）が行います。", "1 + 4-4-4 with hyphens, no label"),
        ex("マイナンバーカードの受け取りには予約が必要です。", "the card without a number"),
        ex(
            "ご注文番号 748337887621 の商品は発送済みです。",
            "labelled as another number: a valid check digit by chance",
        ),
        ex("お問い合わせは 0467-58-6620 まで。郵便番号は〒248-0001です。", "phone numbers and postal codes"),
        ex("令和8年度予算額は 398259791905円です。", "an amount of money"),
        ex("詳しくは https://www.city.example.lg.jp/page/398259791905.html をご覧ください。", "inside a URL"),
    ],
)
def d_my_number(ctx: Context) -> Iterator[Hit]:
    """A 12-digit number whose last digit is the My Number check digit (``stdnum.jp.in_``).

    Written plainly, as 4-4-4 or 3-3-3-3 with spaces or hyphens, in full-width digits or in
    kanji numerals (the digits view reads 五一二九 as 5129). A My Number may not be published
    under any circumstances (番号法), so this blocks. A 13-digit 法人番号, phone numbers and
    postal codes are other shapes, and so is a 法人番号 written as its check digit plus 4-4-4
    ("1 0900 5474 9952": a lone digit joined by one space or hyphen belongs to the number). A
    12-digit number whose nearest label names another number (注文番号, 受付番号, 口座…), or with
    法人番号 anywhere in the 20 characters before it, is skipped, because one random number in
    ten has a valid check digit. Instead: remove the number.
    """
    for c in per_draft(ctx, "pii_mynumber", _my_number_candidates):
        if c.other_label or not _my_number_valid(c.digits):
            continue
        why = (
            "「個人番号」の記載とチェックディジットが一致する12桁" if c.labelled else "チェックディジットが一致する12桁"
        )
        yield Hit(c.start, c.end, {"why": why})


@rule(
    code="PII002",
    category=Category.PERSONAL_INFO,
    severity=Severity.WARN,
    when=_NEEDS_DIGITS,
    title="マイナンバーらしき番号",
    message="『{excerpt}』は「マイナンバー」「個人番号」として書かれた12桁の番号です。チェックディジットは一致しませんが、書き誤ったマイナンバーの可能性があります。",
    fix="マイナンバーであれば削除してください。別の番号であれば「個人番号」の表記を改めてください。",
    matches=[
        ex("個人番号：1234-5678-9012 の方は窓口へ。", "labelled, check digit fails"),
        ex("マイナンバーは１１１１　２２２２　３３３４です。", "full-width digits and spaces"),
        ex("My Number 5129 8730 4415", "English label"),
    ],
    passes=[
        ex("個人番号 4796 6697 2515 の書類", "valid check digit: PII001 blocks it instead"),
        ex("受付番号 1234-5678-9012 でお待ちください。", "not labelled as a My Number"),
        ex("マイナンバーカードの申請は、お近くの窓口で受け付けています。", "no number at all"),
        ex("マイナンバーカードの暗証番号は4桁の数字です。", "a PIN description, not a number"),
        ex("123456789012", "an unlabelled 12-digit number with a wrong check digit is just a number"),
    ],
)
def d_my_number_labelled(ctx: Context) -> Iterator[Hit]:
    """A 12-digit number labelled マイナンバー／個人番号 whose check digit does not match.

    A mistyped My Number is still somebody's (or nearly somebody's) number, and the label says
    what the author meant, so the approver must look. Without the label a 12-digit number with
    a wrong check digit is not flagged. Instead: remove it, or correct the label.
    """
    for c in per_draft(ctx, "pii_mynumber", _my_number_candidates):
        if c.labelled and not _my_number_valid(c.digits):
            yield Hit(c.start, c.end, {})


# --- phone numbers ------------------------------------------------------------------------------

# A cheap prefilter on the digits view: 0 or +81, then 9–10 more digits with at most three
# separator characters (space, hyphen, parentheses, dot, ・, slash, underscore) between them:
# 090-1234-5678, (0467)58-6620, 0467（58）6620, +81 90 1234 5678, 〇九〇・一二三四・五六七八,
# 090／1234／5678. phonenumbers validates what this finds.
_PHONE_RE = lazy_compile(
    r"(?=[+(0])"
    # Not inside a code or a decimal, but "TEL090…" (℡ reads TEL after NFKC) and "FAX0467…" are fine.
    r"(?:(?<=TEL)|(?<=Tel)|(?<=tel)|(?<=FAX)|(?<=Fax)|(?<=fax)|(?<![0-9A-Za-z+\-/_@#=])(?<!\d\.))"
    r"(\+81[ \-]?(?:\(0\)[ \-]?)?|\(0|0)"
    f"((?:[{_SEPARATOR_CLASS}]{{0,3}}\\d){{9,10}})"
    r"(?![0-9A-Za-z]|[-.]\d)"
)
_AREA_CODE_CLOSE_RE = lazy_compile(r"\d{0,4}\)")
_PHONE_SEPARATORS_RE = lazy_compile(f"[{_SEPARATOR_CLASS}]+")


@cache
def _phone_kinds() -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
    """The number types that are private lines, landlines, and business numbers.

    Made on first use, like every use of ``phonenumbers`` here: importing it takes about 30 ms,
    which a process screening drafts without numbers need not spend.
    """
    from phonenumbers import PhoneNumberType as T

    private = frozenset({T.MOBILE, T.PAGER, T.PERSONAL_NUMBER})
    landline = frozenset({T.FIXED_LINE, T.FIXED_LINE_OR_MOBILE, T.VOIP})
    # Never a private line: toll-free 0120/0800, navi-dial 0570, premium-rate.
    business = frozenset({T.TOLL_FREE, T.SHARED_COST, T.UAN})
    return private, landline, business


@dataclass(frozen=True, slots=True)
class PhoneCandidate:
    start: int
    end: int
    national: str  # national significant number, digits only
    kind: PhoneNumberType


@lru_cache(maxsize=4096)
def _classify(number: str) -> tuple[str, PhoneNumberType] | None:
    """(national number, type) of a valid Japanese number, else None.

    Cached: phonenumbers takes tens of microseconds per number, and an organisation's own
    numbers recur in post after post.
    """
    import phonenumbers  # see _phone_kinds

    try:
        num = phonenumbers.parse(number, "JP")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(num):
        return None
    return str(num.national_number), phonenumbers.number_type(num)


@lru_cache(maxsize=64)
def _official_numbers(numbers: tuple[str, ...]) -> frozenset[str]:
    return frozenset(c[0] for raw in numbers if (c := _classify(raw)) is not None)


def _first_valid(lead: str, groups: list[str]) -> tuple[tuple[str, PhoneNumberType], int] | None:
    """The longest leading run of digit groups that is a valid number.

    A greedy match may swallow a neighbouring number ("0467-58-6620 15"), so trailing groups
    are dropped until the rest is valid.
    """
    for k in range(len(groups), 0, -1):
        used = "".join(groups[:k])
        if len(used) < 9:
            break
        classified = _classify(lead + used)
        if classified is not None:
            return classified, len(used)
    return None


def _index_after_digits(text: str, pos: int, count: int) -> int:
    for i in range(pos, len(text)):
        if text[i].isdigit():
            count -= 1
            if count == 0:
                return i + 1
    return len(text)


def _phone_candidates(ctx: Context) -> list[PhoneCandidate]:
    dv = ctx.analysis.digits
    text = dv.text
    if per_draft(ctx, "pii_longest_number", _longest_number) < 9:
        return []
    private_kinds = _phone_kinds()[0]
    out: list[PhoneCandidate] = []
    for m in _PHONE_RE.finditer(text):
        prefix, body = m.group(1), m.group(2)
        groups = [g for g in _PHONE_SEPARATORS_RE.split(body) if g]
        lead = "+81" if prefix.startswith("+") else "0"
        parsed = _first_valid(lead, groups)
        if parsed is None:
            continue
        (national, kind), used_digits = parsed
        # 整理番号 09012345678 is not a phone number. A mobile number gives way only to a label
        # that names a number (受付番号, 会員ID), not to a bare word such as 口座 or 整理.
        tail = text[max(0, m.start() - _LABEL_REACH) : m.start()]
        label = _OTHER_NUMBER_LABEL_RE.search(tail)
        if (
            label
            and not _PHONE_WORDS_RE.search(label.group())
            and (kind not in private_kinds or _NUMBER_LABEL_RE.search(label.group()))
        ):
            continue
        # The span ends at the last digit actually used.
        stop = _index_after_digits(text, m.start(2), used_digits)
        first = m.start()
        if prefix == "(0" and not _AREA_CODE_CLOSE_RE.match(text, m.start(2)):
            first += 1  # "（0466-12-3456）": the parenthesis encloses the number, it is not an area code
        start, end = dv.to_original(first, stop)
        out.append(PhoneCandidate(start, end, national, kind))
    return out


@rule(
    code="PII003",
    category=Category.PERSONAL_INFO,
    severity=Severity.WARN,
    when=_NEEDS_DIGITS,
    title="個人の電話番号",
    message="『{excerpt}』は{why}の可能性があります。ご本人の同意がない限り掲載できません。",
    fix="連絡先には担当課・施設の電話番号を載せてください。個人の番号を載せる必要がある場合は、ご本人の同意（できれば書面）を確認してください。",
    matches=[
        ex("会計の連絡先が 090-1234-5678 に変わりました。", "mobile number"),
        ex("参加申込は佐々木さん宅（0465-12-3456）までお電話ください。", "landline at a private home"),
        ex("幹事：ご自宅 〇四六六‐一二‐三四五六", "kanji numerals at a home"),
        ex("当日の連絡は ０７０－１２３４－５６７８ へどうぞ。", "full-width mobile"),
        ex("緊急時は山本和子さん 0466(12)3456 まで。", "parenthesised area code, attributed to a resident"),
        ex("申込みは 〇八〇・四四一七・二六九三 へショートメールで。", "kanji numerals with ・"),
        ex("持ち物の確認は 080／4417／2693 まで", "full-width slashes"),
        ex("参加受付：090 8765 4321（夜間も可）", "a bare 受付 is a desk, not a 受付番号 label"),
    ],
    passes=[
        ex("お問い合わせは市民課（0466-12-3456）まで。", "office number: 市民課"),
        ex("風早町役場まちづくり推進課 電話 0467-58-2030", "compound office name ending in 課"),
        ex("相談ダイヤル 0120-123-456（通話料無料）", "toll-free"),
        ex("予約はナビダイヤル 0570-012-345 で受け付けます。", "navi-dial"),
        ex("会場：中央公民館（0466-12-3456）", "facility number"),
        ex("電話 0466-12-3456（平日8時30分〜17時15分）", "a bare landline with no private attribution"),
        ex("〒248-0001 若葉野市本町1-2-3", "postal code and street numbers are not phone numbers"),
        ex("受付は2026-01-05から始まります。", "a date with hyphens"),
        ex("会員番号 08044172693 をお控えください。", "labelled as another number"),
        ex("開催日：2026・3・14（土）", "a date with ・"),
    ],
)
def d_phone(ctx: Context) -> Iterator[Hit]:
    """A phone number that belongs to a private person.

    Candidates come from the digits view (full-width and kanji numerals, any dash) and are
    validated and classified by ``phonenumbers`` (region JP); the digit groups may be separated
    by spaces, hyphens, dots, parentheses, ・, slashes or underscores. A mobile or PHS number
    (070/080/090/060, and 020 pagers) is personal by nature and is flagged unless it is one of
    the organisation's ``official_phone_numbers``. Toll-free and navi-dial numbers (0120, 0800,
    0570) never are. A landline (or an 050 IP phone) is flagged only when the nearest context
    in the same sentence or line attributes it to a private person or home (田村さんのご自宅,
    山田さん宅, 個人) rather than an office or facility (市民課, 保健センター, 役場, 窓口,
    問い合わせ, 会場…); see the module docstring. A number labelled as another kind of number
    (受付番号, 整理番号, 会員ID) is not a phone number; a bare 受付 or 登録 is a desk, not a
    label, and a mobile number gives way only to a label that names a number. Instead: publish
    the office's number.
    """
    official = _official_numbers(ctx.settings.official_phone_numbers)
    private_kinds, landline_kinds, business_kinds = _phone_kinds()
    for c in per_draft(ctx, "pii_phones", _phone_candidates):
        if c.national in official or c.kind in business_kinds:
            continue
        if c.kind in private_kinds:
            yield Hit(c.start, c.end, {"why": "個人の携帯電話の番号"})
            continue
        if c.kind in landline_kinds:
            who = _private_attribution(ctx, c.start, c.end)
            if who is not None:
                yield Hit(c.start, c.end, {"why": f"個人宅・個人の電話番号（「{who.label}」の記載から判断）"})


# --- e-mail addresses ---------------------------------------------------------------------------

_EMAIL_RE = lazy_compile(
    r"(?=[A-Za-z0-9])(?<![A-Za-z0-9._%+\-])"
    r"([A-Za-z0-9][A-Za-z0-9._%+\-]{0,63})"
    r"\s?(?:@|[\[(<]\s?at\s?[\])>])\s?"
    r"((?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.|\s?[\[(<]\s?dot\s?[\])>]\s?))+[A-Za-z]{2,24})"
    r"(?![A-Za-z0-9\-]|\.[A-Za-z0-9])",
    re.IGNORECASE,
)
_AT_WORD_RE = lazy_compile(r"[\[(<]\s?at\s?[\])>]", re.IGNORECASE)  # kazuki[at]docomo.ne.jp
_DOT_WORD_RE = lazy_compile(r"\s?[\[(<]\s?dot\s?[\])>]\s?", re.IGNORECASE)
# Free-mail, ISP and carrier domains: an address there is a person's, whatever the text says.
FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.co.jp",
        "ymail.ne.jp",
        "yahoo.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "outlook.com",
        "outlook.jp",
        "hotmail.com",
        "hotmail.co.jp",
        "live.jp",
        "live.com",
        "msn.com",
        "aol.com",
        "docomo.ne.jp",
        "ezweb.ne.jp",
        "au.com",
        "softbank.ne.jp",
        "i.softbank.jp",
        "disney.ne.jp",
        "ymobile.ne.jp",
        "y-mobile.ne.jp",
        "willcom.com",
        "pdx.ne.jp",
        "emobile.ne.jp",
        "uqmobile.jp",
        "rakuten.jp",
        "rakumail.jp",
        "nifty.com",
        "nifty.ne.jp",
        "biglobe.ne.jp",
        "ocn.ne.jp",
        "odn.ne.jp",
        "so-net.ne.jp",
        "plala.or.jp",
        "dion.ne.jp",
        "eonet.ne.jp",
        "zaq.ne.jp",
        "jcom.home.ne.jp",
        "asahi-net.or.jp",
        "excite.co.jp",
        "goo.jp",
        "mail.goo.ne.jp",
        "infoseek.jp",
        "protonmail.com",
        "proton.me",
        "gmx.com",
        "zoho.com",
        "yandex.com",
        "qq.com",
        "163.com",
        "naver.com",
    }
)
# Public bodies' namespaces: an address there is an office's.
_PUBLIC_SUFFIXES = ("lg.jp", "go.jp")


def _under(domain: str, parents: Iterable[str]) -> str | None:
    for p in parents:
        p = p.lower().strip(".")
        if p and (domain == p or domain.endswith("." + p)):
            return p
    return None


@rule(
    code="PII004",
    category=Category.PERSONAL_INFO,
    severity=Severity.WARN,
    # An address has a Latin top-level domain; an obfuscated one also its [at].
    when=("text:@", "char:latin"),
    title="個人のメールアドレス",
    message="『{excerpt}』は{why}です。ご本人の同意がない限り掲載できません。",
    fix="連絡先には担当課の公式メールアドレスを載せてください。個人のアドレスを載せる場合は、ご本人の同意を確認してください。",
    matches=[
        ex("申込はメール hanako.k1975@gmail.com へ。", "free mail"),
        ex("写真の投稿は taro_yamada@ezweb.ne.jp まで", "carrier address"),
        ex("連絡先：ｓａｔｏｕ＠ｙａｈｏｏ．ｃｏ．ｊｐ", "full-width free mail"),
        ex("質問は実行委員の森田さん（morita@example.co.jp）にお寄せください。", "attributed to a resident"),
        ex("問合せ kazuki[at]docomo.ne.jp", "obfuscated @"),
    ],
    passes=[
        ex("メール iju@town.kazahaya.lg.jp", "a municipality's address (*.lg.jp)"),
        ex("ご意見は kouhou@city.example.jp へ。", "official domain from the settings"),
        ex("お問い合わせ：若葉野観光協会 info@wakaba-kanko.example.jp", "an organisation's address"),
        ex("送信元 no-reply@digital.go.jp を受信できるよう設定してください。", "a government address (*.go.jp)"),
        ex("メールアドレスの登録は任意です。", "no address"),
    ],
)
def d_email(ctx: Context) -> Iterator[Hit]:
    """An e-mail address that belongs to a private person.

    Addresses at an official domain (``settings.official_domains``, any ``*.lg.jp`` or
    ``*.go.jp``) or a trusted domain are the organisation's and never flag. Addresses at
    free-mail, ISP or carrier domains (gmail.com, yahoo.co.jp, icloud.com, docomo.ne.jp,
    ezweb.ne.jp, au.com, softbank.ne.jp, outlook.jp, nifty.com, biglobe.ne.jp, ocn.ne.jp…)
    are personal by nature. Any other address flags when the nearest context attributes it to
    a private person (森田さん, 個人, 自宅). ``[at]``/``(at)`` spellings are read as ``@``.
    Instead: publish the department's official address.
    """
    text = ctx.analysis.norm.text
    if "@" not in text and not _AT_WORD_RE.search(text):
        return
    settings = ctx.settings
    for m in _EMAIL_RE.finditer(text):
        domain = _DOT_WORD_RE.sub(".", m.group(2)).lower()
        if _under(domain, (*settings.official_domains, *settings.trusted_domains, *_PUBLIC_SUFFIXES)):
            continue
        start, end = _orig(ctx, m.start(), m.end())
        free = _under(domain, FREE_MAIL_DOMAINS)
        if free:
            yield Hit(start, end, {"why": f"フリーメール・携帯電話会社（{free}）の個人アドレスの可能性がある連絡先"})
            continue
        who = _private_attribution(ctx, start, end)
        if who is not None:
            yield Hit(start, end, {"why": f"個人（「{who.label}」）のメールアドレスの可能性がある連絡先"})


# --- home addresses -----------------------------------------------------------------------------

_CJK = "\u3005\u3006\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff"
# Down to the house: 1丁目4番7号, 1丁目4-7, 123番地, 123番地の4, 4番7号, 北浜1-4-7 (the bare
# hyphen form only after a place name, checked below).
_HOUSE_NUMBER_FORMS = (
    r"\d{1,4}丁目\d{1,4}番地?(?:\d{1,4}号?|の\d{1,4})?",  # 1丁目4番7号, 1丁目4番地の7
    r"\d{1,4}丁目\d{1,4}(?:-\d{1,4}){1,2}",  # 1丁目4-7
    r"\d{1,5}番地(?:の?\d{1,4})?(?:-\d{1,4})?",  # 123番地, 123番地の4
    r"\d{1,4}番\d{1,4}号",  # 4番7号
    r"\d{1,5}-\d{1,4}(?:-\d{1,4})?",  # 1-4-7
)
# Not followed by what makes the numbers a date, a time, a count or a road (国道1-2号線).
_ADDRESS_RE = lazy_compile(
    rf"(?=[0-9])({'|'.join(_HOUSE_NUMBER_FORMS)})(?!\d|-\d|[年月日時分秒歳才回人名個本枚円点位級週号線%])"
)
_CJK_CHAR_RE = lazy_compile(f"[{_CJK}]")
_DIGIT_DASH_DIGIT_RE = lazy_compile(r"[0-9]-[0-9]")
# A place name ends in one of these (or is tagged as one by Sudachi).
_PLACE_CHARS = frozenset("都道府県市区町村郡字条通丁目番")
_PLACE_REACH = 15


def _address_candidates(ctx: Context) -> list[tuple[int, int, int]]:
    """(start, start of the numbers, end) in original offsets; the start includes the place name."""
    dv = ctx.analysis.digits
    text = dv.text
    if "丁目" not in text and "番" not in text and not _DIGIT_DASH_DIGIT_RE.search(text):
        return []
    phones = per_draft(ctx, "pii_phones", _phone_candidates)
    place_tokens = None
    out: list[tuple[int, int, int]] = []
    for m in _ADDRESS_RE.finditer(text):
        if m.start() == 0 or not _CJK_CHAR_RE.match(text[m.start() - 1]):
            continue  # the numbers must follow a place name, not another number or a symbol
        start, end = dv.to_original(m.start(), m.end())
        if any(p.start < end and start < p.end for p in phones):
            continue
        body = m.group(1)
        if not any(w in body for w in ("丁目", "番")):
            # The bare 1-4-7 form needs a place name right before it.
            k = m.start()
            while k > 0 and m.start() - k < _PLACE_REACH and _CJK_CHAR_RE.match(text[k - 1]):
                k -= 1
            run = text[k : m.start()]
            if not (_PLACE_CHARS & set(run)):
                if place_tokens is None:
                    place_tokens = [_orig(ctx, t.start, t.end) for t in ctx.analysis.tokens if t.pos[2] == "地名"]
                run_start, _ = dv.to_original(k, m.start())
                if not any(run_start <= s and e <= start for s, e in place_tokens):
                    continue
        out.append((_place_start(ctx, start), start, end))
    return out


def _place_start(ctx: Context, start: int) -> int:
    """Extend an address back over the place name before its numbers (若葉町 in 若葉町3丁目…)."""
    toks = ctx.analysis.tokens
    spans = [_orig(ctx, t.start, t.end) for t in toks]
    k = next((i for i, (s, e) in enumerate(spans) if s < start <= e), None)
    if k is None:
        k = next((i for i, (s, e) in enumerate(spans) if e == start), None)
    if k is None or spans[k][0] >= start:
        return start
    lo, hi = _scope(ctx.analysis.original, start, start)
    markers = _markers_in(ctx, lo, hi)
    first = start
    steps = 0
    while k >= 0 and steps < 4 and toks[k].pos[0] in ("名詞", "接頭辞") and toks[k].pos[1] != "数詞":
        s, e = spans[k]
        if any(m.start < e and s < m.end for m in markers):
            break  # 山田さん宅 is whose address it is, not part of it
        first = s
        k -= 1
        steps += 1
    return first


@rule(
    code="PII005",
    category=Category.PERSONAL_INFO,
    severity=Severity.WARN,
    when=_NEEDS_DIGITS,
    title="個人の住所",
    message="『{excerpt}』は番地まである住所で、{why}の住所と読めます。ご本人の同意がない限り掲載できません。",
    fix="住所は削除するか「市内在住」「〇〇地区」程度にとどめてください。掲載が必要な場合は、ご本人の同意を確認してください。",
    matches=[
        ex("落とし物は、持ち主の大川美紀さん（若葉町3丁目12番5号）にお返ししました。", "resident's address"),
        ex("集合場所は班長のご自宅（桜台二丁目4-11）です。", "home, kanji numerals"),
        ex("山下義男様方（本郷町１２３番地の４）へ郵送してください。", "full-width 番地, 様方"),
        ex("回覧板は竹内さん宅、緑が丘2-15-8までお回しください。", "hyphen form after a place name"),
        ex("騒音の苦情があった桜台4丁目18番地の住宅を訪問しました。", "the house right after the address"),
        ex("市内の個人宅（若葉町1丁目7番地）でクマの足跡が見つかりました。", "個人宅 (one token)"),
        ex("宮本さんの転居先は緑町3丁目9番2号です。", "a person's new address"),
    ],
    passes=[
        ex("会場：若葉野市民会館（若葉町3丁目12番5号）", "a facility's address"),
        ex("所在地 〒248-0001 本町1-2-3 若葉野市役所", "the city hall's address with a postal code"),
        ex("中央公民館は本郷町123番地にあります。", "facility address"),
        ex("1-2年生の児童を対象に、3-4時間目に実施します。", "ranges, not addresses"),
        ex("応募は市民課（本町1-2-3）へ郵送してください。", "an office"),
        ex("国道1-2号線の改良工事について", "a road name"),
        ex("児童館は移転しました。新住所：緑町3丁目9番2号", "an office's new address (新住所 is not private)"),
        ex("地域の住民が桜台45番地の集会所に集まりました。", "the facility right after the address"),
        ex("市営住宅（本町2丁目3番地）の入居者を募集します。", "public housing is the city's"),
        ex("桜台4丁目18番地の住民の皆さんへ、断水のお知らせです。", "residents as the addressees of a notice"),
    ],
)
def d_home_address(ctx: Context) -> Iterator[Hit]:
    """A street address down to the house (番地・号, or 1-4-7 after a place name) at a private home.

    Facility and office addresses fill official posts (会場, 市役所, センター, 公民館, 所在地), so an
    address flags only when the nearest context in the same sentence or line attributes it to
    a private person or home: a resident's name with さん/様, 自宅, 宅, 方, 個人宅, 民家, 転居先.
    The word right after the address, joined by の, says it more directly than anything before
    it: 〜番地の住宅, 〜番地の住民から are homes, 〜番地の公民館 a facility (市営住宅 stays the
    city's). Down to 丁目 only (若葉町3丁目) is an area, not a house, and passes. Instead: remove
    the address or say only the area, or confirm the person's consent.
    """
    for start, numbers, end in per_draft(ctx, "pii_addresses", _address_candidates):
        who = _private_attribution(ctx, numbers, end)
        if who is not None:
            yield Hit(start, end, {"why": f"「{who.label}」"})


# --- names --------------------------------------------------------------------------------------

# 45歳, 八歳 (not 千歳 or 万歳, not the いきいき100歳体操 exercise class); a baby's 生後3か月.
_AGE_RE = lazy_compile(
    r"(?<![\d千万百])(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s?(?:歳|才)(?!体操)"
    r"|生後\s?(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s?(?:か月|ヶ月|カ月|ケ月|ヵ月|箇月|日|週)"
)
# An age in parentheses right after the name: 森本陽菜ちゃん（8）. Elsewhere "(1)" is list numbering.
_PAREN_AGE_RE = lazy_compile(r"\s?[(（]\s?(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s?(?:歳|才)?\s?[)）]")
_MATTER_SETS = (
    ("health_terms", "健康・病気の情報"),
    ("family_terms", "家族の情報"),
    ("circumstance_terms", "生活・経済・法的な事情"),
)


_prefix_cache: dict[int, tuple[tuple[str, str], ...]] = {}


def _matter_prefixes(ctx: Context) -> tuple[tuple[str, str], ...]:
    key = id(ctx.lex)
    if key not in _prefix_cache:
        _prefix_cache[key] = tuple(
            (e.term, kind)
            for set_name, kind in _MATTER_SETS
            for e in ctx.lex.set(f"{LEX}:{set_name}")
            if e.mode == "lemma" and len(e.term) >= 2
        )
    return _prefix_cache[key]


def _private_matters(ctx: Context) -> dict[int, tuple[str, str]]:
    """Per sentence: the first private matter found there, as (kind, words)."""
    toks = ctx.analysis.tokens
    out: dict[int, tuple[str, str]] = {}
    for set_name, kind in _MATTER_SETS:
        for m in _matches(ctx, set_name):
            out.setdefault(toks[m.first].sentence, (kind, ctx.analysis.norm.text[m.start : m.end]))
    # Sudachi's mode C keeps compounds whole (入院中, 要介護認定, 闘病生活), so a token that starts
    # with a term of two or more characters counts too.
    prefixes = _matter_prefixes(ctx)
    for tok in toks:
        if tok.sentence not in out and len(tok.surface) > 2:
            kind = next((k for p, k in prefixes if tok.surface.startswith(p)), None)
            if kind:
                out[tok.sentence] = (kind, tok.surface)
    if not toks:
        return out
    norm = ctx.analysis.norm.text
    for sentence, (a, b) in enumerate(ctx.analysis.sentence_spans):
        if sentence in out:
            continue
        s, e = toks[a].start, toks[b - 1].end
        age = _AGE_RE.search(norm, s, e)
        if age:
            out[sentence] = ("年齢", age.group())
            continue
        o_start, o_end = _orig(ctx, s, e)
        for name, kind in (("pii_addresses", "住所"), ("pii_phones", "電話番号")):
            build = _address_candidates if name == "pii_addresses" else _phone_candidates
            items = per_draft(ctx, name, build)
            found = next((it for it in items if o_start <= _start_of(it) < o_end), None)
            if found is not None:
                out[sentence] = (kind, ctx.analysis.original[_start_of(found) : _end_of(found)])
                break
    return out


def _start_of(item) -> int:
    return item[0] if isinstance(item, tuple) else item.start


def _end_of(item) -> int:
    return item[-1] if isinstance(item, tuple) else item.end


def _matter_for(ctx: Context, p: Person) -> tuple[str, str] | None:
    age = _PAREN_AGE_RE.match(ctx.analysis.original, p.end)
    if age:
        return "年齢", age.group().strip()
    return per_draft(ctx, "pii_matters", _private_matters).get(p.sentence)


def _named_residents(ctx: Context) -> list[Person]:
    return [p for p in per_draft(ctx, "pii_people", _people) if p.status == "private" and p.honorific]


@rule(
    code="PII006",
    category=Category.PERSONAL_INFO,
    severity=Severity.WARN,
    when=_NEEDS_HONORIFIC,
    title="私人の氏名と私的な事情",
    message="『{excerpt}』という個人の氏名と、{matter}（「{words}」）が同じ文にあります。本人が特定でき、プライバシーの侵害になるおそれがあります。",
    fix="氏名か私的な事情のどちらかを削除してください（例：「町内の方が」）。掲載する場合は、ご本人（未成年なら保護者）の同意を必ず書面で確認してください。",
    matches=[
        ex("消防団員の石井健太さんが、骨折のため入院しています。", "name and health"),
        ex("3年生の森本陽菜ちゃん（8）が、交通安全ポスターを描きました。", "a child's name and age"),
        ex("自治会長の村上浩二さんの奥さまが先月逝去されました。", "name and family"),
        ex("相談に来た野口美咲さんは生活保護を受けています。", "name and circumstances"),
        ex("生後5か月の小川結衣ちゃんの健診結果に異常がありました。", "a baby's age and a check-up finding"),
    ],
    passes=[
        ex("三宅隆之市長が入院先の病院を訪れ、医療スタッフを激励しました。", "an official in a public role"),
        ex("講師は認知症専門医の佐藤健一さんです。", "a professional in a public role"),
        ex("認知症の方とご家族のための相談会を開きます。", "health words without a name"),
        ex("作業員さんが入院患者の送迎バスを整備しました。", "common noun + さん"),
        ex("郷土の偉人、野口英世の生誕150年を記念する展示です。", "historical figure"),
    ],
)
def d_name_with_private_matter(ctx: Context) -> Iterator[Hit]:
    """A private person's name (a Sudachi 人名 with さん/様/くん/ちゃん/氏) in the same sentence as a private matter.

    Health and medical facts (入院, 治療, 要精密検査, 障害, 白血病…), family matters (妻, 長男,
    逝去…), money or legal troubles (生活保護, 滞納…), an age ((8), 45歳), or the person's phone
    number or address. Together they identify a person and expose what the law treats as
    sensitive (要配慮個人情報). Officials named in their public role (三宅隆之市長, 市長の三宅さん,
    and later mentions of the same surname), staff of a department (市民課の山田さん), people in a
    public capacity (講師, 選手, 医師…) and historical figures or mascots are not private persons.
    Instead: drop the name or the private matter, or confirm written consent.
    """
    for p in _named_residents(ctx):
        found = _matter_for(ctx, p)
        if found:
            yield Hit(p.start, p.end, {"matter": found[0], "words": found[1]})


@rule(
    code="PII007",
    category=Category.PERSONAL_INFO,
    severity=Severity.WARN,
    when=_NEEDS_HONORIFIC,
    title="私人の氏名",
    message="『{excerpt}』は私人（住民の方）の氏名と思われます。個人が特定できる文章の掲載には、ご本人の同意が必要です。",
    fix="ご本人（未成年なら保護者）の同意を得ていることを確認してください。同意がなければ「市内在住の方」「〇〇地区の方」などに言い換えてください。",
    matches=[
        ex(
            "市民栄誉賞を受けた大塚由紀子さんに、記念品を贈呈しました。",
            "an award winner: the approver confirms consent",
        ),
        ex("はがき川柳コンテストの最優秀賞は、原田正樹様の作品です。", "様"),
        ex("若葉小学校の小林翔太くんが作文を発表しました。", "a pupil"),
        ex("きょうは坂口ひろしさんの畑で収穫体験をしました。", "a resident named with さん"),
        ex("抽選で当選した川口恵美さんに記念品をお送りしました。", "a lottery winner is not elected"),
        ex("講演会に参加した森下さんから感想をいただきました。", "an attendee, not the lecturer"),
        ex("保育園の藤井暖くんが、七夕の短冊を飾りました。", "a given name Sudachi tags as a common noun"),
    ],
    passes=[
        ex("三宅隆之市長は、本日の記者会見で新年度の方針を発表しました。三宅さんは…", "an official, later called さん"),
        ex("市長の三宅さんが開会のあいさつをしました。", "title before the name"),
        ex("小野寺議員が一般質問に登壇しました。", "an assembly member"),
        ex("市民課の山田さんが窓口でご案内します。", "staff of a department"),
        ex("運転手さん、いつもありがとうございます。", "common noun + さん"),
        ex("講師：料理研究家 佐藤花子さん", "a lecturer in a public role"),
        ex("市のイメージキャラクター「わかばちゃん」が登場します。", "a mascot"),
        ex("新しい副市長に高橋健二氏が就任しました。", "an appointment to an official post"),
        ex("監査委員として石川正人さんを選任することに同意しました。", "an appointment: role + として"),
        ex("開票の結果、現職の森田浩氏が3選を果たしました。", "an election result"),
        ex("脳科学者の茂木健一郎さんを講師にお迎えします。", "the lecturer of an event"),
        ex("茂木健一郎さんの講演会を開催します。", "the speaker of a lecture"),
        ex("老舗の中村屋さんが、創業100年を迎えました。", "a shop's name, not a given name"),
    ],
)
def d_resident_name(ctx: Context) -> Iterator[Hit]:
    """A private person's name with a personal honorific (さん, 様, くん, ちゃん, 氏).

    Contract: a resident's name warns, because it may be published with the person's consent
    (joetsu 5(3)) and the approver is the one who confirms it. That includes award winners and
    pupils the city congratulates: the consent is exactly what the approver checks. Officials
    in their public role (titles such as 市長, 議員, 教育長, 課長, 校長 next to the name, and later
    mentions of the same surname), department staff (市民課の山田さん), people in a public
    capacity (講師, 選手, 先生, 医師, 著者…, or the speaker of an event: 山田さんの講演会,
    山田さんを講師に迎え), people in a sentence about an election (開票, 立候補, 初当選, 当選 with an
    official title) or an appointment (a role with に/として and 就任, 選任, 任命, 委嘱, 同意…),
    historical figures (偉人, 生誕…) and mascots (キャラクター, ゆるキャラ) are not flagged;
    neither is a common noun with さん (運転手さん).
    Each person is reported once; PII006 reports the stronger case instead, and PII008 (a note,
    not a warning) a draft that says the person agreed to be named.
    Instead: confirm consent or describe the person without the name.
    """
    if per_draft(ctx, "pii_consent", _consent_stated):
        return
    yield from _resident_names(ctx)


def _resident_names(ctx: Context) -> Iterator[Hit]:
    residents = _named_residents(ctx)
    stronger = {p.surname for p in residents if _matter_for(ctx, p)}
    seen: set[str] = set()
    for p in residents:
        if p.surname in stronger or p.surname in seen:
            continue
        seen.add(p.surname)
        yield Hit(p.start, p.end, {})


# 「ご本人の了承を得て掲載しています」「写真とお名前は、ご本人の同意をいただいて紹介しています」:
# the draft says the person agreed to be named. A consent noun with 得る/いただく, not negated
# (同意を得ていません, 了承を得ずに), in a sentence about publishing.
_CONSENT_NOUNS = frozenset({"了承", "同意", "承諾", "許可", "快諾", "許諾"})
_CONSENT_VERBS = frozenset({"得る", "頂く", "戴く"})
_PUBLISHING = frozenset({"掲載", "紹介", "公開", "撮影", "写真", "名前", "氏名", "実名", "発信", "投稿"})
_NEGATIONS = frozenset({"ない", "ず", "ぬ"})
# Whose consent: the people themselves (ご本人の了承, 保護者の同意, 佐藤さんの快諾), or nobody named.
# 市長の同意 or 所有者の許可 is someone else's and says nothing about the person named.
_CONSENT_GIVERS = frozenset(
    {"本人", "家族", "保護者", "皆さん", "皆様", "方々", "各位", "出演者", "参加者", "両親", "当人"}
)
_HONORIFIC_LEMMAS = frozenset({"さん", "様", "君", "ちゃん", "氏", "殿"})  # the lemmas of name_honorifics


def _own_consent(toks: list[Token], k: int) -> bool:
    """The consent noun at k is given by the people themselves, or by nobody named."""
    if k < 2 or toks[k - 1].surface not in ("の", "から"):
        return True
    giver = toks[k - 2]
    return giver.lemma in _CONSENT_GIVERS or giver.lemma in _HONORIFIC_LEMMAS


def _consent_stated(ctx: Context) -> bool:
    """Whether the draft says the people in it agreed to be published (see ``_CONSENT_NOUNS``)."""
    toks = ctx.analysis.tokens
    for k, t in enumerate(toks[:-2]):
        if t.lemma not in _CONSENT_NOUNS or toks[k + 1].surface != "を" or toks[k + 2].lemma not in _CONSENT_VERBS:
            continue
        if not _own_consent(toks, k):
            continue
        after = toks[k + 3 : k + 8]
        if any(a.lemma in _NEGATIONS and a.sentence == t.sentence for a in after):
            continue
        if any(o.lemma in _PUBLISHING for o in toks if o.sentence == t.sentence):
            return True
    return False


@rule(
    code="PII008",
    category=Category.PERSONAL_INFO,
    severity=Severity.INFO,
    when=_NEEDS_HONORIFIC,
    title="私人の氏名（掲載の同意の記載あり）",
    message="『{excerpt}』は私人（住民の方）の氏名と思われます。本文に、ご本人の同意を得て掲載する旨の記載があります。",
    fix="承認の際に、同意の記録（同意書など）があることを確認してください。",
    matches=[
        ex("移住して3年目の佐野健一さんにお話を伺いました。（ご本人の了承を得て掲載しています）", "consent stated"),
        ex("和菓子店の4代目、佐藤さんを紹介します。写真とお名前はご本人の同意をいただいて掲載しています。", "いただく"),
        ex("消防団の訓練に参加した村田翔さん。保護者の同意を得て写真を掲載しています。", "a guardian's consent"),
    ],
    passes=[
        ex("移住して3年目の佐野健一さんにお話を伺いました。", "no consent stated: PII007 warns"),
        ex("佐野健一さんの写真は、ご本人の同意を得ていませんので掲載できません。", "consent denied"),
        ex("監査委員として石川正人さんを選任することに、議会の同意を得ました。", "an appointment, not a resident"),
        ex("市長の同意を得て、森下由香さんの写真を掲載します。", "someone else's consent"),
    ],
)
def d_consented_name(ctx: Context) -> Iterator[Hit]:
    """A private person's name in a draft that says the person agreed to be published.

    joetsu 5(3): a private person's information is published only with consent. The draft says
    it was given (「ご本人の了承を得て掲載しています」), so the name is a note for the approver, who
    checks the record of that consent, rather than a warning; a statement that consent was *not*
    given (同意を得ていません) does not count. A name with a private matter (PII006) still warns.
    """
    if per_draft(ctx, "pii_consent", _consent_stated):
        yield from _resident_names(ctx)
