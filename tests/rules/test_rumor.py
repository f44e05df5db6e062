"""Rumours and unfounded information (RUM001–RUM004), beyond the rules' own examples.

The flagged list varies the hearsay forms (らしい, そうだ, とか, って, 噂, 聞いた話, 確認は取れて
いない …); the passing list is what official posts say that looks alike: typicality らしい,
めずらしい, the appearance そう, sourced reportage, lore, refutations of rumours, warnings about
misinformation, and health or safety advice phrased as 〜と言われています.
"""

from __future__ import annotations

import pytest

from rules import Draft, Engine, Settings
from rules.model import Category, Severity
from rules.registry import REGISTRY

ENGINE = Engine(Settings(policy="default"))


def rumor_findings(text: str):
    return [f for f in ENGINE.screen(Draft(text=text)).findings if f.category is Category.RUMOR]


FLAGGED = [
    ("来年度から市立図書館が民間に委託されるらしいですよ。", "らしい after a passive"),
    ("市長が次の選挙に出ないらしいよ。", "らしい after a negative"),
    ("イベントは中止らしいです。", "らしい after an event noun"),
    ("夏祭りの花火がなくなるﾗｼｲ…", "half-width evasion"),
    ("駅前の商業ビルは年内に閉店するそうです。", "unsourced evidential そう"),
    ("来月から燃えるごみの収集が週1回に減るとのことです。", "unsourced とのこと"),
    ("新しい体育館の完成は1年遅れるとか。", "sentence-final とか"),
    ("北小の先生が辞めるって話、聞きましたか？", "って話"),
    ("給食センターの新しい業者は、市長の親戚の会社なんだって。", "なんだって"),
    ("市長が辞任するって噂を聞きました。", "って噂"),
    ("北小学校は再来年に統合されるという噂を聞きました。", "という噂"),
    ("噂では、駅前に大型商業施設ができるそうです。", "噂では"),
    ("知人から聞いたのですが、市営プールは今年で終わりです。", "unnamed source"),
    ("関係者によると、新しい体育館の建設は白紙に戻るそうです。", "関係者によると"),
    ("近所の人の話だと、公園の桜並木が伐採されるみたいです。", "neighbour"),
    ("真偽はわかりませんが、駅前で通り魔が出たそうです。", "真偽は分からない"),
    ("未確認情報ですが、北インター付近で大きな事故があったようです。", "未確認情報"),
    ("本当かどうか分かりませんが、来年から燃えるごみが有料になるみたいです。", "本当かどうか"),
    ("新駅の建設が中止になるという情報がSNSで出回っています。", "spreading, not refuted"),
    ("来週、大きな地震が来るという噂があります。今のうちに水を買っておきましょう。", "panic buying"),
    ("ネットで見たんですけど、水道水に有害物質が混ざっているらしいです。拡散してください。", "spread it"),
    ("外国人が増えると地域の治安が悪くなると言われています。", "stereotype"),
    # Inference and hearsay beyond らしい/そう.
    ("東口の銀行の支店が、秋で閉まるみたいです。", "みたい after an event to come"),
    ("市内の保育園でも手足口病の患者が出たみたい。", "みたい after a past incident"),
    ("旧市民病院の建物は、来年取り壊されるようです。", "ようだ after an event to come"),
    ("南インター付近で車の火災があったようなので、通行の際は気をつけて。", "ようなので + incident"),
    ("駅前の交番が廃止される模様。", "模様 closing a headline"),
    ("西中学校が隣の学区と統合されるっぽいです。", "っぽい after an event to come"),
    ("市民体育館の天井に亀裂が入っていたそうです。", "past そう about an incident"),
    ("旧道のトンネルで落石事故があったとのことです。", "past とのこと about an incident"),
    ("来年から高校生まで医療費が無料になるって聞いたよ。", "って聞いた"),
    ("市長が選挙に出馬しないと耳にしました。", "と耳にしました"),
    ("噂によれば、秋の収穫祭は規模が縮小されるそうです。", "噂によれば is no source"),
    # Sources nobody can check.
    ("ネットの情報では、北部の山で大規模な土砂崩れが起きています。", "ネットの情報では"),
    ("SNSで見かけたのですが、中央公園の遊具が全部撤去されます。", "SNSで見かけた"),
    ("友達の旦那さんが話していたんですが、市立病院の救急外来がなくなります。", "a friend's husband"),
    ("西町の川で魚が大量に死んでいるという書き込みを見ました。", "書き込みを見ました"),
    ("ラインで回ってきた話ですが、来週の資源ごみ回収はお休みです。", "a forwarded message"),
    ("来年は大災害が起きると予言している人がいます。", "an unnamed prophet"),
    ("市役所の移転先は東町に決まったと、町内の噂になっています。", "噂 on its own"),
    ("ただの噂ですが、人気のパン屋さんが隣の市に移るみたいです。", "ただの噂ですが"),
    ("確実な情報ではありませんが、夏祭りの日程が変わります。", "確実な情報ではありません"),
    ("真偽は定かでないが、山で遭難者が出ているという話だ。", "真偽は定かでない"),
    ("職員の間で、副市長が辞めるのではないかとささやかれている。", "ささやかれている"),
    ("世間では、この薬を飲むと認知症が治るとも言われています。", "an unsourced cure"),
    ("このお守りを持つと病気にならないと巷では言われています。", "巷では"),
    ("ネットで見たのですが、市内の銀行が破綻するそうです。預金を引き出しておきましょう。", "bank run"),
    ("あの施設、来年には有料にするつもりらしいです。", "らしい after つもり"),
    ("市の公民館が来月で使えなくなるとか聞いたよ。", "とか聞いた"),
    ("中学校の部活が全部なくなるかもって聞いた。", "かもって聞いた"),
    ("職場の先輩が、市立病院の夜間救急が休止されると言っていました。", "an acquaintance said so"),
    ("南町で火事があったと、ネットで大騒ぎになっています。", "an incident sourced to online talk"),
    ("根拠はないのですが、来月の大雨で川があふれるらしいです。", "根拠はないのですが is a hedge"),
    ("駅前のホテルが売却されるようだと、みんな噂しています。", "噂する"),
    ("市内の川の水を飲んだ人が体調を崩しているようです。", "a health incident"),
    ("市長は、次の選挙には出ないみたいです。", "a claim about an office-holder"),
    # Round 2: more grammar forms and word families.
    ("駅前の再開発を請け負ったのは、副市長の同級生の会社らしいですよ。", "らしい after a genitive-modified noun"),
    ("河川敷のぼやの原因は、たばこのポイ捨てらしい。", "らしい after a noun, about an incident"),
    ("市民病院で医療ミスがあったって本当？", "〜って本当？ about an incident"),
    ("あの質屋って反社とつながってるってマジ？", "〜ってマジ？"),
    ("北口の雑居ビルで火事があったって目撃情報が出てる", "casual って + 目撃情報"),
    ("給食に異物が入ってたって口コミで広まってます", "word of mouth about an incident"),
    ("市営住宅の水道水に鉛が混ざってるって説がある。", "って説"),
    ("9月に富士山が噴火するという予言が話題になっているようです。", "a prophecy said to be talked about"),
    ("夕焼けの空に地震雲らしき筋が見えました。", "a folk omen of a quake"),
    ("ナマズが暴れるのは大地震の前兆だそうです。", "an omen said to foretell a quake"),
    ("浄水場で薬品が漏れたとの連絡がありました（未確認）", "parenthetical 未確認"),
    ("このお茶を毎日飲むと糖尿病が良くなると評判です。", "a cure as reputation"),
    ("子宮頸がんワクチンで不妊になるという声も聞かれます。", "medical misinformation as voices"),
    ("市立プールが来年閉鎖されるってLINEが回ってきました。", "a forwarded LINE message"),
    ("変電所が爆発したってツイッターで流れてきた", "seen in a timeline"),
    # Round 3: gossip's forms, sources that name nobody, and health and water rumours.
    ("来年から市内の小学校は制服が自由になるって聞きました。", "casual って聞きました about an event"),
    ("駅前のケーキ屋さんで異物が混入していたって聞きました。", "〜屋さん names no source"),
    ("市内で空き巣が多発中とのこと。戸締まりを忘れずに。", "a noun before とのこと"),
    ("市民プールは今年で閉鎖とのことです。", "an event noun before とのこと"),
    ("市民会館が取り壊されるという話を聞きました。", "という話を聞きました"),
    ("駅前に大型のパチンコ店が出店するという話もあります。", "という話もあります"),
    ("ガソリンが来月また値上がりするとの声も…今のうちに満タンにしておきましょう。", "a voice + act now"),
    ("ごみ処理場の跡地にカジノができるのではと近所で言われています。", "said among neighbours"),
    ("誰かから聞いたんですが、北小のプールが使えなくなるそうです。", "heard from somebody"),
    ("ソースはわからないけど、来週は市内全域で断水するらしいです。", "source unknown"),
    ("テレビで有名人が「このお茶で糖尿病が治る」と言ってました。", "a cure relayed from a celebrity"),
    ("この地域の水道水は飲まない方がいいとよく言われます。", "the city's water said to be unsafe"),
    ("正式な発表はまだですが、市長が辞任するようです。", "a source said not to exist yet"),
]

PASSES = [
    ("日差しにも夏らしさが出てきました。", "接尾辞 らしさ"),
    ("誰もが自分らしく暮らせるまちを目指します。", "自分らしく"),
    ("子どもらしい笑顔があふれる運動会になりました。", "typicality"),
    ("いかにも秋らしい爽やかな一日でした。", "typicality after a noun"),
    ("町内でアカウミガメが産卵するのはめずらしい出来事です。", "めずらしい"),
    ("すばらしい演奏に、会場から大きな拍手が送られました。", "すばらしい"),
    ("夕方から雨が降りそうです。傘をお持ちください。", "appearance そう"),
    ("今年は例年より紅葉が遅くなりそうです。", "appearance そう after 連用形"),
    ("明日は雪が降るそうです。路面の凍結にご注意ください。", "weather hearsay is a forecast"),
    ("気象台によると、今夜から明日にかけて大雪になるそうです。", "named source"),
    ("店主の佐藤さんは、毎朝4時から仕込みを始めるそうです。", "interview"),
    ("田植えを体験した児童の中には、田んぼに入るのが初めての子も多かったそうです。", "past reportage"),
    ("この地域では、昔から塩づくりが盛んだったそうです。", "lore"),
    ("このお店は地元の人の憩いの場になっているそうです。", "lasting state"),
    ("児童手当の振込口座が未確認の方には、個別にお知らせを送っています。", "administrative 未確認"),
    ("被害の状況については、現在確認中です。分かり次第お知らせします。", "fact-finding"),
    ("道の駅の噂の絶品ソフトクリームを食べてきました。", "噂の = talked-about"),
    ("災害時には様々な噂が飛び交います。正しい情報を確認しましょう。", "talk about rumours"),
    ("「ダムが決壊するらしい」という書き込みがありますが、そのような事実はありません。", "refutation"),
    ("市内全域で断水するという情報が広まっていますが、これは誤りです。拡散はお控えください。", "refutation"),
    ("この後断水するとの噂が広がっていますが、断水の予定はありません。", "refutation"),
    (
        "トイレットペーパーがなくなるらしい、という話を耳にしますが、なくなりません。必要な分だけ購入しましょう。",
        "calming",
    ),
    ("SNS上のデマにご注意ください。", "misinformation warning"),
    ("出どころのわからない情報は、他の人に伝えないでください。", "please do not spread"),
    ("真偽不明の情報を拡散しないよう、公式の発表をご確認ください。", "warning"),
    ("新型コロナウイルスに関する正しい情報は、厚生労働省のホームページでご確認ください。", "pointer to source"),
    ("この神社の大杉は、樹齢800年と言われています。", "lore"),
    ("高齢者は熱中症になりやすいと言われています。こまめな水分補給を心がけましょう。", "health advice"),
    ("高齢者は特殊詐欺の被害に遭いやすいと言われています。", "victims, not stereotype"),
    ("適度な運動は、生活習慣病の予防に効果があると言われています。", "general advice"),
    ("台風に備え、今のうちに飲料水や非常食を確認しておきましょう。", "preparedness"),
    ("参加した生徒は「楽しかった」と話していました。", "quoted participant"),
    ("好奇心や、友人・知人に誘われて始めるケースが多いと聞いています。", "知人に誘われ is not a source"),
    # Observations, guesses about weather and nature, and look-alikes of the inferential forms.
    ("今朝は霜が降りて、畑が一面真っ白になったようです。", "an observation of nature"),
    ("来週あたり、堤防の菜の花が満開になるようです。", "a guess about nature"),
    ("今日は気温がぐんと上がるみたいです。水分補給を忘れずに。", "a guess about the weather"),
    ("ご来場の皆さんも、ステージを楽しんでくださったようです。", "an observation of visitors"),
    ("新しい遊具、子どもたちにさっそく気に入ってもらえたみたいです！", "a cheerful observation"),
    ("工事は予定どおり進んでいるようです。", "a lasting state"),
    ("迷子にならないよう、お子さんと手をつないでお歩きください。", "purpose よう"),
    ("申請書は、次のように記入してください。", "ように"),
    ("夢のような一日を過ごしました。", "ような + noun"),
    ("まるで絵本みたいな景色が広がっています。", "みたい after a noun"),
    ("当日の模様は、市の動画チャンネルでご覧いただけます。", "模様 = the scene"),
    ("子どもっぽいデザインが人気です。", "っぽい after a noun"),
    ("キャンプ場の管理人さんに、夜は10度を下回ると聞きました。", "an interview"),
    ("参加者から「また来たい」と聞き、励みになりました。", "quoted words"),
    ("聞き取り調査の結果をまとめました。", "聞き取り"),
    ("耳の不自由な方には、手話通訳を用意しています。", "耳"),
    ("保健所によると、市内の飲食店で食中毒が発生したそうです。", "an incident with its source"),
    ("この辺りは、明治の大火で町の半分が焼けたそうです。", "lore with an era"),
    ("町長からは、来月中に工事の日程を示すと聞いております。", "briefing register"),
    # Words that read like rumours but describe something else.
    ("SNSで話題のご当地パンが、道の駅で買えるようになりました。", "話題 = popular"),
    ("町内は、地元の高校の甲子園出場の話題で持ちきりです。", "持ちきり about good news"),
    ("地名の由来には、渡し場があったからという説があります。", "lore"),
    ("公式キャラクターの新しい着ぐるみが完成しました。", "公式キャラクター"),
    ("喫煙は肺がんのリスクを高めると言われています。禁煙にチャレンジしませんか。", "health advice"),
    ("この温泉は、神経痛や冷え性に効くと言われています。", "tourism lore"),
    ("火災の原因など、詳細は不明です。現在、消防が調べています。", "an official stating what is unknown"),
    ("停電に備え、懐中電灯を用意しておきましょう。", "preparedness"),
    ("一部の地域では、路面が凍結しています。運転にご注意ください。", "一部の地域"),
    ("「ワクチンで不妊になる」という情報が出回っていますが、科学的な根拠はありません。", "refutation"),
    ("「市の施設が全部有料になる」との書き込みがありますが、そのような事実は一切ありません。", "一切ありません"),
    ("「来週大地震が来る」といった話がありますが、地震を予知することはできません。", "cannot be predicted"),
    ("医師不足の解消に向けて、奨学金制度を設けています。", "医師不足 is not a source"),
    ("講師の先生から、ストレッチは毎日続けることが大切だと聞きました。", "an interview"),
    ("友人が『この町の夕日は日本一』と話していました。", "a quotation"),
    ("来月の音楽祭では、市内の合唱団が出演するそうです。", "a programme"),
    ("昨年オープンしたカフェは、地元の野菜を使ったランチが人気だそうです。", "a feature"),
    ("ツバメが今年も駅の軒下に巣を作ったようです。温かく見守ってください。", "nature"),
    ("白鳥の飛来が始まりました。これから数がさらに増えるようです。", "nature, a trend"),
    ("雪の影響で、通行止めになっている区間があるようです。", "a closure in force, not a claim"),
    ("SNSで話題の絶景スポットを紹介します。", "話題 without an incident"),
    ("確認が取れていない情報は発信しないよう心がけています。", "policy"),
    # Round 2 near misses.
    ("朝晩の風がひんやりして、すっかり秋らしいですね。", "typicality らしいですね"),
    ("港に並ぶ漁船の姿は、いかにも漁師町らしい。", "typicality with いかにも"),
    ("今日10月1日はコーヒーの日らしいです。一息つきませんか。", "trivia about a day"),
    ("「冬でも熱中症になるって本当？」 答えは、はい。室内でも水分補給を。", "a health column's question"),
    ("ご来光を拝める展望台まで、山頂駅から徒歩10分です。", "拝める alone"),
    ("「地震雲」と地震の関係は、科学的に証明されていません。", "omen refuted by science"),
    ("地震はいつ起きるか分かりません。家具の固定など、日頃の備えをお願いします。", "preparedness, no omen"),
    ("土砂災害の前兆現象に気付いたら、すぐに避難してください。", "official warning signs, no quake"),
    ("この地名の由来には諸説あり、川の名前から来たという説が有力です。", "lore about a place name"),
    ("口コミで広がった手作りジャムが、道の駅の人気商品になりました。", "word of mouth without an incident"),
    ("リハーサルのあと、本番は午後2時からです。", "本番 of a performance"),
    ("南海トラフ地震の前兆とされる現象が観測されると、気象庁が臨時情報を発表します。", "official early warning"),
    # Round 3 near misses.
    ("公園の遊具が古くなっているという話を聞き、さっそく点検しました。", "a report the city acted on"),
    ("評判のパン屋さんのメロンパンがおいしいって聞いたので、取材に行ってきました。", "って聞いた about a state"),
    ("地域の方からは、また開催してほしいとの声も。", "a voice that reports no claim"),
    ("この温泉は昔から胃腸に良いと言われています。", "hot-spring lore"),
    ("保健師さんが「がんは早期発見で治ることが多い」と話していました。", "a health professional quoted"),
    ("カマキリの卵が高い位置にあると大雪になるという言い伝えがあります。", "lore named as lore"),
    ("新しい施設の名称の正式な発表をお楽しみに。", "発表 announced by the city"),
    ("市内の中学生が、将来は医師になって難病を治したいと話していました。", "治したい is a wish"),
]


@pytest.mark.parametrize(("text", "note"), FLAGGED, ids=[n for _, n in FLAGGED])
def test_rumours_are_flagged(text: str, note: str):
    assert rumor_findings(text), f"should be flagged as rumor ({note}): {text}"


@pytest.mark.parametrize(("text", "note"), PASSES, ids=[n for _, n in PASSES])
def test_official_posts_pass(text: str, note: str):
    assert not rumor_findings(text), f"false alarm ({note}): {text}"


def test_excerpt_is_the_claim_not_the_particle():
    (finding,) = rumor_findings("駅前の商業ビルは年内に閉店するそうです。")
    assert finding.excerpt == "駅前の商業ビルは年内に閉店するそうです"
    assert "噂" in finding.message


def test_panic_rule_blocks_by_default_while_hearsay_warns():
    assert REGISTRY.get("RUM003").severity is Severity.BLOCK
    assert REGISTRY.get("RUM001").severity is Severity.WARN
    assert REGISTRY.get("RUM002").severity is Severity.WARN


def test_panic_rule_fires_on_hearsay_plus_an_urge():
    from rules.engine import Context
    from rules.text import Analysis

    text = "近々お米が店頭から消えるとの噂です。買えなくなる前に買っておくと安心ですよ。"
    ctx = Context(draft=Draft(text=text), settings=ENGINE.settings, analysis=Analysis(text), lex=ENGINE.lex)
    hits = list(REGISTRY.get("RUM003").detect(ctx))
    assert len(hits) == 1
    assert "買っておく" in text[hits[0].start : hits[0].end]


def test_a_fake_source_does_not_clear_hearsay():
    # によると names a source only after a body or a role: 聞くところ, 噂, ネット are none.
    assert not rumor_findings("市の担当課によると、旧庁舎の跡地には公園が整備されるそうです。")
    for opener in ("聞くところによると", "噂によると", "ネットによると"):
        assert rumor_findings(f"{opener}、旧庁舎の跡地には公園が整備されるそうです。"), opener


def test_past_hearsay_is_a_rumour_only_about_an_incident():
    assert not rumor_findings("訪れた児童の中には、牛に触るのが初めての子も多かったそうです。")
    assert rumor_findings("訪れた児童の中に、牛に触ってけがをした子がいて、事故になったそうです。")


def test_hearsay_gate_holds_every_trigger():
    # RUM001 looks only at tokens that start a trigger, so each trigger must contain a gate literal.
    from rules.detectors.rumor import _TRIGGER_RE

    literals = REGISTRY.get("RUM001").when.literals
    for trigger in _TRIGGER_RE.pattern.split("|"):
        assert any(literal in trigger for literal in literals), trigger


def test_casual_heard_is_a_rumour_about_events_only():
    # 〜って聞きました passes gossip on: any event to come counts, not only incidents and changes.
    assert rumor_findings("来年から市役所の窓口が夜8時まで開くって聞きました。")
    # Not a state (おいしい), not a narration that goes on (聞いて、…), not the formal と聞きました.
    assert not rumor_findings("ここのそばがおいしいって聞きました。")
    assert not rumor_findings("夜8時まで開くって聞いて、仕事帰りに寄ってみました。")
    assert not rumor_findings("館長から、来年は開館50周年を迎えると聞きました。")


def test_a_shop_or_a_missing_announcement_names_no_source():
    assert rumor_findings("駅前の八百屋さんで食中毒が出たそうです。")
    assert not rumor_findings("八百屋の田中さんによると、駅前で食中毒が出たそうです。")
    assert rumor_findings("来年度から市バスが減便されるみたいです。正式な発表はまだですが。")
    assert not rumor_findings("市の発表によると、来年度から市バスが減便されるそうです。")


def test_folk_lore_sources_hearsay_but_not_a_health_claim():
    # 昔から names where lore comes from (RUM001), but is no ground for a claim that the water is unsafe.
    assert not rumor_findings("この地域では、昔から塩づくりが盛んだったそうです。")
    assert rumor_findings("水道水を飲むと下痢になると昔から言われています。")
