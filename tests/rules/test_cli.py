"""The screening CLI of CONTRACTS.md §2, driven as a user would."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rules import cli
from rules.cli import PARALLEL_MIN_DRAFTS, main

ROOT = Path(__file__).resolve().parents[2]
BLOCKING = "個人番号512987304414の通知カードが置き忘れられていました。"  # passes the My Number check digit
CLEAN = "市立図書館は、12月29日から1月3日まで休館します。"


def run(argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdin=io.BytesIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_text_report_for_a_clean_draft():
    code, out, err = run(["screen"], CLEAN.encode())
    assert code == 0
    assert "判定" in out and "pass" in out
    assert err == ""


def test_block_exits_1_and_json_has_the_contract_fields():
    code, out, _ = run(["screen", "--format", "json"], BLOCKING.encode())
    assert code == 1
    obj = json.loads(out)
    assert obj["verdict"] == "block"
    f = obj["findings"][0]
    assert set(f) == {"rule", "category", "severity", "start", "end", "excerpt", "message", "fix", "citation"}
    assert BLOCKING[f["start"] : f["end"]] == f["excerpt"]


def test_offsets_index_the_original_text_not_the_normalised_one():
    text = "ｘ​ｘ　個人番号　５１２９８７３０４４１４　です"
    _code, out, _ = run(["screen", "--format", "json"], text.encode())
    obj = json.loads(out)
    f = next(f for f in obj["findings"] if f["category"] == "personal_info")
    assert text[f["start"] : f["end"]] == f["excerpt"]
    assert "５１２９" in f["excerpt"]


def test_text_report_shows_excerpt_message_fix_and_citation():
    code, out, _ = run(["screen", "--policy", "joetsu"], BLOCKING.encode())
    assert code == 1
    assert "【" in out and "】" in out
    assert "内容:" in out and "根拠: joetsu" in out


def test_jsonl_keeps_order_reports_bad_lines_and_exits_2():
    lines = [
        json.dumps({"id": "a", "text": CLEAN}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "c", "text": ""}),
        json.dumps({"id": "d", "text": BLOCKING, "platform": "x"}, ensure_ascii=False),
        json.dumps({"id": "e", "text": CLEAN, "platform": "mastodon"}, ensure_ascii=False),
        json.dumps(["not", "an", "object"]),
    ]
    code, out, _ = run(["screen", "--format", "jsonl"], "\n".join(lines).encode())
    rows = [json.loads(x) for x in out.splitlines()]
    assert code == 2
    assert rows[0]["id"] == "a" and rows[0]["verdict"] == "pass"
    assert rows[1] == {"line": 2, "error": rows[1]["error"]} and "JSON" in rows[1]["error"]
    assert rows[2]["line"] == 3
    assert rows[3]["id"] == "d" and rows[3]["verdict"] == "block"
    assert rows[4]["line"] == 5 and "mastodon" in rows[4]["error"]
    assert rows[5]["line"] == 6
    assert len(rows) == 6


def test_jsonl_all_good_exits_0():
    lines = [json.dumps({"id": i, "text": CLEAN}, ensure_ascii=False) for i in range(3)]
    code, out, _ = run(["screen", "--format", "jsonl"], "\n".join(lines).encode())
    assert code == 0
    assert [json.loads(x)["id"] for x in out.splitlines()] == [0, 1, 2]


def test_jsonl_counts_earlier_lines_of_the_same_account_as_recent_posts():
    post = "【お知らせ】市民プールは7月1日から営業を開始します。皆さまのご利用をお待ちしております。"
    lines = [
        json.dumps({"id": 1, "text": post, "account": "city-x"}, ensure_ascii=False),
        json.dumps({"id": 2, "text": post, "account": "other"}, ensure_ascii=False),
        json.dumps({"id": 3, "text": post, "account": "city-x"}, ensure_ascii=False),
    ]
    _, out, _ = run(["screen", "--format", "jsonl"], "\n".join(lines).encode())
    rows = [json.loads(x) for x in out.splitlines()]
    spam = [{f["category"] for f in r["findings"]} for r in rows]
    assert "spam" not in spam[0]
    assert "spam" not in spam[1]
    assert "spam" in spam[2]


@pytest.mark.parametrize(
    ("argv", "stdin", "needle"),
    [
        (["screen"], b"", "空"),
        (["screen"], b"   \n\t ", "空"),
        (["screen"], b"\x00\x01\x02binary", "バイナリ"),
        (["screen"], b"\xff\xfe\xfa", "UTF-8"),
        (["screen", "--policy", "nagoya"], CLEAN.encode(), "nagoya"),
        (["screen", "--platform", "myspace"], CLEAN.encode(), "myspace"),
        (["screen", "--at", "tomorrow"], CLEAN.encode(), "tomorrow"),
        (["screen", "--format", "xml"], CLEAN.encode(), "xml"),
        (["screen", "/no/such/file.txt"], b"", "見つかりません"),
        (["frobnicate"], b"", "コマンド"),
        (["screen"], ("あ" * 100_001).encode(), "長すぎます"),
    ],
)
def test_bad_input_gets_a_japanese_message_and_exit_2(argv, stdin, needle):
    code, _out, err = run(argv, stdin)
    assert code == 2
    assert needle in err
    assert err.startswith("エラー:")
    assert "Traceback" not in err


def test_a_100000_character_draft_is_screened():
    text = ("市民の皆さまへのお知らせです。" * 7000)[:100_000]
    code, out, _ = run(["screen", "--format", "json", "--platform", "x"], text.encode())
    obj = json.loads(out)
    assert code == 1  # far over X's limit
    assert any(f["category"] == "length" for f in obj["findings"])


def test_list_prints_every_rule_with_its_citation():
    code, out, _ = run(["list", "--policy", "joetsu"])
    assert code == 0
    header, *rows = out.splitlines()
    assert header.split("\t") == ["code", "category", "severity", "citation", "title"]
    assert rows
    assert all(len(r.split("\t")) == 5 for r in rows)
    assert all("joetsu" in r.split("\t")[3] or "仕様" in r.split("\t")[3] for r in rows)


def test_module_entry_point_runs_as_a_process(tmp_path: Path):
    draft = tmp_path / "draft.txt"
    draft.write_text(BLOCKING, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "rules", "screen", "--format", "json", str(draft)],
        capture_output=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["verdict"] == "block"


# -- --jobs: the JSONL batch on several processes ----------------------------------------------

AT = "2026-02-02T12:00:00+09:00"  # every draft scheduled: no result depends on the clock
REPEATED = "【お知らせ】市民プールは7月1日から営業を開始します。皆さまのご利用をお待ちしております。"
SENTENCES = [
    "市立図書館は、12月29日から1月3日まで休館します。",
    "お問い合わせは、子育て支援課（電話 0123-45-6789）までお願いします。",
    "詳しくは市のホームページ https://www.city.example.lg.jp/kosodate/ をご覧ください。",
    "ワクチン接種の予約受付は、2026年1月13日（火）午前9時から開始します。",
    "台風の接近に伴い、本日18時に市内6か所の避難所を開設しました。",
]
PLATFORMS = ["x", "facebook", "instagram", "line", "youtube", "tiktok", "X"]


def _batch(drafts: int) -> bytes:
    """JSONL of every kind of line, with at least ``drafts`` lines that will be screened.

    Good drafts on every platform, with and without their own planned time, some for accounts
    that post the same text again (the spam rule must see the account's earlier posts), between
    blank lines, lines that are not JSON, empty texts (which must not join their account's
    history), unknown platforms, unreadable times and an account that is a list.
    """
    lines: list[str] = []
    good = 0
    i = 0
    while good < drafts:
        i += 1
        item: dict[str, object] = {"id": i}
        kind = i % 12
        if kind == 0:
            lines.append("{not json")
            continue
        if kind == 1:
            lines.append("")
            continue
        if kind == 2:
            lines.append(json.dumps({"id": i, "text": "  ", "account": "city-a"}))
            continue
        if kind == 3:
            lines.append(json.dumps({"id": i, "text": CLEAN, "platform": "mastodon"}, ensure_ascii=False))
            continue
        if kind == 4:
            lines.append(
                json.dumps({"id": i, "text": CLEAN, "at": "tomorrow", "account": "city-a"}, ensure_ascii=False)
            )
            continue
        if kind == 5 and i % 7 == 0:
            lines.append(json.dumps({"id": i, "text": CLEAN, "account": ["city-a"]}, ensure_ascii=False))
            continue
        if kind in (5, 6):
            item.update(text=REPEATED, account="city-a" if kind == 5 else 7)
        elif kind == 7:
            item.update(text=BLOCKING)
        else:
            item.update(text=f"{i}件目。" + SENTENCES[i % len(SENTENCES)] + SENTENCES[(i // 5) % len(SENTENCES)])
            if i % 3 == 0:
                item["account"] = "town-b"
        if i % 4 == 0:
            item["platform"] = PLATFORMS[i % len(PLATFORMS)]
        if i % 5 == 0:
            item["at"] = ["2026-01-04T23:30", "2026-03-01T07:00:00+00:00", "2026-12-28T09:00:00+09:00"][i % 3]
        lines.append(json.dumps(item, ensure_ascii=False))
        good += 1
    return "\n".join(lines).encode()


def _children() -> set[int]:
    """This process's child processes, zombies included (Linux)."""
    pids = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == os.getpid():
                pids.add(int(entry.name))
    return pids


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc to find child processes")


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The ``jobs`` of every worker pool the CLI starts."""
    started: list[int] = []
    make_pool = cli._make_pool

    def spy(engine, jobs):
        started.append(jobs)
        return make_pool(engine, jobs)

    monkeypatch.setattr(cli, "_make_pool", spy)
    return started


@pytest.fixture
def no_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(engine, jobs):
        raise AssertionError("no worker process should be started")

    monkeypatch.setattr(cli, "_make_pool", refuse)


@needs_proc
def test_jsonl_on_two_processes_prints_exactly_what_one_prints(pools):
    data = _batch(PARALLEL_MIN_DRAFTS + 40)
    before = _children()
    code2, out2, err2 = run(["screen", "--format", "jsonl", "--at", AT, "--jobs", "2"], data)
    assert pools == [2]
    assert _children() == before  # the workers are gone, and reaped
    code1, out1, err1 = run(["screen", "--format", "jsonl", "--at", AT, "--jobs", "1"], data)
    assert pools == [2]
    assert out2 == out1
    assert (code2, err2) == (code1, err1) == (2, "")

    rows = [json.loads(x) for x in out1.splitlines()]
    assert len(rows) == sum(1 for raw in data.splitlines() if raw.strip())
    errors = " ".join(r["error"] for r in rows if "error" in r)
    for needle in ("JSON として読めません", "空です", "mastodon", "tomorrow", '"account" は文字列か数値'):
        assert needle in errors
    repeated = [r for r in rows if r.get("findings") is not None and r["id"] % 12 in (5, 6)]
    spam = ["spam" in {f["category"] for f in r["findings"]} for r in repeated]
    assert spam[:2] == [False, False]  # the first post of each account
    assert all(spam[2:])
    assert any(r.get("verdict") == "block" for r in rows)


def test_a_batch_below_the_threshold_stays_in_one_process(no_pool):
    data = _batch(PARALLEL_MIN_DRAFTS - 1)  # its bad and blank lines do not count
    code, out, err = run(["screen", "--format", "jsonl", "--at", AT, "--jobs", "2"], data)
    assert code == 2 and err == ""
    assert sum("verdict" in json.loads(x) for x in out.splitlines()) == PARALLEL_MIN_DRAFTS - 1


def test_jobs_1_stays_in_one_process(no_pool):
    code, out, _ = run(["screen", "--format", "jsonl", "--at", AT, "--jobs", "1"], _batch(PARALLEL_MIN_DRAFTS))
    assert code == 2
    assert sum("verdict" in json.loads(x) for x in out.splitlines()) == PARALLEL_MIN_DRAFTS


def test_a_batch_at_the_threshold_uses_every_cpu_by_default(pools, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(cli, "default_jobs", lambda: 2)
    code, out, _ = run(["screen", "--format", "jsonl", "--at", AT], _batch(PARALLEL_MIN_DRAFTS))
    assert pools == [2]
    assert code == 2
    assert sum("verdict" in json.loads(x) for x in out.splitlines()) == PARALLEL_MIN_DRAFTS


def test_the_default_is_the_cpus_this_process_may_use():
    expected = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert cli.default_jobs() == expected >= 1


class _InterruptAfter(io.StringIO):
    """An output on which Ctrl-C is pressed after a few lines."""

    def __init__(self, lines: int):
        super().__init__()
        self.left = lines

    def write(self, text: str) -> int:
        self.left -= 1
        if self.left < 0:
            raise KeyboardInterrupt
        return super().write(text)


@needs_proc
def test_ctrl_c_ends_the_workers(pools):
    before = _children()
    out, err = _InterruptAfter(10), io.StringIO()
    data = _batch(PARALLEL_MIN_DRAFTS * 3)
    code = main(
        ["screen", "--format", "jsonl", "--at", AT, "--jobs", "2"], stdin=io.BytesIO(data), stdout=out, stderr=err
    )
    assert pools == [2]
    assert code == 130 and "中断しました" in err.getvalue()
    assert len(out.getvalue().splitlines()) == 10
    assert _children() == before
    assert cli._worker_engine is None


def test_a_draft_the_engine_refuses_in_a_worker_becomes_its_message():
    from rules.engine import Engine
    from rules.model import Draft

    assert "空" in cli._screen_one(Engine(), Draft(text=" "))
    assert cli._screen_one(Engine(), Draft(text=CLEAN))["verdict"] == "pass"


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5", ""])
@pytest.mark.parametrize("fmt", ["jsonl", "text"])
def test_bad_jobs_get_a_japanese_message_and_exit_2(value, fmt, no_pool):
    code, out, err = run(["screen", "--format", fmt, "--jobs", value], CLEAN.encode())
    assert code == 2 and out == ""
    assert err.startswith("エラー:") and "--jobs には 1 以上の整数を指定してください" in err
    assert f"「{value}」" in err


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_text_and_json_ignore_jobs(fmt, no_pool):
    assert run(["screen", "--format", fmt, "--jobs", "2"], BLOCKING.encode()) == run(
        ["screen", "--format", fmt], BLOCKING.encode()
    )
    code, out, err = run(["screen", "--format", fmt, "--jobs", "8"], CLEAN.encode())
    assert code == 0 and out and err == ""
