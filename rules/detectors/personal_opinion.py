"""Personal opinions and private circumstances of staff on an official account.

towada 4(7) forbids 職員の個人的な状況や意見等の情報 (職務上必要な場合を除く), and tatsuno 4(7)
keeps 私的な見解 apart from the town's voice. An official post speaks as the organisation:
「市は〜と考えています」, 「ぜひお越しください」, 「〜と思われます」, 「職員一同お待ちしております」.
A personal voice is recognisable by its frame, not by its topic: an opener that announces a private
view (個人的には, 正直, 本音を言えば, プライベートな話ですが), a first-person subject with an opinion
or a feeling (私は〜と思います, 私としては賛成です, 担当者としては複雑な気持ちです), a verdict the
writer owns with the subject left out (〜が一番おいしいと思っています, 向いてないのかなと思う), a
chatty judgement (〜って費用対効果が低いんですよね), or the writer's own health, mood, family, life
events, working hours and days off (持病の腰痛が悪化してしまいまして, 疲れたので定時で帰ります,
うちの猫が, 先日結婚しました, 3日連続で終電です, 有給とって沖縄行ってきます).

Words like 腰痛, 疲れた, 結婚 or 週末 are everyday official vocabulary (腰痛予防教室, 疲れたときは休憩を,
結婚を機に転入された方, 週末は多くの人でにぎわいました), so the detectors read them only in such a
frame: a sentence or clause (〜て、〜ので、〜けど、) that ends on them with nobody else as its subject,
no advice or question to the reader, no condition (〜たら, 〜と) and no turn to an offer after it
(「〜ですよね。でも〜なら」). Quoted speech (「楽しかった」と話していました), a heading that
introduces someone's words (【移住者の声】, 【職員紹介】), the mayor's own message and a mascot's voice
(ぼく、わかばちゃん！, 【わかばちゃんのひとこと】) are not the writer's private voice.

Posts run sentences on without 。 (「来月結婚します💍 職場のみなさん、」「〜と思うんですけど…バス
1時間に1本ですよ？」), so these rules also end a sentence at a space after an emoji or a final form
and at an ellipsis after a predicate (``OpinionView.bounds``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from functools import cached_property

from rules.detectors._shared import LexiconView, once_per_span
from rules.engine import Context
from rules.lexicon import Match
from rules.model import Category, Severity
from rules.registry import Hit, ex, rule
from rules.text import Token

# What may follow 個人的に for it to be a stance (「個人的に好きな場所」) rather than a manner
# (「職員が個人的に連絡することはありません」).
_PREFERENCE = frozenset(
    {"好き", "大好き", "思う", "感じる", "御勧め", "推す", "気に入る", "好み", "一押し", "注目", "嬉しい"}
)
# After 私/僕: what makes it the subject of the sentence or the owner of an opinion (「私、実は…」
# is a casual topic; 「私としては」 spans three tokens and is read from the surfaces).
_SUBJECT_MARKERS = frozenset({"は", "も", "が", "的", "として", "自身", "だけ", "なら", "個人", "、"})
_SELF_FRAMES = ("として", "だったら", "でしたら")
# What a role may own that makes it the writer's taste: 「担当者の好みで言えば」「中の人の本音」.
_OWN_TASTE = frozenset({"好み", "本音", "主観", "独断", "偏見"})
_OPINION_VERBS = frozenset({"思う", "感じる", "考える"})
# 「賛成できない部分もあります」「納得できない点があります」: the part a disagreement is about.
_DISSENT_ON = frozenset({"部分", "所", "点", "面"})
# Endings that make a complaint the writer's own: the explanatory ん (〜なんですよ) and the casual っす.
_EXPLAINS = frozenset({"ん", "っす", "ッス"})
_OPINION_NOUNS = frozenset(
    {"意見", "考え", "感想", "本音", "気持ち", "思い", "見解", "好み", "印象", "推し", "推す", "一押し", "主観"}
)
# Endings that turn a judgement into small talk: 〜んですよね, 〜ですね…, 〜かな, 😅.
_CHATTY_FINALS = frozenset({"ね", "よね", "な", "かな", "よ"})
# A speaker introduced by the office they hold: 「市長の三宅です」「市長メッセージ」.
_OFFICE_VOICE_NEXT = frozenset(
    {
        "です",
        "より",
        "から",
        "メッセージ",
        "コラム",
        "あいさつ",
        "挨拶",
        "ブログ",
        "就任",
        "所信",
        "施政方針",
        "エッセー",
        "として",
    }
)
# People other than the writer who may be the subject of a sentence about health or tiredness
# (「70代の男性が」「子どもたちも疲れました」「市長は入院中のため」); only as a subject (は/が/も).
_THIRD_PARTY = frozenset(
    {"男性", "女性", "被害者", "患者", "高齢者", "方", "皆さん", "人たち", "親", "参加者", "利用者", "市民"}
    | {"子ども", "子供", "子どもたち", "子供達", "児童", "生徒", "選手", "監督", "医師", "人", "皆", "誰"}
    | {"多く", "大半", "半数", "方々", "人々", "誰も", "一人一人", "一同", "全員", "スタッフ", "私達"}
    | {"市長", "町長", "村長", "区長", "知事", "副市長", "議長", "教育長", "議員"}
)
# A named person or a group is somebody else too: 「山田さんが」「はな子が」「選手たちは」.
_INSTITUTIONS = frozenset({"市", "町", "村", "県", "国", "本市", "当市", "まち", "施設", "会社", "店"})
_PERSON_SUFFIXES = frozenset({"さん", "様", "氏", "ちゃん", "くん", "君", "たち", "達", "ら", "一同"})
_SUBJECT_PARTICLES = frozenset({"は", "が", "も"})
_MASCOT_SUFFIXES = frozenset({"ちゃん", "くん", "君", "たん", "さん"})
_TAIL_POS = frozenset({"助動詞", "助詞", "補助記号", "空白", "接尾辞"})
_TAIL_LEMMAS = frozenset({"過ぎる", "ちゃう", "仕舞う", "居る", "て", "来る", "成る"})
# What may follow a private word up to the end of its clause: 「寝坊して」「風邪気味で」.
_CLAUSE_TAIL_LEMMAS = _TAIL_LEMMAS | {"気味", "為る", "こと", "予定", "為", "続き"}
# What may follow 〜て inside one predicate: 〜ている, 〜てしまう, 〜てくる, 〜てください, 〜ておく.
_TE_TAIL = _TAIL_LEMMAS | {"下さる", "置く", "見る", "貰う", "頂く", "呉れる", "上げる", "行く", "有る"}
# What an ailment may do before its clause ends (「肩こりがひどくて」「頭痛が治らなくて」); not
# 流行る or 増える (「風邪が流行しています」 is news).
_SYMPTOM_LEMMAS = frozenset({"酷い", "辛い", "治る", "続く", "止まる", "悪化", "出る", "取れる", "痛い"})
# What ends a clause the writer goes on with: 〜て、〜ので、〜けど、〜が、 (not the conditionals
# 〜たら、〜ば、〜と、〜ても、, which speak of any case: 「疲れたら、休みましょう」).
_CONTINUATIVES = frozenset({"て", "で", "けど", "けれど", "けれども", "が", "から", "し"})
# A sentence that advises or invites the reader (「〜しましょう」「ご相談ください」「ぜひ」) or pivots
# to an offer (「面倒ですよね。でもe-Taxなら」「そこで、ボランティアを募集します」).
_ADVICE_LEMMAS = frozenset({"下さる", "願う", "是非", "御勧め", "如何"})
# Tokens that are not words: punctuation and white space (a line break ends many sentences).
_NOT_WORDS = ("補助記号", "空白")
# The words of a post's stock closing lines (see OpinionView._advice).
_CLOSING_LEMMAS = frozenset({"御覧", "問い合わせ", "理解", "宜しく"})
_PIVOTS = ("でも", "しかし", "そこで", "そんな", "そうした", "ですが", "ただ", "だからこそ")
_RESOLVE_LEMMAS = frozenset({"頑張る", "踏ん張る", "乗り切る"})
# Verbs that report speech after 「〜、と」: 「私もその一人です、と語る」.
_SAY_LEMMAS = frozenset({"言う", "語る", "話す", "述べる", "前置き", "笑う", "振り返る", "声", "答える"})
# 「休みの日は、たいてい家で昼寝しています」: a habit, as 〜ていました tells a past.
_HABITUAL = frozenset({"大抵", "何時も", "専ら", "大概"})
# The verbs that take a person's leave: 有給とって, 午後休をいただいて, 年休を使って, 代休を取得.
_ABSENCE_REASONS = ("pastime", "private", "private_doing", "tired", "mood")
_TAKE_LEAVE = frozenset({"取る", "頂く", "貰う", "使う", "消化", "取得"})
# 「すみません」「ごめんなさい」「申し訳ありません」 after a condition (〜たらすみません).
_APOLOGY_LEMMAS = frozenset({"すむ", "済む", "御免", "申し訳"})
# Bullets start the lines of a symptom checklist (「・咳が止まらない」), which is advice.
_BULLETS = frozenset("・●○■□◆◇▶▷►✓✔-－*※")
# Words before は that do not name a subject: 「本当は」「実は」「正直は」.
_NOT_SUBJECTS = frozenset(
    {"本当", "実", "実際", "正直", "本音", "話", "私事", "今回", "今年", "今度"}
    # formal nouns (「代休のはずが」) and the holidays a sentence is about (「ゴールデンウィークは」)
    | {"筈", "事", "こと", "物", "もの", "積もり", "ゴールデンウィーク", "盆", "年末年始", "連休", "正月"}
)
# Before と思う: a wish or an invitation (〜たいと思います, 〜いただければと思います, 〜しようと思います)
# or a hedge (〜ではないかと思います) is the official voice.
_WISH_LEMMAS = frozenset({"たい", "欲しい", "ば", "う", "よう"})
# 「うれしく思います」「心強く思います」: warmth, not a verdict.
_WARM_LEMMAS = frozenset({"嬉しい", "有り難い", "心強い", "誇らしい", "頼もしい", "喜ばしい", "感謝"})
# Words that make an evaluation the writer's own verdict: 「一番おいしい」「ちょっと派手」.
_INTENSIFIERS = frozenset(
    {"一番", "最高", "断然", "絶対", "正直", "一寸", "余り", "全然", "本当", "何だか", "矢張り", "意外", "全く"}
    | {"可成", "凄い"}
)

# The sets each rule starts from: a draft that matches none of a rule's sets cannot trip it, so
# they are also the rules' gates (``when=``).
_PREFACE_SETS = ("preface", "kojinteki_ni", "shoujiki", "honne")
_STANCE_SETS = ("first_person", "self_role", "judgement", "opinion_verb", "dissent")
_PRIVATE_SETS = (
    "private",
    "private_doing",
    "family",
    "household",
    "life_event",
    "tired",
    "mood",
    "mood_negated",
    "off_duty",
    "leave",
    "own_leave",
    "absent",
    "reaction",
)


# What may end a sentence that runs on without 。: a space or an ellipsis (see ``_soft_breaks``).
_SOFT_STOPS = frozenset(" \u3000.…‥")
# Symbols after which a space does not end a sentence: 「日時： 1月」「・ 燃やすごみ」.
_NO_BREAK_AFTER = frozenset("、,，:：・「『（(【［[<＜〈《#＃@＠&＆/／-－~〜")
_CONCESSIVES = frozenset({"けど", "けれど", "けれども", "が", "のに"})


def _ends_predicate(t: Token, *, emoji: bool) -> bool:
    """Whether token t can close a sentence: a final form (します, 疲れた), a final particle (ね, な),
    a concessive (〜けど), or (``emoji``) an emoji, a kaomoji or a closing bracket."""
    if t.pos[1] == "終助詞" or (t.pos[1] == "接続助詞" and t.surface in _CONCESSIVES):
        return True
    if t.pos[0] in ("助動詞", "動詞", "形容詞") and t.pos[5].startswith("終止形"):
        return True
    return emoji and t.surface[-1] not in _NO_BREAK_AFTER and not any(c.isalnum() for c in t.surface)


class OpinionView(LexiconView):
    """What the personal_opinion rules need about one draft, computed once and shared.

    Quoted speech (「楽しかった」と話していました, ``quoted``) is not the writer's voice.
    """

    family = "personal_opinion:"

    def __init__(self, ctx: Context):
        super().__init__(ctx)
        self._unquoted: dict[str, list[Match]] = {}
        self._addressed: dict[int, bool] = {}  # by the sentence's first token

    def hits(self, name: str) -> list[Match]:
        """Matches of a set outside quoted speech (``all_hits``: all of them)."""
        found = self._unquoted.get(name)
        if found is None:
            raw = self.all_hits(name)
            q = self.quoted if raw else frozenset()
            r = self._reported if raw else ()
            found = self._unquoted[name] = [m for m in raw if m.first not in q and not _before_any(r, m.first)]
        return found

    @cached_property
    def _reported(self) -> list[tuple[int, int]]:
        """Spans of speech reported without brackets: 「私もその一人です、と語る移住者」「〜してみて！
        という声も」 ([sentence start, the quotative と))."""
        toks = self.toks
        spans = []
        for j in range(1, len(toks) - 1):
            t = toks[j]
            if t.surface not in ("と", "という", "との") or t.pos[0] != "助詞":
                continue
            say = t.surface != "と" or toks[j + 1].lemma in _SAY_LEMMAS
            p = toks[j - 1]
            if say and (p.surface in ("、", "!", "！", "?", "？") or p.pos[1] == "終助詞"):
                # the quote is the sentence before the と (or, after 「！」, the sentence before that)
                a = self.a.sentence_spans[toks[j - 1 if p.surface in ("、",) else j].sentence][0]
                if a == j and j >= 2:
                    a = self.a.sentence_spans[toks[j - 2].sentence][0]
                spans.append((a, j))
        return spans

    def all_hits(self, name: str) -> list[Match]:
        return super().hits(name)

    @cached_property
    def _soft_breaks(self) -> list[int]:
        """Tokens that open a sentence Sudachi's splitter runs on into: after a space that follows an
        emoji or a sentence-final form (「来月結婚します💍 職場のみなさん、」「行ってきます 明日は」), and
        after an ellipsis that closes a predicate (「〜と思うんですけど…バス1時間に1本ですよ？」)."""
        toks = self.toks
        breaks = []
        for k in range(1, len(toks) - 1):
            t = toks[k]
            if t.surface[0] not in _SOFT_STOPS or not toks[k - 1].sentence == t.sentence == toks[k + 1].sentence:
                continue  # a break Sudachi's splitter made already (「！ 来週」)
            if t.pos[0] == "空白":
                nxt = toks[k + 1]
                if _ends_predicate(toks[k - 1], emoji=True) and nxt.pos[0] != "補助記号":
                    breaks.append(k + 1)
            elif t.surface.strip("…‥.") == "" and _ends_predicate(toks[k - 1], emoji=False):
                nxt = toks[k + 1]
                if nxt.pos[0] not in _NOT_WORDS:
                    breaks.append(k + 1)
        return breaks

    def bounds(self, k: int) -> tuple[int, int]:
        """The token range [a, b) of the sentence that holds token k, cut at the soft breaks."""
        a, b = super().bounds(k)
        breaks = self._soft_breaks
        if breaks:
            i = bisect_left(breaks, k + 1)  # the first break after k
            if i < len(breaks) and breaks[i] < b:
                b = breaks[i]
            if i > 0 and breaks[i - 1] > a:
                a = breaks[i - 1]
        return a, b

    def in_sentence(self, name: str, k: int) -> list[Match]:
        a, b = self.bounds(k)
        return [m for m in self.hits(name) if a <= m.first < b]

    @cached_property
    def office_voice(self) -> bool:
        """The text is the mayor's (or another office holder's) own message."""
        toks = self.toks
        for m in self.all_hits("office_holder"):
            window = toks[m.last : m.last + 4]
            if any(t.surface in _OFFICE_VOICE_NEXT or t.lemma in _OFFICE_VOICE_NEXT for t in window):
                return True
            if "".join(t.surface for t in window[:3]) == "として":  # 「市長として、」
                return True
        return False

    @cached_property
    def mascot(self) -> bool:
        """A character speaks: マスコット/キャラクター is named, a 〜ちゃん/〜くん introduces itself
        (「ぼく、わかばちゃん！」「わかばちゃんだよ」), or heads the post (【わかばちゃんのひとこと】)."""
        return bool(self.all_hits("mascot")) or self.mascot_speaks

    @cached_property
    def mascot_speaks(self) -> bool:
        """A 〜ちゃん/〜くん introduces itself or heads the post (not a post that only mentions the city's
        キャラクター: 「市の観光キャラクター、前のデザインの方がかわいかった」)."""
        if not any(x in self.text for x in _MASCOT_SUFFIXES):
            return False
        toks = self.toks
        heading = False
        for k, t in enumerate(toks):
            if t.surface in ("【", "〔", "["):
                heading = True
            elif t.surface in ("】", "〕", "]"):
                heading = False
            if t.surface not in _MASCOT_SUFFIXES or t.pos[0] != "接尾辞" or k < 1:
                continue
            if heading:
                return True
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            before = toks[k - 3 : k - 1]
            if (nxt is None or nxt.pos[0] == "補助記号" or nxt.lemma in ("だ", "です")) and (
                any(b.lemma in ("私", "僕", "俺") for b in before) or (nxt is not None and nxt.lemma == "だ")
            ):
                return True
        return False

    @cached_property
    def testimonial(self) -> bool:
        """Someone else's words under a heading: 【移住者の声】, 受賞者のコメント：, 【職員紹介】."""
        toks = self.toks
        for m in self.all_hits("voice_heading"):
            nxt = toks[m.last] if m.last < len(toks) else None
            if nxt is not None and nxt.surface in ("】", ":", "："):
                return True
        return False

    @cached_property
    def other_voice(self) -> bool:
        """The draft speaks in a voice that is not a staff member's private one (mayor, mascot,
        a testimonial or a staff profile presented by the account)."""
        return self.mascot or self.office_voice or self.testimonial

    @cached_property
    def first_person_tokens(self) -> frozenset[int]:
        return frozenset(k for m in self.all_hits("first_person") for k in range(m.first, m.last))

    def addressed(self, k: int) -> bool:
        """The sentence speaks to or about other people (advice, reports), not about the writer."""
        a, b = self.bounds(k)
        found = self._addressed.get(a)
        if found is None:
            found = self._addressed[a] = self._addresses(a, b)
        return found

    def _addresses(self, a: int, b: int) -> bool:
        toks = self.toks
        # 方 as かた (「持病のある方は」), not as ほう (「そっちのほうが」)
        if any(a <= m.first < b and toks[m.first].surface != "ほう" for m in self.all_hits("addressee")):
            return True
        mine = self.first_person_tokens
        for j in range(a, b - 1):
            nxt = toks[j + 1].surface
            if (nxt not in _SUBJECT_PARTICLES and nxt not in ("、", ",")) or j in mine:
                continue
            t = toks[j]
            if nxt in ("、", ",") and t.lemma not in _THIRD_PARTY:
                continue  # 「スタッフ一同、」 and 「皆さん、」 as a topic; a name with 、 may be a heading
            if (t.lemma in _THIRD_PARTY and t.surface != "ほう") or t.is_name:  # 方 (かた), not ほう
                return True
            # 「山田さんが」「選手たちは」, not 「ラーメン屋さんが」 (a shop)
            if t.pos[0] == "接尾辞" and t.surface in _PERSON_SUFFIXES and toks[j - 1].lemma != "屋":
                return True
        return False

    def other_subject(self, a: int, end: int) -> bool:
        """Someone or something other than the writer is the subject before token ``end``:
        「山田さんが結婚しました」「〇〇課は3階に引っ越しました」 (not 「今日は」「本当は」)."""
        toks = self.toks
        mine = self.first_person_tokens
        for j in range(a, end - 1):
            p = toks[j + 1]
            t = toks[j]
            if t.pos[0] == "接尾辞" and t.surface in _PERSON_SUFFIXES and p.surface in ("、", ","):
                return True  # 「わかばちゃん、今日で5歳になりました」
            if p.surface not in _SUBJECT_PARTICLES or p.pos[0] != "助詞" or j in mine:
                continue
            if t.pos[0] not in ("名詞", "代名詞", "接尾辞") or t.pos[2] == "副詞可能" or t.lemma in _NOT_SUBJECTS:
                continue
            if t.lemma in _POSSESSORS:
                continue  # 「担当は最近ダイエット中なので」「うちは」: the writer
            return True
        return False

    @cached_property
    def _advice(self) -> list[int]:
        """The tokens that advise or invite the reader: 〜しましょう, ご相談ください, ぜひ, お願いします;
        not those of a post's stock closing line (ホームページをご覧ください, お問い合わせは…,
        ご理解とご協力をお願いします, 今後ともよろしくお願いします), which turn to no one in particular."""
        toks = self.toks
        closing = {t.sentence for t in toks if t.lemma in _CLOSING_LEMMAS}
        return [
            j
            for j, t in enumerate(toks)
            if (t.lemma in _ADVICE_LEMMAS or (t.lemma == "ます" and t.pos[5].startswith("意志推量形")))
            and t.sentence not in closing
        ]

    def advises(self, a: int, b: int) -> bool:
        """Some token in [a, b) advises or invites the reader."""
        advice = self._advice
        i = bisect_left(advice, a)
        return i < len(advice) and advice[i] < b

    def advice_after(self, k: int) -> bool:
        """The draft goes on from token k's sentence to advise the reader or to pivot to an offer
        (「面倒ですよね。でもe-Taxなら」「大変なんですよね。そこで、ボランティアを募集します」)."""
        return self.advises(self.bounds(k)[0], len(self.toks)) or self.pivot_after(k)

    @cached_property
    def content_end(self) -> int:
        """Where the draft's own words end: before its trailing stock closing lines (お問い合わせは…,
        ご理解とご協力をお願いします) and hashtag lines, which end any post."""
        toks = self.toks
        end = len(toks)
        for a, b in reversed(self.a.sentence_spans):
            words = [t for t in toks[a:b] if t.pos[0] not in _NOT_WORDS]
            if words and not any(t.lemma in _CLOSING_LEMMAS for t in words) and self.text[toks[a].start] != "#":
                break
            end = a
        return end

    @cached_property
    def _last_pivot(self) -> int:
        """The last sentence that opens with a turn to the reader (-1: none). 「でも、今日も頑張ります！」
        turns to the writer's own resolve, not to the reader."""
        toks = self.toks
        text = self.text
        last = -1
        for n, (s, e) in enumerate(self.a.sentence_spans):
            if text[toks[s].start : toks[s].start + 6].startswith(_PIVOTS) and not _resolves(toks, s, e):
                last = n
        return last

    def pivot_after(self, k: int) -> bool:
        """A later sentence opens with a turn to the reader: でも, そこで, そんな〜."""
        toks = self.toks
        return self._last_pivot > toks[min(k, len(toks) - 1)].sentence

    def question(self, a: int, b: int) -> bool:
        toks = self.toks
        if any(t.surface in ("?", "？") for t in toks[a:b]):
            return True
        words = [t for t in toks[a:b] if t.pos[0] not in _NOT_WORDS]
        return bool(words) and words[-1].surface == "か" and words[-1].pos[1] == "終助詞"

    def bulleted(self, a: int) -> bool:
        """The sentence is an item of a list (「・咳が止まらない」), as in a symptom checklist."""
        return self.toks[a].surface[:1] in _BULLETS

    def first_person_in(self, k: int) -> bool:
        return any(self.speaks_privately(m) for m in self.in_sentence("first_person", k))

    def speaks_privately(self, m: Match) -> bool:
        """Whether a first-person word is the writer's private self.

        中の人 and 筆者 always are; 私/僕 may be the mayor in their message, a mascot in character or
        a resident under a heading such as 【移住者の声】.
        """
        if m.entry.term in ("中の人", "筆者"):
            return True
        return not self.other_voice

    def took_leave(self, k: int) -> bool:
        """The writer took time off in this sentence (「〜ので、お休みをいただきました」)."""
        return bool(self.in_sentence("leave", k))


def _before_any(spans: list[tuple[int, int]] | tuple, k: int) -> bool:
    return any(a <= k < b for a, b in spans)


def _resolves(toks: list[Token], a: int, b: int) -> bool:
    """The sentence [a, b) ends on the writer's own resolve: 「でも今日も頑張ります！」 (not 「頑張りましょう」)."""
    words = [t for t in toks[a:b] if t.pos[0] not in _NOT_WORDS]
    for i in range(len(words) - 1, -1, -1):
        t = words[i]
        if t.pos[0] == "動詞":
            return t.lemma in _RESOLVE_LEMMAS and not any(w.pos[5].startswith("意志推量形") for w in words[i + 1 :])
    return False


def _next(toks: list[Token], k: int) -> Token | None:
    if k < len(toks) and toks[k].sentence == toks[k - 1].sentence:
        return toks[k]
    return None


def _closes_clause(
    toks: list[Token],
    k: int,
    end: int,
    *,
    empty: bool = False,
    also: frozenset[str] = frozenset(),
    te: bool = False,
) -> bool:
    """Only endings follow token k to the end of its sentence or of a clause the writer goes on with:
    「二日酔いです…」「疲れたので、定時で帰ります」「風邪気味で、声が…」「寝坊して、…」; not
    「二日酔いを防ぐには」, 「疲れたら、休みましょう」 (a condition), 「風邪、インフルエンザ」 (a list).
    ``empty``: whether a word that ends the sentence itself counts; ``also``: further words allowed;
    ``te``: whether 〜て before the next predicate ends the clause without a comma too
    (「花粉症がひどくて目がかゆくて」「有給とって沖縄行ってきます」)."""
    if k >= end:
        return empty
    for j in range(k, end):
        t = toks[j]
        if te and _te_clause_end(toks, j, end):
            return True
        if t.surface in ("、", ","):
            if j == 0:
                return False
            p = toks[j - 1]
            if p.lemma == "成る" and j >= 3 and [x.lemma for x in toks[j - 3 : j - 1]] == ["こと", "に"]:
                return True  # 「退職することになり、」: what has been decided for the writer
            if p.pos[0] in ("動詞", "形容詞"):
                # 「熱を出してしまい、」; not 「体がだるくなり、集中力も落ちます」 (a general account).
                return p.lemma in ("仕舞う", "ちゃう") and p.pos[5].startswith("連用形")
            if p.lemma == "為" and p.pos[0] == "名詞":
                return j > k  # 「入院中のため、」: a reason the writer goes on from
            return j > k and p.surface in _CONTINUATIVES and p.pos[0] in ("助詞", "助動詞")
        if t.surface in ("か", "?", "？") or t.lemma in ("がち", "易い"):
            return False  # a question, or a tendency (「夜更かししてしまいがちです」)
        if (
            t.pos[0] in _TAIL_POS
            or t.lemma in _CLAUSE_TAIL_LEMMAS
            or t.lemma in also
            or (t.pos[0] == "形容詞" and t.pos[1] == "非自立可能")  # 〜したくなかった
            or not any(c.isalnum() for c in t.surface)  # an emoji, which Sudachi may tag as a noun (✨)
        ):
            continue
        return False
    return True


def _te_clause_end(toks: list[Token], j: int, end: int) -> bool:
    """Token j is the continuative 〜て/〜で (or 〜ので) that a new predicate follows (「ひどくて目が」
    「とって沖縄」「怒られたので今日は」), not 〜ている, 〜てしまう, 〜ても, 〜ては or 〜てください."""
    t = toks[j]
    if j + 1 >= end or t.surface not in ("て", "で"):
        return False
    # 〜ので is の + で (だ) in Sudachi's analysis
    because = t.lemma == "だ" and j >= 1 and toks[j - 1].surface == "の" and toks[j - 1].pos[1] == "準体助詞"
    if t.pos[1] != "接続助詞" and not because:
        return False
    n = toks[j + 1]
    return n.pos[0] in ("名詞", "動詞", "形容詞", "副詞", "代名詞", "連体詞", "接頭辞") and n.lemma not in _TE_TAIL


# --- OPN001: openers announcing a private view ------------------------------------------------------


def _prefaces(ctx: Context, v: OpinionView) -> Iterator[Hit]:
    toks = v.toks
    for m in v.hits("preface"):
        yield v.hit(ctx, m.first, m.last)
    for m in v.hits("kojinteki_ni"):
        nxt = _next(toks, m.last)
        end = v.bounds(m.first)[1]
        topic = nxt is not None and nxt.surface in ("は", "も")  # 個人的には / 個人的にも
        # 「個人的に、町内で一番おいしいのは〜」: set off by a comma, it is an aside like 個人的には.
        aside = nxt is not None and nxt.surface in ("、", ",") and not v.addressed(m.first)
        if topic or aside or any(t.lemma in _PREFERENCE for t in toks[m.last : min(end, m.last + 6)]):
            yield v.hit(ctx, m.first, m.last + (1 if topic else 0))
    for m in v.hits("shoujiki"):
        # 「正直、」「正直センスゼロ」 (adverb) are asides; 「正直に申告」「正直者」 are not.
        nxt = _next(toks, m.last)
        if nxt is not None and (nxt.pos[0] == "接尾辞" or nxt.lemma in ("者", "さ")):
            continue  # 正直者, 正直さ
        if v.addressed(m.first):
            continue  # 「正直めんどうだと感じている方もいるかもしれません」: the readers' feeling
        if toks[m.first].pos[0] == "副詞" or (nxt is not None and nxt.surface in ("、", ",")):
            yield v.hit(ctx, m.first, m.last)
    for m in v.hits("honne"):
        # 「本音では」「本音は」 opening a clause; 「市民の本音を聞かせて」「本音で語り合う」 are topics.
        nxt = _next(toks, m.last)
        prev = toks[m.first - 1] if m.first > 0 and toks[m.first - 1].sentence == toks[m.first].sentence else None
        opens = prev is None or prev.pos[0] == "補助記号" or prev.lemma == "正直"
        if opens and nxt is not None and (nxt.surface == "は" or (nxt.surface == "で" and _is_wa(toks, m.last + 1))):
            yield v.hit(ctx, m.first, m.last + 1)


def _is_wa(toks: list[Token], k: int) -> bool:
    return k < len(toks) and toks[k].surface == "は"


@rule(
    code="OPN001",
    category=Category.PERSONAL_OPINION,
    severity=Severity.WARN,
    when=OpinionView.gate(*_PREFACE_SETS),
    title="個人的な見解の前置き（個人的には・正直・本音を言えば など）",
    message=(
        "『{excerpt}』は、続く内容が職員個人の見解であることを示す表現です。"
        "公式アカウントでは、職務上必要な場合を除き、職員の個人的な意見は発信できません。"
    ),
    fix=(
        "前置きと個人の感想・評価を削除し、事実や市の公式の見解（「市は〜と考えています」など）"
        "として書き直してください。"
    ),
    matches=[
        ex("個人的には、今年の花火大会は過去最高の出来だったと思います。", "個人的には"),
        ex("正直、この補助金の手続きは複雑すぎます。", "副詞の「正直」"),
        ex("本音を言えば、もっと予算をつけてほしかったです。", "本音を言えば"),
        ex("ぶっちゃけ、駅前の再開発はまだまだ時間がかかりそうです。", "ぶっちゃけ"),
        ex("個人的に大好きな撮影スポットを紹介します。", "個人的に＋好み"),
        ex("個人的な話になりますが、先週から自転車通勤を始めました。", "私的な話題の前置き"),
        ex("俺的には、こっちのデザインのほうが好きです。", "一人称＋「的には」"),
        ex("職員の立場で言うのもなんですが、この手続きは複雑です。", "「言うのもなんですが」"),
        ex("この事業、意味があるのかなと内心思っています。", "「内心思う」"),
        ex("個人的に、町内で一番おいしいのは駅裏のラーメン屋です。", "読点で区切った「個人的に、」"),
    ],
    passes=[
        ex("市職員が個人的に電話やメールで連絡することはありません。不審な連絡にご注意ください。", "詐欺注意の定型文"),
        ex("所得の申告は正直に、期限内にお願いします。", "「正直に申告」は見解の前置きではない"),
        ex("市民の皆さんの本音を聞かせてください。アンケートは11月末まで受け付けています。", "意見募集の「本音」"),
        ex("個人的な悩みごとも、保健師が秘密厳守でご相談に応じます。", "相談窓口の「個人的な」"),
        ex("参加した方からは「個人的にはもっと長く見たかった」という声もいただきました。", "引用された参加者の声"),
        ex("分別は正直めんどうだと感じている方もいるかもしれません。", "読者の気持ちとしての「正直」"),
        ex("内心の自由は憲法で保障されています。", "「内心の自由」は前置きではない"),
    ],
)
def detect_preface(ctx: Context) -> Iterator[Hit]:
    """Openers that announce the writer's private view: 個人的には, 個人的に、, 個人的な感想ですが, 私見ですが,
    正直（、）, 正直に言うと, 本音を言えば, ぶっちゃけ, 独断と偏見で, 俺的には／ワイ的には,
    職員の立場で言うのもなんですが, 内心思っています.

    Why: what follows such an opener is by its own account not the city's position, and towada 4(7) /
    tatsuno 4(7) keep staff's personal opinions off the official account. 個人的に, 正直 and 本音 are
    read in context: 「職員が個人的に連絡することはありません」, 「正直に申告してください」 and
    「市民の本音を聞かせてください」 are official. Quoted residents' words are not the writer's.
    Write instead: the facts, or the city's position in the city's voice.
    """
    yield from once_per_span(OpinionView.of(ctx).found(ctx, _PREFACE_SETS, _prefaces))


# --- OPN002: first-person opinions and feelings -----------------------------------------------------


def _first_person_stances(ctx: Context, v: OpinionView) -> Iterator[Hit]:
    toks = v.toks
    flagged: set[int] = set()  # sentences already reported
    for m in v.hits("first_person"):
        nxt = _next(toks, m.last)
        if nxt is not None and nxt.surface == "だけ" and _only_me(v, m.first):
            # 「〜と思うのは私だけでしょうか」: an opinion put as a question, owned all the same.
            flagged.add(nxt.sentence)
            yield v.hit(ctx, v.bounds(m.first)[0], m.last + 1)
            continue
        if nxt is None or not v.speaks_privately(m):
            continue
        b = v.bounds(m.first)[1]
        after = "".join(t.surface for t in toks[m.last : min(b, m.last + 3)])
        # 「私だったら賛成しない」「僕でしたら」: the writer's hypothetical stance.
        if nxt.surface in _SUBJECT_MARKERS or nxt.lemma in _SUBJECT_MARKERS or after.startswith(_SELF_FRAMES):
            stance = next((s for s in v.in_sentence("stance", m.first) if s.first > m.first), None)
            # 「〜と思われます」 is an official estimate, not the writer's opinion.
            if stance is not None and not _passive(toks, stance.last):
                flagged.add(nxt.sentence)
                yield v.hit(ctx, m.first, stance.last)
            elif _confides(toks, m.last, b):
                # 「広報担当の私、実は高所恐怖症なんです」: a confession about oneself.
                flagged.add(nxt.sentence)
                yield v.hit(ctx, m.first, b)
        elif nxt.surface == "の" and m.last + 1 < b and toks[m.last + 1].lemma in _OPINION_NOUNS:
            flagged.add(nxt.sentence)
            yield v.hit(ctx, m.first, m.last + 2)
    # 「担当者としては複雑な気持ちです」「自分としては〜べきだと考えています」「一職員として納得がいきません」
    for m in v.hits("self_role"):
        tail = toks[m.last : m.last + 4]
        surf = "".join(t.surface for t in tail)
        # 「一職員として納得がいきません」; 「一市民として」 without は also opens residents' columns
        bare = m.entry.term in ("一職員", "一個人") and surf.startswith("として")
        if not (bare or surf.startswith(("としては", "的には", "としても"))):
            continue
        feelings = [
            f
            for f in v.in_sentence("feeling", m.first)
            if f.first > m.last
            and not _passive(toks, f.last)
            and not _wish_or_warmth(toks, f.first)
            # 「職員としても、迅速な対応が大切だと考えています」 is the organisation's view; 考える
            # counts only with 〜べき (「自分としては〜べきだと考えています」).
            and (f.entry.term != "考える" or _should(toks, f.first))
        ]
        if feelings and not v.question(*v.bounds(m.first)):
            flagged.add(toks[m.first].sentence)
            yield v.hit(ctx, m.first, max(f.last for f in feelings))
    # 「担当者の好みで言えば」「中の人の本音を言うと」: the role's own taste, not the organisation's.
    for m in v.hits("self_role"):
        owns = m.last + 1 < len(toks) and toks[m.last].surface == "の" and toks[m.last + 1].lemma in _OWN_TASTE
        if owns and not v.other_voice:
            flagged.add(toks[m.first].sentence)
            yield v.hit(ctx, m.first, m.last + 2)
    # 「市長の方針には賛成できない部分もありますが」: disagreement with nobody else as its subject.
    for m in v.hits("dissent"):
        if _dissents(v, m):
            flagged.add(toks[m.first].sentence)
            yield v.hit(ctx, m.first, m.last)
    # 「〜って費用対効果が低いんですよね」「今年のイルミは地味ですね…」
    for m in v.hits("judgement"):
        weak = m.entry.weight < 1
        if _chatty_ending(toks, m.last, v.bounds(m.first)[1], strong=weak):
            # 「雪かきって大変なんですよね。そこで、〜を募集します」 leads to an offer, and
            # 「手続きが多くて大変ですよね。窓口で〜」 sympathises: a weak word counts with the
            # explanatory ん (〜なんですよ) or as the draft's last word, never before advice.
            explains = any(t.surface in _EXPLAINS for t in toks[m.last : v.bounds(m.first)[1]])
            last = v.bounds(m.first)[1] >= v.content_end
            if weak and (v.advice_after(m.first) or not (explains or last)):
                continue
            flagged.add(toks[m.first].sentence)
            yield v.hit(ctx, m.first, m.last)
    # 「〜が一番おいしいと思っています」「この仕事、向いてないのかなと思う日もあります」
    if not v.other_voice:
        for m in v.hits("opinion_verb"):
            if toks[m.first].sentence not in flagged:
                start = _dropped_subject_opinion(v, m)
                if start is not None:
                    flagged.add(toks[m.first].sentence)
                    yield v.hit(ctx, start, m.last)


def _only_me(v: OpinionView, k: int) -> bool:
    """「〜と思うのは私だけでしょうか」「〜と感じるのは僕だけ？」: an opinion verb, の, は, then the first
    person at k (not a mayor's message or a testimonial; a mascot only when it introduces itself)."""
    toks = v.toks
    if k < 3 or v.office_voice or v.testimonial or v.mascot_speaks:
        return False
    if [t.surface for t in toks[k - 2 : k]] != ["の", "は"]:
        return False
    return toks[k - 3].lemma in _OPINION_VERBS and toks[k - 3].sentence == toks[k].sentence


def _dissents(v: OpinionView, m: Match) -> bool:
    """A disagreement (賛成できない, 納得がいかない) the writer holds: negated, not reported speech
    (「納得できないという声も」), not somebody else's (「住民は納得できないと」), not advice or a
    condition (「納得できない場合は」「納得できなければご相談ください」)."""
    toks = v.toks
    a, b = v.bounds(m.first)
    after = toks[m.last : min(b, m.last + 4)]
    if not after or after[0].lemma not in ("ない", "無い", "ず", "ます"):
        return False
    neg = next((m.last + i for i, t in enumerate(after) if t.lemma in ("ない", "無い", "ず")), None)
    if neg is None:
        return False  # 納得できます
    nxt = toks[neg + 1] if neg + 1 < b else None
    # 「賛成できない部分もあります」, but not 「納得できない思いを抱える遺族」
    if not (_closes_clause(toks, neg + 1, b, empty=True) or (nxt is not None and nxt.lemma in _DISSENT_ON)):
        return False
    rest = toks[m.last : b]
    if any(t.surface in ("と", "って", "という", "との") and t.pos[0] == "助詞" for t in rest[:6]):
        return False
    if v.other_voice or v.addressed(m.first) or _general(v, a, b) or v.other_subject(a, m.first):
        return False
    return not _about_others(v, m.last, b)


def _passive(toks: list[Token], k: int) -> bool:
    return k < len(toks) and toks[k].lemma in ("れる", "られる")


def _confides(toks: list[Token], k: int, end: int) -> bool:
    """「実は〜なんです」 after a first person: the writer tells something about themselves."""
    lemmas = [t.lemma for t in toks[k:end]]
    if "実" not in lemmas or lemmas[lemmas.index("実") + 1 : lemmas.index("実") + 2] != ["は"]:
        return False
    words = [t for t in toks[k:end] if t.pos[0] not in _NOT_WORDS]
    return len(words) >= 2 and words[-2].surface == "ん" and words[-1].lemma in ("です", "だ")


def _quotative(toks: list[Token], k: int) -> int | None:
    """The index of the quotative と/って just before an opinion verb at k (「〜と思う」), if any."""
    j = k - 1
    if j >= 1 and toks[j].surface in ("と", "って") and toks[j].pos[0] == "助詞":
        return j
    return None


def _should(toks: list[Token], k: int) -> bool:
    """「〜べきだと」 before the opinion verb at k."""
    q = _quotative(toks, k)
    if q is None:
        return False
    j = q - 1 if q >= 1 and toks[q - 1].lemma == "だ" else q
    return j >= 1 and toks[j - 1].lemma == "べし"


def _wish_or_warmth(toks: list[Token], k: int) -> bool:
    """The opinion verb at k states a wish, an invitation, a hedge or warmth, as official posts do:
    〜たいと思います, 〜いただければと思います, 〜しようと思います, 〜ではないかと思います,
    〜だろうと思います, うれしく思います."""
    if toks[k].lemma not in ("思う", "考える", "感じる"):
        return False
    before = toks[k - 1] if k >= 1 else None
    if before is not None and before.lemma in _WARM_LEMMAS:
        return True
    q = _quotative(toks, k)
    if q is None:
        return False
    window = toks[max(0, q - 3) : q]
    for i, t in enumerate(window):
        if t.lemma in _WISH_LEMMAS or t.pos[5].startswith("意志推量形"):
            return True
        # 〜ではないか: a hedge
        if t.lemma in ("ない", "無い") and i + 1 < len(window) and window[i + 1].surface == "か":
            return True
    return False


def _dropped_subject_opinion(v: OpinionView, m: Match) -> int | None:
    """The start of a verdict that the writer owns with the subject left out, or None.

    「〜のカレーが一番おいしいと思っています」「この仕事は向いてないと思います」「ちょっと派手すぎる
    気がします」「もっと若い人の意見を取り入れるべきだと考えています」. An evaluation needs
    something that makes it personal: an intensifier (一番, ちょっと, 正直), a chatty な/かな, a
    negated verdict (向いてない, かわいくない) or 〜べき. Official forms stay clean: 〜と思われます,
    〜たいと思います, 〜いただければと思います, 〜ではないかと思います, questions to the reader,
    and the organisation's own view (「市は〜と考えています」).
    """
    toks = v.toks
    k = m.first
    a, b = v.bounds(k)
    if _passive(toks, m.last) or _wish_or_warmth(toks, k):
        return None
    # The verb must close the sentence (「〜と思います」「〜と思う日もあります」), not modify a noun
    # (「一番おいしいと思う料理に投票」).
    rest = [t for t in toks[m.last : b] if t.pos[0] not in _NOT_WORDS]
    lemmas = [t.lemma for t in rest]
    if lemmas[:3] in (["日", "も", "有る"], ["時", "も", "有る"], ["こと", "も", "有る"], ["事", "も", "有る"]):
        rest = rest[3:]
    musing = lemmas[:2] == ["今日", "此の頃"] or lemmas[:1] in (["此の頃"], ["日々"])
    if musing:
        rest = rest[2 if lemmas[0] == "今日" else 1 :]  # 「〜と思う今日この頃」「〜と感じる日々です」
    if any(t.pos[0] not in ("助動詞", "助詞") and t.lemma not in _TAIL_LEMMAS for t in rest):
        return None
    # 「〜と思う今日この頃」 is a diary's musing whatever the complement; else the complement decides.
    if not (musing and _quotative(toks, k) is not None) and not _personal_verdict(v, m, a):
        return None
    if v.question(a, b) or v.addressed(k) or v.advises(a, b) or v.in_sentence("organisation", k):
        return None  # 「疑問を感じたら、ご相談ください」「市は〜と考えています」
    return a


def _personal_verdict(v: OpinionView, m: Match, a: int) -> bool:
    """Whether what the writer thinks or feels (before 〜と思う / 〜気がする at m) is a personal verdict."""
    toks = v.toks
    k = m.first
    if "を" in m.entry.term:
        return True  # 「疑問を感じています」「違和感を覚えます」
    if m.entry.term == "気がする":
        # 「微妙な気がします」「去年のほうが盛り上がっていた気がします」: the feeling is the writer's,
        # unless it is small talk with the reader (「春が近づいてきた気がしますね」).
        tail = toks[m.last : v.bounds(k)[1]]
        return not any(t.surface == "ね" and t.pos[1] == "終助詞" for t in tail) and not v.advice_after(k)
    q = _quotative(toks, k)
    if q is None or q <= a:
        return False
    # The complement, back over its endings: 「一番おいしい」と, 「向いてないのかな」と.
    j = q - 1
    chatty = False
    while j > a and (toks[j].pos[1] in ("終助詞", "準体助詞") or toks[j].lemma == "だ"):
        chatty = chatty or toks[j].surface in ("な", "なあ", "かな")
        j -= 1
    core = toks[j]
    if core.lemma == "べし":
        return True  # 「〜を取り入れるべきだと考えています」
    if m.entry.term == "考える":
        return False  # 「〜が必要だと考えています」 is how the organisation states its view
    negated = core.lemma in ("ない", "無い", "ず", "ぬ") and j > a and toks[j - 1].pos[0] != "名詞"
    negated = negated or (core.lemma in ("ない", "無い") and toks[j - 1].lemma in ("意味", "必要", "用"))
    evaluative = core.pos[0] in ("形容詞", "形状詞") or core.lemma == "過ぎる"
    evaluative = evaluative or (core.pos[0] == "接尾辞" and core.pos[1].startswith(("形容詞", "形状詞")))  # 書きにくい
    if negated or (evaluative and chatty):
        return True
    # 「一番おしゃれだと思います」: a noun verdict with だ, made personal by an intensifier.
    evaluative = evaluative or (core.pos[0] == "名詞" and toks[j + 1].lemma == "だ")
    if not evaluative:
        return False
    # 「私の地元のほうが住みやすいと思います」: the writer's own in the sentence makes it theirs.
    if v.first_person_in(k):
        return True
    # 「〜は一番きれいだと思います。ぜひ見に来てください」 is a recommendation.
    return any(t.lemma in _INTENSIFIERS for t in toks[a:q]) and not v.advice_after(k)


def _chatty_ending(toks: list[Token], k: int, end: int, *, strong: bool = False) -> bool:
    """Whether the clause after k ends as small talk rather than as a statement or an instruction.

    ``strong`` asks for the unmistakably private forms only (〜んですよね, 〜ですが😅), not a bare
    〜ですね, which official posts use for sympathy (「雨ばかりは仕方ないですね」).
    """
    tail = toks[k:end]
    if not tail:
        return False
    # 「ちょっとダサいと思います」「微妙な気がします」: the judgement owned as the writer's.
    lemmas = [t.lemma for t in tail]
    if lemmas[:1] == ["だ"]:
        lemmas = lemmas[1:]  # 「イマイチだと思います」
    owned = lemmas[:2] == ["と", "思う"] and "れる" not in lemmas[2:3]
    owned = owned or lemmas[:3] == ["気", "が", "為る"] or lemmas[1:4] == ["気", "が", "為る"]
    if owned:
        # Only if that is the end of the sentence: 「つまらないと思っていた歴史が」 goes on.
        return not any(t.pos[0] == "名詞" and t.lemma != "気" for t in tail)
    if any(t.pos[0] in ("動詞", "名詞") and t.lemma not in _TAIL_LEMMAS for t in tail):
        return False  # another predicate follows: 「地味ですが、大切な作業です」
    words = [t for t in tail if t.pos[0] not in _NOT_WORDS]
    if not words:
        return False
    if words[-1].surface in ("っす", "ッス"):
        return True  # 「この額はキツいっす…」: the casual copula
    # An emoji or (笑) after a concessive clause: 「仕方ないですが😅」.
    if words[-1].surface in ("が", "けど", "けれど") and tail[-1].pos[0] == "補助記号":
        return True
    if words[-1].pos[1] != "終助詞" or words[-1].surface not in _CHATTY_FINALS:
        return False
    if not strong:
        return True
    # 〜んですよね / 〜ですよね: the explanatory ん or よね makes it the writer's own complaint.
    surfaces = [t.surface for t in words]
    return "ん" in surfaces or surfaces[-2:] == ["よ", "ね"]


@rule(
    code="OPN002",
    category=Category.PERSONAL_OPINION,
    severity=Severity.WARN,
    when=OpinionView.gate(*_STANCE_SETS),
    title="一人称による意見・心情の表明",
    message=(
        "『{excerpt}』は、書き手個人の意見や心情として読まれます。"
        "公式アカウントの発信は市としての発信であり、職員の個人的な意見は載せられません。"
    ),
    fix=(
        "一人称の意見・感想を削除するか、「市は〜としています」のように市の公式の立場として書き直してください。"
        "評価を伝える必要がある場合は、根拠となる事実やデータを示してください。"
    ),
    matches=[
        ex("私は、この橋の架け替えはもう少し待つべきだと思います。", "一人称＋思う"),
        ex("担当としては正直さみしい気持ちでいっぱいです。", "担当者の心情"),
        ex("ふるさと納税の返礼品競争って、正直意味がないんですよね。", "くだけた否定的評価"),
        ex("僕も新しい図書館のデザインは苦手です。", "一人称＋好み"),
        ex("私としては、この案に賛成です。", "私としては＋賛否"),
        ex("自分としては、説明会をもっと増やすべきだと考えています。", "自分としては＋べき"),
        ex("広報担当の私、実はカナヅチなんです。", "一人称の打ち明け話"),
        ex("駅前のラーメン屋さんが一番うまいと思っています。", "主語を省いた最上級の評価"),
        ex("この申請書、なんだか書きにくいなと感じています。", "主語を省いたくだけた評価"),
        ex("今度の制度改正は、現場には合わないと思います。", "主語を省いた否定的な評価"),
        ex("うちの部長、話が長いんですよね…", "くだけた職場の愚痴"),
        ex("僕だったら、この計画には反対します。", "仮定の一人称「僕だったら」"),
        ex("現場の人間としては、今回の変更は拙速だったと思います。", "「現場の人間としては」"),
        ex("いち利用者としては、減便は本当に困ります。", "「いち利用者としては」＋困る"),
        ex("担当者の好みで言えば、抹茶より塩バニラ派です。", "担当者の好み"),
        ex("新しいロゴ、前のほうが良かったと思うのは私だけでしょうか。", "「〜と思うのは私だけでしょうか」"),
        ex("市長の方針には賛成できない部分もありますが、説明会のお知らせです。", "主語を省いた反対意見"),
        ex("国の制度は名前が変わるだけだなぁと思う今日この頃。", "「〜と思う今日この頃」"),
        ex("市役所の給料、この仕事量でこの額はキツいっす…", "「〜っす」で終わる不満"),
    ],
    passes=[
        ex("市は、中心市街地の活性化が最も重要な課題であると考えています。", "市としての公式見解"),
        ex("市長の三宅です。私は、子育て支援を市政の最優先課題と考えています。", "市長メッセージ"),
        ex("今年の夏は例年より暑くなると思われます。熱中症に十分ご注意ください。", "公式の見込み「と思われます」"),
        ex("参加した児童は「私は将来、消防士になりたいと思いました」と話していました。", "引用された発言"),
        ex("皆さんは、まちの未来についてどう思いますか？ご意見をお聞かせください。", "読者への問いかけ"),
        ex("【移住者の声】私はこの町に来て5年。自然の中での子育てが最高だと思います。", "見出し付きの移住者の声"),
        ex("確定申告の手続きは、地味ですが大切な作業です。お早めにご準備ください。", "評価語でも雑談調でない"),
        ex("【あおまるくんのつぶやき】ボクは雪遊びが大好きなんだ！", "見出しのキャラクターの声"),
        ex("ぜひ多くの方に見ていただきたいと思います。", "「〜たいと思います」は公式の呼びかけ"),
        ex("皆さんに楽しんでいただけたのではないかと思います。", "控えめな公式の所感"),
        ex("市としては、計画どおり進めるべきだと考えています。", "組織としての見解"),
        ex("草刈りって大変なんですよね。そこで、作業の代行サービスを紹介します。", "共感から案内への導入"),
        ex("担当としても、大変うれしく思います。", "担当者の喜び"),
        ex("説明に納得できない場合は、審査請求ができます。", "「納得できない場合は」は条件"),
        ex("住民の中には、計画に賛成できないとする意見もあります。", "報告された他人の意見"),
        ex("担当者のおすすめは、道の駅のソフトクリームです。", "担当者のおすすめは公式の紹介"),
    ],
)
def detect_first_person(ctx: Context) -> Iterator[Hit]:
    """The writer's own opinion or feeling: 私は〜と思います, 僕も〜が苦手です, 私の感想です,
    私としては賛成です, 担当者としては複雑な気持ちです, 自分としては〜べきだと考えています,
    広報担当の私、実は〜なんです, 現場の人間としては／いち利用者としては〜, 担当者の好みで言えば,
    〜と思うのは私だけでしょうか, 私もその一人です, verdicts with the subject left out (〜が一番
    おいしいと思っています, この仕事は向いてないと思います, ちょっと派手すぎる気がします, 〜と思う
    今日この頃), disagreement with nobody else as its subject (市長の方針には賛成できない部分も,
    今回の決定には納得がいきません) and chatty negative judgements (〜って費用対効果が低いんですよね,
    うちの課長、話が長いんですよね…, この額はキツいっす…).

    Why: an official account speaks for the organisation; a first-person opinion is a staff member's
    personal view (towada 4(7), tatsuno 4(7)). Not flagged: the city's voice (市は〜と考えています),
    official estimates (〜と思われます), questions to readers, quoted speech, testimonials under a
    heading (【移住者の声】), the mayor's message introduced as such, mascots speaking in character,
    wishes and invitations (〜たいと思います, 〜いただければと思います), hedges (〜ではないかと思います),
    warmth (うれしく思います), and sympathy that leads to an offer (大変なんですよね。そこで〜).
    Write instead: the city's position, or the facts that support the judgement.
    """
    yield from once_per_span(OpinionView.of(ctx).found(ctx, _STANCE_SETS, _first_person_stances))


# --- OPN003: private circumstances ------------------------------------------------------------------


# 職員 is not here: 「職員の給料表を公表しました」 is about staff in general, not the writer.
# 実家 is always the writer's own (「実家の母」).
_POSSESSORS = frozenset({"担当者", "担当", "私", "僕", "俺", "うち", "我が家", "筆者", "実家", "自分"})


def _possessor(toks: list[Token], k: int) -> int | None:
    """The index of the word that owns token k through の (「担当者の持病」「うちの猫」), if any."""
    j = k - 1
    if j >= 1 and toks[j].surface == "の" and toks[j - 1].sentence == toks[k].sentence:
        return j - 1
    return None


def _possessed(v: OpinionView, k: int) -> bool:
    """「担当者の持病」「私の妻」「うちの娘」「実家の母」「中の人の愛犬」: it belongs to the writer."""
    p = _possessor(v.toks, k)
    if p is None:
        return False
    t = v.toks[p]
    if p in v.first_person_tokens:
        return not v.other_voice or any(
            m.entry.term == "中の人" and m.first <= p < m.last for m in v.all_hits("first_person")
        )
    return t.lemma in _POSSESSORS or t.surface in _POSSESSORS


def _someone_elses(v: OpinionView, k: int) -> bool:
    """「わかばちゃんの誕生日」「市長の持病」「市の誕生日」: owned by someone other than the writer
    (「持病の腰痛」「昨日からの風邪」 are not owners)."""
    p = _possessor(v.toks, k)
    if p is None or _possessed(v, k):
        return False
    t = v.toks[p]
    return (
        t.is_name
        or t.pos[1] == "固有名詞"
        or (t.pos[0] == "接尾辞" and t.surface in _PERSON_SUFFIXES)
        or t.lemma in _THIRD_PARTY
        or t.lemma in _INSTITUTIONS
    )


def _narrative(v: OpinionView, a: int, b: int) -> bool:
    """A mishap told as something that happened: 〜してしまいまして, 〜しちゃいました, 〜してしまった.

    「夏バテしてしまいがちな季節です」 and 「〜してしまいましょう」 are not narratives.
    """
    toks = v.toks
    for k in range(a, b):
        t = toks[k]
        if t.lemma in ("仕舞う", "ちゃう") and t.pos[0] in ("動詞", "助動詞"):
            rest = toks[k + 1 : min(b, k + 4)]
            if any(r.pos[5].startswith("意志推量形") for r in rest):
                continue
            if any(r.lemma == "た" for r in rest) or [r.surface for r in rest[:2]] == ["まし", "て"]:
                return True
            # 「寝坊しちゃって投稿が遅れました」: a continuative that the sentence closes in the past.
            if rest and rest[0].surface == "て" and any(r.lemma == "た" for r in toks[k + 1 : b]):
                return True
            # 「腰を痛めてしまって今週は在宅勤務中です」: the mishap and where it leaves the writer.
            if rest and rest[0].surface == "て" and rest[0].pos[0] == "助詞" and not _about_others(v, k + 1, b):
                return True
    return False


def _private_matters(v: OpinionView) -> Iterator[tuple[int, int]]:
    toks = v.toks
    for m in v.hits("private") + v.hits("private_doing"):
        term = m.entry.term.lstrip("=")
        if term in ("私事", "私ごと"):
            if not v.office_voice:  # 「【町長のあいさつ】私事ではございますが、再選を果たしました」
                yield m.first, m.last
            continue
        a, b = v.bounds(m.first)
        if _possessed(v, m.first) or v.first_person_in(m.first) or v.took_leave(m.first):
            yield m.first, m.last  # 「担当者の持病」「中の人は歯が痛くて」「熱を出して、お休みをいただきました」
        elif (
            v.other_voice
            or v.addressed(m.first)
            or _someone_elses(v, m.first)
            or _named_before(v.toks, a, m.first)
            or _general(v, a, b)
            or (
                m.entry.set_id.endswith(":private_doing") and (v.other_subject(a, m.first) or _negated(toks, m.last, b))
            )
        ):
            # 「持病のある方は」「腰痛予防教室」「70代の男性が入院」「【市長メッセージ】」「高橋さん（45歳）は
            # 入院中です」; what anyone does needs the writer as its subject (not 「職員が残業して」) and
            # to have happened (not 「止めても怒られない」)
            continue
        elif (
            _closes_clause(toks, m.last, b, also=_SYMPTOM_LEMMAS, te=True) and not _about_others(v, m.last, b)
        ) or _narrative(v, a, b):
            # 「昨日は飲み過ぎて二日酔いです」「風邪気味で、声が…」: what the writer reports being in.
            yield m.first, m.last
    # 「うちの猫が」「実家の母が」「私の妻は」
    for m in v.hits("family"):
        own = _possessed(v, m.first) or (m.entry.weight >= 1 and (v.first_person_in(m.first) or _bare_own(v, m)))
        if not own:
            continue
        if [t.lemma for t in toks[m.last : m.last + 2]] == ["に", "成る"]:
            continue  # 「うちの子になってくれる家族を募集」: adopting a pet
        a, b = v.bounds(m.first)
        if not (v.other_voice or v.question(a, b) or v.advises(a, b) or v.pivot_after(m.first)):
            # not 「うちの子になりませんか」「実家の両親と話し合っておきましょう」「うちの子、朝ごはんを
            # 食べてくれない…そんなお悩みに」
            yield m.first, m.last
    # 「我が家は今夜も鍋です」: the writer's household as the subject.
    for m in v.hits("household"):
        a, b = v.bounds(m.first)
        if toks[m.last].surface == "で" and not _is_wa(toks, m.last + 1):
            continue  # 「我が家で簡単にできる防災食」
        quoted = any(t.surface in ("と", "って") and t.pos[1] == "格助詞" for t in toks[m.last : b])
        if not (v.other_voice or quoted or _general(v, a, b) or v.advice_after(m.first)):
            yield m.first, m.last  # not 「我が家は大丈夫」と思っていませんか
    # 「先日、結婚しました」「今月末で退職します」「今日で30歳になりました」
    for m in v.hits("life_event"):
        a, b = v.bounds(m.first)
        if v.other_voice or _someone_elses(v, m.first):
            continue  # 「市長のメッセージ」, 「わかばちゃんの誕生日」
        own = _possessed(v, m.first) or v.first_person_in(m.first)
        if own or (
            _closes_clause(toks, m.last, b)
            and not (v.addressed(m.first) or v.other_subject(a, m.first) or _general(v, a, b))
        ):
            yield m.first, m.last


# Nouns that turn a health word into a general account: 「〜になるケースも」「〜することもあります」.
_GENERIC_CASES = frozenset({"こと", "ケース", "恐れ", "可能性", "危険", "傾向", "人", "方"})
_POSE_AS = frozenset({"名乗る", "騙る", "装う", "成り済ます", "偽る"})


def _bare_own(v: OpinionView, m: Match) -> bool:
    """A spouse or child named with no owner (「夜勤明けの妻と入れ違いの生活で」「奥さんごめん」) is the
    writer's when the sentence names nobody else: not 「妻を亡くした男性が」, 「息子さんが」,
    「山田さんの娘が」 or 「夫が単身赴任中の方は」."""
    toks = v.toks
    a, b = v.bounds(m.first)
    nxt = toks[m.last] if m.last < b else None
    if nxt is not None and nxt.pos[0] == "接尾辞":
        return False  # 息子さん, 妻たち
    if _someone_elses(v, m.first) or (nxt is not None and nxt.surface in _SUBJECT_PARTICLES):
        return False  # 「妻が焼いたパンは絶品です」 is about her
    # The writer speaks of themselves in this sentence or the one before: 「担当は〜迷惑をかけました。
    # 奥さんごめん」「〜取れていません（笑）」.
    s = toks[m.first].sentence
    near = [r for n in ("first_person", "self_role") for r in v.hits(n) if s - 1 <= toks[r.first].sentence <= s]
    if not near and "(笑)" not in v.text[toks[a].start : toks[b - 1].end]:
        return False
    if any(t.lemma in _POSE_AS for t in toks[m.last : min(b, m.last + 3)]):
        return False  # 「息子を名乗る電話」: a fraud warning
    return not (v.addressed(m.first) or _named_before(toks, a, b) or v.other_subject(a, m.first))


def _named_before(toks: list[Token], a: int, k: int) -> bool:
    """A person is named in the sentence before token k (「高橋一郎さん（45歳）は」「松本さんのお宅では」):
    what follows is news about them."""
    return any(t.is_name or (t.pos[0] == "接尾辞" and t.surface in _PERSON_SUFFIXES) for t in toks[a:k])


def _about_others(v: OpinionView, k: int, b: int) -> bool:
    """The rest of the sentence after token k names other people (「インフルエンザにかかって、学校を
    休んだ子どもの学習を支援します」) or speaks of any case (「二日酔いで、翌朝に運転すると〜」),
    or a later sentence turns to the reader (「疲れたので、少し休憩しよう。そんなときに〜」)."""
    toks = v.toks
    for j in range(k, b):
        t = toks[j]
        if t.lemma in _THIRD_PARTY or (t.pos[1] == "接続助詞" and t.surface in ("ば", "なら")):
            return True
        if t.surface == "たら" and t.pos[0] == "助動詞":
            if _apology_after(toks, j + 1, b):
                continue  # 「〜してたらすみません」: the writer apologises in advance
            return True
        # 〜すると (Sudachi may tag this と either way), 〜することがあります
        p = toks[j - 1]
        if t.surface == "と" and p.pos[0] in ("動詞", "形容詞", "助動詞") and p.pos[5].startswith(("終止形", "連体形")):
            return True
        if t.lemma == "こと" and [x.lemma for x in toks[j + 1 : j + 3]] == ["が", "有る"]:
            return True
        # 「骨折して寝たきりになるケースも少なくありません」「夜更かしして寝坊しがちです」: a general account
        if t.lemma in _GENERIC_CASES and j + 1 < b and toks[j + 1].surface in ("が", "も", "は"):
            return True
        if t.lemma in ("がち", "易い"):
            return True
    return v.pivot_after(k)


def _apology_after(toks: list[Token], k: int, b: int) -> bool:
    """An apology follows token k in its sentence: 「〜たらすみません」「〜たらごめんなさい」."""
    return any(t.lemma in _APOLOGY_LEMMAS for t in toks[k : min(b, k + 3)])


def _general(v: OpinionView, a: int, b: int) -> bool:
    """The sentence speaks to readers (advice, a question, a checklist item) rather than about the writer."""
    return v.advises(a, b) or v.question(a, b) or v.bulleted(a)


def _moods(v: OpinionView) -> Iterator[Match]:
    """「眠いです…」「疲れたので、定時で帰ります」「へこんでいます…」: the writer's body or mood,
    closing a sentence or a clause about oneself."""
    toks = v.toks
    for name in ("tired", "mood", "mood_negated"):
        for m in v.hits(name):
            a, b = v.bounds(m.first)
            if (
                name == "tired"
                and toks[m.last - 1].pos[0] == "名詞"
                and m.last < b
                and toks[m.last].surface in "をがはにの"
            ):
                continue  # 「疲れを癒やす」: the noun is a topic (not 「腰が限界です」)
            if name == "mood_negated" and not _negated(toks, m.last, b):
                continue  # 「安心して仕事に集中できます」
            if m.entry.weight < 0.5 and any(
                t.pos[1] == "接続助詞" or t.surface in ("、", ",") for t in toks[m.last : b]
            ):
                continue  # 「寂しくなりますが、新しい店もオープンします」: a feeling that leads on to news
            if not _closes_clause(toks, m.last, b, empty=True) or v.addressed(m.first) or _general(v, a, b):
                continue  # 「疲れた体を」「疲れたら休みましょう」「疲れていませんか？」
            if _about_others(v, m.last, b):
                continue
            # 「眠くなりますね」「寒い朝はつらいですよね」 are small talk about everyone; a mood word
            # said so counts only when the draft does not go on to advise (「でも、朝ごはんは…」).
            tail = toks[m.last : b]
            chat = any(t.surface == "ね" for t in tail) and not any(t.lemma == "た" for t in tail)
            if chat and (name == "tired" or m.entry.weight < 0.5 or v.advice_after(m.first)):
                continue  # weight < 0.5: seasonal small talk (「少し寂しいですね」)
            if m.entry.weight < 1 and v.advice_after(m.first):
                continue  # 「無理をすると体がもちません。休憩をとりましょう」
            yield m


def _days_off(v: OpinionView) -> Iterator[tuple[int, int]]:
    """「休日に家族で温泉に行ってきました」「週末はずっと家でゴロゴロしていました」「夏休みを
    いただいて、沖縄に行ってきます」「子どもが熱を出して、お休みをいただきました」."""
    toks = v.toks
    for m in v.hits("off_duty"):
        a, b = v.bounds(m.first)
        nxt = _next(toks, m.last)
        if v.addressed(m.first) or (nxt is not None and nxt.pos[0] in ("名詞", "接尾辞")):
            continue  # 「休日当番医」「プライベートサウナ」 are compounds about services
        if v.testimonial or v.mascot or v.in_sentence("duty", m.first) or _general(v, a, b):
            continue  # 「週末、消防団と河川清掃を行ってきました」「【職員紹介】休日は…」
        came_back = _came_back(toks, m.last, b, past=True)
        if came_back is not None:
            yield m.first, came_back + 1
        elif v.first_person_in(m.first):
            yield m.first, m.last
        elif v.in_sentence("leisure", m.first) and _habit_or_past(toks, m.last, b) and not v.other_subject(m.last, b):
            yield m.first, m.last  # 「週末はずっと家でゴロゴロしていました」「休みの日も寝てばかりです」
    for m in v.hits("leave"):
        a, b = v.bounds(m.first)
        if not _closes_clause(toks, m.last, b, empty=True, te=True):
            continue  # 「休暇を取りやすい職場づくり」
        if v.other_voice or v.in_sentence("duty", m.first) or _general(v, a, b):
            continue
        reason = any(v.in_sentence(n, m.first) for n in ("private", "tired", "mood")) or any(
            _possessed(v, f.first) for f in v.in_sentence("family", m.first)
        )
        # 「推しのライブに行くため、明日はお休みをいただきます」, not 「コンサート開催のため、ホールは〜」.
        reason = reason or (bool(v.in_sentence("pastime", m.first)) and not v.other_subject(a, m.first))
        trip = _came_back(toks, m.last, b, past=False)
        if reason or trip is not None or v.first_person_in(m.first):
            yield m.first, trip + 1 if trip is not None else m.last
    # 「有給とって沖縄行ってきます」「引っ越しのため午後休をいただいています」: leave only a person takes.
    for m in v.hits("own_leave"):
        a, b = v.bounds(m.first)
        j = m.last + 1 if m.last < b and toks[m.last].surface == "を" else m.last
        if j >= b or toks[j].lemma not in _TAKE_LEAVE or not _closes_clause(toks, j + 1, b, empty=True, te=True):
            continue  # 「有給休暇の取得を促進」「有給を取りやすい職場」
        if v.other_voice or v.in_sentence("duty", m.first) or _general(v, a, b) or v.other_subject(a, m.first):
            continue  # 「職員が交代で年休を取ります」「年休を取って、リフレッシュしましょう」
        yield m.first, j + 1
    # 「来週金曜は休みます！」「子どもの熱で2日休んでました」: absent for a private reason.
    for m in v.hits("absent"):
        a, b = v.bounds(m.first)
        if toks[m.first].pos[0] != "動詞" or not _closes_clause(toks, m.last, b, empty=True):
            continue  # 「正月休み、」
        if v.other_voice or v.addressed(m.first) or _general(v, a, b) or v.other_subject(a, m.first):
            continue  # 「図書館は月曜日休みます」
        if v.in_sentence("duty", m.first):
            continue
        # the reason in this sentence or the one before (「推しのライブ当選しました😭✨ 来週金曜は休みます」)
        near = v.bounds(a - 1)[0] if a > 0 else a
        reason = any(near <= r.first < b for n in _ABSENCE_REASONS for r in v.hits(n))
        reason = reason or bool(v.in_sentence("family", m.first))
        if reason or v.first_person_in(m.first):
            yield m.first, m.last


def _habit_or_past(toks: list[Token], k: int, b: int) -> bool:
    """What was done then is told as past (〜していました) or as a habit (〜てばかりです, たいてい〜)."""
    return any(
        t.lemma == "た" or t.lemma in _HABITUAL or (t.lemma == "ばかり" and toks[j - 1].surface == "て")
        for j, t in enumerate(toks[k:b], k)
    )


def _negated(toks: list[Token], k: int, b: int) -> bool:
    """A negation follows token k closely: 乗らない, 出ません, 集中できず."""
    return any(t.lemma in ("ない", "無い", "ず", "ぬ") for t in toks[k : min(b, k + 3)])


def _came_back(toks: list[Token], k: int, end: int, *, past: bool) -> int | None:
    """The index of 来る in 〜てきました (``past``) or 〜てきます after k: a trip the writer made."""
    for j in range(k + 1, end):
        if toks[j].lemma == "来る" and toks[j - 1].surface == "て":
            rest = toks[j + 1 : end]
            if any(t.lemma == "た" for t in rest) == past and (past or any(t.lemma == "ます" for t in rest)):
                return j
    return None


def _private(ctx: Context, v: OpinionView) -> Iterator[Hit]:
    toks = v.toks
    # One finding per sentence for its private details (「持病の腰痛」 is one matter, not two).
    by_sentence: dict[int, tuple[int, int]] = {}
    for first, last in _private_matters(v):
        s = toks[first].sentence
        a, b = by_sentence.get(s, (first, last))
        by_sentence[s] = (min(a, first), max(b, last))
    for first, last in by_sentence.values():
        yield v.hit(ctx, first, last)
    if not v.other_voice:
        for m in _moods(v):
            yield v.hit(ctx, m.first, m.last)
    for first, last in _days_off(v):
        yield v.hit(ctx, first, last)
    # 「思わず笑っちゃいました」: the writer's own reaction.
    for m in v.hits("reaction"):
        a, b = v.bounds(m.first)
        if v.addressed(m.first):
            continue
        nxt = toks[m.last : min(b, m.last + 4)]
        lemmas = [t.lemma for t in nxt]
        past = "た" in lemmas
        if past and ("ちゃう" in lemmas or "仕舞う" in lemmas):
            start = m.first - 2 if m.first >= 2 and toks[m.first - 2].lemma == "思う" else m.first
            yield v.hit(ctx, start, m.last)
        elif (
            past
            and "ます" not in lemmas
            and _closes_clause(toks, m.last, b)
            and not (v.other_voice or v.other_subject(a, m.first) or _general(v, a, b))
        ):
            # 「去年より下がってて泣いた😭」: the plain past no official report uses (〜ました).
            yield v.hit(ctx, m.first, m.last)


@rule(
    code="OPN003",
    category=Category.PERSONAL_OPINION,
    severity=Severity.WARN,
    when=OpinionView.gate(*_PRIVATE_SETS),
    title="職員の私生活・体調など個人的な状況",
    message=(
        "『{excerpt}』は、職員の私生活や体調など個人的な状況に触れています。"
        "公式アカウントでは、職務上必要な場合を除き、職員の個人的な状況は発信できません。"
    ),
    fix=(
        "私的な事情の説明は削除してください。業務への影響を伝える必要がある場合は、"
        "「都合により配信が遅れます」のように事実だけを簡潔に記載してください。"
    ),
    matches=[
        ex("私事ですが、先週から育休に入りました。", "私事ですが"),
        ex("更新が止まっていてすみません。担当のぎっくり腰がなかなか治らなくて…", "担当者の健康状態"),
        ex("昨日は遅くまで飲み会で、今日はもう眠いです…", "勤務中の眠気"),
        ex("休日に家族で隣町の温泉に行ってきました！", "休日の私的な行動"),
        ex("市長のものまねに思わず笑っちゃいました。", "書き手自身の反応"),
        ex("喉が痛くて、今日は声がほとんど出ません。", "節の途中の体調"),
        ex("今日はもう疲れたので、早めに帰ります。", "「疲れたので」"),
        ex("うちの犬が、昨日で10歳になりました。", "書き手のペット"),
        ex("今月末で退職することになりました。", "主語を省いた身の上の出来事"),
        ex("週末は一日中、家でのんびりしていました。", "週末の私的な過ごし方"),
        ex("来週は有給をいただいて、京都に行ってきます！", "休暇と私的な旅行"),
        ex("仕事でミスが続いて、へこんでいます…", "書き手の気分"),
        ex("手首を痛めてしまって今日は片手で入力しています。", "「〜てしまって」で続く体調の話"),
        ex("夫が療養中のため、今月の更新は控えめになります。", "「〜のため、」で続く家族の事情"),
        ex("野球観戦に行くため、金曜日はお休みをいただきます🎉", "趣味の予定による休暇（絵文字で終わる文）"),
        ex("二日酔いで、返信がそっけなかったらすみません。", "「〜たらすみません」は条件ではなく謝罪"),
        ex("年度末で忙しすぎて、土日もずっと寝てばかりです。", "休日の過ごし方を習慣として語る"),
        ex("今日も残業確定😇 3日連続で終電です。", "書き手の勤務状況"),
        ex("有給とって沖縄行ってきます🏝", "個人の休暇（読点のない「〜て」）"),
        ex("来月結婚します💍 職場のみなさん、お祝いは控えめで！", "絵文字と空白で区切られた文"),
        ex("花粉症がひどくて目がかゆくて仕事になりません🤧", "否定で語る書き手の状態"),
        ex("推しのライブが当たりました！ 来週金曜は休みます🎉", "趣味のための欠勤"),
        ex("我が家は今夜も鍋です。", "書き手の家庭"),
        ex("今年度末で退職することになり、担当も残りわずかです。", "「〜ことになり、」で続く身の上"),
        ex("残業続きでもう限界です…。でも今日も頑張ります！", "「でも頑張ります」は読者への転換ではない"),
        ex("今年の夏のボーナス、去年より下がってて泣いた😭", "書き手の反応（常体の過去）"),
    ],
    passes=[
        ex("担当者の体調不良により、今週の配信をお休みします。", "私的な詳細を含まない業務連絡"),
        ex("腰痛予防教室を開催します。持病のある方は事前にご相談ください。", "健康講座の案内"),
        ex("暑さで疲れたときは、無理をせず涼しい場所で休憩しましょう。", "読者への助言"),
        ex("休日当番医は、広報紙または市ホームページでご確認ください。", "休日の業務案内"),
        ex("「息子をかたる電話」で現金をだまし取られてしまう被害が相次いでいます。", "詐欺被害の注意喚起"),
        ex("遊び疲れた子どもたちは、帰りのバスでぐっすり眠っていました。", "参加者の様子"),
        ex("風邪をひいたら、無理をせず休みましょう。", "読者への助言"),
        ex("花粉症で目がかゆくなる季節になりました。", "季節の話題"),
        ex("年末年始は12月29日から1月3日までお休みをいただきます。", "施設の休業案内"),
        ex("市内在住の鈴木さんが100歳の誕生日を迎えました。", "他の人の誕生日"),
        ex("週末は県内外から多くの人が訪れ、にぎわいました。", "週末のにぎわいの報告"),
        ex("保護猫の譲渡会を開きます。うちの子になってくれる方を募集中です。", "譲渡会の「うちの子」"),
        ex("月曜日の朝は憂うつですよね。そんな朝こそ、温かい朝ごはんを。", "共感から助言への導入"),
        ex("市内在住の佐藤花子さん（82歳）は、現在療養中です。", "名前の出た住民の近況"),
        ex("コンサート開催のため、ホールは明日お休みをいただきます。", "施設の休業"),
        ex("体調を崩しやすい季節です。手洗い・うがいを心がけましょう。", "季節の注意喚起"),
        ex("ノー残業デーを実施しています。", "勤務制度の案内"),
        ex("臨時列車は23時発が終電です。", "他の主語の「終電」"),
        ex("年次有給休暇を取りやすい職場づくりを進めます。", "休暇制度の取り組み"),
        ex("図書館は月曜日休みます。", "施設の休み"),
        ex("保育園に預けて、安心して仕事に集中できます。", "否定でない「仕事に集中できる」"),
        ex("息子をかたる電話にご注意ください。", "詐欺の注意喚起の「息子」"),
        ex("我が家の防災計画を作りましょう。", "読者への呼びかけの「我が家」"),
    ],
)
def detect_private_circumstances(ctx: Context) -> Iterator[Hit]:
    """The writer's private life and health: 私事ですが, 持病の腰痛が悪化してしまいまして…すみません,
    眠いです…, 疲れたので、定時で帰ります, 風邪気味で、声が…, へこんでいます…, うちの猫が,
    実家の母が, 奥さんごめん, 我が家は今夜も鍋です, 先日、結婚しました, 今月末で退職することになり、,
    来週から育休に入ります, 休日に〜してきました！, 週末は家でゴロゴロしていました, 夏休みをいただいて
    〜に行ってきます, 有給とって沖縄行ってきます, 推しのライブ…来週金曜は休みます, 3日連続で終電です,
    代休のはずが休日出勤, 腰が限界です, やる気が出ません, 仕事になりません, 思わず笑っちゃいました,
    下がってて泣いた😭.

    Why: towada 4(7) names 職員の個人的な状況 next to opinions; an official account is not the staff
    member's diary. Health and family words are flagged only when they are the writer's own (担当の,
    私の, a first-person mishap with an apology); advice to readers (持病のある方は) and reports about
    others (70代の男性が, 山田さんが結婚しました, 臨時列車は23時発が終電です, 図書館は月曜日休みます)
    are not, nor are conditions and tendencies
    (風邪をひいたら, 夜更かししてしまいがち), checklists, a facility's closing days (年末年始はお休みを
    いただきます) or work done on a weekend (週末、河川清掃を行ってきました). A bare operational
    notice (「担当者の体調不良により配信が遅れます」) passes: it says what the reader needs without
    private details.
    Write instead: the operational fact only (「都合により配信が遅れます」).
    """
    yield from once_per_span(OpinionView.of(ctx).found(ctx, _PRIVATE_SETS, _private))
