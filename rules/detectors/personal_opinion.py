"""Personal opinions and private circumstances of staff on an official account.

towada 4(7) forbids 職員の個人的な状況や意見等の情報 (職務上必要な場合を除く), and tatsuno 4(7)
keeps 私的な見解 apart from the town's voice. An official post speaks as the organisation:
「市は〜と考えています」, 「ぜひお越しください」, 「〜と思われます」, 「職員一同お待ちしております」.
A personal voice is recognisable by its frame, not by its topic: an opener that announces a private
view (個人的には, 正直, 本音を言えば), a first-person subject with an opinion or a feeling
(私は〜と思います, 担当者としては複雑な気持ちです), a chatty judgement (〜って費用対効果が低いん
ですよね), or the writer's own health and days off (持病の腰痛が悪化してしまいまして, 眠いです…).

Words like 腰痛 or 疲れた are everyday official vocabulary (腰痛予防教室, 疲れたときは休憩を), so
the detectors read them only in such a frame. Quoted speech (「楽しかった」と話していました), a
heading that introduces someone's words (【移住者の声】), the mayor's own message and a mascot's
first person are not the writer's private voice.
"""

from __future__ import annotations

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
# After 私/僕: what makes it the subject of the sentence or the owner of an opinion.
_SUBJECT_MARKERS = frozenset({"は", "も", "が", "的", "として", "自身", "だけ", "なら", "個人"})
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
    | {"子ども", "子供", "子どもたち", "子供達", "児童", "生徒", "選手", "監督", "医師"}
    | {"市長", "町長", "村長", "区長", "知事", "副市長", "議長", "教育長", "議員"}
)
_SUBJECT_PARTICLES = frozenset({"は", "が", "も"})
_MASCOT_SUFFIXES = frozenset({"ちゃん", "くん", "君", "たん", "さん"})
_TAIL_POS = frozenset({"助動詞", "助詞", "補助記号", "空白", "接尾辞"})
_TAIL_LEMMAS = frozenset({"過ぎる", "ちゃう", "仕舞う", "居る", "て", "来る", "成る"})

# The sets each rule starts from: a draft that matches none of a rule's sets cannot trip it, so
# they are also the rules' gates (``when=``).
_PREFACE_SETS = ("preface", "kojinteki_ni", "shoujiki", "honne")
_STANCE_SETS = ("first_person", "self_role", "judgement")
_PRIVATE_SETS = ("private", "tired", "off_duty", "reaction")


class OpinionView(LexiconView):
    """What the personal_opinion rules need about one draft, computed once and shared.

    Quoted speech (「楽しかった」と話していました, ``quoted``) is not the writer's voice.
    """

    family = "personal_opinion:"

    def __init__(self, ctx: Context):
        super().__init__(ctx)
        self._unquoted: dict[str, list[Match]] = {}

    def hits(self, name: str) -> list[Match]:
        """Matches of a set outside quoted speech (``all_hits``: all of them)."""
        found = self._unquoted.get(name)
        if found is None:
            raw = self.all_hits(name)
            q = self.quoted if raw else frozenset()
            found = self._unquoted[name] = [m for m in raw if m.first not in q]
        return found

    def all_hits(self, name: str) -> list[Match]:
        return super().hits(name)

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
        return False

    @cached_property
    def mascot(self) -> bool:
        """A character speaks: マスコット/キャラクター is named, or a 〜ちゃん/〜くん introduces itself
        (「ぼく、わかばちゃん！」「わかばちゃんだよ」)."""
        if self.all_hits("mascot"):
            return True
        if not any(x in self.text for x in _MASCOT_SUFFIXES):
            return False
        toks = self.toks
        for k, t in enumerate(toks):
            if t.surface not in _MASCOT_SUFFIXES or t.pos[0] != "接尾辞" or k < 1:
                continue
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            before = toks[k - 3 : k - 1]
            if (nxt is None or nxt.pos[0] == "補助記号" or nxt.lemma in ("だ", "です")) and (
                any(b.lemma in ("私", "僕", "俺") for b in before) or (nxt is not None and nxt.lemma == "だ")
            ):
                return True
        return False

    @cached_property
    def testimonial(self) -> bool:
        """Someone else's words under a heading: 【移住者の声】, 受賞者のコメント：."""
        toks = self.toks
        for m in self.all_hits("voice_heading"):
            nxt = toks[m.last] if m.last < len(toks) else None
            if nxt is not None and nxt.surface in ("】", ":", "："):
                return True
        return False

    def addressed(self, k: int) -> bool:
        """The sentence speaks to or about other people (advice, reports), not about the writer."""
        a, b = self.bounds(k)
        if any(m for m in self.all_hits("addressee") if a <= m.first < b):
            return True
        toks = self.toks
        return any(
            toks[k].lemma in _THIRD_PARTY and k + 1 < b and toks[k + 1].surface in _SUBJECT_PARTICLES
            for k in range(a, b)
        )

    def first_person_in(self, k: int) -> bool:
        return any(self.speaks_privately(m) for m in self.in_sentence("first_person", k))

    def speaks_privately(self, m: Match) -> bool:
        """Whether a first-person word is the writer's private self.

        中の人 and 筆者 always are; 私/僕 may be the mayor in their message, a mascot in character or
        a resident under a heading such as 【移住者の声】.
        """
        if m.entry.term in ("中の人", "筆者"):
            return True
        return not (self.mascot or self.office_voice or self.testimonial)


def _next(toks: list[Token], k: int) -> Token | None:
    if k < len(toks) and toks[k].sentence == toks[k - 1].sentence:
        return toks[k]
    return None


# --- OPN001: openers announcing a private view ------------------------------------------------------


def _prefaces(ctx: Context, v: OpinionView) -> Iterator[Hit]:
    toks = v.toks
    for m in v.hits("preface"):
        yield v.hit(ctx, m.first, m.last)
    for m in v.hits("kojinteki_ni"):
        nxt = _next(toks, m.last)
        end = v.bounds(m.first)[1]
        topic = nxt is not None and nxt.surface in ("は", "も")  # 個人的には / 個人的にも
        if topic or any(t.lemma in _PREFERENCE for t in toks[m.last : min(end, m.last + 6)]):
            yield v.hit(ctx, m.first, m.last + (1 if topic else 0))
    for m in v.hits("shoujiki"):
        # 「正直、」「正直センスゼロ」 (adverb) are asides; 「正直に申告」「正直者」 are not.
        nxt = _next(toks, m.last)
        if nxt is not None and (nxt.pos[0] == "接尾辞" or nxt.lemma in ("者", "さ")):
            continue  # 正直者, 正直さ
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
    ],
    passes=[
        ex("市職員が個人的に電話やメールで連絡することはありません。不審な連絡にご注意ください。", "詐欺注意の定型文"),
        ex("所得の申告は正直に、期限内にお願いします。", "「正直に申告」は見解の前置きではない"),
        ex("市民の皆さんの本音を聞かせてください。アンケートは11月末まで受け付けています。", "意見募集の「本音」"),
        ex("個人的な悩みごとも、保健師が秘密厳守でご相談に応じます。", "相談窓口の「個人的な」"),
        ex("参加した方からは「個人的にはもっと長く見たかった」という声もいただきました。", "引用された参加者の声"),
    ],
)
def detect_preface(ctx: Context) -> Iterator[Hit]:
    """Openers that announce the writer's private view: 個人的には, 個人的な感想ですが, 私見ですが,
    正直（、）, 正直に言うと, 本音を言えば, ぶっちゃけ, 独断と偏見で.

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
    for m in v.hits("first_person"):
        nxt = _next(toks, m.last)
        if nxt is None or not v.speaks_privately(m):
            continue
        b = v.bounds(m.first)[1]
        if nxt.surface in _SUBJECT_MARKERS or nxt.lemma in _SUBJECT_MARKERS:
            stance = next((s for s in v.in_sentence("stance", m.first) if s.first > m.first), None)
            # 「〜と思われます」 is an official estimate, not the writer's opinion.
            if stance is not None and not _passive(toks, stance.last):
                yield v.hit(ctx, m.first, stance.last)
        elif nxt.surface == "の" and m.last + 1 < b and toks[m.last + 1].lemma in _OPINION_NOUNS:
            yield v.hit(ctx, m.first, m.last + 2)
    # 「担当者としては複雑な気持ちです」
    for m in v.hits("self_role"):
        tail = toks[m.last : m.last + 4]
        surf = "".join(t.surface for t in tail)
        if not (surf.startswith("としては") or surf.startswith("的には") or surf.startswith("としても")):
            continue
        feelings = [f for f in v.in_sentence("feeling", m.first) if f.first > m.last and not _passive(toks, f.last)]
        if feelings:
            yield v.hit(ctx, m.first, max(f.last for f in feelings))
    # 「〜って費用対効果が低いんですよね」「今年のイルミは地味ですね…」
    for m in v.hits("judgement"):
        if _chatty_ending(toks, m.last, v.bounds(m.first)[1], strong=m.entry.weight < 1):
            yield v.hit(ctx, m.first, m.last)


def _passive(toks: list[Token], k: int) -> bool:
    return k < len(toks) and toks[k].lemma in ("れる", "られる")


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
    owned = lemmas[:2] == ["と", "思う"] and "れる" not in lemmas[2:3]
    owned = owned or lemmas[:3] == ["気", "が", "為る"] or lemmas[1:4] == ["気", "が", "為る"]
    if owned:
        # Only if that is the end of the sentence: 「つまらないと思っていた歴史が」 goes on.
        return not any(t.pos[0] == "名詞" and t.lemma != "気" for t in tail)
    if any(t.pos[0] in ("動詞", "名詞") and t.lemma not in _TAIL_LEMMAS for t in tail):
        return False  # another predicate follows: 「地味ですが、大切な作業です」
    words = [t for t in tail if t.pos[0] != "補助記号"]
    if not words:
        return False
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
    ],
    passes=[
        ex("市は、中心市街地の活性化が最も重要な課題であると考えています。", "市としての公式見解"),
        ex("市長の三宅です。私は、子育て支援を市政の最優先課題と考えています。", "市長メッセージ"),
        ex("今年の夏は例年より暑くなると思われます。熱中症に十分ご注意ください。", "公式の見込み「と思われます」"),
        ex("参加した児童は「私は将来、消防士になりたいと思いました」と話していました。", "引用された発言"),
        ex("皆さんは、まちの未来についてどう思いますか？ご意見をお聞かせください。", "読者への問いかけ"),
        ex("【移住者の声】私はこの町に来て5年。自然の中での子育てが最高だと思います。", "見出し付きの移住者の声"),
        ex("確定申告の手続きは、地味ですが大切な作業です。お早めにご準備ください。", "評価語でも雑談調でない"),
    ],
)
def detect_first_person(ctx: Context) -> Iterator[Hit]:
    """The writer's own opinion or feeling: 私は〜と思います, 僕も〜が苦手です, 私の感想です,
    担当者としては複雑な気持ちです, and chatty negative judgements (〜って費用対効果が低いんですよね,
    今年のイルミは地味ですね…).

    Why: an official account speaks for the organisation; a first-person opinion is a staff member's
    personal view (towada 4(7), tatsuno 4(7)). Not flagged: the city's voice (市は〜と考えています),
    official estimates (〜と思われます), questions to readers, quoted speech, testimonials under a
    heading (【移住者の声】), the mayor's message introduced as such, mascots speaking in character.
    Write instead: the city's position, or the facts that support the judgement.
    """
    yield from once_per_span(OpinionView.of(ctx).found(ctx, _STANCE_SETS, _first_person_stances))


# --- OPN003: private circumstances ------------------------------------------------------------------


_FAMILY = frozenset({"嫁", "旦那", "妻", "夫", "息子", "娘", "実家", "彼氏"})
# 職員 is not here: 「職員の給料表を公表しました」 is about staff in general, not the writer.
_POSSESSORS = frozenset({"担当者", "担当", "私", "僕", "俺", "中の人", "うち", "我が家", "筆者"})


def _possessed(toks: list[Token], k: int) -> bool:
    """「担当者の持病」「私の妻」「うちの娘」: the private matter belongs to the writer."""
    s = toks[k].sentence
    j = k - 1
    if j >= 1 and toks[j].surface == "の" and toks[j - 1].sentence == s:
        return toks[j - 1].lemma in _POSSESSORS or toks[j - 1].surface in _POSSESSORS
    return False


def _closes_sentence(toks: list[Token], k: int, end: int) -> bool:
    """Only endings follow k: 「〜二日酔いです…」「寝不足気味です」, not 「二日酔いを防ぐには」."""
    tail = toks[k:end]
    if not tail or any(t.surface in ("か", "?", "？") for t in tail):
        return False
    return all(t.pos[0] in _TAIL_POS or t.lemma in _TAIL_LEMMAS or t.lemma == "気味" for t in tail)


def _narrative(toks: list[Token], a: int, b: int) -> bool:
    """A mishap told as something that happened: 〜してしまいまして, 〜しちゃいました, 〜してしまった.

    「夏バテしてしまいがちな季節です」 and 「〜してしまいましょう」 are not narratives.
    """
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
    return False


def _private_matters(v: OpinionView) -> Iterator[tuple[int, int]]:
    toks = v.toks
    for m in v.hits("private"):
        term = m.entry.term.lstrip("=")
        if term in ("私事", "私ごと"):
            yield m.first, m.last
            continue
        a, b = v.bounds(m.first)
        own = _possessed(toks, m.first) or v.first_person_in(m.first)
        if term in _FAMILY:
            if own:
                yield m.first, m.last
            continue
        if v.addressed(m.first) and not own:
            continue  # 「持病のある方は」「腰痛予防教室」「70代の男性が入院」
        # 「昨日は飲み過ぎて二日酔いです」: the matter itself is what the writer reports being in.
        closes = _closes_sentence(toks, m.last, b)
        if own or closes or _narrative(toks, a, b):
            yield m.first, m.last


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
    # 「眠いです…」「疲れました」「お腹すいた」 closing a sentence about oneself.
    if not v.mascot:
        for m in v.hits("tired"):
            a, b = v.bounds(m.first)
            if v.addressed(m.first) or toks[m.last - 1].pos[0] == "名詞":
                continue
            tail = toks[m.last : b]
            if not all(t.pos[0] in _TAIL_POS or t.lemma in _TAIL_LEMMAS for t in tail):
                continue  # 「疲れた体を」: the word modifies something else
            if any(t.surface in ("か", "?", "？") for t in tail):
                continue  # 「疲れていませんか？」 asks the reader
            if any(t.surface == "ね" for t in tail) and not any(t.lemma == "た" for t in tail):
                continue  # 「眠くなりますね」 is small talk about everyone, not a report on oneself
            yield v.hit(ctx, m.first, m.last)
    # 「休日に〜を聞いてきました！」: what the writer did off duty.
    for m in v.hits("off_duty"):
        a, b = v.bounds(m.first)
        nxt = _next(toks, m.last)
        if v.addressed(m.first) or (nxt is not None and nxt.pos[0] in ("名詞", "接尾辞")):
            continue  # 「休日当番医」「プライベートサウナ」 are compounds about services
        came_back = next(
            (
                k
                for k in range(m.last + 1, b)
                if toks[k].lemma == "来る"
                and toks[k - 1].surface == "て"
                and any(t.lemma == "た" for t in toks[k + 1 : b])
            ),
            None,
        )
        if came_back is not None:
            yield v.hit(ctx, m.first, came_back + 1)
        elif v.first_person_in(m.first):
            yield v.hit(ctx, m.first, m.last)
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
    ],
    passes=[
        ex("担当者の体調不良により、今週の配信をお休みします。", "私的な詳細を含まない業務連絡"),
        ex("腰痛予防教室を開催します。持病のある方は事前にご相談ください。", "健康講座の案内"),
        ex("暑さで疲れたときは、無理をせず涼しい場所で休憩しましょう。", "読者への助言"),
        ex("休日当番医は、広報紙または市ホームページでご確認ください。", "休日の業務案内"),
        ex("「息子をかたる電話」で現金をだまし取られてしまう被害が相次いでいます。", "詐欺被害の注意喚起"),
        ex("遊び疲れた子どもたちは、帰りのバスでぐっすり眠っていました。", "参加者の様子"),
    ],
)
def detect_private_circumstances(ctx: Context) -> Iterator[Hit]:
    """The writer's private life and health: 私事ですが, 持病の腰痛が悪化してしまいまして…すみません,
    眠いです…, 休日に〜してきました！, 思わず笑っちゃいました.

    Why: towada 4(7) names 職員の個人的な状況 next to opinions; an official account is not the staff
    member's diary. Health and family words are flagged only when they are the writer's own (担当の,
    私の, a first-person mishap with an apology); advice to readers (持病のある方は) and reports about
    others (70代の男性が) are not. A bare operational notice (「担当者の体調不良により配信が遅れます」)
    passes: it says what the reader needs without private details.
    Write instead: the operational fact only (「都合により配信が遅れます」).
    """
    yield from once_per_span(OpinionView.of(ctx).found(ctx, _PRIVATE_SETS, _private))
