"""Insult rules: 誹謗中傷, 侮辱, 不敬・非礼・不遜な言い方.

towada 4(1) 誹謗中傷すること / 4(2) 非礼・不遜な態度や発言と受け取られるおそれのある情報,
yatsushiro (10)ア 他者を侮辱する情報, honjo 3(6)①, joetsu 5(5) and tatsuno 3(7)(ア) 不敬な言い方を含む情報.

The word lists live in ``rules/lexicons/insult.yml``. Two things are decided here in code because a
single neighbour cannot decide them:

* whether an ambiguous word (クズ/葛, ボケ/木瓜, カス/酒かす, ゴミ) is said *of a person*: it is when a
  person noun follows it (ゴミ人間), when it is "人間の…" or "社会の…", when the sentence addresses
  someone (お前, こいつ), when it is a vocative (このクズが！), when it is exclaimed with すぎ
  (クズすぎ), or when it ends the sentence as a judgement on a person (あの職員はクズだ) or as a
  plain-style retort (ほんと最低だな);
* whether a phrase on a command verb (黙る, 帰る, 死ぬ) is in command form (黙れ, 帰れよ, 死ね);
* whether a word is *used* or only *talked about*: 「死ね」などの言葉は人を傷つけます quotes the word
  to warn against it (``is_mention`` in ``rules/detectors/_shared.py``, shared with the
  discrimination and obscene rules).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING

# distinct_weight and has_matches are re-exported for modules that imported them from here.
from rules.detectors._shared import (  # noqa: F401
    distinct_weight,
    has_matches,
    is_command,
    is_mention,
    is_mentioned_span,
    live_matches,
)
from rules.lexicon import Match
from rules.model import Category, Severity
from rules.registry import Hit, ex, rule
from rules.text import Token

if TYPE_CHECKING:
    from rules.engine import Context

# --- whether an ambiguous word is said of a person ------------------------------------------------

# Tokens that may follow a predicate to the end of its sentence (だ, です, よね, じゃん, すぎ, w).
_FINAL_POS = {"助動詞", "補助記号", "空白", "記号"}
_FINAL_LEMMAS = {"過ぎる", "過ぎ", "と", "思う", "w", "笑", "草", "な", "ね", "よ", "わ", "ぞ", "ぜ", "か", "の", "さ"}
_PERSON_OF = {"人間", "社会", "人類", "世の中", "この世", "日本", "地域", "町", "市"}
_VOCATIVE_DEMONSTRATIVES = {"此の", "その", "あの", "其の", "彼の"}
_VOCATIVE_TAILS = {"が", "め", "共", "野郎"}
_INTENSIFIERS = {"過ぎる", "過ぎ"}
_RETORT_PARTICLES = {"な", "よ", "ね", "わ", "ぞ", "ぜ", "じゃん", "かよ", "笑", "草"}
_POLITE = {"です", "ます"}


def _sentence_end(toks: list[Token], i: int) -> int:
    s = toks[i].sentence
    j = i
    while j < len(toks) and toks[j].sentence == s:
        j += 1
    return j


def _is_final(toks: list[Token], j: int) -> bool:
    """Nothing but copulas, sentence-final particles, symbols and すぎ follow token j-1."""
    end = _sentence_end(toks, j - 1)
    for t in toks[j:end]:
        if t.pos[0] in _FINAL_POS or t.pos[1] == "終助詞" or t.lemma in _FINAL_LEMMAS or t.fold == "w":
            continue
        return False
    return True


class _Targets:
    """Where the draft names or addresses people, indexed once per draft."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.toks = ctx.analysis.tokens
        self.suffix_starts = {m.first for m in ctx.lex.find(ctx.analysis, "insult:person_suffix")}
        self.you = [m.first for m in ctx.lex.find(ctx.analysis, "insult:you")]

    @cached_property
    def persons(self) -> list[int]:
        found = [m.first for m in self.ctx.lex.find(self.ctx.analysis, "insult:person")]
        return found + [i for i, t in enumerate(self.toks) if t.pos[2] == "人名"]

    def _earlier(self, idxs: list[int], i: int) -> bool:
        s = self.toks[i].sentence
        return any(k < i and self.toks[k].sentence == s for k in idxs)

    def _in_sentence(self, idxs: list[int], i: int) -> bool:
        s = self.toks[i].sentence
        return any(self.toks[k].sentence == s for k in idxs)

    def addressed(self, m: Match) -> bool:
        """Explicitly made into a label for a person: ゴミ人間, 社会のゴミ, お前は…, …だなお前, このクズが！"""
        toks, i, j = self.toks, m.first, m.last
        if j in self.suffix_starts:
            return True
        if i >= 2 and toks[i - 1].lemma == "の" and toks[i - 2].lemma in _PERSON_OF:
            return True
        if self._in_sentence(self.you, i):
            return True
        return i >= 1 and toks[i - 1].lemma in _VOCATIVE_DEMONSTRATIVES and self._ends_vocative(j, toks[i].sentence)

    def _ends_vocative(self, j: int, sentence: int) -> bool:
        """Only が/め and the sentence end follow: このクズが！, このボケ！ (not このボケの花)."""
        toks = self.toks
        if j < len(toks) and toks[j].sentence == sentence and toks[j].lemma in _VOCATIVE_TAILS:
            j += 1
        return j == len(toks) or toks[j].sentence != sentence or toks[j].pos[1] == "句点"

    def predicated_of_person(self, m: Match) -> bool:
        """The sentence is about a person and ends on the word: あの職員はクズだ, 〜する人、最低です。"""
        return _is_final(self.toks, m.last) and self._earlier(self.persons, m.first)

    def retorted(self, m: Match) -> bool:
        """Ends a plain-style remark aimed at someone: クズだな, 最低だよ, 仕事できないんだな, 終わってるw.

        Official posts end in です/ます; a bare judgement closed by な/よ/ね/w is said to or of someone.
        """
        if not _is_final(self.toks, m.last):
            return False
        tail = self.toks[m.last : _sentence_end(self.toks, m.last - 1)]
        return any(t.lemma in _RETORT_PARTICLES or t.fold == "w" for t in tail) and not any(
            t.lemma in _POLITE for t in tail
        )

    def intensified(self, m: Match) -> bool:
        """Exclaimed with すぎ: クズすぎ, カスすぎる (no one calls kudzu or sake lees 'too much')."""
        return m.last < len(self.toks) and self.toks[m.last].lemma in _INTENSIFIERS


def _proper_noun(toks: list[Token], m: Match) -> bool:
    # Place and person names that happen to contain an insult are names, not insults.
    return any(toks[k].pos[1] == "固有名詞" for k in range(m.first, m.last))


def _insulting_words(ctx: Context) -> Iterator[Match]:
    toks = ctx.analysis.tokens
    for m in live_matches(ctx, "insult:abuse"):
        if not _proper_noun(toks, m):
            yield m
    # An ambiguous word is mostly the plant or the rubbish: whether it is said of a person is asked
    # first, and whether it is quoted rather than used only of those that are.
    strong = ctx.lex.find(ctx.analysis, "insult:ambiguous")
    weak = ctx.lex.find(ctx.analysis, "insult:ambiguous_weak")
    if not strong and not weak:
        return
    targets = _Targets(ctx)
    for m in strong:
        if (
            not _proper_noun(toks, m)
            and (
                targets.addressed(m) or targets.predicated_of_person(m) or targets.intensified(m) or targets.retorted(m)
            )
            and not is_mention(ctx, m)
        ):
            yield m
    for m in weak:
        if (targets.addressed(m) or targets.intensified(m)) and not is_mention(ctx, m):
            yield m


def _hits(ctx: Context, matches: Iterable[Match]) -> list[Hit]:
    return [ctx.hit(m.start, m.end) for m in matches]


@rule(
    code="INS001",
    category=Category.INSULT,
    severity=Severity.BLOCK,
    when=("set:insult:abuse", "set:insult:ambiguous", "set:insult:ambiguous_weak"),
    title="人を侮辱する言葉",
    message="『{excerpt}』は人を侮辱する言葉です。誹謗中傷や不敬な言い方と受け取られるおそれがあります。",
    fix="人をおとしめる言葉は削除し、お伝えしたい事実やお願いを丁寧な言葉で書いてください。",
    matches=[
        ex("窓口で大声を出す人は本当にバカだと思います。", "abuse said of residents"),
        ex("あの議員はクズだ。", "ambiguous クズ as the predicate about a person"),
        ex("仕事をしない職員は税金泥棒だ。", "税金泥棒"),
        ex("ごみを分別しない人、キモすぎ。", "キモい said of people"),
        ex("お前らはゴミだ。", "ゴミ said to the reader"),
        ex("ルールを守らない人間のクズが多すぎます。", "人間のクズ"),
        ex("何度注意しても分からないなんて、頭悪いですね。", "頭が悪い"),
        ex("ゴミ人間は出ていってほしい。", "ゴミ + person noun"),
        ex("このボケが！", "vocative ボケ"),
    ],
    passes=[
        ex("秋の七草のひとつ、クズ（葛）の花が河川敷で咲いています。", "クズ is the kudzu plant"),
        ex("公園の木瓜が見頃です。ボケの花は春を告げる花です。", "ボケ is the flowering quince"),
        ex("新潟の名物、ばかうけや笹団子を販売します。", "ばかうけ is a rice-cracker brand"),
        ex("電気代もばかにならない季節です。省エネにご協力ください。", "ばかにならない is an idiom"),
        ex("酒かすを使ったかす汁の作り方を紹介します。", "かす is sake lees"),
        ex("カスタードプリン作り教室の参加者を募集します。", "カスタード contains カス"),
        ex("燃えるゴミは月曜日と木曜日です。ゴミは朝8時までに出してください。", "ゴミ is rubbish"),
        ex("市民の皆さんが出したゴミです。分別にご協力ありがとうございます。", "ゴミ after a person is still rubbish"),
        ex("アニサキスなどの寄生虫による食中毒にご注意ください。", "寄生虫 in a food-safety post"),
        ex("ゴキブリやネズミの駆除についてのご相談は環境衛生課へ。", "ゴキブリ in a pest-control post"),
        ex("「バカ」「キモい」などの言葉は、相手を深く傷つけます。", "insults quoted in an anti-bullying post"),
        ex("紙くずや糸くずは燃えるごみに出してください。", "くず compounds are rubbish"),
        ex("最低気温は3度の予想です。暖かくしてお出かけください。", "最低気温"),
        ex("最悪の場合、命に関わるおそれがあります。早めに避難してください。", "最悪の場合"),
        ex("親バカと言われるくらい、子育てを楽しみましょう。", "親バカ is affectionate"),
        ex("時差ボケ対策の講座を開きます。", "時差ボケ"),
        ex("漫才のボケとツッコミを体験するワークショップです。", "ボケ is a comic role"),
        ex("ポンコツ車の不法投棄が増えています。", "ポンコツ of a car"),
    ],
)
def insulting_words(ctx: Context) -> Iterable[Hit]:
    """Words that insult a person: バカ, アホ, 無能, 役立たず, 老害, 税金泥棒, ブス, キモい, 頭おかしい...

    Why: calling anyone names is 誹謗中傷 and 不敬な言い方, which every guideline prohibits (towada 4(1)(2),
    yatsushiro (10)ア, honjo 3(6)①, joetsu 5(5), tatsuno 3(7)(ア)).

    Ambiguous words (クズ, カス, ボケ, ハゲ, ブタ, 最低, ゴミ...) are flagged only when said of a person:
    followed by a person noun (ゴミ人間, クズ職員), after 人間の/社会の, in a sentence that addresses
    someone (お前, こいつ), as a vocative (このクズが！), or (except ゴミ) as the final predicate of a
    sentence about a person (あの職員はクズだ). The plant クズ（葛）, the flower ボケ, 酒かす, ばかうけ,
    ばかにならない, 親バカ and words quoted to warn against them (「バカ」などの言葉) pass.

    Instead: say what happened and what you ask of readers, without labelling anyone.
    """
    return _hits(ctx, _insulting_words(ctx))


@rule(
    code="INS002",
    category=Category.INSULT,
    severity=Severity.BLOCK,
    when=("set:insult:hostile", "set:insult:command", "set:insult:rude_aux"),
    title="暴言・脅し",
    message="『{excerpt}』は相手を威圧する乱暴な言い方（暴言・脅し）です。公式アカウントの発信としてふさわしくありません。",
    fix="命令口調や脅す言葉は使わず、「〜はお控えください」「〜にご協力をお願いします」のように丁寧にお願いする形にしてください。",
    matches=[
        ex("路上駐車する人は黙れ。", "abusive command"),
        ex("文句があるなら市外に出ていけ！", "abusive command"),
        ex("ポイ捨てする奴は死ね", "death wish"),
        ex("ふざけるな。ルールくらい守れ。", "ふざけるな"),
        ex("何度言ったら分かるのか、いい加減にしろ。", "いい加減にしろ"),
        ex("次にやったらぶっ殺すぞ", "threat"),
    ],
    passes=[
        ex("大津波警報が発表されました。直ちに高台へ避難してください。", "urgent but polite instruction"),
        ex("クマに出会ったら、目を合わせずに静かに離れてください。", "wildlife instruction"),
        ex("飲んだら乗るな、乗るなら飲むな。飲酒運転は犯罪です。", "traffic-safety slogan in plain imperatives"),
        ex("がんばれ受験生！図書館の自習室を延長開放します。", "がんばれ is encouragement"),
        ex("「死ね」「消えろ」などの書き込みは、ネットいじめにあたります。", "quoted in an anti-bullying post"),
        ex("台風が去ればすぐに片付けを始められるよう準備しましょう。", "去れば is a conditional"),
        ex("一時停止の「止まれ」の標識を必ず守りましょう。", "a traffic sign"),
        ex("帰れなくなった方のために、駅前に一時滞在施設を開設しました。", "帰れない is potential"),
        ex("ふざけて川に入るのは危険です。", "ふざけて is not a command"),
    ],
)
def hostile_commands(ctx: Context) -> Iterable[Hit]:
    """Abusive commands, threats and death wishes: 黙れ, 消えろ, 死ね, 出ていけ, ふざけるな, いい加減にしろ, 殺すぞ.

    Why: a plain command that dismisses or threatens the reader is the clearest 非礼・不遜な発言
    (towada 4(2)) and 誹謗中傷 (4(1)); a death wish or a threat can also be a crime.

    Only listed hostile forms are flagged, never every plain imperative: official posts use
    slogans and urgent instructions (飲んだら乗るな, 「止まれ」, がんばれ, 直ちに避難してください).
    Commands quoted to warn against them (「死ね」などの書き込み) pass.

    Instead: ask politely (「〜はご遠慮ください」「〜にご協力をお願いします」) and explain why.
    """
    toks = ctx.analysis.tokens
    hits = _hits(ctx, live_matches(ctx, "insult:hostile"))
    hits += _hits(ctx, (m for m in live_matches(ctx, "insult:command") if is_command(toks, m.last - 1)))
    # An auxiliary in command form (黙ってろ, 家事してろ, 覚えとけ) is rude whatever the verb; official
    # posts say 〜していてください. The finding shows the verb with it.
    for m in ctx.lex.find(ctx.analysis, "insult:rude_aux"):
        if "命令形" in toks[m.first].conjugation and not is_mentioned_span(ctx, m.first - 1, m.last):
            hits.append(ctx.hit(toks[m.first - 1].start, m.end))
    return hits


_VULGAR_PREFIX = "くそ"
# Fused words that begin with くそ but are ordinary vocabulary.
_VULGAR_PREFIX_WORDS = {"くそまじめ"}


@rule(
    code="INS003",
    category=Category.INSULT,
    severity=Severity.WARN,
    when=("set:insult:vulgar", f"text:{_VULGAR_PREFIX}"),
    title="品位を欠く下品な言葉",
    message="『{excerpt}』は品位を欠く下品な言葉です。公式アカウントでは非礼な言い方と受け取られるおそれがあります。",
    fix="「クソ〜」などの強調は「とても」「大変」に言い換えるか、削除してください。",
    matches=[
        ex("今日はクソ暑いので、こまめに水分をとりましょう。", "vulgar intensifier; still unfit for an official voice"),
        ex("駅前の騒音、ｸｿうるさいです。", "half-width katakana ｸｿ"),
        ex("糞野郎が不法投棄しています。", "kanji 糞 as a prefix"),
        ex("ちくしょう、また雨で中止です。", "vulgar exclamation"),
    ],
    passes=[
        ex("犬のふんは飼い主が持ち帰りましょう。", "ふん of dogs"),
        ex("鳥の糞による被害が出ています。", "糞 of birds"),
        ex("うんこドリルとコラボした防災ドリルを配布します。", "うんこドリル is a textbook brand"),
        ex("便の色が白っぽいときは、すぐに医療機関にご相談ください。", "medical word for stool"),
        ex("鼻くそをほじるのはやめましょう、と保健だよりで呼びかけています。", "鼻くそ is one word"),
    ],
)
def vulgar_words(ctx: Context) -> Iterable[Hit]:
    """Vulgar words and intensifiers: クソ〜 (クソうるさい, くそ暑い), 糞野郎, ちくしょう, うんこ.

    Why: vulgar language on an official account is 非礼 (towada 4(2)) and lowers the municipality's
    credibility. くそ暑い hurts nobody, so this rule only warns; クソ said of a person is also an insult
    and INS001/INS005 block it. 糞 or ふん of animals (犬のふん, 鳥の糞), 鼻くそ and the textbook
    brand うんこドリル pass.

    Instead: use 「とても」「大変」, or drop the intensifier.
    """
    hits = _hits(ctx, live_matches(ctx, "insult:vulgar"))
    # Sudachi fuses some クソ compounds into one adjective (クソ暑い → 糞暑い), which no token-aligned
    # entry can reach; the prefix itself is the vulgar part.
    if _VULGAR_PREFIX in ctx.analysis.folded:
        for t in ctx.analysis.tokens:
            if len(t.fold) > 2 and t.fold.startswith(_VULGAR_PREFIX) and t.fold not in _VULGAR_PREFIX_WORDS:
                hits.append(ctx.hit(t.start, t.end))
    return hits


@rule(
    code="INS004",
    category=Category.INSULT,
    severity=Severity.WARN,
    when=("set:insult:condescension",),
    title="読み手を見下した言い方",
    message="『{excerpt}』は読み手を見下した言い方です。不遜な態度と受け取られるおそれがあります。",
    fix="住民を責める言い方ではなく、「詳しくは資料の○ページをご覧ください」のように、読み手に寄り添って案内する形にしてください。",
    matches=[
        ex("資料に書いてあることを質問されても困ります。", "blames residents for asking"),
        ex("分別ルールも守れないんですか？", "rhetorical question"),
        ex("夜中に騒ぐ人、近所迷惑って言葉知ってますか？", "belittles the reader's knowledge"),
        ex("何度言えばわかるのでしょうか。", "exasperated"),
        ex("常識で考えてください。", "talks down"),
        ex("ちゃんと読んでから窓口に来てください。", "scolds for not reading"),
    ],
    passes=[
        ex("申込書の記入例をよく読んでから、お申し込みください。", "polite instruction to read"),
        ex("日本語が読めない方のために、多言語の案内を用意しています。", "multilingual support"),
        ex("Q. マイナンバーカードがないと申請できないのですか？ A. 通知カードでも申請できます。", "FAQ question"),
        ex("「もったいない」という言葉は世界に広がっています。", "という言葉 without belittling"),
        ex("何度もお伝えしていますが、不要不急の外出はお控えください。", "repeated urgent request"),
        ex("良い年をお迎えください。", "良い年"),
    ],
)
def condescension(ctx: Context) -> Iterable[Hit]:
    """Talking down to residents: rhetorical questions (〜も守れないんですか？, 〜って言葉知ってますか？),
    exasperation (何度言えばわかるのか), 常識で考えてください, ちゃんと読んでから来てください.

    Why: an official account serves every resident; scolding or belittling them is 不遜な態度
    (towada 4(2)) and 不敬な言い方 (honjo 3(6)①, joetsu 5(5), tatsuno 3(7)(ア)). The tone is for the
    approver to weigh, so this rule warns.

    A rhetorical question is told from an FAQ heading by what it belittles (日本語, 字, ルール, 常識,
    こんなこと) and by 〜も/すら; a plain 「よく読んでからお申し込みください」 passes.

    Instead: point to where the answer is (「詳しくは資料の3ページをご覧ください」) and thank readers.
    """
    return _hits(ctx, live_matches(ctx, "insult:condescension"))


@rule(
    code="INS005",
    category=Category.INSULT,
    severity=Severity.BLOCK,
    when=("set:insult:disparage",),
    title="他者をけなす・あざける表現",
    message="『{excerpt}』は他者（人・団体・地域）やその取り組みをけなす、あざける表現です。誹謗中傷と受け取られるおそれがあります。",
    fix="他者への評価やからかいは削除し、自分たちの取り組みの紹介など、事実に絞って発信してください。",
    matches=[
        ex("隣町の観光ポスター、センスゼロですね。", "mocks another town"),
        ex("委員の発言は的外れで、聞いていられませんでした。", "scorns a person's words"),
        ex("あの程度の企画しか出せないとは、お粗末な話です。", "scorns someone's work"),
        ex("次は、もっとまともな人を選びましょう。", "implies the current person is not decent"),
    ],
    passes=[
        ex("小学生が作ったポスターは、どれもセンスが光る力作ぞろいです。", "praise"),
        ex("的確な助言をいただき、ありがとうございました。", "的確 is praise"),
        ex("放送が聞き取りにくい場合は、防災メールでもご確認いただけます。", "聞き取りにくい"),
        ex("かわいいキャラクターに思わず笑顔になりました。", "friendly reaction"),
    ],
)
def disparagement(ctx: Context) -> Iterable[Hit]:
    """Mocking or scornful judgements of others: センスゼロ, 的外れ, 聞いていられない, お粗末, 茶番, 失笑,
    もっとまともな人を.

    Why: disparaging another municipality, a council member or anyone's work is 誹謗中傷
    (towada 4(1), yatsushiro (10)ア) even without a swear word, and an official account that mocks
    others invites the 無用な議論 the guidelines ask staff to avoid.

    Instead: describe your own work on its merits; leave others' out or speak of them with respect.
    """
    return _hits(ctx, live_matches(ctx, "insult:disparage"))
