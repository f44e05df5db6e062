"""Arbitrary Unicode never crashes the engine and every span lies inside the text."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rules import Draft, DraftError, Engine, Settings
from rules.model import PLATFORMS

ENGINE = Engine(Settings())
JST = dt.timezone(dt.timedelta(hours=9))

# Bias towards the characters evasions use: Japanese scripts, full-width forms, zero-width and
# combining marks, digits, URL punctuation.
interesting = st.sampled_from(
    list("あいうアイウｱｲｳﾞﾟ漢字〇一二十百０１２３ＡＢｃ.:/-‐−ー@#\u200b\u200d\ufeff\u0301 \u3000\n（）【】")
)
texts = st.lists(st.one_of(st.characters(), interesting), max_size=300).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=texts,
    platform=st.sampled_from([None, *PLATFORMS]),
    at=st.one_of(st.none(), st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1))),
    recent=st.lists(texts, max_size=3),
)
def test_engine_never_crashes_and_spans_are_inside_the_text(text, platform, at, recent):
    draft = Draft(text=text, platform=platform, at=at.replace(tzinfo=JST) if at else None, recent_posts=tuple(recent))
    try:
        report = ENGINE.screen(draft)
    except DraftError as exc:
        assert str(exc)  # a polite message, not a crash
        return
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.excerpt == text[f.start : f.end]
        assert f.message and f.citation
