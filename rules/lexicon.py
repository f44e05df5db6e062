"""Lexicons: curated word lists matched on Sudachi's analysis, never on raw substrings.

A lexicon file (``rules/lexicons/<name>.yml``) holds named *sets* of entries and optional
*patterns* (co-occurrence rules over sets). An entry is a phrase written as a person would
write it; at load time it is tokenised with the same Sudachi dictionary and matched against a
draft's token sequence on Sudachi's *normalised form* (so 死んで/死ぬ, 頭おかしい/アタマおかしい,
障がい者/障害者 are one entry). Two prefixes change how an entry matches:

``=``  match the token surfaces instead, folded (katakana→hiragana, ASCII lower case), starting and
       ending on token boundaries: for imperatives (``=黙れ``) and slang whose lemma is too broad.
``~``  a regular expression over the folded text, still aligned to token boundaries; for the few
       formats words cannot express (``~[a-z]+videos``).

An entry may be a mapping with ``term`` plus:
``why``            why it is in the list (required for the sets of words that flag on their own);
``next_not``/``prev_not``  the neighbouring token must not be one of these;
``next_any``/``prev_any``  the neighbouring token must be one of these;
neighbour tests compare a token's lemma or folded surface, or ``#EOS`` (sentence end or text end),
``#BOS``, ``#<pos>`` (any level of the part of speech, e.g. ``#人名``, ``#助詞``).
A match never crosses a sentence boundary.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import yaml

from rules.regex import Need, needs_of
from rules.text import Analysis, Token, analyse_tokens, fold, normalize

# libyaml's loader when available: parsing the lexicons is most of the engine's start-up.
YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LexiconError(ValueError):
    """A lexicon file is malformed; raised at import so a broken list never ships."""


@dataclass(frozen=True, slots=True)
class Entry:
    set_id: str
    term: str
    why: str
    mode: str  # "lemma" | "surface" | "regex"
    key: tuple[str, ...] | str  # lemma sequence, folded surface, or regex source
    next_not: frozenset[str] = frozenset()
    prev_not: frozenset[str] = frozenset()
    next_any: frozenset[str] = frozenset()
    prev_any: frozenset[str] = frozenset()
    weight: float = 1.0
    has_context: bool = field(init=False)  # any neighbour constraint; kept because matching is hot

    def __post_init__(self) -> None:
        object.__setattr__(self, "has_context", bool(self.next_not or self.prev_not or self.next_any or self.prev_any))


class Match(NamedTuple):
    entry: Entry
    first: int  # token index of the first matched token
    last: int  # token index after the last matched token
    start: int  # normalised-text offsets
    end: int


@dataclass(slots=True)
class Pattern:
    """All ``all`` sets must match in one scope (a sentence, or the whole text) and no ``none`` set."""

    pattern_id: str
    why: str
    all: tuple[str, ...]
    none: tuple[str, ...] = ()
    scope: str = "sentence"


@dataclass(slots=True)
class LexiconFile:
    name: str
    sets: dict[str, list[Entry]] = field(default_factory=dict)
    patterns: dict[str, Pattern] = field(default_factory=dict)


_EDGES = frozenset({"#BOS", "#EOS"})


@cache
def _selector_parts(selectors: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """A neighbour constraint split into the words it names and the parts of speech (#名詞) it names."""
    words = frozenset(s for s in selectors if not s.startswith("#"))
    pos = frozenset(s[1:] for s in selectors if s.startswith("#") and s not in _EDGES)
    return words, pos


def _token_matches(tok: Token | None, selectors: frozenset[str], *, edge: str) -> bool:
    """Whether the neighbour ``tok`` (None: the sentence's edge ``#BOS``/``#EOS``) is one the selectors name."""
    if tok is None:
        return edge in selectors
    words, pos = _selector_parts(selectors)
    return tok.lemma in words or tok.fold in words or tok.base in words or not pos.isdisjoint(tok.pos)


def _lemmas_of(phrase: str) -> tuple[str, ...]:
    toks = analyse_tokens(normalize(phrase).text)
    return tuple(t.lemma for t in toks if t.surface.strip())


# A `~` pattern runs on the folded text: katakana and capital letters outside escapes (\\S, \\D) and
# group names are mistakes.
_REGEX_SYNTAX_RE = re.compile(r"\\[A-Za-z]|\(\?P<\w+>|\(\?P=\w+\)")
_UNFOLDED_RE = re.compile("[\u30a1-\u30f6A-Z]+")


def _parse_entry(set_id: str, raw: object, *, where: str) -> Entry:
    if isinstance(raw, str):
        spec: dict = {"term": raw}
    elif isinstance(raw, dict) and "term" in raw:
        spec = dict(raw)
    else:
        raise LexiconError(f"{where}: an entry must be a string or a mapping with 'term': {raw!r}")
    unknown = set(spec) - {"term", "why", "next_not", "prev_not", "next_any", "prev_any", "weight"}
    if unknown:
        raise LexiconError(f"{where}: unknown keys {sorted(unknown)} in entry {spec['term']!r}")
    term = str(spec["term"])
    if not term.strip("=~ "):
        raise LexiconError(f"{where}: empty term")
    if term.startswith("="):
        mode, key = "surface", fold(normalize(term[1:]).text)
    elif term.startswith("~"):
        mode, key = "regex", term[1:]
        try:
            re.compile(key)
        except re.error as exc:
            raise LexiconError(f"{where}: bad regular expression {term!r}: {exc}") from exc
        unfolded = _UNFOLDED_RE.search(_REGEX_SYNTAX_RE.sub("", key))
        if unfolded:
            # The folded text has no katakana and no capitals: such a pattern would never match.
            raise LexiconError(
                f"{where}: write {term!r} folded (hiragana, lower case): {unfolded.group()!r} never matches"
            )
    else:
        mode, key = "lemma", _lemmas_of(term)
        if not key:
            raise LexiconError(f"{where}: {term!r} has no tokens")

    def sel(name: str) -> frozenset[str]:
        values = spec.get(name) or []
        if isinstance(values, str):
            values = [values]
        out = set()
        for v in values:
            v = str(v)
            out.add(v if v.startswith("#") else fold(normalize(v).text))
            if not v.startswith("#"):
                out.update(_lemmas_of(v)[:1])
        return frozenset(out)

    return Entry(
        set_id=set_id,
        term=term,
        why=str(spec.get("why", "")),
        mode=mode,
        key=key,
        next_not=sel("next_not"),
        prev_not=sel("prev_not"),
        next_any=sel("next_any"),
        prev_any=sel("prev_any"),
        weight=float(spec.get("weight", 1.0)),
    )


def _read_source(name: str) -> str:
    path = resources.files("rules").joinpath("lexicons", f"{name}.yml")
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise LexiconError(f"no lexicon named {name!r}") from exc


def _load_file(name: str, source: str | None = None) -> LexiconFile:
    data = yaml.load(_read_source(name) if source is None else source, Loader=YamlLoader)
    if not isinstance(data, dict):
        raise LexiconError(f"{name}.yml: expected a mapping with 'sets' and optional 'patterns'")
    unknown = set(data) - {"sets", "patterns"}
    if unknown:
        raise LexiconError(f"{name}.yml: unknown top-level keys {sorted(unknown)}")
    lex = LexiconFile(name=name)
    for set_name, entries in (data.get("sets") or {}).items():
        set_id = f"{name}:{set_name}"
        if not isinstance(entries, list) or not entries:
            raise LexiconError(f"{name}.yml: set {set_name!r} must be a non-empty list")
        parsed = [_parse_entry(set_id, raw, where=f"{name}.yml:{set_name}") for raw in entries]
        seen: set = set()
        for e in parsed:
            ident = (e.mode, e.key)
            if ident in seen:
                raise LexiconError(f"{name}.yml: set {set_name!r} lists {e.term!r} twice")
            seen.add(ident)
        lex.sets[set_id] = parsed
    for raw in data.get("patterns") or []:
        if not isinstance(raw, dict) or "id" not in raw or "all" not in raw:
            raise LexiconError(f"{name}.yml: a pattern needs 'id' and 'all': {raw!r}")
        unknown = set(raw) - {"id", "why", "all", "none", "scope"}
        if unknown:
            raise LexiconError(f"{name}.yml: pattern {raw['id']!r} has unknown keys {sorted(unknown)}")
        pid = f"{name}:{raw['id']}"
        scope = raw.get("scope", "sentence")
        if scope not in ("sentence", "text"):
            raise LexiconError(f"{name}.yml: pattern {raw['id']!r}: scope must be sentence or text")
        lex.patterns[pid] = Pattern(
            pattern_id=pid,
            why=str(raw.get("why", "")),
            all=tuple(_qualify(name, s) for s in raw["all"]),
            none=tuple(_qualify(name, s) for s in raw.get("none") or ()),
            scope=scope,
        )
    return lex


def _qualify(file_name: str, set_name: str) -> str:
    return set_name if ":" in set_name else f"{file_name}:{set_name}"


# -- compiled cache ------------------------------------------------------------------------------
# Compiling the lexicons (YAML parsing, and Sudachi analysis of every entry) is most of the engine's
# start-up. The compiled entries are kept as JSON in the user's cache directory, under a name derived
# from everything the compilation depends on: the lexicon sources, this module and rules/text.py
# (normalisation), and the Sudachi library and dictionary. Any change compiles afresh; a cache that
# cannot be read or written is simply not used. JSON, not pickle: reading it runs no code.

_ENTRY_FIELDS = ("next_not", "prev_not", "next_any", "prev_any")


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sns-gate"


def _cache_key(sources: dict[str, str]) -> str:
    import sudachipy

    from rules import text as text_module

    digest = hashlib.sha256()
    digest.update(sudachipy.__version__.encode())
    dic = _get_dictionary_file()
    if dic is not None:
        # Its size and header (version, build time, description) identify the dictionary wherever
        # it is installed, so two virtualenvs with the same one share the cache.
        with dic.open("rb") as f:
            digest.update(f"{dic.stat().st_size}:".encode() + f.read(1024))
    for module_file in (__file__, text_module.__file__):
        digest.update(Path(module_file).read_bytes())
    for name in sorted(sources):
        digest.update(name.encode() + b"\0" + sources[name].encode() + b"\0")
    return digest.hexdigest()[:24]


def _get_dictionary_file() -> Path | None:
    try:
        import sudachidict_core
    except ImportError:  # pragma: no cover - a required dependency
        return None
    path = Path(sudachidict_core.__file__).parent / "resources" / "system.dic"
    return path if path.exists() else None


def _to_json(lex: LexiconFile) -> dict:
    return {
        "sets": {
            set_id: [
                [e.term, e.why, e.mode, list(e.key) if e.mode == "lemma" else e.key]
                + [sorted(getattr(e, f)) for f in _ENTRY_FIELDS]
                + [e.weight]
                for e in entries
            ]
            for set_id, entries in lex.sets.items()
        },
        "patterns": [[p.pattern_id, p.why, list(p.all), list(p.none), p.scope] for p in lex.patterns.values()],
    }


def _from_json(name: str, data: dict) -> LexiconFile:
    lex = LexiconFile(name=name)
    for set_id, rows in data["sets"].items():
        lex.sets[set_id] = [
            Entry(
                set_id,
                term,
                why,
                mode,
                tuple(key) if mode == "lemma" else key,
                *(frozenset(v) for v in selectors),
                weight=weight,
            )
            for term, why, mode, key, *selectors, weight in rows
        ]
    for pattern_id, why, all_, none, scope in data["patterns"]:
        lex.patterns[pattern_id] = Pattern(pattern_id, why, tuple(all_), tuple(none), scope)
    return lex


def _compiled_files(names: list[str]) -> dict[str, LexiconFile]:
    sources = {n: _read_source(n) for n in names}
    path = _cache_dir() / f"lexicons-{_cache_key(sources)}.json"
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
        return {n: _from_json(n, cached[n]) for n in names}
    except (OSError, ValueError, KeyError, TypeError):
        pass
    files = {n: _load_file(n, sources[n]) for n in names}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({n: _to_json(f) for n, f in files.items()}, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
        for old in path.parent.glob("lexicons-*.json"):  # compiled from sources that have changed since
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return files


class MatchTable(Mapping[str, list[Match]]):
    """A draft's lexicon matches by set id; only sets with at least one match are in it.

    The token scan records *candidates* (the entry's words stand there); a set's neighbour tests
    run, and its Match objects are made, when the set is first asked for. ``candidate_sets`` is a
    superset of the keys that costs nothing, for rule gates. Iteration lists the sets in the order
    of their first match in the scan.
    """

    __slots__ = ("_candidates", "_done", "_toks")

    def __init__(self, toks: list[Token], candidates: dict[str, list[tuple[int, Entry, int, int]]]):
        self._toks = toks
        self._candidates = candidates
        self._done: dict[str, tuple[int, list[Match]]] = {}

    def candidate_sets(self):
        return self._candidates.keys()

    def _build(self, set_id: str) -> tuple[int, list[Match]]:
        done = self._done.get(set_id)
        if done is None:
            toks = self._toks
            context_ok = Lexicons._context_ok
            first = -1
            out = []
            for seq, e, i, j in self._candidates.get(set_id, ()):
                if not e.has_context or context_ok(e, toks, i, j):
                    if not out:
                        first = seq
                    out.append(Match(e, i, j, toks[i].start, toks[j - 1].end))
            done = self._done[set_id] = (first, out)
        return done

    def __getitem__(self, set_id: str) -> list[Match]:
        found = self._build(set_id)[1]
        if not found:
            raise KeyError(set_id)
        return found

    def get(self, set_id: str, default=None):
        return self._build(set_id)[1] or default

    def __contains__(self, set_id: object) -> bool:
        return isinstance(set_id, str) and bool(self._build(set_id)[1])

    def in_order(self, set_ids: AbstractSet[str]) -> list[str]:
        """Those of ``set_ids`` with a match, in the order of their first match (builds only them)."""
        # Sorted by first match below, so the sets may be met in any order: those with candidates
        # are found by a set intersection in C rather than a lookup each.
        built = [(*self._build(s), s) for s in self._candidates.keys() & set_ids]
        return [s for first, found, s in sorted(built, key=lambda b: b[0]) if found]

    def __iter__(self) -> Iterator[str]:
        return iter(self.in_order(self._candidates.keys()))

    def __len__(self) -> int:
        return len(self.in_order(self._candidates.keys()))


class Lexicons:
    """Every lexicon file, indexed once so a draft is matched in a single pass over its tokens."""

    def __init__(self, names: Iterable[str]):
        self.files = _compiled_files(list(names))
        self.sets: dict[str, list[Entry]] = {}
        self.patterns: dict[str, Pattern] = {}
        for lex in self.files.values():
            self.sets.update(lex.sets)
            self.patterns.update(lex.patterns)
        for p in self.patterns.values():
            for s in (*p.all, *p.none):
                if s not in self.sets:
                    raise LexiconError(f"pattern {p.pattern_id!r} refers to unknown set {s!r}")
        # Entries by their first lemma: (single-token entries, {second lemma: longer entries}), so a
        # token that starts nothing costs one lookup. Longer entries are keyed by two lemmas because
        # common first words (の, を, する) would otherwise bring hundreds of candidates to a token.
        self._by_lemma: dict[str, tuple[list[Entry], dict[str, list[Entry]]]] = {}
        surface_entries: dict[str, list[Entry]] = defaultdict(list)
        regex_entries: list[Entry] = []
        for entries in self.sets.values():
            for e in entries:
                if e.mode == "lemma":
                    single, longer = self._by_lemma.setdefault(e.key[0], ([], {}))
                    if len(e.key) == 1:
                        single.append(e)
                    else:
                        longer.setdefault(e.key[1], []).append(e)
                elif e.mode == "surface":
                    surface_entries[e.key].append(e)
                else:
                    regex_entries.append(e)
        self._surface_entries = dict(surface_entries)
        # A surface key must start and end on token boundaries: matching walks the tokens from each
        # one whose fold begins some key, joining folds while they are still the beginning of a key.
        self._surface_prefixes = frozenset(key[:k] for key in surface_entries for k in range(1, len(key) + 1))
        # Each pattern with the tests a text must pass for it to match (None: none; see
        # rules.regex.needs_of).
        self._regex_entries = [(re.compile(e.key), e, *_split_needs(needs_of(e.key))) for e in regex_entries]

    def set(self, set_id: str) -> list[Entry]:
        return self.sets[set_id]

    # -- matching -----------------------------------------------------------------------------

    def matches(self, analysis: Analysis) -> MatchTable:
        """All entry matches in the draft, grouped by set id (cached on the analysis).

        One pass over the tokens finds where each entry's words stand; the neighbour tests and
        the Match objects of a set are made only when a rule asks for that set.
        """
        cached = analysis.__dict__.get("_lexicon_matches")
        if cached is not None:
            return cached
        toks = analysis.tokens
        found: dict[str, list[tuple[int, Entry, int, int]]] = defaultdict(list)
        order = itertools.count().__next__  # the order candidates are met in, for first-match order
        by_lemma = self._by_lemma
        by_prefix = self._surface_prefixes
        surface_entries = self._surface_entries
        n = len(toks)
        for i, tok in enumerate(toks):
            starting = by_lemma.get(tok.lemma)
            if starting is not None:
                single, longer = starting
                for e in single:
                    found[e.set_id].append((order(), e, i, i + 1))
                multi = longer.get(toks[i + 1].lemma) if longer and i + 1 < n else None
                if multi:
                    for e in multi:
                        seq = e.key
                        j = i + len(seq)
                        if (
                            j > n
                            or toks[j - 1].sentence != tok.sentence
                            or any(toks[i + k].lemma != seq[k] for k in range(2, len(seq)))
                        ):
                            continue
                        found[e.set_id].append((order(), e, i, j))
            acc = tok.fold
            if acc in by_prefix and (acc in surface_entries or (i + 1 < n and acc + toks[i + 1].fold in by_prefix)):
                # A surface key covers whole tokens: walk on while the joined folds still begin
                # some key, and collect the keys met on the way. (Most walks would end at once:
                # the test above makes its first step.)
                met = []
                j = i
                while True:
                    if acc in surface_entries:
                        met.append((acc, j))
                    j += 1
                    if j == n:
                        break
                    acc += toks[j].fold
                    if acc not in by_prefix:
                        break
                for key, last in reversed(met):  # longest first
                    if toks[last].sentence == tok.sentence:
                        for e in surface_entries[key]:
                            found[e.set_id].append((order(), e, i, last + 1))
        if self._regex_entries:
            for e, i, last in _regex_candidates(analysis, self._regex_entries):
                found[e.set_id].append((order(), e, i, last + 1))
        table = MatchTable(toks, found)
        analysis.__dict__["_lexicon_matches"] = table
        return table

    @staticmethod
    def _context_ok(e: Entry, toks: list[Token], i: int, j: int) -> bool:
        sent = toks[i].sentence
        nxt = _neighbour(toks, j, sent)
        prv = _neighbour(toks, i - 1, sent)
        if e.next_not and _token_matches(nxt, e.next_not, edge="#EOS"):
            return False
        if e.prev_not and _token_matches(prv, e.prev_not, edge="#BOS"):
            return False
        if e.next_any and not _token_matches(nxt, e.next_any, edge="#EOS"):
            return False
        return not (e.prev_any and not _token_matches(prv, e.prev_any, edge="#BOS"))

    def find(self, analysis: Analysis, set_id: str) -> list[Match]:
        return self.matches(analysis).get(set_id, [])

    def pattern_hits(self, analysis: Analysis, pattern_id: str) -> Iterator[tuple[int, int, list[Match]]]:
        """Yield (start, end, matches) in normalised offsets for each scope where the pattern holds."""
        p = self.patterns[pattern_id]
        all_matches = self.matches(analysis)
        groups = [all_matches.get(s, []) for s in p.all]
        if not all(groups):
            return
        blockers = [m for s in p.none for m in all_matches.get(s, [])]
        toks = analysis.tokens
        if p.scope == "text":
            if blockers:
                return
            chosen = [g[0] for g in groups]
            yield min(m.start for m in chosen), max(m.end for m in chosen), chosen
            return
        sentences = {toks[m.first].sentence for m in groups[0]}
        blocked = {toks[m.first].sentence for m in blockers}
        for s in sorted(sentences - blocked):
            chosen = []
            for g in groups:
                in_s = [m for m in g if toks[m.first].sentence == s]
                if not in_s:
                    break
                chosen.append(in_s[0])
            else:
                yield min(m.start for m in chosen), max(m.end for m in chosen), chosen


def _split_needs(needs: tuple[Need, ...] | None) -> tuple[tuple[frozenset[str], ...], tuple[Need, ...]]:
    """A pattern's tests as (character sets tested at C speed, the tests that also look for words)."""
    needs = needs or ()
    return tuple(n.chars for n in needs if not n.words), tuple(n for n in needs if n.words)


def _regex_candidates(
    analysis: Analysis,
    entries: list[tuple[re.Pattern[str], Entry, tuple[frozenset[str], ...], tuple[Need, ...]]],
) -> Iterator[tuple[Entry, int, int]]:
    """(entry, first token, last token) of each ``~`` entry's matches that start and end on token
    boundaries within one sentence. A pattern whose required strings (``needs_of``) the draft lacks
    is not run at all: most patterns are ruled out by one C-level ``isdisjoint`` per part."""
    toks = analysis.tokens
    folded = analysis.folded
    chars = set(folded)
    lacks = chars.isdisjoint
    for rx, e, char_sets, word_needs in entries:
        if char_sets and any(map(lacks, char_sets)):
            continue
        if word_needs and not all(need.met(chars, folded) for need in word_needs):
            continue
        for m in rx.finditer(folded):
            # The offset maps are built only for a draft where some pattern matches at all.
            i = analysis.token_starts.get(m.start())
            last = analysis.token_ends.get(m.end())
            if i is not None and last is not None and toks[last].sentence == toks[i].sentence:
                yield e, i, last


def _neighbour(toks: list[Token], k: int, sentence: int) -> Token | None:
    """The token at k if it is in the same sentence and not punctuation-only whitespace."""
    if k < 0 or k >= len(toks):
        return None
    t = toks[k]
    if t.sentence != sentence or (t.pos[0] == "補助記号" and t.pos[1] == "句点"):
        return None
    return t


@cache
def lexicons() -> Lexicons:
    """The process-wide lexicons (every ``*.yml`` under ``rules/lexicons``)."""
    root = resources.files("rules").joinpath("lexicons")
    names = sorted(p.name[: -len(".yml")] for p in root.iterdir() if p.name.endswith(".yml"))
    return Lexicons(names)
