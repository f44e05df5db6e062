"""Data-driven cases for the `discrimination` rules beyond the rules' own examples.

CLEAN holds what city halls post every day about residents of every origin, gender, age and
ability (services, support, human-rights education) and the words that merely contain a slur
(チョンマゲ, ノンホモ牛乳, 盲導犬, 東シナ海, 土人形): none may raise a discrimination finding.
ABUSIVE holds slurs, stereotypes and exclusion, each with the rule that must catch it.
"""

from __future__ import annotations

import pytest

from rules import Category, Draft, screen
from rules.engine import Context, engine_for
from rules.registry import REGISTRY
from rules.text import Analysis

CLEAN = [
    # Nationality and origin, mentioned neutrally.
    "市内在住の外国人の皆さんを対象に、やさしい日本語による防災講座を開きました。",
    "ネパール、ベトナム、フィリピン出身の方など32人が参加し、避難所の使い方を学びました。",
    "外国人住民のための生活ガイドを、英語・中国語・ベトナム語で作成しました。",
    "在日外国人向けの無料法律相談会を開催します。",
    "ベトナム人技能実習生の皆さんが、地域の清掃活動に参加してくれました。",
    "中国人観光客の増加に対応し、中国語の案内板を設置しました。",
    "韓国の姉妹都市から高校生が訪れ、市内の中学生と交流しました。",
    "外国籍の方も国民健康保険に加入できます。手続きには在留カードが必要です。",
    "アイヌ文化を学ぶ講座と、アイヌ料理の試食会を行います。",
    "黒人霊歌のコンサートを市民会館で開催します。",
    "沖縄出身のミュージシャンによる三線ライブを行います。",
    "若葉野市出身の選手が全国大会で優勝しました。おめでとうございます！",
    "外国人観光客の皆さんにも楽しんでいただけるよう、多言語のマップを作りました。",
    # Gender.
    "女性のための健康講座を開きます。",
    "女性専用の相談窓口を開設しました。女性相談員がお話を伺います。",
    "男性の育児休業取得を応援する講座です。パパ同士の交流会もあります。",
    "男女共同参画週間にあわせて、パネル展を開催します。",
    "女性限定の起業セミナーの参加者を募集します。",
    "女性消防団員が、防火啓発で活躍しています。",
    "消防団員を募集しています。男女を問わず、ご応募をお待ちしています。",
    "女性には乳がん検診を、男性には前立腺がん検診をおすすめしています。",
    "女性の管理職の割合は、昨年度の18％から22％に増えました。",
    # Disability and illness.
    "障害者手帳をお持ちの方は、入館料が無料です。",
    "障害のある方もない方も一緒に楽しめる、ボッチャ大会を開催します。",
    "障害者差別解消法の改正で、事業者による合理的配慮の提供が義務化されました。",
    "障害のある方の通行の邪魔にならないよう、点字ブロックの上に物を置かないでください。",
    "盲導犬・聴導犬・介助犬などの補助犬は、飲食店や公共施設に同伴できます。",
    "県立盲学校の生徒による作品展を開催しています。",
    "盲ろう者向け通訳・介助員の養成講座を開きます。",
    "見落としがちな防災の盲点をお伝えします。",
    "認知症の方の行方不明に備えて、見守りシールを配布しています。",
    "精神障害のある方の就労を支援する事業所を紹介します。",
    "ハンセン病の元患者の方々への偏見をなくすため、パネル展を行います。",
    # Family, income and age.
    "ひとり親家庭の方を対象に、就業支援の講座を開きます。",
    "母子家庭・父子家庭の方への医療費助成のご案内です。",
    "生活保護の申請は国民の権利です。ためらわずにご相談ください。",
    "高齢者の見守り活動にご協力ください。",
    "高齢者は暑さを感じにくいため、こまめな水分補給が大切です。",
    "介護の仕事は誰にでもできる仕事ではありません。研修で専門性を高めています。",
    "障害のある方が使える多目的トイレは、市内ではまだ限られています。",
    "女性に責任ある仕事を任せにくい職場の慣行を見直すセミナーを開きます。",
    "若い職員が長続きしない職場の課題について、専門家と話し合いました。",
    "アイヌ民族は存在しないとする発言が問題となった経緯を学びます。",
    "宮崎の人たちが育てたマンゴーを、道の駅で販売しています。",
    "家事でも育児でも、男女が協力できる働き方を応援します。",
    "外国人住民が多い団地で、多言語の防災訓練を行いました。",
    "税金の無駄遣いをなくすため、外部の委員が事業を点検しています。",
    "教団を名乗る団体からの高額な寄付の勧誘にご注意ください。",
    "高齢者を狙った特殊詐欺の被害が増えています。",
    "若者の投票率の向上に向けて、大学で出前講座を行いました。",
    "高齢化が進み、買い物に困る高齢者が増えています。移動販売車を走らせます。",
    "高齢者宅への迷惑電話が増えています。",
    # Sexual orientation and gender identity.
    "性的マイノリティの方が安心して暮らせるまちを目指し、パートナーシップ宣誓制度を始めました。",
    "LGBTQについて学ぶ職員研修を行いました。",
    "レズビアン、ゲイ、バイセクシュアル、トランスジェンダーの方のための相談窓口です。",
    # Human-rights education that names prejudice to refute it.
    "「外国人が増えると治安が悪くなる」というのは、根拠のない思い込みです。",
    "部落差別の解消に向けた講演会を開きます。",
    "同和問題について考える人権講座を開催します。",
    "「女性には向かない仕事」という決めつけをなくしましょう。",
    "「外国人お断り」といった張り紙は、差別にあたります。",
    "「土人」という発言は差別にあたります。",
    # Words that contain a slur.
    "時代祭の武者行列で、チョンマゲのかつらを貸し出します。",
    "庭木の枝をちょん切るときは、剪定ばさみを使いましょう。",
    "牧場のノンホモ牛乳が、道の駅で買えるようになりました。",
    "企画展「ホモ・サピエンスの歩み」を開催します。",
    "東シナ海の海洋ごみについて学ぶ講座です。",
    "インドシナ半島の料理教室と、シナモンロール作り体験を開きます。",
    "りんごのシナノスイートが収穫期を迎えました。",
    "郷土人形と土人形の絵付け体験を行います。",
    "非人道的な兵器の廃絶を訴える平和展を開きます。",
    "エタノール消毒液を各窓口に置いています。",
    "システムの不具合のお知らせです。",
    "横浜の外人墓地を訪ねるバスツアーです。",
    "お釜でご飯を炊く体験ができます。",
    "どうぞおかまいなく、気軽にお立ち寄りください。",
    "ハーフマラソンの参加者を募集します。",
    "ため池などの池沼の水質調査を行いました。",
    "韓国の姉妹都市からチョン・ミンス市長が来訪されました。",
    "昔ながらの支那そばの味を受け継ぐお店を紹介します。",
    "土方歳三ゆかりの地をめぐるツアーです。",
    "差別や偏見のない社会をめざします。",
    "同性愛は病気ではなく、個性のひとつです。",
    "性的マイノリティは病気ではありません。正しい理解を広げましょう。",
    "在住外国人の数は、この10年で約2倍に増えています。",
    "技能実習生の多くは、言葉が通じないことに不便を感じています。",
    "高齢者の医療費の自己負担は、原則1割です。",
    "障害者手帳をお持ちの方は、自己負担がありません。",
    "市内に住むか勤める18歳以上の方なら、男女を問わず消防団に入団できます。",
    "女性消防団員も募集しています。防火啓発や応急手当の指導で活躍しています。",
    "何か困ったことがあれば、外国人相談窓口にご相談ください。",
    "お荷物は受付でお預かりします。高齢者の方もお気軽にご利用ください。",
    # Refusals that are not about a group.
    "電話での申し込みはお断りしています。",
    "高齢者の方は予約はいりません。",
    "65歳以上の方は、この制度の対象外です。",
    # Crime, delinquency and burdens named without pinning them on a group.
    "万引き防止のため、店舗の見回りを強化しています。",
    "少年の非行防止に向けて、地域の皆さんと見回り活動を行いました。",
    "テロ対策のため、駅のごみ箱を一時撤去しています。",
    "外国人観光客を狙った置き引きや盗難が発生しています。",
    "高齢者の医療費の自己負担が増えることになりました。",
    "子育て世帯の負担が増えるだけでなく、物価高も続いています。",
    "障害のある方が住みにくいまちにならないよう、バリアフリー化を進めています。",
    "高齢化が進んで、この地区も住みにくくなったという声に応え、移動スーパーを走らせます。",
    "本市の児童の学力は全国平均より低い傾向にあります。",
    "ゴキブリの駆除は、市販の薬剤で対応してください。高齢者世帯には無料で業者を紹介します。",
    "農家の方から、サルが畑を荒らしているとの通報が相次いでいます。",
    "生活保護の不正受給を防ぐため、収入の申告をお願いします。",
    "高齢者は熱中症になりやすいので、こまめに水分をとりましょう。",
    "外国人の子どもたちは、日本語の学習に苦労しがちです。放課後の学習教室を開きます。",
    "女性が管理職になるのは当然のことです。",
    "外国人労働者は、地域の産業を支える大切な存在です。",
    "クルド人の文化を紹介する交流会を開きます。",
    "農家の嫁として40年、地域の食文化を守ってきた方を表彰しました。",
    # Eligibility, safety advice and legal rules are not exclusion.
    "障害者手帳をお持ちの方は、この割引の対象外です。別の減免制度をご利用ください。",
    "生活保護を受けている世帯は、この給付金の対象外です。",
    "在留期間が3か月以下の外国人の方は、国民健康保険に加入できません。",
    "留学生は対象外と思われがちですが、この制度は留学生も利用できます。",
    "外国籍の方も市営住宅に入居できます。",
    "子どもや高齢者は、増水した川に近づかないでください。",
    "感染者は、症状が治まるまで職場に来ないでください。",
    "ハンセン病の患者は、かつて国の政策で療養所に隔離されました。偏見をなくしましょう。",
    "認知症の方を施設に閉じ込めるのではなく、地域で支えるまちを目指します。",
    "外国人の子どもには、別の教室で日本語の指導を行っています。",
    "日本人のみならず、外国の方にも人気の観光地です。",
    "参加者は日本人のみでしたが、次回は留学生も招きます。",
    "市営住宅の入居は、市内に住所がある方に限ります。",
    # Buraku history and human-rights posts.
    "同和地区の人との結婚に反対することは差別です。",
    "結婚相手の身元調査は、人権侵害にあたります。",
    "その土地が同和地区かどうかを問い合わせることは、差別につながります。",
    "同和地区の歴史を学ぶフィールドワークを行いました。",
    # Marital status outside hiring, and hiring that sets no marital condition.
    "独身の方限定の婚活パーティーです。",
    "職員募集：年齢・性別・婚姻の有無は問いません。",
    # Apologies, invitations and advice that use a predicate's words.
    "留学生の皆さまには、いつもご迷惑をおかけしています。",
    "運転が下手になったと感じたら、高齢者講習をご利用ください。",
    "車いすの方も、スロープからご入場いただけます。",
    "発達障害は、親の育て方のせいではありません。",
    "猛暑のせいで、熱中症で運ばれる高齢者が増えています。",
    "障害のある方も、ご遠慮なくお申し出ください。",
    "農家の皆さんの負担になる草刈り作業を、シルバー人材センターが請け負います。",
    # Old words with another meaning.
    "新選組副長・土方歳三の資料展を開催します。",
    "土方さんの作品展が市民ギャラリーで開かれています。",
    "片手で持てる軽量の消火器です。",
    # Near misses of the families added after the third round of unseen drafts.
    "小さなお子さんが騒ぐと他のお客様の迷惑になるので、ご注意ください。",
    "大雨の日は農家の方の負担になるため、作業は延期します。",
    "高齢者や障害のある方の通行の妨げになるため、歩道に自転車を止めないでください。",
    "外国人と一緒に働くのは不安という事業者向けのセミナーを開きます。",
    "障害者と一緒に働くのは楽しいと話す職員も多くいます。",
    "HIVに感染している方は、献血をご遠慮ください。",
    "B型肝炎ワクチンの定期接種のお知らせです。",
    "生活保護受給者のギャンブル依存症の相談窓口を開設しました。",
    "パチンコ店の駐車場で熱中症の高齢者が倒れる事例がありました。",
    "市民ホールは、宗教活動を目的とする利用はお断りしています。",
    "宗教団体からの勧誘にご注意ください。",
    "ベトナム人技能実習生の自転車の盗難が増えています。",
    "男の仕事、女の仕事という思い込みをなくしましょう。",
    "外国籍の方は、選挙権が日本国籍の方に限られているため投票できません。",
    "外国人の方が多く参加されるため、やさしい日本語で進行します。",
    "ホームレスの方を追い出すのではなく、自立を支援します。",
    "男性の育児休業取得を優先的に支援します。",
    "避難者の皆さんへ。放射線の健康影響について、心配なことは保健所にご相談ください。",
    "高卒以上の方を対象とした就職支援セミナーです。",
    "九州の方は雨が強く、土砂災害に注意が必要です。",
    "新選組副長 土方歳三と多摩の企画展が始まりました。",
]

ABUSIVE = [
    # DIS001: slurs.
    ("最近はどこの温泉街に行ってもシ\u200bナ人ばかりですね。", "DIS001"),
    ("チョンは帰れ", "DIS001"),
    ("ジャップの国", "DIS001"),
    ("あいつはキチガイだ", "DIS001"),
    ("ガイジかよ", "DIS001"),
    ("お前池沼か", "DIS001"),
    ("オカマのくせに", "DIS001"),
    ("ホモは無理", "DIS001"),
    ("めくら判を押すだけの仕事", "DIS001"),
    ("ナマポで暮らしてる連中", "DIS001"),
    ("土人が住んでいそうな町", "DIS001"),
    ("ﾁｮﾝ", "DIS001"),
    # DIS002: outdated terms.
    ("外人向けのツアーです", "DIS002"),
    ("片親の子ども", "DIS002"),
    ("痴呆のおじいさん", "DIS002"),
    ("父兄の皆さまへ", "DIS002"),
    ("看護婦さんに聞いてください", "DIS002"),
    # DIS003: stereotypes.
    ("沖縄出身の同僚は、いつも時間にルーズで困ります。", "DIS003"),
    ("ベトナム人の実習生が増えてから、駅前が物騒になった気がします。", "DIS003"),
    ("母子家庭の子は問題を起こしやすいと言われています。", "DIS003"),
    ("障害者は簡単な作業しかできないので窓口には置いていません。", "DIS003"),
    ("女性には向かない仕事ですので、ご了承ください。", "DIS003"),
    ("中国人は民度が低い", "DIS003"),
    ("韓国人って嘘つきばかり", "DIS003"),
    ("女は感情的だから管理職は務まらない", "DIS003"),
    ("障害者は生産性がない", "DIS003"),
    ("生活保護受給者は怠け者", "DIS003"),
    ("最近の若者はだらしない", "DIS003"),
    ("黒人は怖い", "DIS003"),
    ("外国人のせいで治安が悪くなった", "DIS003"),
    ("LGBTは気持ち悪い", "DIS003"),
    ("大阪人はうるさいし図々しい", "DIS003"),
    ("ブラジル人の住民はごみ出しのマナーが悪い", "DIS003"),
    ("女のくせに生意気だ", "DIS003"),
    # DIS004: exclusion and gender-restricted hiring.
    ("外国人お断り", "DIS004"),
    ("当店は外国人の方の入店をお断りしています。", "DIS004"),
    ("在日は日本から出て行け", "DIS004"),
    ("移民は国へ帰れ", "DIS004"),
    ("障害者お断りの物件", "DIS004"),
    ("部落出身の人とは結婚させない", "DIS004"),
    ("【職員募集】現場作業員（男性限定）を募集します。", "DIS004"),
    ("求人：配送スタッフ、男性のみ。", "DIS004"),
    # Written without a lexicon in view, to check that the rules generalise.
    ("同性愛者は病気", "DIS003"),
    ("障害者は社会の負担", "DIS003"),
    ("アイヌなんていない", "DIS003"),
    ("女に政治は無理", "DIS003"),
    ("在日は特権階級", "DIS003"),
    ("生活保護のやつらは甘えてるだけ", "DIS003"),
    ("若者は根性がない", "DIS003"),
    ("ハーフは日本人じゃない", "DIS003"),
    ("中国人お断りの店", "DIS004"),
    ("在日は祖国へ帰れ", "DIS004"),
    ("障害者は死ね", "DIS004"),
    # Slurs and idioms that Sudachi spells its own way.
    ("エタの子孫だと言いふらす", "DIS001"),
    ("学がない奴は黙っていろ", "DIS001"),
    ("土方みたいな話し方", "DIS001"),
    ("ぼけ老人の相手は疲れる", "DIS001"),
    ("住民はつんぼ桟敷に置かれた", "DIS002"),
    ("この制度は片手落ちだ", "DIS002"),
    # Groups inside compounds and peoples Sudachi does not know as places.
    ("外国人労働者は民度が低い", "DIS003"),
    ("ソマリ人は野蛮だ", "DIS003"),
    ("クルド人が増えて治安が悪くなった", "DIS003"),
    # Predicates, tendencies, topics.
    ("在日の連中のせいで住みづらくなった", "DIS003"),
    ("ひとり親の子は非行に走りがち", "DIS003"),
    ("黒人の客は盗みをする", "DIS003"),
    ("ムスリムはテロリストだ", "DIS003"),
    ("精神障害者は何をしでかすかわからない", "DIS003"),
    ("外国人の子どもは能力が低い", "DIS003"),
    ("障害者がいると周りの負担になる", "DIS003"),
    ("嫁は家を守るのが当たり前", "DIS003"),
    ("女性職員に重要な仕事は任せられない", "DIS003"),
    ("九州出身の人は仕事にならない", "DIS003"),
    ("アイヌなんてもういない", "DIS003"),
    ("在日はゴキブリ", "DIS003"),
    ("障害者なんて生まれてこなければよかった", "DIS003"),
    ("女は産む機械だ", "DIS003"),
    ("同性愛は治療すべきだ", "DIS003"),
    # Exclusion beyond the listed words.
    ("アパートの入居は日本人に限ります", "DIS004"),
    ("外国籍の方はご入店いただけません", "DIS004"),
    ("視覚障害のある方は対象外とさせていただきます", "DIS004"),
    ("精神病の人には近づかないでください", "DIS004"),
    ("障害のある子はうちの学校に来ないでほしい", "DIS004"),
    ("認知症の年寄りは施設に隔離すればいい", "DIS004"),
    ("中国人に土地を売るな", "DIS004"),
    ("母子家庭の子とは遊ばせたくない", "DIS004"),
    ("同和地区の土地は買わない方がいい", "DIS004"),
    ("部落出身の人との縁談は考え直した方がいい", "DIS004"),
    ("タイ人の店員はいつも態度がいい加減だ", "DIS003"),
    ("女は家庭に入るべきだ", "DIS003"),
    ("女性は運転が下手で危ない", "DIS003"),
    ("車いすの方はご入場いただけません", "DIS004"),
    ("外国籍の方のご入居はお断りします", "DIS004"),
    ("在日は国に帰ればいい", "DIS004"),
    ("治安が悪いのは移民が来たせいだ", "DIS003"),
    ("外国人のお申し込みはお断りしています", "DIS004"),
    ("ゲイの人には近づかないようにしよう", "DIS004"),
    ("【求人】経理スタッフ、独身者に限る", "DIS004"),
    ("パート募集：既婚者不可", "DIS004"),
    # A place's people (<place>の人), temper, contempt for jobs and abilities, waste, existence.
    ("熊本の連中はやっぱり時間にルーズだ", "DIS003"),
    ("秋田県の人は昔から酒癖が悪くてだらしない", "DIS003"),
    ("在日の人たちはガラが悪いと言われている", "DIS003"),
    ("警備員なんて誰でもできる仕事だよね", "DIS003"),
    ("農家なんて底辺の仕事でしょ", "DIS003"),
    ("外国人に何ができるというのか", "DIS003"),
    ("車いすの人ができることなんて、どうせ限られている", "DIS003"),
    ("難民なんかに税金を使うのは無駄遣いだ", "DIS003"),
    ("琉球民族なんてもう存在しない", "DIS003"),
    ("女は家事でもしてろ", "DIS003"),
    ("シングルマザーの職員には責任者は任せづらい", "DIS003"),
    ("フリーターは雇っても長続きしないから採用しない", "DIS003"),
    ("新興宗教の信者は気持ち悪い", "DIS003"),
    # Advice to keep a group out, and to avoid where they live.
    ("韓国籍の方には賃貸物件を貸さない方が無難です", "DIS004"),
    ("ダウン症の子は遠足に参加させない方がいい", "DIS004"),
    ("イスラム教徒とは関わらないほうが安全", "DIS004"),
    ("中国人が集まる公園には近づかないように", "DIS004"),
    ("クルド人が住んでいる地域は避けた方がいいよ", "DIS004"),
    ("同和地区の出身者かどうかを気にするのは当然だ", "DIS004"),
    # Families added after the third round of unseen drafts, in words of their own.
    ("ブラジル人の子がいるとほかの子の勉強の妨げになる。", "DIS003"),
    ("障害のある方は他の参加者の足を引っ張るのでご遠慮ください。", "DIS003"),
    ("生活保護を受けている人は、どうせパチンコばかりしている。", "DIS003"),
    ("精神科に通っている人は、何をするかわからない。", "DIS003"),
    ("在日の人は本名を隠していることが多い。", "DIS003"),
    ("中国人観光客はマナーの悪い人が多い。", "DIS003"),
    ("外国人はごみ出しのルールを守らない。", "DIS003"),
    ("難民の人と一緒に働くのは正直嫌だ。", "DIS003"),
    ("黒人は身体能力が高いから運動会では活躍できるでしょう。", "DIS003"),
    ("外人が増えてから治安が不安です。", "DIS003"),
    ("福島の子に近づくと放射能がうつる。", "DIS003"),
    ("黒人の客が来ると店の雰囲気が悪くなる。", "DIS003"),
    ("外国人の若者は夜中にたむろして怖い。", "DIS003"),
    ("黒人の店員はなんか怖い。", "DIS003"),
    ("ベトナム人の技能実習生が増えてから、この地区で盗難が増えた気がする。", "DIS003"),
    ("アイヌはもう日本にはいない。", "DIS003"),
    ("外国籍の方が入居するとトラブルになるため、お断りしています。", "DIS004"),
    ("ネトウヨの方が参加すると議論が荒れるので、ご遠慮ください。", "DIS004"),
    ("フリーターの方のご参加はご遠慮ください。", "DIS004"),
    ("HIV陽性の方の入浴はお断りします。", "DIS004"),
    ("日本国籍の方に限り、入居を受け付けます。", "DIS004"),
    ("外国人の方より日本人を優先してご案内します。", "DIS004"),
    ("【パート募集】25歳以下の女性に限ります。", "DIS004"),
    ("アルバイト募集：男性を優先して採用します。", "DIS004"),
    ("同和地区だから土地が安いんですよ。", "DIS004"),
    ("いわゆる「ああいう地区」なので、あまりおすすめしません。", "DIS004"),
    ("クルド人の方は特に厳しくチェックします。", "DIS004"),
    ("知的障害のある方は付き添いがある場合のみ入館できます。", "DIS004"),
    ("自閉症の子は他の学校に行ってほしい。", "DIS004"),
    ("シングルマザーの家の子とは付き合わない方がいい。", "DIS004"),
    ("映画「らい病の記録」を上映します。", "DIS002"),
]


def _rule_flags(code: str, text: str) -> bool:
    """The rule's own detector, before the engine merges overlapping findings of a category."""
    engine = engine_for()
    ctx = Context(draft=Draft(text=text), settings=engine.settings, analysis=Analysis(text), lex=engine.lex)
    return bool(list(REGISTRY.get(code).detect(ctx)))


@pytest.mark.parametrize("text", CLEAN)
def test_clean_posts_raise_no_discrimination(text: str):
    found = [f for f in screen(Draft(text=text)).findings if f.category is Category.DISCRIMINATION]
    assert not found, [(f.rule, f.excerpt) for f in found]


@pytest.mark.parametrize(("text", "code"), ABUSIVE)
def test_discrimination_is_caught_by_its_rule(text: str, code: str):
    assert _rule_flags(code, text), f"{code} should flag {text!r}"
    assert Category.DISCRIMINATION in {f.category for f in screen(Draft(text=text)).findings}


def test_stereotype_finding_spans_group_and_judgement():
    text = "ベトナム人の技能実習生が増えてから、夜の駅前がなんとなく物騒になった気がしますね。"
    found = [f for f in screen(Draft(text=text)).findings if f.rule == "DIS003"]
    assert len(found) == 1
    assert found[0].excerpt.startswith("ベトナム人") and found[0].excerpt.endswith("物騒")


def test_exclusion_needs_the_group_as_object_or_topic():
    # Shunning: the group must be the object (に/と), not the subject told to keep away.
    assert _rule_flags("DIS004", "統合失調症の人とは関わらないでください。")
    assert not _rule_flags("DIS004", "高齢者は、工事現場に近寄らないでください。")
    # A wish aimed at the topic of the sentence reaches across other words.
    assert _rule_flags("DIS004", "外国人は、この町の祭りには来てほしくない。")
    # Not for gender groups: women-only and men-only services are decided elsewhere.
    assert not _rule_flags("DIS004", "女性は、この先の男湯には来ないでほしい。")


def test_service_refusal_only_for_protected_kinds_and_without_legal_basis():
    assert _rule_flags("DIS004", "ブラジル国籍の方は、当教室をご利用いただけません。")
    assert _rule_flags("DIS004", "障害のある方は参加できません。")
    assert not _rule_flags("DIS004", "高齢者の方は、この講座の対象外です。")
    assert not _rule_flags("DIS004", "外国籍の方は、法律により選挙の投票はできません。")
    assert not _rule_flags("DIS004", "短期滞在の外国人の方は、住民登録の対象外です。")


def test_marital_status_counts_only_in_hiring():
    assert _rule_flags("DIS004", "【採用情報】調理補助（未婚の女性限定）")
    assert not _rule_flags("DIS004", "婚活セミナーの参加は未婚の方に限ります。")


def test_buraku_avoidance_needs_strong_advice_or_a_context():
    assert _rule_flags("DIS004", "同和地区の物件は避けるのが無難です。")
    assert _rule_flags("DIS004", "部落の家に住むのは避けた方がいい。")
    # 避ける with a road closure is not about origin.
    assert not _rule_flags("DIS004", "部落を通る林道は、落石のため通行を避けてください。")
    # A human-rights post names the prejudice to condemn it.
    assert not _rule_flags("DIS004", "同和地区の物件を避けるよう勧めることは、部落差別にあたります。")


def test_place_of_people_is_a_group_only_with_a_word_for_people():
    assert _rule_flags("DIS003", "大分の人たちは本当に非常識だ。")
    # 人気, 人口 and 人権 are words of their own, not 人.
    assert not _rule_flags("DIS003", "大分の人気店はマナーが悪い客に困っています。")
    assert not _rule_flags("DIS003", "大分の人口は減少しており、治安が悪い地区もあります。")


def test_keep_out_advice_only_for_protected_kinds():
    assert _rule_flags("DIS004", "ペルー国籍の人には車を売らない方が無難です。")
    assert _rule_flags("DIS004", "自閉症の子は運動会に参加させない方がいい。")
    # Age and illness: health advice.
    assert not _rule_flags("DIS004", "高齢者は真夏の草刈りに参加させない方が安心です。")
    assert not _rule_flags("DIS004", "発熱のある子は行事に参加させない方がいいです。")


def test_area_avoidance_needs_a_group_living_there_and_advice_about_the_place():
    assert _rule_flags("DIS004", "フィリピン人が多い通りは、夜は一人で出歩かない方がいい。")
    # A group not among the protected kinds, or no group.
    assert not _rule_flags("DIS004", "高齢者が多い地域は、夜は出歩かない方が安全です。")
    assert not _rule_flags("DIS004", "イノシシが多い場所には、夜は近寄らないでください。")
    # The advice is about something else than the place.
    assert not _rule_flags("DIS004", "外国人が多い地区では、専門用語は避けた方がよいでしょう。")
    # The place is not named by who lives there.
    assert not _rule_flags("DIS004", "外国人観光客の多さで知られる通りは、工事中のため通らない方がいいです。")


def test_katakana_only_slur_ignores_hiragana_homograph():
    assert not _rule_flags("DIS001", "おかまでご飯を炊きます。")
    assert _rule_flags("DIS001", "あいつはオカマだ。")


def test_a_burden_on_others_needs_the_others_a_subject_group_and_no_negation():
    assert _rule_flags("DIS003", "障害者が来ると他のお客さんの迷惑になる。")
    # No "others": the group is the one hindered.
    assert not _rule_flags("DIS003", "障害者の通行の妨げになるので、物を置かないでください。")
    # The group is not the subject (障害者用の駐車場).
    assert not _rule_flags("DIS003", "他の車の迷惑になるので、障害者用の駐車スペースに止めないでください。")
    # Negated: advice not to be a nuisance.
    assert not _rule_flags("DIS003", "外国人観光客の皆さんが、他のお客様の迷惑にならないよう案内します。")


def test_a_reason_clause_names_the_group_refused_only_when_it_blames_it():
    assert _rule_flags("DIS004", "外国人の入居はトラブルのもとになるため、申込みをお断りしています。")
    # A reason that blames no one.
    assert not _rule_flags("DIS004", "障害のある方が利用されるため、一般車両の駐車はご遠慮ください。")
    # The refusal names its own target.
    assert not _rule_flags("DIS004", "外国人観光客が増えて苦情が多いため、予約のない方の入店はお断りしています。")
    # Age and infection are health rules.
    assert not _rule_flags("DIS004", "感染者が増えて病棟が混乱しているため、面会はお断りしています。")


def test_polite_refusal_reaches_occupation_and_illness_but_not_age():
    assert _rule_flags("DIS004", "水商売の方はご遠慮ください。")
    assert _rule_flags("DIS004", "うつ病の方の参加はご遠慮ください。")
    assert not _rule_flags("DIS004", "高齢の方は参加をご遠慮ください。")
    # 対象外 stays the rule of a scheme for income and occupation.
    assert not _rule_flags("DIS004", "農家の方は、この給付金の対象外です。")


def test_scrutiny_needs_the_group_as_topic_or_its_place_and_no_legal_or_protective_reason():
    assert _rule_flags("DIS004", "外国人住民の多い団地の集積所は重点的に監視していきます。")
    assert not _rule_flags("DIS004", "外国人の方は在留カードの期限を特に厳しく確認しています。")
    assert not _rule_flags("DIS004", "外国人技能実習生の受け入れ企業の労働環境を重点的に監視します。")
    assert not _rule_flags("DIS004", "高齢者の方は特に厳しく暑さ対策をしてください。")


def test_place_of_people_with_ho_needs_a_trait():
    assert _rule_flags("DIS003", "沖縄の方は時間にルーズです。")
    assert not _rule_flags("DIS003", "山形の方は雪が多く危ないです。")


def test_outdated_term_in_a_quoted_sentence_counts_unless_condemned():
    assert _rule_flags("DIS002", "「痴呆の母を介護して」という手記を紹介します。")
    assert not _rule_flags("DIS002", "「痴呆」という言葉は、今は使われません。")
    assert not _rule_flags("DIS002", "「外人は帰れ」という張り紙は差別です。")


def test_nationality_limits_in_civil_service_hiring_and_law_pass():
    assert _rule_flags("DIS004", "市営住宅の入居は日本国籍の方に限ります。")
    assert not _rule_flags("DIS004", "【職員採用】消防職の受験は日本国籍の方に限ります。")
    assert not _rule_flags("DIS004", "選挙権は法律により日本国籍の方に限られます。")


def test_buraku_hints_need_a_marker_and_cheap_land_or_avoidance():
    assert _rule_flags("DIS004", "あの地区の土地が安いのは、いわゆる「そういう地域」だからです。")
    assert not _rule_flags("DIS004", "郊外は土地が安く、そういう地域では移住者が増えています。")
    assert not _rule_flags("DIS004", "部落差別の解消のため、土地が安いといった噂を正す講座を開きます。")


def test_contamination_needs_evacuees_in_the_post():
    assert _rule_flags("DIS003", "避難してきた家族の子と遊ぶと放射能がうつる。")
    assert not _rule_flags("DIS003", "市内産の野菜は検査済みで、放射能の心配はありません。")
    # Correcting the myth is what an official post does.
    assert not _rule_flags("DIS003", "福島から避難してきた子どもから放射能がうつることはありません。")


def test_aversion_to_company_only_for_work_and_school():
    assert _rule_flags("DIS003", "外国人と一緒に働くのはしんどい。")
    assert not _rule_flags("DIS003", "認知症の父と一緒に暮らすのは辛いときもあります。")
