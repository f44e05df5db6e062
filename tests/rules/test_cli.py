"""The screening CLI of CONTRACTS.md §2, driven as a user would."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from rules.cli import main

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
