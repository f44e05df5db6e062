"""Photos: EXIF GPS read with Pillow, consent, and every way a file can fail to be checked politely.

Images are generated here with Pillow (JPEG, PNG and WebP with and without GPS tags); downloads go to
the fake Slack's private file route, which serves a file only to the bot token.
"""

from __future__ import annotations

import contextlib
import io
import logging
import struct
import zlib
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import ExifTags, Image

from bot import photos
from bot.photos import (
    CONSENT_RULE,
    GPS_RULE,
    UNCHECKED_RULE,
    Outcome,
    PhotoCheck,
    PhotoConsent,
    PhotoMetadata,
    UnreadablePhoto,
    check_photos,
    findings_for,
    photo_findings,
    read_metadata,
    screener_with_photos,
    trusted_file_url,
    with_photo_findings,
)
from rules import Category, Finding, Report, Severity, Verdict
from rules import Draft as ScreeningInput
from tests.slack.fake_slack import DOWNLOAD, FakeSlack

_PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")


# ---------------------------------------------------------------- images


def _image(fmt: str, *, gps: bool = False, zero_gps: bool = False, size: tuple[int, int] = (40, 30)) -> bytes:
    image = Image.new("RGB", size, "white")
    exif = Image.Exif()
    exif[ExifTags.Base.Model] = "TestPhone"
    if gps or zero_gps:
        position = (0.0, 0.0, 0.0) if zero_gps else None
        exif.get_ifd(ExifTags.IFD.GPSInfo).update(
            {
                ExifTags.GPS.GPSLatitudeRef: "N",
                ExifTags.GPS.GPSLatitude: position or (37.0, 8.0, 53.0),
                ExifTags.GPS.GPSLongitudeRef: "E",
                ExifTags.GPS.GPSLongitude: position or (138.0, 14.0, 10.0),
            }
        )
    out = io.BytesIO()
    image.save(out, fmt, exif=exif)
    return out.getvalue()


def _png_header(width: int, height: int) -> bytes:
    """A PNG that declares huge dimensions and carries no pixels (the decompression-bomb shape)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")


def _xmp_jpeg() -> bytes:
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="37,8.88N" '
        b'exif:GPSLongitude="138,14.16E"/></rdf:RDF></x:xmpmeta>'
    )
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "JPEG", xmp=xmp)
    return out.getvalue()


HEIC_BYTES = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64


# ---------------------------------------------------------------- reading metadata


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_gps_coordinates_are_found_in_exif(fmt):
    assert read_metadata(_image(fmt, gps=True)) == PhotoMetadata(format=fmt, width=40, height=30, has_gps=True)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_a_photo_without_gps_or_with_an_empty_fix_has_none(fmt):
    assert read_metadata(_image(fmt)).has_gps is False
    assert read_metadata(_image(fmt, zero_gps=True)).has_gps is False  # phones write 0/0 without a fix


def test_gps_in_xmp_counts_too():
    assert read_metadata(_xmp_jpeg()).has_gps is True


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"not an image at all", "unreadable"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00garbage", "unreadable"),
        (_image("JPEG", gps=True)[:120], "unreadable"),  # cut off inside the EXIF segment
        (HEIC_BYTES, "heic"),
        (_png_header(100_000, 100_000), "too_many_pixels"),  # 10^10 pixels: Pillow refuses to open it
        (b"%PDF-1.7\n" + b"0" * 100, "unreadable"),
    ],
)
def test_what_cannot_be_read_is_refused_with_a_reason_never_a_crash(data, reason):
    with pytest.raises(UnreadablePhoto) as caught:
        read_metadata(data)
    assert caught.value.reason == reason


def test_a_large_image_header_is_examined_without_decoding_its_pixels():
    # 100 megapixels (above Pillow's warning limit, below its refusal): only the header is parsed.
    with pytest.warns(Image.DecompressionBombWarning):
        assert read_metadata(_png_header(10_000, 10_000)) == PhotoMetadata(
            format="PNG", width=10_000, height=10_000, has_gps=False
        )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_never_crash(data):
    with contextlib.suppress(UnreadablePhoto):
        read_metadata(data)


_JPEG_WITH_GPS = _image("JPEG", gps=True)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(_JPEG_WITH_GPS) - 1), st.integers(0, 255), st.integers(1, len(_JPEG_WITH_GPS)))
def test_damaged_photos_never_crash(position, value, cut):
    damaged = bytearray(_JPEG_WITH_GPS[:cut])
    if position < len(damaged):
        damaged[position] = value
    with contextlib.suppress(UnreadablePhoto):
        read_metadata(bytes(damaged))


# ---------------------------------------------------------------- judging


def _checked(name: str, *, gps: bool) -> PhotoCheck:
    return PhotoCheck(
        file_id=f"F{name}", name=name, outcome=Outcome.CHECKED, metadata=PhotoMetadata("JPEG", 4, 3, has_gps=gps)
    )


def _rules(findings: list[Finding]) -> list[tuple[str, Severity]]:
    return [(f.rule, f.severity) for f in findings]


def test_a_photo_with_gps_warns_as_personal_information_citing_the_guideline():
    [finding] = findings_for([_checked("a.jpg", gps=True)], PhotoConsent.NO_PEOPLE, policy="yatsushiro")

    assert (finding.rule, finding.category, finding.severity) == (GPS_RULE, Category.PERSONAL_INFO, Severity.WARN)
    assert finding.excerpt == "a.jpg" and (finding.start, finding.end) == (0, 0)
    assert "位置情報" in finding.message and finding.fix
    assert finding.citation.startswith("yatsushiro (9)オ「アップロードした写真への個人情報に繋がるような写り込み」")


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("joetsu", "joetsu 5(3)「個人が特定できる写真や映像"),
        ("towada", "towada 3(3)「基本的人権、肖像権"),
        ("default", "yatsushiro (9)オ / joetsu 5(3) / towada 3(3) / honjo 3(3) / tatsuno 3(4)（yatsushiro:"),
    ],
)
def test_the_citation_follows_the_organisations_policy(policy, expected):
    [finding] = findings_for([_checked("a.jpg", gps=True)], PhotoConsent.NO_PEOPLE, policy=policy)
    assert finding.citation.startswith(expected)


def test_consent_not_confirmed_or_not_declared_warns_once_per_draft():
    checks = [_checked("a.jpg", gps=False), _checked("b.jpg", gps=False)]

    unconfirmed = findings_for(checks, PhotoConsent.UNCONFIRMED, policy="joetsu")
    undeclared = findings_for(checks, None, policy="joetsu")

    assert _rules(unconfirmed) == [(CONSENT_RULE, Severity.WARN)]
    assert "同意は未確認" in unconfirmed[0].message and "2 枚" in unconfirmed[0].message
    assert unconfirmed[0].citation.startswith("joetsu 5(3)")
    assert _rules(undeclared) == [(CONSENT_RULE, Severity.WARN)] and "申告がありません" in undeclared[0].message
    assert findings_for(checks, PhotoConsent.NO_PEOPLE, policy="joetsu") == []
    assert findings_for(checks, PhotoConsent.CONSENTED, policy="joetsu") == []


def test_a_file_that_was_not_checked_gets_an_info_note_only():
    checks = [
        PhotoCheck(file_id="F1", name="IMG_0001.HEIC", outcome=Outcome.SKIPPED, reason="heic"),
        PhotoCheck(file_id="F2", name="要綱.pdf", outcome=Outcome.SKIPPED, reason="not_image"),
    ]

    findings = findings_for(checks, PhotoConsent.NO_PEOPLE, policy="joetsu")

    assert _rules(findings) == [(UNCHECKED_RULE, Severity.INFO), (UNCHECKED_RULE, Severity.INFO)]
    assert "HEIC 形式" in findings[0].message and "JPEG" in findings[0].message
    assert "画像ではない" in findings[1].message
    # A PDF alone raises no question of people in photos.
    assert findings_for(checks[1:], None, policy="joetsu")[0].rule == UNCHECKED_RULE


def test_merging_recomputes_the_verdict():
    engine_report = Report(verdict=Verdict.PASS, findings=())
    gps = findings_for([_checked("a.jpg", gps=True)], PhotoConsent.NO_PEOPLE, policy="joetsu")
    note = findings_for(
        [PhotoCheck(file_id="F", name="x.heic", outcome=Outcome.SKIPPED, reason="heic")], None, policy="joetsu"
    )

    assert with_photo_findings(engine_report, gps).verdict == Verdict.WARN
    assert with_photo_findings(engine_report, [f for f in note if f.severity == Severity.INFO]).verdict == Verdict.PASS
    assert with_photo_findings(engine_report, []) is engine_report
    blocked = Report(
        verdict=Verdict.BLOCK,
        findings=(Finding("SEC001", Category.SECURITY, Severity.BLOCK, 0, 1, "x", "m", None, "c"),),
    )
    assert with_photo_findings(blocked, gps).verdict == Verdict.BLOCK


def test_a_wrapped_screener_adds_the_findings_to_every_report():
    seen: list[ScreeningInput] = []

    def engine(draft: ScreeningInput) -> Report:
        seen.append(draft)
        return Report(verdict=Verdict.PASS)

    gps = findings_for([_checked("a.jpg", gps=True)], PhotoConsent.NO_PEOPLE, policy="joetsu")
    report = screener_with_photos(engine, gps)(ScreeningInput(text="本文"))

    assert report.verdict == Verdict.WARN and report.findings == tuple(gps) and seen[0].text == "本文"
    assert screener_with_photos(engine, []) is engine


# ---------------------------------------------------------------- downloading from Slack


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        yield server


@pytest.fixture
def runtime(fake: FakeSlack, monkeypatch: pytest.MonkeyPatch) -> Any:
    for name in _PROXY_VARIABLES:  # urllib would send 127.0.0.1 through a configured proxy
        monkeypatch.delenv(name, raising=False)
    return SimpleNamespace(client=fake.client(), config=SimpleNamespace(policy="joetsu"))


def test_photos_are_downloaded_with_the_bot_token_and_judged(fake, runtime):
    files = [
        fake.add_file("F1", name="gps.jpg", content=_image("JPEG", gps=True)),
        fake.add_file("F2", name="plain.png", content=_image("PNG")),
    ]

    report = check_photos(runtime, files, PhotoConsent.CONSENTED)

    assert [(c.file_id, c.outcome, c.has_gps) for c in report.checks] == [
        ("F1", Outcome.CHECKED, True),
        ("F2", Outcome.CHECKED, False),
    ]
    assert _rules(list(report.findings)) == [(GPS_RULE, Severity.WARN)]
    assert [c.token for c in fake.calls(DOWNLOAD)] == [fake.bot_token, fake.bot_token]
    assert all("/download/" in c.path for c in fake.calls(DOWNLOAD))


def test_a_file_object_without_its_url_is_completed_with_files_info(fake, runtime):
    full = fake.add_file("F1", name="gps.jpg", content=_image("JPEG", gps=True))
    partial = {k: v for k, v in full.items() if not k.startswith("url_")}

    assert _rules(photo_findings(runtime, [partial], PhotoConsent.NO_PEOPLE)) == [(GPS_RULE, Severity.WARN)]
    assert fake.last("files.info").args["file"] == "F1"


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        ("missing", "download_failed"),  # 404
        ("dropped", "download_failed"),  # the connection closes without an answer
        ("server_error", "download_failed"),
        ("wrong_token", "download_failed"),  # Slack's sign-in page (HTML, status 200 after a redirect)
    ],
)
def test_a_failed_download_is_a_polite_note_not_a_failure(fake, runtime, setup, reason):
    photo = fake.add_file("F1", name="photo.jpg", content=_image("JPEG", gps=True))
    if setup == "missing":
        photo = {**photo, "id": "F404", "url_private_download": photo["url_private_download"].replace("F1", "F404")}
    elif setup == "dropped":
        fake.drop_next(DOWNLOAD)
    elif setup == "server_error":
        fake.fail_next(DOWNLOAD, status=500)
    elif setup == "wrong_token":
        runtime.client.token = "xoxb-not-the-bot"

    [check] = check_photos(runtime, [photo], PhotoConsent.NO_PEOPLE).checks

    assert (check.outcome, check.reason) == (Outcome.SKIPPED, reason)
    [note] = findings_for([check], PhotoConsent.NO_PEOPLE, policy="joetsu")
    assert note.severity == Severity.INFO and "ダウンロードできなかった" in note.message


def test_a_slow_download_runs_out_of_the_time_budget(fake, runtime):
    fake.delay_next(DOWNLOAD, 2.0)
    photo = fake.add_file("F1", name="slow.jpg", content=_image("JPEG"))

    [check] = check_photos(runtime, [photo], None, budget_seconds=0.5).checks

    assert check.reason in ("timeout", "download_failed")


def test_files_that_need_no_download_are_not_downloaded(fake, runtime):
    files = [
        fake.add_file("F1", name="IMG_0001.HEIC", content=HEIC_BYTES, mimetype="image/heic"),
        fake.add_file("F2", name="要綱.pdf", content=b"%PDF-1.7", mimetype="application/pdf"),
        fake.add_file("F3", name="empty.jpg", content=b"", mimetype="image/jpeg"),
        {**fake.add_file("F4", name="huge.jpg", content=b"\xff\xd8"), "size": photos.MAX_DOWNLOAD_BYTES + 1},
    ]

    checks = check_photos(runtime, files, None).checks

    assert [c.reason for c in checks] == ["heic", "not_image", "empty", "too_large"]
    assert fake.calls(DOWNLOAD) == []


def test_heic_recognised_only_by_its_bytes_and_a_download_over_the_cap(fake, runtime, monkeypatch):
    disguised = fake.add_file("F1", name="photo", content=HEIC_BYTES, mimetype="application/octet-stream")
    big = fake.add_file("F2", name="big.jpg", content=_image("JPEG", size=(400, 300)))
    monkeypatch.setattr(photos, "MAX_DOWNLOAD_BYTES", 1000)

    checks = check_photos(runtime, [disguised, {**big, "size": None}], None).checks

    assert [c.reason for c in checks] == ["heic", "too_large"]


def test_the_token_goes_only_to_slack_or_the_configured_api_host(fake, runtime):
    stranger = {
        "id": "F9",
        "name": "x.jpg",
        "mimetype": "image/jpeg",
        "size": 10,
        "url_private_download": "https://attacker.example/files/x.jpg",
    }

    [check] = check_photos(runtime, [stranger], PhotoConsent.NO_PEOPLE).checks

    assert check.reason == "untrusted_url" and fake.calls(DOWNLOAD) == []
    api = "https://slack.com/api/"
    assert trusted_file_url("https://files.slack.com/files-pri/T1-F1/download/a.jpg", api)
    assert not trusted_file_url("http://files.slack.com/files-pri/T1-F1/a.jpg", api)  # never over plain HTTP
    assert not trusted_file_url("https://files.slack.com.evil.example/a.jpg", api)
    assert not trusted_file_url("https://evil.example/?files.slack.com", api)
    assert trusted_file_url(f"{fake.root_url}/files/F1/a.jpg", fake.base_url)


def test_more_files_than_the_limit_are_noted(fake, runtime, monkeypatch):
    monkeypatch.setattr(photos, "MAX_PHOTOS", 2)
    files = [fake.add_file(f"F{i}", name=f"{i}.jpg", content=_image("JPEG")) for i in range(3)]

    checks = check_photos(runtime, files, PhotoConsent.NO_PEOPLE).checks

    assert [c.reason for c in checks] == [None, None, "too_many"]
    assert len(fake.calls(DOWNLOAD)) == 2


def test_logs_name_files_by_id_never_content_token_or_coordinates(fake, runtime, caplog):
    caplog.set_level(logging.DEBUG, logger="bot.photos")
    files = [
        fake.add_file("F1", name="自宅前.jpg", content=_image("JPEG", gps=True)),
        fake.add_file("F2", name="broken.jpg", content=b"\xff\xd8broken"),
    ]

    check_photos(runtime, files, PhotoConsent.UNCONFIRMED)

    assert "F1" in caplog.text and "F2" in caplog.text
    for secret in (fake.bot_token, "138", "37.0", "自宅前", "broken"):
        assert secret not in caplog.text
