"""Data-driven cases for the `insult` rules beyond the rules' own examples.

CLEAN holds posts of the kind city halls publish, many of them built around words that contain or
resemble an insult (クズの花, ボケの花, ばかうけ, ゴミ出し, 最低気温, サルの出没): none may raise an
insult finding. ABUSIVE holds abusive comments and rude drafts, each with the rule that must catch it.
"""

from __future__ import annotations

import pytest

from rules import Category, Draft, Severity, Verdict, screen
from rules.engine import Context, engine_for
from rules.registry import REGISTRY
from rules.text import Analysis

CLEAN = [
    # Plants, flowers and food whose names look like insults.
    "秋の七草のひとつ、クズ（葛）の花が河川敷で咲いています。甘い香りがしますよ。",
    "葛の根から作るくず粉を使った、くず餅づくり体験の参加者を募集します。",
    "寒い日には、しょうが入りのくず湯で体を温めましょう。",
    "紅葉坂公園でボケ（木瓜）の花が見頃を迎えました。",
    "ボケの花言葉は「平凡」「早熟」です。春の訪れを告げる花として親しまれています。",
    "新潟の物産展を開催中です。ばかうけや笹団子、へぎそばが並んでいます。",
    "暖房の電気代もばかにならない季節です。省エネのコツをご紹介します。",
    "親バカ川柳コンテストの入賞作品を発表しました。",
    "酒かすを使ったかす汁の作り方を、食生活改善推進員が紹介します。",
    "カスタードクリームたっぷりのシュークリームが、道の駅の新名物です。",
    "カステラ作りとカスタネット演奏の親子教室を開きます。",
    "ソテツの実は有毒なので、食べないでください。",
    # Waste collection: ゴミ is rubbish.
    "燃えるゴミは月曜日と木曜日、資源ゴミは第2・第4水曜日です。",
    "ゴミは収集日の朝8時30分までに、指定の集積所に出してください。",
    "粗大ゴミの収集は予約制です。電話またはインターネットでお申し込みください。",
    "海岸のゴミ拾いボランティアに120人が参加し、軽トラック3台分のゴミを集めました。",
    "皆さんのご協力で、昨年度のゴミの量は5％減りました。ありがとうございます。",
    "紙くずや糸くず、パンくずは燃えるごみです。",
    "生ごみは水気をよく切ってから出しましょう。",
    # Wildlife, animals, pests.
    "【サル出没】東町の住宅地でニホンザルが目撃されています。サルに餌を与えないでください。",
    "サルを見かけても、目を合わせず、静かにその場を離れてください。",
    "小学生がブタの飼育体験をしました。豚汁のふるまいもありました。",
    "ゴキブリやネズミの駆除についてのご相談は、環境衛生課までどうぞ。",
    "アニサキスなどの寄生虫による食中毒にご注意ください。",
    "夏場は生ごみにウジ虫が発生しやすくなります。ふたのある容器に入れましょう。",
    "雑魚寝にならないよう、避難所には間仕切りを用意しています。",
    # Weather, disasters and urgent instructions.
    "明日の最低気温は氷点下3度の予想です。水道管の凍結にご注意ください。",
    "最悪の場合、命に関わるおそれがあります。早めに避難してください。",
    "【大津波警報】直ちに高台へ避難してください。絶対に海岸に近づかないでください。",
    "クマに出会ったら、背中を見せずにゆっくりと離れてください。",
    "大雨の際は、川や用水路の様子を見に行かないでください。",
    "台風が去れば、すぐに片付けが始められるよう準備しておきましょう。",
    "帰宅困難者のため、駅前に一時滞在施設を開設しました。家に帰れない方はご利用ください。",
    "飲んだら乗るな、乗るなら飲むな。年末年始は飲酒運転の取り締まりを強化します。",
    "一時停止の「止まれ」の標識では、必ず止まって左右を確認しましょう。",
    "がんばれ受験生！市立図書館の自習室を21時まで延長開放します。",
    "来たれ若人！消防団員を募集しています。",
    "川でふざけて遊ぶのは大変危険です。",
    "気分が悪くなったり、気持ち悪くなったりしたら、涼しい場所で休んでください。",
    # Health, ageing, everyday services.
    "時差ボケを防ぐコツを、空港の保健師が紹介します。",
    "脳トレで認知症予防！頭を使って楽しむシニア講座です。",
    "漫才のボケとツッコミを体験する、お笑いワークショップを開きます。",
    "チビッ子広場の遊具を新しくしました。ちびっこ相撲大会も開催します。",
    "塗装のはげた遊具を塗り直しました。",
    "三角形の底辺と高さを測る、算数の出前授業を行いました。",
    "見た目は不細工でも味は抜群。規格外野菜の直売会です。",
    "ポンコツ車の不法投棄が増えています。見かけたら市へご連絡ください。",
    "マラソン大会では、関門の制限時間を過ぎると失格となります。",
    # Quoting insults in order to warn against them.
    "「バカ」「キモい」「死ね」などの言葉は、相手の心を深く傷つけます。",
    "ネット上の「消えろ」「ウザい」といった書き込みは、いじめにあたることがあります。",
    "「税金泥棒」などの暴言が窓口で続いており、職員が対応に苦慮しています。",
    "太宰治の『人間失格』を読む読書会を開きます。",
    "「おまえじゃ話にならん。上司を呼べ！」といった暴言は、カスタマーハラスメントにあたります。",
    "「土下座しろ」「謝罪文を書け」などの要求は、カスタマーハラスメントです。",
    "掲示板に「キモイ」などと書き込むことは、ネットいじめです。",
    "「ばか」と言われて悲しい思いをした経験はありませんか。言葉の暴力について考えましょう。",
    # More look-alikes: animals, plants, products.
    "地元の老舗が作る「ばかうまカレー」が人気です。",
    "バカ貝（アオヤギ）の漁が解禁されました。",
    "アホウドリの保護活動を紹介するパネル展です。",
    "ハゲワシの生態を学ぶ動物園の講座です。",
    "ブタクサの花粉が飛散する時期です。",
    "クズの葉が道路にはみ出しています。通行の際はご注意ください。",
    "ボケの盆栽展が市民会館で開かれています。",
    # Ordinary official wording near insult words.
    "工事期間中は皆さまにご迷惑をおかけします。ご理解をお願いします。",
    "吐き気がするなどの症状があるときは、すぐに医療機関を受診してください。",
    "税金の無駄遣いをなくすため、すべての事業を見直しています。",
    "最悪の事態を想定して、家庭での備えを進めましょう。",
    "あなたの一票が、まちの未来をつくります。",
    "消防団員の皆さん、夜遅くまでの警戒お疲れさまでした。",
    # Polite instructions that must not read as condescension.
    "申込書の記入例をよく読んでから、お申し込みください。",
    "ご不明な点は、資料の3ページもあわせてご覧ください。",
    "日本語が読めない方のために、英語・中国語・ベトナム語の案内を用意しています。",
    "Q. マイナンバーカードがないと申請できないのですか？ A. 通知カードでも申請できます。",
    "「もったいない」という言葉は世界に広がっています。",
    "何度もお伝えしていますが、不要不急の外出はお控えください。",
    "良い年をお迎えください。本年もありがとうございました。",
    "防災の常識が変わりつつあります。最新の情報を確認しましょう。",
    "子どもたちが自分で調べて発表しました。",
    "小学生が作ったポスターは、どれもセンスが光る力作ぞろいです。",
    "的確な助言をいただき、ありがとうございました。",
    "かわいいキャラクターに思わず笑顔になりました。",
    "静岡県御前崎市のゴミ処理施設を視察しました。",
    "奴凧づくり教室を開きます。",
    "犬のふんは飼い主が持ち帰りましょう。",
    "鳥の糞による被害が出ています。",
    "うんこドリルとコラボした防災ドリルを配布します。",
    "鼻くそをほじらないよう、保健だよりで呼びかけています。",
    # 敬老: Sudachi gives おじいさん/おばあちゃん the lemmas 爺/婆 (past false alarms).
    "敬老の日に、おじいちゃん・おばあちゃんへの感謝の手紙を募集します。",
    "おじいさんとおばあさんが、昔の田植えの様子を話してくれました。",
    "花咲かじいさんの紙芝居を、公民館で上演します。",
    "お婆さん直伝のおはぎ作り教室を開きます。",
    # Quoted words that are reported, named, or are titles, chants and sayings.
    "「チビ」とからかわれた経験を、中学生が作文に書きました。",
    "「ブス」と笑われて悩んでいる方は、相談窓口をご利用ください。",
    "「お前なんかいらない」のひと言が、子どもを深く傷つけます。",
    "「消えろ！」の一言で、どれだけ人が傷つくか考えてみましょう。",
    "高齢の方を「じじい」「ばばあ」と呼ぶのはやめましょう。",
    "同じ阿呆なら踊らにゃ損々。今年も阿波踊りに参加しましょう。",
    "絵本『ゴミのおばけ』の読み聞かせ会を開きます。",
    "映画「えんとつ町のプペル」を上映します。ゴミ人間プペルが活躍する物語です。",
    # Look-alikes of the new forms.
    "中型犬以下の大きさのペットは、避難所に同伴できます。",
    "人間もサルと同じ霊長類です。サルの生態を学ぶ講座を開きます。",
    "犬並みの嗅覚を持つ探知機を、空港に導入しました。",
    "ゼッケンを付けずに走った走者は失格です。",
    "今年の来場者は過去最低でした。来年は会場を広げます。",
    "豚の飼育員さんに、育て方のコツを伺いました。",
    "サルの担当者が、餌付けをしない理由を説明します。",
    "漫才のボケの人とツッコミの人に分かれて練習します。",
    "小学生でも分かる防災ガイドを作りました。",
    "子どもでもできることから、一緒に始めましょう。",
    "小学生でも分かることを目標に、資料を作り直しました。",
    "自分の頭で考える力を育てる授業を公開します。",
    "私どもの不手際でご迷惑をおかけしました。",
    "夏草や兵どもが夢の跡。芭蕉の句碑をめぐるツアーです。",
    "節分の豆まきで、鬼どもを追い払いました。",
    # Safety slogans and warnings with prohibitions or plain imperatives.
    "子どもだけで川に近づくな。大人と一緒に行きましょう。",
    "火遊びはするな、と昔から言われています。",
    "夜道に気をつけて、お帰りください。",
    "詐欺の電話がかかってくることがあります。ご注意ください。",
    "油断すると痛い目に遭います。早めの備えをお願いします。",
    "放置するとただでは済まない事態になるおそれがあります。",
    "後悔することになりますので、早めにご相談ください。",
    "二度と同じような事故が起きないよう、対策を徹底します。",
    "「二度と来るな」と言われたという相談が寄せられています。",
    "覚えておこう！防災の3つのポイント。",
    "すんなりと手続きが進みました。",
    "分かんないことがあったら、気軽に聞いてください。",
    "禿頭症（円形脱毛症）についての講演会を開きます。",
    "対象は小学生以下です。保護者の方と一緒にご参加ください。",
    "小学生以下は入場無料です。",
    # Round 2: look-alikes of contempt without swear words.
    "市内中学生の作文コンクールで、入賞作品が決まりました。",
    "子どもの落書きをアートにする親子ワークショップです。",
    "若者サポートステーションでは、ニート状態の方の就職を支援しています。",
    "ソファーがへたれてきたら、粗大ごみとして出せます。",
    "言葉が通じない外国人観光客向けに、指さし会話シートを用意しました。",
    "窓口の職員は親切なので、気軽にご相談ください。",
    "担当者は不慣れなので、ベテラン職員が同席します。",
    "最低でも3日分の食料と水を備蓄しましょう。",
    "よっぽど暑かったのか、子どもたちが噴水で大はしゃぎでした。",
    "不安が消えればいいと思い、相談窓口を開設しました。",
    "脳トレ教室では、頭を使うゲームで認知症予防に取り組みます。",
    "暇つぶしにぴったりのクロスワードを広報紙に載せました。",
    "根性だけでは熱中症は防げません。こまめに休みましょう。",
]

ABUSIVE = [
    # INS001: insulting words.
    ("お前みたいなクズは要らない。", "INS001"),
    ("市長は無能すぎる。", "INS001"),
    ("役所の連中はほんと使えない。", "INS001"),
    ("こいつ頭悪すぎだろ", "INS001"),
    ("ほんとバカだな", "INS001"),
    ("キモいんだよ", "INS001"),
    ("あの議員はアホか", "INS001"),
    ("老害は早く引退しろ", "INS001"),
    ("税金泥棒の公務員ども", "INS001"),
    ("ブスのくせに調子乗ってる", "INS001"),
    ("デブは黙っとけ", "INS001"),
    ("あいつら人間のクズだよ", "INS001"),
    ("ゴミ人間", "INS001"),
    ("このカスが！", "INS001"),
    ("うざすぎ", "INS001"),
    ("クソ市長", "INS001"),
    ("あの店員、最低だった。", "INS001"),
    ("売国奴の政治家", "INS001"),
    ("ザコは引っ込んでろ", "INS001"),
    ("低能な書き込みばかり", "INS001"),
    ("負け犬の遠吠えですね", "INS001"),
    ("頭おかしいんじゃないの", "INS001"),
    ("役立たずの職員を減らせ", "INS001"),
    ("ババアは黙ってろ", "INS001"),
    ("ざまぁｗｗｗ", "INS001"),
    ("頭​おかしいんですか？", "INS001"),  # zero-width space inside
    ("ﾊﾞｶじゃねーの", "INS001"),  # half-width katakana
    # INS002: abusive commands, threats and death wishes.
    ("早く死ね", "INS002"),
    ("死ねばいいのに", "INS002"),
    ("ふざけんな", "INS002"),
    ("黙れよ", "INS002"),
    ("消えろ", "INS002"),
    ("二度と来るな", "INS002"),
    ("文句があるなら出ていけ", "INS002"),
    ("いい加減にしろ", "INS002"),
    ("調子に乗るな", "INS002"),
    ("てめえぶっ殺すぞ", "INS002"),
    ("覚えとけよ", "INS002"),
    ("うるせえ", "INS002"),
    ("甘えるな", "INS002"),
    ("恥を知れ", "INS002"),
    ("さっさと辞めろ", "INS002"),
    # INS003: vulgar words.
    ("くそ暑い", "INS003"),
    ("ｸｿうるさい", "INS003"),
    ("ちくしょう", "INS003"),
    # INS004: condescension.
    ("ちゃんと読んでから来てください。", "INS004"),
    ("日本語読めないんですか？", "INS004"),
    ("近所迷惑って言葉知ってますか？", "INS004"),
    ("こんなこともわからないのですか", "INS004"),
    ("何回言ったらわかるんですか", "INS004"),
    ("常識で考えれば分かることです。", "INS004"),
    ("いい大人が恥ずかしくないんですか？", "INS004"),
    ("少しは自分で調べてください。", "INS004"),
    # INS005: mockery and disparagement.
    ("隣の市のPR動画、センスゼロで笑いました。", "INS005"),
    ("議員の質問は毎回的外れで、聞いていられません。", "INS005"),
    ("あんな茶番に税金を使うなんて。", "INS005"),
    ("お粗末な対応でした。", "INS005"),
    ("ダサすぎるポスター", "INS005"),
    ("ゴミみたいな記事", "INS005"),
    ("次はもっとまともな人を選びましょう。", "INS005"),
    ("カスみたいな記事", "INS005"),
    # Written without a lexicon in view, to check that the rules generalise.
    ("マジで使えねー役所", "INS001"),
    ("こんなやつが公務員とか税金の無駄", "INS001"),
    ("お前みたいな奴が一番迷惑なんだよ", "INS001"),
    ("ほんとに仕事できないんだな", "INS001"),
    ("このハゲ！", "INS001"),
    ("行政ゴミすぎ", "INS001"),
    ("あいつの顔見るだけで吐き気がする", "INS001"),
    ("バーカバーカ", "INS001"),
    ("存在が迷惑", "INS001"),
    ("もう黙っててくれ", "INS002"),
    ("女は黙って家事してろ", "INS002"),
    ("家燃やしてやる", "INS002"),
    ("殺されたいの？", "INS002"),
    ("お前の頭の中どうなってんの？", "INS004"),
    ("おまえ生きてて恥ずかしくないの", "INS004"),
    ("こんなのも分からないとか", "INS004"),
    # Person nouns that are not listed, and judgements ending in ばかり/だらけ.
    ("うちの部長はほんとにポンコツだ。", "INS001"),
    ("あの自治会長はクズだと思う。", "INS001"),
    ("今年の新人はカスばっかりだ", "INS001"),
    # Rude forms of elders, and the bald head.
    ("ババアは引っ込んでろ", "INS001"),
    ("窓口で騒ぐクソジジイ", "INS001"),
    ("課長のはげあたまが目障り", "INS001"),
    ("ハゲの議員がまた居眠りしている", "INS001"),
    # Insult phrases with particles.
    ("担当者の脳みそが空っぽなんだろう", "INS001"),
    ("おつむが弱いとしか言いようがない", "INS001"),
    ("あいつは常識ゼロ", "INS001"),
    # Comparisons with animals and vermin, and contemptuous plurals.
    ("マナーの悪い観光客は犬以下だ", "INS001"),
    ("議員どもは仕事しろ", "INS001"),
    ("あの職員はゴキブリと同じだ", "INS001"),
    ("そんなこともできないのか、赤ん坊以下だな", "INS001"),
    # Prohibitions, threats and commands.
    ("二度とうちの町内に顔を出すな", "INS002"),
    ("勝手にゴミを置いてくんな", "INS002"),
    ("調子に乗ってんじゃねえ", "INS002"),
    ("次やったらただじゃ済まないぞ", "INS002"),
    ("せいぜい夜道に気をつけろ", "INS002"),
    ("痛い目を見るぞ", "INS002"),
    ("そこで黙って見ていろ", "INS002"),
    ("黙れクズ", "INS002"),
    ("消えろ、ゴミ", "INS002"),
    # Talking down.
    ("てめえに言われたくない", "INS004"),
    ("小学生でも分かるのに、なぜできないんですか", "INS004"),
    ("少しはご自分の頭で考えなさい", "INS004"),
    # Round 2: polite or indirect contempt.
    ("委員長は正直ポンコツだから、会議が進まない。", "INS001"),
    ("そっちの頭の方がよっぽど最低だろ", "INS001"),
    ("通報してくる奴なんて暇なニートだろ", "INS001"),
    ("市の計画書、まるで中学生の宿題でした。", "INS001"),
    ("あの担当者の説明は幼稚すぎる。", "INS001"),
    ("若い職員は腰抜けばかり。", "INS001"),
    ("あの市議、頭お花畑だよね", "INS001"),
    ("嫌ならさっさと出ていけばいいのに", "INS002"),
    ("もうちょっと頭を使ってから問い合わせてほしい。", "INS004"),
    ("自分の頭で考えてからお電話ください。", "INS004"),
    ("業者の対応、杜撰にもほどがある。", "INS005"),
    ("あの人とは話が通じない。", "INS005"),
]


def _rule_flags(code: str, text: str) -> bool:
    """The rule's own detector, before the engine merges overlapping findings of a category."""
    engine = engine_for()
    ctx = Context(draft=Draft(text=text), settings=engine.settings, analysis=Analysis(text), lex=engine.lex)
    return bool(list(REGISTRY.get(code).detect(ctx)))


@pytest.mark.parametrize("text", CLEAN)
def test_clean_posts_raise_no_insult(text: str):
    found = [f for f in screen(Draft(text=text)).findings if f.category is Category.INSULT]
    assert not found, [(f.rule, f.excerpt) for f in found]


@pytest.mark.parametrize(("text", "code"), ABUSIVE)
def test_abuse_is_caught_by_its_rule(text: str, code: str):
    assert _rule_flags(code, text), f"{code} should flag {text!r}"
    assert Category.INSULT in {f.category for f in screen(Draft(text=text)).findings}


def test_finding_points_at_the_insult_in_the_original_text():
    text = "窓口の職員は、ほんとに\u200bバカだと思う。"
    found = [f for f in screen(Draft(text=text)).findings if f.category is Category.INSULT]
    assert [(f.rule, f.excerpt) for f in found] == [("INS001", "バカ")]
    assert "侮辱" in found[0].message


@pytest.mark.parametrize("text", ["黙れ", "ふざけるな", "死ね", "死ね。", "「死ね」", "「黙れ」「ふざけるな」「死ね」"])
def test_bare_abusive_commands_block_with_the_newline_the_cli_reads(text: str):
    # A draft read from standard input ends in a line break, which must not hide the command.
    assert screen(Draft(text=text + "\n")).verdict is Verdict.BLOCK


@pytest.mark.parametrize(
    "text",
    [
        "「ガイジン」と呼ばれて傷つく人がいます。",  # と呼ぶ after the quote
        "「デブ」などとからかうのはいじめです。",
        "「キモい」とSNSに書き込まれた生徒がいます。",
        "「あいつ、ほんとバカだよね」の一言で、友だちは傷つきます。",  # の + a mention noun
        "著書『バカの壁』で知られる養老孟司氏の講演会です。",  # a title noun before the quote
        "「踊る阿呆に見る阿呆」の掛け声が響きました。",  # a chant, named after the quote
    ],
)
def test_reported_and_titled_quotations_are_mentions(text: str):
    found = [f for f in screen(Draft(text=text)).findings if f.category in (Category.INSULT, Category.DISCRIMINATION)]
    assert not found, [(f.rule, f.excerpt) for f in found]


def test_scare_quotes_are_still_words_in_use():
    # A quote with nothing that reports or names it is not a mention.
    assert _rule_flags("INS001", "あの職員は「バカ」です。")
    assert _rule_flags("INS002", "「黙れ」")


def test_prohibition_finding_shows_the_verb():
    text = "何度も電話してくんな、しつこい。"
    found = [f.excerpt for f in screen(Draft(text=text)).findings if f.rule == "INS002"]
    assert found == ["電話してくんな"]


def test_default_severities_block_abuse_and_warn_on_tone():
    severities = {code: REGISTRY.get(code).severity for code in ("INS001", "INS002", "INS003", "INS004", "INS005")}
    assert severities == {
        "INS001": Severity.BLOCK,
        "INS002": Severity.BLOCK,
        "INS003": Severity.WARN,
        "INS004": Severity.WARN,
        "INS005": Severity.BLOCK,
    }
