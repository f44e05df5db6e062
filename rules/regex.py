"""Regular expressions compiled on first use.

The detectors declare about ninety patterns at module level. Compiling them all takes 60-80 ms,
about a sixth of the engine's start-up, while a draft needs few of them: most belong to rules that
only run on drafts with digits, links or Latin letters. ``lazy_compile`` defers each to its first use;
``compile_all`` compiles the rest, for ``Engine.warm_up`` in a long-running process.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Iterator, Mapping
from typing import Any

# What the rules call on a pattern; each becomes the compiled pattern's own bound method, so a use
# after the first costs what it would on a pattern compiled at import.
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")

_pending: list[LazyPattern] = []
_pending_lock = threading.Lock()


class LazyPattern:
    """Stands for ``re.compile(pattern, flags)`` and compiles it on first use.

    A method called before the pattern is compiled compiles it. Compiling then rebinds the module
    name that held the stand-in to the compiled pattern, so the module's later uses cost exactly
    what they would have; a stand-in kept elsewhere (in a tuple, say) gets the compiled pattern's
    bound methods set on the instance, where they shadow the class's. There is no ``__getattr__``,
    which would slow every attribute read.
    """

    __slots__ = ("__dict__", "_module", "_source")

    def __init__(self, pattern: str, flags: int = 0, module: dict[str, Any] | None = None):
        self._source = (pattern, flags)
        self._module = module
        with _pending_lock:
            _pending.append(self)

    def compiled(self) -> re.Pattern[str]:
        done = self.__dict__.get("_compiled")
        if done is None:
            # Two threads may both compile on a first use: the same pattern either way.
            done = re.compile(*self._source)
            for name in _METHODS:
                setattr(self, name, getattr(done, name))
            self.__dict__["_compiled"] = done
            if self._module is not None:
                for name, value in list(self._module.items()):
                    if value is self:
                        self._module[name] = done  # one store: atomic for other threads
        return done

    def search(self, *args: Any) -> re.Match[str] | None:
        return self.compiled().search(*args)

    def match(self, *args: Any) -> re.Match[str] | None:
        return self.compiled().match(*args)

    def fullmatch(self, *args: Any) -> re.Match[str] | None:
        return self.compiled().fullmatch(*args)

    def finditer(self, *args: Any) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(*args)

    def findall(self, *args: Any) -> list[Any]:
        return self.compiled().findall(*args)

    def sub(self, *args: Any) -> str:
        return self.compiled().sub(*args)

    def subn(self, *args: Any) -> tuple[str, int]:
        return self.compiled().subn(*args)

    def split(self, *args: Any) -> list[str | Any]:
        return self.compiled().split(*args)

    @property
    def pattern(self) -> str:
        return self._source[0]

    @property
    def flags(self) -> int:
        return self.compiled().flags

    @property
    def groups(self) -> int:
        return self.compiled().groups

    @property
    def groupindex(self) -> Mapping[str, int]:
        return self.compiled().groupindex

    def __repr__(self) -> str:
        return f"lazy_compile({self._source[0]!r}, {self._source[1]!r})"


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done when the pattern is first used.

    Meant for a module-level name (``_DATE_RE = lazy_compile(...)``), which compiling rebinds.
    """
    caller = sys._getframe(1).f_globals
    return LazyPattern(pattern, flags, caller)  # type: ignore[return-value]  # it behaves as one


def compile_all() -> None:
    """Compile every lazy pattern made so far (a process that will screen many drafts)."""
    with _pending_lock:
        pending = list(_pending)
    for p in pending:
        p.compiled()


# --- a prefilter for many patterns run on every draft ------------------------------------------------
# The lexicons hold dozens of `~` patterns, each run over every draft. Most begin with a long
# alternation (知り合い|知人|友人|…), which the regex engine tries at every position of the text:
# such a pattern costs 1-25 µs per post even where it cannot match. Read off the parsed pattern,
# the strings one of which every match contains at some part of it (``required_literals``) give a
# test that rules most drafts out at the cost of a set operation (``Need``).

_MAX_CLASS = 64  # a character class larger than this tells nothing useful


def _parsed(pattern: str):
    try:
        from re import _constants as c
        from re import _parser as parser
    except ImportError:  # pragma: no cover - CPython's private modules moved
        return None, None
    tree = parser.parse(pattern)
    if tree.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None, None  # case-folded or verbose patterns are left as they are
    return tree, c


def _class_chars(av, c) -> set[str] | None:
    chars: set[str] = set()
    for op, value in av:
        if op is c.LITERAL:
            chars.add(chr(value))
        elif op is c.RANGE and value[1] - value[0] < _MAX_CLASS:
            chars.update(map(chr, range(value[0], value[1] + 1)))
        else:
            return None  # NEGATE, CATEGORY (\d, \s), wide ranges
    return chars if len(chars) <= _MAX_CLASS else None


_MAX_WORDS = 8  # hiragana-only strings looked for by substring in one part of a pattern


def _selectivity(strings: set[str]) -> tuple[int, int, int]:
    """How well a set of required strings rules texts out, as ``Need`` tests them: a string with a
    kanji, symbol or Latin letter by that character (rare in Japanese text), a hiragana-only one
    of two characters or more by substring (eight at most), a single hiragana not at all (it is in
    nearly every draft). Among usable sets, fewer substrings and fewer strings are better."""
    words = [t for t in strings if all(map(_hiragana, t))]
    usable = len(words) <= _MAX_WORDS and all(len(t) > 1 for t in words)
    return (1 if usable else 0, -len(words), -len(strings))


def _required(items, c) -> set[str] | None:
    """Strings one of which every match of the sequence contains (the most selective choice)."""
    options = _options(items, c)
    return max(options, key=_selectivity) if options else None


def _options(items, c) -> list[set[str]]:
    """For each part of the sequence that tells one, the strings one of which a match holds there."""
    options: list[set[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            options.append({"".join(run)})
            run = []
        found = _required_item(op, av, c)
        if found:
            options.append(found)
    if run:
        options.append({"".join(run)})
    return options


def _required_item(op, av, c) -> set[str] | None:
    if op is c.SUBPATTERN:
        return _required(av[3], c)
    if op is c.ATOMIC_GROUP:
        return _required(av, c)
    if op is c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            found = _required(branch, c)
            if not found:
                return None
            union |= found
        return union
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _required(av[2], c)
    if op is c.IN:
        return _class_chars(av, c) or None
    return None


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` contains, or None when there are none to tell."""
    tree, c = _parsed(pattern)
    if tree is None:
        return None
    found = _required(tree.data, c)
    if not found:
        return None
    # A string that contains another adds nothing: text holding it holds the other too.
    kept = {s for s in found if not any(o != s and o in s for o in found)}
    return tuple(sorted(kept, key=lambda s: (len(s), s)))


def _hiragana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u309f"


def _telling_char(literal: str) -> str:
    """The first character of a string that is not hiragana (called only for strings that have one)."""
    return next(ch for ch in literal if not _hiragana(ch))


class Need:
    """One part of a pattern's test: a text holds one of some strings there, found by one of their
    characters (a kanji, symbol or Latin letter) or, for hiragana-only strings, by substring."""

    __slots__ = ("chars", "words")

    def __init__(self, strings: set[str]):
        words = {t for t in strings if all(map(_hiragana, t))}
        self.words = tuple(sorted(words))
        self.chars = frozenset(_telling_char(t) for t in strings - words)

    def met(self, chars: set[str], text: str) -> bool:
        """Whether the text (``chars`` its set of characters) may hold one of the strings."""
        return not chars.isdisjoint(self.chars) or any(w in text for w in self.words)


def needs_of(pattern: str) -> tuple[Need, ...] | None:
    """The tests a text must pass for ``pattern`` to match in it: one per part of the pattern that
    requires one of some usable strings (see ``_selectivity``), at most three, the most telling
    first. None: no such test."""
    tree, c = _parsed(pattern)
    if tree is None:
        return None
    usable = [o for o in _options(tree.data, c) if _selectivity(o)[0]]
    usable.sort(key=_selectivity, reverse=True)
    return tuple(Need(o) for o in usable[:3]) or None
