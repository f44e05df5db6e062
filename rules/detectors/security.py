"""Information security: 情報セキュリティを脅かす情報 (CONTRACTS §1 ``security``).

Guidelines: towada 4(12) 「十和田市の情報セキュリティを脅かすおそれのある情報を発信すること」,
honjo 4(3), tatsuno 4(3); joetsu 6(1)①【パスワード】.

What gets an account or a network broken into: a password or PIN with its value, a rule that
lets anyone derive the password, an internal IP address or host name, a VPN endpoint, the URL
of an admin or CMS login, an API key. All of these block: once published, the secret must be
treated as known to everyone. A weakness told to the world (a firewall switched off, 2FA
removed, a port opened, a hole not yet fixed: SEC008) warns, for the approver to judge.

What must pass: posts *about* security (「パスワードの上手な管理方法」「二段階認証を設定して
ください」「Wi-Fiのパスワードは受付でお伝えします」), public pages, version numbers, hashtags,
e-mail addresses and phone numbers. So a password word flags only together with a value that
looks like one, and a credential-shaped string only in a sentence about logging in. Context
words live in ``rules/lexicons/security.yml``; values are found on the NFKC-normalised text, so
full-width ``ＰＡＳＳは ｌｉｂ＠２０２６`` reads as ``PASSは lib@2026``.
"""

from __future__ import annotations

import bisect
import ipaddress
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING
from urllib.parse import unquote

from rules.detectors._shared import per_draft, token_offsets
from rules.model import Category, Severity
from rules.regex import lazy_compile
from rules.registry import Hit, ex, rule
from rules.text import fold

if TYPE_CHECKING:
    from rules.engine import Context

LEX = "security"


# Sentence breaks for context checks. The analysis splits sentences at every "!" and "?", but
# inside a run of ASCII ("sakura!2026", a URL) those are part of a password, not punctuation.
_BREAK_RE = lazy_compile(r"[。\n！？]|(?<![!-~])[!?]|[!?](?![!-~])")


def _clauses(ctx: Context) -> list[int]:
    """Normalised offsets where each sentence starts (for bisecting)."""
    return [0, *(m.end() for m in _BREAK_RE.finditer(ctx.analysis.norm.text))]


def _clause_of(ctx: Context, pos: int) -> int:
    return bisect.bisect_right(per_draft(ctx, "sec_clauses", _clauses), pos) - 1


def _clauses_with(ctx: Context, set_name: str) -> set[int]:
    """The sentences that contain a word of the set."""
    return {_clause_of(ctx, m.start) for m in ctx.lex.find(ctx.analysis, f"{LEX}:{set_name}")}


def _lower(ctx: Context) -> str:
    return ctx.analysis.norm.text.lower()


def _hits(ctx: Context, found: Iterable[tuple[int, int, str]]) -> list[Hit]:
    """Hits from (start, end, why) in normalised offsets."""
    return [ctx.hit(start, end, why=why) for start, end, why in found]


# --- URLs and host names (shared) ---------------------------------------------------------------

_HOST = r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9\-]{1,23}"
# Every pattern below starts with a lookahead for its first character: the regex engine then
# rejects most positions at once instead of trying every alternative there.
_URL_RE = lazy_compile(
    r"(?=[A-Za-z0-9])(?<![\w@.\-/])"
    r"(?P<scheme>(?:https?|ftps?|sftp|ssh|rdp|smb|file)://)?"
    r"(?:(?P<userinfo>[A-Za-z0-9._~%!$&'*+,;=\-]+:[A-Za-z0-9._~%!$&'*+,;=\-]+)@)?"
    rf"(?P<host>{_HOST}|\d{{1,3}}(?:\.\d{{1,3}}){{3}}|localhost)"
    r"(?P<port>:\d{2,5})?"
    r"(?P<path>/[^\s<>\"'「」『』（）()、。，]*)?",
    re.IGNORECASE,
)


_URL_HINT_RE = lazy_compile(r"[A-Za-z0-9]\.[A-Za-z0-9]|localhost")


def _urls(ctx: Context) -> list[re.Match]:
    """Every URL and host name (with or without a scheme) in the normalised text."""
    text = ctx.analysis.norm.text
    if not _URL_HINT_RE.search(text):
        return []
    return list(_URL_RE.finditer(text))


# --- SEC001: a password or login ID with its value ----------------------------------------------

_PASSWORD_LABEL = (
    r"(?:パスワード|ぱすわー?ど|パスコード|パスフレーズ|暗証番号|(?<![A-Za-z])pin\s?コード"
    r"|(?:認証|確認|ワンタイム|セキュリティ|バックアップ|リカバリー?|復旧|復元|回復)コード"
    r"|(?:暗号化|ネットワーク|セキュリティ|wpa2?|事前共有)キー|合言葉|(?<![ァ-ヶー])パス(?![ァ-ヶー])"
    r"|(?<![A-Za-z])(?:pass(?:word|wd|code|phrase)?|pwd|p/?w|pin|psk)(?![A-Za-z]))"
)
_ID_LABEL = (
    r"(?:ログイン\s?ID|ユーザー?\s?ID|ユーザー?名|利用者\s?ID|管理者\s?ID|職員\s?ID"
    r"|(?<![A-Za-z])(?:user\s?(?:name|id)|login\s?id|log-?in)(?![A-Za-z]))"
)
_BARE_ID_LABEL = r"(?<![A-Za-z])ID(?![A-Za-z])"
# Words that may stand between the label and its value: who it applies to, since when, what it
# still is (「初期パスは全員 password123」「PINコードは、全課とも初期値の1234のまま」).
_QUALIFIER = (
    r"(?:全員(?:共通で?)?|全台|全課(?:とも|共通で?)?|各課(?:とも)?|全部|すべて|全て|みんな|皆|一律で?|共通で?"
    r"|今は|現在は?|当面は?|引き続き|いつもの|相変わらず|まだ|(?:初期値|初期設定|デフォルト|工場出荷時|購入時|元)の)"
)
_SEPARATOR = (
    r"[ \t]*(?:[(][^)\n]{0,12}[)])?[ \t]*(?:は|が|を|に|:|=|→|⇒|-|/|、)?[ \t]*"
    rf"(?:、?{_QUALIFIER}[、 \t]*){{0,2}}"
    r"(?:「|『|\"|“|'|‘|【|\[)?[ \t]*"
)
_VALUE = r"(?P<value>[!-~]{4,64})"
# A question and its answer between the label and the value: 「パス、もう一回教えて→ hanabi2026」;
# or the label announced and the value after an arrow: 「バックアップコードです。念のため共有します→ 4829 1037」.
_ASKED = (
    r"(?:[、,]?[^。\n!?:→⇒]{0,10}?(?:教えて|教えろ|何だっけ|なんだっけ|何でしたっけ|忘れた)"
    r"[^。\n!?:→⇒]{0,6}?(?:→|⇒|:)"
    r"|(?P<bridge>(?:です|になります|は以下(?:の通り|のとおり)?(?:です)?|はこちら)[。、]?[^。\n!?:→⇒]{0,16}?(?:→|⇒|:|↓\n?)))?"
)
_CREDENTIAL_RE = lazy_compile(
    r"(?=[パぱ暗認確ワセバリ復回合ロユ利管職ネ事PpUuLlIiWw])"
    rf"(?P<label>{_PASSWORD_LABEL}|{_ID_LABEL}|{_BARE_ID_LABEL}){_ASKED}{_SEPARATOR}{_VALUE}",
    re.IGNORECASE,
)
_PASSWORD_LABEL_RE = lazy_compile(_PASSWORD_LABEL, re.IGNORECASE)
# Cheap substring checks (on the lower-cased text) that rule out most posts before the full
# pattern runs.
_CREDENTIAL_HINTS = (
    "パス",
    "ぱすわ",
    "暗証",
    "コード",
    "キー",
    "合言葉",
    "id",
    "ユーザ",
    "ログイン",
    "pass",
    "pw",
    "pin",
    "psk",
    "user",
    "log",
)
_ASCII_RUN_RE = lazy_compile(r"[!-~]{4}")
_BARE_ID_RE = lazy_compile(rf"^{_BARE_ID_LABEL}$")
# A number followed by one of these describes a rule (8文字以上, 4桁), not a value.
_UNIT_AFTER_RE = lazy_compile(
    r"\s?(?:文字|字|桁|ケタ|回|日|年|か月|ヶ月|カ月|分|秒|時間|以上|以下|以内|未満|種類|個|人|円|%|回目)"
)
# Technical words that follow "パスワードは" in explanations (WPA2で暗号化, 2FA).
_TECH_WORDS = frozenset(
    {
        "wpa",
        "wpa2",
        "wpa3",
        "wep",
        "wps",
        "aes",
        "tkip",
        "ssl",
        "tls",
        "https",
        "sha256",
        "sha-256",
        "md5",
        "bcrypt",
        "2fa",
        "mfa",
        "otp",
        "sms",
        "ascii",
        "utf-8",
        "null",
        "none",
        "n/a",
    }
)
_TRAILING_PUNCT = ".,;:)]}\"'"
_SPECIALS = frozenset("!#$%&*+=?@^_~|")
_EMAIL_RE = lazy_compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}[.,]?")


# Labels that are also ordinary words (a bus パス, a PIN badge): their value must look like a secret.
_AMBIGUOUS_LABEL_RE = lazy_compile(r"パス|pass|pin|p/?w", re.IGNORECASE)
# A value of letters only is a word (Enter, Google, Suica) unless the sentence ends on it.
_VALUE_END_RE = lazy_compile(r"\s*(?:です|でした|となります|になります|に変更|にしました|[。」』\"”'、\n)]|$)")


def _value_kind(value: str, label: str, following: str) -> str | None:
    """``"secret"`` for a value that gives a secret away, ``"word"`` for a value of letters only
    that would be one only next to another credential (ID: preview / PW: preview), else None."""
    if value.lower() in _TECH_WORDS:
        return None
    if "://" in value or value.lower().startswith("www."):
        return None
    if value.startswith("(") and following.startswith(")"):
        return None  # a note in brackets: セキュリティキー（USB）
    if (len(set(value)) == 1 and not value.isdigit()) or set(value) <= set("*xX#-_."):
        return None  # masked: ********, xxxx (0000 is a PIN)
    if value.isdigit() and _UNIT_AFTER_RE.match(following):
        return None
    # An ID is a handle: @wakaba_city is a public account, an e-mail address is PII's.
    is_id = _BARE_ID_RE.match(label) or not _PASSWORD_LABEL_RE.fullmatch(label)
    if is_id and (value.startswith("@") or _EMAIL_RE.fullmatch(value)):
        return None
    secret_like = any(c.isdigit() or c in _SPECIALS for c in value)
    if not secret_like and (_AMBIGUOUS_LABEL_RE.fullmatch(label) or not _VALUE_END_RE.match(following)):
        return "word" if value.isascii() and value.isalpha() else None
    return "secret"


# What an arrow after an announced label may point to that is not a secret: a phone number, a
# date, a time (「パスワードの再設定はこちら→ 0120-123-456」).
_NOT_SECRET_RE = lazy_compile(r"\d{2,5}-\d{1,4}-\d{3,4}|\d{1,4}[/.]\d{1,2}(?:[/.]\d{1,4})?|\d{1,2}:\d{2}")
# A Wi-Fi QR code's text: WIFI:T:WPA;S:<network>;P:<password>;;
_WIFI_QR_RE = lazy_compile(r"wifi:(?:[^;\n]*;)*?p:(?P<value>(?:\\.|[^;\\\n]){4,63});", re.IGNORECASE)
# The answer to an account's secret question is a password in words: 「秘密の質問の答えは「はにわ」です」.
_SECRET_QUESTION_RE = lazy_compile(
    r"(?:秘密|ひみつ|セキュリティ)の?質問(?:\([^)\n]{1,15}\))?(?:の(?:答え|回答|こたえ))?[ \t]*(?:は|:|=|→)[ \t]*"
    r"[「『\"“](?P<value>[^」』\"”\n]{1,30})[」』\"”]"
)


def _addresses(ctx: Context) -> list[tuple[int, int, int]]:
    """(start, end, query start) of each URL or host name, in normalised offsets."""
    out = []
    for u in per_draft(ctx, "sec_urls", _urls):
        query = u.group().find("?")
        out.append((u.start(), u.end(), u.start() + query if query >= 0 else u.end()))
    return out


def _part_of_address(addresses: list[tuple[int, int, int]], m: re.Match[str], text: str) -> bool:
    """Whether a label stands inside a URL as part of its address: ``/id/1234.html``, ``?id=1234``,
    ``login-free/``, ``s.id/…``. Only a password label in the query (``?password=…``) is a value."""
    at = m.start("label")
    for start, end, query in addresses:
        if start <= at < end:
            is_password = _PASSWORD_LABEL_RE.fullmatch(m.group("label")) is not None
            return not (is_password and at >= query and text[m.end("label") : m.end("label") + 1] == "=")
    return False


def _credentials(ctx: Context) -> list[tuple[int, int, str]]:
    """(start, end, kind) in normalised offsets of disclosed passwords and login IDs."""
    text = ctx.analysis.norm.text
    out: list[tuple[int, int, str]] = []
    if "@" in text:
        for u in per_draft(ctx, "sec_urls", _urls):
            info = u.group("userinfo")
            if info and ":" in info:
                out.append((u.start("userinfo"), u.end("userinfo"), "URLに埋め込まれたパスワード"))
    low = per_draft(ctx, "sec_lower", _lower)
    if "質問" in text:
        out += _secret_answers(ctx)
    if "wifi:" in low:
        out += ((m.start(), m.end("value"), "Wi-Fiのパスワード（QRコードの中身）") for m in _WIFI_QR_RE.finditer(text))
    if not (any(h in low for h in _CREDENTIAL_HINTS) and _ASCII_RUN_RE.search(text)):
        return out
    examples = _clauses_with(ctx, "example_markers")
    advice = _clauses_with(ctx, "advice_markers") | examples
    login = _clauses_with(ctx, "login_context")
    addresses = _addresses(ctx)
    words: list[tuple[int, int, int, bool]] = []  # letters-only values: (clause, start, end, is_password)
    labelled: dict[int, set[bool]] = {}  # the kinds of label (password or not) with a value, by clause
    for m in _CREDENTIAL_RE.finditer(text):
        value = m.group("value").rstrip(_TRAILING_PUNCT + "([{")
        label = m.group("label")
        if addresses and _part_of_address(addresses, m, text):
            continue
        v_start = m.start("value")
        v_end = v_start + len(value)
        kind = _value_kind(value, label, text[v_end : v_end + 8]) if len(value) >= 4 else None
        if kind is None or (m.group("bridge") and (kind == "word" or _NOT_SECRET_RE.match(value))):
            continue
        sentence = _clause_of(ctx, v_start)
        if sentence in advice and (sentence in examples or not _written_as_data(text, m)):
            continue  # 「123456」のようなパスワードは避けましょう
        is_password = bool(_PASSWORD_LABEL_RE.fullmatch(label))
        if text[v_end : v_end + 1] in ("」", "』", '"', "”", "'"):
            v_end += 1  # keep the quotes balanced in the excerpt
        if kind == "word" or (_BARE_ID_RE.match(label) and sentence not in login):
            # A word after パス or a bare ID is a handle, a product, a receipt number: a credential
            # only where an ID and a password are both given (ID: preview / PW: preview).
            words.append((sentence, m.start("label"), v_end, is_password))
            continue
        labelled.setdefault(sentence, set()).add(is_password)
        out.append((m.start("label"), v_end, "パスワード・暗証番号" if is_password else "ログインID"))
    for sentence, start, end, is_password in words:
        kinds = labelled.get(sentence, set()) | {w[3] for w in words if w[0] == sentence}
        if kinds == {True, False}:
            out.append((start, end, "パスワード・暗証番号" if is_password else "ログインID"))
    return out


def _written_as_data(text: str, m: re.Match[str]) -> bool:
    """The value is written as data, ``label: value`` or ``label=value`` (pass: welcome1): a record
    of the account, not a bad example in advice, even in a sentence that also says 気にしないで."""
    between = text[m.end("label") : m.start("value")]
    return ":" in between or "=" in between


def _secret_answers(ctx: Context) -> list[tuple[int, int, str]]:
    advice = None
    out = []
    for m in _SECRET_QUESTION_RE.finditer(ctx.analysis.norm.text):
        if advice is None:
            advice = _clauses_with(ctx, "advice_markers") | _clauses_with(ctx, "example_markers")
        if _clause_of(ctx, m.start("value")) not in advice:
            out.append((m.start(), m.end(), "秘密の質問の答え"))
    return out


@rule(
    code="SEC001",
    category=Category.SECURITY,
    severity=Severity.BLOCK,
    # A password in a URL has its "@"; any other needs a label (_CREDENTIAL_HINTS, whose ASCII
    # ones are Latin letters).
    # The answer to a secret question may be all kana and kanji: its label has 質問.
    when=("text:@", "char:latin", "text:質問", *(f"text:{fold(h)}" for h in _CREDENTIAL_HINTS if not h.isascii())),
    title="パスワード・ログインIDの記載",
    message="『{excerpt}』に{kind}が含まれています。公開するとアカウントやシステムの乗っ取りにつながります。",
    fix="該当部分を削除してください。すでに誰かの目に触れた可能性があるため、パスワードは今すぐ変更し、情報システム担当課に連絡してください。",
    matches=[
        ex("共有フォルダのパスワードは Hk7#mq2 です。", "password with a value"),
        ex("事務局用ＰＷ：ｗａｋａｂａ２０２６", "full-width PW label and value"),
        ex("キャッシュカードの暗証番号は 0415 にしています。", "a PIN"),
        ex("ログインIDは kikaku_admin、パスワードは「Spring!24」です。", "login ID and password"),
        ex("ＰＡＳＳ＝tsuru-machi88", "PASS=value"),
        ex("確認用 https://cms.example.jp/edit?page=3&pwd=Kq8mz2x4 を開いてください。", "a password in a query"),
        ex("今回の認証コードは 482913 です。", "a one-time code"),
        ex("予備のリカバリーコード：5821-3307", "a recovery code"),
        ex("Wi-Fiのパス教えて→ umi2030kaze", "asked and answered"),
        ex("金庫の暗証番号は 1111 です。", "a PIN of one repeated digit"),
        ex("ぱすわーど：hamanasu2025（課内共通です）", "the label in hiragana"),
        ex("初期パスは全員 password123 になってます。", "a word between the label and the value"),
        ex("電子入札用ICカードのPINコードは、全課とも初期値の1234のままです。", "PINコード, two qualifiers"),
        ex("倉庫の暗証番号、5678のままです", "a comma for a separator"),
        ex("来客用Wi-Fiの暗号化キーは ky7733net です。", "the router's word for the Wi-Fi password"),
        ex("管理用の認証コードです。メモ代わりに貼ります→ 7710 2284", "announced, then given after an arrow"),
        ex("検証サイトは（ID: review / PW: review）で見られます", "an ID and a password of letters only, together"),
        ex("WIFI:T:WPA;S:SOMU-AP02;P:sm4402bb;; ←総務課用", "a Wi-Fi QR code's text"),
        ex("共有アカウントの秘密の質問の答えは「かっぱ」です。", "the answer to a secret question"),
        ex(
            "掲示板の隅にメモ（PW: Haru2026）が写っていますが、気にしないでください",
            "data notation beside ないでください",
        ),
    ],
    passes=[
        ex("パスワードは定期的に変更しましょう。", "advice without a value"),
        ex("Wi-Fiのパスワードは受付でお伝えします。", "no value"),
        ex("ID番号は受付票に記載されています。", "ID without a value"),
        ex("パスワードは8文字以上で、英数字を組み合わせてください。", "a rule, not a value"),
        ex("「password」や「123456」のようなパスワードは使わないでください。", "examples of bad passwords"),
        ex("公式LINEのIDは @wakabano_city です。", "a public account handle"),
        ex("パスワードを忘れた方は、窓口で再発行の手続きをしてください。", "howto"),
        ex("パスワード：********", "masked"),
        ex("バックアップコードは、印刷して安全な場所に保管してください。", "advice about backup codes"),
        ex("フリーパスは駅の窓口で、パス（定期券）は Suica でも購入できます。", "a travel pass, not a password"),
        ex("パスワードを入力したら Enter キーを押してください。", "a key name after the word"),
        ex("詳しくは https://www.city.example.lg.jp/soshiki/id/2041.html をご覧ください。", "id in a URL path"),
        ex("申し込みは https://www.city.example.lg.jp/form.php?id=5523 から。", "id in a URL query"),
        ex("お知らせ https://www.city.example.lg.jp/login-free/guide.html", "login in a URL path"),
        ex("パスワードの再設定はこちら→ 0120-123-456", "a phone number after the arrow"),
        ex("パスは現在 Suica でもお求めいただけます。", "a qualifier, then a word after パス"),
        ex("IDは全員 kouhou の後に番号です。", "a bare ID outside a login sentence, no password with it"),
        ex("秘密の質問の答えは、他人に推測されにくいものにしましょう。", "advice about secret questions"),
        ex("「秘密の質問」の答えは「〇〇」のように他人に知られない言葉にしてください。", "an example placeholder"),
        ex("PINコードは4桁の数字です。", "a rule, not a value"),
    ],
)
def d_password(ctx: Context) -> Iterator[Hit]:
    """A password, PIN or login ID written with its value.

    Labels: パスワード (初期パスワード, 管理者パスワード…), パス/PASS, PW/pwd, 暗証番号, パスコード,
    PIN, ログインID/ユーザーID/ユーザー名, and a bare ID in a sentence about logging in. The value is
    the run of ASCII after the label and a separator (は, :, =, 「…」), at least 4 characters. Not a
    value: a number followed by a unit (8文字以上, 4桁), masked text (****), words such as WPA2, a
    public handle (@…). Sentences that give examples of bad passwords (ような, 避ける, 使わない)
    pass. Also: the label in hiragana (ぱすわーど), the Wi-Fi key (暗号化キー, ネットワークキー), PINコード;
    a qualifier between label and value (全員, 全課とも, 初期値の, 現在); a comma for a separator
    (暗証番号、3333); the label announced and the value after an arrow (…コードです。共有します→ 4829);
    an ID and a password given together even when both are plain words (ID: preview / PW: preview);
    the text of a Wi-Fi QR code (WIFI:…;P:…;); the quoted answer to a secret question. A URL with
    ``user:password@`` is flagged too. Instead: remove the value and change the password at once,
    because it may already have been seen.
    """
    for start, end, kind in per_draft(ctx, "sec_credentials", _credentials):
        yield ctx.hit(start, end, kind=kind)


# --- SEC002: a credential-shaped string offered for logging in ----------------------------------

_TOKEN_RE = lazy_compile(r"(?<![!-~])[!-~]{6,40}(?![!-~])")
_INLINE_LABEL_RE = lazy_compile(r"[A-Za-z]{1,12}[:=]")
# A network name is public: "SSID: city_wifi2026（パスワード不要）".
_SSID_BEFORE_RE = lazy_compile(
    r"(?:SSID|ネットワーク名|アクセスポイント名?)\s*(?:は|:|=)?\s*[「\"]?\s*$", re.IGNORECASE
)


def _credential_shaped(token: str) -> bool:
    if token[0] in "#@" or "://" in token or token.lower().startswith("www."):
        return False  # hashtags, handles, URLs
    if _EMAIL_RE.fullmatch(token):
        return False  # e-mail addresses
    core = token.rstrip(_TRAILING_PUNCT)
    has_upper = any(c.isupper() for c in core)
    has_lower = any(c.islower() for c in core)
    has_digit = any(c.isdigit() for c in core)
    has_special = any(c in _SPECIALS for c in core)
    return has_special and (has_upper or has_lower) and has_digit


# "admin / admin123", "kikaku:Haru2026": an account and its secret written as a pair. Only in a
# sentence about logging in, and only when the second half mixes letters and digits.
_PAIR_RE = lazy_compile(
    r"(?<![!-~])(?P<user>[A-Za-z][A-Za-z0-9._\-]{2,31})[ \t]*[/:][ \t]*(?P<secret>[A-Za-z0-9][!-~]{3,39})(?![!-~])"
)


_PAIR_LABELS = frozenset(
    {"ssid", "id", "pw", "pwd", "pass", "password", "pin", "url", "tel", "fax", "mail", "http", "https", "ver"}
)


def _secret_shaped(value: str) -> bool:
    core = value.rstrip(_TRAILING_PUNCT)
    return (
        len(core) >= 4
        and "/" not in core
        and not _EMAIL_RE.fullmatch(core)
        and any(c.isdigit() for c in core)
        and any(c.isalpha() for c in core)
    )


# The secrets devices and systems ship with (the maker's manual publishes them).
_DEFAULT_SECRETS = frozenset(
    {"admin", "administrator", "password", "passw0rd", "root", "guest", "user", "test", "1234", "12345", "0000"}
)


def _default_pair(m: re.Match[str]) -> bool:
    """An account whose secret is its own name or a maker's default: admin / admin, root / password."""
    user, secret = m.group("user").lower(), m.group("secret").rstrip(_TRAILING_PUNCT).lower()
    return secret == user or secret in _DEFAULT_SECRETS


_CLOSERS = frozenset(" \t」』\"”'）)")


def _names_a_thing(ctx: Context, end: int) -> bool:
    """「Welcome_01」画面, Wi-Fi_5G ボタン: a string followed by a noun names a screen or a button.

    A credential is followed by a particle or the end of the sentence (… を試して, … で認証).
    """
    toks = ctx.analysis.tokens
    starts = token_offsets(ctx)
    for tok in toks[bisect.bisect_left(starts, end) :]:
        if tok.surface in _CLOSERS or not tok.surface.strip():
            continue
        return tok.pos[0] == "名詞" and tok.pos[1] != "数詞"
    return False


@rule(
    code="SEC002",
    category=Category.SECURITY,
    severity=Severity.BLOCK,
    when=(f"set:{LEX}:login_context", f"set:{LEX}:account_context"),
    title="ログイン用の文字列",
    message="『{excerpt}』はログインに使うパスワードのような文字列です。公開するとアカウントの乗っ取りにつながります。",
    fix="文字列を削除してください。実際のパスワードであれば今すぐ変更し、ログイン情報は庁内の安全な方法で共有してください。",
    matches=[
        ex("アカウントに入れない場合は、ログイン画面で Kouhou_x#21 を入力してください。", "offered for login"),
        ex("管理画面に入るには「sakura!2026」で認証します。", "in quotes"),
        ex("サインインは ｍｉｄｏｒｉ＄７７ でお願いします。", "full-width"),
        ex("管理者アカウント kanri / kanri2026 でログインしてください。", "an account and its secret as a pair"),
        ex("ルーターの管理者アカウントは root / root のままです。", "a default pair with an account word"),
    ],
    passes=[
        ex("ログイン後、マイページから #若葉野市 のハッシュタグ投稿を確認できます。", "hashtag"),
        ex("ログインできない場合は kouhou@city.example.lg.jp までご連絡ください。", "an e-mail address"),
        ex("マイナポータルのログイン方法は、こちらのページで紹介しています。", "howto"),
        ex("新しいアプリ（Ver.2.1.0）ではログイン画面が変わりました。", "a version number"),
        ex("Wi-Fi_2026#free は駅前広場で使えます。", "credential-like string without login context"),
        ex("SSID：wakaba_wifi2026（パスワード不要）でインターネットに接続できます。", "a public network name"),
        ex("ログイン後に表示される「Welcome_01」画面で設定を進めてください。", "the name of a screen"),
        ex("ログインは iOS 17.2 / Android 14 以降のアプリで行えます。", "versions, not an account and secret"),
        ex("電子申請のログインは https://www.city.example.lg.jp/shinsei/ からどうぞ。", "a URL"),
        ex("ログイン受付は 9:00～17:15 です。", "office hours"),
        ex("アカウント名は city_kouhou / city_kanko の2つです。", "two handles, not a default pair"),
    ],
)
def d_credential_string(ctx: Context) -> Iterator[Hit]:
    """A password-shaped string (letters, digits and a symbol such as _ # ! $) in a sentence about logging in.

    "ログインできないときは Kikaku_pr#12 を試して" gives the password away without the word
    password. A string counts when it mixes a letter, a digit and a symbol from ``!#$%&*+=?@^_~|``
    and the sentence talks about ログイン, サインイン, 認証, パスワード or 暗証番号. Hashtags, handles,
    URLs and e-mail addresses are not credentials. Instead: remove it and change the password.
    """
    text = ctx.analysis.norm.text
    login = _clauses_with(ctx, "login_context")
    taken = per_draft(ctx, "sec_credentials", _credentials)
    for m in _TOKEN_RE.finditer(text) if login else ():
        start, token = m.start(), m.group()
        label = _INLINE_LABEL_RE.match(token)
        if label:  # "SSID:wakaba_wifi2026": judge the value, keep the label for the SSID check
            start, token = start + label.end(), token[label.end() :]
        token = token.rstrip(_TRAILING_PUNCT + "([{")
        if len(token) < 6 or not _credential_shaped(token):
            continue
        if _clause_of(ctx, start) not in login:
            continue
        if _SSID_BEFORE_RE.search(text, max(0, start - 16), start):
            continue
        if any(s < start + len(token) and start < e for s, e, _ in taken):
            continue  # SEC001 already reports it with its label
        if _names_a_thing(ctx, start + len(token)):
            continue
        yield ctx.hit(start, start + len(token))
    if "/" in text or ":" in text:
        account = None
        for m in _PAIR_RE.finditer(text):
            if m.group("user").lower() in _PAIR_LABELS:
                continue  # SSID: wakaba_2026 is a label and its value (SEC001 judges labelled values)
            clause = _clause_of(ctx, m.start())
            if _default_pair(m):
                # admin / admin, root / password: a maker's default, given away with an account.
                if account is None:
                    account = login | _clauses_with(ctx, "account_context")
                if clause not in account:
                    continue
            elif not _secret_shaped(m.group("secret")) or clause not in login:
                continue
            if any(s < m.end() and m.start() < e for s, e, _ in taken):
                continue
            end = m.start("secret") + len(m.group("secret").rstrip(_TRAILING_PUNCT))
            yield ctx.hit(m.start(), end)


# --- SEC003: a password scheme ------------------------------------------------------------------

_SCHEME_PARTICLES = frozenset({"は", "には", "に", "が", "として", "を", "も", "、", ":", "="})
_SCHEME_REACH = 6


_NEGATIONS = frozenset({"ない", "ず", "ぬ", "無い", "以外", "除く", "異なる"})


def _negated(toks, k: int, sentence: int) -> bool:
    """生年月日ではありません / 生年月日以外: the scheme is denied, not announced."""
    for tok in toks[k : k + 5]:
        if tok.sentence != sentence:
            return False
        if tok.lemma in _NEGATIONS or tok.base in _NEGATIONS:
            return True
    return False


_SCHEME_NOUNS = frozenset({"ルール", "規則", "決まり", "形式", "決め方", "付け方", "作り方"})
_SCHEME_VERBS = frozenset({"付ける", "決める", "作る"})


def _after_scheme_noun(toks, k: int) -> int:
    """The token after パスワード's の付け方 / のルール (k itself when there is none)."""
    if k + 1 < len(toks) and toks[k].surface == "の":
        if toks[k + 1].lemma in _SCHEME_NOUNS:
            return k + 2
        if toks[k + 1].lemma in _SCHEME_VERBS and k + 2 < len(toks) and toks[k + 2].lemma == "方":
            return k + 3
    return k


def _schemes(ctx: Context) -> Iterator[tuple[int, int]]:
    toks = ctx.analysis.tokens
    pw = ctx.lex.find(ctx.analysis, f"{LEX}:password_words")
    if not pw:
        return
    sources = list(ctx.lex.find(ctx.analysis, f"{LEX}:scheme_sources"))
    # 初期設定のまま (a default left in place) and 前のやつに「!」を足しただけ (derived from the old one)
    # are schemes too, read with what makes them one.
    for m in ctx.lex.find(ctx.analysis, f"{LEX}:default_sources"):
        if any(t.lemma == "儘" or t.surface == "まま" for t in toks[m.last : m.last + 5]):
            sources.append(m)
    previous = ctx.lex.find(ctx.analysis, f"{LEX}:previous_sources")
    if previous:
        derived = _clauses_with(ctx, "derivation")
        sources += [m for m in previous if _clause_of(ctx, m.start) in derived]
    parts = ctx.lex.find(ctx.analysis, f"{LEX}:scheme_parts")
    if not sources and len(parts) < 2:
        return
    # Only advice clears a scheme: an example of its result (「（例：kkh11）」) confirms it.
    advice = _clauses_with(ctx, "advice_markers")
    by_first = {m.first: m for m in sources}
    by_last = {m.last: m for m in sources}
    # 初期パスワード also contains the entry パスワード: keep the longest (and one of two entries
    # on the same words: =ぱすわーど folds パスワード too).
    pw = list({(p.first, p.last): p for p in pw}.values())
    pw = [p for p in pw if not any(q is not p and q.first <= p.first and p.last <= q.last for q in pw)]
    claimed: set[int] = set()  # sentences already reported
    for p in pw:
        sentence = toks[p.first].sentence
        if _clause_of(ctx, p.start) in advice:
            continue
        # パスワードは／には／として … 生年月日: the source follows within a few tokens
        # (パスワードの付け方は…, パスワードのルールは… too).
        k = _after_scheme_noun(toks, p.last)
        if k < len(toks) and toks[k].surface in _SCHEME_PARTICLES:
            # パスワードを忘れた方は、氏名…: after を or が a verb ends the phrase about the password;
            # パスワードも生年月日も… lists them, it does not derive one from the other.
            object_of_verb = toks[k].surface in ("を", "が")
            for j in range(k + 1, min(k + 1 + _SCHEME_REACH, len(toks))):
                if toks[j].sentence != sentence or (object_of_verb and toks[j].pos[0] == "動詞"):
                    break
                if j in by_first:
                    after = by_first[j].last
                    listed = toks[k].surface == "も" and after < len(toks) and toks[after].surface == "も"
                    if not listed and not _negated(toks, after, sentence):
                        claimed.add(_clause_of(ctx, p.start))
                        yield p.start, by_first[j].end
                    break
            continue
        # 生年月日を（初期）パスワードに: the source comes first, joined by one particle.
        k = p.first - 1
        if k >= 1 and toks[k].surface in ("が", "を", "は") and k in by_last:
            src = by_last[k]
            if toks[src.first].sentence == sentence:
                claimed.add(_clause_of(ctx, p.start))
                yield src.start, p.end
    yield from _composed_schemes(ctx, pw, sources, parts, advice | claimed)


_PLUS = "+"  # (NFKC folds ＋)
_JOIN_REACH = 3


def _composed_schemes(ctx: Context, pw, sources, parts, skip: set[int]) -> Iterator[tuple[int, int]]:
    """A password put together from parts, said anywhere in its sentence.

    「課の代表電話の下4桁＋年度」「初期値の「職員番号＋生年月日8桁」」: two parts joined by ＋, of which
    at least one is a source (生年月日, 職員番号…) or a part (西暦, 年度, ローマ字); or 「こうほう（ローマ字）
    のうしろに今年の西暦をつけたもの」: a word of composition (つける, 足す, 組み合わせる) and two of them.
    A part alone is no scheme (パスワードは英字（ローマ字）と数字を組み合わせて), nor is an identity
    check (氏名＋生年月日で本人確認).
    """
    toks = ctx.analysis.tokens
    items = sources + list(parts)
    if len(items) < 2:
        return
    composed = None
    for p in pw:
        clause = _clause_of(ctx, p.start)
        if clause in skip:
            continue
        mine = sorted((m for m in items if _clause_of(ctx, m.start) == clause), key=lambda m: m.first)
        if len({(m.first, m.last) for m in mine}) < 2:
            continue
        sentence, last = toks[mine[0].first].sentence, mine[-1].last
        span = range(min(p.first, mine[0].first), max(p.last, last))
        if any("確認" in toks[i].lemma for i in range(span.start, min(len(toks), span.stop + 4))):
            continue
        ends = {m.last for m in mine}
        starts = {m.first for m in mine}
        joined = any(
            toks[i].surface == _PLUS
            and any(i - e < _JOIN_REACH for e in ends if e <= i)
            and any(0 < s - i <= _JOIN_REACH for s in starts)
            for i in range(mine[0].last, mine[-1].first)
        )
        if not joined:
            if composed is None:
                composed = _clauses_with(ctx, "composition")
            if clause not in composed:
                continue
        if _negated(toks, last, sentence):
            continue
        skip.add(clause)
        yield min(p.start, mine[0].start), max(p.end, mine[-1].end)


@rule(
    code="SEC003",
    category=Category.SECURITY,
    severity=Severity.BLOCK,
    when=(f"set:{LEX}:password_words",),
    title="パスワードの決め方の記載",
    message="『{excerpt}』はパスワードの決め方を明かしています。決め方が分かれば、誰でもパスワードを推測できます。",
    fix="決め方の記載を削除してください。推測できる規則のパスワードは使わず、利用者ごとに初回ログイン時の変更を必須にしてください。",
    matches=[
        ex("初期パスワードは生年月日8桁です。", "birthday scheme"),
        ex("端末のパスワードには職員番号をそのまま使います。", "employee-number scheme"),
        ex("生年月日を初期パスワードとして設定しています。", "source first"),
        ex("会議室予約システムのパスワードは全員共通です。", "shared password"),
        ex("共有PCのパスワードの決め方は、課名のローマ字＋数字4桁です。", "a rule introduced by の決め方"),
        ex("会議室のPCのパスワードは、購入時の設定のままです。", "a default left in place"),
        ex("新しい暗証番号は、前の暗証番号の末尾に1を足しただけです。", "derived from the old one"),
        ex("端末のパスワードは部署名＋年度で統一しています（例：soumu26）。", "a scheme with an example of it"),
        ex("暗証番号も部署名で統一しています。", "も for a particle"),
        ex("メールのパスワードが切れたら、初期値の「内線番号＋誕生日」で入れます。", "two sources joined by ＋"),
        ex("共有PCのパスワードは、課名のローマ字に今年の和暦を続けたものです。", "parts put together by a verb"),
    ],
    passes=[
        ex("誕生日や電話番号など、推測されやすいパスワードは避けましょう。", "advice"),
        ex("暗証番号の再設定には、氏名と生年月日の確認が必要です。", "identity check, not a scheme"),
        ex("パスワードの上手な管理方法を学ぶ講座です。", "a course"),
        ex("二段階認証を設定してください。", "2FA advice"),
        ex("パスワードに名前を使わないでください。", "advice against a scheme"),
        ex("初期パスワードは生年月日ではありません。", "a denied scheme"),
        ex("暗証番号は、生年月日以外の4桁の数字を設定してください。", "an exclusion, not a scheme"),
        ex("パスワードのルールは12文字以上です。", "a length rule names no source"),
        ex("パスワードは、初期設定のままにしないでください。", "advice against the default"),
        ex("新しいパスワードは、前のパスワードと異なるものを設定してください。", "advice, no derivation"),
        ex("暗証番号は初期設定から必ず変更してください。", "no まま: advice"),
        ex("暗証番号を忘れた方は、氏名＋生年月日で本人確認のうえ再設定します。", "an identity check"),
        ex("パスワードも生年月日も入力不要です。", "listed, not derived"),
        ex("パスワードは英字（ローマ字）と数字を組み合わせてください。", "one weak part only"),
    ],
)
def d_password_scheme(ctx: Context) -> Iterator[Hit]:
    """A rule that derives the password from something known: 生年月日, 職員番号, 電話番号, 氏名, ID, 全員共通.

    "初期パスワードは生年月日8桁" is as good as the password for anyone who knows a birthday.
    Flags a password word followed by は/には/として… and a source within a few words, or a
    source joined to the password word by を/が (生年月日を初期パスワードとして). Sentences that warn
    against such passwords (避ける, 推測, 使わない, 危険…) pass, and so does 暗証番号の再設定には
    氏名と生年月日の確認 (の is not a scheme particle). A password made of parts anywhere in its
    sentence flags too: two of them joined by ＋ (下4桁＋年度, 職員番号＋生年月日) or put together by
    a verb (ローマ字のうしろに今年の西暦をつけた), where a part may be a weak one (西暦, 年度, ローマ字);
    an identity check (氏名＋生年月日で本人確認) passes. Instead: remove the rule and make every user
    change the initial password.
    """
    for start, end in _schemes(ctx):
        yield ctx.hit(start, end)


# --- SEC004: IP addresses -----------------------------------------------------------------------

_IPV4_RE = lazy_compile(r"(?=[0-9])(?<![\w.])(\d{1,3}(?:\.\d{1,3}){3})(?:/\d{1,2})?(?::\d{1,5})?(?![\w]|\.\d)")
_IPV6_RE = lazy_compile(r"(?<![\w:])((?:[0-9A-Fa-f]{1,4}:){2,7}:?[0-9A-Fa-f]{0,4}|::1)(?![\w:])")
_INTERNAL_NETS = tuple(
    ipaddress.ip_network(n)
    for n in (
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "100.64.0.0/10",
        "fc00::/7",
        "fe80::/10",
        "::1/128",
    )
)
# Documentation ranges (RFC 5737/3849): examples in a howto, but people paste them as real ones.
_EXAMPLE_NETS = tuple(
    ipaddress.ip_network(n) for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32")
)
_VERSION_BEFORE_RE = lazy_compile(r"(?:ver(?:sion)?\.?|v\.?|バージョン|ビルド|build)\s?$", re.IGNORECASE)


def _ip_hits(ctx: Context) -> Iterator[tuple[int, int, str]]:
    text = ctx.analysis.norm.text
    candidates = [(m.start(), m.end(), m.group(1)) for m in _IPV4_RE.finditer(text)] if "." in text else []
    if "::" in text or text.count(":") >= 5:
        candidates += [(m.start(), m.end(), m.group(1)) for m in _IPV6_RE.finditer(text)]
    if not candidates:
        return
    connection = examples = None
    for start, end, raw in candidates:
        try:
            ip = ipaddress.ip_address(raw)
        except ValueError:
            continue
        if _VERSION_BEFORE_RE.search(text, max(0, start - 12), start):
            continue
        if ip.version == 4 and (raw.startswith(("0.", "255.")) or raw.endswith(".255")):
            continue  # a mask or a broadcast address, not a host
        if any(ip in n for n in _INTERNAL_NETS if n.version == ip.version):
            yield start, end, "内部ネットワーク（プライベート）のIPアドレス"
            continue
        if connection is None:
            connection = _clauses_with(ctx, "connection_context")
        clause = _clause_of(ctx, start)
        if clause not in connection:
            continue
        # A documentation address (203.0.113.45) is an example only where the sentence says so: told
        # to connect to it (「RDPで 203.0.113.45:3389 に接続」), staff would.
        if any(ip in n for n in _EXAMPLE_NETS if n.version == ip.version):
            if examples is None:
                examples = _clauses_with(ctx, "example_markers")
            if clause in examples:
                continue
        yield start, end, "サーバーや接続先のIPアドレス"


@rule(
    code="SEC004",
    category=Category.SECURITY,
    severity=Severity.BLOCK,
    when=("text:.", "text::"),  # IPv4 has dots, IPv6 colons
    title="IPアドレス（内部ネットワーク・接続先）",
    message="『{excerpt}』は{why}です。公開すると不正アクセスの手がかりになります。",
    fix="IPアドレスを削除してください。接続先は庁内の安全な方法で職員にだけ伝えてください。",
    matches=[
        ex("庁内プリンタは 192.168.10.25 に設定してください。", "private address"),
        ex("テスト環境は １０．２．３．４ です。", "full-width private address"),
        ex("リモート接続先のサーバーは 52.198.33.7 です。", "public address with connection context"),
        ex("ファイルサーバー 172.20.1.5:445 が停止しています。", "with a port"),
        ex("テスト用サーバーは fd12:3456::10 です。", "IPv6 unique-local address"),
        ex("在宅からはSSHで 198.51.100.20:22 に接続してください。", "a documentation address given as the real one"),
    ],
    passes=[
        ex("アプリをバージョン 10.0.1.2 に更新してください。", "a version number"),
        ex("サブネットマスクは 255.255.255.0 が一般的です。", "a mask"),
        ex("人口は 1.2 万人、面積は 3.45 平方キロメートルです。", "decimals"),
        ex("詳しくは https://www.city.example.lg.jp/kosodate/ をご覧ください。", "a public URL"),
        ex("記事番号 2026.01.05.1 を参照してください。", "a dotted reference number that is not an address"),
        ex("接続先の書き方の例：198.51.100.7:443", "a documentation address given as an example"),
    ],
)
def d_ip_address(ctx: Context) -> list[Hit]:
    """An IP address of an internal network, or of a server to connect to.

    Private ranges (10/8, 172.16/12, 192.168/16, 127/8, link-local, CGNAT; fc00::/7, fe80::/10)
    always flag: they map the office's network. A public address flags when the sentence talks
    about connecting (VPN, サーバー, 接続, リモート, SSH, ポート, ログイン): then it is an endpoint to
    attack; so does a documentation address (203.0.113.x) unless the sentence gives it as an
    example (例). Version numbers (Ver. 10.0.1.2) and masks (255.255.255.0) pass. Instead: remove
    it and tell staff through internal channels.
    """
    return _hits(ctx, _ip_hits(ctx))


# --- SEC005: internal host names, VPN endpoints, file shares ------------------------------------

_INTERNAL_TLDS = frozenset({"local", "internal", "intranet", "intra", "lan", "corp", "localdomain", "priv", "private"})
_ENDPOINT_LABELS = frozenset(
    {"vpn", "sslvpn", "remote", "ra", "rdp", "rdweb", "rdgw", "citrix", "vdi", "gw", "gateway", "intra", "intranet"}
)
# Labels that put a host inside the office wherever they stand before the domain itself.
_INTERNAL_LABELS = frozenset({"intra", "intranet", "internal", "lgwan"})
# A server's own name (web01, db-02, fs_1): the role and a numbered suffix, standing alone. Read
# only in a sentence about servers or connecting (「web01 → db01 の順にサーバーを再起動」). Not
# ap or ad (AP1 グレード, AD1 号室), nor one digit run on (Web2).
_SERVER_NAME_RE = lazy_compile(
    r"(?=[A-Za-z])(?<![A-Za-z0-9_.\-/@:])(?:web|db|app|fs|file|sv|srv|svr|dc|mail|smtp|dns|proxy|gw|nas|sql|bk|backup)"
    r"(?:[-_]?\d{2,3}|[-_]\d)(?![A-Za-z0-9_.\-/@:])",
    re.IGNORECASE,
)
_LETTER_DIGIT_RE = lazy_compile(r"[A-Za-z][-_]?[0-9]")  # a cheap scan that rules out most posts
_UNC_RE = lazy_compile(r"(?<![\w\\¥])(?:\\\\|¥¥)[A-Za-z0-9._\-]+(?:[\\¥][^\s\\¥「」、。]+)+")


def _host_hits(ctx: Context) -> Iterator[tuple[int, int, str]]:
    for u in per_draft(ctx, "sec_urls", _urls):
        host = u.group("host").lower()
        labels = host.split(".")
        if host == "localhost":
            if u.group("scheme") or u.group("port"):
                yield u.start(), u.end(), "自分の端末・内部サーバーを指すアドレス（localhost）"
            continue
        if (
            labels[-1] in _INTERNAL_TLDS
            or host.endswith(".home.arpa")
            or "lgwan" in labels
            or not _INTERNAL_LABELS.isdisjoint(labels[:-2])  # portal.intra.city.example.lg.jp
        ):
            yield u.start(), u.end(), "庁内・内部ネットワークのホスト名"
        elif len(labels) >= 3 and (labels[0] in _ENDPOINT_LABELS or labels[0].startswith("vpn")):
            yield u.start(), u.end(), "VPN・リモート接続の入口となるホスト名"
    text = ctx.analysis.norm.text
    if "\\\\" in text or "¥¥" in text:
        for m in _UNC_RE.finditer(text):
            yield m.start(), m.end(), "庁内ファイルサーバーの共有フォルダのパス"
    servers = None
    for m in _SERVER_NAME_RE.finditer(text) if _LETTER_DIGIT_RE.search(text) else ():
        if servers is None:
            servers = _clauses_with(ctx, "connection_context")
        if _clause_of(ctx, m.start()) in servers:
            yield m.start(), m.end(), "庁内サーバーの名前"


@rule(
    code="SEC005",
    category=Category.SECURITY,
    severity=Severity.BLOCK,
    # Internal suffixes, endpoint labels and localhost are Latin; a file share may be all digits
    # and kana but starts with two backslashes or yen signs.
    when=("char:latin", "text:\\\\", "text:¥¥"),
    title="内部のホスト名・VPN接続先",
    message="『{excerpt}』は{why}です。公開すると不正アクセスの手がかりになります。",
    fix="ホスト名・パスを削除してください。接続先は庁内の安全な方法で職員にだけ伝えてください。",
    matches=[
        ex("資料は fs01.soumu.local に置いてあります。", ".local host"),
        ex("在宅勤務は vpn.city.example.lg.jp から接続します。", "VPN endpoint"),
        ex("共有フォルダ \\\\filesv02\\kouhou\\2026 に保存しました。", "UNC path"),
        ex("テスト用の http://localhost:8080/ は使えません。", "localhost"),
        ex("保存先は ￥￥１０２￥総務課。", "full-width yen signs and a server numbered, not named: no Latin letter"),
        ex(
            "研修の動画は https://video.intranet.city.example.lg.jp/ で見られます。",
            "an internal label inside the host",
        ),
        ex(
            "止まったら db02 を先に、次に web03 のサーバーを再起動してください。",
            "server names in a sentence about servers",
        ),
    ],
    passes=[
        ex("詳しくは www.city.example.lg.jp をご覧ください。", "a public host"),
        ex("申込書（moushikomi.pdf）をダウンロードしてください。", "a file name"),
        ex("お問い合わせは kouhou@city.example.lg.jp へ。", "an e-mail address"),
        ex("ローカル線の魅力を発信します。", "no host at all"),
        ex("リモートワークの推進について、remote-work.example.com で紹介しています。", "remote in a word, not a label"),
        ex("詳しくは https://www.intra-mart.example.jp/ をご覧ください。", "intra inside a word of the host"),
        ex("新しい公用車は AP1 グレードです。", "a role and a number without a server sentence"),
    ],
)
def d_internal_host(ctx: Context) -> list[Hit]:
    """An internal host name, a VPN or remote-access endpoint, or a file-share path.

    Host names under internal-only suffixes (.local, .internal, .intranet, .lan, .corp,
    .home.arpa, LGWAN), hosts whose first label names a remote-access entry point (vpn., sslvpn.,
    remote., rdweb., citrix., gw.…), ``localhost`` with a scheme or port, and UNC paths
    (\\\\server\\share, ¥¥server¥share); a host with an internal label before its domain
    (portal.intra.city…); a server's own name (web01, db-02) in a sentence about servers. Public web
    hosts, file names and e-mail domains pass.
    Instead: remove it and tell staff through internal channels.
    """
    return _hits(ctx, _host_hits(ctx))


# --- SEC006: admin and login URLs ---------------------------------------------------------------

_ADMIN_SEGMENTS = frozenset(
    {
        "admin",
        "administrator",
        "admin.php",
        "wp-admin",
        "wp-login.php",
        "phpmyadmin",
        "pma",
        "adminer.php",
        "cpanel",
        "plesk",
        "webmin",
        "manage",
        "manager",
        "management",
        "backend",
        "backoffice",
        "kanrisha",
        "cms-admin",
        "owa",
        "webmail",
    }
)
_ADMIN_HOST_LABELS = frozenset({"admin", "cms", "manage", "kanri", "webmail", "owa", "backend"})
# The platforms' own consoles for running an account (its settings, members and posts).
_CONSOLE_HOSTS = frozenset(
    {
        "manager.line.biz",
        "admin-official.line.me",
        "business.facebook.com",
        "adsmanager.facebook.com",
        "ads.x.com",
        "ads.twitter.com",
        "studio.youtube.com",
        "ads.tiktok.com",
        "admin.google.com",
    }
)
_LOGIN_SEGMENTS = frozenset(
    {"login", "login.php", "login.html", "login.aspx", "signin", "sign-in", "logon", "auth", "sso"}
)


# A login under one of these paths is for staff whatever the sentence says: /staff/login.
_STAFF_SEGMENTS = frozenset({"staff", "shokuin", "syokuin", "employee", "employees", "internal", "intra", "kanri"})
_SEGMENT_SPLIT_RE = lazy_compile(r"[/?#&=]")


# What may stand between a staff screen's name and its URL: 「職員用画面 https://…」「管理画面は：https://…」
# 「管理者ページ（https://…）」; not 「管理画面から https://（the public site）の更新をしました」.
_NAMED_URL_GAP_RE = lazy_compile(r"[ \t]*(?:は|:|→|⇒)?[ \t]*[(「『【\[<]?[ \t]*")


def _admin_urls(ctx: Context) -> Iterator[tuple[int, int, str]]:
    staff = screens = None
    for u in per_draft(ctx, "sec_urls", _urls):
        path = u.group("path")
        segments = set(_SEGMENT_SPLIT_RE.split(unquote(path).lower())) if path and len(path) > 1 else set()
        host = u.group("host").lower()
        if host in _CONSOLE_HOSTS:
            yield u.start(), u.end(), "SNSアカウントの管理画面"
            continue
        host_first = host.split(".")[0]
        if segments & _ADMIN_SEGMENTS or (host_first in _ADMIN_HOST_LABELS and u.group("host").count(".") >= 2):
            yield u.start(), u.end(), "管理画面"
            continue
        if segments & _LOGIN_SEGMENTS:
            if segments & _STAFF_SEGMENTS:
                yield u.start(), u.end(), "職員用のログイン画面"
                continue
            if staff is None:
                staff = _clauses_with(ctx, "staff_context")
            if _clause_of(ctx, u.start()) in staff:
                yield u.start(), u.end(), "職員用のログイン画面"
                continue
        if screens is None:
            screens = [m.end for m in ctx.lex.find(ctx.analysis, f"{LEX}:staff_screens")]
        text = ctx.analysis.norm.text
        if u.group("host").replace(".", "").isdigit():
            continue  # an IP address is SEC004's: ルーターの管理画面は http://192.168.1.1/
        if any(end <= u.start() and _NAMED_URL_GAP_RE.fullmatch(text, end, u.start()) for end in screens):
            yield u.start(), u.end(), "職員用の画面"


@rule(
    code="SEC006",
    category=Category.SECURITY,
    severity=Severity.BLOCK,
    # Admin and login names are Latin, unless percent-encoded: /%61%75%74%68 is /auth.
    when=("char:latin", "text:%"),
    title="管理画面・職員用ログイン画面のURL",
    message="『{excerpt}』は{why}のURLです。公開すると不正ログインを試みる攻撃の標的になります。",
    fix="URLを削除してください。更新作業の連絡は庁内の連絡手段で行ってください。",
    matches=[
        ex("更新は https://www.town.example.lg.jp/wp-admin/ から行ってください。", "WordPress admin"),
        ex(
            "ＣＭＳの管理者ログインは ｈｔｔｐｓ：／／ｃｍｓ．ｃｉｔｙ．ｅｘａｍｐｌｅ．ｌｇ．ｊｐ／ です。",
            "cms host, full-width",
        ),
        ex("担当者は https://portal.example.jp/staff/login で業務システムに入ってください。", "staff login"),
        ex("DB確認は http://10.1.2.3/phpmyadmin/ で。", "phpMyAdmin"),
        ex("出退勤の入力は https://kintai.example.jp/staff/login からどうぞ。", "a login under /staff/"),
        ex("職員は 203.0.113.5/%61%75%74%68 から更新作業を行ってください。", "percent-encoded /auth: no Latin letter"),
        ex("配信予約は https://manager.line.biz/account/@123abcd/ から行います。", "LINE's account console"),
        ex(
            "貸出の取消は、図書館システムの職員用画面 https://opac.example.jp/staff/ から行えます。",
            "named as the staff screen",
        ),
    ],
    passes=[
        ex("「わかばの子育てナビ」 https://www.city.example.lg.jp/kosodate/navi/ をご覧ください。", "public page"),
        ex("図書館の予約は https://www.lib.example.lg.jp/opac/login からどうぞ。", "a residents' login page"),
        ex("ホームページの管理方法を見直しました。", "no URL"),
        ex("マイナポータル https://myna.go.jp/ から申請できます。", "public service"),
        ex("スタッフ募集の詳細は https://www.city.example.lg.jp/staff/recruit.html をご覧ください。", "a staff page"),
        ex(
            "ホームページの管理画面を新しくしました。公開ページは https://www.city.example.lg.jp/ です。",
            "the screen named in another sentence",
        ),
    ],
)
def d_admin_url(ctx: Context) -> list[Hit]:
    """The URL of an admin screen, a CMS back office or a staff login.

    Paths such as /admin, /wp-admin, /wp-login.php, /phpmyadmin, /manage (/cms/manage/login),
    /cpanel, /webmail and hosts such as admin., cms., kanri. flag on their own. A plain /login or
    /signin flags only in a sentence about staff or administration (管理, 職員, 担当者, 更新作業,
    CMS, 庁内): residents' login pages (図書館の予約, 電子申請) are public services. Any URL right
    after the name of a staff screen (職員用画面, 管理者ページ, 管理画面) flags too. Instead: remove
    the URL and coordinate updates internally.
    """
    return _hits(ctx, _admin_urls(ctx))


# --- SEC007: API keys and tokens ----------------------------------------------------------------

_KEY_PATTERNS = tuple(
    (lazy_compile(p), why)
    for p, why in (
        (r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b", "AWSのアクセスキー"),
        (r"\bxox[abposr]-[0-9A-Za-z-]{10,}", "Slackのトークン"),
        (r"\bxapp-\d-[0-9A-Za-z-]{10,}", "Slackのアプリトークン"),
        (r"hooks\.slack\.com/services/T[0-9A-Z]+/B[0-9A-Z]+/[0-9A-Za-z]+", "SlackのWebhook URL"),
        (r"\bgh[pousr]_[0-9A-Za-z]{30,}", "GitHubのトークン"),
        (r"\bgithub_pat_[0-9A-Za-z_]{40,}", "GitHubのトークン"),
        (r"\bglpat-[0-9A-Za-z_\-]{20,}", "GitLabのトークン"),
        (r"\bsk-(?:proj-|live-|test-)?[0-9A-Za-z_\-]{20,}", "APIの秘密鍵"),
        (r"\b[rs]k_(?:live|test)_[0-9A-Za-z]{16,}", "決済サービスの秘密鍵"),
        (r"\bAIza[0-9A-Za-z_\-]{35}", "GoogleのAPIキー"),
        (r"\beyJ[0-9A-Za-z_\-]{8,}\.eyJ[0-9A-Za-z_\-]{8,}\.[0-9A-Za-z_\-]{8,}", "認証トークン（JWT）"),
        (r"-----BEGIN [A-Z ]*PRIVATE KEY-----", "秘密鍵"),
    )
)
_LABELLED_KEY_RE = lazy_compile(
    r"(?:api[\s_\-]?key|apikey|access[\s_\-]?(?:token|key)|secret(?:[\s_\-]?key)?|client[\s_\-]?secret|token"
    r"|アクセストークン|トークン|APIキー|アクセスキー|シークレット(?:キー)?|秘密鍵|認証キー|認証コード)"
    r"[ \t]*(?:は|:|=|→)?[ \t]*(?:「|\"|')?[ \t]*(?P<value>[A-Za-z0-9_\-+/=.]{16,200})",
    re.IGNORECASE,
)
# Query parameters that carry a secret. Not "key" or "id": public sites use them for searches.
_URL_SECRET_RE = lazy_compile(
    r"[?&](?:password|passwd|pwd|pass|token|access_token|auth_token|api_key|apikey|secret|client_secret|sig"
    r"|signature)=(?P<value>[A-Za-z0-9_\-.~%+/=]{8,})",
    re.IGNORECASE,
)


def _entropy(s: str) -> float:
    counts = Counter(s)
    return -sum(c / len(s) * math.log2(c / len(s)) for c in counts.values())


def _high_entropy(value: str) -> bool:
    classes = sum(
        (
            any(c.isupper() for c in value),
            any(c.islower() for c in value),
            any(c.isdigit() for c in value),
        )
    )
    return classes >= 2 and _entropy(value) >= 3.0 and "://" not in value


# One cheap scan decides whether any of the patterns above can match at all.
_KEY_HINTS = (
    "AKIA",
    "ASIA",
    "AGPA",
    "AIDA",
    "AROA",
    "xox",
    "xapp-",
    "hooks.slack",
    "gh",
    "github_pat_",
    "glpat-",
    "sk-",
    "k_live_",
    "k_test_",
    "AIza",
    "eyJ",
    "-----BEGIN",
)
_KEY_LABEL_HINTS = ("key", "token", "secret", "トークン", "キー", "シークレット", "秘密鍵", "認証コード")
_LONG_ASCII_RE = lazy_compile(r"[A-Za-z0-9_\-+/=.]{16}")


def _key_hits(ctx: Context) -> Iterator[tuple[int, int, str]]:
    text = ctx.analysis.norm.text
    seen: list[tuple[int, int]] = []
    if not _LONG_ASCII_RE.search(text):
        return  # every key format and every labelled value is a run of 16 or more such characters
    if any(h in text for h in _KEY_HINTS):
        for rx, why in _KEY_PATTERNS:
            for m in rx.finditer(text):
                seen.append((m.start(), m.end()))
                yield m.start(), m.end(), why
    low = per_draft(ctx, "sec_lower", _lower)
    if not any(h in low for h in _KEY_LABEL_HINTS):
        return
    for m in _LABELLED_KEY_RE.finditer(text):
        value = m.group("value")
        if _high_entropy(value) and not any(s < m.end() and m.start() < e for s, e in seen):
            seen.append((m.start(), m.end()))
            yield m.start(), m.end(), "APIキー・トークン"
    if "=" in text:  # (the label hint above also covers the parameter names)
        for m in _URL_SECRET_RE.finditer(text):
            if _high_entropy(m.group("value")) and not any(s < m.end() and m.start() < e for s, e in seen):
                yield m.start(), m.end(), "URLに含まれる認証情報"


@rule(
    code="SEC007",
    category=Category.SECURITY,
    severity=Severity.BLOCK,
    # Every key format is Latin, and so is a high-entropy value (two of upper, lower, digit) after
    # a label, unless the label is a Japanese one.
    when=("char:latin", *(f"text:{fold(h)}" for h in _KEY_LABEL_HINTS if not h.isascii())),
    title="APIキー・トークン",
    message="『{excerpt}』は{why}です。公開すると、システムやアカウントを第三者に操作されるおそれがあります。",
    fix="該当部分を削除し、そのキー・トークンを今すぐ無効化（再発行）してください。情報システム担当課にも連絡してください。",
    matches=[
        ex("連携用のキー AKIAIOSFODNN7EXAMPLE を設定済みです。", "AWS access key"),
        ex("通知ボットのトークン xoxb-1234567890-abcdefghijKL を使ってください。", "Slack token"),
        ex("APIキー: 9fK2pQ7xLm3Rt8Vw1Zy4Bc6N", "labelled high-entropy key"),
        ex("共有リンク https://files.example.jp/d?id=42&token=Ab3dE9fGh2 からどうぞ。", "token in a URL"),
    ],
    passes=[
        ex("アプリの利用にはAPIキーの取得が必要です。", "no value"),
        ex("トークン（記念メダル）を会場で配布します。", "another meaning of token"),
        ex("#若葉野市 #SDGs #2026", "hashtags"),
        ex("地図は https://www.city.example.lg.jp/map/?area=3&lang=ja をご覧ください。", "ordinary query"),
        ex("お問い合わせ番号 0467-58-6620", "a phone number"),
    ],
)
def d_api_key(ctx: Context) -> list[Hit]:
    """An API key, access token, webhook URL or private key.

    Known formats (AWS AKIA…, Slack xoxb-/xapp-, GitHub ghp_, GitLab glpat-, sk-…, Google AIza…,
    JWTs, PEM private keys), any long high-entropy value after a label such as APIキー, token,
    secret or アクセストークン, and secrets in URL parameters (?token=, &key=, ?sig=). Instead: remove
    it and revoke the key at once; once public it must be treated as compromised.
    """
    return _hits(ctx, _key_hits(ctx))


# --- SEC008: a security measure switched off, a door opened, a weakness made public -------------

_NOT = frozenset({"ない", "無い", "ず", "ぬ"})
_TOPIC = frozenset({"を", "は", "が", "も", "、", "とも"})
_OPEN_BRACKETS = frozenset({"(", "「", "『", "["})
_CLOSE_BRACKETS = frozenset({")", "」", "』", "]"})
# From a measure to the word that switches it off: 「二段階認証、毎回スマホを探すのが大変なので外しちゃいました」.
_OFF_REACH = 16
# From a measure to the verb that puts it in place, which must be negated: 「ウイルス対策ソフトも入っていません」
# 「セキュリティソフトを入れると重いので入れてません」.
_IN_REACH = 8
# From 誰でも to the access it grants: 「共有フォルダは誰でも見られます」.
_ANYONE_VERBS = frozenset({"アクセス", "ログイン", "入る", "入れる", "閲覧", "見る", "見られる", "覗く", "書き換える"})
_FIXING = frozenset({"修正", "改修", "対応", "直す", "直る", "アップデート", "パッチ"})
_LATER = frozenset({"予定", "来月", "来週", "今後", "後日", "未定"})
_FIXED = frozenset({"完了", "済み", "済む"})


def _negation_at(toks, k: int, sentence: int, reach: int = 5) -> int | None:
    """入っていません, 分けずに, 同じ回線ではありません: where a negation right after token k stands."""
    for i in range(k, min(k + reach, len(toks))):
        if toks[i].sentence != sentence:
            return None
        if toks[i].lemma in _NOT or toks[i].base in _NOT:
            return i
    return None


def _negated_soon(toks, k: int, sentence: int, reach: int = 5) -> bool:
    return _negation_at(toks, k, sentence, reach) is not None


# People a negated measure may describe: 設定していない方は… addresses them, it discloses nothing.
_WHO = frozenset({"方", "人", "皆さん", "皆様", "方々", "人達", "場合"})


def _howto(toks, k: int, sentence: int) -> bool:
    """オフにできます, オフにすると…, 外したら…: how to switch it off or what would follow, not that it is off."""
    for i in range(k, min(k + 4, len(toks))):
        t = toks[i]
        if t.sentence != sentence:
            return False
        if t.lemma == "出来る" or t.surface in ("たら", "なら", "ば"):
            return True
        if t.surface == "と" and t.pos[0] == "助詞" and toks[i - 1].pos[0] in ("動詞", "助動詞"):
            return True
    return False


def _questions(ctx: Context) -> set[int]:
    """Sentences that ask (入ってないのか, 入っていませんか): a question or a jibe, not a disclosure."""
    return {
        t.sentence
        for t in ctx.analysis.tokens
        if t.surface == "?" or (t.surface in ("か", "かな", "かしら") and t.pos[1] == "終助詞")
    }


def _after_topic(toks, k: int) -> int | None:
    """The token after a measure's particle (を, は, が, も, 、), past a bracket: 「リモートデスクトップ
    (3389番ポート)を」. None when the measure only qualifies a noun (ファイアウォールの更新作業)."""
    n = len(toks)
    if k < n and toks[k].surface in _OPEN_BRACKETS:
        close = next((i for i in range(k + 1, min(k + 9, n)) if toks[i].surface in _CLOSE_BRACKETS), None)
        if close is None:
            return None
        k = close + 1
    while k < n and toks[k].surface in _CLOSE_BRACKETS:
        k += 1
    if k < n and toks[k].surface in _TOPIC:
        return k + 1
    return None


def _phrase_end(toks, k: int) -> int:
    """The last token of the verb at k with its endings (外し→外しちゃいました, 入っ→入っていません),
    so that an excerpt does not stop in the middle of a word."""
    sentence = toks[k].sentence
    for i in range(k + 1, min(k + 7, len(toks))):
        t = toks[i]
        if t.sentence != sentence or not (
            t.pos[0] == "助動詞" or t.pos[1] in ("非自立可能", "接続助詞") or t.surface in ("に", "し", "て")
        ):
            return i - 1
        if t.pos[0] == "動詞" and t.pos[1] != "非自立可能":
            return i - 1
    return min(k + 6, len(toks) - 1)


def _own_object(toks, j: int, after: int) -> bool:
    """サービスを停止: the verb has an object of its own, so the measure is not what stops."""
    return any(q >= after and toks[q].surface == "を" for q in (j - 1, j - 2))


def _acted_on(ctx: Context, items, acts, *, reach: int, negated: bool, advice: set[int]) -> Iterator[tuple[int, int]]:
    """(start, end) where a measure (or a service) is followed in its sentence by an act on it."""
    toks = ctx.analysis.tokens
    by_first = {m.first: m for m in acts}
    for item in items:
        if _clause_of(ctx, item.start) in advice:
            continue
        after = _after_topic(toks, item.last)
        if after is None:
            continue
        sentence = toks[item.first].sentence
        for j in range(after, min(after + reach, len(toks))):
            if toks[j].sentence != sentence:
                break
            act = by_first.get(j)
            if act is None:
                continue
            no = _negation_at(toks, act.last, sentence)
            if (no is not None) != negated or _howto(toks, act.last, sentence):
                continue
            if no is not None and no + 1 < len(toks):
                following = toks[no + 1]
                if following.lemma in _WHO:
                    continue
                # 入っていないパソコン: a negated verb that describes a noun describes the measure
                # only when it follows it at once (「…は、古くて使わないパソコンにも入っています」).
                if following.pos[0] == "名詞" and j != after:
                    continue
            if _own_object(toks, j, after):
                break
            yield item.start, toks[_phrase_end(toks, act.last - 1 if no is None else no)].end
            break


def _in_clause(ctx: Context, matches, clause: int) -> list:
    return [m for m in matches if _clause_of(ctx, m.start) == clause]


def _advice_or_question(ctx: Context) -> set[int]:
    """Clauses that advise, explain or ask (しましょう, 危険です, 入ってないのか？)."""
    advice = _clauses_with(ctx, "posture_advice")
    asked = _questions(ctx)
    if asked:
        advice |= {_clause_of(ctx, t.start) for t in ctx.analysis.tokens if t.sentence in asked}
    return advice


def _measures_off(ctx: Context, advice: set[int]) -> Iterator[tuple[int, int, str]]:
    """ファイアウォールを停止, ウイルス対策ソフトも入っていません, 3389番ポートを開けてあります."""
    find, a = ctx.lex.find, ctx.analysis
    controls = find(a, f"{LEX}:security_controls")
    if controls:
        off = find(a, f"{LEX}:switching_off")
        for start, end in _acted_on(ctx, controls, off, reach=_OFF_REACH, negated=False, advice=advice):
            yield start, end, "セキュリティ対策を止めていること"
        put_in = find(a, f"{LEX}:putting_in")
        for start, end in _acted_on(ctx, controls, put_in, reach=_IN_REACH, negated=True, advice=advice):
            yield start, end, "セキュリティ対策を入れていないこと"
    services = find(a, f"{LEX}:exposed_services")
    if services:
        opening = find(a, f"{LEX}:opening")
        for start, end in _acted_on(ctx, services, opening, reach=_OFF_REACH, negated=False, advice=advice):
            yield start, end, "外部から接続できる入口を開けていること"


def _open_access(ctx: Context, advice: set[int]) -> Iterator[tuple[int, int, str]]:
    """認証なしで送れる送信サーバー, 誰でも見られる共有フォルダ."""
    toks = ctx.analysis.tokens
    systems = ctx.lex.find(ctx.analysis, f"{LEX}:internal_systems")
    for m in ctx.lex.find(ctx.analysis, f"{LEX}:open_access"):
        clause = _clause_of(ctx, m.start)
        if clause in advice:
            continue
        mine = _in_clause(ctx, systems, clause)
        if m.entry.term == "誰でも":
            # 職員用駐車場は誰でも使えます: only a system, and only access to it.
            mine = [s for s in mine if s.entry.term != "職員用"]
            verbs = toks[m.last : m.last + 4]
            if not any(t.lemma in _ANYONE_VERBS or t.base in _ANYONE_VERBS for t in verbs):
                continue
        # 誰でも見られるわけではありません: the door is shut.
        if mine and not _negated_soon(toks, m.last, toks[m.first].sentence, reach=9):
            yield min(m.start, mine[0].start), max(m.end, mine[0].end), "庁内のシステムに認証なしで入れること"


def _networks_joined(ctx: Context, advice: set[int]) -> Iterator[tuple[int, int, str]]:
    """住基系・LGWAN系・インターネット系のネットワークを分けずに, 業務システムも同じ回線."""
    toks = ctx.analysis.tokens
    find, a = ctx.lex.find, ctx.analysis
    separating, joined = find(a, f"{LEX}:separating"), find(a, f"{LEX}:joined_networks")
    if not (separating or joined):
        return
    segments = find(a, f"{LEX}:network_segments")
    networks = _clauses_with(ctx, "network_words")
    for m in (*separating, *joined):
        clause = _clause_of(ctx, m.start)
        # The networks named first (「…系のネットワークを分けずに」「業務システムも同じ回線」), and the
        # sentence about networks (業務システムの入力は窓口ごとに分けずに is about counters).
        mine = [g for g in _in_clause(ctx, segments, clause) if g.start < m.start]
        if not mine or clause in advice or clause not in networks:
            continue
        # 分けずに is the finding; 同じネットワークは使っていません is not.
        is_separating = m in separating
        if _negated_soon(toks, m.last, toks[m.first].sentence, reach=7) != is_separating:
            continue
        end = toks[_phrase_end(toks, m.last - 1)].end if is_separating else m.end
        yield mine[0].start, end, "ネットワークを分けていないこと"


def _left_behind(ctx: Context, advice: set[int]) -> Iterator[tuple[int, int, str]]:
    """退職した元職員のメールアドレスで登録されたまま, 退職者のIDがまだ消されていません."""
    toks = ctx.analysis.tokens
    find, a = ctx.lex.find, ctx.analysis
    things = find(a, f"{LEX}:account_things")
    # まだ残っています (and not 残っていません), まだ消されていません (and not 削除しました).
    left = [(m, False) for m in find(a, f"{LEX}:left_in_place")]
    left += [(m, True) for m in find(a, f"{LEX}:not_removed")]
    for m in find(a, f"{LEX}:departed_staff"):
        clause = _clause_of(ctx, m.start)
        if clause in advice or not _in_clause(ctx, things, clause):
            continue
        for rest, negated in left:
            if (
                rest.start > m.start
                and _clause_of(ctx, rest.start) == clause
                and _negated_soon(toks, rest.last, toks[rest.first].sentence) == negated
            ):
                end = toks[_phrase_end(toks, rest.last - 1)].end
                yield m.start, end, "退職した職員のアカウントや登録が残っていること"
                break


def _open_holes(ctx: Context, advice: set[int]) -> Iterator[tuple[int, int, str]]:
    """A hole said while it is open: 「スクリプトを入れると実行されてしまう状態です。修正は来月」."""
    toks = ctx.analysis.tokens
    open_marks = {
        _clause_of(ctx, m.start)
        for m in ctx.lex.find(ctx.analysis, f"{LEX}:not_fixed")
        # 状態 only as 「実行されてしまう状態」: the state a verb leaves, not 脆弱性の状態.
        if m.entry.term != "状態" or (m.first > 0 and toks[m.first - 1].pos[0] in ("動詞", "助動詞"))
    }
    for m in ctx.lex.find(ctx.analysis, f"{LEX}:vulnerabilities"):
        clause = _clause_of(ctx, m.start)
        if clause in advice:
            continue
        # The hole's sentence and the next one (「…状態です。修正は来月になる予定です」).
        near = [i for i, t in enumerate(toks) if clause <= _clause_of(ctx, t.start) <= clause + 1]
        lemmas = {toks[i].lemma for i in near} | {toks[i].base for i in near}
        if lemmas & _FIXED:
            continue
        not_yet = any(  # まだ直っていません, 修正されていない
            (toks[i].lemma in _FIXING or toks[i].base in _FIXING) and _negated_soon(toks, i + 1, toks[i].sentence)
            for i in near
        )
        if not_yet or open_marks & {clause, clause + 1} or (lemmas & _FIXING and lemmas & _LATER):
            yield m.start, m.end, "修正されていない脆弱性"
            return


def _outdated(ctx: Context, advice: set[int]) -> Iterator[tuple[int, int, str]]:
    """Windows 7のまま, XPを使い続けています."""
    still = ctx.lex.find(ctx.analysis, f"{LEX}:still_in_use")
    for m in ctx.lex.find(ctx.analysis, f"{LEX}:outdated_software"):
        clause = _clause_of(ctx, m.start)
        if clause in advice:
            continue
        later = [s for s in _in_clause(ctx, still, clause) if s.start >= m.end]
        if later:
            yield m.start, later[0].end, "サポートの終わったソフトウェアを使い続けていること"


def _weak_points(ctx: Context) -> Iterator[tuple[int, int, str]]:
    advice = _advice_or_question(ctx)
    for family in (_measures_off, _open_access, _networks_joined, _left_behind, _open_holes, _outdated):
        yield from family(ctx, advice)


@rule(
    code="SEC008",
    category=Category.SECURITY,
    severity=Severity.WARN,
    when=tuple(
        f"set:{LEX}:{name}"
        for name in (
            "security_controls",
            "exposed_services",
            "open_access",
            "separating",
            "joined_networks",
            "departed_staff",
            "vulnerabilities",
            "outdated_software",
        )
    ),
    title="セキュリティ上の弱点の公表",
    message="『{excerpt}』は{why}を明かしています。公開すると、攻撃者に弱点を教えることになります。",
    fix="この部分を削除してください。弱点は公開せず、情報システム担当課に伝えて対策を取ってください。",
    matches=[
        ex("今夜は作業のため、予約システムのファイアウォールを一時的に停止します。", "a firewall switched off"),
        ex("公式Xの二段階認証、出張先で面倒なのでオフにしておきました。", "2FA switched off, said after a comma"),
        ex("窓口の古いパソコンはセキュリティソフトも入っていませんが、まだ使えます。", "no anti-virus"),
        ex("ロックされると困るので、ログイン試行回数の制限を無効にしました。", "the lockout switched off"),
        ex("業者さんのために、SSH(22番ポート)を外に開けてあります。", "a port opened to the Internet"),
        ex("メールサーバーは認証なしで外から送信できます。", "a server used without logging in"),
        ex("共有フォルダは誰でも見られる設定のままです。", "a share anyone can see"),
        ex("住基系とインターネット系を分けずに運用しています。", "the networks not kept apart"),
        ex("来庁者用の無料Wi-Fiと業務システムは同じ回線です。", "staff systems on the public line"),
        ex("前任者のアカウントがまだ管理者権限のまま残っています。", "access left behind by a departed official"),
        ex("申請フォームに脆弱性が見つかりましたが、修正は来月の予定です。", "an open hole with its fix months away"),
        ex("税務課の端末は今もWindows 7のままです。", "unsupported software still in use"),
    ],
    passes=[
        ex("システム更新のため、3月23日は終日コンビニ交付サービスを停止します。", "a service stopped for maintenance"),
        ex("ファイアウォールの更新作業のため、電子申請を一時停止します。", "the measure only names the work"),
        ex("二段階認証を設定しましょう。", "advice"),
        ex("ウイルス対策ソフトが入っていないパソコンでのネットバンキングは危険です。", "advice"),
        ex("二段階認証は、設定画面からいつでもオフにできます。", "how to, not that it is off"),
        ex("ファイアウォールが不正な通信を停止します。", "the measure stops something else"),
        ex("公衆無線LANは、パスワードなしでどなたでも利用できます。", "a public network"),
        ex("職員用駐車場は、土日は誰でも使えます。", "a car park, not a system"),
        ex("来庁者用Wi-Fiと業務システムは同じ回線ではありません。", "denied"),
        ex("人事異動に伴い、担当者のメールアドレスが変わります。", "a transfer notice"),
        ex("先月見つかった脆弱性は、修正を完了しました。", "a fixed hole"),
        ex("Windows 7のまま使い続けるのは危険です。", "advice about unsupported software"),
        ex("鍵マークのないネットワークは通信が暗号化されていません。", "a fact about public networks"),
        ex("港のポートを開いて、地域の方に開放しています。", "a harbour, not a port number"),
        ex("二段階認証をオフにすると、アカウントが乗っ取られやすくなります。", "what would follow"),
        ex("住基ネットと同じネットワークは使っていません。", "denied, further on"),
        ex("ファイアウォールも入ってないのか？", "a question"),
        ex("業務システムの入力は、窓口ごとに分けずに受け付けます。", "counters, not networks"),
        ex("ホームページの脆弱性対策について、調査結果を公開する予定です。", "countermeasures, not a hole"),
        ex("管理画面は誰でも見られるわけではありません。", "the door is shut"),
        ex("二段階認証を設定していない方は、今すぐ設定をお願いします。", "addressed to those without it"),
    ],
)
def d_weak_point(ctx: Context) -> list[Hit]:
    """A weakness of the office's own security, told to the world.

    A measure switched off (ファイアウォールを停止, 二段階認証を外した, ウイルス対策ソフトも入っていない,
    試行回数の制限を無効に), a service opened to the Internet (3389番ポートを開けてある), a system used
    without logging in (認証なしで送れる送信サーバー), networks not kept apart (LGWAN系とインターネット系
    を分けずに, 業務システムも同じ回線), access left by someone who has left (退職した職員のアドレスで
    登録されたまま), a hole not yet fixed (脆弱性…修正は来月), software past its support (Windows 7の
    まま). Advice and howtos (しましょう, 危険です, オフにできます) pass, and so do maintenance notices
    in which the measure only names the work. Warns rather than blocks: whether the weakness is
    real and still open is for the approver and the information-systems office to judge. Instead:
    remove it and tell the information-systems office.
    """
    return _hits(ctx, _weak_points(ctx))
