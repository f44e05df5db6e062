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
