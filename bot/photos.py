"""Photos attached to a draft: read their metadata, warn about location data and unconfirmed consent.

yatsushiro (9)オ warns against 「アップロードした写真への個人情報に繋がるような写り込み」 and joetsu 5(3)
asks for the consent of anyone identifiable in a photo. A photo's EXIF GPS tags say where it was
taken (often someone's home or school), and most phones add them silently, so we look for them.

Each photo is downloaded from Slack with the bot token (``url_private_download``), examined in memory
with Pillow and dropped: nothing of it is kept but what ``PhotoCheck`` holds (GPS yes or no, format,
dimensions). Pillow parses the header and the metadata only (pixels are decoded just for a PNG whose
EXIF chunk follows the image data, and only up to ``PNG_LOAD_PIXEL_CAP``). A photo we cannot
examine (download failed, HEIC, corrupt, too large) gives a polite ``info`` note, never a failure of
the draft.

Entry points (both take the Slack file objects of a message's ``files`` or of the modal's file input):

- ``photo_findings(runtime, files, consent)`` -> the findings to add to the draft's screening report;
- ``check_photos(...)`` -> the same with the per-photo metadata, for callers that want to show it.

``with_photo_findings(report, findings)`` merges them into a report and recomputes the verdict, and
``screener_with_photos(screener, findings)`` wraps a screener so ``submission.submit`` records them.

A draft posted in a channel cannot say who is in its photos, so its consent finding says "undeclared";
the author answers it later with the reply's buttons (``DECLARABLE``), which withdraw that finding
(``bot.workflows.submission.declare_photos``). An edit that keeps the photos keeps their findings as
recorded (``stored_photo_findings``); new photos are examined afresh and need a new declaration.
"""

from __future__ import annotations

import enum
import io
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from PIL import ExifTags, Image, UnidentifiedImageError
from slack_sdk.errors import SlackApiError

from rules import Category, Finding, Report, Severity
from rules import Draft as ScreeningInput
from rules.model import verdict_of
from rules.policy import PACKS, load_policy, render_clause

if TYPE_CHECKING:
    from bot.runtime import Runtime

log = logging.getLogger(__name__)

# --- Limits -------------------------------------------------------------------------------------------

MAX_DOWNLOAD_BYTES = 25 * 1024 * 1024  # larger than Slack's 10 MB for file inputs; phone photos fit
DOWNLOAD_TIMEOUT_SECONDS = 10.0  # per request (connect, and each read)
TOTAL_BUDGET_SECONDS = 30.0  # all photos of one draft together; the rest get a note
MAX_PHOTOS = 20  # a message carries at most 10 files from the modal, a little more from the desktop app
_CHUNK = 64 * 1024
# Decoding a PNG to reach a late eXIf chunk is allowed up to this many pixels (~100 MB as RGBA).
PNG_LOAD_PIXEL_CAP = 25_000_000
# The formats we let Pillow parse: what cameras, phones and editors write (JPEG covers MPO, e.g. iPhone portraits).
PHOTO_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "TIFF")

# --- Rule codes (stable; PII1xx is reserved for photos, the engine's text rules are PII0xx) ----------

GPS_RULE = "PII101"
CONSENT_RULE = "PII102"
UNCHECKED_RULE = "PII103"
PHOTO_RULES = frozenset({GPS_RULE, CONSENT_RULE, UNCHECKED_RULE})

# --- Japanese texts, kept together for review --------------------------------------------------------

MSG_GPS = (
    "写真「{name}」に撮影場所の位置情報（GPS）が含まれています。"
    "公開すると撮影場所が特定され、個人情報につながるおそれがあります。"
)
FIX_GPS = (
    "位置情報を削除した写真に差し替えてください（スマートフォンのカメラ設定で位置情報の記録をオフにするか、"
    "写真の共有時に位置情報を含めない設定にしてから書き出してください）。"
)
MSG_CONSENT_UNCONFIRMED = (
    "作成者から「写真に個人が特定できる人物が写っているが、本人の同意は未確認」と申告されています（写真 {count} 枚）。"
)
FIX_CONSENT_UNCONFIRMED = (
    "投稿前に、写っている方（団体・企業の場合はその了解）から掲載の同意を得てください。"
    "同意を得られたら、作成者がこの返信の「本人の同意を得ています」ボタンで申告してください。"
    "同意を得られない場合は、人物が特定できないよう加工した写真に差し替えてください。"
)
MSG_CONSENT_UNDECLARED = (
    "写真が {count} 枚添付されていますが、個人が特定できる人物が写っているかどうかの申告がありません。"
)
FIX_CONSENT_UNDECLARED = (
    "作成者は、この返信の「人物は写っていません」または「本人の同意を得ています」ボタンで申告してください"
    "（申告は記録に残ります）。同意を得ていない人物が写っている場合は、同意を得るか、"
    "人物が特定できないよう加工した写真に差し替えてください。"
)
FIX_UNCHECKED = "位置情報が含まれていないことと、人物の写り込みを、承認者が写真を開いて確認してください。"
UNCHECKED_REASONS = {
    "download_failed": "写真「{name}」をダウンロードできなかったため、位置情報を確認できませんでした。",
    "timeout": "写真「{name}」は確認に時間がかかりすぎたため、位置情報を確認できませんでした。",
    "too_large": "写真「{name}」はファイルが大きすぎるため、位置情報を確認できませんでした。",
    "too_many_pixels": "写真「{name}」は画像が大きすぎるため、安全のため位置情報を確認していません。",
    "heic": (
        "写真「{name}」は HEIC 形式のため、位置情報を確認できませんでした。"
        "JPEG 形式に変換して添付していただくと確認できます。"
    ),
    "unreadable": "写真「{name}」は画像として読み取れなかったため、位置情報を確認できませんでした。",
    "empty": "ファイル「{name}」は空（0 バイト）のため、確認できませんでした。",
    "not_image": "ファイル「{name}」は画像ではないため、写真の確認の対象外です。内容は承認者が確認してください。",
    "too_many": "添付ファイルが多いため、「{name}」は確認していません。",
    "untrusted_url": "ファイル「{name}」は Slack 以外の場所にあるため、確認していません。",
}


class PhotoConsent(enum.StrEnum):
    """What the author declared about people in the photos (the modal's radio buttons)."""

    NO_PEOPLE = "no_people"  # 写っていない
    CONSENTED = "consented"  # 写っているが本人の同意を得ている
    UNCONFIRMED = "unconfirmed"  # 写っているが同意は未確認

    @property
    def label(self) -> str:
        return CONSENT_LABELS[self]


# What the author can declare after the fact, in the draft's thread (the buttons on the reply): either
# answers the consent finding. "Unconfirmed" is no answer, so it has no button.
DECLARABLE = (PhotoConsent.NO_PEOPLE, PhotoConsent.CONSENTED)

CONSENT_LABELS: Mapping[PhotoConsent, str] = {
    PhotoConsent.NO_PEOPLE: "個人が特定できる人物は写っていない",
    PhotoConsent.CONSENTED: "写っているが、本人の同意を得ている",
    PhotoConsent.UNCONFIRMED: "写っているが、同意は未確認",
}

# --- Citations, from the organisation's guideline pack ------------------------------------------------

# The clause each pack has on photos: yatsushiro names 写り込み outright; joetsu asks for consent; the
# others have the general 肖像権・プライバシー権 clause.
_GPS_CLAUSES = {"yatsushiro": "(9)オ", "joetsu": "5(3)", "towada": "3(3)", "honjo": "3(3)", "tatsuno": "3(4)"}
_CONSENT_CLAUSES = {"joetsu": "5(3)", "yatsushiro": "(3)", "towada": "3(3)", "honjo": "3(3)", "tatsuno": "3(4)"}
# For the `default` policy (every guideline at once): the packs in order of how specifically they speak to
# the point, the first one quoted (yatsushiro names 写り込み; joetsu asks for the person's consent).
_GPS_ORDER = ("yatsushiro", "joetsu", *(p for p in PACKS if p not in ("yatsushiro", "joetsu")))
_CONSENT_ORDER = ("joetsu", "yatsushiro", *(p for p in PACKS if p not in ("yatsushiro", "joetsu")))


def _citation(policy: str, clauses: Mapping[str, str], order: Sequence[str]) -> str:
    if policy in clauses:
        pack = load_policy(policy)
        return render_clause(policy, clauses[policy], pack.clauses[clauses[policy]])
    # `default`: like the engine's union policy, cite every pack and quote the one that sets the bar.
    lead = order[0]
    quote = load_policy(lead).clauses[clauses[lead]]
    return f"{' / '.join(f'{p} {clauses[p]}' for p in order)}（{lead}:「{quote}」）"


def gps_citation(policy: str) -> str:
    return _citation(policy, _GPS_CLAUSES, _GPS_ORDER)


def consent_citation(policy: str) -> str:
    return _citation(policy, _CONSENT_CLAUSES, _CONSENT_ORDER)


# --- Reading one photo ----------------------------------------------------------------------------------


class Outcome(enum.StrEnum):
    CHECKED = "checked"
    SKIPPED = "skipped"  # not examined: see ``reason``


@dataclass(frozen=True, slots=True)
class PhotoMetadata:
    """What Pillow told us about an image: all we keep of it."""

    format: str | None
    width: int
    height: int
    has_gps: bool


@dataclass(frozen=True, slots=True)
class PhotoCheck:
    """The result for one attached file. No content, no coordinates: only derived facts."""

    file_id: str
    name: str
    outcome: Outcome
    reason: str | None = None  # a key of UNCHECKED_REASONS when skipped
    metadata: PhotoMetadata | None = None

    @property
    def has_gps(self) -> bool:
        return self.metadata is not None and self.metadata.has_gps

    @property
    def is_image(self) -> bool:
        return self.reason != "not_image"


class UnreadablePhoto(Exception):
    """The bytes are not an image Pillow can examine; ``reason`` says why (a key of UNCHECKED_REASONS)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


_GPS_IFD = ExifTags.IFD.GPSInfo  # 0x8825
_GPS_POSITION_TAGS = (ExifTags.GPS.GPSLatitude, ExifTags.GPS.GPSLongitude)
# XMP (Adobe's metadata, also written by some phones and editors) can carry the position too.
_XMP_GPS_MARKERS = (b"GPSLatitude", b"GPSLongitude")
# ISO base media "ftyp" brands of HEIF/HEIC files, which Pillow cannot open without a plugin.
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif")


def _looks_like_heif(data: bytes) -> bool:
    return data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS


def _nonzero(value: Any) -> bool:
    """A GPS rational (or a tuple of them) that is not all zeros: phones without a fix write 0/0."""
    if isinstance(value, tuple | list):
        return any(_nonzero(v) for v in value)
    try:
        return float(value) != 0.0
    except (TypeError, ValueError, ZeroDivisionError):
        return bool(value)


def _exif_has_gps(image: Image.Image) -> bool:
    if image.format == "PNG" and "exif" not in image.info and image.width * image.height > PNG_LOAD_PIXEL_CAP:
        # Pillow finds a PNG's eXIf chunk after the image data only by decoding the pixels; for a huge
        # PNG that costs hundreds of megabytes, so such a late chunk goes unread (rare: writers put it first).
        return False
    gps = image.getexif().get_ifd(_GPS_IFD)
    return all(tag in gps for tag in _GPS_POSITION_TAGS) and any(_nonzero(gps[t]) for t in _GPS_POSITION_TAGS)


def _xmp_has_gps(image: Image.Image) -> bool:
    for key in ("xmp", "XML:com.adobe.xmp"):
        packet = image.info.get(key)
        if isinstance(packet, str):
            packet = packet.encode("utf-8", "replace")
        if isinstance(packet, bytes) and all(marker in packet for marker in _XMP_GPS_MARKERS):
            return True
    return False


def read_metadata(data: bytes) -> PhotoMetadata:
    """Examine an image's header and metadata (no pixel is decoded). Raises ``UnreadablePhoto``."""
    if not data:
        raise UnreadablePhoto("empty")
    if _looks_like_heif(data):
        raise UnreadablePhoto("heic")
    try:
        with Image.open(io.BytesIO(data), formats=PHOTO_FORMATS) as image:
            width, height = image.size
            has_gps = _exif_has_gps(image) or _xmp_has_gps(image)
            return PhotoMetadata(format=image.format, width=width, height=height, has_gps=has_gps)
    except Image.DecompressionBombError:
        raise UnreadablePhoto("too_many_pixels") from None
    except UnidentifiedImageError:
        raise UnreadablePhoto("unreadable") from None
    except Exception as exc:
        # Pillow's format plugins parse untrusted bytes and a damaged file can fail in any of them with
        # any exception (struct.error, SyntaxError, EOFError, ValueError...): all mean "cannot read it".
        log.info("photo metadata unreadable: %s", type(exc).__name__)
        raise UnreadablePhoto("unreadable") from None


# --- Downloading ------------------------------------------------------------------------------------------


class _DownloadError(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), (parts.netloc or "").lower()


def trusted_file_url(url: str, api_base_url: str) -> bool:
    """Only Slack's own file hosts (or the host the Web API client is pointed at: a proxy, the test fake)
    ever receive the bot token."""
    scheme, netloc = _origin(url)
    host = netloc.rsplit("@", 1)[-1].split(":", 1)[0]
    if scheme == "https" and (host == "slack.com" or host.endswith(".slack.com")):
        return True
    return (scheme, netloc) == _origin(api_base_url)


def download(url: str, *, token: str, deadline: float, max_bytes: int | None = None) -> bytes:
    """GET a private Slack file with the bot token, within ``deadline`` (time.monotonic) and ``max_bytes``
    (default ``MAX_DOWNLOAD_BYTES``)."""
    max_bytes = MAX_DOWNLOAD_BYTES if max_bytes is None else max_bytes
    request = urllib.request.Request(url, method="GET")
    # Unredirected: if Slack redirects elsewhere, the token does not travel along.
    request.add_unredirected_header("Authorization", f"Bearer {token}")
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _DownloadError("timeout")
    try:
        with urllib.request.urlopen(request, timeout=min(DOWNLOAD_TIMEOUT_SECONDS, remaining)) as response:
            content_type = (response.headers.get("Content-Type") or "").lower()
            if content_type.startswith("text/html"):
                # Slack answers a request it does not accept with its sign-in page, not an error status.
                raise _DownloadError("download_failed")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise _DownloadError("too_large")
            buffer = bytearray()
            while True:
                if time.monotonic() > deadline:
                    raise _DownloadError("timeout")
                chunk = response.read(_CHUNK)
                if not chunk:
                    return bytes(buffer)
                buffer += chunk
                if len(buffer) > max_bytes:
                    raise _DownloadError("too_large")
    except _DownloadError:
        raise
    except TimeoutError:
        raise _DownloadError("timeout") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        # HTTP errors, refused connections, resets, a malformed URL: the photo just cannot be checked.
        log.info("photo download failed: %s", type(exc).__name__)
        raise _DownloadError("download_failed") from None


# --- Checking a draft's files ------------------------------------------------------------------------------


def _name(file: Mapping[str, Any]) -> str:
    return str(file.get("name") or file.get("title") or file.get("id") or "")


def _is_heif_type(file: Mapping[str, Any]) -> bool:
    mimetype = str(file.get("mimetype") or "").lower()
    filetype = str(file.get("filetype") or "").lower()
    return mimetype in ("image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence") or filetype in (
        "heic",
        "heif",
    )


def _is_image_type(file: Mapping[str, Any]) -> bool:
    mimetype = str(file.get("mimetype") or "").lower()
    # Slack reports unknown uploads as application/octet-stream: look at the bytes rather than guess.
    return mimetype.startswith("image/") or mimetype in ("", "application/octet-stream")


def _resolve(runtime: Runtime, file: Mapping[str, Any]) -> Mapping[str, Any]:
    """A file object with its download URL: Slack leaves it out of some payloads (``file_access``)."""
    if file.get("url_private_download") or file.get("url_private"):
        return file
    try:
        info = runtime.client.files_info(file=str(file["id"]))
    except (SlackApiError, OSError, ValueError) as exc:
        # An API error, a dropped connection, a timeout: treated like a failed download.
        log.info("files.info failed for %s: %s", file.get("id"), type(exc).__name__)
        return file
    return {**file, **(info.get("file") or {})}


def _check_one(runtime: Runtime, file: Mapping[str, Any], *, deadline: float) -> PhotoCheck:
    file_id, name = str(file.get("id") or ""), _name(file)

    def skipped(reason: str) -> PhotoCheck:
        log.info("photo %s not checked: %s", file_id, reason)
        return PhotoCheck(file_id=file_id, name=name, outcome=Outcome.SKIPPED, reason=reason)

    if _is_heif_type(file):
        return skipped("heic")
    if not _is_image_type(file):
        return skipped("not_image")
    if file.get("size") == 0:
        return skipped("empty")
    size = file.get("size")
    if isinstance(size, int) and size > MAX_DOWNLOAD_BYTES:
        return skipped("too_large")
    file = _resolve(runtime, file)
    url = str(file.get("url_private_download") or file.get("url_private") or "")
    if not url:
        return skipped("download_failed")
    if not trusted_file_url(url, runtime.client.base_url):
        return skipped("untrusted_url")
    try:
        # The content lives only for this expression: read, examined, dropped.
        metadata = read_metadata(download(url, token=str(runtime.client.token or ""), deadline=deadline))
    except (_DownloadError, UnreadablePhoto) as exc:
        return skipped(exc.reason)
    log.info(
        "photo %s checked: format=%s %dx%d gps=%s",
        file_id,
        metadata.format,
        metadata.width,
        metadata.height,
        metadata.has_gps,
    )
    return PhotoCheck(file_id=file_id, name=name, outcome=Outcome.CHECKED, metadata=metadata)


@dataclass(frozen=True, slots=True)
class PhotoReport:
    checks: tuple[PhotoCheck, ...]
    findings: tuple[Finding, ...]


def _finding(rule: str, severity: Severity, *, excerpt: str, message: str, fix: str | None, citation: str) -> Finding:
    # A photo has no place in the text: the span is empty at 0 and the excerpt names the file.
    return Finding(
        rule=rule,
        category=Category.PERSONAL_INFO,
        severity=severity,
        start=0,
        end=0,
        excerpt=excerpt,
        message=message,
        fix=fix,
        citation=citation,
    )


def findings_for(checks: Sequence[PhotoCheck], consent: PhotoConsent | None, *, policy: str) -> list[Finding]:
    """The findings for examined photos and the author's consent declaration (pure; see ``check_photos``).

    ``consent`` None: the author was not asked (a draft posted in the channel with files).
    """
    findings: list[Finding] = []
    for check in checks:
        if check.has_gps:
            findings.append(
                _finding(
                    GPS_RULE,
                    Severity.WARN,
                    excerpt=check.name,
                    message=MSG_GPS.format(name=check.name),
                    fix=FIX_GPS,
                    citation=gps_citation(policy),
                )
            )
    photos = [c for c in checks if c.is_image]
    if photos and consent in (PhotoConsent.UNCONFIRMED, None):
        unconfirmed = consent == PhotoConsent.UNCONFIRMED
        findings.append(
            _finding(
                CONSENT_RULE,
                Severity.WARN,
                excerpt="、".join(c.name for c in photos),
                message=(MSG_CONSENT_UNCONFIRMED if unconfirmed else MSG_CONSENT_UNDECLARED).format(count=len(photos)),
                fix=FIX_CONSENT_UNCONFIRMED if unconfirmed else FIX_CONSENT_UNDECLARED,
                citation=consent_citation(policy),
            )
        )
    for check in checks:
        if check.outcome == Outcome.SKIPPED and check.reason is not None:
            findings.append(
                _finding(
                    UNCHECKED_RULE,
                    Severity.INFO,
                    excerpt=check.name,
                    message=UNCHECKED_REASONS[check.reason].format(name=check.name),
                    fix=FIX_UNCHECKED if check.is_image else None,
                    citation=gps_citation(policy),
                )
            )
    return findings


def check_photos(
    runtime: Runtime,
    files: Iterable[Mapping[str, Any]],
    consent: PhotoConsent | None,
    *,
    budget_seconds: float = TOTAL_BUDGET_SECONDS,
) -> PhotoReport:
    """Download and examine each file (within one time budget), then judge them. Never raises for a file."""
    files = [f for f in files if isinstance(f, Mapping) and f.get("id")]
    deadline = time.monotonic() + budget_seconds
    checks = [_check_one(runtime, f, deadline=deadline) for f in files[:MAX_PHOTOS]]
    checks += [
        PhotoCheck(file_id=str(f["id"]), name=_name(f), outcome=Outcome.SKIPPED, reason="too_many")
        for f in files[MAX_PHOTOS:]
    ]
    findings = findings_for(checks, consent, policy=runtime.config.policy)
    return PhotoReport(checks=tuple(checks), findings=tuple(findings))


def photo_findings(
    runtime: Runtime, files: Iterable[Mapping[str, Any]], consent: PhotoConsent | None = None
) -> list[Finding]:
    """The findings to add to a draft's screening for its attached files (see the module doc)."""
    return list(check_photos(runtime, files, consent).findings)


# --- Merging into the screening -----------------------------------------------------------------------------


def with_photo_findings(report: Report, findings: Sequence[Finding]) -> Report:
    """The engine's report plus the photo findings, with the verdict recomputed (a GPS warning makes a
    `pass` a `warn`; info notes change nothing)."""
    if not findings:
        return report
    merged = (*report.findings, *findings)
    return Report(verdict=verdict_of(merged), findings=merged)


def stored_photo_findings(findings: Iterable[Finding]) -> list[Finding]:
    """The photo findings among a draft's recorded ones: they still hold while its photos are the same
    (an edit of the text alone keeps them, and with them the author's declaration)."""
    return [f for f in findings if f.rule in PHOTO_RULES]


def consent_pending(findings: Iterable[Finding]) -> bool:
    """Whether the author still has to declare (or confirm) the consent of people in the photos."""
    return any(f.rule == CONSENT_RULE for f in findings)


def screener_with_photos(
    screener: Callable[[ScreeningInput], Report], findings: Sequence[Finding]
) -> Callable[[ScreeningInput], Report]:
    """A screener for ``submission.submit``/``edit`` that adds the photo findings to every report, so they
    are stored with the draft and count for its verdict and the approver's acceptance."""
    if not findings:
        return screener
    frozen = tuple(findings)

    def screen(draft: ScreeningInput) -> Report:
        return with_photo_findings(screener(draft), frozen)

    return screen
