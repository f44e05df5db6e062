"""Illegal acts and their incitement: 違法行為又は違法行為を煽る情報.

Guidelines: towada 4(6), yatsushiro (10)ウ, honjo 3(6)③, joetsu 5(5), tatsuno 3(7)(ウ).

Official accounts name offences every day in order to warn against them, so an offence word is
never a finding by itself. The rules look for *an act plus a cue that recommends or excuses it*
(rules/lexicons/illegal.yml), and let a warning in the same sentence, or a declared offence or
penalty anywhere in the post, cancel the finding.

This module also holds the co-occurrence helpers that the rumor and confidential rules share
(quote spans, patterns with text-wide blockers); they are candidates for rules/lexicon.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from rules.engine import Context
from rules.lexicon import Lexicons, Match
from rules.model import Category, Severity
from rules.registry import Hit, ex, rule
from rules.text import Analysis

# ---------------------------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------------------------

_QUOTES = {"「": "」", "『": "』", "“": "”", "〝": "〟", "《": "》"}
_MAX_QUOTE_CHARS = 200  # an unclosed bracket must not swallow the rest of a long post
_OPENING_RE = re.compile("[" + "".join(_QUOTES) + "]")


def quoted_spans(analysis: Analysis) -> list[tuple[int, int]]:
    """Spans (normalised offsets, brackets included) of text inside Japanese quotation brackets.

    Official posts quote what they refute (「少しなら大丈夫」という油断…, 「決壊する」という書き込み),
    so cue words inside quotes are reported speech, not the account's own voice.
    """
    cached = analysis.__dict__.get("_quoted_spans")
    if cached is not None:
        return cached
    text = analysis.norm.text
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _OPENING_RE.finditer(text):
        i = m.start()
        if i < pos:
            continue  # inside the previous quotation
        j = text.find(_QUOTES[text[i]], i + 1, i + 1 + _MAX_QUOTE_CHARS)
        if j >= 0:
            spans.append((i, j + 1))
            pos = j + 1
    analysis.__dict__["_quoted_spans"] = spans
    return spans


def in_quotes(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


@dataclass(frozen=True, slots=True)
class Cooccurrence:
    pattern_id: str
    start: int  # normalised offsets
    end: int
    sentence: int
    matches: tuple[Match, ...]


def _set_name(set_id: str) -> str:
    return set_id.split(":", 1)[1]


def cooccurrences(
    ctx: Context,
    pattern_ids: Iterable[str],
    *,
    quoted: Iterable[str] = (),
    text_blockers: Iterable[str] = (),
) -> Iterator[Cooccurrence]:
    """Sentence-scoped patterns, with two refinements over ``Lexicons.pattern_hits``.

    ``quoted``: ids of cue sets whose matches inside quotation brackets are ignored (reported
    speech). ``text_blockers``: set ids that cancel every pattern when they occur anywhere in the
    post. A blocker (``none`` set or text blocker) lying inside a cue match is ignored: in
    「注意されない」「犯罪にならない」 the warning word is part of the excuse.
    """
    analysis = ctx.analysis
    found = ctx.lex.matches(analysis)
    patterns = ctx.lex.patterns
    # Most posts have none of the ingredients: only patterns whose first set matched are tried.
    index = _by_first_set(ctx.lex, tuple(pattern_ids))
    candidates = [
        pid for set_id in found if set_id in index for pid, required in index[set_id] if required <= found.keys()
    ]
    if not candidates:
        return
    toks = analysis.tokens
    quotes = quoted_spans(analysis)
    cue_ids = frozenset(quoted)

    def usable(set_id: str) -> list[Match]:
        ms = found.get(set_id, [])
        if quotes and set_id in cue_ids:
            ms = [m for m in ms if not in_quotes(quotes, m.start, m.end)]
        return ms

    cue_spans = [(m.start, m.end) for set_id in cue_ids for m in usable(set_id)]

    def effective(ms: Iterable[Match]) -> list[Match]:
        return [m for m in ms if not any(s <= m.start and m.end <= e for s, e in cue_spans)]

    for set_id in text_blockers:
        if effective(found.get(set_id, [])):
            return

    for pid in candidates:
        p = patterns[pid]
        groups = [usable(s) for s in p.all]
        if not all(groups):
            continue
        blocked = {toks[m.first].sentence for s in p.none for m in effective(found.get(s, []))}
        per_sentence = [{toks[m.first].sentence for m in g} for g in groups]
        common = set.intersection(*per_sentence) - blocked
        for sent in sorted(common):
            chosen = tuple(next(m for m in g if toks[m.first].sentence == sent) for g in groups)
            yield Cooccurrence(
                pattern_id=pid,
                start=min(m.start for m in chosen),
                end=max(m.end for m in chosen),
                sentence=sent,
                matches=chosen,
            )


@cache
def _by_first_set(lex: Lexicons, pattern_ids: tuple[str, ...]) -> dict[str, list[tuple[str, frozenset[str]]]]:
    """Patterns indexed by their first ``all`` set, each with the sets it requires."""
    index: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for pid in pattern_ids:
        p = lex.patterns[pid]
        index.setdefault(p.all[0], []).append((pid, frozenset(p.all)))
    return index


@cache
def _patterns_of(lex: Lexicons, prefix: str, exclude: frozenset[str]) -> tuple[str, ...]:
    return tuple(pid for pid in lex.patterns if pid.startswith(prefix) and pid not in exclude)


_EXCERPT_LIMIT = 80  # characters; a longer sentence is quoted from the matched words only


def sentence_span(analysis: Analysis, sentence: int, start: int, end: int) -> tuple[int, int]:
    """The whole sentence (without a leading 【見出し】 or closing punctuation) when it is short
    enough to quote, else the given span: the approver sees the claim, not two words of it."""
    a, b = analysis.sentence_spans[sentence]
    toks = analysis.tokens
    while b > a + 1 and toks[b - 1].pos[0] in ("補助記号", "空白") and toks[b - 1].pos[1] != "括弧閉":
        b -= 1
    if toks[a].surface == "【":
        close = next((k for k in range(a, b) if toks[k].surface == "】"), None)
        if close is not None and close + 1 < b and toks[close + 1].start <= start:
            a = close + 1
    s, e = toks[a].start, toks[b - 1].end
    if e - s > _EXCERPT_LIMIT or not (s <= start and end <= e):
        return start, end
    return s, e


def phrase_end(analysis: Analysis, matches: Iterable[Match]) -> int:
    """End offset of the phrase containing the last match, taking in its auxiliaries
    (置い → 置いてくる, 捨てれ → 捨てれば), so the excerpt does not stop mid-word."""
    toks = analysis.tokens
    j = max(m.last for m in matches)  # index after the last matched token
    sent = toks[j - 1].sentence
    while (
        j < len(toks)
        and toks[j].sentence == sent
        and (toks[j].pos[0] in ("助動詞", "接尾辞") or toks[j].pos[1] in ("非自立可能", "接続助詞"))
    ):
        j += 1
    return toks[j - 1].end


def patterns_of(ctx: Context, prefix: str, exclude: Iterable[str] = ()) -> tuple[str, ...]:
    """Pattern ids of one lexicon file, in file order (computed once per lexicon set)."""
    return _patterns_of(ctx.lex, prefix, frozenset(exclude))


def one_per_sentence(items: Iterable[Cooccurrence]) -> list[Cooccurrence]:
    """Keep the first co-occurrence of each sentence, so one sentence yields one finding."""
    seen: set[int] = set()
    out = []
    for c in items:
        if c.sentence not in seen:
            seen.add(c.sentence)
            out.append(c)
    return out


# ---------------------------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------------------------

# What each family of patterns is about, in the words the message uses (pattern id prefix -> label).
ACT_LABELS: dict[str, str] = {
    "dumping": "不法投棄",
    "drunk_driving": "飲酒運転",
    "unlicensed": "無免許運転などの違法な運転",
    "traffic": "交通違反",
    "drug": "違法薬物の入手・使用",
    "medicine_resale": "医薬品の無許可販売",
    "piracy": "海賊版・違法ダウンロード（著作権侵害）",
    "trespass": "立入禁止区域への立ち入り",
    "poaching": "密漁・動植物の違法な採取",
    "theft": "窃盗",
    "taking": "他人の物の無断持ち出し（窃盗）",
    "fraud": "詐欺",
    "benefit_fraud": "給付金・手当の不正受給",
    "tax_evasion": "脱税",
    "gambling": "違法な賭博",
    "minors": "20歳未満の飲酒・喫煙やその助長",
    "graffiti": "落書き（器物損壊）",
    "parking": "違法駐車",
    "burning": "ごみの野外焼却（野焼き）",
    "offence_evasion": "違法行為",
}

_CUE_SETS = tuple(
    f"illegal:{name}"
    for name in (
        "cue_permissive",
        "cue_evasion",
        "cue_lure",
        "cue_easy",
        "cue_spot",
        "free_disposal",
        "exhort",
        "incite",
        "gamble_lure",
        "drug_get",
    )
)
_TEXT_BLOCKERS = ("illegal:offence_declared",)


def _act_label(pattern_id: str) -> str:
    name = _set_name(pattern_id)
    for prefix in sorted(ACT_LABELS, key=len, reverse=True):
        if name.startswith(prefix):
            return ACT_LABELS[prefix]
    return "違法行為"


@rule(
    code="ILL001",
    category=Category.ILLEGAL,
    severity=Severity.BLOCK,
    title="違法行為を勧める・容認する表現",
    message=(
        "『{excerpt}』は{act}を勧めたり、問題ないものとして扱ったりしていると受け取られるおそれがあります。"
        "違法行為やそれをあおる情報は発信できません。"
    ),
    fix=(
        "{act}を勧める・容認する表現は削除してください。注意喚起が目的の場合は、"
        "「〜は法律で禁止されています」「〜はやめましょう」のように、違法であることと正しい方法がはっきり伝わる書き方にしてください。"
    ),
    matches=[
        ex("古い冷蔵庫は、夜中に林道の脇へ置いてくればリサイクル料金もかからずお得です。", "dumping without the word"),
        ex("二次会のあとでも、一杯くらいなら車で帰っても平気ですよ。", "drink-driving normalised"),
        ex("病院でもらって余った睡眠薬は、フリマアプリで売ればお小遣いになります。", "prescription-drug resale"),
        ex("関係者以外立入禁止の防波堤も、早朝は見回りがないので入り放題です。", "trespass: no patrol"),
        ex("話題の新作映画、公開中なのにタダで全部ダウンロードできるサイトがあります。", "piracy without 海賊版"),
        ex("バイパスは取り締まりがないので、制限速度は気にしなくて大丈夫です。", "speeding excused"),
        ex("オンラインカジノなら登録だけでボーナスがもらえて、誰でも稼げます。", "illegal gambling advertised"),
        ex("収入を少なめに書いて申請すれば、手当を多くもらえますよ。", "benefit fraud how-to"),
        ex("お祭りの日は、会場前の道路に路駐してもバレないので便利です。", "illegal parking excused"),
    ],
    passes=[
        ex(
            "家電を山林や空き地に捨てるのは不法投棄です。見かけたら市環境課へご連絡ください。",
            "warning naming the offence",
        ),
        ex(
            "忘年会シーズンです。お酒を飲んだら運転せず、タクシーや運転代行を利用しましょう。",
            "drink-driving prevention",
        ),
        ex("「少しなら大丈夫」という油断が飲酒運転につながります。", "quoted excuse refuted"),
        ex("自転車の酒気帯び運転も罰則の対象です。", "penalty notice"),
        ex("若葉野駅前は路上喫煙禁止区域です。違反した場合は過料2,000円の対象となります。", "ordinance notice"),
        ex("医薬品をフリマアプリに出品することは法律で禁止されています。", "resale warning"),
        ex("漫画やアニメの海賊版サイトは利用しないでください。", "piracy warning"),
        ex("普段は立ち入り禁止のダム内部を特別に公開する見学ツアーを開催します。", "official tour of a closed area"),
        ex("子どもも飲める甘酒を、会場で無料でふるまいます。", "甘酒 is not alcohol for this rule"),
        ex("燃やすごみは、収集日の朝8時30分までに集積所へ出しましょう。", "燃やすごみ is a collection category"),
        ex("オンラインカジノで賭博をすることは犯罪です。「海外サイトなら合法」は誤りです。", "gambling warning"),
        ex("職人の技を盗んでみませんか。伝統工芸の体験教室を開きます。", "技を盗む is an idiom"),
    ],
)
def incitement(ctx: Context) -> Iterable[Hit]:
    """Recommending or normalising an illegal act: 違法行為を勧める・容認する表現.

    Flags a sentence where an illegal act, or its ingredients, meets a cue that recommends or
    excuses it: illegal dumping (object + place + act + 安上がり/バレない/〜しましょう), drink and
    unlicensed driving, speeding and signal offences, drugs and resale of prescription medicine,
    piracy (paid works + free + whole/download), trespass into closed areas, poaching, theft,
    fraud and benefit fraud, tax evasion, illegal gambling, alcohol and tobacco for minors,
    graffiti, illegal parking, open burning of waste, and any offence named with a way around
    enforcement. The families and cues are in rules/lexicons/illegal.yml.

    Not flagged: warnings, which official posts publish constantly. A warning word in the
    sentence (やめましょう, しないでください, 注意, 防止, 被害, 危険 …), a declared offence or a
    penalty anywhere in the post (〜は犯罪です, 違反となります, 罰金, 過料, 逮捕 …), or the safe
    alternative (運転代行を利用, ノンアルコール) cancels the pattern; excuses inside 「」 are
    treated as quotations being refuted.

    Write instead: say plainly that the act is illegal and what to do (「家電は販売店か市の回収へ」).
    """
    found = cooccurrences(
        ctx,
        patterns_of(ctx, "illegal:", exclude=("illegal:violence",)),
        quoted=_CUE_SETS,
        text_blockers=_TEXT_BLOCKERS,
    )
    for c in one_per_sentence(found):
        start, end = sentence_span(ctx.analysis, c.sentence, c.start, phrase_end(ctx.analysis, c.matches))
        yield ctx.hit(start, end, act=_act_label(c.pattern_id))


@rule(
    code="ILL002",
    category=Category.ILLEGAL,
    severity=Severity.BLOCK,
    title="暴力をあおる表現",
    message="『{excerpt}』は暴力をあおる表現と受け取られるおそれがあります。暴力行為をあおる情報は発信できません。",
    fix="暴力を勧める表現は削除してください。迷惑行為に困っている場合は、警察や市の担当課への相談を案内してください。",
    matches=[
        ex("夜中に騒ぐ連中は、みんなで殴ってやればいいんです。", "violence urged"),
        ex("ルールを守らない観光客なんか、ぶん殴れ。", "imperative"),
        ex("あの業者は一度痛めつけてやりましょう。", "exhortation"),
    ],
    passes=[
        ex("殴る・蹴るなどの暴力や暴言は、DVにあたります。一人で悩まず相談してください。", "DV awareness"),
        ex("ゴキブリを見つけたら、すぐに殺虫剤で殺しましょう。", "pest control"),
        ex("素材の味を殺さないよう、薄味に仕上げましょう。", "cooking idiom"),
        ex("息を殺して、野鳥の観察を楽しみましょう。", "idiom"),
        ex("暴力は絶対に許しません。被害に遭ったら警察に相談してください。", "warning"),
    ],
)
def violence(ctx: Context) -> Iterable[Hit]:
    """Urging violence against people: 暴行・傷害をあおる表現.

    Flags a violent act (殴る, 痛めつける, 袋叩き, 放火, リンチ …) with an urging form
    (〜してやれ, 〜すればいい, 〜しましょう, みんなで, 〜しても構わない) or in the imperative
    (ぶん殴れ). Not flagged: awareness posts about violence and abuse (暴力, DV, 虐待, 相談,
    被害), warnings, and idioms with objects that are not people (虫を殺す, 味を殺す, 息を殺す).

    Write instead: describe the nuisance and where to report it (警察, 市の担当課).
    """
    seen: set[int] = set()
    for c in cooccurrences(ctx, ["illegal:violence"], quoted=_CUE_SETS, text_blockers=_TEXT_BLOCKERS):
        seen.add(c.sentence)
        yield ctx.hit(*sentence_span(ctx.analysis, c.sentence, c.start, phrase_end(ctx.analysis, c.matches)))
    # An imperative needs no urging word (ぶん殴れ, 殺せ).
    toks = ctx.analysis.tokens
    found = ctx.lex.matches(ctx.analysis)
    blocked = {toks[m.first].sentence for s in ("illegal:warning", "illegal:violence_legit") for m in found.get(s, [])}
    quotes = quoted_spans(ctx.analysis)
    for m in found.get("illegal:violence", []):
        last = toks[m.last - 1]
        sent = last.sentence
        if sent in seen or sent in blocked or not last.conjugation.startswith("命令形"):
            continue
        if in_quotes(quotes, m.start, m.end):
            continue
        seen.add(sent)
        yield ctx.hit(*sentence_span(ctx.analysis, sent, m.start, m.end))
