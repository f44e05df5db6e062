"""Illegal acts and their incitement (ILL001, ILL002), beyond the rules' own examples.

Two lists of drafts: incitement and normalisation that must be flagged, phrased the many ways
people phrase it (mostly without naming the offence), and official posts that must pass because
they warn against the same acts, quote the excuses they refute, or merely look alike (燃やすごみ,
技を盗む, 甘酒, ドローンを飛ばしても大丈夫な広場).
"""

from __future__ import annotations

import pytest

from rules import Draft, Engine, Settings
from rules.detectors._shared import quoted_spans
from rules.model import Category
from rules.registry import REGISTRY
from rules.text import Analysis

ENGINE = Engine(Settings(policy="default"))


def illegal_findings(text: str):
    return [f for f in ENGINE.screen(Draft(text=text)).findings if f.category is Category.ILLEGAL]


FLAGGED = [
    # Illegal dumping, without the word 不法投棄.
    ("古いタイヤは、人気のない河川敷に捨てれば処分費がかかりません。", "dumping: no fee"),
    ("いらなくなった布団は、夜中に空き地へ置いておけばバレないですよ。", "dumping: not found out"),
    ("廃車にするより、山奥に置いていった方が安く済みます。", "dumping: cheaper"),
    ("壊れた自転車は、駅前の駐輪場に置いてくればタダで処分できます。", "dumping: free disposal"),
    ("粗大ごみのシールを貼らずに出しても、回収してもらえるのでバレませんよ。", "fee evasion"),
    ("不法投棄しても、この辺りは誰も見ていないので大丈夫です。", "named offence excused"),
    # Drink-driving and unlicensed driving.
    ("二次会のあとでも、一杯くらいなら車で帰っても平気ですよ。", "drink-driving: just one"),
    ("職員の皆さん、懇親会のあとは少しくらいなら運転しても大丈夫ですよ。", "drink-driving: party"),
    ("お酒を少し飲んだくらいなら、自転車で帰っても問題ないです。", "drunk cycling"),
    ("免許がなくても、農道なら運転して大丈夫です。", "unlicensed"),
    ("期限切れの免許でも、近所なら運転して大丈夫です。", "expired licence"),
    ("車検切れの車でも、近所を走るくらいなら平気です。", "no inspection"),
    # Traffic offences.
    ("赤信号でも、車が来なければ渡って大丈夫です。", "red light"),
    ("このバイパスは取り締まりがないので飛ばし放題です。", "speeding: no enforcement"),
    ("スピード違反しても、この道はオービスがないので捕まりません。", "speeding: no camera"),
    ("ヘルメットなしでバイクに乗っても、田舎なら捕まりません。", "no helmet"),
    ("この交差点は信号無視しても、誰も見ていないので平気です。", "signal ignored"),
    # Round 2: families and forms first seen in an independent tester's drafts.
    ("フリーランスの報酬は申告に載せなくても、役所は絶対気づかないですよ。", "tax: the authorities won't notice"),
    ("話題のアニメ映画、海外サイトなら公開初日から無料で見れます。", "piracy: a foreign site"),
    ("人気アイドルのライブのチケットは、発売日に買い占めて転売すればいい稼ぎになります。", "ticket touting"),
    ("不在者投票の用紙、おばあちゃんの分も代わりに書いておけば楽ですね。", "voting for someone else"),
    (
        "児童手当、実家に住民票だけ移すことにして形だけ別世帯にすれば二重取りできますよ。",
        "benefit: sham address, twice",
    ),
    ("畑を荒らすカラス、殺鼠剤入りの毒団子を置いて退治しよう。", "poisoning animals"),
    ("この坂は制限50だけど、流れに乗って80出してても平気です。", "speeding: bare numbers and the flow"),
    ("あの酒屋は年齢確認が甘いから、高校生でもビール買えるらしいよ。", "alcohol to minors: lax checks"),
    ("お隣のWi-Fiのパスワードを割り出して、こっそり使えば通信費がタダです。", "someone else's Wi-Fi"),
    ("いつも路駐してくる家の車、十円パンチでもしてやればいいのに。", "property damage urged"),
    ("あの会社の予約サイト、みんなでF5連打して落としてやろうぜ。", "flooding a site out of spite"),
    ("【即日払い】書類を受け取って指定の場所に届けるだけ！日給3万円、詳しくはDMで。", "fraud-ring courier job"),
    ("家のキッチンで焼いたクッキー、マルシェで少しくらい売っても問題ないですよ。", "home-made food sold"),
    ("スピード違反で捕まったら、奥さんに身代わりで出頭してもらえばいいんです。", "scapegoat"),
    ("使ってない口座とキャッシュカード、高価買取します。お気軽にご連絡を。", "buying bank accounts"),
    ("あいつの家の自転車、まとめて燃やしちまえ。", "arson of vehicles"),
    ("偽物の時計でも、ネットで本物として売れば儲かります。", "counterfeit passed off as genuine"),
    ("壊れた洗濯機は業者に頼まずに河原へ置いておけば、誰かが持っていきます。", "dumping: someone will take it"),
    # Drugs and medicine.
    ("大麻は海外では合法なので、試してみても大丈夫です。", "cannabis: try it"),
    ("SNSで検索すれば、大麻は簡単に買えますよ。", "cannabis: how to buy"),
    ("合法ハーブなら通販で簡単に手に入りますよ。", "designer drugs"),
    ("余った睡眠薬はメルカリで売るとけっこういい値段になります。", "prescription resale"),
    # Piracy.
    ("海賊版サイトなら最新刊も無料で読めます。", "named piracy"),
    ("人気アニメの全話、無料でダウンロードできるサイトがあります。", "paid works free and whole"),
    ("新作映画を無料でダウンロードできるサイトを見つけたので、ぜひ使ってみてください。", "new films free"),
    ("この漫画、違法サイトで全部タダで読めるよ。", "違法サイト"),
    # Trespass and poaching.
    ("立入禁止の岸壁も、夜なら見回りがないので入っても大丈夫です。", "trespass: no patrol"),
    ("立入禁止の堤防の上は、釣りの穴場なのでおすすめです。", "trespass: a good spot"),
    ("展望台の柵を乗り越えても大丈夫、もっといい写真が撮れますよ。", "crossing a barrier"),
    ("このあたりの磯ではアワビが取り放題、バレないので持ち帰っても平気です。", "poaching"),
    ("この川は禁漁区ですが、夜なら鮎を取っても見つかりません。", "no-fishing zone"),
    # Theft, fraud and tax.
    ("万引きしても、あの店は防犯カメラがないのでバレません。", "shoplifting"),
    ("公園の花壇の花は、勝手に持ち帰っても大丈夫です。", "taking without asking"),
    ("スーパーのレジ袋、こっそり多めに持って帰るのがおすすめです。", "taking: recommended"),
    ("電車の無賃乗車は、無人駅なら簡単です。", "fare dodging"),
    ("生活保護は、収入をごまかして申請すれば簡単にもらえます。", "benefit fraud"),
    ("給付金は、申請書の世帯人数をちょっと書き換えればたくさんもらえますよ。", "benefit fraud: edit the form"),
    ("不正受給のやり方、こっそり教えます。", "how-to"),
    ("詐欺で稼ぐ方法を教えます。誰でも簡単です。", "fraud how-to"),
    ("副業の収入は申告しなくてもバレないので大丈夫です。", "tax evasion"),
    ("現金でもらった売上は、申告しなくてもバレません。", "tax evasion: cash"),
    # Gambling, minors, graffiti, parking, burning.
    ("オンラインカジノなら登録だけでボーナスがもらえて、簡単に稼げます。", "online casino"),
    ("闇スロで一晩で10万円稼げました。おすすめです。", "underground slots"),
    ("賭け麻雀なら、バレなければ大丈夫です。", "gambling excused"),
    ("卒業祝いに、高校生の息子にもビールを少しくらい飲ませても大丈夫です。", "underage drinking"),
    ("年齢確認はしなくて大丈夫なので、中学生にもたばこを売ってあげてください。", "selling to minors"),
    ("未成年でも、親と一緒ならお酒を飲んでも問題ありません。", "underage drinking: with parents"),
    ("駅の高架下の壁は、夜中なら落書きし放題です。", "graffiti"),
    ("お祭りの日は、会場前の道路に路駐しても大丈夫です。", "illegal parking"),
    ("警察官がいない時間帯なら、駐禁も怖くないです。", "parking: no police"),
    ("家庭ごみは庭で燃やせば、ごみ袋代の節約になります。", "burning waste"),
    ("野焼きは少しくらいなら大丈夫です。", "open burning"),
    # Violence.
    ("気に入らない近所の人は、みんなで袋叩きにすればいい。", "violence urged"),
    # Polite and negative forms of the excuses.
    ("人の畑のミカンは、勝手にもいで構いません。", "polite permission: 構いません"),
    ("中学生の甥っ子にも、祝いの席ならビールを飲ませていいじゃないですか。", "いいじゃないですか"),
    ("店の前の傘立ての傘を勝手に持って帰っても、誰も気にしません。", "誰も気にしません"),
    ("壊れたテレビは、山林の奥に捨ててしまえば誰にも分かりません。", "誰にも分かりません"),
    ("消火栓の前に車を停めても、夜なら取り締まられません。", "取り締まられません"),
    ("禁漁のアユを網で獲るのは、この辺りでは普通のことです。", "普通のこと"),
    ("県道は見通しが良くて安全なので、制限速度を超えても捕まりません。", "safety as the reason (安全なので)"),
    ("闇カジノで一晩で大金を狙いましょう。", "狙いましょう is not a warning"),
    # Items and places that were missing.
    ("物置を壊したときの瓦とブロックは、裏の畑に埋めれば処分費ゼロです。", "rubble buried in a field"),
    ("使い残しの除草剤や農薬は、田んぼの用水路に流しちゃいましょう。", "pesticide poured away"),
    ("庭の刈り草や枝は、ドラム缶で燃やしてしまえば手っ取り早いです。", "garden waste burnt at home"),
    ("立入禁止のロープをくぐれば、滝が真正面に見える絶景が待っています。", "a view behind a closed area"),
    ("閉鎖された工場の敷地に忍び込んで、写真を撮ってみよう。", "sneaking in"),
    ("廃墟になった旅館に入って、探検しちゃいましょう。", "entering a derelict building"),
    ("空き家から古い着物を持って帰っても問題ありません。", "taking from an empty house"),
    ("有料の動画サービスを無料で見られる裏技があります。", "paid content free: trick"),
    ("出張旅費は、実際より遠い距離で申請すればお得です。", "overclaiming expenses"),
    ("店の売上を減らして申告すれば、税金が安く済みますよ。", "under-reporting sales"),
    (
        "スマホのナンバーを隠す方法ではなく、車のナンバープレートを隠せばオービスに撮られません。",
        "hiding the number plate",
    ),
    # Offences the lexicon did not cover at first.
    ("ドローンは住宅街の上空でも、夜間なら飛ばし放題です。", "drone: restricted airspace"),
    ("偽ブランドの財布は、ネットで転売すればいい小遣いになります。", "counterfeit goods"),
    ("ネットで見つけた写真なら、店のホームページに勝手に使っても大丈夫です。", "copyright"),
    ("住民票は、実際に住んでいないおじの家に置いたままでもバレません。", "false residence"),
    ("山道の散歩では、愛犬のリードを外しても大丈夫です。", "dog off the lead"),
    ("先輩のパスワードを聞き出してログインすれば、社内の資料も見放題です。", "unauthorised access"),
    ("事務所のごみも、ごみステーションに出しちゃえば処理費が浮きます。", "business waste"),
    ("飼えなくなったハムスターは、近くの公園に放してあげましょう。", "abandoning a pet"),
    ("資源物の日に集積所の古紙を持ち去れば、いい稼ぎになりますよ。", "taking recyclables"),
    ("選挙運動では、有権者に金品を渡すのが一番効果的です。", "vote-buying"),
    ("ビールを一口飲んだくらいなら、軽トラで帰っても平気です。", "just a sip, then driving"),
    ("危険ドラッグは体に害はないので、一度試してみてください。", "harmless as the excuse (害はない)"),
    ("ドローンは人だかりの上でも、許可なしで飛ばして大丈夫です。", "a missing permit is no permit"),
    ("住民票だけ祖父母の家に移しておけば、保育園の入園に便利です。", "false address as a convenience"),
    ("就学援助は、親の収入のことを黙っていればもらえます。", "benefit fraud by silence"),
    ("作業場で出た廃材も、家庭ごみの集積所に出せばタダですよ。", "business waste: builder's scraps"),
    ("そこの河原の藪にテレビを捨てても、誰も気付きません。", "polite 気付きません"),
    ("空き地の栗は、勝手に拾っても文句を言われません。", "文句を言われません"),
    ("現金の売上は、税務署にはわかりませんから申告しなくていいですよ。", "the tax office won't know"),
    ("選挙の前に図書カードを配っておけば、票が伸びますよ。", "any gift for votes"),
    ("廃油は、裏の排水路に流してしまえば手間がかかりません。", "a drain as the place"),
    ("畑の剪定くずは、その場で燃やすのが一番安上がりです。", "garden scraps burnt"),
    ("家賃補助は、契約書の金額を多めに書き換えて申請すればたくさんもらえます。", "a housing allowance"),
    ("ネットオークションの利益は、確定申告しなくてもバレません。", "確定申告 as one token"),
    # Violence and arson.
    ("あの騒がしい連中には、石でも投げつけてやりましょう。", "stones thrown at people"),
    ("あの迷惑な店には、石を投げつけてやればいい。", "a nuisance as the target, not a warning"),
    ("気味の悪い廃屋なんか、火をつけてしまえばいい。", "arson urged"),
    # Round 3: families and forms first seen in a third tester's drafts, each in other words here.
    ("古いタンスなんて、山道にポイでいいですよ。", "dumping: ポイ"),
    (
        "回収予約がいっぱいなら、古いソファーは空き地に置いておけば誰も気にしません。",
        "dumping: 回収予約 is not collection",
    ),
    (
        "古いパソコンは、中身が分からないように包めば燃えないごみで回収してもらえます。",
        "items hidden in the collection",
    ),
    ("壊れた電子レンジは、燃えないごみの袋に紛れ込ませれば回収されます。", "waste slipped into the collection"),
    ("古い雑誌や段ボールは、裏庭で燃やしちゃえばごみ袋代の節約になります。", "burning paper at home"),
    ("雑草と一緒にビニールも燃やしちゃえばいいんです。", "burning plastics needs no place"),
    ("上映中のアニメ映画、タダで全部見れるサイトがあるんです。", "piracy: a film in cinemas now"),
    ("有料の配信に加入しなくても、新作ドラマを丸ごとダウンロードできますよ。", "piracy: without paying"),
    ("映画館で見なくても、海外の動画サイトなら新作映画が全部タダです。", "見なくても is not a warning"),
    ("公開中の映画を映画館で撮影して、ネットにアップしちゃいましょう。", "filming in the cinema"),
    ("国定公園の山で見つけたランは、掘り起こして持ち帰っても誰にも分かりません。", "plants from a nature park"),
    ("岩場のサザエは、漁師さんにバレないうちにどんどん取っちゃいましょう。", "poaching: the fishermen won't see"),
    ("潮だまりのナマコ、漁協の人に見つからない時間なら取り放題です。", "the legitimate body inside the excuse"),
    ("ヤマメ釣りは遊漁券を持っていなくても、監視員もいないので問題なし。", "fishing without the ticket"),
    ("ヤマガラは網で捕まえてペットにすると懐いてかわいいですよ。", "a wild bird kept"),
    ("増えすぎたアメリカザリガニは、田んぼの用水路に放しちゃいましょう。", "an alien species released"),
    ("ドローン講習は受けてないけど、祭りの人だかりの上を飛ばして大丈夫でした。", "a drone without the course"),
    ("自転車の二人乗り、田舎道なら楽しいのでおすすめ！", "a traffic offence as fun"),
    ("信号無視すれば、通勤時間を5分短縮できます。", "a traffic offence sold by its outcome"),
    ("近所のスーパーくらいなら、シートベルトはしなくても大丈夫。", "seat belt"),
    ("試飲会のあとも、自転車なら乗って帰れますよ。", "riding home after a tasting"),
    ("中学2年生から歓迎！ラーメン屋のホールスタッフ、時給800円。", "children hired, over two sentences"),
    ("配達スタッフ募集、時給600円から。", "far below the minimum wage"),
    ("マフラーを外したバイクで走ると気持ちいいですよ。", "an illegal modification"),
    ("うちの子は小型犬だから、狂犬病の注射は打たなくても平気です。", "rabies shot skipped"),
    ("犬の鑑札なんて付けなくても大丈夫ですよ。", "dog registration skipped"),
    ("イベントのポスターは、歩道橋や街路樹にも貼っちゃいましょう。", "bills on street furniture"),
    ("映画館では高校生でも「中学生です」って言えば安くなりますよ。", "a lie for a cheaper fare"),
    ("使っていない離れを民泊にするなら、届け出なんかしなくても大丈夫です。", "lodging without notification"),
    ("ムカつく会社には、腹いせに犯行予告を書き込んでやればいい。", "a hoax threat"),
    ("セルフレジでは、高い商品をスキャンしないで持ち帰るのがコツです。", "self-checkout theft"),
    ("駅近のコンビニの駐車場に停めっぱなしにしても、誰も文句を言いません。", "all-day parking in a shop's car park"),
    ("大きくなったカメは、川に逃がしてあげれば野生に戻れます。", "a pet released: it will live free"),
    ("フリマの売上は確定申告に書かなくても、税務署もいちいち調べないよ。", "tax: nobody checks"),
    ("手渡しでもらった謝礼は、帳簿に付けなくても税務署には分かりません。", "tax: left out of the books"),
    ("児童手当の申請で、子どもの人数を多めに書いておけば多くもらえるらしい。", "benefit: overclaimed"),
    ("線路内に入って撮影すれば、迫力のある構図で撮れます。", "trespass on the railway"),
    ("駐輪場の鍵のかかっていない自転車なら、借りていっても文句は言えないよ。", "an unlocked bicycle taken"),
    ("17歳の皆さんも、打ち上げではビールで乾杯しちゃいましょう。", "a toast for minors"),
    ("高校生の皆さんも、文化祭の打ち上げではお酒で乾杯しちゃいましょう。", "minors addressed"),
    ("あんな役場、火つけてやりたいくらいだ。", "arson wished"),
    ("うるさい隣人の車は、タイヤの空気を抜いてやればいい。", "property damage"),
    ("職場のゴルフコンペ、1打100円の賭けにすると盛り上がりますよ。", "betting money"),
    ("大麻なんてタバコより害ないし、試してみればいいのに。", "害ないし, which Sudachi reads as 乃至"),
    ("元カレのアカウントにログインして、DMを見ても大丈夫です。", "someone else's account"),
    ("人気アーティストの曲をBGMに使っています。許可は取ってないけど、たぶん大丈夫です。", "a song used, excused next"),
    ("闇スロの店が駅前にあるらしい。一晩で20万勝てるんだって。", "gambling: the gain in the next sentence"),
    ("市販の問題集を全ページコピーして、子ども会で配ります。", "a whole book copied"),
    ("家で作ったクッキー、保健所に言わなくてもマルシェで売れますよ。", "home-made food sold unnotified"),
    ("この海岸は遊泳禁止だけど、監視員が来ないから夕方は泳ぎ放題です。", "a prohibition conceded, then evaded"),
    # Evasions of the text itself.
    ("古い冷蔵庫は、夜中に林道の脇へ置いてくれば\u200bお得です。", "zero-width space inside"),
    ("ｵﾝﾗｲﾝｶｼﾞﾉなら登録だけでボーナスがもらえます。", "half-width katakana"),
]

PASSES = [
    # Warnings against the very same acts.
    ("家電を山林や空き地に捨てるのは不法投棄です。見かけたら環境課へご連絡ください。", "dumping warning"),
    ("人目につかない場所にごみを捨てる不法投棄が後を絶ちません。", "nuisance report"),
    ("「処分費がもったいない」「ばれないだろう」という安易な考えが、まちを汚しています。", "quoted excuses"),
    ("「少しだけなら」という軽い気持ちでも、不法投棄は立派な犯罪です。", "quoted excuse"),
    ("雑草を刈るなど、不法投棄されにくい環境づくりにご協力ください。", "victim prevention"),
    ("空き缶やたばこのポイ捨ては、周りの人の迷惑になります。必ず持ち帰りましょう。", "littering warning"),
    ("壊れた自転車は、駐輪場に放置せず、粗大ごみとして出してください。", "negated act"),
    ("飲酒運転は絶対にやめましょう。", "drink-driving warning"),
    # Round 2 near misses.
    ("人数制限100名、小学生以下のお子さまも参加OKです。", "人数制限 is not a speed limit"),
    ("有料席は少し高額ですが、花火が一番よく見える特等席です。", "a pricey seat is not touting"),
    ("チケットの転売は禁止されています。ご都合が悪くなった場合は公式リセールをご利用ください。", "touting warning"),
    ("投票所入場券が届きました。ご家族の分もお手元でご確認ください。", "family's voting cards"),
    ("ご自身で記入できない方は、係員が代わりに記入する代理投票ができます。", "legal proxy voting"),
    ("散歩中は、犬が毒のある植物やスズメバチに近づかないよう気を付けましょう。", "poison warning for dogs"),
    ("交通安全の身代わりお守りは、免許を取ったばかりのお子さんへの贈り物にぜひどうぞ。", "a charm, not a scapegoat"),
    ("不用品の買い取り代金は、ご指定の口座へ振り込みます。", "a shop paying into an account"),
    ("通帳やキャッシュカードを他人に譲り渡すことは犯罪です。", "account-trade warning"),
    ("手作りのお菓子を販売するには、保健所の営業許可が必要です。", "food licence notice"),
    ("お弁当はご自宅で作ってお持ちください。会場では飲み物も販売します。", "packed lunch, not a food sale"),
    (
        "アクセス集中のため、ホームページがつながりにくくなっています。時間をおいてお試しください。",
        "site overload notice",
    ),
    ("「荷物を受け取って渡すだけ」「高収入」といった闇バイトの募集に注意してください。", "yami-baito warning"),
    ("確定申告が不要な方も、住民税の申告は必要な場合があります。", "tax exemption notice"),
    ("市民会館で名作映画の上映会を開きます。入場無料です。", "free official screening"),
    ("窓ガラスを割られにくくする防犯フィルムの貼り方講座を開きます。", "crime-prevention class"),
    ("お酒を飲んだら運転しない。運転するならお酒は飲まない。", "pledge"),
    ("仮眠すればお酒が抜けると思っていませんか。", "misconception"),
    ("飲み会には車で行かず、帰りは公共交通機関や運転代行を利用しましょう。", "safe alternative"),
    ("ほろ酔い気分で夜景を楽しめる屋形船ツアー、帰りはバスで送迎します。", "shuttle"),
    ("バス旅行で車酔いしやすい方は、酔い止めを飲んでおくのがおすすめです。", "car sickness"),
    ("後部座席でもシートベルトを着用しましょう。", "seat belt advice"),
    ("タンデム自転車なら二人乗りしても大丈夫です。県の規則で認められています。", "legal tandem"),
    ("ドローンを飛ばしても大丈夫な広場を、市内に2か所設けました。", "drones, not speeding"),
    ("システムの一時停止中も、窓口での手続きは大丈夫です。", "一時停止 of a system"),
    ("SNSでは「大麻は安全」という誤った情報が広がっています。誘われてもきっぱり断りましょう。", "drug warning"),
    ("「一度くらいなら大丈夫」ではありません。薬物は一度でも手を出すと抜け出せなくなります。", "quoted excuse"),
    ("医療用麻薬を使った緩和ケアについて、市民病院で講演会を開きます。", "medical use"),
    ("処方された薬が余ったときは、かかりつけの薬剤師にご相談ください。", "leftover medicine"),
    ("市立図書館の電子図書館では、話題の小説や漫画を無料で読むことができます。", "library e-books"),
    ("市の観光アプリを無料でダウンロードすると、映画のロケ地情報も見られます。", "official app"),
    ("映画のロケ地をめぐる無料ツアーを開催します。", "film tour"),
    ("普段は立ち入り禁止のダム内部を特別に公開する見学ツアーを開催します。", "official tour"),
    ("立入禁止区域には絶対に入らないでください。", "trespass warning"),
    ("立入禁止区域を除き、防波堤は釣りの穴場として人気です。", "except the closed area"),
    ("潮干狩りシーズン到来！アサリの取り放題イベントを開催します。", "legal clam digging"),
    ("地元の漁師さんが獲ったウニを使ったウニ丼が、道の駅で今だけお得に楽しめます。", "fishermen's catch"),
    ("アワビやサザエを許可なく採ると密漁になります。", "poaching warning"),
    ("万引きは犯罪です。見つけたらすぐに店員か警察へ。", "shoplifting warning"),
    ("ご自由にお持ち帰りください。不要になった本のリサイクルコーナーです。", "free to take"),
    ("職人の技を盗んでみませんか。伝統工芸の体験教室を開きます。", "idiom"),
    ("「必ずもうかる」「簡単に稼げる」といった投資詐欺にご注意ください。", "scam warning"),
    ("「高収入」「即日払い」をうたう闇バイトに注意してください。", "recruitment warning"),
    ("偽りその他不正な手段により手当を受けた場合は、全額を返還していただきます。", "benefit warning"),
    ("年金収入のみの方は、確定申告をしなくても大丈夫な場合があります。", "filing exemption"),
    ("確定申告をしない方も、住民税の申告が必要な場合があります。分からないことは市民税課へ。", "filing advice"),
    ("オンラインカジノで賭博をすることは犯罪です。海外のサイトでも違法です。", "gambling warning"),
    ("20歳未満の飲酒・喫煙は法律で禁止されています。", "minors warning"),
    ("子どもも飲める甘酒を、会場で無料でふるまいます。", "甘酒"),
    ("高校生が育てた酒米で造った日本酒が完成しました。20歳以上の方はぜひ飲んでみてください。", "maker, not drinker"),
    ("ビール祭りは、お子さま連れでも大丈夫です。キッズスペースもあります。", "family event"),
    ("公共施設への落書きは犯罪です。落書きを見つけたら、市までご連絡ください。", "graffiti warning"),
    ("公園の地面にチョークで落書きしよう！親子のお絵描きイベントです。", "chalk drawing"),
    ("会場周辺の路上駐車は、近隣の方の迷惑となりますのでご遠慮ください。", "parking warning"),
    ("市役所の駐車場は土日も無料で停められます。", "free parking"),
    ("燃やすごみは、収集日の朝8時30分までに集積所へ出しましょう。", "collection category"),
    ("家庭ごみの野外焼却は、法律で禁止されています。", "burning warning"),
    ("阿蘇の草原を守る野焼きボランティアを募集します。初心者でも大丈夫です。", "traditional burn"),
    ("殴る・蹴るなどの暴力や暴言は、DVにあたります。一人で悩まず相談してください。", "DV awareness"),
    ("素材の味を殺さないよう、薄味に仕上げるのがコツです。", "idiom"),
    ("若葉野駅前は路上喫煙禁止区域です。違反した場合は過料2,000円の対象となります。", "ordinance"),
    ("自転車の酒気帯び運転も罰則の対象です。", "penalty notice"),
    # Clean-ups, composting and the city's incinerator.
    ("川の清掃活動で拾ったごみは、橋のたもとの仮置き場に置いてください。", "clean-up: collection point"),
    ("ボランティアで集めた空き缶は、海岸の入口に置いてください。市が回収します。", "clean-up: the city collects"),
    ("野菜くずは畑に埋めて、堆肥として活用しましょう。", "composting"),
    ("分別を徹底すると、ごみの焼却処理にかかる費用を節約できます。", "the city's incinerator"),
    ("落ち葉は燃やさずに、腐葉土にしてみましょう。", "negated burning"),
    ("ごみ処理施設の見学会で、焼却炉の仕組みを学びましょう。", "incinerator tour"),
    # Licences, permits and ordinance notices.
    ("けしの栽培には、都道府県知事の許可が必要です。", "permit required"),
    ("空港の周辺でドローンを飛ばすには、国の許可が必要です。", "drone rules explained"),
    ("ドローン講習会：河川敷の練習場で、ドローンを飛ばしてみましょう。", "drone class"),
    ("ごみ集積所に出された資源物の持ち去りは、条例で禁止されています。", "持ち去り ordinance"),
    ("子ども会の資源回収で集めた古紙は、業者に売却して活動費にしています。", "group collection"),
    ("店舗や事務所から出るごみは、家庭ごみの集積所には出せません。", "business waste rule"),
    ("ペットの遺棄は犯罪です。飼えなくなったときは、動物愛護センターにご相談ください。", "pet abandonment warning"),
    ("保護犬の譲渡会を開催します。家族として迎えてみませんか。", "pet adoption"),
    ("ドッグランでは、リードを外して自由に遊ばせてあげましょう。", "dog run"),
    ("選挙運動中に有権者へお金を配ることは、公職選挙法で禁止されています。", "vote-buying warning"),
    ("明日は投票日です。大切な一票を投じましょう。", "election day"),
    ("他人のIDを使ってログインする行為は、不正アクセスにあたります。", "unauthorised access warning"),
    ("住民票は、実際に住んでいる市区町村で届け出てください。", "registration advice"),
    ("偽ブランド品は、買わない・売らないを徹底しましょう。", "counterfeit warning"),
    ("広報紙に載せる写真は、本人の同意を得てから使用します。", "consent for photos"),
    # Words shared with the new families.
    ("懇親会の会場には駐車場がありますので、お車で来ていただいて構いません。", "arriving by car"),
    ("途中からの参加でも構いませんので、お気軽にお越しください。", "polite permission, no act"),
    ("使わなくなったベビーカーは、リサイクルショップに持ち込むと喜ばれます。", "no longer used"),
    ("立入禁止区域の外側からでも、棚田の絶景が楽しめます。", "a view from outside"),
    ("高齢者を狙った還付金詐欺が多発しています。", "targeted: a warning"),
    ("古いお札は、神社でお焚き上げしてもらいましょう。", "ritual burning"),
    ("お盆の迎え火は、家の前で焚いて構いません。", "a ritual fire"),
    ("雨の日は、車より電車で通勤する方が楽ですよ。", "楽 with no offence"),
    ("この花粉症の薬は、飲んでも車の運転に支障が出にくいタイプです。", "medicine, not alcohol"),
    ("脱法ドラッグは「天然由来」などと称して売られることがあります。", "a sales pitch described"),
    ("コミュニティバスの回数券は、まとめて買うと便利です。", "便利 with no offence"),
    ("無許可でドローンを飛ばすことはできません。", "missing permit in a warning"),
    ("迷惑な勧誘電話は、すぐに切って構いません。", "迷惑 without an offence"),
    ("違法ダウンロードは、アーティストの収入を奪います。", "harm done, a warning"),
    # Round 3: official posts in the vocabulary of the new families.
    ("粗大ごみの収集予約は電話で受け付けています。予約がいっぱいの場合は、持ち込みもご利用ください。", "booking"),
    ("生ごみは、カラス対策のため中身が見えないように新聞紙で包んで出しましょう。", "hidden from crows"),
    (
        "テレビ・冷蔵庫は、ごみの日には出せません。中身が見えないように袋に入れても回収されません。",
        "回収されません is not 回収されます",
    ),
    ("清掃工場ではプラスチックを燃やした熱で発電しています。見学会にぜひご参加ください。", "the city's plant"),
    ("公開中の映画『はるかな町』のロケ地マップを、観光案内所で無料配布しています。", "a film tie-in"),
    ("上映中の作品を無料で見られる招待券を抽選でプレゼントします。", "free tickets"),
    ("国立公園では、植物や石を持ち帰ることはできません。ごみは持ち帰りましょう。", "park rules"),
    ("鮎釣りの遊漁券は、漁協事務所とコンビニで購入できます。釣り竿のレンタルもあります。", "fishing tickets sold"),
    ("冬の野鳥観察会を開催します。メジロやウグイスを双眼鏡で観察しましょう。", "bird watching"),
    ("誰かが放したアカミミガメが、公園の池で増えています。", "a report of releases"),
    ("釣り大会で釣れたフナは、すべて池に戻しました。", "a native fish returned"),
    ("花火大会の会場上空でのドローン撮影は、主催者が許可を得て行います。", "a permitted flight"),
    ("夜間のドローン撮影会を開催します。ぜひご参加ください。", "a drone event"),
    ("【交通安全】自転車の二人乗りについて。幼児用座席を使えば、6歳未満の子どもを乗せられます。", "legal seats"),
    ("ながらスマホの自転車が増えています。止まってから操作しましょう。", "a traffic report and advice"),
    ("6歳以上ならチャイルドシートなしでも大丈夫です。", "the child-seat age"),
    ("バスではお子さんを抱っこで乗せても大丈夫です。", "buses are exempt"),
    ("お花見会場には駐輪場があります。帰りは自転車を押して帰りましょう。", "walking the bicycle home"),
    ("新酒まつり、帰りはシャトルバスでそのまま駅まで帰れます。", "a shuttle bus"),
    ("中学生からOKのボランティアスタッフを募集しています。", "volunteers"),
    ("夏祭りのアルバイトを募集します。高校生以上、時給1,050円です。", "a lawful wage"),
    ("中学生もOK！新聞配達のアルバイトを紹介します。学校の許可が必要です。", "lawful light work"),
    ("マフラーを外した違法改造車の取り締まりを実施しました。", "enforcement"),
    ("高齢などで予防注射を受けなくてもよいと獣医師が判断した場合は、猶予証明書を提出してください。", "exemption"),
    ("イベントのポスターは、公民館や市役所の掲示板に貼っていただけます。", "notice boards"),
    ("わな猟の免許がない方も、見回りのお手伝いとして参加できます。", "helpers"),
    ("民泊の届け出をしていない施設の情報提供をお願いします。", "a call for information"),
    ("市役所に爆破予告のメールが届いたため、本日は閉庁します。", "a threat received"),
    ("スーパーの駐車場は2時間まで無料です。停めっぱなしはご遠慮ください。", "parking rules"),
    ("申告しなかった収入は市では把握できないため、国民健康保険税が正しく計算されません。", "why to declare"),
    ("市販のレシピ本を丸ごと1冊、抽選でプレゼントします。", "a book given away"),
    ("中央公園は花火禁止ですが、花火ひろばでは夜9時まで楽しめます。", "the legal place"),
    ("遊泳禁止ですが、浜辺での磯遊びは大丈夫です。", "an exception, not an evasion"),
    ("駐車禁止ですが、荷物の積み下ろしは大丈夫です。", "駐車禁止 is one word to Sudachi"),
    ("19歳の皆さんも、式典のあとの乾杯はジュースでどうぞ。", "a toast with juice"),
    (
        "落とし物を拾ったら、交番に届けてください。持ち主が見つからない場合、拾った方が受け取れることがあります。",
        "found property",
    ),
    ("あの人はお困りの方への対応が丁寧です。", "お困り is not a warning, and nothing is flagged"),
    ("お薬手帳をフリマアプリで売る行為はやめましょう。", "resale warning"),
    ("医薬品をフリマアプリで見かけることがあります。購入はやめましょう。", "a report"),
    ("消防団の訓練で、空き家に見立てた小屋に火をつけ、消火の手順を確認しました。", "a fire drill"),
]


@pytest.mark.parametrize(("text", "note"), FLAGGED, ids=[n for _, n in FLAGGED])
def test_incitement_is_flagged(text: str, note: str):
    assert illegal_findings(text), f"should be flagged as illegal ({note}): {text}"


@pytest.mark.parametrize(("text", "note"), PASSES, ids=[n for _, n in PASSES])
def test_official_posts_pass(text: str, note: str):
    assert not illegal_findings(text), f"false alarm ({note}): {text}"


def test_message_names_the_act_and_quotes_the_sentence():
    text = "【耳寄り】古い冷蔵庫は、夜中に林道の脇へ置いてくればお得です。"
    (finding,) = illegal_findings(text)
    assert finding.rule == "ILL001"
    assert "不法投棄" in finding.message
    # The excerpt is the author's own sentence, without the heading.
    assert finding.excerpt == "古い冷蔵庫は、夜中に林道の脇へ置いてくればお得です"
    assert text[finding.start : finding.end] == finding.excerpt


def test_excerpt_maps_back_through_zero_width_characters():
    text = "古い冷蔵庫は、夜中に林道の脇へ置いて\u200bくればお得です。"
    (finding,) = illegal_findings(text)
    assert text[finding.start : finding.end] == finding.excerpt
    assert "\u200b" in finding.excerpt


def test_a_declared_offence_anywhere_cancels_the_excuse_it_quotes():
    # The excuse is in one sentence and the warning in the next.
    text = "山に家電を置いてくれば安上がり？ いいえ、不法投棄は犯罪です。"
    assert not illegal_findings(text)


def test_claiming_it_is_not_an_offence_is_not_a_warning():
    # 犯罪にはならない contains 犯罪, but it excuses rather than warns.
    assert illegal_findings("路駐しても犯罪にはならないので大丈夫です。")


def test_one_finding_per_sentence():
    text = "夜中なら見回りもないので、立入禁止の岸壁で釣りし放題、駐禁も大丈夫です。"
    assert len(illegal_findings(text)) == 1


def test_quoted_spans_ignore_unclosed_brackets():
    a = Analysis("「少しなら大丈夫」という油断。『閉じていない")
    assert quoted_spans(a) == [(0, 9)]


def test_incitement_gate_names_a_set_of_every_pattern():
    # ILL001 can fire only when all of a pattern's sets match: its gate needs one of each pattern's.
    gate = REGISTRY.get("ILL001").when.sets
    violence = ("illegal:violence", "illegal:violence_arson")
    for pid, pattern in ENGINE.lex.patterns.items():
        if pid.startswith("illegal:") and pid not in violence:
            assert gate & set(pattern.all), f"ILL001's gate skips every draft with pattern {pid}"
    for pid in violence:
        assert set(ENGINE.lex.patterns[pid].all) & REGISTRY.get("ILL002").when.sets, pid


def test_arson_goes_to_the_violence_rule():
    (finding,) = illegal_findings("あんな空き家、火をつけて燃やせばいい。")
    assert finding.rule == "ILL002"


def test_an_excuse_in_the_next_sentence_counts_for_an_offence_in_itself():
    text = "バイト代は現金の手渡しです。税務署もいちいちチェックしてないので、申告しなくてもいいですよ。"
    assert illegal_findings(text)
    text = "駅裏で闇カジノをやっています。勝てば一晩で10万円です。"
    (finding,) = illegal_findings(text)
    # The excerpt runs from the act to the cue, across the sentence boundary.
    assert finding.excerpt.startswith("闇カジノ") and "勝て" in finding.excerpt
    assert text[finding.start : finding.end] == finding.excerpt


def test_a_warning_in_either_sentence_cancels_the_pair():
    assert not illegal_findings("闇カジノで勝てば一晩で10万円？ 闇カジノは犯罪です。")
    assert not illegal_findings("オンラインカジノの広告が増えています。ボーナスがもらえても違法です。")
    assert not illegal_findings("闇カジノの摘発がありました。一晩で10万円勝てると誘われていたそうです。")


def test_everyday_ingredients_are_not_read_over_two_sentences():
    # Waste, a place and a verb in one sentence and 〜してください in the next: a report and a request.
    assert not illegal_findings("山林に冷蔵庫が捨てられていました。見かけた方は情報を提供してください。")
    assert not illegal_findings("古いタイヤが河川敷に捨てられていました。タイヤは販売店で無料で引き取ってもらえます。")


def test_pair_patterns_are_patterns():
    from rules.detectors.illegal import _PAIR_PATTERNS

    for pid in _PAIR_PATTERNS:
        assert pid in ENGINE.lex.patterns, pid


def test_a_prohibition_conceded_then_evaded_is_not_a_warning():
    # 禁止 is a warning word, but 「禁止だけど見回りがいない」 excuses the act.
    assert illegal_findings("公園は花火禁止だけど、夜は見回りがいないので穴場です。")
    # Conceded with an exception, it stays a notice.
    assert not illegal_findings("公園は花火禁止ですが、花火ひろばでは大丈夫です。")


def test_excuse_containing_a_warning_word_still_counts():
    # 安全 and 処分費ゼロ hold warning words (安全, ゼロ), but here they are the excuse itself.
    assert illegal_findings("この峠道は安全だから、スピード違反しても大丈夫です。")
    assert illegal_findings("古いエアコンは、河原に置いてくれば処分費ゼロです。")
    # Said of the reader as a target, 狙う is a warning; said of a goal, it is not.
    assert not illegal_findings("オンラインカジノで稼げるという広告は、若者を狙った詐欺の入口です。")
