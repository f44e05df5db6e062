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
]


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
