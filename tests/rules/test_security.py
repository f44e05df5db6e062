"""Data-driven cases for the `security` rules beyond the rules' own examples.

- CLEAN: posts *about* security and ordinary official posts full of URLs, versions, e-mail
  addresses, phone numbers and hashtags. None may raise a security finding.
- LEAKS: credentials, password schemes, internal addresses and hosts, admin URLs and keys, each
  with the rule expected. Every security finding blocks.
"""

from __future__ import annotations

import pytest

from rules import Category, Draft, Settings, Severity, screen

SETTINGS = Settings(official_domains=("city.wakabano.lg.jp",), organization="若葉野市")


def _findings(text: str):
    return [f for f in screen(Draft(text=text), SETTINGS).findings if f.category is Category.SECURITY]


CLEAN = [
    # Security advice and howtos, with no secret in them.
    "パスワードの使い回しはやめましょう。",
    "パスワードは定期的に変更しましょう。",
    "パスワードは英数字と記号を組み合わせ、12文字以上にしてください。",
    "フィッシング詐欺に注意！市役所がメールでパスワードを聞くことはありません。",
    "二段階認証を設定して、アカウントを守りましょう。",
    "マイナポータルのログイン方法は https://myna.go.jp/ でご確認ください。",
    "電子申請のログインにはマイナンバーカードが必要です。",
    "ログインID（メールアドレス）とパスワードを入力してください。",
    "初期パスワードは郵送でお知らせします。ログイン後、必ず変更してください。",
    "暗証番号（数字4桁）を3回間違えるとロックされます。",
    "パスワードに誕生日や電話番号を使うのはやめましょう。",
    "「123456」や「password」のような推測されやすいパスワードは危険です。",
    "ワンタイムパスワードはSMSで届きます。",
    "Wi-Fiのパスワードは受付でお伝えします。",
    "公衆無線LAN「Wakaba_Free_Wi-Fi」は、パスワードなしで利用できます。",
    "IPアドレスとは、インターネット上の住所のようなものです。",
    "市の情報システムはLGWANで守られています。",
    "パスポートの申請は、県のパスポートセンターで受け付けています。",
    "フリーパスは 1,000円です。",
    "暗証番号は、生年月日以外の4桁の数字を設定してください。",
    "パスワードは、氏名や生年月日を含まないものにしてください。",
    "初期パスワードは生年月日ではありません。",
    "新しいパスワード（例：Abc12345）を設定してください。",
    "ログイン後に表示される「Welcome_01」画面で設定を進めてください。",
    "SSID：wakabano_free2026（パスワード不要）で接続できます。",
    "ルーターのサブネットマスクは 255.255.255.0 が一般的です。",
    # Ordinary posts with URLs, versions, handles, e-mail addresses, numbers and hashtags.
    "詳しくは https://www.city.wakabano.lg.jp/kosodate/ をご覧ください。",
    "施設予約システム（https://yoyaku.city.wakabano.lg.jp/）から予約できます。ログインには利用者番号とパスワードが必要です。",
    "図書館の貸出予約は https://www.lib.city.wakabano.lg.jp/opac/login からどうぞ。",
    "セキュリティソフトを最新バージョン（Ver.12.0.3.1）に更新してください。",
    "ID番号は受付票に記載されています。",
    "公式LINEのIDは @wakabano_city です。友だち追加をお願いします。",
    "#若葉野市 #パスワードの日 #情報セキュリティ",
    "お問い合わせは kouhou@city.wakabano.lg.jp または 0123-45-6789 まで。",
    "人口は12.3万人、面積は45.67平方キロメートルです。",
    "令和8年度版ガイドブック（v2.0）を公開しました。",
    "申込書（moushikomi_2026.pdf）をダウンロードしてください。",
    "APIを公開しました。利用にはAPIキーの申請が必要です。",
    "記念品のトークン（メダル）を会場で配布します。",
    # Defaults, previous passwords and examples said as advice; logins for residents.
    "機器を購入したら、初期設定のままのパスワードは必ず変更しましょう。",
    "パスワードを変えるときは、前のパスワードに数字を足しただけのものは避けてください。",
    "例の詐欺メールにご注意ください。パスワードを聞かれても答えないでください。",
    "リカバリーコードは他人に教えないでください。",
    "予約システムのログインは https://yoyaku.city.wakabano.lg.jp/user/login から。",
    "イベントスタッフの集合は 8:30 です。受付で名札をお渡しします。",
    # Near misses of the families added in 2026-11-22's fifth session: labels that are ordinary
    # words, arrows to phone numbers, parts of a password named in advice, maintenance notices,
    # security advice with a measure and a verb of switching off, public networks.
    "フリーパス、2000円で販売中です。",
    "暗証番号、4桁の数字を入力してください。",
    "パスワードのお問い合わせはこちら: 0120-123-456",
    "パスワード更新期限です→ 3/31",
    "セキュリティキー（USB）を配布します。",
    "Wi-Fiのセキュリティキーは受付でお伝えします。",
    "「秘密の質問」とは、パスワードを忘れたときに本人確認に使う質問です。",
    "パスワードは英数字＋記号で8文字以上にしてください。",
    "暗証番号を忘れた方は、氏名＋生年月日で本人確認のうえ再設定します。",
    "パスワードの末尾に西暦を付けるだけでは不十分です。",
    "市では、ファイアウォールやウイルス対策ソフトを導入し、不正アクセスを防いでいます。",
    "夜間はサーバーメンテナンスのため、電子申請を停止します。",
    "スマホの画面ロックを解除して、アプリを開いてください。",
    "二段階認証を外したら乗っ取られた、という相談が増えています。",
    "ルーターのポートを開放する方法は、メーカーのサイトをご覧ください。",
    "図書館の蔵書検索は、ログイン不要でどなたでもご利用いただけます。",
    "市のオープンデータは、誰でも自由にアクセスできます。",
    "庁内ネットワークとインターネットを分離しています。",
    "無料Wi-Fi（暗号化なし）をご利用いただけます。個人情報の入力はお控えください。",
    "ホームページに脆弱性が見つかったため、修正が完了するまで問い合わせフォームを停止します。",
    "Windows 7のままのパソコンはありませんか？",
    "退職者のアカウントは速やかに削除しています。",
    "サーバー室の見学会は AD1 号室で開催します。",
    "管理画面から https://www.city.wakabano.lg.jp/ の更新をしました。",
]


@pytest.mark.parametrize("text", CLEAN)
def test_security_talk_passes(text: str):
    assert _findings(text) == [], text


LEAKS = [
    # Passwords, PINs and login IDs with their values.
    ("アカウント乗っ取り対策で、パスワードを Koho2026!! に変更しました。", "SEC001"),
    ("暗証番号：０４１５", "SEC001"),
    ("管理者ID：wakaba_admin", "SEC001"),
    ("ID: kouhou01 / PW: Hk4!zx", "SEC001"),
    ("ユーザー名は kikaku、パスワードは kikaku です。", "SEC001"),
    ("ルーターの管理画面のパスワードは admin123 です。", "SEC001"),
    ("共有URL https://kouhou:Spring24@files.example.jp/ を使ってください。", "SEC001"),
    ("研修用PCのpassは「Kensyu#2026」です", "SEC001"),
    ("Instagramの2段階認証のバックアップコード：3051 7724", "SEC001"),
    ("会議室PCのパス、何だっけ→ kaigi2027 です", "SEC001"),
    ("倉庫の暗証番号は 2222 です。", "SEC001"),
    ("カメラの管理者アカウントが guest / guest のままでした。", "SEC002"),
    # Credential-shaped strings offered for logging in.
    ("入れないときは、ログイン画面で Midori$77x を入れてください。", "SEC002"),
    # Password schemes.
    ("初期パスワードは職員番号の下4桁です。", "SEC003"),
    ("新しい端末のパスワードは、全員共通です。", "SEC003"),
    ("受付端末の暗証番号、工場出荷時のままになっています。", "SEC003"),
    ("今月のパスワードは、前のやつの末尾の数字を1つ増やしただけです。", "SEC003"),
    ("共有PCのパスワードは所属名＋年で統一しています（例：kaikei26）", "SEC003"),
    # Internal addresses and hosts, VPN endpoints, shares.
    ("ルーターの管理画面は http://192.168.1.1/ から開けます。", "SEC004"),
    ("プリンタのIPは 10.20.30.40 です。", "SEC004"),
    ("リモートデスクトップの接続先は 203.0.114.25:3389 です。", "SEC004"),
    ("庁内ポータルは http://portal.intra/ から。", "SEC005"),
    ("VPN接続先 vpn-gw.city.wakabano.lg.jp", "SEC005"),
    ("資料は ¥¥fs01¥soumu¥共有 に置きました。", "SEC005"),
    # Admin and staff login URLs.
    ("WordPress: https://www.town.example.jp/wp-login.php", "SEC006"),
    ("CMSの管理ページ（https://www.town.example.lg.jp/cms/manage/）はメンテナンス中です。", "SEC006"),
    ("職員の皆さんは https://portal.example.jp/login から勤怠を入力してください。", "SEC006"),
    ("予約システムの画面：https://yoyaku.example.jp/shokuin/login", "SEC006"),
    ("シフト入力はスタッフ用のページ https://shift.example.jp/login から。", "SEC006"),
    # Keys and tokens.
    ("通知用のトークン xoxb-2048-4096-abcdefGHIJKLmnop", "SEC007"),
    ("AWSキー AKIAIOSFODNN7EXAMPLE", "SEC007"),
    ("GitHub ghp_abcdefghijklmnopqrstuvwxyz0123456789", "SEC007"),
    ("アクセストークン：EAAGm0PX4ZCpsBAKZCZBvZCk1", "SEC007"),
    # Labels and separators of 2026-11-22's fifth session.
    ("ぱすわーどは kaigi7781 です", "SEC001"),
    ("ネットワークキー：net5562home", "SEC001"),
    ("共有PCのパスは当面 tosho2026 のままです。", "SEC001"),
    ("Wi-Fiの設定です。QRコードが読めない方はこちら→ WIFI:S:TOSHO;T:WPA;P:lib88book;;", "SEC001"),
    ("ログイン情報（ID: kouhou / PW: kouhou）", "SEC001"),
    ("予備のワンタイムコードです。忘れないよう貼っておきます→ 553201", "SEC001"),
    ("セキュリティ質問の答え：「しろくま」", "SEC001"),
    # Schemes put together from parts.
    ("会計システムのパスワードは、職員番号の下4桁＋西暦です。", "SEC003"),
    ("暗証番号も内線番号＋年度で揃えています。", "SEC003"),
    ("新しいPINは、課名のローマ字に今年の和暦を続けたものです。", "SEC003"),
    # Addresses, hosts and staff screens.
    ("VPNが切れたら 198.51.100.77 に接続し直してください。", "SEC004"),
    ("研修資料は https://share.internal.city.wakabano.lg.jp/ に置きました。", "SEC005"),
    ("ファイルサーバー fs-02 が止まったら再起動してください。", "SEC005"),
    ("お知らせ記事の下書きは、CMSの管理者ページ https://web.example.jp/edit/ から。", "SEC006"),
]


# The security measures the office has switched off or left open. SEC008 warns by its own
# severity, but every guideline pack maps the security category to block, so the engine blocks.
WEAK_POINTS = [
    "今週は検証のため、庁内のセキュリティソフトを全部停止しています。",
    "公式LINEの管理アカウント、二要素認証は面倒なので解除しました。",
    "受付の端末には更新プログラムを適用していません。",
    "RDPを外部に開放したままにしています。",
    "ファイルサーバーはパスワードなしで誰でも開けます。",
    "LGWAN系の端末もインターネット系と同じネットワークにつないでいます。",
    "退職者のIDがまだ残っていて、今もログインできる状態です。",
    "予約フォームのXSSは未修正ですが、来月直します。",
    "福祉課の窓口端末はWindows XPのままで使い続けています。",
]


@pytest.mark.parametrize("text", WEAK_POINTS)
def test_weak_points_are_caught(text: str):
    assert "SEC008" in {f.rule for f in _findings(text)}, (text, [(f.rule, f.excerpt) for f in _findings(text)])


def test_a_weak_point_warns_by_its_own_severity():
    from rules.registry import REGISTRY

    [rule] = [r for r in REGISTRY if r.code == "SEC008"]
    assert rule.severity is Severity.WARN


@pytest.mark.parametrize(("text", "rule"), LEAKS)
def test_leaks_are_caught(text: str, rule: str):
    found = _findings(text)
    assert rule in {f.rule for f in found}, (text, [(f.rule, f.excerpt) for f in found])
    assert {f.severity for f in found} == {Severity.BLOCK}


def test_full_width_password_is_found_and_spanned_in_the_original():
    text = "貸出用タブレットの管理者ＰＡＳＳは ｔａｂ＃７７１９ です。"
    [f] = _findings(text)
    assert f.rule == "SEC001"
    assert text[f.start : f.end] == f.excerpt == "ＰＡＳＳは ｔａｂ＃７７１９"
    assert "乗っ取り" in f.message
    assert "変更" in (f.fix or "")


def test_a_url_is_only_reported_as_admin_when_it_is_one():
    text = "更新は https://www.city.wakabano.lg.jp/admin/ から。公開ページは https://www.city.wakabano.lg.jp/ です。"
    assert [f.excerpt for f in _findings(text)] == ["https://www.city.wakabano.lg.jp/admin/"]
