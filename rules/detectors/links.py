"""Links: URL shorteners (``shortener``) and links to sites nobody vouched for (``untrusted_link``).

Also the shared URL extractor: ``find_urls(ctx)`` returns every link in a draft with its span in
the author's text, host, registered domain and path, for any rule that needs links.

Extraction works on the normalised text, so evasions are undone before matching: full-width
``ｈｔｔｐｓ：／／`` (NFKC), zero-width characters inside a domain (``ow\u200b.ly``), the "defanged"
dots ``[.]``, ``(.)``, ``[dot]`` and an ideographic full stop between Latin labels (``bit。ly/x``),
and the scheme written without its ``h`` (``ttps://``). A link is one of:

- a URL with a scheme (``https://…``, ``ttps://…``, ``hxxps://…``), host an ASCII domain or an IPv4
  address;
- a bare domain followed by a path (``bit.ly/abc``, ``tiny.cc/mu-gazo``);
- a bare domain alone (``xvideos.com``), accepted only when it is unmistakably one: its suffix is
  on the public suffix list (tldextract's bundled snapshot, never fetched), its top-level label
  is not a file extension people write as a word (``readme.md``, ``data.zip``, ``main.py``), and
  it is not written with a capitalised top-level label (``Hello.World``, ``end.It``).

Domains are ASCII: a Japanese character ends a URL, so ``https://example.com/path）では`` yields
``https://example.com/path``; trailing punctuation and an unbalanced closing bracket are not part
of the link; e-mail addresses are not links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from rules.engine import Context
from rules.model import Category, Settings, Severity
from rules.regex import lazy_compile
from rules.registry import Hit, ex, rule
from rules.text import Analysis

# --- extraction ------------------------------------------------------------------------------------

_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
# "。" (ideographic full stop, and half-width ｡ after NFKC) and defanged dots count as dots between
# Latin labels: nobody writes them there except to slip a link past a filter.
_DOT = r"(?:\.|。|\[\.\]|\(\.\)|\[dot\]|\(dot\))"
_URL_RE = lazy_compile(
    r"(?<![a-z0-9@%+_\-/.])"
    r"(?P<scheme>(?:h?(?:tt|xx)ps?|ftp)://)?"
    r"(?P<userinfo>(?<=//)[a-z0-9._~%!$&'*+,;=:-]+@)?"
    rf"(?P<host>\d{{1,3}}(?:\.\d{{1,3}}){{3}}|{_LABEL}(?:{_DOT}{_LABEL})+)"
    r"(?![a-z0-9-]|@)"
    r"(?P<port>:\d{1,5})?"
    r"(?P<path>[/?#][a-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*)?",
    re.IGNORECASE,
)
# A run of ASCII (and 。) with a dot of some kind between two letters or digits.
_ASCII_RUN_RE = lazy_compile(r"[!-~。]*[a-z0-9](?:[.。]|\[\.\]|\(\.\)|\[dot\]|\(dot\))[a-z0-9][!-~。]*", re.IGNORECASE)
# The core of _ASCII_RUN_RE, for a quick "no link here". Written case-sensitively, which lets the
# regex engine skip ahead faster; the four non-ASCII letters are the ones [a-z] matches under
# IGNORECASE, so both patterns accept exactly the same texts.
_LINK_CHAR = "[A-Za-z0-9\u0130\u0131\u017f\u212a]"
_LINK_HINT_RE = lazy_compile(rf"{_LINK_CHAR}(?:[.。]|\[\.\]|\(\.\)|\[[dD][oO][tT]\]|\([dD][oO][tT]\)){_LINK_CHAR}")
_EVASIVE_DOT_RE = lazy_compile(r"。|\[\.\]|\(\.\)|\[dot\]|\(dot\)", re.IGNORECASE)
_IPV4_RE = lazy_compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
# A link whose host is written in Japanese (青葉川市.jp, an internationalised domain name): only
# with its scheme, since without one the host cannot be told from the prose around it.
_IDN_URL_RE = lazy_compile(
    r"(?P<scheme>https?://)(?P<host>(?:[\w-]+\.)+[a-z]{2,63})(?![\w-])"
    r"(?P<path>[/?#][a-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*)?",
    re.IGNORECASE,
)
_TRAILING = ".,:;!?'\"*"
# Top-level domains that are also file extensions people write in prose ("readme.md", "data.zip").
# Only bare domains without a path are filtered with this: "bit.ly/x" is a link whatever its TLD.
_FILE_EXTENSION_TLDS = frozenset(
    {"zip", "mov", "py", "sh", "pl", "md", "rs", "ps", "ai", "cc", "so", "ms", "cs", "app"}
)


@cache
def _extractor():
    """tldextract with its bundled public-suffix snapshot only: no download, no cache on disk.

    Imported and built on first use: together they take about half a second (requests, and a
    trie of ~10,000 suffixes), which a process that never meets a link should not pay at start.
    """
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=4096)
def split_host(host: str) -> tuple[str, str, str]:
    """(public suffix, registrable label, registered domain) of a lower-case host; '' when none."""
    ext = _extractor()(host)
    return ext.suffix, ext.domain, ext.top_domain_under_public_suffix


@dataclass(frozen=True, slots=True)
class Url:
    """One link in a draft. ``start``/``end`` index the author's text; ``norm_*`` the normalised text."""

    start: int
    end: int
    norm_start: int
    norm_end: int
    url: str  # as normalised (full-width and invisible characters undone), dots restored
    scheme: str | None
    host: str  # lower case, dots restored
    domain: str  # registered domain (top domain under the public suffix), or the IP address
    path: str  # path, query and fragment, "" when the link is a bare domain
    evasive: bool  # written so that a naive filter would miss it (zero-width, full-width, fake dots)


def find_urls(ctx: Context) -> list[Url]:
    """Every link in the draft, in order (cached on the analysis, so rules share one scan)."""
    return urls_in(ctx.analysis)


def urls_in(analysis: Analysis) -> list[Url]:
    cached = analysis.__dict__.get("_links_urls")
    if cached is None:
        cached = analysis.__dict__["_links_urls"] = list(_scan(analysis))
    return cached


def _scan(analysis: Analysis) -> Iterator[Url]:
    text = analysis.norm.text
    # Cheap prefilter: every link has a dot of some kind between two letters or digits, or its scheme.
    if not _LINK_HINT_RE.search(text) and "://" not in text:
        return
    for m in _candidates(text):
        url = _validate(m)
        if url is None:
            continue
        start, end, scheme, host, domain, path = url
        o_start, o_end = analysis.norm.to_original(start, end)
        raw_original = analysis.original[o_start:o_end]
        normalised = text[start:end]
        clean = _EVASIVE_DOT_RE.sub(".", normalised)
        yield Url(
            start=o_start,
            end=o_end,
            norm_start=start,
            norm_end=end,
            url=clean,
            scheme=scheme,
            host=host,
            domain=domain,
            path=path,
            evasive=raw_original != clean,
        )


def _candidates(text: str) -> Iterator[re.Match[str]]:
    """URL matches, looked for only in the runs of ASCII (and 。) that contain a dot.

    The URL pattern opens with a look-behind, which defeats the regex engine's fast skip to a
    possible first character; scanning only the few runs that can hold a link keeps the cost
    proportional to the links, not to the length of the Japanese text around them.
    """
    ascii_links = (m for run in _ASCII_RUN_RE.finditer(text) for m in _URL_RE.finditer(text, run.start(), run.end()))
    japanese_hosts = [m for m in _IDN_URL_RE.finditer(text) if not m.group("host").isascii()] if "://" in text else None
    if not japanese_hosts:
        yield from ascii_links
        return
    yield from sorted([*ascii_links, *japanese_hosts], key=lambda m: m.start())


def _validate(m: re.Match[str]) -> tuple[int, int, str | None, str, str, str] | None:
    scheme = m.group("scheme")
    raw_host = m.group("host")
    path = m.group("path") or ""
    start = m.start()
    end = m.end()
    if path:
        trimmed = _trim_path(path)
        end -= len(path) - len(trimmed)
        path = trimmed
    evasive_dots = _EVASIVE_DOT_RE.search(raw_host) is not None
    host = _EVASIVE_DOT_RE.sub(".", raw_host).lower()
    if _IPV4_RE.match(host):
        if not scheme or any(int(p) > 255 for p in host.split(".")):
            return None
        return start, end, scheme.lower(), host, host, path
    if evasive_dots and not (scheme or path):
        # "OK。co" is prose; a fake dot is only an evasion when it hides a real link.
        return None
    suffix, label, domain = split_host(host)
    if not suffix or not label:
        return None
    if not scheme and not path and not _plausible_bare_domain(raw_host):
        return None
    return start, end, scheme.lower() if scheme else None, host, domain, path


def _trim_path(path: str) -> str:
    """Drop trailing punctuation and closing brackets that the URL did not open."""
    while path:
        last = path[-1]
        unbalanced = (last == ")" and path.count("(") < path.count(")")) or (
            last == "]" and path.count("[") < path.count("]")
        )
        if last not in _TRAILING and not unbalanced:
            break
        path = path[:-1]
    return path


def _plausible_bare_domain(raw_host: str) -> bool:
    tld = raw_host.rsplit(".", 1)[-1]
    if tld.lower() in _FILE_EXTENSION_TLDS:
        return False
    # "Hello.World", "end.It": a capitalised TLD is a sentence, unless the whole host is shouted.
    return tld == tld.lower() or raw_host == raw_host.upper()


# --- domain knowledge ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Shortener:
    domain: str
    platform: str | None  # the platform whose own share link this is, or None for a general shortener


@cache
def _shorteners() -> dict[str, Shortener]:
    text = resources.files("rules").joinpath("lexicons", "shorteners.txt").read_text(encoding="utf-8")
    table: dict[str, Shortener] = {}
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        domain, _, platform = (part.strip() for part in line.partition("="))
        domain = domain.lower()
        if not re.fullmatch(rf"{_LABEL}(?:\.{_LABEL})+", domain) or domain in table:
            raise ValueError(f"shorteners.txt:{n}: bad or repeated domain {domain!r}")
        table[domain] = Shortener(domain, platform or None)
    return table


def _suffixes(host: str) -> Iterator[str]:
    """host, then each parent domain: a.b.c -> a.b.c, b.c, c."""
    while True:
        yield host
        if "." not in host:
            return
        host = host.split(".", 1)[1]


def shortener_for(host: str) -> Shortener | None:
    """The most specific shortener entry covering this host (maps.app.goo.gl before goo.gl)."""
    table = _shorteners()
    for candidate in _suffixes(host.lower().rstrip(".")):
        found = table.get(candidate)
        if found is not None:
            return found
    return None


def is_shortener(host: str) -> bool:
    """Whether links on this host go through a URL shortener or redirector."""
    return shortener_for(host) is not None


def host_within(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


# Official by definition (CONTRACTS §4): the state (go.jp) and local governments (lg.jp).
_OFFICIAL_SUFFIXES = ("go.jp", "lg.jp")
# Public bodies whose JP domains only they can register (JPRS rules), so the registrant is known:
# universities and colleges (ac.jp), schools (ed.jp) and the local governments' own labels in the
# geographic domains (pref.niigata.jp, city.joetsu.niigata.jp, town.x.y.jp, vill.x.y.jp,
# metro.tokyo.jp, city.yokohama.jp for designated cities). or.jp, co.jp and the rest are open to
# any company or association and are left to each organisation's trusted_domains.
_PUBLIC_SECTOR_SUFFIXES = ("ac.jp", "ed.jp")
# fmt: off
_PREFECTURES = (
    "aichi", "akita", "aomori", "chiba", "ehime", "fukui", "fukuoka", "fukushima", "gifu", "gunma", "hiroshima",
    "hokkaido", "hyogo", "ibaraki", "ishikawa", "iwate", "kagawa", "kagoshima", "kanagawa", "kochi", "kumamoto",
    "kyoto", "mie", "miyagi", "miyazaki", "nagano", "nagasaki", "nara", "niigata", "oita", "okayama", "okinawa",
    "osaka", "saga", "saitama", "shiga", "shimane", "shizuoka", "tochigi", "tokushima", "tokyo", "tottori",
    "toyama", "wakayama", "yamagata", "yamaguchi", "yamanashi",
)
_DESIGNATED_CITIES = (
    "sapporo", "sendai", "chiba", "saitama", "yokohama", "kawasaki", "sagamihara", "niigata", "shizuoka",
    "hamamatsu", "nagoya", "kyoto", "osaka", "sakai", "kobe", "okayama", "hiroshima", "kitakyushu", "fukuoka",
    "kumamoto",
)
# fmt: on
_LOCAL_GOVERNMENT_RE = lazy_compile(
    r"(?:^|\.)(?:"
    rf"pref\.(?:{'|'.join(_PREFECTURES)})"
    r"|metro\.tokyo"
    rf"|(?:city|town|vill)\.[a-z0-9-]+\.(?:{'|'.join(_PREFECTURES)})"
    rf"|city\.(?:{'|'.join(_DESIGNATED_CITIES)})"
    r")\.jp$"
)

# Where municipalities publish their own accounts; a link there is worth a look (whose page is
# it?) but is not a third-party site in the guideline's sense. Reported at info level by LNK002.
_PLATFORMS: dict[str, str] = {
    "youtube.com": "YouTube",
    "instagram.com": "Instagram",
    "facebook.com": "Facebook",
    "x.com": "X",
    "twitter.com": "X",
    "line.me": "LINE",
    "tiktok.com": "TikTok",
    "threads.net": "Threads",
    "threads.com": "Threads",
}


@lru_cache(maxsize=32)
def _configured(domains: tuple[str, ...]) -> tuple[str, ...]:
    """Settings domains as bare lower-case hosts: scheme, path, '*.' and 'www.' dropped."""
    out = []
    for d in domains:
        d = d.strip().lower()
        d = re.sub(r"^[a-z]+://", "", d).split("/", 1)[0].split(":", 1)[0].strip(".")
        d = d.removeprefix("*.").removeprefix("www.")
        if d:
            out.append(d)
    return tuple(out)


def is_official(host: str, settings: Settings) -> bool:
    host = host.lower()
    return any(host_within(host, d) for d in (*_OFFICIAL_SUFFIXES, *_configured(settings.official_domains)))


def is_public_sector(host: str) -> bool:
    host = host.lower()
    return any(host_within(host, d) for d in _PUBLIC_SECTOR_SUFFIXES) or bool(_LOCAL_GOVERNMENT_RE.search(host))


def is_trusted(host: str, settings: Settings) -> bool:
    """Official, configured as trusted, or a public body identified by its JP domain."""
    host = host.lower()
    return (
        is_official(host, settings)
        or any(host_within(host, d) for d in _configured(settings.trusted_domains))
        or is_public_sector(host)
    )


def platform_of(host: str) -> str | None:
    for candidate in _suffixes(host.lower()):
        name = _PLATFORMS.get(candidate)
        if name:
            return name
    return None


def _shortened_links(ctx: Context) -> Iterator[tuple[Url, Shortener]]:
    for u in find_urls(ctx):
        entry = shortener_for(u.host)
        # A shortener's bare name ("bit.lyなどの短縮URLは使いません") is a mention, not a link.
        if entry is not None and (u.path.strip("/") or u.scheme):
            yield u, entry


def _expanded(u: Url, entry: Shortener) -> str:
    if entry.domain == "youtu.be":
        video = u.path.lstrip("/").split("?", 1)[0].split("/", 1)[0]
        if video:
            return f"動画の正式なURL（https://www.youtube.com/watch?v={video}）"
    return f"{entry.platform}の正式なURL（共有用の短縮形ではないもの）"


def _link_hit(u: Url, **detail: str) -> Hit:
    return Hit(u.start, u.end, {"host": u.host, **detail})


# --- rules -----------------------------------------------------------------------------------------

# Every link has a Latin letter: a scheme, or a domain under a public suffix (none is all digits).
_NEEDS_LINK = ("char:latin",)


@rule(
    code="SHR001",
    category=Category.SHORTENER,
    severity=Severity.BLOCK,
    when=_NEEDS_LINK,
    title="URL短縮サービスのリンク",
    message="短縮URL（{host}）が使われています。短縮URLはリンク先が読み手に分からず、なりすましや有害サイトへの誘導にも使われるため、使わないことになっています。",
    fix="短縮URL（{host}）は使わず、リンク先の正式なURLを記載してください。",
    matches=[
        ex("献血バスの予約はこちら https://is.gd/Q8rTz1", "scheme URL on a general shortener"),
        ex("申請書はこちらから bit.ly/abc-2026 どうぞ", "bare domain with a path"),
        ex("説明会の申し込み：https://ow\u200b.ly/Vb8k50Zq1Lm", "zero-width space inside the domain"),
        ex("詳しくは ｈｔｔｐｓ：／／ｔｉｎｙｕｒｌ．ｃｏｍ／ｙ５ｈｋ８ をご覧ください", "full-width URL"),
        ex("アンケートはこちら→ cutt。ly/xyz123", "ideographic full stop as a fake dot"),
        ex("ダウンロードは ttps://rb.gy/a1b2c3 から", "scheme without its h"),
    ],
    passes=[
        ex("当市の公式SNSでは、bit.lyなどの短縮URLは使用していません。", "a shortener named, not linked"),
        ex("詳しくは https://www.city.joetsu.niigata.jp/soshiki/kouhou/ をご覧ください。", "official long URL"),
        ex("動画は https://www.youtube.com/watch?v=dQw4w9WgXcQ で公開しています。", "YouTube's long form"),
        ex("距離は3.5km、所要時間は約1時間です。ver.2の地図もご利用ください。", "numbers and versions"),
        ex("申請書（様式第1号.pdf）を提出してください。", "a file name is not a link"),
        ex("info.tinyurl@example.org までご連絡ください。", "an e-mail address is not a link"),
    ],
)
def detect_shortener(ctx: Context) -> Iterable[Hit]:
    """A link through a general URL-shortening or redirect service (bit.ly, tinyurl.com, is.gd, …).

    joetsu 6(1)② 留意事項:「URL短縮サービス」の利用は、原則として行わないでください。A short link
    hides where it leads, so readers cannot check it is the municipality's page, it is how phishing
    and malware are passed around, and the link dies with the service (goo.gl stopped resolving).
    The list (``rules/lexicons/shorteners.txt``) covers several hundred general, ad-funded,
    IP-logging, regional, marketing, deep-link and publisher shorteners; a domain matches with all
    its subdomains. A shortener's bare name without a path is a mention, not a link, and passes.
    Write the destination's full URL instead.
    """
    for u, entry in _shortened_links(ctx):
        if entry.platform is None:
            yield _link_hit(u)


@rule(
    code="SHR002",
    category=Category.SHORTENER,
    severity=Severity.BLOCK,
    when=_NEEDS_LINK,
    title="SNS・サービス独自の共有用短縮URL",
    message="{platform}の共有用短縮URL（{host}）が使われています。短縮URLはリンク先が読み手に分からないため、使わないことになっています。",
    fix="短縮URL（{host}）は使わず、{target}を記載してください。",
    matches=[
        ex("会場マップ https://maps.app.goo.gl/Wk3Rt7Yh9PmXzQ", "Google Maps share link (goo.gl)"),
        ex("動画はこちら https://youtu.be/dQw4w9WgXcQ", "YouTube share link"),
        ex("LINEの友だち追加はこちら https://lin.ee/AbCdEf1", "LINE official-account short link"),
        ex("アンケートへのご協力をお願いします forms.gle/AbC123xyz", "Google Forms short link, bare"),
    ],
    passes=[
        ex("LINEの友だち追加は https://line.me/R/ti/p/@joetsu_city から", "LINE's long form shows the account"),
        ex("アンケートは https://docs.google.com/forms/d/e/1FAIpQLSf/viewform から", "Google Forms long form"),
        ex("場所は https://www.google.com/maps/place/上越市役所 をご覧ください", "Google Maps long form"),
        ex("YouTubeの短縮URL（youtu.be）は使用していません。", "a share domain named, not linked"),
    ],
)
def detect_platform_short_link(ctx: Context) -> Iterable[Hit]:
    """A platform's own share link (youtu.be, lin.ee, maps.app.goo.gl, forms.gle, amzn.to, …).

    Same clause as SHR001 (joetsu 6(1)② 留意事項). These links can only lead to the platform, but
    the reader still cannot see *which* page: ``lin.ee/AbCdEf1`` may be the city's LINE account or
    an impersonator's, while ``line.me/R/ti/p/@joetsu_city`` shows the account. Kept apart from
    SHR001 so the message can name the platform and, for YouTube, spell out the long form, and so
    a policy pack can relax this rule alone if its guideline tolerates share links.
    """
    for u, entry in _shortened_links(ctx):
        if entry.platform is not None:
            yield _link_hit(u, platform=entry.platform, target=_expanded(u, entry))


@rule(
    code="LNK001",
    category=Category.UNTRUSTED_LINK,
    severity=Severity.WARN,
    when=_NEEDS_LINK,
    title="信頼性を確認できないリンク",
    message="リンク先（{host}）は、公式サイトでも、信頼できるサイトとして登録されたサイトでもありません。",
    fix="リンク先の運営者と内容が信頼できるかをご確認ください。信頼できるサイトであれば、管理者に信頼済みドメイン（trusted_domains）への登録を依頼してください。",
    matches=[
        ex("詳しくはこちらのまとめ記事で https://matome-news.example.com/archives/123", "a third-party blog"),
        ex("最新情報は matome-news.net でも", "bare domain without a path"),
        ex("会場の様子 http://203.0.113.7/photos/", "a bare IP address hides who runs the site"),
        ex("予約サイト：ｗｗｗ．ｆｒｅｅ－ｇｉｆｔ．ｘｙｚ／ｃｏｕｐｏｎ", "full-width bare domain with a path"),
        ex("特設ページ https://わかば野グルメ.jp/ をご覧ください。", "a domain name written in Japanese"),
    ],
    passes=[
        ex("「子育てナビ」（https://www.city.wakabano.lg.jp/kosodate/navi/）では空き状況を確認できます。", "lg.jp"),
        ex("気象情報は https://www.jma.go.jp/bosai/ で確認してください。", "go.jp"),
        ex("県の特設ページ https://www.pref.niigata.jp/site/bosai/ をご覧ください。", "prefecture's own JP domain"),
        ex("リンク先が city.wakabano.lg.jp で始まるか、必ずご確認ください。", "bare official domain"),
        ex("お問い合わせは iju@town.kazahaya.kanagawa.jp まで", "e-mail address"),
        ex("公開講座の詳細は https://www.u-tokyo.ac.jp/ja/events/ をご覧ください。", "ac.jp: universities only"),
        ex("申込みは https://bit.ly/abc123 から", "a shortener is reported as a shortener only"),
        ex("ファイル名は readme.md と data.zip です。Hello.World", "file names and sentences"),
    ],
)
def detect_untrusted_link(ctx: Context) -> Iterable[Hit]:
    """A link to a site that is neither official nor on the organisation's trusted list.

    joetsu 6(1)② 留意事項: 第三者が管理又は運用するページへのリンクの掲載は、信頼性のあるもの以外
    行わないでください; yatsushiro (10)オ: 閲覧者に損害を与えようとするサイトやわいせつな内容を含む
    サイトへのリンク. Official: go.jp, lg.jp and ``official_domains``; trusted: ``trusted_domains``
    (each with its subdomains; ``www.`` and a scheme in the settings are ignored) and public bodies
    identified by registrant-restricted JP domains: ac.jp, ed.jp and the local governments' labels
    in the geographic domains (``pref.niigata.jp``, ``city.joetsu.niigata.jp``, ``metro.tokyo.jp``).
    or.jp and co.jp are open to any association or company, so they are not trusted by default.
    One finding per link: shortener links are left to the shortener rules, links to the big SNS
    platforms to LNK002. A bare IP address is flagged: it says nothing about who runs the site.
    """
    settings = ctx.settings
    for u in find_urls(ctx):
        if is_shortener(u.host) or is_trusted(u.host, settings) or platform_of(u.host):
            continue
        yield _link_hit(u)


@rule(
    code="LNK002",
    category=Category.UNTRUSTED_LINK,
    severity=Severity.INFO,
    when=_NEEDS_LINK,
    title="SNS上のページへのリンク",
    message="{platform}上のページ（{host}）へのリンクです。誰のアカウントのページかは、URLからは分かりません。",
    fix="公式アカウントや信頼できる発信者のページであることをご確認ください。",
    matches=[
        ex("動画は https://www.youtube.com/watch?v=dQw4w9WgXcQ で公開中です。", "YouTube"),
        ex("Instagramもご覧ください https://www.instagram.com/joetsu_city/", "Instagram account"),
        ex("友だち追加は https://line.me/R/ti/p/@joetsu_city から", "LINE account"),
    ],
    passes=[
        ex("YouTubeチャンネルでも配信しています。", "a platform named, not linked"),
        ex("詳しくは https://www.city.joetsu.niigata.jp/ をご覧ください。", "official site"),
        ex("動画はこちら https://youtu.be/dQw4w9WgXcQ", "share links are reported by SHR002"),
        ex("公式Xアカウント（@joetsu_city）もフォローしてください。", "a handle is not a link"),
    ],
)
def detect_platform_link(ctx: Context) -> Iterable[Hit]:
    """A link to a page on a big SNS or video platform (YouTube, Instagram, Facebook, X, LINE, TikTok).

    Municipalities publish their own accounts there, so such a link is usually fine, but anyone can
    publish there too: whose page it is cannot be told from the domain (joetsu 6(1)② 留意事項 第三者
    のページへのリンク). Reported for information only, so it never holds a post on its own; an
    organisation that links to its channels every day can put the domain in ``trusted_domains``.
    """
    settings = ctx.settings
    for u in find_urls(ctx):
        platform = platform_of(u.host)
        if platform and not is_shortener(u.host) and not is_trusted(u.host, settings):
            yield _link_hit(u, platform=platform)
