"""Small helpers about one draft that several detector modules share.

* ``per_draft``: work that several rules need (a scan for URLs, the draft's clauses, the people it
  names) is done once per draft and kept on the analysis, so the second rule pays nothing;
* ``once_per_span``: a detector that reaches the same words by two routes reports them once;
* ``first_line_span``: where a finding about the whole draft (its timing, a repeat) is shown;
* ``quoted_tokens`` and ``predicate_hit``: what the voice rules (political, personal_opinion) read
  about a sentence: which words are quoted speech, and a finding that takes in the verb's endings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from rules.registry import Hit
from rules.text import Analysis, Token

if TYPE_CHECKING:
    from rules.engine import Context

T = TypeVar("T")


def per_draft(ctx: Context, key: str, build: Callable[[Context], T]) -> T:
    """``build(ctx)``, computed on the first call for this draft and remembered under ``key``."""
    store = ctx.analysis.__dict__
    if key in store:
        return store[key]
    value = store[key] = build(ctx)
    return value


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
