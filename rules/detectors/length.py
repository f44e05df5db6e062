"""Length: text the target platform would refuse, measured the way the platform measures it.

- x: 280, weighted: CJK, emoji and most symbols 2, Latin 1, any URL 23. Source: twitter-text's v3
  configuration (the ``twitter-text-parser`` package) and X's "Counting characters" guide.
- facebook: 63,206 UTF-16 code units, the post composer's limit.
- instagram: 2,200 UTF-16 code units (an emoji counts 2), Instagram Help Center's caption limit.
- line: 5,000 UTF-16 code units, LINE Developers' Messaging API reference (text message) and its
  page 「テキストの文字数のカウント」 (UTF-16 code units, so 🍎 counts 2).
- youtube: 5,000 with full-width characters counted 2: the Data API documents 5,000 bytes for
  ``snippet.description`` and YouTube Studio's limit is reported by Japanese creators as
  全角2,500字・半角5,000字; the less strict reading is taken so a valid description is never blocked.
- tiktok: 4,000 UTF-16 code units, the in-app caption limit (raised from 2,200, which TikTok's
  Content Posting API still enforces for scheduling tools).

Instagram also refuses more than 5 hashtags in a post or reel caption since its December 2025
change (announced by @creators: "gradually update the number of hashtags that you can include in a
caption ... to five"; it had been 30 since 2011): LEN002.

LINE Official Account Manager caps one speech bubble at 500 characters, but a delivery may hold
several bubbles, so only the Messaging API's per-message 5,000 is a hard limit here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from rules.detectors.links import split_host, urls_in
from rules.engine import Context
from rules.model import Category, Severity
from rules.regex import lazy_compile
from rules.registry import Hit, ex, rule

X_LIMIT = 280
X_URL_WEIGHT = 23
INSTAGRAM_MAX_HASHTAGS = 5

PLATFORM_NAMES = {
    "x": "X",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "line": "LINE",
    "youtube": "YouTube",
    "tiktok": "TikTok",
}
# platform -> (limit, how it counts)
LIMITS: dict[str, tuple[int, str]] = {
    "facebook": (63_206, "utf16"),
    "instagram": (2_200, "utf16"),
    "line": (5_000, "utf16"),
    "youtube": (5_000, "width"),
    "tiktok": (4_000, "utf16"),
}
UNIT_NOTES = {
    "x": "日本語などの全角文字・絵文字は2、URLは長さに関係なく23として数えます",
    "utf16": "絵文字など一部の文字は2として数えます",
    "width": "全角文字は2、半角文字は1として数えます",
}

M_LENGTH = "{platform}に投稿できる文字数の上限を超えています（{count}／上限{limit}。{unit}）。"
F_LENGTH = "本文を{over}以上短くするか、投稿を分けてください。"
M_HASHTAGS = "Instagramのハッシュタグは1投稿{limit}個までです（この投稿は{count}個）。"
F_HASHTAGS = "ハッシュタグを{over}個以上減らしてください。"

X_EXACT_BAND = 8
# Code points twitter-text weighs 1 (its v3 "ranges"); everything else weighs 2.
_X_LIGHT_RUN_RE = lazy_compile("[\u0000-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]+")
# Emoji sequences twitter-text counts as one emoji (2): flags, keycaps, and a pictograph with
# variation selectors, skin tones or ZWJ-joined further pictographs. A lone pictograph weighs 2
# in any case.
_PICTO = (
    "[\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21aa\u231a-\u23ff\u24c2\u25aa-\u25fe\u2600-\u27bf"
    "\u2934\u2935\u2b05-\u2b55\u3030\u303d\u3297\u3299\U0001f000-\U0001faff]"
)
_EMOJI_SEQUENCE_RE = lazy_compile(
    "[\U0001f1e6-\U0001f1ff]{2}"
    "|[#*0-9]\ufe0f?\u20e3"
    f"|{_PICTO}(?:\ufe0f|[\U0001f3fb-\U0001f3ff])*(?:\u200d{_PICTO}(?:\ufe0f|[\U0001f3fb-\U0001f3ff])*)*"
)
_DOMAINISH_RE = lazy_compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+", re.IGNORECASE)
_LINK_START_RE = lazy_compile(r"https?://(?:www\.)?|www\.", re.IGNORECASE)
_DOMAIN_IN_PATH_RE = lazy_compile(r"[a-z0-9-]\.[a-z]{2,63}/", re.IGNORECASE)
_SEQUENCE_PART_RE = lazy_compile("[\u200d\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U0001f1e6-\U0001f1ff]")
_HASHTAG_RE = lazy_compile(r"(?<![\w&#])#(?![\d_]+(?!\w))\w+")


def x_weighted_length(text: str, url_spans: Iterable[tuple[int, int]] = ()) -> tuple[int, int]:
    """X's weighted length and the index of the first character beyond 280 (len(text) if none).

    twitter-text's own parser costs about 1 ms per 140 characters (its emoji regex), more than the
    engine's whole budget, so the length is first estimated the same way with cheaper parts: the
    links the shared extractor found count 23, an emoji sequence (ZWJ, skin tone, flag, keycap)
    counts 2, every other code point 1 or 2 by twitter-text's v3 ranges, and any other dot may
    start a link X recognises and we do not. A text clearly within the limit by that bound is
    done; any other is measured by twitter-text itself (exactly), except a text more than twice
    the limit, where the estimate is reported.
    """
    rest = []
    pos = links = uncertain = 0
    for start, end in sorted(url_spans):
        rest.append(text[pos:start])
        span = text[start:end]
        # Links written back to back, or with brackets inside, may be split differently by X.
        starts = len(_LINK_START_RE.findall(span)) + (0 if _LINK_START_RE.match(span) else 1)
        path = span.split("//", 1)[-1].partition("/")[2]
        if starts > 1 or _DOMAIN_IN_PATH_RE.search(path) or "(" in span or ")" in span or "t.co/" in span:
            # Links written back to back, with brackets inside, or on t.co (whose slugs X cuts
            # short) may be split or ended differently by X: bound them by all their characters
            # plus 23 per possible link.
            uncertain += len(span) + X_URL_WEIGHT * starts
        elif "://" not in span:
            # X is stricter about what may precede a link without a scheme; if it declines this
            # one, its characters count instead of 23.
            uncertain += max(0, len(span) - X_URL_WEIGHT)
        pos = max(pos, end)
        links += 1
    rest.append(text[pos:])
    joined = unicodedata.normalize("NFC", "".join(rest).replace("\r\n", "\n"))
    sequences = 0

    def one_emoji(m: re.Match[str]) -> str:
        nonlocal sequences
        sequences += len(m.group()) > 1  # a lone pictograph needs no collapsing, so no margin
        return "\U0001f600"

    # Only joiners, variation selectors, skin tones, keycaps and flags make multi-code-point emoji.
    plain = _EMOJI_SEQUENCE_RE.sub(one_emoji, joined) if _SEQUENCE_PART_RE.search(joined) else joined
    light = sum(map(len, _X_LIGHT_RUN_RE.findall(plain)))  # runs: far fewer matches than characters
    # © and ® lie in the light range but X counts them as emoji (2).
    estimate = 2 * len(plain) - light + plain.count("©") + plain.count("®") + X_URL_WEIGHT * links
    # Where X might read the text differently from us (a link it ends elsewhere, an emoji
    # sequence it does not join), allow a margin; X also reads "readme.md" or "example.com" as a
    # link, which our extractor declines, so each remaining name with a real top-level domain
    # may add up to 23.
    margin = (X_EXACT_BAND if sequences else 0) + uncertain
    if "." in plain:
        margin += X_URL_WEIGHT * sum(1 for m in _DOMAINISH_RE.finditer(plain) if _may_be_link(m.group()))
    if estimate + margin <= X_LIMIT:
        return estimate, len(text)
    if estimate - margin > 2 * X_LIMIT:
        return estimate, _index_of_utf16(text, parse_tweet(text[: X_LIMIT * 2]).validRangeEnd + 1)
    parsed = parse_tweet(text)
    if parsed.weightedLength <= X_LIMIT:
        return parsed.weightedLength, len(text)
    return parsed.weightedLength, _index_of_utf16(text, parsed.validRangeEnd + 1)


def x_surely_fits(text: str) -> bool:
    """Whether X takes the text whatever it reads in it, decided without weighing each character.

    X weighs a code point (of the NFC text) 1 or 2 and an emoji sequence 2 in all, and only a link,
    which needs an ASCII dot in its domain, can weigh more than its characters. Most posts are
    short enough for this bound and need nothing else.
    """
    if 2 * len(text) > X_LIMIT:
        return False
    nfc = unicodedata.normalize("NFC", text)  # which may, rarely, be longer
    return 2 * len(nfc) <= X_LIMIT and "." not in nfc


def _may_be_link(name: str) -> bool:
    """Whether X could read part of a dotted name as a link ("example.co.jp2" holds example.co)."""
    labels = name.lower().split(".")
    for k in range(len(labels), 1, -1):
        last = re.match(r"[a-z]*", labels[k - 1]).group()
        if last and split_host(".".join([*labels[: k - 1], last]))[0]:
            return True
    return False


def parse_tweet(text: str):
    """twitter-text's parser, imported on first use (the import alone takes about 0.4 s)."""
    from twitter_text import parse_tweet as parse

    return parse(text)


def _utf16_units(ch: str) -> int:
    return 2 if ord(ch) > 0xFFFF else 1


def _index_of_utf16(text: str, units: int) -> int:
    count = 0
    for i, ch in enumerate(text):
        if count >= units:
            return i
        count += _utf16_units(ch)
    return len(text)


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("F", "W") else 1


def measured_length(text: str, how: str, limit: int) -> tuple[int, int]:
    """The length as the platform counts it, and the index of the first character past the limit."""
    if how == "utf16":
        # Counted in C; the walk below only when over. A lone surrogate is one unit, as in the walk.
        total = len(text.encode("utf-16-le", "surrogatepass")) // 2
        weigh = _utf16_units
    else:
        total = sum(map(_width, text))
        weigh = _width
    if total <= limit:
        return total, len(text)
    running = 0
    for i, ch in enumerate(text):
        running += weigh(ch)
        if running > limit:
            return total, i
    return total, len(text)


@rule(
    code="LEN001",
    category=Category.LENGTH,
    severity=Severity.BLOCK,
    when=("draft:platform",),
    title="投稿先の文字数の上限超過",
    message=M_LENGTH,
    fix=F_LENGTH,
    matches=[
        ex("お知らせ" * 36, "144 full-width characters weigh 288 on X", platform="x"),
        ex("お" * 129 + " www.pref.aichi.jp", "a 17-character URL still counts 23: 282", platform="x"),
        ex("あ" * 2_201, "over Instagram's 2,200", platform="instagram"),
        ex("🎉" * 2_600, "an emoji is two UTF-16 units: 5,200 on LINE", platform="line"),
        ex("説" * 2_501, "YouTube counts full-width characters twice", platform="youtube"),
    ],
    passes=[
        ex("お知らせ" * 35, "140 full-width characters weigh exactly 280", platform="x"),
        ex("a" * 280, "280 Latin characters", platform="x"),
        ex("詳細 " + "https://www.city.joetsu.niigata.jp/" + "a" * 300, "a long URL still counts 23", platform="x"),
        ex("お知らせ" * 100, "Facebook allows 63,206", platform="facebook"),
        ex("お知らせ" * 100, "no platform: nothing to measure"),
    ],
)
def detect_too_long(ctx: Context) -> Iterable[Hit]:
    """Text longer than the target platform accepts (see the table in the module docstring).

    The platform would refuse the post, or cut it, so it blocks. X weighs characters (CJK double,
    URLs 23), so a Japanese post holds about 140 characters. A draft without a platform, or for a
    platform not listed, is not measured. The finding covers the part past the limit; shorten the
    text or split it into several posts.
    """
    platform = (ctx.draft.platform or "").lower()
    text = ctx.draft.text
    if platform == "x":
        if x_surely_fits(text):
            return
        # X does not normalise: a full-width or zero-width-split link is just characters to it.
        links = [(u.start, u.end) for u in urls_in(ctx.analysis) if not u.evasive]
        count, cut = x_weighted_length(text, links)
        limit, unit = X_LIMIT, UNIT_NOTES["x"]
    elif platform in LIMITS:
        limit, how = LIMITS[platform]
        count, cut = measured_length(text, how, limit)
        unit = UNIT_NOTES[how]
    else:
        return
    if count > limit:
        yield Hit(
            min(cut, len(text) - 1),
            len(text),
            {
                "platform": PLATFORM_NAMES[platform],
                "count": f"{count:,}",
                "limit": f"{limit:,}",
                "over": f"{count - limit:,}",
                "unit": unit,
            },
        )


@rule(
    code="LEN002",
    category=Category.LENGTH,
    severity=Severity.BLOCK,
    when=("text:#",),
    title="Instagramのハッシュタグ数の上限超過",
    message=M_HASHTAGS,
    fix=F_HASHTAGS,
    matches=[
        ex("紅葉が見頃です\n#若葉野市 #紅葉 #秋 #観光 #写真 #絶景", "six hashtags", platform="instagram"),
        ex("#a #b #c #d #e #f #g", "Latin hashtags", platform="instagram"),
        ex("花火大会\n＃花火 ＃夏 ＃祭り ＃夜空 ＃浴衣 ＃若葉野市", "full-width ＃", platform="instagram"),
    ],
    passes=[
        ex("紅葉が見頃です\n#若葉野市 #紅葉 #秋 #観光 #写真", "five is the limit", platform="instagram"),
        ex("#若葉野市 #紅葉 #秋 #観光 #写真 #絶景", "only Instagram limits hashtags", platform="x"),
        ex(
            "受付番号#1 #2 #3 #4 #5 #6 の方はお越しください。", "numbers after # are not hashtags", platform="instagram"
        ),
        ex("問い合わせ先 内線#123、#456 C#入門講座", "extensions and C# are not hashtags", platform="instagram"),
    ],
)
def detect_too_many_hashtags(ctx: Context) -> Iterable[Hit]:
    """More hashtags than Instagram accepts in a caption (five since December 2025).

    Instagram announced on 18 December 2025 that captions of posts and reels hold at most five
    hashtags (the limit had been 30 since 2011); more are refused. Other platforms are not limited
    here. Keep the five that describe the post best.
    """
    if (ctx.draft.platform or "").lower() != "instagram":
        return
    text = ctx.analysis.norm.text
    if text.count("#") <= INSTAGRAM_MAX_HASHTAGS:
        return
    tags = list(_HASHTAG_RE.finditer(text))
    if len(tags) > INSTAGRAM_MAX_HASHTAGS:
        first_extra = tags[INSTAGRAM_MAX_HASHTAGS]
        start, _ = ctx.analysis.norm.to_original(first_extra.start(), first_extra.end())
        _, end = ctx.analysis.norm.to_original(tags[-1].start(), tags[-1].end())
        yield Hit(
            start,
            end,
            {
                "limit": str(INSTAGRAM_MAX_HASHTAGS),
                "count": str(len(tags)),
                "over": str(len(tags) - INSTAGRAM_MAX_HASHTAGS),
            },
        )
