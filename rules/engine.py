"""The screening engine: a draft in, findings out. No Slack, no database."""

from __future__ import annotations

import datetime as dt
import gc
import zoneinfo
from dataclasses import dataclass
from functools import cached_property

from rules.features import Features, GateIndex
from rules.lexicon import Lexicons, lexicons
from rules.model import Category, Draft, Finding, Report, Settings, Severity, Verdict, verdict_of
from rules.policy import load_policy
from rules.regex import compile_all
from rules.registry import REGISTRY, Hit, Rule
from rules.text import Analysis

MAX_DRAFT_CHARS = 100_000


class DraftError(ValueError):
    """A draft the engine cannot screen; the message is for the user, in Japanese."""


@dataclass
class Context:
    """What a detector sees: the draft, the organisation's settings and the shared analysis."""

    draft: Draft
    settings: Settings
    analysis: Analysis
    lex: Lexicons

    @cached_property
    def tz(self) -> dt.tzinfo:
        return zoneinfo.ZoneInfo(self.settings.timezone)

    @cached_property
    def reference_time(self) -> dt.datetime:
        """The planned posting time in local time, or now when the draft is not scheduled."""
        at = self.draft.at or dt.datetime.now(self.tz)
        if at.tzinfo is None:
            at = at.replace(tzinfo=self.tz)
        return at.astimezone(self.tz)

    def hit(self, start: int, end: int, **detail: str) -> Hit:
        """A hit from *normalised* offsets."""
        o_start, o_end = self.analysis.original_span(start, end)
        return Hit(o_start, o_end, detail)

    def set_hits(self, set_id: str, **detail: str) -> list[Hit]:
        return [self.hit(m.start, m.end, **detail) for m in self.lex.find(self.analysis, set_id)]

    def pattern_hits(self, pattern_id: str, **detail: str) -> list[Hit]:
        return [self.hit(s, e, **detail) for s, e, _ in self.lex.pattern_hits(self.analysis, pattern_id)]


def check_text(text: object) -> None:
    """Raise DraftError when the engine cannot screen ``text`` (the same test ``screen`` makes first)."""
    if not isinstance(text, str):
        raise DraftError("下書きの本文が文字列ではありません。")
    if not text or text.isspace():
        raise DraftError("下書きの本文が空です。投稿する文章を入力してください。")
    if len(text) > MAX_DRAFT_CHARS:
        raise DraftError(
            f"下書きが長すぎます（{len(text):,}文字）。{MAX_DRAFT_CHARS:,}文字以内に分けてお送りください。"
        )
    if "\x00" in text:
        raise DraftError("下書きに文字として読めないデータ（バイナリ）が含まれています。")


def _load_detectors() -> None:
    # Importing the modules registers their rules.
    from rules import detectors  # noqa: F401


# A link, a phone number and a 12-digit number, so that the libraries behind them (tldextract,
# phonenumbers, python-stdnum) are loaded at start-up.
_WARM_UP_TAIL = "詳しくは https://www.city.example.lg.jp/ をご覧ください。電話 0123-45-6789 123456789012"


class Engine:
    """Screens drafts for one organisation. Thread-safe: all per-draft state lives in the Context."""

    def __init__(self, settings: Settings | None = None, *, gates: bool = True):
        _load_detectors()
        self.gates = gates  # False runs every rule on every draft (tests compare the two)
        self.settings = settings or Settings()
        self.policy = load_policy(self.settings.policy)
        self.lex = lexicons()
        self._rules: list[tuple[Rule, Severity, str]] = []
        for r in REGISTRY:
            resolved = self.policy.resolve(r)
            if resolved is not None:
                self._rules.append((r, *resolved))
        self._gates = GateIndex([r.when for r, _, _ in self._rules])

    def warm_up(self, *, freeze: bool = False) -> None:
        """Take the lazy paths once, so the first real draft after start-up is not the slow one.

        A long-running process (the bot) calls this at start-up: Sudachi's first analysis, X's exact
        counter (twitter-text, imported only for a post near the 280 limit, ~0.3 s), the public
        suffix list behind every link check (tldextract, ~0.15 s), the phone-number metadata and
        every rule's regular expressions (compiled on first use otherwise, see ``rules.regex``).
        With ``freeze``, everything loaded so far is then taken out of the garbage collector's view
        (``gc.freeze``) for the rest of the process: full collections no longer rescan the engine's
        start-up objects (about 50 ms every couple of thousand drafts), and forked workers share
        their memory pages. Only the process's own entry point should ask for that.
        """
        self.screen(Draft(text="お知らせです。" * 18 + _WARM_UP_TAIL, platform="x"))
        compile_all()
        if freeze:
            gc.freeze()

    @property
    def rules(self) -> list[tuple[Rule, Severity, str]]:
        return list(self._rules)

    def screen(self, draft: Draft) -> Report:
        text = draft.text
        check_text(text)
        analysis = Analysis(text)
        ctx = Context(draft=draft, settings=self.settings, analysis=analysis, lex=self.lex)
        features = Features(analysis, self.lex, draft) if self.gates else None
        rules = self._rules
        admitted = self._gates.admitted(features) if features is not None else range(len(rules))
        findings: list[Finding] = []
        for k in admitted:
            r, severity, citation = rules[k]
            for hit in r.detect(ctx):
                excerpt = text[hit.start : hit.end]
                findings.append(
                    Finding(
                        rule=r.code,
                        category=r.category,
                        severity=severity,
                        start=hit.start,
                        end=hit.end,
                        excerpt=excerpt,
                        message=r.message.format(excerpt=excerpt, **hit.detail),
                        fix=r.fix.format(excerpt=excerpt, **hit.detail) if r.fix else None,
                        citation=citation,
                    )
                )
        if not findings:
            return _CLEAN  # most drafts: nothing to merge
        kept = _merge(findings)
        return Report(verdict=verdict_of(kept), findings=tuple(kept))


_CLEAN = Report(verdict=Verdict.PASS)

# A link reported for what it is (a shortener, an adult site) is not reported again as merely
# untrusted: one finding per URL, the most specific one.
_SUPERSEDED_BY: dict[Category, frozenset[Category]] = {
    Category.UNTRUSTED_LINK: frozenset({Category.SHORTENER, Category.OBSCENE}),
}


def _merge(findings: list[Finding]) -> list[Finding]:
    """One finding per category and place: overlapping findings of a category keep the strictest."""
    ordered = sorted(findings, key=lambda f: (f.category.value, -f.severity.rank, f.start, f.end))
    kept: list[Finding] = []
    by_category: dict[Category, list[Finding]] = {}
    for f in ordered:
        superseding = _SUPERSEDED_BY.get(f.category)
        if superseding and any(o.category in superseding and f.start < o.end and o.start < f.end for o in findings):
            continue
        same = by_category.setdefault(f.category, [])
        if any(f.start < k.end and k.start < f.end for k in same):
            continue
        same.append(f)
        kept.append(f)
    kept.sort(key=lambda f: (f.start, -f.severity.rank, f.rule))
    return kept


_engines: dict[Settings, Engine] = {}


def engine_for(settings: Settings | None = None) -> Engine:
    settings = settings or Settings()
    eng = _engines.get(settings)
    if eng is None:
        eng = _engines[settings] = Engine(settings)
    return eng


def screen(draft: Draft | str, settings: Settings | None = None) -> Report:
    """Screen one draft with the organisation's settings (cached engine per settings)."""
    if isinstance(draft, str):
        draft = Draft(text=draft)
    return engine_for(settings).screen(draft)
