"""Spam: the same or nearly the same content posted again on the same account (tatsuno 3(8)).

"Nearly the same" is decided in two steps. First the texts are reduced to a skeleton: NFKC,
lower case, URLs as host and path (tracking parameters such as ``?utm_source=`` dropped),
hashtags removed, and only letters and digits kept, so spacing, punctuation, emoji and hashtags
do not make a copy look new. Two skeletons at least 90% alike (difflib's ratio, reminder phrases
left out) are candidates.
Then the words that differ are compared on Sudachi's normalised forms: a copy is only a copy when
no content word, number or link differs. A different date, time, amount, place or link is an
updated notice and passes, however long the shared text (``11月21日`` → ``11月28日``,
``北部公民館`` → ``中央公民館``). A changed particle, okurigana or polite prefix is not a change
(``下さい`` = ``ください``).

Reminders. A post that repeats an announcement with only reminder words added (``本日開催``,
``【再掲】``, ``いよいよ明日``, ``締め切り間近``) is the usual single reminder, not the repeated
posting the guideline forbids (「同じ内容を繰り返し何度も投稿すること」): it passes while the
account has posted that content once; with two earlier copies it is flagged.

Only the 50 most recent posts are compared; skeletons of recent posts are cached, so screening a
batch of an account's posts does not re-normalise its history for every draft.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rules.detectors._shared import first_line_span
from rules.detectors.links import urls_in
from rules.engine import Context
from rules.model import Category, Severity
from rules.regex import lazy_compile
from rules.registry import Hit, ex, rule
from rules.text import Analysis, Token

NEAR = 0.9
PROBE = 6  # characters per probe; probes are taken every 12 characters of the core
MAX_RECENT = 50
# Parts of speech that carry content; particles, auxiliaries, symbols and prefixes (お, ご) do not.
_CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞", "副詞", "連体詞", "接尾辞", "代名詞"})
_HASHTAG_RE = lazy_compile(r"(?<![\w&#])#\w+")
_NOT_WORD_RE = lazy_compile(r"[\W_]+")  # spacing, punctuation, symbols and emoji
# Words a reminder adds to an announcement it repeats.
_REMINDER_RE = lazy_compile(
    r"本日|今日|きょう|明日|あす|明後日|今夜|今晩|今週末?|当日|いよいよ|愈|まもなく|間もなく|もうすぐ|直ぐ|すぐ|"
    r"再掲|再度|再周知|改めて|あらためて|再|リマインド|締め?切り?|〆切|間近|迫|最終|直前|残り|わずか|"
    r"開催中?|実施中?|受付中|お知らせ|案内|ぜひ|是非|もう|き"
)

# The multi-character reminder phrases, removed from both skeletons before they are compared, so
# that two reminders of one announcement ("【再掲】…", "【締め切り間近】…") line up with it.
_CORE_REMINDER_RE = lazy_compile(
    r"本日|今日|明日|明後日|今夜|今晩|今週末|当日|いよいよ|まもなく|間もなく|もうすぐ|再掲|再度|再周知|改めて|"
    r"リマインド|締め?切り?間近|〆切間近|締め?切り?迫る|最終日|直前|残りわずか|開催中|実施中|受付中|お知らせ"
)

M_SPAM = "{which}と{how}です。{repeat}同じ内容を繰り返し投稿することは、スパム行為にあたります。"
F_SPAM = (
    "同じ内容を改めて投稿する必要があるかご確認ください。内容を更新したお知らせであれば、"
    "変更点（日時・場所など）が分かるように書き直してください。"
)


@dataclass(frozen=True, slots=True)
class _Shape:
    skeleton: str
    core: str  # the skeleton without reminder phrases
    probes: tuple[str, ...]  # short pieces of the core, a cheap first filter
    links: frozenset[str]


def _shape(analysis: Analysis) -> _Shape:
    text = analysis.norm.text
    urls = urls_in(analysis)
    links = frozenset(f"{u.host}{u.path.split('?', 1)[0].split('#', 1)[0].rstrip('/')}" for u in urls)
    for u in reversed(urls):
        text = text[: u.norm_start] + " " + text[u.norm_end :]
    text = _HASHTAG_RE.sub(" ", text).lower()
    skeleton = _NOT_WORD_RE.sub("", text)
    core = _CORE_REMINDER_RE.sub("", skeleton)
    probes = tuple(core[i : i + PROBE] for i in range(0, len(core) - PROBE + 1, 2 * PROBE))
    return _Shape(skeleton + "".join(sorted(links)), core, probes, links)


def _misses_probes(a: _Shape, b: _Shape) -> bool:
    """Fewer than three quarters of a's probes occur in b: b is no near copy of a."""
    return len(a.probes) >= 4 and 4 * sum(p in b.core for p in a.probes) < 3 * len(a.probes)


@lru_cache(maxsize=256)
def _recent_analysis(text: str) -> Analysis:
    """A recent post's analysis, kept only for the few posts that come close to a draft."""
    return Analysis(text)


@lru_cache(maxsize=4096)
def _recent_shape(text: str) -> _Shape:
    # A shape is small; the analysis it is made from (offset maps, and tokens if ever needed) is not
    # kept, so an account's whole history can stay cached.
    return _shape(Analysis(text))


def _content_tokens(analysis: Analysis) -> list[Token]:
    spans = [(u.norm_start, u.norm_end) for u in urls_in(analysis)]
    tags = [(m.start(), m.end()) for m in _HASHTAG_RE.finditer(analysis.norm.text)]
    skip = spans + tags
    return [
        t
        for t in analysis.tokens
        if t.pos[0] in _CONTENT_POS and t.surface.strip() and not any(s <= t.start < e for s, e in skip)
    ]


def _changes(draft: list[Token], recent: list[Token]) -> tuple[bool, bool]:
    """(material, reminder): does any content word differ, beyond reminder words the draft added?"""
    matcher = difflib.SequenceMatcher(None, [t.lemma for t in draft], [t.lemma for t in recent], autojunk=False)
    material = reminder = False
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        added = "".join(t.surface for t in draft[a1:a2])
        removed = "".join(t.surface for t in recent[b1:b2])
        if _REMINDER_RE.search(added):
            reminder = True
        for segment in (added, removed):
            rest = _REMINDER_RE.sub("", segment)
            if any(unicodedata.category(ch)[0] in "LN" for ch in rest):
                material = True
    return material, reminder


@rule(
    code="SPM001",
    category=Category.SPAM,
    severity=Severity.WARN,
    when=("draft:recent",),
    title="同じ内容の繰り返し投稿",
    message=M_SPAM,
    fix=F_SPAM,
    matches=[
        ex(
            "【ごみ出しのお願い】年末年始は収集日が変わります。カレンダーをご確認ください。",
            "identical to the last post",
            recent=["【ごみ出しのお願い】年末年始は収集日が変わります。カレンダーをご確認ください。"],
        ),
        ex(
            "年末年始はごみの収集日が変わります🗑 カレンダーをご確認下さい！ #若葉野市",
            "emoji, hashtag, okurigana and punctuation only",
            recent=["市報をお届けしました。", "年末年始は、ごみの収集日が変わります。カレンダーをご確認ください。"],
        ),
        ex(
            "献血にご協力ください https://www.city.wakabano.lg.jp/kenketsu/?utm_source=x",
            "only a tracking parameter differs",
            recent=["献血にご協力ください https://www.city.wakabano.lg.jp/kenketsu/?utm_source=facebook"],
        ),
        ex(
            "【再掲】もみじ祭りは11月21日（土）に紅葉坂公園で開催します。ぜひお越しください。",
            "a third copy of the same announcement",
            recent=[
                "【締め切り間近】もみじ祭りは11月21日（土）に紅葉坂公園で開催します。ぜひお越しください。",
                "もみじ祭りは11月21日（土）に紅葉坂公園で開催します。ぜひお越しください。",
            ],
        ),
    ],
    passes=[
        ex(
            "もみじ祭りは11月28日（土）に紅葉坂公園で開催します。ぜひお越しください。",
            "a new date is an updated notice",
            recent=["もみじ祭りは11月21日（土）に紅葉坂公園で開催します。ぜひお越しください。"],
        ),
        ex(
            "健康相談を1月15日（木）10時から北部公民館で行います。予約は不要です。お気軽にお越しください。",
            "a different place",
            recent=["健康相談を1月15日（木）10時から中央公民館で行います。予約は不要です。お気軽にお越しください。"],
        ),
        ex(
            "【本日開催】もみじ祭りは11月21日（土）に紅葉坂公園で開催します。ぜひお越しください。",
            "a single reminder on the day",
            recent=["もみじ祭りは11月21日（土）に紅葉坂公園で開催します。ぜひお越しください。"],
        ),
        ex(
            "詳しくは https://www.city.wakabano.lg.jp/kosodate/ をご覧ください。",
            "same words, another page",
            recent=["詳しくは https://www.city.wakabano.lg.jp/kenko/ をご覧ください。"],
        ),
        ex("年末年始はごみの収集日が変わります。", "no recent posts to compare"),
        ex(
            "年末年始はごみの収集日が変わります。",
            "another topic",
            recent=["図書館は12月28日から1月4日まで休館します。"],
        ),
    ],
)
def detect_repeated_post(ctx: Context) -> Iterable[Hit]:
    """The same or nearly the same text as one of the account's recent posts.

    tatsuno 3(8): やらせ行為、スパム行為（同じ内容を繰り返し何度も投稿すること）はしてはいけません.
    Repeated posts bury other notices and look like a hijacked or automated account. See the module
    docstring for what counts as nearly the same, and why a single reminder passes. Post again only
    when something has changed, and say what.
    """
    recent = ctx.draft.recent_posts[:MAX_RECENT]
    if not recent:
        return
    mine = _shape(ctx.analysis)
    if not mine.skeleton:
        return
    draft_tokens: list[Token] | None = None
    copies: list[tuple[int, float]] = []
    reminders: list[tuple[int, float]] = []
    for index, text in enumerate(recent):
        theirs = _recent_shape(text)
        if theirs.skeleton == mine.skeleton:
            copies.append((index, 1.0))
            continue
        if mine.links != theirs.links:
            continue
        shorter, longer = sorted((len(mine.core), len(theirs.core)))
        if not longer or 2 * shorter / (shorter + longer) < NEAR:
            continue
        # A copy with a few local edits still contains most of the draft's probes; unrelated posts
        # of one account contain few. Substring tests run in C, unlike difflib.
        if _misses_probes(mine, theirs) or _misses_probes(theirs, mine):
            continue
        matcher = difflib.SequenceMatcher(None, mine.core, theirs.core, autojunk=False)
        if matcher.quick_ratio() < NEAR or (ratio := matcher.ratio()) < NEAR:
            continue
        if draft_tokens is None:
            draft_tokens = _content_tokens(ctx.analysis)
        material, reminder = _changes(draft_tokens, _content_tokens(_recent_analysis(text)))
        if material:
            continue
        (reminders if reminder else copies).append((index, ratio))
    repeated = len(copies) + len(reminders)
    if not copies and repeated < 2:
        return
    index, ratio = (copies or reminders)[0]
    which = "直前の投稿" if index == 0 else f"{index + 1}件前の投稿"
    how = "同じ内容" if ratio == 1.0 else f"ほぼ同じ内容（一致度{int(ratio * 100)}%）"
    repeat = f"同じ内容の投稿が、直近にすでに{repeated}件あります。" if repeated > 1 else ""
    start, end = first_line_span(ctx.draft.text)
    yield Hit(start, end, {"which": which, "how": how, "repeat": repeat})
