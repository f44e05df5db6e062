"""Patterns compiled on first use behave as compiled ones; the engine loads only what a draft needs."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from rules.regex import LazyPattern, _pending, lazy_compile

ROOT = Path(__file__).resolve().parents[2]


def test_a_lazy_pattern_answers_as_the_compiled_one():
    lazy = lazy_compile(r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日", re.ASCII)
    eager = re.compile(r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日", re.ASCII)
    text = "4月1日と12月24日、１月２日"
    assert "_compiled" not in lazy.__dict__  # nothing compiled yet
    assert [m.groupdict() for m in lazy.finditer(text)] == [m.groupdict() for m in eager.finditer(text)]
    assert lazy.search(text).span() == eager.search(text).span()
    assert lazy.match(text, 5).span() == eager.match(text, 5).span()
    assert lazy.fullmatch("4月1日") is not None and lazy.fullmatch("4月1日と") is None
    assert lazy.sub(r"\g<d>/\g<m>", text) == eager.sub(r"\g<d>/\g<m>", text)
    assert lazy.findall(text) == eager.findall(text)
    assert lazy.split(text) == eager.split(text)
    assert (lazy.pattern, lazy.flags, lazy.groups, lazy.groupindex) == (
        eager.pattern,
        eager.flags,
        eager.groups,
        eager.groupindex,
    )
    # After the first use the methods are the compiled pattern's own.
    assert lazy.search.__self__ is lazy.compiled()
    assert "search" in lazy.__dict__


def test_compiling_rebinds_the_module_name_that_held_the_stand_in():
    module: dict = {}
    exec("from rules.regex import lazy_compile\nDATE_RE = lazy_compile('[0-9]+月')\nKEPT = (DATE_RE,)", module)
    stand_in = module["DATE_RE"]
    assert isinstance(stand_in, LazyPattern)
    assert module["DATE_RE"].search("4月").group() == "4月"  # the first use compiles
    assert isinstance(module["DATE_RE"], re.Pattern)
    assert module["DATE_RE"] is stand_in.compiled()
    assert module["KEPT"][0].search("12月").group() == "12月"  # a stand-in kept elsewhere still works
    _pending.remove(stand_in)


def test_an_invalid_pattern_fails_on_first_use():
    bad = lazy_compile("(unclosed")
    try:
        with pytest.raises(re.error):
            bad.search("x")
    finally:
        _pending.remove(bad)  # not one of the rules' patterns


def test_threads_racing_on_a_first_use_get_the_same_answers():
    lazy = lazy_compile(r"[0-9]+")
    results: list[list[str]] = []
    barrier = threading.Barrier(8)

    def use() -> None:
        barrier.wait()
        results.append(lazy.findall("a1b22c333"))

    threads = [threading.Thread(target=use) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [["1", "22", "333"]] * 8


_PROBE = """
import sys
from rules import Draft, Engine
from rules.regex import _pending
libraries = ("phonenumbers", "stdnum.jp.in_")
engine = Engine()
engine.screen(Draft(text="本日は晴天です。"))
plain = sum("_compiled" in p.__dict__ for p in _pending)
loaded = sum(name in sys.modules for name in libraries)
engine.warm_up()
print(len(_pending), plain, sum("_compiled" in p.__dict__ for p in _pending))
print(loaded, sum(name in sys.modules for name in libraries))
"""


def test_the_engine_loads_what_a_draft_needs_and_warm_up_the_rest():
    # A fresh interpreter: this process's other tests have used the patterns already.
    out = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.split()
    total, after_plain_draft, after_warm_up, libraries_plain, libraries_warm = map(int, out)
    assert total > 50  # the rules' module-level patterns are lazy
    assert after_plain_draft < total // 4  # a draft without digits or links needs few of them
    assert after_warm_up == total
    # So are the phone-number and My Number libraries, which warm_up loads.
    assert (libraries_plain, libraries_warm) == (0, 2)


def test_every_rule_pattern_compiles():
    from rules import Engine
    from rules.regex import compile_all

    Engine()  # imports the detectors
    compile_all()
    assert all(isinstance(p.compiled(), re.Pattern) for p in _pending)
