"""Data-driven cases for the `personal_info` rules beyond the rules' own examples.

- PHONE_VECTORS / MY_NUMBER_VECTORS: numbers in every spelling people use (hyphens, spaces,
  parentheses, full-width, kanji numerals, +81), valid and invalid, with the verdict expected.
- CLEAN: the kind of lines city newsletters and official posts are made of: the city's own phone
  numbers and addresses, departments' e-mail addresses, officials with their titles, 法人番号,
  dates, times, postal codes and fees. None may raise a personal_info finding.
- LEAKS: private information that must be caught, each with the rule expected.
"""

from __future__ import annotations

import pytest

from rules import Category, Draft, Settings, Severity, screen

SETTINGS = Settings(
    official_domains=("city.wakabano.lg.jp", "city.wakabano.jp"),
    trusted_domains=("www.pref.example.lg.jp",),
    official_phone_numbers=("0123-45-6789", "090-1111-2222"),
    organization="若葉野市",
)


def _findings(text: str, settings: Settings = SETTINGS):
    return [f for f in screen(Draft(text=text), settings).findings if f.category is Category.PERSONAL_INFO]


# --- phone numbers ------------------------------------------------------------------------------

# (text, expected rule or None)
PHONE_VECTORS = [
    # Mobile numbers are personal by nature, in every spelling.
    ("連絡先 090-1234-5678", "PII003"),
    ("連絡先 09012345678", "PII003"),
    ("連絡先 080 4417 2693", "PII003"),
    ("連絡先 ０８０－４４１７－２６９３", "PII003"),
    ("連絡先 〇九〇‐一二三四‐五六七八", "PII003"),
    ("連絡先 〇八〇ー四四一七ー二六九三", "PII003"),
    ("連絡先 070(1234)5678", "PII003"),
    ("連絡先 ０９０（１２３４）５６７８", "PII003"),
    ("連絡先 +81 90-1234-5678", "PII003"),
    ("連絡先 +81-80-4417-2693", "PII003"),
    ("連絡先 060-1234-5678", "PII003"),
    ("TEL.090-1234-5678", "PII003"),
    ("携帯:080-9876-5432", "PII003"),
    ("連絡先 090ー1234ー5678", "PII003"),
    ("連絡先 090 - 1234 - 5678", "PII003"),
    ("連絡先 090.1234.5678", "PII003"),
    ("℡090-1234-5678", "PII003"),
    ("連絡先 〇九〇 一二三四 五六七八", "PII003"),
    ("連絡先 〇八〇・四四一七・二六九三", "PII003"),  # ・ between kanji numerals
    ("連絡先 080・4417・2693", "PII003"),
    ("連絡先 080／4417／2693", "PII003"),
    ("連絡先 080/4417/2693", "PII003"),
    ("連絡先 080_4417_2693", "PII003"),
    ("連絡先 080･4417･2693", "PII003"),  # half-width ・
    ("申込受付：080 4417 2693", "PII003"),  # a bare 受付 is a desk, not a label
    ("会員登録：070-8765-4321", "PII003"),
    ("口座 09012345678", "PII003"),  # a mobile gives way only to a label that names a number
    ("整理番号 09012345678 の方は窓口へ。", None),  # labelled as another kind of number
    ("予約受付番号 080 4417 2693", None),
    ("会員ID：07012345678", None),
    ("TEL 0466-12-3456／FAX 0466-12-3457", None),
    ("開催日 2026・03・14・15", None),
    ("会員ID ABC09012345678", None),  # inside a code
    # Landlines at a private home or person.
    ("お申し込みは山田さん宅（0466-12-3456）まで。", "PII003"),
    ("ご自宅の電話（03-1234-5678）にご連絡ください。", "PII003"),
    ("自宅電話 011-234-5678", "PII003"),
    ("連絡は班長の高田恵子さん 0465（12）3456 へ。", "PII003"),
    ("個人の電話番号 ０４６６－１２－３４５６", "PII003"),
    # Never flagged: business numbers, the organisation's own numbers, offices, non-numbers.
    ("相談は 0120-123-456 へ（通話料無料）。", None),
    ("フリーダイヤル ０１２０－９８７－６５４", None),
    ("受付 0800-123-4567", None),
    ("ナビダイヤル 0570-012-345", None),
    ("電話 0467-58-6620", None),
    ("代表電話 03-1234-5678（平日8時30分～17時15分）", None),
    ("市役所 ☎0123-45-6789", None),
    ("自宅からでも 0123-45-6789 におかけいただけます。", None),  # official number, even near 自宅
    ("当番職員 090-1111-2222", None),  # an official mobile listed in the settings
    ("090-1234-567 は桁が足りません。", None),  # invalid length
    ("010-1234-5678", None),  # no such numbering
    ("〒060-0001 札幌市中央区", None),  # a postal code that starts with 0
    ("受付期間 2026-01-05～2026-01-30", None),
    ("9:00-17:00 受付", None),
    ("お客様番号 0123-4567-8901-2345 をご用意ください。", None),  # 16 digits
    ("保健センター（0853-21-6610）", None),
    ("問合せ 若葉野市役所市民課 0465-12-3456", None),
    ("FAX 0465-12-3457", None),
    ("消防本部 ☎0123-45-0119", None),
]


@pytest.mark.parametrize(("text", "expected"), PHONE_VECTORS)
def test_phone_vectors(text: str, expected: str | None):
    codes = {f.rule for f in _findings(text) if f.rule == "PII003"}
    assert codes == ({expected} if expected else set()), text


def test_phone_finding_spans_the_number_only():
    text = "会計係の連絡先は（０８０－４４１７－２６９３）です。"
    [f] = [f for f in _findings(text) if f.rule == "PII003"]
    assert f.excerpt == "０８０－４４１７－２６９３"
    assert text[f.start : f.end] == f.excerpt
    assert "携帯電話" in f.message


# --- My Number ----------------------------------------------------------------------------------

VALID_MY_NUMBERS = ["398259791905", "748337887621", "328601290400", "479666972515", "512987304414"]
INVALID_MY_NUMBERS = ["398259791906", "748337887622", "328601290401", "479666972516", "512987304415"]
_FW = str.maketrans("0123456789 -", "０１２３４５６７８９\u3000－")
_KANJI = str.maketrans("0123456789", "〇一二三四五六七八九")


def _spellings(n: str) -> list[str]:
    grouped = f"{n[:4]} {n[4:8]} {n[8:]}"
    hyphen = f"{n[:4]}-{n[4:8]}-{n[8:]}"
    return [n, grouped, hyphen, n.translate(_FW), hyphen.translate(_FW), n.translate(_KANJI), hyphen.translate(_KANJI)]


MY_NUMBER_VECTORS = (
    [(f"書類に {s} と記載がありました。", "PII001") for n in VALID_MY_NUMBERS[:3] for s in _spellings(n)]
    + [(f"個人番号：{s}", "PII001") for s in _spellings(VALID_MY_NUMBERS[3])]
    + [(f"マイナンバーは{s}です。", "PII002") for n in INVALID_MY_NUMBERS[:2] for s in _spellings(n)]
    + [(f"番号 {n} の件", None) for n in INVALID_MY_NUMBERS]  # no label, wrong check digit
    + [
        ("法人番号 9589913944117 の事業者です。", None),  # 13-digit 法人番号
        ("法人番号：8715162046610", None),
        # A 法人番号 written as its check digit + 4-4-4: the last 12 digits are no My Number.
        ("法人番号 7 3982 5979 1905", None),
        ("法人番号：7 3982 5979 1905", None),
        ("法人番号 7-3982-5979-1905", None),
        ("受託者（7 3982 5979 1905）", None),
        ("法人番号（13桁）は次のとおり 398259791905", None),  # the label anywhere in the window
        ("電話 0466-12-3456 398259791905", "PII001"),  # a phone number before is not a lone digit
        ("登録番号 T9990695848304", None),  # invoice registration number
        ("受付番号 398259791905 でお待ちください。", None),  # another number's label
        ("ご注文番号：748337887621", None),
        ("ISBN 978-4-12-345678-9", None),
        ("カード番号 4111 1111 1111 1111", None),
        ("令和8年度一般会計予算 398259791905円", None),
        ("https://www.city.wakabano.lg.jp/news/398259791905.html", None),
        ("マイナンバーカードの交付通知書が届いた方は、予約のうえ市民課へお越しください。", None),
        ("マイナンバー（個人番号）が記載された書類は、大切に保管してください。", None),
        ("電話 0467-58-6620 / 〒248-0001", None),
    ]
)


@pytest.mark.parametrize(("text", "expected"), MY_NUMBER_VECTORS)
def test_my_number_vectors(text: str, expected: str | None):
    codes = {f.rule for f in _findings(text) if f.rule in ("PII001", "PII002")}
    assert codes == ({expected} if expected else set()), text


def test_my_number_blocks_and_explains_the_check_digit():
    text = "体育館の受付に、個人番号（７４８３　３７８８　７６２１）を書いたメモの落とし物がありました。"
    [f] = [f for f in _findings(text) if f.rule == "PII001"]
    assert f.severity is Severity.BLOCK
    assert f.excerpt == "７４８３　３７８８　７６２１"
    assert "チェックディジット" in f.message
    assert screen(Draft(text=text), SETTINGS).verdict.value == "block"


# --- official posts that must pass --------------------------------------------------------------

CLEAN = [
    # The city's own contact details, in every layout newsletters use.
    "【問合せ】市民課市民係　☎0123-45-6789　FAX0123-45-6790",
    "申込み・問合せ　健康づくり課（保健センター内）☎０１２３（４５）６７８９",
    "〒123-4567 若葉野市本町1丁目2番3号 若葉野市役所 総務課",
    "郵便番号 〒123-4567 / 電話 0123-45-6789 / FAX 0123-45-6790 / メール soumu@city.wakabano.lg.jp",
    "市役所の代表電話は 0123-45-6789 です。夜間・休日は守衛室（0123-45-6700）につながります。",
    "※携帯電話・IP電話からは 0123-45-6789 におかけください。",
    "ごみの分別でご不明な点は、環境課（内線2345）へ。",
    "子育て支援センター「ひだまり」☎0466-22-3344　受付9時～16時",
    "【訂正】広報わかば2月号12ページの電話番号に誤りがありました。正しくは 0466-22-3344 です。",
    "消費生活センターへの相談は、局番なしの188（いやや）へ。",
    "移住のご相談は、風早町役場まちづくり推進課へ。\n電話 0467-58-2030／メール iju@town.kazahaya.lg.jp",
    "申込受付番号 09012345678 の方は、2番窓口へお越しください。",
    "受付 0466-12-3456（平日9時～17時）",
    "ご意見は kouhou@city.wakabano.jp までお寄せください。",
    "県の特設サイトのお問い合わせ先：info@www.pref.example.lg.jp",
    "お問い合わせ：若葉野市観光協会（0466-55-1212／info@wakaba-kanko.example.jp）",
    "還付金詐欺に注意！市の職員がATMの操作をお願いすることはありません。不審な電話は消費生活センター（0466-22-1188）へ。",
    # Facility addresses.
    "会場：市民文化会館 大ホール（若葉町3-4-5）",
    "休日当番医　山田内科医院（本町1-2-3　☎0466-12-1111）",
    "市立図書館（本町2丁目5番1号）は、12月29日から1月3日まで休館します。",
    "休日の診療は、休日急患診療所（若葉町1丁目1番地1）で行います。☎0466-12-9999",
    "応募先：〒123-4567（住所不要）若葉野市役所 秘書広報課 フォトコンテスト係",
    "所在地：若葉野市緑町2-15-8（旧緑町小学校）",
    "集合場所は中央公民館（本郷町123番地）です。",
    "児童館は移転しました。新住所：緑町3丁目9番2号（旧緑町小学校内）",
    "県営住宅（桜台2丁目3番地）の入居者を募集します。",
    "中央公民館（本郷町123番地）で住民説明会を開きます。",
    "住民が本郷町45番地の集会所に集まり、防災訓練を行いました。",
    "桜台4丁目18番地から25番地の住民の皆さんへ、断水のお知らせです。",
    "住宅リフォーム補助の申請は、本町1丁目2番3号の建築課窓口で受け付けます。",
    "【クマ出没】1月10日午前7時ごろ、若葉町2丁目付近で目撃されました。",
    "空き家バンクに新しい物件（本町3丁目、木造2階建て、5LDK）を登録しました。",
    # Officials in their public role, and later mentions of the same official.
    "三宅隆之市長が市内の特別養護老人ホームを訪れ、職員から説明を受けました。三宅さんは「現場の声を大切にしたい」と話しました。",
    "市長　三宅隆之",
    "教育長の鈴木一郎が、市内の小中学校を訪問しました。",
    "佐藤市長と鈴木副市長が出席しました。",
    "議長 小野寺誠",
    "市議会の議長に小野寺議員が選ばれました。",
    "市民課の山田さんが、窓口で手続きをご案内します。",
    "地域おこし協力隊の田中美咲さんが、移住体験ツアーを企画しました。",
    "当選証書付与式を行い、当選人の三宅隆之氏に当選証書をお渡ししました。",
    # Appointments and elections: people named in their public role.
    "4月1日付けで、新しい教育長に大西由美子氏が就任します。",
    "議会は、中島隆氏を副市長に選任することに同意しました。",
    "人権擁護委員として西村和子さんが法務大臣から委嘱されました。",
    "開票の結果、無所属の新人・藤本一樹氏が初当選しました。",
    "市長選挙には、現職の岡田修氏と新人の川村亮氏が立候補しています。",
    "新市長に当選した岡田修氏が初登庁しました。",
    "作家の重松清さんを講師に迎え、文学講座を開きます。",
    "重松清さんの講演会を市民会館で開催します。",
    "『ふるさとの川』の著者、斉藤修一さんが来館します。",
    "山口課長さんの案内で、浄水場を見学しました。",
    "老舗の中村屋さんが、創業100年を迎えました。",
    "担当：山田太郎（0466-12-3456）",
    "市民課 担当 山田（0466-12-3456）",
    "市長 三宅隆之は、記者会見で新年度予算案を発表しました。三宅さんは「子育て支援を充実させます」と述べました。",
    # People in a public capacity, mascots and history.
    "講師　若葉大学教授　佐藤健一氏",
    "講師は認知症専門医の佐藤健一さんです。",
    "本日のゲストは、シンガーソングライターの山下大輝さんです！",
    "山田太郎選手（若葉高3年）がインターハイで優勝しました！",
    "市役所の新しい案内ロボット「わかばくん」が登場しました。",
    "人気絵本「まいちゃん」の読み聞かせ会を開きます。",
    "郷土の偉人を顕彰する「忠順さん」短歌大会の作品を募集します。",
    "明治維新で活躍した郷土の偉人、坂本龍馬の企画展を開催中です。",
    # Numbers that are not personal: 法人番号, dates, fees, counts.
    "委託先：株式会社わかば技研（法人番号 9589913944117）",
    "インボイス登録番号 T9990695848304",
    "参加費　500円（材料費込み）　定員　20人（先着順）",
    "日時　2月14日（土）午前10時～正午",
    "対象　市内在住の65歳以上の方",
    "受付時間 平日8:30～17:15",
    "水道料金のお支払いには、お客様番号（10桁）をご確認ください。",
    "献血会場：市役所前広場　日時：3月5日(木) 10:00-11:30, 13:00-16:00",
    # Topics that use private-life words without naming anyone.
    "乳がん検診・子宮頸がん検診の受診券を、対象の方に送付しました。",
    "認知症の方とご家族のための相談会を開きます。",
    "マイナンバーカードの交付申請は、市民課窓口（本庁舎1階）で受け付けています。",
    "個人番号カードの暗証番号を忘れた方は、本人確認書類をお持ちのうえ市民課へ。",
    "ご自宅の電話を留守番電話に設定し、知らない番号には出ないようにしましょう。",
    "沢沿いにお住まいの方は、直ちに近くの指定避難所へ避難しましょう。",
    "小学生の部の最優秀賞は、若葉小学校6年の作品「ぼくのまち」が選ばれました。",
    "いきいき100歳体操の参加者を募集しています。",
]


@pytest.mark.parametrize("text", CLEAN)
def test_official_posts_pass(text: str):
    assert _findings(text) == [], text


# --- private information that must be caught ----------------------------------------------------

LEAKS = [
    ("ボランティアの連絡先は、代表の田中さん（090-8765-4321）までお願いします。", "PII003"),
    ("不用品を譲ります。連絡は自宅 0465-98-7654 まで。", "PII003"),
    ("会計担当：中村さん（nakamura1980@yahoo.co.jp）", "PII004"),
    ("写真は satoshi.k@icloud.com あてにお送りください。", "PII004"),
    ("迷い犬を保護しています。飼い主の鈴木様（緑町2-3-14）に連絡がつきません。", "PII005"),
    ("回覧板は、班長の近藤さん宅（本郷町45番地の2）へお届けください。", "PII005"),
    ("若葉中学校3年の高橋大翔くんは、心臓の病気で長期入院中です。", "PII006"),
    ("本町の佐藤一郎さん（75）が熱中症で救急搬送されました。", "PII006"),
    ("区長の木村正雄さんは、先月奥さまを亡くされ、現在ひとり暮らしです。", "PII006"),
    ("昨年、要介護認定を受けた吉田ハルさんのお宅を訪問しました。", "PII006"),
    ("新成人を代表して、山口彩花さんがあいさつしました。", "PII007"),
    ("住民票に記載されたマイナンバー：479666972515", "PII001"),
    ("拾得物：個人番号カード（番号 3986-0129-0400 の記載あり）", "PII002"),
    ("作品の送り先：〒123-4567 若葉野市本町1-2-3 山田太郎", "PII005"),  # a full name, no honorific
    ("子ども会の会計担当、中川さんの自宅（0466-77-8899）が連絡先です。", "PII003"),  # a residents' group
    ("通報は、市内の個人宅（緑町3丁目9番2号）からでした。", "PII005"),
    ("雨漏りの相談があった桜台4丁目18番地の住宅を調査しました。", "PII005"),
    ("本町1丁目2番3号の住民から、騒音の苦情が寄せられました。", "PII005"),
    ("転居された宮本さんの新住所は緑町3丁目9番2号です。", "PII005"),
    ("生後4か月の大野陽太くんの健診結果に異常が見つかりました。", "PII006"),
    ("市長賞に当選した川口恵美さんの作品を展示します。", "PII007"),  # a prize, not an election
    ("抽選で当選した森下由香さんに賞品をお送りしました。", "PII007"),  # a lottery, not an election
    ("市長の同意を得て、森下由香さんの写真を掲載します。", "PII007"),  # 同意 without an appointment
    # Given names Sudachi does not know come out as common nouns (a surname may turn into a place).
    ("読書感想文コンクールで、森凪さんの作品が入選しました。", "PII007"),
    ("学童クラブの石田蒼くんが、発熱で早退しました。", "PII006"),
]


@pytest.mark.parametrize(("text", "rule"), LEAKS)
def test_leaks_are_caught(text: str, rule: str):
    codes = {f.rule for f in _findings(text)}
    assert rule in codes, (text, codes)


def test_severities_follow_the_contract():
    """A マイナンバー blocks; a name, phone, address or e-mail warns (consent can make it publishable)."""
    assert {f.severity for f in _findings("マイナンバー 3982-5979-1905")} == {Severity.BLOCK}
    for text in ("連絡先 090-1234-5678", "代表の田中さん", "連絡 taro@gmail.com", "鈴木様（緑町2-3-14）"):
        found = _findings(text)
        assert found, text
        assert {f.severity for f in found} == {Severity.WARN}, text


def test_a_named_resident_is_reported_once():
    text = "大塚由紀子さんが受賞しました。大塚さんは「うれしいです」と話しました。"
    assert [f.rule for f in _findings(text)] == ["PII007"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("移住した坂口ひろしさんにお話を伺いました（写真・お名前はご本人の了承を得て掲載しています）。", "PII008"),
        ("坂口ひろしさんの作品です。保護者の同意をいただいて紹介しています。", "PII008"),
        ("坂口ひろしさんにお話を伺いました。写真は、ご本人の同意を得ていないため掲載しません。", "PII007"),
        ("市長の同意を得て、坂口ひろしさんの写真を掲載します。", "PII007"),
        ("坂口ひろしさんが来庁しました。施設の許可を得て撮影しています。", "PII007"),
    ],
)
def test_a_name_published_with_stated_consent_is_a_note_for_the_approver(text: str, expected: str):
    """The person's own consent, stated and not denied, turns the warning into a note (info)."""
    found = _findings(text)
    assert [f.rule for f in found] == [expected], text
    assert found[0].severity is (Severity.INFO if expected == "PII008" else Severity.WARN)


def test_offsets_point_into_the_original_text():
    text = "連絡は　田村里美さんのご自宅（電話 〇四六七‐五八‐六六二〇）まで。"
    for f in _findings(text):
        assert text[f.start : f.end] == f.excerpt
    assert any(f.excerpt == "〇四六七‐五八‐六六二〇" for f in _findings(text))
