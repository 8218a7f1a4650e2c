"""`kg fetch` against a local HTTP server: download, checksum, skip, resume, and per-file errors."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.fetch import Fetcher, FetchItem, fetch_reports, plan, rewrite_url, select_reports
from kg.reference import AuthorityIndex, PublishedReport, load_reports

NOT_FOUND_PAGE = (b"<!DOCTYPE html>\n<html lang=\"en\"><head><title>Report not found</title></head>"
                  b"<body><p>Sorry, we could not find that report.</p></body></html>\n")


def tiny_pdf(width: int, pages: int = 1) -> bytes:
    doc = pdfium.PdfDocument.new()
    for _ in range(pages):
        doc.new_page(width, 200)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


@dataclass
class Site:
    """What the test server serves: path -> (status, content type, body); and what it saw."""

    files: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)
    ranges: bool = True
    #: paths whose first response is cut off 1,000 bytes before its end (the connection drops)
    drop_once: set[str] = field(default_factory=set)
    seen: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    base: str = ""


@pytest.fixture
def site() -> Iterator[Site]:
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.seen.append((self.path, self.headers.get("Range"), self.headers.get("User-Agent")))
            if self.path not in state.files:
                self.send_error(404, "Not Found")
                return
            status, ctype, body = state.files[self.path]
            if status >= 400:
                self.send_error(status)
                return
            start = 0
            m = re.fullmatch(r"bytes=(\d+)-", self.headers.get("Range") or "")
            if m and state.ranges:
                start = int(m.group(1))
                if start >= len(body):
                    self.send_response(416)
                    self.send_header("Content-Range", f"bytes */{len(body)}")
                    self.end_headers()
                    return
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
            else:
                self.send_response(200)
            payload = body[start:]
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(payload)))
            if state.ranges:
                self.send_header("Accept-Ranges", "bytes")
            self.end_headers()
            if self.path in state.drop_once:
                state.drop_once.discard(self.path)
                self.wfile.write(payload[: len(payload) - 1000])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


PDF_A = tiny_pdf(100, pages=3)
PDF_B = tiny_pdf(150, pages=2)
PDF_C = tiny_pdf(180, pages=600)  # > one 64 KiB read, so a dropped transfer leaves a partial file

#: (authority, urn, Ofsted's name, date, path on the server, what the server does)
ROWS = [
    ("E09000015", "Harrow", "80499", "harrow", "2019-01-07", "/v1/file/101", (200, "application/pdf", PDF_A)),
    ("E09000003", "Barnet", "80487", "barnet", "2020-03-02", "/v1/file/102", (200, "application/pdf", PDF_B)),
    ("E09000005", "Brent", "80489", "brent", "2021-05-06", "/v1/file/103", (200, "application/pdf", NOT_FOUND_PAGE)),
    ("E09000006", "Bromley", "80490", "bromley", "2022-07-08", "/v1/file/104", (500, "text/plain", b"")),
    ("E09000007", "Camden", "80491", "camden", "2023-09-10", "/v1/file/105", (200, "application/pdf", PDF_C)),
]


def manifest_rows() -> list[PublishedReport]:
    empty = {f: "" for f in PublishedReport.__dataclass_fields__}
    return [PublishedReport(**(empty | {"gss_code": g, "authority": a, "urn": u, "ofsted_name": o,
                                        "publication_date": d, "url": "https://files.ofsted.gov.uk" + p}))
            for g, a, u, o, d, p, _ in ROWS]


def write_manifest(path: Path) -> Path:
    fields = list(PublishedReport.__dataclass_fields__)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        for r in manifest_rows():
            w.writerow({k: getattr(r, k) for k in fields})
    return path


def serve_all(site: Site) -> None:
    for *_, p, what in ROWS:
        site.files[p] = what


def by_name(results: list, name: str):
    return next(r for r in results if r.item.label.startswith(name))


def test_rewrite_url_and_layout(tmp_path: Path) -> None:
    assert rewrite_url("https://files.ofsted.gov.uk/v1/file/1", "http://127.0.0.1:9/mirror/") == \
        "http://127.0.0.1:9/mirror/v1/file/1"
    items = plan(manifest_rows(), tmp_path)
    assert items[0].path == tmp_path / "80499_harrow" / "2019-01-07.pdf"
    assert items[0].url == "https://files.ofsted.gov.uk/v1/file/101"


def test_select_reports_by_authority_and_date() -> None:
    index = AuthorityIndex()
    rows = manifest_rows()
    assert [r.authority for r in select_reports(rows, authorities=[index.resolve("Harrow Council")])] == ["Harrow"]
    from datetime import date

    assert [r.authority for r in select_reports(rows, since=date(2021, 1, 1))] == ["Brent", "Bromley", "Camden"]
    real = select_reports(load_reports(), authorities=[index.resolve("Harrow")])
    assert real and all(r.gss_code == "E09000015" for r in real)


def test_download_checksum_skip_and_errors(site: Site, tmp_path: Path) -> None:
    serve_all(site)
    dest = tmp_path / "reports"
    results = fetch_reports(manifest_rows(), dest, base_url=site.base, rate=0, retries=1, backoff=0)
    status = {r.item.label.split()[0]: r.status for r in results}
    assert status == {"Harrow": "downloaded", "Barnet": "downloaded", "Brent": "failed",
                      "Bromley": "failed", "Camden": "downloaded"}

    harrow = dest / "80499_harrow" / "2019-01-07.pdf"
    assert harrow.read_bytes() == PDF_A
    digest = hashlib.sha256(PDF_A).hexdigest()
    assert (dest / "80499_harrow" / "2019-01-07.pdf.sha256").read_text() == f"{digest}  2019-01-07.pdf\n"
    assert by_name(results, "Harrow").sha256 == digest
    assert not list(dest.rglob("*.part"))

    brent = by_name(results, "Brent")
    assert "HTML page" in brent.reason and "'Report not found'" in brent.reason
    assert not (dest / "80489_brent").exists() or not any((dest / "80489_brent").iterdir())
    bromley = by_name(results, "Bromley")
    assert "HTTP 500" in bromley.reason and "2 tries" in bromley.reason
    assert sum(1 for p, _, _ in site.seen if p == "/v1/file/104") == 2  # retried once
    assert all(ua and ua.startswith("safeguarding-kg/") for _, _, ua in site.seen)

    # A second run downloads nothing that is complete: no request for the three good files.
    site.seen.clear()
    again = fetch_reports(manifest_rows(), dest, base_url=site.base, rate=0, retries=0, backoff=0)
    assert [r.status for r in again] == ["skipped", "skipped", "failed", "failed", "skipped"]
    assert {p for p, _, _ in site.seen} == {"/v1/file/103", "/v1/file/104"}

    # A corrupted file (checksum no longer matches) is downloaded again.
    harrow.write_bytes(PDF_A[:-10] + b"0123456789")
    site.seen.clear()
    (redo,) = fetch_reports(manifest_rows()[:1], dest, base_url=site.base, rate=0)
    assert redo.status == "downloaded" and harrow.read_bytes() == PDF_A


def test_resume_a_truncated_part_with_range(site: Site, tmp_path: Path) -> None:
    serve_all(site)
    item = plan(manifest_rows()[:1], tmp_path, base_url=site.base)[0]
    item.path.parent.mkdir(parents=True)
    cut = len(PDF_A) // 3
    (item.path.parent / "2019-01-07.pdf.part").write_bytes(PDF_A[:cut])
    result = Fetcher(rate=0, backoff=0).fetch(item)
    assert result.status == "downloaded" and result.resumed
    assert site.seen[0][1] == f"bytes={cut}-"
    assert item.path.read_bytes() == PDF_A
    assert result.sha256 == hashlib.sha256(PDF_A).hexdigest()


def test_resume_without_range_support_starts_again(site: Site, tmp_path: Path) -> None:
    serve_all(site)
    site.ranges = False
    item = plan(manifest_rows()[:1], tmp_path, base_url=site.base)[0]
    item.path.parent.mkdir(parents=True)
    (item.path.parent / "2019-01-07.pdf.part").write_bytes(PDF_A[:50])
    result = Fetcher(rate=0, backoff=0).fetch(item)
    assert result.status == "downloaded"
    assert item.path.read_bytes() == PDF_A


def test_dropped_connection_is_resumed(site: Site, tmp_path: Path) -> None:
    serve_all(site)
    site.drop_once.add("/v1/file/105")
    item = plan(manifest_rows()[4:], tmp_path, base_url=site.base)[0]
    result = Fetcher(rate=0, backoff=0, retries=2).fetch(item)
    assert result.status == "downloaded", result.reason
    assert result.resumed
    assert item.path.read_bytes() == PDF_C
    ranges = [r for p, r, _ in site.seen if p == "/v1/file/105"]
    assert ranges[0] is None and ranges[1] and ranges[1].startswith("bytes=")


def test_polite_delay_between_requests(site: Site, tmp_path: Path) -> None:
    serve_all(site)
    waits: list[float] = []
    fetcher = Fetcher(rate=5.0, sleep=waits.append)
    items = plan(manifest_rows()[:2], tmp_path, base_url=site.base)
    results = fetcher.fetch_all(items)
    assert [r.status for r in results] == ["downloaded", "downloaded"]
    assert len(waits) == 1 and 4.0 < waits[0] <= 5.0


def test_missing_file_is_named(site: Site, tmp_path: Path) -> None:
    item = FetchItem(site.base + "/v1/file/999", tmp_path / "x" / "a.pdf", "nowhere")
    result = Fetcher(rate=0).fetch(item)
    assert result.status == "failed" and result.reason.startswith("HTTP 404")


def test_cli_fetch(site: Site, tmp_path: Path) -> None:
    serve_all(site)
    manifest = write_manifest(tmp_path / "manifest.csv")
    dest = tmp_path / "out"
    runner = CliRunner()
    args = ["fetch", "--manifest", str(manifest), "--dest", str(dest), "--rate", "0", "--retries", "0",
            "--base-url", site.base]
    res = runner.invoke(cli, [*args, "--all"])
    assert res.exit_code == 1, res.output
    errors = [line for line in res.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2
    assert any(line.startswith(f"error: {site.base}/v1/file/103: ") and "HTML" in line for line in errors)
    assert any(line.startswith(f"error: {site.base}/v1/file/104: HTTP 500") for line in errors)
    assert "3 downloaded" in res.stderr
    assert (dest / "80487_barnet" / "2020-03-02.pdf").read_bytes() == PDF_B

    res = runner.invoke(cli, [*args, "--authority", "London Borough of Harrow", "--authority", "Barnet Council"])
    assert res.exit_code == 0, res.stderr
    assert "0 downloaded, 2 already present, 0 failed" in res.stderr

    res = runner.invoke(cli, [*args, "--authority", "Camden", "--since", "2024-01-01"])
    assert res.exit_code == 0 and "nothing to fetch" in res.stderr

    assert runner.invoke(cli, args).exit_code == 2  # neither --all nor --authority
    res = runner.invoke(cli, [*args, "--authority", "Atlantis"])
    assert res.exit_code == 1 and "no authority matches" in res.stderr


def test_layout_matches_the_shared_corpus() -> None:
    # DEST/<urn>_<slug>/<publication-date>.pdf, the same relative paths as ../shared/corpus/ofsted-ilacs.
    reports = load_reports()
    items = plan(reports, Path("ofsted-ilacs"))
    assert [i.path.as_posix() for i in items] == [r.file for r in reports]
