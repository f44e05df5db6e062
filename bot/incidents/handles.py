"""How close a reported handle is to the municipality's official handles (なりすまし).

An impersonating account copies an official handle with a small change a reader does not notice:
a look-alike letter (``joetsu_clty`` for ``joetsu_city``), a digit for a letter (``j0etsu``), a
Cyrillic letter that renders exactly like a Latin one (``јoetsu``), an extra character. The bot says
how close the reported handle is, and why, so the staff can judge at a glance.

Three comparisons, strongest first:

1. the same handle once normalised (NFKC folds full-width letters; handles are case-insensitive on
   every platform we serve), which means the "fake" is the official account itself;
2. the same *skeleton*: each character replaced by the Latin character it is drawn like (``HOMOGLYPHS``
   below, then ``SEQUENCES`` such as ``rn`` → ``m``), as Unicode's confusable detection does (UTS #39
   "Unicode Security Mechanisms", section 4 "Confusable Detection"); with ``LOOKALIKES`` added (``i``
   → ``l``), the loose skeleton catches letters that are merely hard to tell apart at a glance;
3. the edit distance (Damerau–Levenshtein, optimal string alignment: an adjacent swap is one edit).

The tables are a small hand-picked subset, not the whole of confusables.txt: the characters seen in
impersonations of Japanese municipal accounts, whose handles are ASCII (letters, digits, ``_``).
Sources: the Cyrillic and Greek entries follow the prototypes of Unicode's confusables.txt (UTS #39,
https://www.unicode.org/Public/security/latest/confusables.txt), each named in a comment by its code
point; the ASCII look-alikes (0/o, 1/l/I, rn/m, vv/w, cl/d) are the classic typosquatting pairs and
are in confusables.txt too. Full-width forms need no table: NFKC maps them to ASCII.
"""

from __future__ import annotations

import difflib
import enum
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

# Longest handle we compare: every platform's limit is far below (X 15, Instagram 30, YouTube 30).
MAX_HANDLE_LENGTH = 100

# One character -> the Latin lower-case character it is drawn like. Applied after NFKC, before case folding
# (an upper-case I is drawn like a lower-case l, which folding would hide).
HOMOGLYPHS: dict[str, str] = {
    # ASCII look-alikes (confusables.txt: 0 -> O, 1 -> l, I -> l, | -> l)
    "0": "o",
    "1": "l",
    "I": "l",
    "|": "l",
    # Cyrillic (confusables.txt prototypes)
    "\u0430": "a",  # CYRILLIC SMALL LETTER A
    "\u0410": "a",  # CYRILLIC CAPITAL LETTER A
    "\u0432": "b",  # CYRILLIC SMALL LETTER VE (drawn like a small capital B)
    "\u0412": "b",  # CYRILLIC CAPITAL LETTER VE
    "\u0441": "c",  # CYRILLIC SMALL LETTER ES
    "\u0421": "c",  # CYRILLIC CAPITAL LETTER ES
    "\u0501": "d",  # CYRILLIC SMALL LETTER KOMI DE
    "\u0435": "e",  # CYRILLIC SMALL LETTER IE
    "\u0415": "e",  # CYRILLIC CAPITAL LETTER IE
    "\u04bb": "h",  # CYRILLIC SMALL LETTER SHHA
    "\u041d": "h",  # CYRILLIC CAPITAL LETTER EN
    "\u0456": "i",  # CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I
    "\u0458": "j",  # CYRILLIC SMALL LETTER JE
    "\u041a": "k",  # CYRILLIC CAPITAL LETTER KA
    "\u04cf": "l",  # CYRILLIC SMALL LETTER PALOCHKA
    "\u041c": "m",  # CYRILLIC CAPITAL LETTER EM
    "\u043e": "o",  # CYRILLIC SMALL LETTER O
    "\u041e": "o",  # CYRILLIC CAPITAL LETTER O
    "\u0440": "p",  # CYRILLIC SMALL LETTER ER
    "\u0420": "p",  # CYRILLIC CAPITAL LETTER ER
    "\u051b": "q",  # CYRILLIC SMALL LETTER QA
    "\u0455": "s",  # CYRILLIC SMALL LETTER DZE
    "\u0405": "s",  # CYRILLIC CAPITAL LETTER DZE
    "\u0422": "t",  # CYRILLIC CAPITAL LETTER TE
    "\u051d": "w",  # CYRILLIC SMALL LETTER WE
    "\u0445": "x",  # CYRILLIC SMALL LETTER HA
    "\u0425": "x",  # CYRILLIC CAPITAL LETTER HA
    "\u0443": "y",  # CYRILLIC SMALL LETTER U
    "\u04af": "y",  # CYRILLIC SMALL LETTER STRAIGHT U
    # Greek (confusables.txt prototypes)
    "\u03b1": "a",  # GREEK SMALL LETTER ALPHA
    "\u0391": "a",  # GREEK CAPITAL LETTER ALPHA
    "\u0392": "b",  # GREEK CAPITAL LETTER BETA
    "\u0395": "e",  # GREEK CAPITAL LETTER EPSILON
    "\u0397": "h",  # GREEK CAPITAL LETTER ETA
    "\u03b9": "i",  # GREEK SMALL LETTER IOTA
    "\u0399": "l",  # GREEK CAPITAL LETTER IOTA
    "\u039a": "k",  # GREEK CAPITAL LETTER KAPPA
    "\u039c": "m",  # GREEK CAPITAL LETTER MU
    "\u039d": "n",  # GREEK CAPITAL LETTER NU
    "\u03bf": "o",  # GREEK SMALL LETTER OMICRON
    "\u039f": "o",  # GREEK CAPITAL LETTER OMICRON
    "\u03c1": "p",  # GREEK SMALL LETTER RHO
    "\u03a1": "p",  # GREEK CAPITAL LETTER RHO
    "\u03a4": "t",  # GREEK CAPITAL LETTER TAU
    "\u03c5": "u",  # GREEK SMALL LETTER UPSILON
    "\u03bd": "v",  # GREEK SMALL LETTER NU
    "\u03a7": "x",  # GREEK CAPITAL LETTER CHI
    "\u03a5": "y",  # GREEK CAPITAL LETTER UPSILON
    "\u0396": "z",  # GREEK CAPITAL LETTER ZETA
    # Latin letters outside ASCII that render like ASCII ones
    "\u0131": "i",  # LATIN SMALL LETTER DOTLESS I
    "\u0269": "i",  # LATIN SMALL LETTER IOTA
    "\u0261": "g",  # LATIN SMALL LETTER SCRIPT G
}

# Character sequences drawn like one letter, applied after HOMOGLYPHS (so "rn" written with a Cyrillic
# letter meets "m" too).
SEQUENCES: tuple[tuple[str, str], ...] = (("rn", "m"), ("vv", "w"), ("cl", "d"))

# Letters that are not drawn alike but are easy to misread at a glance in a handle; the loose skeleton
# treats them as the same.
LOOKALIKES: dict[str, str] = {"i": "l", "j": "l"}

# Pairs named when explaining a difference (either order).
_LOOKALIKE_PAIRS = frozenset(
    frozenset(pair)
    for pair in (
        ("i", "l"),
        ("i", "1"),
        ("l", "1"),
        ("j", "l"),
        ("o", "0"),
        ("rn", "m"),
        ("vv", "w"),
        ("cl", "d"),
        ("u", "v"),
        ("_", "-"),
        ("_", "."),
    )
)


class Closeness(enum.IntEnum):
    """How close a reported handle is to an official one; higher is closer."""

    DIFFERENT = 0
    SIMILAR = 1  # a good share of the characters in common (difflib ratio)
    CONTAINS = 2  # the official handle with characters added (joetsu_city_official)
    NEAR = 3  # one or two edits away
    LOOKALIKE = 4  # the same once look-alike letters (i/l) are treated alike
    HOMOGLYPH = 5  # drawn exactly alike (Cyrillic а for a, 0 for o, rn for m)
    IDENTICAL = 6  # the same handle


SIMILAR_RATIO = 0.75
NEAR_DISTANCE = 2
# A short official handle ("city") is inside too many unrelated ones to call containment a sign.
CONTAINS_MIN_LENGTH = 4


@dataclass(frozen=True, slots=True)
class Difference:
    """One place where the reported handle differs: ``official`` became ``reported`` ("" = nothing)."""

    official: str
    reported: str

    @property
    def lookalike(self) -> bool:
        """True when the two are easy to confuse (l/1, o/0, rn/m, a Cyrillic letter for a Latin one...)."""
        if not self.official or not self.reported:
            return False
        if frozenset((self.official, self.reported)) in _LOOKALIKE_PAIRS:
            return True
        return skeleton(self.official) == skeleton(self.reported) or loose_skeleton(self.official) == loose_skeleton(
            self.reported
        )


@dataclass(frozen=True, slots=True)
class HandleMatch:
    reported: str  # as reported, normalised ("joetsu_clty")
    official: str  # the official handle as registered ("@joetsu_city")
    account_id: str
    closeness: Closeness
    distance: int
    ratio: float
    differences: tuple[Difference, ...]


def normalize(handle: str) -> str:
    """The handle as platforms compare it: NFKC (full-width to ASCII), no leading @, case-folded."""
    text = unicodedata.normalize("NFKC", handle).strip()
    return text.removeprefix("@").casefold()[:MAX_HANDLE_LENGTH]


def _bare(handle: str) -> str:
    return unicodedata.normalize("NFKC", handle).strip().removeprefix("@")[:MAX_HANDLE_LENGTH]


def _skeleton(handle: str, extra: dict[str, str]) -> str:
    chars = []
    for ch in _bare(handle):
        mapped = HOMOGLYPHS.get(ch, ch).lower()
        chars.append(extra.get(mapped, mapped))
    out = "".join(chars)
    for sequence, letter in SEQUENCES:
        out = out.replace(sequence, letter)
    return out


def skeleton(handle: str) -> str:
    """Each character replaced by the Latin letter it is drawn like: equal skeletons look the same."""
    return _skeleton(handle, {})


def loose_skeleton(handle: str) -> str:
    """The skeleton with letters that are merely easy to misread (i/l) also made equal."""
    return _skeleton(handle, LOOKALIKES)


def edit_distance(a: str, b: str) -> int:
    """Damerau–Levenshtein distance (optimal string alignment): insertions, deletions, substitutions and
    swaps of adjacent characters each cost one."""
    a, b = a[:MAX_HANDLE_LENGTH], b[:MAX_HANDLE_LENGTH]
    if a == b:
        return 0
    if not a or not b:
        return max(len(a), len(b))
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        previous_previous, previous = previous, current
    return previous[-1]


def _is_swap(first: tuple, middle: tuple, last: tuple, official: str, reported: str) -> bool:
    """difflib's "insert x, keep y, delete x" (or the reverse): two neighbouring characters swapped."""
    if middle[0] != "equal" or middle[2] - middle[1] != 1 or {first[0], last[0]} != {"insert", "delete"}:
        return False
    moved = [official[op[1] : op[2]] + reported[op[3] : op[4]] for op in (first, last)]
    return len(moved[0]) == 1 and moved[0] == moved[1]


def differences(official: str, reported: str) -> tuple[Difference, ...]:
    """Where ``reported`` differs from ``official`` (both normalised), as replaced, added or removed runs;
    two neighbouring characters swapped ("city" → "ctiy") are one difference ("it" → "ti")."""
    ops = difflib.SequenceMatcher(None, official, reported, autojunk=False).get_opcodes()
    out: list[Difference] = []
    index = 0
    while index < len(ops):
        tag, i1, i2, j1, j2 = ops[index]
        if tag == "equal":
            index += 1
        elif index + 2 < len(ops) and _is_swap(ops[index], ops[index + 1], ops[index + 2], official, reported):
            _, _, k2, _, l2 = ops[index + 2]
            out.append(Difference(official[i1:k2], reported[j1:l2]))
            index += 3
        else:
            out.append(Difference(official[i1:i2], reported[j1:j2]))
            index += 1
    return tuple(out)


def compare(reported: str, official: str, *, account_id: str = "") -> HandleMatch:
    a, b = normalize(official), normalize(reported)
    distance = edit_distance(a, b)
    ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    if a == b:
        closeness = Closeness.IDENTICAL
    elif skeleton(official) == skeleton(reported):
        closeness = Closeness.HOMOGLYPH
    elif loose_skeleton(official) == loose_skeleton(reported):
        closeness = Closeness.LOOKALIKE
    elif distance <= NEAR_DISTANCE:
        closeness = Closeness.NEAR
    elif len(a) >= CONTAINS_MIN_LENGTH and loose_skeleton(official) in loose_skeleton(reported):
        closeness = Closeness.CONTAINS
    elif ratio >= SIMILAR_RATIO:
        closeness = Closeness.SIMILAR
    else:
        closeness = Closeness.DIFFERENT
    return HandleMatch(
        reported=b,
        official=official,
        account_id=account_id,
        closeness=closeness,
        distance=distance,
        ratio=round(ratio, 3),
        differences=differences(a, b),
    )


@dataclass(frozen=True, slots=True)
class OfficialHandle:
    account_id: str
    platform: str
    handle: str


def closest(reported: str, officials: Iterable[OfficialHandle], *, platform: str | None = None) -> HandleMatch | None:
    """The official handle closest to ``reported``: the closest kind of match first, then the fewest edits,
    then (on a tie) one on the same platform. None when there is no official handle."""
    best: tuple[tuple[int, int, int, float], HandleMatch] | None = None
    for official in officials:
        match = compare(reported, official.handle, account_id=official.account_id)
        rank = (match.closeness, -match.distance, int(official.platform == platform), match.ratio)
        if best is None or rank > best[0]:
            best = (rank, match)
    return best[1] if best else None


# --- Handles in URLs ---------------------------------------------------------------------------------

_PROFILE_HOSTS = {
    "x.com": "x",
    "twitter.com": "x",
    "instagram.com": "instagram",
    "facebook.com": "facebook",
    "fb.com": "facebook",
    "youtube.com": "youtube",
    "tiktok.com": "tiktok",
    "line.me": "line",
    "page.line.me": "line",
}
# First path segments that are pages of the service, not accounts.
_NOT_HANDLES = frozenset(
    {
        "i",
        "home",
        "search",
        "explore",
        "hashtag",
        "intent",
        "share",
        "settings",
        "p",
        "reel",
        "reels",
        "stories",
        "watch",
        "channel",
        "c",
        "user",
        "shorts",
        "profile.php",
        "groups",
        "pages",
        "r",
        "ti",
        "video",
        "tag",
    }
)


def _host(hostname: str) -> str:
    host = hostname.lower().rstrip(".")
    for prefix in ("www.", "mobile.", "m."):
        host = host.removeprefix(prefix)
    return host


def platform_of_url(url: str) -> str | None:
    """The platform whose profile or post the URL is on, or None."""
    try:
        hostname = urlsplit(url).hostname
    except ValueError:
        return None
    return _PROFILE_HOSTS.get(_host(hostname or ""))


def handle_from_url(url: str) -> str | None:
    """The account handle in a profile or post URL (``https://x.com/joetsu_clty/status/1`` →
    ``joetsu_clty``), or None when the URL names no handle (a numeric profile id, another site)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    platform = _PROFILE_HOSTS.get(_host(parts.hostname or ""))
    if platform is None:
        return None
    segments = [s for s in parts.path.split("/") if s]
    if platform == "line":
        # https://line.me/R/ti/p/@abc and https://page.line.me/abc
        tagged = [s for s in segments if s.startswith("@") or s.startswith("%40")]
        if tagged:
            return tagged[-1].replace("%40", "@").removeprefix("@") or None
        return segments[0] if _host(parts.hostname or "") == "page.line.me" and segments else None
    if not segments:
        return None
    first = segments[0]
    if first.startswith("@"):
        return first[1:] or None  # youtube.com/@name, tiktok.com/@name
    if platform in {"youtube", "tiktok"} or first.lower() in _NOT_HANDLES:
        return None
    return first
