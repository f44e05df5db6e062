"""Information security: 情報セキュリティを脅かす情報 (CONTRACTS §1 ``security``).

Guidelines: towada 4(12) 「十和田市の情報セキュリティを脅かすおそれのある情報を発信すること」,
honjo 4(3), tatsuno 4(3); joetsu 6(1)①【パスワード】.

What gets an account or a network broken into: a password or PIN with its value, a rule that
lets anyone derive the password, an internal IP address or host name, a VPN endpoint, the URL
of an admin or CMS login, an API key. All of these block: once published, the secret must be
treated as known to everyone.

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

from rules.detectors._shared import per_draft
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
    r"(?:パスワード|パスコード|パスフレーズ|暗証番号|(?:認証|確認|ワンタイム|セキュリティ|バックアップ|リカバリー?|復旧|復元|回復)コード|合言葉|(?<![ァ-ヶー])パス(?![ァ-ヶー])"
    r"|(?<![A-Za-z])(?:pass(?:word|wd|code|phrase)?|pwd|p/?w|pin)(?![A-Za-z]))"
)
_ID_LABEL = (
    r"(?:ログイン\s?ID|ユーザー?\s?ID|ユーザー?名|利用者\s?ID|管理者\s?ID|職員\s?ID"
    r"|(?<![A-Za-z])(?:user\s?(?:name|id)|login\s?id|log-?in)(?![A-Za-z]))"
)
_BARE_ID_LABEL = r"(?<![A-Za-z])ID(?![A-Za-z])"
_SEPARATOR = r"[ \t]*(?:[(][^)\n]{0,12}[)])?[ \t]*(?:は|が|を|に|:|=|→|⇒|-|/)?[ \t]*(?:「|『|\"|“|'|‘|【|\[)?[ \t]*"
_VALUE = r"(?P<value>[!-~]{4,64})"
# A question and its answer between the label and the value: 「パス、もう一回教えて→ hanabi2026」.
_ASKED = (
    r"(?:[、,]?[^。\n!?:→⇒]{0,10}?(?:教えて|教えろ|何だっけ|なんだっけ|何でしたっけ|忘れた)"
    r"[^。\n!?:→⇒]{0,6}?(?:→|⇒|:))?"
)
_CREDENTIAL_RE = lazy_compile(
    r"(?=[パ暗認確ワセバリ復回合ロユ利管職PpUuLlIi])"
    rf"(?P<label>{_PASSWORD_LABEL}|{_ID_LABEL}|{_BARE_ID_LABEL}){_ASKED}{_SEPARATOR}{_VALUE}",
    re.IGNORECASE,
)
_PASSWORD_LABEL_RE = lazy_compile(_PASSWORD_LABEL, re.IGNORECASE)
# Cheap substring checks (on the lower-cased text) that rule out most posts before the full
# pattern runs.
_CREDENTIAL_HINTS = ("パス", "暗証", "コード", "合言葉", "id", "ユーザ", "ログイン", "pass", "pw", "pin", "user", "log")
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


def _looks_like_value(value: str, label: str, following: str) -> bool:
    if value.lower() in _TECH_WORDS:
        return False
    if "://" in value or value.lower().startswith("www."):
        return False
    if (len(set(value)) == 1 and not value.isdigit()) or set(value) <= set("*xX#-_."):
        return False  # masked: ********, xxxx (0000 is a PIN)
    if value.isdigit() and _UNIT_AFTER_RE.match(following):
        return False
    secret_like = any(c.isdigit() or c in _SPECIALS for c in value)
    if not secret_like and (_AMBIGUOUS_LABEL_RE.fullmatch(label) or not _VALUE_END_RE.match(following)):
        return False
    # An ID is a handle: @wakaba_city is a public account, an e-mail address is PII's.
    is_id = _BARE_ID_RE.match(label) or not _PASSWORD_LABEL_RE.fullmatch(label)
    return not (is_id and (value.startswith("@") or _EMAIL_RE.fullmatch(value)))


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
    if not (any(h in low for h in _CREDENTIAL_HINTS) and _ASCII_RUN_RE.search(text)):
        return out
    advice = _clauses_with(ctx, "advice_markers") | _clauses_with(ctx, "example_markers")
    login = _clauses_with(ctx, "login_context")
    addresses = _addresses(ctx)
    for m in _CREDENTIAL_RE.finditer(text):
        value = m.group("value").rstrip(_TRAILING_PUNCT)
        label = m.group("label")
        if addresses and _part_of_address(addresses, m, text):
            continue
        v_start = m.start("value")
        v_end = v_start + len(value)
        if len(value) < 4 or not _looks_like_value(value, label, text[v_end : v_end + 8]):
            continue
        sentence = _clause_of(ctx, v_start)
        if sentence in advice:
            continue  # 「123456」のようなパスワードは避けましょう
        is_password = bool(_PASSWORD_LABEL_RE.fullmatch(label))
        if _BARE_ID_RE.match(label) and sentence not in login:
            continue  # "IDは" alone is usually a public handle or a receipt number
        kind = "パスワード・暗証番号" if is_password else "ログインID"
        if text[v_end : v_end + 1] in ("」", "』", '"', "”", "'"):
            v_end += 1  # keep the quotes balanced in the excerpt
        out.append((m.start("label"), v_end, kind))
    return out


@rule(
    code="SEC001",
    category=Category.SECURITY,
    severity=Severity.BLOCK,
    # A password in a URL has its "@"; any other needs a label (_CREDENTIAL_HINTS, whose ASCII
    # ones are Latin letters).
    when=("text:@", "char:latin", *(f"text:{fold(h)}" for h in _CREDENTIAL_HINTS if not h.isascii())),
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
    ],
)
def d_password(ctx: Context) -> Iterator[Hit]:
    """A password, PIN or login ID written with its value.

    Labels: パスワード (初期パスワード, 管理者パスワード…), パス/PASS, PW/pwd, 暗証番号, パスコード,
    PIN, ログインID/ユーザーID/ユーザー名, and a bare ID in a sentence about logging in. The value is
    the run of ASCII after the label and a separator (は, :, =, 「…」), at least 4 characters. Not a
    value: a number followed by a unit (8文字以上, 4桁), masked text (****), words such as WPA2, a
    public handle (@…). Sentences that give examples of bad passwords (ような, 避ける, 使わない)
    pass. A URL with ``user:password@`` is flagged too. Instead: remove the value and change the
    password at once, because it may already have been seen.
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
    starts = per_draft(ctx, "sec_token_starts", lambda c: [t.start for t in c.analysis.tokens])
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

_SCHEME_PARTICLES = frozenset({"は", "には", "に", "が", "として", "を", "、", ":", "="})
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
    if not sources:
        return
    # Only advice clears a scheme: an example of its result (「（例：kkh11）」) confirms it.
    advice = _clauses_with(ctx, "advice_markers")
    by_first = {m.first: m for m in sources}
    by_last = {m.last: m for m in sources}
    # 初期パスワード also contains the entry パスワード: keep the longest.
    pw = [p for p in pw if not any(q is not p and q.first <= p.first and p.last <= q.last for q in pw)]
    for p in pw:
        sentence = toks[p.first].sentence
        if _clause_of(ctx, p.start) in advice:
            continue
        # パスワードは／には／として … 生年月日: the source follows within a few tokens
        # (パスワードの付け方は…, パスワードのルールは… too).
        k = _after_scheme_noun(toks, p.last)
        if k < len(toks) and toks[k].surface in _SCHEME_PARTICLES:
            for j in range(k + 1, min(k + 1 + _SCHEME_REACH, len(toks))):
                if toks[j].sentence != sentence:
                    break
                if j in by_first:
                    if not _negated(toks, by_first[j].last, sentence):
                        yield p.start, by_first[j].end
                    break
            continue
        # 生年月日を（初期）パスワードに: the source comes first, joined by one particle.
        k = p.first - 1
        if k >= 1 and toks[k].surface in ("が", "を", "は") and k in by_last:
            src = by_last[k]
            if toks[src.first].sentence == sentence:
                yield src.start, p.end


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
    ],
)
def d_password_scheme(ctx: Context) -> Iterator[Hit]:
    """A rule that derives the password from something known: 生年月日, 職員番号, 電話番号, 氏名, ID, 全員共通.

    "初期パスワードは生年月日8桁" is as good as the password for anyone who knows a birthday.
    Flags a password word followed by は/には/として… and a source within a few words, or a
    source joined to the password word by を/が (生年月日を初期パスワードとして). Sentences that warn
    against such passwords (避ける, 推測, 使わない, 危険…) pass, and so does 暗証番号の再設定には
    氏名と生年月日の確認 (の is not a scheme particle). Instead: remove the rule and make every user
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
# Documentation ranges (RFC 5737/3849) are examples by definition.
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
    connection = None
    for start, end, raw in candidates:
        try:
            ip = ipaddress.ip_address(raw)
        except ValueError:
            continue
        if _VERSION_BEFORE_RE.search(text, max(0, start - 12), start):
            continue
        if ip.version == 4 and (raw.startswith(("0.", "255.")) or raw.endswith(".255")):
            continue  # a mask or a broadcast address, not a host
        if any(ip in n for n in _EXAMPLE_NETS if n.version == ip.version):
            continue
        if any(ip in n for n in _INTERNAL_NETS if n.version == ip.version):
            yield start, end, "内部ネットワーク（プライベート）のIPアドレス"
            continue
        if connection is None:
            connection = _clauses_with(ctx, "connection_context")
        if _clause_of(ctx, start) in connection:
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
    ],
    passes=[
        ex("アプリをバージョン 10.0.1.2 に更新してください。", "a version number"),
        ex("サブネットマスクは 255.255.255.0 が一般的です。", "a mask"),
        ex("人口は 1.2 万人、面積は 3.45 平方キロメートルです。", "decimals"),
        ex("詳しくは https://www.city.example.lg.jp/kosodate/ をご覧ください。", "a public URL"),
        ex("記事番号 2026.01.05.1 を参照してください。", "a dotted reference number that is not an address"),
    ],
)
def d_ip_address(ctx: Context) -> list[Hit]:
    """An IP address of an internal network, or of a server to connect to.

    Private ranges (10/8, 172.16/12, 192.168/16, 127/8, link-local, CGNAT; fc00::/7, fe80::/10)
    always flag: they map the office's network. A public address flags when the sentence talks
    about connecting (VPN, サーバー, 接続, リモート, SSH, ポート, ログイン): then it is an endpoint to
    attack. Version numbers (Ver. 10.0.1.2), masks (255.255.255.0) and documentation ranges
    pass. Instead: remove it and tell staff through internal channels.
    """
    return _hits(ctx, _ip_hits(ctx))


# --- SEC005: internal host names, VPN endpoints, file shares ------------------------------------

_INTERNAL_TLDS = frozenset({"local", "internal", "intranet", "intra", "lan", "corp", "localdomain", "priv", "private"})
_ENDPOINT_LABELS = frozenset(
    {"vpn", "sslvpn", "remote", "ra", "rdp", "rdweb", "rdgw", "citrix", "vdi", "gw", "gateway", "intra", "intranet"}
)
_UNC_RE = lazy_compile(r"(?<![\w\\¥])(?:\\\\|¥¥)[A-Za-z0-9._\-]+(?:[\\¥][^\s\\¥「」、。]+)+")


def _host_hits(ctx: Context) -> Iterator[tuple[int, int, str]]:
    for u in per_draft(ctx, "sec_urls", _urls):
        host = u.group("host").lower()
        labels = host.split(".")
        if host == "localhost":
            if u.group("scheme") or u.group("port"):
                yield u.start(), u.end(), "自分の端末・内部サーバーを指すアドレス（localhost）"
            continue
        if labels[-1] in _INTERNAL_TLDS or host.endswith(".home.arpa") or "lgwan" in labels:
            yield u.start(), u.end(), "庁内・内部ネットワークのホスト名"
        elif len(labels) >= 3 and (labels[0] in _ENDPOINT_LABELS or labels[0].startswith("vpn")):
            yield u.start(), u.end(), "VPN・リモート接続の入口となるホスト名"
    text = ctx.analysis.norm.text
    if "\\\\" in text or "¥¥" in text:
        for m in _UNC_RE.finditer(text):
            yield m.start(), m.end(), "庁内ファイルサーバーの共有フォルダのパス"


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
    ],
    passes=[
        ex("詳しくは www.city.example.lg.jp をご覧ください。", "a public host"),
        ex("申込書（moushikomi.pdf）をダウンロードしてください。", "a file name"),
        ex("お問い合わせは kouhou@city.example.lg.jp へ。", "an e-mail address"),
        ex("ローカル線の魅力を発信します。", "no host at all"),
        ex("リモートワークの推進について、remote-work.example.com で紹介しています。", "remote in a word, not a label"),
    ],
)
def d_internal_host(ctx: Context) -> list[Hit]:
    """An internal host name, a VPN or remote-access endpoint, or a file-share path.

    Host names under internal-only suffixes (.local, .internal, .intranet, .lan, .corp,
    .home.arpa, LGWAN), hosts whose first label names a remote-access entry point (vpn., sslvpn.,
    remote., rdweb., citrix., gw.…), ``localhost`` with a scheme or port, and UNC paths
    (\\\\server\\share, ¥¥server¥share). Public web hosts, file names and e-mail domains pass.
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


def _admin_urls(ctx: Context) -> Iterator[tuple[int, int, str]]:
    staff = None
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
    ],
    passes=[
        ex("「わかばの子育てナビ」 https://www.city.example.lg.jp/kosodate/navi/ をご覧ください。", "public page"),
        ex("図書館の予約は https://www.lib.example.lg.jp/opac/login からどうぞ。", "a residents' login page"),
        ex("ホームページの管理方法を見直しました。", "no URL"),
        ex("マイナポータル https://myna.go.jp/ から申請できます。", "public service"),
        ex("スタッフ募集の詳細は https://www.city.example.lg.jp/staff/recruit.html をご覧ください。", "a staff page"),
    ],
)
def d_admin_url(ctx: Context) -> list[Hit]:
    """The URL of an admin screen, a CMS back office or a staff login.

    Paths such as /admin, /wp-admin, /wp-login.php, /phpmyadmin, /manage (/cms/manage/login),
    /cpanel, /webmail and hosts such as admin., cms., kanri. flag on their own. A plain /login or
    /signin flags only in a sentence about staff or administration (管理, 職員, 担当者, 更新作業,
    CMS, 庁内): residents' login pages (図書館の予約, 電子申請) are public services. Instead: remove
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
