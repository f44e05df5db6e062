"""Generate ``docs/rules.md`` from the registry, so the documentation cannot drift from the code."""

from __future__ import annotations

from rules.engine import Engine
from rules.model import Category, Settings
from rules.policy import PACKS, load_policy
from rules.registry import REGISTRY

HEADER = """# sns-gate のルール一覧

このファイルは `python -m rules docs --output docs/rules.md` で生成されます。手で編集しないでください。
各ルールの「該当する例」「該当しない例」はテストで毎回確認されています。

重大度: `block`（修正しないと承認に進めません）、`warn`（承認者が確認して承認します）、`info`（参考）。
重大度と根拠条項は選んだガイドライン（policy）で決まります。下の表は各ガイドラインでの扱いです。
"""


def render_rules_markdown() -> str:
    Engine(Settings())  # make sure every detector module is imported
    packs = [load_policy(p) for p in PACKS]
    default = load_policy("default")
    out = [HEADER]
    by_category: dict[Category, list] = {}
    for r in REGISTRY:
        by_category.setdefault(r.category, []).append(r)
    for category in Category:
        rules = by_category.get(category, [])
        if not rules:
            continue
        out.append(f"\n## `{category.value}` — {category.label}\n")
        for r in rules:
            out.append(f"\n### {r.code}: {r.title}\n")
            out.append(f"\n{r.doc}\n")
            out.append(f"\n- メッセージ: {r.message}")
            if r.fix:
                out.append(f"\n- 修正案: {r.fix}")
            out.append("\n\n| ガイドライン | 重大度 | 根拠 |\n|---|---|---|")
            for pack in (*packs, default):
                resolved = pack.resolve(r)
                sev, cite = resolved if resolved else ("off", "—")
                out.append(f"\n| {pack.name} | {getattr(sev, 'value', sev)} | {cite} |")
            out.append("\n\n該当する例:\n")
            for e in r.matches:
                out.append(f"\n- 「{_one_line(e.text)}」" + (f" — {e.note}" if e.note else ""))
            out.append("\n\n該当しない例:\n")
            for e in r.passes:
                out.append(f"\n- 「{_one_line(e.text)}」" + (f" — {e.note}" if e.note else ""))
            out.append("\n")
    return "".join(out).rstrip() + "\n"


def _one_line(text: str) -> str:
    return text.replace("\n", "⏎").replace("|", "｜")
