"""Political neutrality: an official account must not take sides in elections or party politics.

joetsu 5 前提 (公務の公平・中立性) and, in every guideline, 全体の奉仕者 / 公序良俗: a city's
account may tell people *how* to vote, never *whom* to vote for. Naming a party or a politician is
not the problem (「市長が〇〇党の国会議員と意見交換しました」 reports an official duty); the
problem is a **target** (a party, a named candidate, the government of the day, a council group, a
side in a referendum) joined to a **stance** (vote for it or against it, make it win or lose,
support, praise or condemn it, recruit or hand out leaflets for it).

Vocabulary lives in ``rules/lexicons/political.yml``; the structure (which word is the object of
which verb, in what mood) is read here from Sudachi's tokens, once per draft.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

from rules.detectors._shared import LexiconView, once_per_span
from rules.engine import Context
from rules.lexicon import Match
from rules.model import Category, Severity
from rules.registry import Hit, ex, rule
from rules.text import Token

# Tokens that may stand between a target and its case particle: 「共産党の候補者に」, 「三宅候補に」.
# 「自民党政治」「自公政権」: the party's politics or government is the party as a side.
_NP_LINKS = frozenset(
    {"の", "候補", "候補者", "議員", "公認", "推薦", "系", "支部", "さん", "氏", "新人", "現職", "政治", "政権"}
    | {"達", "ら", "様", "皆", "皆さん", "皆様", "方々", "若手"}
    # 「現職市長」「現職の知事」: the office the side holds or seeks.
    | {"市長", "町長", "村長", "区長", "知事", "市議", "県議", "町議", "村議"}
)
# Written for a name the writer leaves out: 「〇〇党」「△△候補」「◯◯党の議員」.
_PLACEHOLDER_CHARS = frozenset("〇○◯●◎△▲▽▼□■◇◆×✕※＊*")
_PLACEHOLDER_HEADS = {"党": "party", "候補": "person", "候補者": "person", "議員": "person", "氏": "person"}
# What may follow a candidate named by position (現職, 対立候補, 新人), directly or after の: a title
# or an outcome of the election (「現職市長」「現職の継続」), not 「現職の警察官」.
_POSITION_TITLES = frozenset(
    {"候補", "候補者", "議員", "市長", "町長", "村長", "区長", "知事", "市議", "県議", "町議", "村議", "氏"}
)
_POSITION_OWNED = frozenset({"継続", "続投", "再選", "当選", "勝利", "三選", "四選", "市政", "県政", "町政", "村政"})
# Particles that narrow a target before its case particle: 「共産党だけは」「木村候補こそ」.
_FOCUS = frozenset({"だけ", "のみ", "ばかり", "さえ", "こそ"})
# The generic camps; in a civics lesson they are roles, not sides (「与党と野党の違い」).
_CAMPS = frozenset({"与党", "野党"})
# Adjectives and adjectival nouns that describe without judging: 「自民党の議員が多い」「〇〇党は未定です」.
_NOT_EVALUATIVE = frozenset(
    {
        "多い", "少ない", "無い", "ない", "近い", "遠い", "新しい", "古い", "早い", "遅い", "長い", "短い",
        "高い", "低い", "大きい", "小さい", "欲しい", "若い", "必要", "不要", "可能", "不可能", "同じ", "同様", "不明",
        "未定", "様々", "色々", "別", "明らか", "確実", "有利", "不利", "大変", "様", "そう", "よう", "みたい",
        "多数", "少数", "同一", "必須", "自由", "有効", "無効", "本当", "一緒", "同時", "当然",
    }
)  # fmt: skip
# What a side says or does, as the topic of a judgment: 「共産党の言っていることは全部うそです」.
_CLAIM_NOUNS = frozenset(
    {
        "事", "こと", "物", "もの", "主張", "政策", "発言", "言い分", "やり方", "姿勢", "対応", "態度",
        "公約", "政治", "考え", "方針", "路線",
    }
)  # fmt: skip
# What a side has or does, as the subject inside a judgment of the side: 「〇〇候補は演説が長すぎて
# 迷惑です」「公約は見通しが甘い」「れいわの新人、話がうまくて」 judge the side; in 「野党が反対し、
# 市民が困っています」 the second subject is someone else.
_ATTRIBUTE_NOUNS = _CLAIM_NOUNS | frozenset(
    {
        "演説", "話", "見通し", "説明", "中身", "裏付け", "根拠", "財源", "能力", "実行力", "行動力",
        "経験", "実績", "人柄", "答弁", "質問", "訴え", "提案", "公約", "考え方", "言葉", "決断力", "熱意",
    }
)  # fmt: skip
# Verbs that may join a backing verb as one stance: 「挑戦を心から歓迎し、応援します」.
_CO_STANCE = frozenset({"歓迎", "共感", "賛同", "尊敬", "評価"})
# 「全く」「何も」: a total negation, as in 「市民の声を全く聞いていない」.
_EMPHATIC_NEGATIVE = frozenset({"全く", "何", "少しも", "一切", "ちっとも", "全然", "まるで", "一向", "ろくに"})
# Verbs of reporting: 「自民党こそ…と訴えました」 reports a speaker's words.
_REPORTING = frozenset({"述べる", "話す", "語る", "訴える", "主張", "強調", "発言", "言う", "挨拶", "説明", "答える"})
# Generic X党 (a party the lexicon does not list) only counts where the text is about politics;
# 「きのこ党とたけのこ党、どっち？」 is a poll about snacks.
_POLITICS_WORDS = frozenset(
    {"政党", "議員", "候補", "候補者", "選挙", "政治", "国会", "比例", "議席", "公約", "衆院", "参院", "政権", "党首"}
)
_NOT_PARTY_BEFORE_TOU = frozenset({"政", "与", "野", "甘", "辛", "悪", "徒", "残", "離", "入", "脱", "結", "全", "各"})
# Nouns for "a person to elect" in 「もっとまともな人を選びましょう」.
_PERSON_NOUNS = frozenset({"人", "候補", "候補者", "議員", "政治家", "方", "代表", "市長", "首長", "リーダー"})
# Nouns that name the judged side again in 「〇〇党は時代遅れの政党です」.
_SIDE_NOUNS = frozenset(
    {"政党", "党", "人", "方", "存在", "候補", "候補者", "議員", "政治家", "リーダー", "集団", "政権", "内閣", "会派"}
)
_POLITICIAN_NOUNS = frozenset({"候補", "候補者", "議員", "政治家", "市長", "首長"})
# Outcomes that lotteries and matches have too: they need an election in the draft and no lottery.
_SHARED_OUTCOMES = frozenset({"当選", "勝利", "必勝", "圧勝", "大勝", "完勝", "躍進", "惨敗", "大敗", "もう一期"})
_LOTTERY_WORDS = frozenset({"抽選", "応募", "プレゼント", "懸賞", "番号", "当選者", "当選番号", "賞品"})
_CONDITIONAL_WORDS = frozenset({"場合", "とき", "時", "方", "いずれ", "どちら", "又は", "または", "か"})
_SIDES = frozenset({"賛成", "反対", "賛成票", "反対票"})
# What the organisation may not declare about a party or candidate. 期待 is left out:
# 「市としても、子育て支援の充実に期待しています」 expects something of a policy, not of a party.
_ORG_SUPPORT = frozenset({"支持", "応援", "推薦", "推す", "賛同"})
# 「自民党が一番多く12議席」 reports a count, it does not praise.
_TALLY_WORDS = frozenset({"議席", "議席数", "得票", "得票数", "得票率", "票数", "数", "割合", "人数"})
_OWNER_LINKS = frozenset({"の", "支部", "後援会", "県連", "議員", "党", "青年部", "女性部", "主催", "による"})
# 「公明党の政策チラシ」「三宅候補の選挙ポスター」
_MATERIAL_LINKS = _OWNER_LINKS | {"政策", "選挙", "公約", "活動", "広報", "政治", "候補", "候補者"}
_NEGATIONS = frozenset({"ない", "ず", "ぬ"})
# 「政権交代が必要です」「首相は退陣すべき」: a slogan stated as a demand.
_DEMAND_WORDS = frozenset({"必要", "べし", "求める", "実現", "目指す", "しかない"})
_PARTICLES_OBJECT = frozenset({"を", "に", "へ"})
_ENTRUST = frozenset({"託する", "任せる", "委ねる"})
# What follows a word that is named rather than demanded: 「政権交代や内閣改造など」「政権交代とは」.
_MENTION = frozenset({"や", "など", "とは", "について", "という", "って"})
_TOPIC = frozenset({"は", "が", "も", "こそ", "って"})

# English words after "vote for" that are not a candidate's name.
_NOT_NAMES_EN = frozenset({"your", "the", "our", "us", "me", "it", "a", "an", "this", "who", "my", "change"})

# The sets each rule starts from: a draft that matches none of a rule's sets cannot trip it, so
# they are also the rules' gates (``when=``).
_VOTE_SETS = ("vote", "choose", "win_lose", "office", "write", "reelect", "become_wish", "vote_en")
_REFERENDUM_SETS = ("referendum",)
# POL002 also judges a party, a government or a candidate by an adjective (「野党はだらしない」), so
# it starts from the targets as well; a generic X党 or a candidate is found through its literal.
_SUPPORT_SETS = ("support", "party_eval", "slogan", "oppose", "party", "regime", "council", "election", "campaign_work")
# Verbs of a relative clause that makes a candidate a party's: 「共産党が推す候補」「自民党の推薦する候補」.
_BACKING = frozenset({"推す", "推薦", "支持", "擁立", "公認", "支援"})
# Nouns a feeling may qualify and still be the writer's judgment: 「大変喜ばしい結果です」.
_ADVERB_NOUNS = frozenset({"絶対", "本当", "確実", "真剣", "大事", "慎重"})
_SERVE = ("遣る", "務める", "続ける", "頑張る", "担う")
_FEELING_NOUNS = frozenset({"結果", "事", "こと", "知らせ", "ニュース", "限り"})
_SUPPORT_LITERALS = ("党", "候補", "選挙")
_PROMOTION_SETS = ("membership", "party_recruit", "campaign_event", "party_material", "recall")


@dataclass(frozen=True, slots=True)
class Target:
    """A party, a named person who can be elected, found as a token span [first, last)."""

    first: int
    last: int
    kind: str  # "party" | "person" | "regime" (政権, 内閣) | "group" (a council group, 会派)
    weak: bool  # a generic X党, 与党・野党 or a name inside quotes: may be a mock election or a lesson


def _counted_votes(toks: list[Token], i: int, m: Match, end: int) -> bool:
    """A tally (18票, 投じられた) rather than a vote being asked for or cast by the writer."""
    for k in range(i, m.last):
        if toks[k].pos[1] == "数詞" and toks[k].lemma != "1" and k + 1 < len(toks) and toks[k + 1].lemma == "票":
            return True
    return any(t.lemma in ("れる", "られる") for t in toks[m.last : min(end, m.last + 3)])


def _first_person(toks: list[Token], i: int, end: int) -> bool:
    s = toks[i].sentence
    a = i
    while a > 0 and toks[a - 1].sentence == s:
        a -= 1
    return any(t.lemma in ("私", "僕", "俺") for t in toks[a:end])


def _is_negated(toks: list[Token], i: int, end: int) -> bool:
    """A negative predicate; 「〜ませんか」 is an invitation, not a negation."""
    for k in range(i, end):
        t = toks[k]
        if t.lemma in _NEGATIONS and t.pos[0] == "助動詞":
            if k + 1 < end and toks[k + 1].surface == "か" and toks[k + 1].pos[1] == "終助詞":
                continue
            return True
    return False


def _mood(toks: list[Token], i: int, end: int) -> str | None:
    """How the clause from token i to the sentence end is meant: 'exhort', 'intent' or None.

    Exhortation is a volitional or imperative form (選ぼう, 勝たせましょう, 頑張れ, 〜してください),
    お願い, or a noun phrase cut off after を (「野党に一票を！」).
    """
    for k in range(i, end):
        t = toks[k]
        conj = t.pos[5]
        if conj.startswith("命令形"):
            return "exhort"
        # でしょう/だろう are conjectures, not invitations.
        if conj.startswith("意志推量形") and t.lemma not in ("です", "だ", "ない"):
            return "exhort"
        if t.lemma in ("願う", "お願い", "御願い"):
            return "exhort"
        if t.lemma in ("積もり", "たい", "べし"):
            return "intent"
        # A hope: 「負けるといいですね」「勝てばいいのに」「当選しますように」.
        if t.lemma == "良い" and k > i and toks[k - 1].surface in ("と", "ば", "たら"):
            return "intent"
        if (
            t.surface == "よう"
            and k > i
            and toks[k - 1].lemma == "ます"
            and k + 1 < end
            and toks[k + 1].surface == "に"
        ):
            return "intent"
        if t.surface == "を" and (k + 1 == end or toks[k + 1].pos[0] in ("補助記号", "空白")):
            return "exhort"
        # 「党員になりませんか」: a negative question is an invitation.
        if t.surface == "か" and t.pos[1] == "終助詞" and k > i and toks[k - 1].lemma == "ず":
            return "exhort"
    # Only a prohibition on this verb: 「勝つためには、不正をしてはいけません」 forbids something else.
    return "prohibit" if _prohibits(toks, i, min(end, i + 6)) else None


def _prohibits(toks: list[Token], i: int, end: int) -> bool:
    """A prohibition: 〜てはいけない, 〜てはならない, 〜てはだめ, 〜するな, 〜させるな, 〜べきではない."""
    for k in range(i, end):
        t = toks[k]
        if (
            t.lemma in ("て", "で")
            and k + 2 < end
            and toks[k + 1].surface == "は"
            and (toks[k + 2].lemma in ("行く", "行ける", "成る", "駄目") or toks[k + 2].surface == "だめ")
        ):
            return True
        # 「許すな」「勝たせるな」: な after a verb's plain form (「いいなと思う」 follows an adjective).
        if (
            t.surface == "な"
            and t.pos[1] == "終助詞"
            and k > i
            and toks[k - 1].pos[5].startswith("終止形")
            and (toks[k - 1].pos[0] == "動詞" or toks[k - 1].lemma in ("せる", "させる", "れる", "られる"))
        ):
            return True
        if t.lemma == "べし" and any(x.lemma in ("ない", "ず") for x in toks[k + 1 : min(end, k + 4)]):
            return True
    return False


def _is_reason(toks: list[Token], k: int, end: int) -> bool:
    """Token k opens a reason: 〜ので, 〜から, 〜なので (の + で)."""
    tok = toks[k]
    return (tok.surface in ("から", "ので") and tok.pos[1] == "接続助詞") or (
        tok.lemma == "の" and tok.pos[1] == "準体助詞" and k + 1 < end and toks[k + 1].surface == "で"
    )


def _past(toks: list[Token], i: int, end: int) -> bool:
    """The clause from token i reports something done: 「ご支援をお願いしました」."""
    return any(t.lemma == "た" and t.pos[0] == "助動詞" for t in toks[i:end])


# What may follow a predicate and leave it the predicate: 困ったものです, 裏切り続けています,
# 悔しくてたまりません, 悔しくて仕方ありません, 何もしてくれない.
_TAIL_WORDS = frozenset(
    {"為る", "出来る", "思う", "感じる", "居る", "成る", "過ぎる", "物", "続ける", "たまる", "呉れる", "仕方", "有る"}
)


def _predicate_tail(toks: list[Token], k: int, end: int, *, reason: bool = False) -> bool:
    """Nothing but endings follow token k-1 to the sentence end: it is the sentence's predicate.

    「困ります」「時代遅れです」「いいなと思いました」「信用できません」 end the sentence; 「うれしそうな顔」,
    「いいか、じっくり考えましょう」 (a question) and 「〜と述べました」 (a report) do not. With
    ``reason``, a clause given as a reason asserts it too: 「嘘ばかりなので、信じないでください」.
    """
    if k < end and toks[k].lemma in ("そう", "げ", "がる"):
        return False
    for i in range(k, end):
        t = toks[i]
        if reason and _is_reason(toks, i, end):
            return True
        if t.surface in ("か", "なら", "ば", "たら", "かどうか"):
            return False
        if t.pos[0] in ("助動詞", "助詞", "補助記号", "空白", "接尾辞"):
            continue
        if t.lemma in _TAIL_WORDS:
            continue
        if t.lemma in _SIDE_NOUNS:  # 「〇〇党は時代遅れの政党です」: the noun is the side again
            continue
        # 「甘いと言わざるを得ません」: a judgment the writer commits to, not a report of words.
        if t.lemma == "言う" and i + 3 < end and toks[i + 1].lemma == "ず" and toks[i + 3].lemma == "得る":
            return _predicate_tail(toks, i + 4, end)
        return False
    return True


def _opinion_tail(toks: list[Token], k: int, end: int) -> bool:
    """The sentence ends at token k, or at an opinion the writer states about what comes before:
    「〜が一番だと市としても考えています」「〜でいいと思う」 (not 「〜と述べました」, a report)."""
    if _predicate_tail(toks, k, end):
        return True
    while k < end and toks[k].pos[0] == "助動詞":
        k += 1
    if k >= end or toks[k].surface != "と" or toks[k].pos[1] != "格助詞":
        return False
    return any(
        toks[i].lemma in ("思う", "考える", "信じる") and _predicate_tail(toks, i + 1, end) for i in range(k + 1, end)
    )


class PoliticalView(LexiconView):
    """What the political rules need about one draft, computed once and shared by the rules.

    A party named in quotes (``quoted``) may be a mock election's.
    """

    family = "political:"

    def lemmas_in(self, s: int, words: frozenset[str]) -> bool:
        a, b = self.a.sentence_spans[s]
        return any(t.lemma in words or t.surface in words for t in self.toks[a:b])

    def election_sentence(self, s: int) -> bool:
        a, b = self.a.sentence_spans[s]
        return any(a <= m.first < b for m in self.hits("election")) or any(
            t.lemma.endswith("選挙") for t in self.toks[a:b]
        )

    def lemmas_anywhere(self, words: tuple[str, ...]) -> bool:
        return any(t.lemma in words for t in self.toks)

    def spaced_after(self, k: int) -> bool:
        """A space follows token k in the author's text, even where the normaliser removed it."""
        toks = self.toks
        if not 0 <= k < len(toks) - 1:
            return False
        a = self.a
        end = a.norm.to_original(toks[k].start, toks[k].end)[1]
        start = a.norm.to_original(toks[k + 1].start, toks[k + 1].end)[0]
        return start > end and a.original[end:start].isspace()

    def sentence_end(self, k: int) -> int:
        return self.bounds(k)[1]

    def names_office(self, s: int) -> bool:
        """Sentence s names an office or the government of a place (市長, 県議会, 市政, 舵取り)."""
        return self.lemmas_in(s, _OFFICE_WORDS) or any(self.toks[o.first].sentence == s for o in self.hits("office"))

    def sentences_of(self, name: str) -> set[int]:
        return {self.toks[m.first].sentence for m in self.hits(name)}

    @cached_property
    def neutral_sentences(self) -> set[int]:
        """Sentences that declare neutrality or state a rule: 「特定の政党を支持するものではありません」,
        「候補者以外の方が電子メールで選挙運動をすることはできません」 (できません about a regulated act;
        「自民党の議員は信用できません」 is an evaluation)."""
        out = self.sentences_of("neutral")
        if self.hits("cannot"):
            out |= self.sentences_of("cannot") & self.sentences_of("regulated_act")
        return out

    @cached_property
    def election(self) -> bool:
        if self.contest and not self.real_election:
            return False
        if self.hits("election") or "選挙" in self.text:
            return True
        # 「三宅候補の当選を」: a named candidate is an election on its own.
        return any(m.entry.term in ("=候補", "=候補者") for m in self.hits("person_title"))

    @cached_property
    def real_election(self) -> bool:
        # 「ゆるキャラ総選挙」 has 総選挙 too; a real election names its office or party politics.
        return any(w in self.text for w in _POLITICS_WORDS) or any(
            m.entry.term not in ("総選挙", "投票", "一票", "票") for m in self.hits("election")
        )

    @cached_property
    def contest(self) -> bool:
        return bool(self.hits("contest"))

    @cached_property
    def civics(self) -> bool:
        return bool(self.hits("civics"))

    @property
    def may_name_party(self) -> bool:
        """Whether ``targets`` can hold a party at all: a party is named, or 党 is written."""
        return bool(self.hits("party")) or "党" in self.text

    @cached_property
    def mandate_sentences(self) -> set[int]:
        """Sentences that hand the town to someone: 「この町の未来を、〇〇さんに託しましょう」 is an
        election appeal even where no election is named."""
        toks = self.toks
        return {
            toks[m.first].sentence
            for m in self.hits("mandate")
            if m.last < len(toks) and toks[m.last].surface == "を" and self.lemmas_in(toks[m.first].sentence, _ENTRUST)
        }

    @cached_property
    def history(self) -> bool:
        return bool(self.hits("history"))

    @cached_property
    def targets(self) -> list[Target]:
        quoted = self.quoted
        out = [
            Target(m.first, m.last, "party", m.first in quoted or m.entry.term in _CAMPS)
            for m in self.hits("party")
            # bare 維新 (weight 0.5) in a post about history is the Meiji Restoration
            if m.entry.weight >= 1 or not self.history
        ]
        out += [Target(m.first, m.last, "regime", m.first in quoted) for m in self.hits("regime")]
        out += self._council_groups()
        toks = self.toks
        # 「あの人に入れるのは」「この人しかいない」: a person pointed at, where votes are in view;
        # 「あの党」 is a party wherever it is written.
        pointed = self.hits("pointed")
        if pointed:
            votes = self.election or any(m.entry.term in ("票", "一票", "投票") for m in self.hits("vote"))
            for m in pointed:
                party = m.entry.term.endswith("党")
                if party or votes:
                    out.append(Target(m.first, m.last, "party" if party else "person", m.first in quoted))
        out += self._positions()
        # Generic X党 needs the 党 that may_name_party looks for.
        generic_party = "党" in self.text and self.real_election and not self.contest
        for k, t in enumerate(toks):
            # 「〇〇党」「△△候補」: a placeholder for the name (Sudachi reads 〇〇 as a numeral, ○○ as symbols).
            head = _PLACEHOLDER_HEADS.get(t.surface)
            # In quotes it is an example of how to write a name: 「「〇〇党」のように政党名を」.
            if head is not None and k > 0 and _is_placeholder(toks[k - 1]) and not self.contest and k not in quoted:
                a = k - 1
                while a > 0 and _is_placeholder(toks[a - 1]) and toks[a - 1].sentence == t.sentence:
                    a -= 1
                out.append(Target(a, k + 1, head, True))
            # Generic X党: 「みらい党」 is 未来 + 党 (suffix).
            if (
                generic_party
                and t.surface == "党"
                and t.pos[0] == "接尾辞"
                and k > 0
                and toks[k - 1].pos[0] == "名詞"
                and toks[k - 1].surface not in _NOT_PARTY_BEFORE_TOU
                and toks[k - 1].sentence == t.sentence
            ):
                out.append(Target(k - 1, k + 1, "party", True))
            # 姓 + 名 without a title: 「三宅隆之に投票」.
            if t.pos[3] == "姓" and k + 1 < len(toks) and toks[k + 1].pos[3] == "名":
                out.append(Target(k, k + 2, "person", k in self.quoted))
        for m in self.hits("person_title"):
            k = m.first
            if k == 0:
                continue
            prev = toks[k - 1]
            if prev.sentence != toks[k].sentence or prev.pos[0] != "名詞":
                continue
            kana_name = len(prev.surface) >= 2 and all("\u3040" <= c <= "\u30ff" for c in prev.surface)
            if prev.pos[1] == "固有名詞" or kana_name:
                out.append(Target(k - 1, m.last, "person", k in self.quoted))
        out.sort(key=lambda x: (x.first, -x.last))
        return out

    def is_position(self, t: Target) -> bool:
        return any(m.first == t.first for m in self.hits("position"))

    def _positions(self) -> list[Target]:
        """Candidates named by position: 「現職への投票」「対立候補には入れません」「若手3人に一票を」.

        Only before a title, an outcome, a count or what the candidate says (「現職市長」「現職の継続」
        「若手3人」「対立候補の公約」), not 「現職の警察官」「新人職員」「若手の皆さん」, nor 「現職の三宅
        市長」, whose name is the target. 新人・若手 and the like need an election named in the draft;
        現職 before a title and 対立候補 are candidates by themselves."""
        found = self.hits("position")
        if not found:
            return []
        # 投票 covers 投票日, 投票所 and 期日前投票, which Sudachi reads as one word each.
        named = (
            "選挙" in self.text
            or "投票" in self.text
            or any(m.entry.term not in ("現職", "一票", "票") for m in self.hits("election"))
        )
        toks = self.toks
        terms = {m.first: m.entry.term for m in found}
        out = []
        for m in found:
            k = m.last
            titled = candidate = m.entry.term.endswith("候補")  # 対立候補
            if k < len(toks) and toks[k].sentence == toks[m.first].sentence:
                owned = toks[k].surface == "の" and k + 1 < len(toks)
                k += owned
                nxt = toks[k]
                if nxt.pos[1] == "固有名詞":
                    continue  # 「現職の三宅市長」: the name is the target
                titled = nxt.lemma in _POSITION_TITLES or (k + 1 < len(toks) and toks[k + 1].surface == "長")
                candidate = candidate or nxt.lemma in ("候補", "候補者")  # 新人候補
                if nxt.pos[0] == "名詞" and not (
                    titled
                    or nxt.lemma in _POSITION_OWNED
                    or k in terms
                    or (owned and nxt.lemma in _ATTRIBUTE_NOUNS)  # 「対立候補の公約は」
                    or (k + 1 < len(toks) and toks[k + 1].surface in ("人", "名"))  # 若手3人
                ):
                    continue  # 「現職の警察官」「新人職員」「若手の皆さん」
            # 「現職町長」「対立候補」「新人候補」 are candidates by themselves; 「新人」「若手」 only where
            # an election is named.
            if named or candidate or (titled and m.entry.term == "現職"):
                out.append(Target(m.first, m.last, "person", m.first in self.quoted))
        return out

    def _council_groups(self) -> list[Target]:
        """Council groups named as such: 「市議会の新風会」「新風会派」 (会 or 会派 after a name)."""
        toks = self.toks
        out = []
        for m in self.hits("council"):
            if m.entry.term == "会派":
                # 「新風会派」: the name is the noun before 会派.
                k = m.first - 1
                if k >= 0 and toks[k].pos[1] in ("普通名詞", "固有名詞") and toks[k].sentence == toks[m.first].sentence:
                    out.append(Target(k, m.last, "group", k in self.quoted))
                continue
            # 「市議会の新風会」: 議会 + の + a name + 会.
            k = m.last
            if k + 2 < len(toks) and toks[k].surface == "の" and toks[k + 2].surface == "会":
                name = toks[k + 1]
                if name.pos[1] in ("普通名詞", "固有名詞") and name.sentence == toks[m.first].sentence:
                    out.append(Target(k + 1, k + 3, "group", k + 1 in self.quoted))
        return out

    def case_after(self, t: Target) -> int:
        """Index of the case or topic particle after the target's phrase, past 「だけ」「こそ」 and owned
        nouns (「共産党の子育て政策を」); the sentence end when there is none."""
        toks = self.toks
        j = self.phrase_end(t)
        end = self.sentence_end(t.first)
        k = j
        while k < min(end, j + 4) and (toks[k].pos[0] in ("名詞", "接尾辞") or toks[k].surface == "の"):
            k += 1
        if k < end and (toks[k].surface in _PARTICLES_OBJECT or toks[k].surface in _TOPIC) and k > j:
            j = k
        while j < end and toks[j].lemma in _FOCUS and toks[j].surface != "こそ":
            j += 1
        return j

    def counts(self, t: Target) -> bool:
        """Whether a target can carry a stance here (mock elections and mascot votes cannot)."""
        if t.weak and self.civics:
            return False
        return not (t.kind == "person" and self.contest and not self.real_election)

    def phrase_end(self, t: Target) -> int:
        """Index after the noun phrase headed by the target (「共産党の候補者」, 「「ひまわり党」」)."""
        toks = self.toks
        j = t.last
        steps = 0
        while j < len(toks) and steps < 4 and toks[j].sentence == toks[t.first].sentence:
            tok = toks[j]
            if tok.pos[1] == "括弧閉" or tok.lemma in _NP_LINKS or tok.pos[1] == "固有名詞":
                j += 1
                steps += 1
                continue
            # 「現職市長」 (市 + 長), 「若手3人」 (a count of candidates)
            if j + 1 < len(toks) and (
                (tok.surface in ("市", "町", "村", "区") and toks[j + 1].surface == "長")
                or (tok.pos[1] == "数詞" and toks[j + 1].surface in ("人", "名"))
            ):
                j += 2
                steps += 1
                continue
            # 「N国みたいな政党」「〇〇党のような政党」: the side named through a likeness.
            if (
                tok.lemma in ("みたい", "様")
                and j + 2 < len(toks)
                and toks[j + 1].surface == "な"
                and toks[j + 2].lemma in _SIDE_NOUNS
            ):
                j += 3
                steps += 1
                continue
            # 「共産党が推す候補」「自民党の推薦する候補者」: the party's candidate.
            if tok.surface in ("が", "の") and j + 2 < len(toks) and toks[j + 1].lemma in _BACKING:
                k = j + 2 if toks[j + 2].lemma != "為る" else j + 3
                if k < len(toks) and toks[k].lemma in ("候補", "候補者", "議員", "人"):
                    j = k + 1
                    steps += 1
                    continue
            break
        return j


def _is_placeholder(tok: Token) -> bool:
    return bool(tok.surface) and all(c in _PLACEHOLDER_CHARS for c in tok.surface)


def _window_has(view: PoliticalView, i: int, width: int, names: tuple[str, ...]) -> Match | None:
    """The first match of one of the sets starting within ``width`` tokens from i, same sentence."""
    s = view.toks[i].sentence if i < len(view.toks) else -1
    best: Match | None = None
    for name in names:
        for m in view.hits(name):
            if i <= m.first < i + width and view.toks[m.first].sentence == s and (best is None or m.first < best.first):
                best = m
    return best


# --- POL001: votes and election outcomes ------------------------------------------------------------


def _vote_calls(ctx: Context, v: PoliticalView) -> Iterator[Hit]:
    toks = v.toks
    # A target that receives a vote: 「野党に一票を」「共産党に入れるつもり」「〇〇党を選ぼう」.
    for t in v.targets:
        if not v.counts(t):
            continue
        j = v.phrase_end(t)
        if j >= len(toks) or toks[j].sentence != toks[t.first].sentence:
            continue
        end = v.sentence_end(j)
        while j + 1 < end and toks[j].lemma in _FOCUS:
            j += 1  # 「共産党だけは」
        particle = toks[j].surface
        m = None
        if particle in ("に", "へ"):
            m = _window_has(v, j + 1, 5, ("vote",))
            if m is not None and _counted_votes(toks, j + 1, m, end):
                m = None  # 「田中議員に18票が投じられました」 reports a council vote
            if (
                m is not None
                and m.last < end
                and (
                    (toks[m.last].surface == "の" and toks[m.last].pos[1] != "準体助詞")
                    or toks[m.last].pos[0] in ("名詞", "接尾辞")
                )
            ):
                m = None  # 「田中さんに投票の流れを説明してもらいました」「〜に投票箱を」: not a vote cast
            if m is None and all(x.pos[0] == "補助記号" for x in toks[j + 1 : end]) and _vote_topic_before(v, t):
                # 「投票は、子育てに力を入れている立憲民主党へ。」: the vote's destination, cut off.
                yield v.hit(ctx, t.first, j + 1)
                continue
            if m is None and particle == "に" and v.election:
                # 「次の総裁選は〇〇さんになってほしい」「〇〇さんに市長になってもらいたい」
                m = _window_has(v, j + 1, 3, ("become_wish",))
                if m is not None and m.first != j + 1 and _window_has(v, j + 1, 1, ("office",)) is None:
                    m = None  # 「田中さんに立会人になってほしい」 asks for a helper, not an office-holder
        elif particle == "を":
            if t.kind == "party" or v.election:
                m = _window_has(v, j + 1, 3, ("choose", "win_lose"))
                # 「田中議員を議長に選びました」 reports a result; a call or an intention is the problem.
                if m is not None and _mood(toks, m.first, end) is None and not _first_person(toks, j, end):
                    m = None
            # 「三宅さんを市長に！」「#山本かずおを県議会へ 地元の声を」: the office, its particle, then
            # nothing up to the end of the phrase (a sentence end, or a space in a post).
            office = _window_has(v, j + 1, 1, ("office",))
            if (
                m is None
                and office is not None
                and office.last + 1 <= end
                and toks[office.last].surface in ("に", "へ")
                and _phrase_ends(v, office.last + 1, end)
            ):
                m = office
        elif particle == "と" and v.election and _mood(toks, j + 1, end) in ("exhort", "intent"):
            # 「比例は『〇〇党』と書いてください」
            m = _window_has(v, j + 1, 2, ("write",))
        elif particle == "名前" and toks[j - 1].surface == "の" and j + 2 < end and toks[j + 1].surface == "を":
            # 「期日前投票で伊藤さんの名前を書いてきました」: the name written on a ballot.
            m = _window_has(v, j + 2, 1, ("write",))
            a = v.bounds(j)[0]
            voting = v.election_sentence(toks[j].sentence) or any("投票" in x.lemma for x in toks[a:end])
            if m is not None and (not voting or _is_negated(toks, m.last, end)):
                m = None
        elif particle in ("は", "も", "こそ"):
            # 「共産党だけは絶対に勝たせてはいけません」: the side as topic of a call or a prohibition.
            if t.kind == "party" or v.election:
                m = _window_has(v, j + 1, 4, ("choose", "win_lose"))
                if m is not None and _mood(toks, m.first, end) not in ("exhort", "prohibit"):
                    m = None
            # 「石井候補は公約を守らない人なので、投票しないでください」
            if m is None:
                m = _reasoned_vote(v, j, end)
            # 「維新の候補は絶対入れない」「〇〇党には入れるつもりです」: the writer's own vote.
            if m is None:
                m = _own_vote(v, j, end)
        if m is not None:
            yield v.hit(ctx, t.first, m.last)
            continue
        # 「投票先は共産党です」「投票先を自民党に決めました」
        before = [x.lemma for x in toks[max(0, t.first - 3) : t.first]]
        # 「比例の投票先は、もちろん〇〇党です」: adverbs may come between, if the side ends the clause.
        b = t.first
        while b > 0 and toks[b - 1].pos[0] in ("副詞", "補助記号") and toks[b - 1].sentence == toks[t.first].sentence:
            b -= 1
        if before[:2] == ["投票", "先"] and before[2:] in (["は"], ["を"], ["も"]):
            yield v.hit(ctx, t.first - 3, t.last)
        elif (
            b < t.first
            and b >= 3
            and [x.lemma for x in toks[b - 3 : b]] in (["投票", "先", "は"], ["投票", "先", "も"])
            and _clause_ends(v, j, end)
        ):
            yield v.hit(ctx, b - 3, t.last)
        elif _answers_vote_question(v, t):
            yield v.hit(ctx, t.first, t.last)

    # Wishing for or working towards a (re-)election or a defeat: 「再選を願っています」「落選させよう」.
    # 再選・三選・続投・落選 are about elections by themselves; 当選・勝利・必勝 also name lotteries
    # and matches, so they need an election in the draft and no lottery.
    lottery = None  # whether the draft is about a lottery, read only for 当選・勝利・必勝
    for m in v.hits("reelect"):
        if m.entry.term in _SHARED_OUTCOMES:
            if lottery is None:
                lottery = any(t.lemma in _LOTTERY_WORDS for t in toks)
            # 「三宅さんの当選」: a named person's win is an election even where the draft names none.
            if lottery or not (v.election or _owned_outcome(v, m)):
                continue
        end = v.sentence_end(m.first)
        # 「#現職続投」: an outcome made a hashtag is a campaign slogan.
        if v.real_election and _in_hashtag(toks, m.first):
            yield v.hit(ctx, m.first, m.last)
            continue
        # 「続投でいいと思う」「現職の県政継続が一番だと考えています」: the outcome preferred.
        if _preferred(toks, m.last, end):
            yield v.hit(ctx, m.first, m.last + 2)
            continue
        tail_wish = _wish_after(v, m.last, end)
        # An exhortation counts only when the outcome is its goal (「当選に向けて頑張ろう」), not in
        # 「当選した方は、証書をお受け取りください」.
        hoped = _hoped(toks, m.last, end)
        mood = _mood(toks, m.last, end) if _is_goal(toks, m.last, end) or hoped else None
        if hoped and mood is None:
            mood = "intent"  # 「もう一期やってほしい」
        if tail_wish is not None or mood in ("exhort", "intent"):
            if _is_negated(toks, m.last, end) and tail_wish is None:
                continue
            last = tail_wish.last if tail_wish is not None else m.last
            yield v.hit(ctx, m.first, last)
        elif _feeling_about(v, m) is not None:
            # 「応援していた候補が当選しました！本当にうれしいです！」
            yield v.hit(ctx, m.first, m.last)
    # Making someone win or lose: 「三宅さんを勝たせましょう」「現職を落とそう」「選挙で勝ちましょう」.
    for m in v.hits("win_lose") if v.election else ():
        end = v.sentence_end(m.first)
        mood = _mood(toks, m.first, end)
        if mood is None and not _hoped_if(v, m, end):
            continue
        # 落とす and 勝つ are everyday words (汚れを落とす, 試合に勝つ); only an election named in the
        # same sentence makes them about votes.
        # A party or government named in the sentence will do too: 「与党の候補が負けるといいですね」.
        s = toks[m.first].sentence
        if m.entry.term in ("落とす", "勝つ", "負ける") and not (
            v.election_sentence(s) or any(t.kind != "person" and toks[t.first].sentence == s for t in v.targets)
        ):
            continue
        yield v.hit(ctx, m.first, m.last)
    # 「公明党の候補です。地域の未来のため、ぜひ一票を！」: a bare vote asked for right after a
    # candidate or party is named (「あなたの一票を」「大切な一票を」 ask only for turnout).
    for m in v.hits("vote"):
        if m.entry.term != "一票" or m.first == 0 or m.last >= len(toks) or toks[m.last].surface != "を":
            continue
        s = toks[m.first].sentence
        end = v.sentence_end(m.first)
        before = toks[m.first - 1]
        if s == 0 or s - 1 in v.neutral_sentences or (before.sentence == s and before.surface in ("の", "な")):
            continue
        if before.sentence == s and before.pos[0] == "形容詞" and before.surface != "清き":
            continue
        if not (_phrase_ends(v, m.last + 1, end) or _mood(toks, m.last, end) == "exhort"):
            continue
        if any(toks[t.first].sentence == s for t in v.targets):
            continue  # the target's own vote call is read above
        if any(
            toks[t.first].sentence == s - 1 and v.counts(t) and t.first not in v.quoted and _is_candidate(v, t)
            for t in v.targets
        ):
            yield v.hit(ctx, m.first, m.last + 1)
    # 「Vote for Ito!」: an English call, with a name after it, where an election is in view.
    for m in v.hits("vote_en") if v.election else ():
        k = m.last
        while k < len(toks) and toks[k].pos[0] == "空白":
            k += 1
        name = toks[k].surface if k < len(toks) else ""
        if name.isascii() and name.isalpha() and name[0].isupper() and name.lower() not in _NOT_NAMES_EN:
            yield v.hit(ctx, m.first, k + 1)
    # Choosing a "better" person: 「もっとまともな人を選びましょう」「違う人に投票しよう」.
    for m in [*v.hits("choose"), *v.hits("vote")]:
        end = v.sentence_end(m.first)
        if _mood(toks, m.last, end) != "exhort" and _mood(toks, m.first, m.last) != "exhort":
            continue
        k = m.first - 1
        if k < 1 or toks[k].surface not in ("を", "に"):
            continue
        noun = toks[k - 1]
        # 「ましな議員を選ぼう」 is about elections by itself; 「まともな人を」 needs an election nearby.
        if noun.lemma not in _PERSON_NOUNS or (noun.lemma not in _POLITICIAN_NOUNS and not v.election):
            continue
        s = noun.sentence
        mod = next(
            (b for b in v.hits("better_choice") if k - 6 <= b.first < k - 1 and toks[b.first].sentence == s),
            None,
        )
        if mod is not None:
            yield v.hit(ctx, mod.first, m.last)


def _owned_outcome(v: PoliticalView, m: Match) -> bool:
    """The outcome is a side's: 「三宅さんの当選」."""
    toks = v.toks
    return any(v.phrase_end(t) == m.first and toks[m.first - 1].surface == "の" for t in v.targets if t.last < m.first)


def _in_hashtag(toks: list[Token], k: int) -> bool:
    """Token k is inside a hashtag: a # before it with no space between (「#現職続投」)."""
    s = toks[k].sentence
    for x in reversed(toks[max(0, k - 6) : k]):
        if x.sentence != s or x.pos[0] == "空白":
            return False
        if x.surface in ("#", "＃"):
            return True
    return False


# Predicates that prefer an outcome: 「続投でいい」「再選が望ましい」「県政継続が一番」.
_PREFERRED = frozenset({"一番", "良い", "ベスト", "最善", "望ましい", "最適", "一択"})


def _preferred(toks: list[Token], k: int, end: int) -> bool:
    """The outcome ending at token k-1 is what the writer prefers: 「続投でいいと思う」."""
    return (
        k + 1 < end
        and toks[k].surface in ("が", "は", "で", "こそ")
        and toks[k + 1].lemma in _PREFERRED
        and not _is_negated(toks, k + 2, end)
        and _opinion_tail(toks, k + 2, end)
    )


def _hoped_if(v: PoliticalView, m: Match, end: int) -> bool:
    """A win or loss as a condition the writer hopes for: 「〇〇候補が勝てば…期待しています」."""
    toks = v.toks
    k = m.last
    while k < end and toks[k].pos[0] == "助動詞":
        k += 1
    if k >= end or toks[k].surface not in ("ば", "たら", "なら"):
        return False
    return any(
        k < w.first < end and not _is_negated(toks, w.last, end) and not _past(toks, w.last, end)
        for w in (*v.hits("wish"), *v.hits("outcome_feeling"))
    )


def _phrase_ends(v: PoliticalView, k: int, end: int) -> bool:
    """Nothing but symbols from token k to the sentence end or to a space (a post's phrase break,
    which the normaliser may have removed between Japanese words: 「#山本かずおを県議会へ 地元の声を」)."""
    return _only_until_break(v, k, end, lambda x: x.pos[0] == "補助記号")


def _only_until_break(v: PoliticalView, k: int, end: int, allowed: Callable[[Token], bool]) -> bool:
    """Only ``allowed`` tokens from token k to the sentence end, or to a space in the post (a white
    space token, or one the normaliser removed)."""
    toks = v.toks
    if v.spaced_after(k - 1):
        return True
    for i in range(k, end):
        x = toks[i]
        if x.pos[0] == "空白":
            return True
        if not allowed(x):
            return False
        if v.spaced_after(i):
            return True
    return True


def _own_vote(v: PoliticalView, j: int, end: int) -> Match | None:
    """After a topic target at j: the writer's vote, refused or intended, as the sentence's
    predicate (「〇〇候補は絶対入れない」「〇〇党は投票するつもりです」), not a report (「投票しませんでした」)."""
    toks = v.toks
    for m in v.hits("vote"):
        if not j < m.first <= j + 8 or m.first >= end:
            continue
        between = toks[j + 1 : m.first]
        # 「絶対に」「本当に」 are adverbs, not a second object.
        if any(
            x.pos[0] == "動詞"
            or (x.surface in ("を", "に", "が", "は") and not (k > 0 and between[k - 1].lemma in _ADVERB_NOUNS))
            for k, x in enumerate(between)
        ):
            return None
        if (m.last < end and toks[m.last].pos[0] in ("名詞", "接尾辞")) or _past(toks, m.last, end):
            return None
        if _mood(toks, m.first, end) in ("exhort", "intent", "prohibit") or _is_negated(toks, m.last, end):
            return m
    return None


def _reasoned_vote(v: PoliticalView, j: int, end: int) -> Match | None:
    """After a topic target at j: a reason (〜ので, 〜から) and then a call to vote or not to vote,
    as in 「石井候補は公約を守らない人なので、投票しないでください」."""
    toks = v.toks
    for k in range(j + 1, end):
        if not _is_reason(toks, k, end):
            continue
        for m in (*v.hits("vote"), *v.hits("choose")):
            if (
                k < m.first < end
                and _mood(toks, m.first, end) in ("exhort", "prohibit")
                and not any(k < o.first < m.first for o in v.targets)
            ):
                return m
        return None
    return None


def _vote_topic_before(v: PoliticalView, t: Target) -> bool:
    """The sentence opens with the vote as its topic (「投票は、」「比例は、」「一票は」) before the target."""
    toks = v.toks
    a = v.a.sentence_spans[toks[t.first].sentence][0]
    for m in (*v.hits("vote"), *v.hits("election")):
        if not a <= m.first < t.first:
            continue
        k = m.last
        while k < t.first and toks[k].pos[0] == "名詞":  # 「比例代表は」
            k += 1
        if k < t.first and toks[k].surface in ("は", "も"):
            return True
    return False


def _answers_vote_question(v: PoliticalView, t: Target) -> bool:
    """「投票先はもう決めました。もちろん公明党です。」: a sentence that is the target alone answers
    the vote named in the sentence before."""
    toks = v.toks
    s = toks[t.first].sentence
    if s == 0:
        return False
    a, b = v.a.sentence_spans[s]
    # Only adverbs and the writer as topic may come first: 「もちろん公明党です」「私は自民党です」.
    if t.first in v.quoted or any(
        x.pos[0] not in ("副詞", "補助記号", "感動詞", "接続詞", "空白")
        and x.lemma not in ("私", "僕", "俺", "自分", "は", "も")
        for x in toks[a : t.first]
    ):
        return False
    if any(x.pos[0] not in ("助動詞", "補助記号", "空白") and x.pos[1] != "終助詞" for x in toks[v.phrase_end(t) : b]):
        return False
    pa, pb = v.a.sentence_spans[s - 1]
    prev = [x.lemma for x in toks[pa:pb]]
    return "一票" in prev or any(prev[i : i + 2] in (["投票", "先"], ["1", "票"]) for i in range(len(prev) - 1))


def _feeling_about(v: PoliticalView, m: Match) -> Match | None:
    """Joy or regret at an outcome, said by the writer in this sentence or the next (「当選しました！
    本当にうれしいです」); a winner's quoted words (「『うれしい』と語りました」) and 「うれしそうな」 are not."""
    toks = v.toks
    s = toks[m.first].sentence
    spans = v.a.sentence_spans
    quoted = v.quoted
    for f in v.hits("outcome_feeling"):
        fs = toks[f.first].sentence
        if f.first < m.last or fs > s + 1 or f.first in quoted:
            continue
        # The feeling is about this outcome only where nothing else is its subject: not in
        # 「再選されました。投票率が低かったのは残念です」.
        start = m.last if fs == s else spans[fs][0]
        tail = f.last + (f.last < spans[fs][1] and toks[f.last].lemma in _FEELING_NOUNS)
        if _predicate_tail(toks, tail, spans[fs][1]) and not _other_subject(toks, start, f.first):
            return f
    return None


def _hoped(toks: list[Token], k: int, end: int) -> bool:
    """The outcome at k-1 is hoped for: 「当選しますように」「圧勝するといいですね」「勝てばいいのに」."""
    j = k
    # 「もう一期やってほしい」「続投してほしい」: the outcome, a verb of serving, then a wish.
    while j < min(end, k + 5) and toks[j].lemma in ("為る", "れる", "られる", "せる", "させる", "ます", "て", *_SERVE):
        j += 1
    if j > k and j < end and toks[j].lemma == "欲しい" and toks[j - 1].lemma == "て":
        return True
    if j == k or j + 1 >= end:
        return False
    nxt = (toks[j].surface, toks[j + 1].surface)
    if toks[j].lemma in ("頂く", "貰う") and toks[j + 1].lemma == "たい":
        return True  # 「続投していただきたい」
    return nxt == ("よう", "に") or (nxt[0] in ("と", "ば", "たら") and toks[j + 1].lemma == "良い")


def _is_goal(toks: list[Token], k: int, end: int) -> bool:
    """The outcome word at k-1 is aimed at: 〜を, 〜に向けて, 〜のために, 〜するよう."""
    nxt = [t.lemma for t in toks[k : min(end, k + 3)]]
    if not nxt:
        return False
    if nxt[0] in ("を", "に", "へ") or nxt[:2] == ["の", "為"]:
        return True
    return nxt[0] == "為る" and len(nxt) > 1 and nxt[1] in ("よう", "為", "様")


def _wish_after(v: PoliticalView, k: int, end: int) -> Match | None:
    """A wish directly about the outcome: 「再選を心から願っています」, not 「再選を果たした市長に
    期待の声」 where another verb intervenes."""
    through_verb = False  # 「当選してほしい」: only ほしい may follow the verb
    for j in range(k, min(end, k + 5)):
        for w in v.hits("wish"):
            if w.first == j:
                return None if through_verb and w.entry.term != "欲しい" else w
        if v.toks[j].pos[0] in ("動詞", "形容詞"):
            if v.toks[j].lemma in ("為る", "れる", "られる"):
                through_verb = True
                continue
            return None
    return None


def _referendum_sides(ctx: Context, v: PoliticalView) -> Iterator[Hit]:
    """「住民投票では反対に一票を」: campaigning for one side of a referendum."""
    toks = v.toks
    for s, (a, b) in enumerate(v.a.sentence_spans):
        sides = [k for k in range(a, b) if toks[k].lemma in _SIDES]
        if not sides or len({toks[k].lemma for k in sides}) > 1:
            continue  # 「賛成・反対のいずれかを」 names both sides: instructions
        if v.lemmas_in(s, _CONDITIONAL_WORDS):
            continue
        k = sides[0]
        vote = _window_has(v, k + 1, 5, ("vote",))
        mood = _mood(toks, k + 1, b)
        if vote is not None or mood == "exhort":
            yield v.hit(ctx, k, vote.last if vote is not None else k + 1)


@rule(
    code="POL001",
    category=Category.POLITICAL,
    severity=Severity.BLOCK,
    when=PoliticalView.gate(*_VOTE_SETS, *_REFERENDUM_SETS),
    title="特定の政党・候補者への投票の呼びかけ・投票意向",
    message=(
        "『{excerpt}』は、特定の政党・候補者（または住民投票の一方の側）への投票を呼びかけたり、"
        "選挙の勝敗に働きかけたりする表現です。公式アカウントは政治的に中立である必要があり、"
        "選挙運動と受け取られる発信はできません。"
    ),
    fix=(
        "この表現を削除してください。選挙について発信する場合は、投票日・投票所・期日前投票の期間など、"
        "どの政党・候補者にも偏らない事務的な情報だけにしてください。"
    ),
    matches=[
        ex("今度の参院選は、与党に清き一票をお願いします！", "陣営への投票依頼"),
        ex("比例代表は日本維新の会に入れようと思っています。", "職員の投票意向"),
        ex("市議選では、みんなで佐々木さんを当選させましょう！", "候補者を勝たせる呼びかけ"),
        ex("現職の再選を職員一同お祈りしております。", "再選の祈念"),
        ex("次の町長選では、もう少しまともな候補者を選びましょう。", "現職への反対を含む選択の呼びかけ"),
        ex("住民投票では、合併に反対の一票を投じましょう。", "住民投票の一方の側への投票呼びかけ"),
        ex("国民民主党の候補は、何があっても当選させてはなりません。", "禁止の形で落選を働きかける"),
        ex("佐藤候補は説明責任を果たさない人だから、選ばないようにしましょう。", "理由を挙げた投票しない呼びかけ"),
        ex("比例の一票はもう決めてあります。当然、社民党！", "前の文の投票先に政党名だけで答える"),
        ex("次の党首選は、山本さんになってほしいと思っています。", "特定の人が選ばれることを望む"),
        ex("与党候補の大勝を祈っています。", "選挙での大勝の祈念"),
        ex("市議選で応援していた候補者が当選！本当にうれしいです。", "選挙結果への喜び"),
        ex("市議選では、現職への一票をお願いします。", "立場で指した候補者（現職）への投票依頼"),
        ex("比例代表は、ぜひ〇〇党へ！", "伏せ字の政党名を投票先に挙げる"),
        ex("#鈴木たかしを国会へ みんなの声を届けよう", "ハッシュタグの「〇〇を国会へ」（空白で区切られた標語）"),
        ex("#現職再選 #知事選", "ハッシュタグにした選挙の結果"),
        ex("〇〇党推薦の候補が勝てば、県の補助金が増えそうで楽しみです。", "勝敗を条件にした期待"),
        ex("公明党の候補です。地域の未来のため、ぜひ一票を！", "前の文で名指した候補者への一票の依頼"),
        ex("Vote for Tanaka! 市長選は来週です。", "英語での投票の呼びかけ"),
        ex("期日前投票で、立憲民主党の候補の名前を書いてきました。", "投票用紙に書いた名前の公表"),
    ],
    passes=[
        ex("7月20日（日）は参議院議員通常選挙の投票日です。投票時間は午前7時から午後8時までです。", "投票日の案内"),
        ex(
            "期日前投票は、7月4日から19日まで市役所本庁舎1階で行えます。投票所入場券をお持ちください。",
            "期日前投票の案内",
        ),
        ex("あなたの大切な一票を、必ず投票所へ。投票に行きましょう！", "対象のない投票参加の呼びかけ"),
        ex("候補者の政策をよく比べて、納得できる人を選びましょう。", "中立な選び方の啓発（比較・評価の含みがない）"),
        ex("市長選挙の結果、三宅隆之氏が再選されました。投票率は45.2％でした。", "選挙結果の事実報告"),
        ex(
            "住民投票の投票用紙には、賛成の場合は「○」を、反対の場合は「×」を記入してください。",
            "住民投票の記入方法（条件付きの説明）",
        ),
        ex("ご当地キャラ総選挙、わかばちゃんへの投票をお願いします！", "マスコットの人気投票は選挙ではない"),
        ex(
            "【主権者教育】模擬選挙で、生徒たちは架空の「ひまわり党」と「あおぞら党」の公約を比べ、一票を投じました。",
            "模擬選挙の架空政党",
        ),
        ex("抽選で当選された方には、記念品をお送りします。当選をお祈りしています。", "抽選の当選"),
        ex("宝くじの抽選で当選しますように！売り場には長い列ができていました。", "抽選の当選を願う"),
        ex("再選された三宅市長は「身の引き締まる思いで、うれしいです」と語りました。", "当選者の言葉の引用"),
        ex("田中さんには、投票立会人になってほしいとお願いしました。", "選挙事務の依頼（公職ではない）"),
        ex("比例代表の投票は、政党名で。", "記入方法の案内（政党名を挙げていない）"),
        ex("投票所内では、ほかの人の投票をのぞいてはいけません。", "投票所での禁止事項"),
        ex("比例代表選挙では、「〇〇党」のように政党名を書いてください。", "記入例の伏せ字（かぎかっこの中）"),
        ex("市長選挙は、現職と新人の一騎打ちとなりました。", "候補者の立場の事実報告"),
        ex("候補者の政策を比べましょう。あなたの一票を！", "対象のない投票参加の呼びかけ"),
        ex("三宅市長が期日前投票で一票を投じました。皆さんもぜひ一票を！", "市長の投票の報告と投票参加の呼びかけ"),
        ex("#プレゼント #当選 おめでとうございます！", "抽選の当選のハッシュタグ"),
    ],
)
def detect_vote_calls(ctx: Context) -> Iterator[Hit]:
    """Calls to vote for or against a party, a candidate or a referendum side, and staff's own votes.

    Flags a party or a named person joined to a vote (「野党に一票を」「共産党に入れるつもり」), also
    a name left out (「〇〇党へ」), a candidate named by position (「現職への一票を」「対立候補には入れ
    ません」), the name written on the ballot (「〇〇候補の名前を書いてきました」), a bare 「ぜひ一票を」
    right after a candidate is named, 「#〇〇を国会へ」 and "Vote for 〇〇"; an answer in the next
    sentence (「投票先は決めました。もちろん〇〇党です」) and a reason followed by a call (「〇〇候補は
    約束を守らないので、投票しないでください」); wishing for or working towards an election win or loss,
    as a call, a hope, a preference, a hashtag or a prohibition (「再選を願っています」「三宅さんを
    勝たせましょう」「続投でいいと思う」「#現職続投」「〇〇候補が勝てば楽しみです」「〇〇党だけは勝た
    せてはいけません」「〇〇さんになってほしい」), joy or regret at the result (「応援していた候補が当選
    しました！うれしいです」), the call to pick a "better" person (「もっとまともな人を選びましょう」),
    and campaigning for one side of a referendum. Why: an official
    account speaks for the whole city; telling people whom to vote for breaks 公平・中立性 (joetsu 5
    前提) and may breach the Public Offices Election Act's ban on public servants' election campaigning.
    Not flagged: turnout campaigns without a target (「投票に行きましょう」), polling logistics,
    results (「再選されました」), instructions for filling in a referendum ballot, popularity votes for
    mascots, and mock elections with invented parties. Write instead: the date, the polling stations
    and the early-voting period, without naming any party or candidate.
    """
    v = PoliticalView.of(ctx)
    votes = v.found(ctx, _VOTE_SETS, _vote_calls)
    yield from once_per_span((*votes, *v.found(ctx, _REFERENDUM_SETS, _referendum_sides)))


# --- POL002: support and evaluation -----------------------------------------------------------------


def _support(ctx: Context, v: PoliticalView) -> Iterator[Hit]:
    toks = v.toks
    neutral = v.neutral_sentences
    for t in v.targets:
        if not v.counts(t):
            continue
        s = toks[t.first].sentence
        if s in neutral:
            continue  # 「特定の政党を支持するものではありません」
        j = v.phrase_end(t)
        end = v.sentence_end(t.first)
        # 「〇〇候補で決まりです」「任せられるのはこの人しかいない」: the side as the only choice.
        e = next((x for x in v.hits("endorse") if x.first == j and x.first < end), None)
        # 「〇〇さんを応援しましょう」 for an athlete is not politics; 「現市政を変えるには、田中さんしか
        # いない」 hands an office or the town's government to the only choice.
        if (
            t.kind == "person"
            and not v.election
            and s not in v.mandate_sentences
            and not (e is not None and v.names_office(s))
        ):
            continue
        if e is not None and (e.first in v.quoted) == (t.first in v.quoted):
            yield v.hit(ctx, t.first, e.last)
            continue
        # 「推し候補は現職の吉田さん」「一番熱心なのは自民党の候補です」: the side as the answer to a
        # question of preference.
        pref = _preferred_answer(v, t, j, end)
        if pref is not None:
            yield v.hit(ctx, pref, j)
            continue
        # 「共産党の子育て政策を応援」: skip what the party owns (nouns joined by の) up to the particle.
        k = j
        while k < min(end, j + 4) and (toks[k].pos[0] in ("名詞", "接尾辞") or toks[k].surface == "の"):
            k += 1
        if k < end and toks[k].surface in _PARTICLES_OBJECT and k > j:
            j = k
        # 「共産党を応援しています」「国民民主党に期待しています」「自民党支持です」「三宅候補、頑張れ」
        # 「田中候補は話がうまくて、応援したくなります」
        topic = j < end and toks[j].surface in ("は", "も")
        if j < end and (toks[j].surface in _PARTICLES_OBJECT or toks[j].surface == "、" or topic):
            m = None if topic else _window_has(v, j + 1, 4, ("support", "bet"))
            if m is None and toks[j].surface in _PARTICLES_OBJECT:
                # 「〇〇候補に、皆さまの温かいご支援を」「野党には、この国の舵取りは任せられません」:
                # the support may come later, with no other predicate in between.
                m = _window_has(v, j + 1, 8, ("support",))
                if m is not None and any(
                    x.pos[0] in ("動詞", "形容詞")
                    and not x.pos[5].startswith("連体形")
                    # 「挑戦を心から歓迎し、応援します」: one stance in two verbs.
                    and not (x.lemma == "為る" and toks[k - 1].lemma in _CO_STANCE)
                    for k, x in _enum(toks, j + 1, m.first)
                ):
                    m = None
            elif m is None:
                # 「〇〇党の新人候補、若くて爽やかで応援したくなる」: described, then backed by the writer.
                m = _window_has(v, j + 1, 8, ("support",))
                if m is not None and (
                    any(
                        # 「説明がわかりやすくて」: a verb made an adjective by やすい is a description
                        (x.pos[0] == "動詞" and toks[k + 1].pos[0] != "接尾辞")
                        or (x.surface in ("は", "が", "を", "に", "も") and not _of_the_side(toks, k))
                        for k, x in _enum(toks, j + 1, m.first)
                    )
                    or _mood(toks, m.first, end) not in ("exhort", "intent")
                ):
                    m = None
        else:
            m = _window_has(v, j, 1, ("support",))
        # 支持者・支持率・応援大使・推薦書 are nouns about something else, not the account's support.
        # 期待の声・支持の輪 likewise name someone else's feelings.
        about_others = (
            m is not None
            and m.last < end
            and (toks[m.last].pos[0] in ("名詞", "接尾辞") or toks[m.last].surface == "の")
        )
        if m is not None and (m.entry.weight < 1 or m.entry.set_id.endswith(":bet")) and not _asked_for(v, j, m, end):
            m = None  # 「国の支援策」「自民党の議員に支援をお願いしました」: not a call to back the side
        if m is not None and not about_others and (not _is_negated(toks, m.last, end) or _refused(v, m, end)):
            yield v.hit(ctx, t.first, m.last)
            continue
        # 「やっぱり共産党の政策が一番しっくりきます」「野党はだらしない」: a side judged good or bad;
        # 「自民党政治を終わらせよう」「与党にお灸を据えよう」: a call to act against it.
        case = v.case_after(t)
        last = (
            _judged(v, t, case, end)
            or _opposed(v, t, case, end)
            or _shunned(v, case, end)
            or _praised_deed(v, t, j, end)
            or _continued(v, t, v.phrase_end(t), end)
        )
        if last is not None:
            yield v.hit(ctx, t.first, last)

    # 「市としても全面的に支持しています」 with a party or candidate anywhere in the draft.
    has_target = any(v.counts(t) for t in v.targets) or (v.election and v.lemmas_anywhere(("候補者", "候補")))
    if has_target:
        for org in v.hits("self_org"):
            s = toks[org.first].sentence
            if s in neutral:
                continue
            end = v.sentence_end(org.first)
            m = next((x for x in v.hits("support") if org.last <= x.first < end and x.entry.term in _ORG_SUPPORT), None)
            if m is not None and (not _is_negated(toks, m.last, end) or _cannot_back(v, m, end)):
                yield v.hit(ctx, org.first, m.last)

    # The side named just before, backed or judged in the next breath: 「公明党の皆さん、いつも…。今度の
    # 選挙も期待しています」「〇〇党の議員の皆さんと意見交換しました。本当に頼もしい政党です」
    # 「ぜひ西村候補の公約集を。どの候補より本市のことを考えています」.
    if has_target or v.lemmas_anywhere(_POLITICIAN_NOUNS):
        yield from _backed_in_context(ctx, v)

    # The writer doing campaign work: 「現職の支持者として、私も電話かけのお手伝いをしています」.
    for w in v.hits("campaign_work") if v.election else ():
        s = toks[w.first].sentence
        a, end = v.a.sentence_spans[s]
        if s in neutral or w.first in v.quoted or not _first_person(toks, w.first, end):
            continue
        h = next((x for x in v.hits("campaign_help") if a <= x.first < end and x.first not in v.quoted), None)
        if h is not None and not _is_negated(toks, h.last, end) and not v.lemmas_in(s, _CONDITIONAL_WORDS):
            yield v.hit(ctx, min(w.first, h.first), max(w.last, h.last))

    # Political slogans: 「政権交代で地方を元気にしましょう」「打倒〇〇」「首相は退陣すべき」.
    for m in v.hits("slogan"):
        s = toks[m.first].sentence
        end = v.sentence_end(m.first)
        a = v.a.sentence_spans[s][0]
        after = toks[m.last] if m.last < end else None
        targeted = any(t.first >= a and toks[t.first].sentence == s for t in v.targets)
        # 「政権交代を！」「今こそ政権交代！」: the bare noun as a slogan.
        cut_off = (after is not None and after.surface == "を" and _mood(toks, m.last, end) == "exhort") or (
            after is not None and after.surface in ("!", "！")
        )
        # 「退陣を求める署名が提出された」 reports others' demand: the word modifies a noun.
        demand = any(
            (t.lemma in _DEMAND_WORDS and not (k + 1 < end and toks[k + 1].pos[0] == "名詞"))
            # 「もう政権交代しかない」
            or (t.lemma == "しか" and k + 1 < end and toks[k + 1].lemma in ("無い", "ない"))
            or (t.lemma == "しか" and k + 1 < end and toks[k + 1].lemma == "有る" and _is_negated(toks, k + 1, end))
            # 「今こそ政権を奪い返すときです」
            or (t.lemma == "時" and k > m.first and k + 1 < end and toks[k + 1].lemma in ("です", "だ"))
            for k, t in enumerate(toks[a:end], start=a)
        )
        stance = (
            _mood(toks, a, end) in ("exhort", "intent") or cut_off or demand or (targeted and m.entry.term == "打倒")
        )
        # 「政権交代や内閣改造など、国の政治の動きを調べてみよう」 names the word as a topic to study.
        mentioned = after is not None and after.surface in _MENTION
        if stance and s not in neutral and not mentioned:
            yield v.hit(ctx, m.first, m.last)


# The government of a place, which a person is handed in 「現市政を変えるには、田中さんしかいない」.
_OFFICE_WORDS = frozenset({"市政", "県政", "町政", "村政", "国政", "舵取り"})


def _clause_ends(v: PoliticalView, j: int, end: int) -> bool:
    """Nothing but endings, symbols or emoji from token j to the sentence end or a space in the post."""
    return _only_until_break(v, j, end, _ending_or_symbol)


def _ending_or_symbol(x: Token) -> bool:
    return x.pos[0] in ("助動詞", "補助記号") or x.pos[1] == "終助詞" or not any(c.isalnum() for c in x.surface)


def _preferred_answer(v: PoliticalView, t: Target, j: int, end: int) -> int | None:
    """「推し候補は現職の吉田さん」「一番熱心なのは自民党の候補です」: the side is what the topic, a
    preference, names. Returns the index where the preference starts, or None. Not tallies
    (「一番多いのは自民党です」) nor a negated preference."""
    toks = v.toks
    if t.first in v.quoted or not _clause_ends(v, j, end):
        return None
    a = v.bounds(t.first)[0]
    p = t.first - 1
    # Only the side's modifiers (「現職の」「若手の」) between the topic and the side.
    while p > a and toks[p].surface not in ("は", "って"):
        if toks[p].pos[0] not in ("名詞", "接頭辞", "接尾辞", "連体詞", "副詞") and toks[p].surface not in ("の", "、"):
            return None
        p -= 1
    if p <= a or toks[p].pos[0] != "助詞" or v.lemmas_in(toks[t.first].sentence, _TALLY_WORDS):
        return None
    for w in (*v.hits("support"), *v.hits("party_eval")):
        if not a <= w.first < p or w.first in v.quoted or _is_negated(toks, w.last, p):
            continue
        if w.last < p and toks[w.last].lemma in _NOT_EVALUATIVE:
            continue  # 「一番多いのは」
        return w.first
    return None


# Who campaigns, named by title only (not 市長, whom the account names in every other post).
_CAMPAIGNER_NOUNS = frozenset({"候補", "候補者", "議員", "政治家", "政党"})
_CANDIDATE_TITLES = frozenset({"候補", "候補者", "議員", "市議", "県議", "町議", "村議", "代議士", "党首"})


def _shunned(v: PoliticalView, j: int, end: int) -> int | None:
    """「共産党の候補だけは絶対に避けてください」: the side, as the topic, to be shunned (a call or a
    prohibition, with nothing but adverbs between)."""
    toks = v.toks
    if j >= end or toks[j].surface not in ("は", "も", "こそ"):
        return None
    for m in v.hits("shun"):
        if not j < m.first <= j + 4 or any(
            x.pos[0] == "動詞" or x.surface in ("を", "が", "は") for x in toks[j + 1 : m.first]
        ):
            continue
        if _mood(toks, m.first, end) in ("exhort", "prohibit") and not _is_negated(toks, m.last, end):
            return m.last
    return None


def _continued(v: PoliticalView, t: Target, j: int, end: int) -> int | None:
    """「安定した市政のため、現職の継続を。」「現職の継続が一番」: a candidate's continuation called for
    or preferred (「事業の継続」 has no candidate)."""
    toks = v.toks
    if not v.election or not _is_candidate(v, t) or t.kind != "person":
        return None
    m = next((c for c in v.hits("continuation") if c.first == j and toks[j - 1].surface == "の"), None)
    if m is None or m.last >= end:
        return None
    if _preferred(toks, m.last, end):
        return m.last + 2
    if toks[m.last].surface == "を" and _mood(toks, m.last, end) in ("exhort", "intent"):
        return m.last
    return None


def _is_candidate(v: PoliticalView, t: Target) -> bool:
    """A party or a candidate (〇〇候補, 〇〇議員, 現職), not just anyone named (〇〇さん, 〇〇市長)."""
    return t.kind != "person" or v.toks[t.last - 1].lemma in _CANDIDATE_TITLES or v.is_position(t)


def _praised_deed(v: PoliticalView, t: Target, j: int, end: int) -> int | None:
    """A side praised for what it does for us, where an election is in view: 「渡辺候補、市の事業をよく
    理解してくれています」「給食費無償化を実現してくれた人です」 (〜てくれる, the benefactive)."""
    toks = v.toks
    if not (v.election and v.real_election) or t.first in v.quoted or j >= end:
        return None
    # A candidate or a party, not anyone named in an election post: 「投票立会人を田中さんが引き受けて
    # くれました」 thanks a helper; nor the mayor, whose duties the account reports every day.
    if not _is_candidate(v, t):
        return None
    sep = toks[j].surface
    if sep not in ("は", "が", "も", "、") and any(c.isalnum() for c in sep):
        return None
    for k in range(j + 1, end):
        if toks[k].lemma == "呉れる" and toks[k].pos[0] == "動詞" and toks[k - 1].surface in ("て", "で"):
            if _is_negated(toks, k + 1, end) or _other_subject(toks, j + 1, k):
                return None
            return k + 1 if _predicate_tail(toks, k + 1, end, reason=True) else None
    return None


def _side_named_before(v: PoliticalView, s: int, k: int, *, nouns: bool) -> bool:
    """A side the writer names in the sentence before s, or earlier in s before token k and a comma
    (「公明党の皆さん、今度の選挙も期待しています」); with ``nouns``, a politician named by title only
    (「地元の議員さん、…。選挙の時はよろしくね」) will do."""
    toks = v.toks
    neutral = v.neutral_sentences
    a = v.a.sentence_spans[s][0]
    comma = next((i for i in range(k - 1, a - 1, -1) if toks[i].surface == "、"), None)
    for t in v.targets:
        ts = toks[t.first].sentence
        if not v.counts(t) or t.first in v.quoted:
            continue
        if (ts == s - 1 and ts not in neutral) or (ts == s and comma is not None and t.last <= comma):
            return True
    if nouns and s > 0 and s - 1 not in neutral:
        pa, pb = v.a.sentence_spans[s - 1]
        # 「市議会議員選挙の説明会」 names an election, not a politician.
        return any(
            x.lemma in _CAMPAIGNER_NOUNS and not (i + 1 < pb and toks[i + 1].lemma.endswith("選挙"))
            for i, x in _enum(toks, pa, pb)
        )
    return False


def _election_before(v: PoliticalView, k: int) -> int | None:
    """Index of the election a backing word at k is for, with only particles, adverbs and 時・際 between:
    「次の選挙でも応援したい」「今度の選挙も期待しています」「選挙の時はよろしくね」."""
    toks = v.toks
    a = v.bounds(k)[0]
    for i in range(k - 1, max(a, k - 7) - 1, -1):
        x = toks[i]
        if x.lemma.endswith("選挙") or (x.lemma.endswith("選") and x.pos[0] == "名詞" and len(x.lemma) > 2):
            return i
        if not (
            (x.pos[0] == "助詞" and x.surface in ("で", "も", "は", "の", "こそ"))
            or x.pos[0] in ("副詞", "補助記号")
            or x.lemma in ("時", "際", "折", "是非", "全力", "心", "から")
        ):
            return None
    return None


# 「どの候補より」「ほかの政党より」: every other side, in a comparison.
_EVERY_OTHER = frozenset({"どの", "他", "外", "ほか", "何れ", "いずれ"})


def _backed_in_context(ctx: Context, v: PoliticalView) -> Iterator[Hit]:
    toks = v.toks
    spans = v.a.sentence_spans
    neutral = v.neutral_sentences
    quoted = v.quoted
    for w in v.hits("support"):
        s = toks[w.first].sentence
        if s in neutral or w.first in quoted:
            continue
        end = spans[s][1]
        e = _election_before(v, w.first)
        if e is None or any(e < t.first < end for t in v.targets):
            continue
        if w.last < end and (toks[w.last].pos[0] in ("名詞", "接尾辞") or toks[w.last].surface == "の"):
            continue  # 「選挙の応援大使」「支持者」
        if _is_negated(toks, w.last, end) or _past(toks, w.last, end):
            continue
        if w.entry.weight < 1 and _mood(toks, w.first, end) != "exhort":
            continue
        if _side_named_before(v, s, e, nouns=w.entry.weight >= 1):
            yield v.hit(ctx, e, w.last)
    for ev in v.hits("party_eval"):
        # 「本当に頼もしい政党です」 after the party was named: the side judged through a noun for it.
        s = toks[ev.first].sentence
        k = ev.last + (ev.last < len(toks) and toks[ev.last].surface in ("の", "な"))
        if (
            s in neutral
            or ev.first in quoted
            or k >= spans[s][1]
            or toks[k].lemma not in _SIDE_NOUNS - {"人", "方", "存在", "集団"}
            or not _predicate_tail(toks, k + 1, spans[s][1])
            or any(toks[t.first].sentence == s for t in v.targets)
        ):
            continue
        if _side_named_before(v, s, ev.first, nouns=False):
            yield v.hit(ctx, ev.first, k + 1)
    # 「どの候補より本市のことを真剣に考えています」: the side compared with every other.
    for k, x in enumerate(toks) if "より" in v.text else ():
        if x.surface != "より" or x.pos[1] != "格助詞" or k < 2:
            continue
        b = k - 2 - (toks[k - 2].surface == "の" and k > 2)  # 「他の候補より」
        if toks[k - 1].lemma not in ("候補", "候補者", "政党", "党") or toks[b].lemma not in _EVERY_OTHER:
            continue
        s = x.sentence
        a, end = spans[s]
        # 「どの候補よりも多くの票を得ました」 reports a result.
        if s in neutral or _past(toks, k, end) or any(y.lemma in _TALLY_WORDS or y.lemma == "票" for y in toks[a:end]):
            continue
        if _side_named_before(v, s, k - 2, nouns=False) or any(
            toks[t.first].sentence == s and v.counts(t) for t in v.targets
        ):
            yield v.hit(ctx, b, k + 1)


def _cannot_back(v: PoliticalView, m: Match, end: int) -> bool:
    """「市としてはとても支持できません」: the organisation refusing a side, not stating a rule
    (「支持することはできません」) or its neutrality (「支持していません」)."""
    toks = v.toks
    k = m.last + (m.last < end and toks[m.last].lemma == "為る")
    a = v.bounds(m.first)[0]
    return k < end and toks[k].lemma == "出来る" and not any(x.lemma in ("どの", "いずれ", "何れ") for x in toks[a:end])


def _refused(v: PoliticalView, m: Match, end: int) -> bool:
    """A side refused support by the writer: 「野党には日本を任せられません」「〇〇党には期待できない」.
    Not the organisation's neutrality (「本市は〇〇党を支持していません」) nor a rule
    (「〜を応援することはできません」)."""
    toks = v.toks
    s = toks[m.first].sentence
    a = v.a.sentence_spans[s][0]
    if any(a <= o.first < end for o in v.hits("self_org")):
        return False
    return not any(x.lemma in ("事", "こと", "物", "もの", "訳") for x in toks[m.last : end])


def _asked_for(v: PoliticalView, j: int, m: Match, end: int) -> bool:
    """An everyday support word (支援, 託す, 支える) asked for now: 「〇〇候補にご支援をお願いします」
    「〇〇さんに託しましょう」, not 「〇〇議員に、本市への支援をお願いしました」."""
    toks = v.toks
    # 「〇〇さんを市議会へ送り出そう」: the office the side is sent to may stand between.
    offices = {k for o in v.hits("office") if j < o.first < m.first for k in range(o.first, o.last + 1)}
    between = [x for k, x in enumerate(toks[j + 1 : m.first], start=j + 1) if k not in offices]
    if any(x.lemma in ("に", "へ", "を", "が", "は") or x.pos[0] == "動詞" for x in between):
        return False  # 「〜に、道路整備への支援を」: the support is for something else
    return _mood(toks, m.first, end) in ("exhort", "prohibit") and not _past(toks, m.last, end)


def _judged(v: PoliticalView, t: Target, j: int, end: int) -> int | None:
    """The end of an evaluation of the target in its sentence, or None.

    A party judged by a strong word anywhere after it (「共産党の政策が一番しっくりきます」); any side
    judged by the predicate it is the topic of (「新風会はいつも反対ばかりで困ります」「野党は本当に
    だらしないですね」「高橋候補がいいなと思いました」); a side singled out with こそ (「木村候補こそ、
    この市に必要なリーダーです」). Counts and reports (「自民党が一番多く12議席」「〜と述べました」)
    are not evaluations, nor words inside a quotation the target is not in.
    """
    toks = v.toks
    s = toks[t.first].sentence
    if v.lemmas_in(s, _TALLY_WORDS):
        return None
    quoted = v.quoted
    in_quote = t.first in quoted
    # 「〇〇会はいつも」「〇〇候補が」「維新の市政改革には」
    niwa = j + 1 < end and toks[j].surface == "に" and toks[j + 1].surface == "は"
    topic = j < end and (toks[j].surface in _TOPIC or niwa)
    if not topic:
        # 「共産党の言っていることは全部うそです」: what the side says, as the topic.
        for k in range(j, min(end, j + 10)):
            if toks[k].pos[0] == "補助記号":
                break
            if toks[k].surface in _TOPIC and toks[k].pos[0] == "助詞" and toks[k - 1].lemma in _CLAIM_NOUNS:
                j, topic = k, True
                break
    if topic and toks[j].surface == "に":
        j += 1
    if j < end and toks[j].surface == "こそ" and not in_quote and not v.lemmas_in(s, _REPORTING):
        return j + 1
    # 「国民民主党の提案に全面的に賛成です」「れいわの候補の訴えに共感しました」: a stance on what the
    # side proposes, stated as the predicate.
    dative = not topic and j < end and toks[j].surface == "に"
    for e in v.hits("party_eval"):
        if not t.last <= e.first < end or (e.first in quoted) != in_quote:
            continue
        if t.kind == "party" and e.entry.weight >= 1:
            return e.last
        if (
            topic
            and e.first > j
            and (_predicate_tail(toks, e.last, end, reason=True) or _then_refusal(toks, e.last, end))
            and not _other_subject(toks, j + 1, e.first)
        ):
            return e.last
        if (
            dative
            and e.entry.term in _DATIVE_STANCES
            and j < e.first <= j + 4
            and not any(x.pos[0] == "動詞" or x.surface in ("は", "が", "を") for x in toks[j + 1 : e.first])
            and _predicate_tail(toks, e.last, end)
        ):
            return e.last
    # 「自民党の政策では市民の暮らしは守れません」: the side's way said to fail people.
    deha = _by_means_of(toks, j, end)
    if deha is not None:
        for e in v.hits("neglect"):
            if deha < e.first < end and _is_negated(toks, e.last, end) and _predicate_tail(toks, e.last, end):
                return e.last
        # 「〇〇党の政治では、地方の暮らしは良くなりません」
        for k in range(deha + 1, end):
            if toks[k].lemma in _BETTER and _is_negated(toks, k + 1, end) and _predicate_tail(toks, k + 1, end):
                return k + 1
    if not topic:
        return None
    # 「野党はいつも反対ばかりで」「〇〇候補の公約はばらまきばかり」: the side does nothing but one thing.
    for k in range(j + 2, min(end, j + 8)):
        x = toks[k]
        if x.surface in ("は", "が") and not _of_the_side(toks, k):
            break
        if (
            x.surface == "ばかり"
            and x.pos[1] == "副助詞"
            and (toks[k - 1].pos[0] == "名詞" or toks[k - 1].surface in ("て", "で"))
            and (k + 1 >= end or toks[k + 1].surface == "で" or _predicate_tail(toks, k + 1, end, reason=True))
        ):
            return k + 1
    # 「参政党の公約は、財源の裏付けがありません」「〇〇候補の公約は裏付けがなく、任せられません」.
    for e in v.hits("lacking"):
        k = e.last + 1
        if not (j < e.first and k < end and toks[e.last].surface in ("が", "も", "は")):
            continue
        lacks = toks[k].lemma in ("無い", "ない") or (toks[k].lemma == "有る" and _is_negated(toks, k + 1, end))
        if (
            lacks
            and not _other_subject(toks, j + 1, e.first)
            and (_predicate_tail(toks, k + 1, end, reason=True) or _then_refusal(toks, k + 1, end))
        ):
            return k + 1
    # 「野党は何もしない」「今の政権には、国民の生活を守る気がまったくない」: nothing done, no will to.
    for k in range(j + 1, end - 2):
        x = toks[k]
        if x.lemma == "何" and toks[k + 1].surface == "も" and toks[k + 2].lemma in ("為る", "出来る"):
            verb = k + 2
            if (
                not _other_subject(toks, j + 1, k)
                and _is_negated(toks, verb + 1, end)
                and _predicate_tail(toks, verb + 1, end)
            ):
                return verb + 1
            break
        if x.lemma == "気" and toks[k - 1].pos[0] == "動詞" and toks[k + 1].surface in ("が", "は", "も"):
            n = k + 2
            while n < end and toks[n].pos[0] == "副詞":  # 「気がまったくない」
                n += 1
            if (
                n < end
                and toks[n].lemma in ("無い", "ない")
                and not _other_subject(toks, j + 1, k)
                and _predicate_tail(toks, n + 1, end)
            ):
                return n + 1
            break
    # 「今の政権は国民のことを何も考えていない」: the side said to disregard people, emphatically.
    for e in v.hits("neglect"):
        if (
            j < e.first < end
            and _predicate_tail(toks, e.last, end)
            and _is_negated(toks, e.last, end)
            and any(x.lemma in _EMPHATIC_NEGATIVE for x in toks[j + 1 : e.first])
        ):
            return e.last
    # An evaluative adjective as the predicate: 「野党は本当にだらしないですね」.
    for k in range(j + 1, min(end, j + 12)):
        x = toks[k]
        if (x.surface in ("は", "が") and not _of_the_side(toks, k)) or (
            x.pos[0] == "動詞" and x.lemma not in ("為る", "出来る")
        ):
            return None
        # 「迷惑です」「最悪だ」: an adjectival noun with a copula (「反対しました」 is a deed, not a judgment).
        adjectival = x.pos[0] in ("形容詞", "形状詞") or (
            x.pos[0] == "名詞"
            and "形状詞可能" in x.pos[2]
            and k + 1 < end
            and toks[k + 1].lemma in ("です", "だ", "過ぎる")
        )
        if (
            adjectival
            and x.pos[1] != "助動詞語幹"
            and x.lemma not in _NOT_EVALUATIVE
            and (k in quoted) == in_quote
            and _predicate_tail(toks, k + 1, end)
        ):
            return k + 1
    return None


# Stances on what a side proposes, said with に: 「〇〇党の提案に賛成です」「〇〇候補の訴えに共感しました」.
_DATIVE_STANCES = frozenset({"賛成", "反対", "共感", "失望", "がっかり", "うんざり", "呆れる", "期待外れ"})


def _then_refusal(toks: list[Token], k: int, end: int) -> bool:
    """A judgment (ending at token k-1) that ends a clause before a refusal: 「公約は財源の裏付けが
    なく、市政を任せることはできません」."""
    return k < end and toks[k].surface == "、" and toks[k - 1].pos[5].startswith("連用") and _is_negated(toks, k, end)


# What a side's way is said not to bring about: 「〇〇党の政治では暮らしは良くなりません」.
_BETTER = frozenset({"良い", "救う", "豊か"})


def _by_means_of(toks: list[Token], j: int, end: int) -> int | None:
    """Index of は in 「〇〇党(の政策)では」 right after the target's phrase, or None."""
    for k in range(j, min(end - 1, j + 4)):
        if toks[k].surface == "で" and toks[k + 1].surface == "は":
            return k + 1
        if toks[k].pos[0] != "名詞" and toks[k].surface != "の":
            return None
    return None


def _other_subject(toks: list[Token], a: int, b: int) -> bool:
    """Another subject between the target and the predicate: 「野党が反対し、市民が困っています」.
    What the side has or does is not another subject: 「〇〇候補は演説が長すぎて迷惑です」."""
    return any(
        x.surface in ("は", "が") and x.pos[0] == "助詞" and not _of_the_side(toks, k) for k, x in _enum(toks, a, b)
    )


def _enum(toks: list[Token], a: int, b: int) -> Iterator[tuple[int, Token]]:
    return zip(range(a, b), toks[a:b], strict=False)


def _of_the_side(toks: list[Token], k: int) -> bool:
    """Token k is が after a noun naming what the side has or does (演説が, 見通しが, 話が)."""
    return toks[k].surface == "が" and k > 0 and toks[k - 1].lemma in _ATTRIBUTE_NOUNS


def _opposed(v: PoliticalView, t: Target, j: int, end: int) -> int | None:
    """The end of a call to act against the target (「〇〇政治を終わらせよう」「政権にノーを突きつけよう」
    「〇〇党に騙されるな」), or None. The act must take the target as its object: 「公明党の議員に、
    制度を変えるようお願いしました」 changes a system."""
    toks = v.toks
    if j >= end or toks[j].surface not in _PARTICLES_OBJECT:
        return None
    k = j + 1 if j + 1 < end and toks[j + 1].surface == "は" else j  # 「〇〇議員には、」
    for m in v.hits("oppose"):
        # 「今の内閣に、次の選挙で審判を下しましょう」: the election may stand between.
        if not k < m.first <= k + 8 or m.first >= end:
            continue
        # 「共産党を少数に追い込もう」: 追い込む takes the state it drives the side into with に.
        stops = ("を", "が", "は") if m.entry.term == "追い込む" else ("を", "に", "が", "は")
        if any(x.pos[0] == "動詞" or x.surface in stops for x in toks[k + 1 : m.first]):
            continue
        # 「〜を少数与党に追い込むチャンスです」: the act named as what should be done.
        if _mood(toks, m.first, end) in ("exhort", "intent", "prohibit") or any(
            x.lemma in ("べし", "必要", "チャンス", "好機") for x in toks[m.last : end]
        ):
            return m.last
    return None


@rule(
    code="POL002",
    category=Category.POLITICAL,
    severity=Severity.BLOCK,
    when=(*PoliticalView.gate(*_SUPPORT_SETS), *(f"text:{w}" for w in _SUPPORT_LITERALS)),
    title="特定の政党・候補者への支持・評価・反対の表明",
    message=(
        "『{excerpt}』は、特定の政党・候補者への支持や評価（または反対）と受け取られるおそれがあります。"
        "公式アカウントは全体の奉仕者として、政治的に中立である必要があります。"
    ),
    fix=(
        "支持・評価・反対の表現を削除してください。政党や議員に触れる必要がある場合は、"
        "「〇〇議員と意見交換しました」のように、事実だけを中立に記載してください。"
    ),
    matches=[
        ex("市としても、立憲民主党の子育て政策を応援しています。", "組織としての支持"),
        ex("やっぱり参政党の主張がいちばん正しいと思います。", "政党の評価"),
        ex("いまこそ政権交代を！地方から政治を変えましょう。", "政治的スローガン"),
        ex("知事選に出馬する川村候補、頑張れ！職員一同応援しています。", "候補者への声援"),
        ex("わが党へのご支援をよろしくお願い申し上げます。", "選挙運動の定型句（ご支援のお願い）"),
        ex("市としても、今の内閣を支持しています。", "時の内閣への支持"),
        ex("社民党の議員は本当に頼りないですね。", "政党への否定的評価（形容詞の述語）"),
        ex("市議会の清流会は、いつも反対ばかりで困ったものです。", "会派への否定的評価"),
        ex("木村候補こそ、市長にふさわしい人物です。", "「こそ」で候補者を推す"),
        ex("増税ばかりの自公政権を終わらせましょう！", "政権を終わらせる呼びかけ"),
        ex("野党には、この国の舵取りは任せられません。", "政党に任せられないという反対の表明"),
        ex("市長選は、やっぱり大川ゆうじ候補で決まりですね。", "候補者を唯一の選択肢とする"),
        ex("今回の町議選、私も陣営の電話かけを手伝っています。", "職員自身の選挙運動"),
        ex("推しの候補は、新人の佐藤さんです！", "好みを問う主題の答えとしての候補者"),
        ex("子育て支援に一番熱心なのは、立憲民主党の候補です。", "「一番〜なのは〇〇」の形の評価"),
        ex("市長選が近づきました。山田候補、いつも私たちの声に耳を傾けてくれています。", "恩恵表現でほめる"),
        ex("共産党の皆さん、今度の選挙も期待しています！", "名指した政党への選挙での期待"),
        ex("〇〇党の議員と懇談しました。とても頼もしい政党です。", "前の文の政党を「政党」と言い換えた評価"),
        ex("ぜひ西村候補の公約を。ほかの候補より本市のことをよく分かっています。", "ほかの候補との比較"),
        ex("立憲民主党の主張に大反対です。", "政党の主張への賛否の表明"),
        ex("参政党の公約は、財源の裏付けがありません。", "公約に裏付けがないという評価"),
        ex("与党はいつも言い訳ばかりです。", "「〜ばかり」の否定的評価"),
        ex("今の政権には、地方を守る気がない。", "「〜する気がない」の否定的評価"),
        ex("自民党の政治では、地方の暮らしは良くなりません。", "「〇〇の政治では良くならない」"),
        ex("〇〇候補は答弁がいつも曖昧で困ります。", "候補者の答弁（属性）を主語にした評価"),
        ex("公明党の候補だけはやめておきましょう。", "避ける呼びかけ"),
        ex("共産党を少数に追い込むチャンスです。", "政党を追い込む呼びかけ"),
        ex("町長選は、現職の継続を！", "現職の継続の呼びかけ"),
        ex("田中候補にかけてみませんか？", "かな書きの「賭ける」"),
    ],
    passes=[
        ex("三宅市長が、公明党の国会議員団と地域医療について意見交換しました。", "公務の事実報告（立場の表明なし）"),
        ex("本市は、特定の政党・候補者を支持・推薦するものではありません。", "中立性の表明"),
        ex("明治維新150年を記念して、郷土の偉人を紹介する企画展を開催します。", "歴史用語の「維新」"),
        ex("インターハイに出場する佐藤さんを、みんなで応援しましょう！", "選挙と無関係な応援"),
        ex("政治活動用ポスターの掲示について、選挙管理委員会からのお知らせです。", "選管の事務的なお知らせ"),
        ex("衆議院の解散に伴い、総選挙が行われます。立候補予定者説明会は9月1日です。", "選挙事務の案内"),
        ex("政府の支援策をご案内します。詳しくは内閣府のホームページをご覧ください。", "国の施策の支援"),
        ex("市長が、地元選出の国会議員に道路整備へのご支援をお願いしました。", "要望活動の報告（過去形）"),
        ex("【主権者教育】与党と野党の役割の違いを、高校生がクイズで学びました。", "主権者教育の与党・野党"),
        ex("明治維新の頃の城下町を描いた絵図を展示しています。", "歴史用語の「維新」"),
        ex("お灸を据えて体を温める、東洋医学の講座を開きます。", "政党のない「お灸を据える」"),
        ex("野党は、法案に反対しました。", "国会の事実の報告"),
        ex("本市は、特定の政党を支持していません。", "中立性の表明"),
        ex("政権交代や内閣改造など、国の政治の動きを新聞で調べてみよう。", "学習の題材としての「政権交代」"),
        ex("第2会場は、市民体育館で決まりです。", "候補者のいない「〜で決まり」"),
        ex("私も投票所で受付のお手伝いをしました。", "選挙事務の手伝い（選挙運動ではない）"),
        ex("田中議員が、市内の小学校で出前授業をしてくれました。", "選挙のない恩恵表現"),
        ex("市長選挙の投票立会人を、地元の田中さんが引き受けてくれました。", "選挙事務の協力者への感謝"),
        ex("投票管理者の皆さん、ありがとうございました。次の選挙でもよろしくお願いします。", "選挙事務の依頼"),
        ex("一番若い候補者は、新人の佐藤氏です。", "候補者の事実の説明"),
        ex("自民党の提案では、対象年齢が18歳まで引き上げられます。", "政党の提案内容の説明"),
        ex("田中候補は、どの候補よりも早く立候補を届け出ました。", "比較の事実報告（過去）"),
        ex("今回の講演で一番印象に残ったのは、公明党の議員の話です。", "政党で終わらない「一番〜のは」"),
        ex("現職の消防士による救命講習を開催します。ぜひ応援してください。", "選挙と無関係な「現職」"),
        ex("新人職員の佐藤さんに期待しています。", "選挙と無関係な「新人」"),
    ],
)
def detect_support(ctx: Context) -> Iterator[Hit]:
    """Support for, praise of or opposition to a party or candidate, and political slogans.

    A side is a party (also 「わが党」, a generic or left-out 〇〇党), the government of the day (政権,
    内閣), a council group (「市議会の〇〇会」「〇〇会派」) or, where an election is in view, a candidate,
    named or by position (現職, 対立候補, 新人).
    Flags a side as the object of support, or of support refused (「〇〇党を応援しています」「〇〇候補に
    ご支援をお願いします」「〇〇さんに託しましょう」「野党には任せられません」「〇〇候補にかけてみませんか」),
    the side as the answer to a preference (「推しの候補は〇〇さんです」「一番熱心なのは〇〇党の候補です」),
    the organisation declaring support (「市としても全面的に支持しています」), a side judged good or bad
    (「〇〇党の政策が一番」「野党は本当にだらしない」「〇〇候補がおすすめです」「〇〇候補こそ」「〇〇党の
    提案に賛成です」「公約は財源の裏付けがない」「反対ばかり」「何もしない」「守る気がない」「〇〇候補は演説
    が長くて迷惑」「〇〇党の政治では暮らしは良くならない」), a candidate praised for what he does for us
    where an election is in view (「〇〇候補、市の事業をよく理解してくれています」), the side named in one
    sentence and backed, judged or compared in the next (「〇〇党の皆さん…。今度の選挙も期待しています」
    「本当に頼もしい政党です」「どの候補より本市のことを考えています」), a call to act against or shun a
    side (「〇〇政治を終わらせよう」「政権にノーを突きつけよう」「〇〇党の候補だけは避けて」), calls for
    the incumbent's continuation (「現職の継続を」), and slogans such as 政権交代を！ or 打倒〇〇.
    Why: joetsu 5 前提 requires 公平・中立性; an official account that praises one party speaks for
    every resident, including those who vote otherwise. Not flagged: reports of official meetings
    with politicians and of what parties did (「野党は法案に反対しました」), requests to politicians
    reported in the past (「国会議員に支援をお願いしました」), national programmes (「政府の支援策」),
    statements of neutrality (「特定の政党を支持するものではありません」), 与党・野党 in civics
    lessons, 明治維新, cheering athletes or new staff (「新人職員に期待」), thanks to people who help at
    the polls, a party's proposal described (「〇〇党の提案では対象が広がります」). Write instead: the
    facts only, or nothing about parties at all.
    """
    v = PoliticalView.of(ctx)
    if v.any_of(*_SUPPORT_SETS) or any(w in v.text for w in _SUPPORT_LITERALS):
        yield from once_per_span(_support(ctx, v))


# --- POL003: promotion of parties and campaigns -----------------------------------------------------


def _promotion(ctx: Context, v: PoliticalView) -> Iterator[Hit]:
    toks = v.toks
    neutral = v.neutral_sentences
    # 党員・後援会の募集: 「新規党員を募集しています」「後援会への入会をお待ちしています」.
    for m in v.hits("membership"):
        s = toks[m.first].sentence
        if s in neutral:
            continue
        a, b = v.a.sentence_spans[s]
        r = next((x for x in v.hits("recruit") if a <= x.first < b and x.first != m.first), None)
        if r is not None:
            yield v.hit(ctx, min(m.first, r.first), max(m.last, r.last))
        elif _mood(toks, m.last, b) == "exhort" and not _is_negated(toks, m.last, b):
            # 「党員になりませんか」「後援会の新年会にぜひご参加ください」
            yield v.hit(ctx, m.first, m.last)
    # 「〇〇党が、ポスター貼りのボランティアを募集しています」 (most 募集 is the city's own: without a
    # party in the draft, ``targets`` is not even built)
    for r in v.hits("party_recruit") if v.may_name_party else ():
        s = toks[r.first].sentence
        if s in neutral:
            continue
        a, b = v.a.sentence_spans[s]
        party = next((t for t in v.targets if t.kind == "party" and a <= t.first < b and v.counts(t)), None)
        if party is not None:
            yield v.hit(ctx, min(party.first, r.first), max(party.last, r.last))
    # A party's or candidate's campaign event announced or recommended.
    for e in v.hits("campaign_event"):
        s = toks[e.first].sentence
        if s in neutral:
            continue
        a, b = v.a.sentence_spans[s]
        # Only a named party or person makes it promotion: 「候補者の演説を聞いて選びましょう」 and
        # 「個人演説会は公営施設でも開催できます」 are the election office's neutral advice.
        in_sentence = [t for t in v.targets if a <= t.first < b and v.counts(t)]
        if not in_sentence and e.entry.weight >= 1 and v.lemmas_in(s, frozenset({"候補", "候補者"})):
            # 「新人候補の出陣式に市長も駆けつけ、激励しました」: the city's people cheering a campaign.
            c = next((x for x in v.hits("cheer") if a <= x.first < b), None)
            if c is not None and not _is_negated(toks, c.last, b):
                yield v.hit(ctx, min(e.first, c.first), max(e.last, c.last))
                continue
        if e.entry.weight < 1:
            # A generic gathering is the party's only when the party owns it: 「自民党の新年会」,
            # 「田中議員後援会の総会」; 「市民体育大会に自民党の議員も出席」 is the city's event.
            in_sentence = [t for t in in_sentence if _owns(v, t, e)]
        if not in_sentence:
            continue
        # The invitation may follow in the next sentence: 「〜が演説します。ぜひ聞きに来てください。」
        next_end = v.a.sentence_spans[s + 1][1] if s + 1 < len(v.a.sentence_spans) else b
        if any(a <= x.first < next_end for x in v.hits("invite")):
            yield v.hit(ctx, min(in_sentence[0].first, e.first), e.last)
    # A party's or candidate's leaflets laid out or handed out: 「〇〇党の政策チラシをロビーに置いて
    # います。ご自由にお取りください。」
    named = v.may_name_party or "候補" in v.text or "議員" in v.text
    # A support group may own it: 「高橋市長を支持する会のチラシ」 names a mayor, not a candidate.
    grouped = bool(v.hits("person_title"))
    for mat in v.hits("party_material") if named or grouped else ():
        s = toks[mat.first].sentence
        if s in neutral:
            continue
        owner = (
            next(
                (t for t in v.targets if t.kind != "regime" and v.counts(t) and _owns(v, t, mat, _MATERIAL_LINKS)), None
            )
            if named
            else None
        ) or _support_group(v, s, mat)
        if owner is None:
            continue
        a = v.a.sentence_spans[s][0]
        next_end = v.a.sentence_spans[min(s + 1, len(v.a.sentence_spans) - 1)][1]
        handed = [d for d in v.hits("distribute") if a <= d.first < next_end]
        # 「〜を受付に置きました。ご自由にどうぞ。」: laid out and offered, even if told in the past.
        offered = any(a <= x.first < next_end for x in v.hits("take_freely"))
        if any(_hands_out(toks, d) for d in handed) or (handed and offered):
            yield v.hit(ctx, owner.first, mat.last)
    # A recall drive promoted: 「知事のリコール署名にご協力ください」. The election office's notices
    # (署名簿の縦覧, 審査, 詐欺への注意) are not.
    spans = v.a.sentence_spans
    for r in v.hits("recall"):
        s = toks[r.first].sentence
        if s in neutral or not v.lemmas_in(s, frozenset({"署名"})):
            continue
        # The call may follow: 「リコール署名が始まりました。皆さんのご協力をお願いします。」
        for cs in (s, s + 1)[: len(spans) - s]:
            a, b = spans[cs]
            start = r.last if cs == s else a
            if any(a <= x.first < b for x in v.hits("recall_admin")):
                break
            if any(a <= x.first < b for x in v.hits("recall_call")) and _mood(toks, start, b) == "exhort":
                yield v.hit(ctx, r.first, r.last)
                break


def _owns(v: PoliticalView, t: Target, e: Match, links: frozenset[str] = _OWNER_LINKS) -> bool:
    """The target's noun phrase runs into the event: 〇〇党(の)(支部|後援会|議員)(の)新年会."""
    if not 0 <= e.first - t.last <= 4:
        return False
    return all(x.lemma in links or x.pos[1] == "固有名詞" for x in v.toks[t.last : e.first])


def _support_group(v: PoliticalView, s: int, mat: Match) -> Target | None:
    """A side whose support group owns the material: 「高橋市長を支持する会のチラシ」「〇〇さんを応援する
    市民の会主催の集いのビラ」 (a 会 named for backing the side, before the material)."""
    toks = v.toks
    for t in v.targets:
        j = v.phrase_end(t)
        if toks[t.first].sentence != s or t.kind == "regime" or not v.counts(t) or j + 2 >= mat.first:
            continue
        if toks[j].surface != "を" or toks[j + 1].lemma not in _ORG_SUPPORT:
            continue
        k = j + 2 + (toks[j + 2].lemma == "為る")
        if (
            k < len(toks)
            and toks[k - 1].pos[5].startswith("連体形")
            and any(x.lemma == "会" for x in toks[k : min(k + 4, mat.first)])
        ):
            return t
    return None


def _hands_out(toks: list[Token], d: Match) -> bool:
    """The account hands the material out (置いています, お取りください), not a report that it was
    put up by someone (「無断で貼られていました」) or a rule (「配布できません」)."""
    s = toks[d.first].sentence
    after = [x for x in toks[d.last : d.last + 4] if x.sentence == s]
    # 「掲示板に貼ってきました」: the writer went and did it, which is campaign work, not a report.
    went = len(after) > 1 and after[0].surface == "て" and after[1].lemma == "来る"
    refused = ("れる", "られる", "ない", "ず", "出来る") if went else ("れる", "られる", "た", "ない", "ず", "出来る")
    return not any(x.lemma in refused for x in after)


@rule(
    code="POL003",
    category=Category.POLITICAL,
    severity=Severity.WARN,
    when=PoliticalView.gate(*_PROMOTION_SETS),
    title="政党・後援会・候補者の活動の宣伝",
    message=(
        "『{excerpt}』は、政党・後援会・候補者の活動（党員募集や演説会など）の宣伝にあたるおそれがあります。"
        "公式アカウントで特定の政治団体の活動を案内すると、政治的中立性を損ないます。"
    ),
    fix=(
        "政党・後援会・候補者の活動の案内は削除してください。市が主催する行事や、"
        "選挙管理委員会による中立的なお知らせだけを発信してください。"
    ),
    matches=[
        ex("社民党県連合では、一緒に活動する党員を募集中です。", "党員募集"),
        ex("田中議員の後援会では、新規会員の入会を受け付けています。", "後援会の入会案内"),
        ex("日本保守党の街頭演説が、あす正午から駅前広場で行われます。ぜひお越しください。", "政党の催しの案内"),
        ex("自民党の政策パンフレットを各支所に置いています。どうぞお持ち帰りください。", "政党の印刷物の配布"),
        ex("町長のリコール署名へのご協力をお願いします。", "リコール署名への協力依頼"),
        ex("市議選の新人候補の事務所開きに、副市長も駆けつけて激励しました。", "選挙運動の催しでの激励の報告"),
        ex("佐藤候補の街頭演説が明日あります。皆さんで応援に駆けつけましょう！", "演説会への動員"),
        ex("参政党のチラシを、駅前で配ってきました。", "職員自身による政党の印刷物の配布"),
    ],
    passes=[
        ex(
            "政治家が選挙区内の人に寄附をすることや、後援会が寄附をすることは法律で禁止されています。",
            "選管の寄附禁止啓発",
        ),
        ex("個人演説会の会場として公民館などの公営施設を使用する場合は、事前の申請が必要です。", "選挙事務の説明"),
        ex("後援：若葉野市、若葉野市教育委員会", "行事の後援名義（後援会ではない）"),
        ex("市民まつりの出店者を募集しています。締め切りは5月31日です。", "党と無関係な募集"),
        ex("市長の解職請求に係る署名簿の縦覧を、選挙管理委員会で行います。", "選管による直接請求の事務"),
        ex("自民党のポスターが無断で掲示されていたため、撤去しました。", "無断掲示物の撤去の報告"),
        ex("選挙公報を市役所の窓口に置いています。ご自由にお取りください。", "選挙公報の配布"),
        ex("夏祭りの出陣式に市長も駆けつけ、担ぎ手を激励しました。", "祭りの出陣式（候補者がいない）"),
        ex("候補者のポスターが、掲示場に貼られました。いたずらはやめましょう。", "掲示の報告（受け身）"),
    ],
)
def detect_promotion(ctx: Context) -> Iterator[Hit]:
    """Promotion of a party, a support group or a campaign: recruitment and campaign events.

    Flags 党員・党友・後援会 recruitment (「新規党員を募集しています」「後援会への入会をお待ちして
    います」), announcing or recommending a party's or candidate's event (街頭演説, 演説会,
    国政報告会, 出陣式), with the call to go and cheer (「応援に駆けつけましょう」), handing out a party's
    or candidate's leaflets, also as the writer's own errand (「〇〇党の政策チラシを置いています」「〇〇党の
    候補者ポスターを貼ってきました」), and promoting a recall drive (「リコール署名、ぜひお願いします」).
    Why: advertising one
    political group's activities on the city's account lends it the city's reach and credibility
    (joetsu 5 前提 公平・中立性). A warning, not a block, because the approver may know that the post
    is a neutral notice the wording does not show.
    Not flagged: the election office's explanations of the rules (寄附の禁止, 個人演説会の会場),
    its notices about recall petitions (署名簿の縦覧), 「後援：〇〇市」 sponsorship lines. Write instead:
    only events the city itself runs, or neutral election-office notices.
    """
    yield from once_per_span(PoliticalView.of(ctx).found(ctx, _PROMOTION_SETS, _promotion))
