"""Download published Ofsted reports listed in the manifest (data/reference/ofsted-reports.csv).

Why it is careful: the reports come from a public service we must not hammer, files are tens of MB,
and Ofsted answers a missing report with an HTML page under the PDF's address (two such pages sit in
the shared corpus). So: one request at a time with a polite delay, a User-Agent naming the project,
retries with backoff on server errors, downloads streamed into `<file>.part` and resumed with an HTTP
Range request, a `%PDF-` check before anything is kept, and a sha256 sidecar (`<file>.sha256`, in
`sha256sum` format) so a completed file is recognised and skipped on the next run.

Files are laid out like the shared corpus: `DEST/<urn>_<slug>/<publication-date>.pdf`.

Example:
    >>> rewrite_url("https://files.ofsted.gov.uk/v1/file/50276411", "http://127.0.0.1:8000")
    'http://127.0.0.1:8000/v1/file/50276411'
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from kg.identifiers import slugify
from kg.reference import Authority, PublishedReport

log = logging.getLogger(__name__)


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("safeguarding-kg")
    except Exception:  # not installed (a checkout on sys.path)
        return "0.1.0"


USER_AGENT = (f"safeguarding-kg/{_version()} (+https://w3id.org/safeguarding-kg; "
              "children's-safeguarding research; polite fetcher)")
PDF_MAGIC = b"%PDF-"
CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class FetchItem:
    """One file to download: where from, where to, and a short name for messages."""

    url: str
    path: Path
    label: str = ""


@dataclass(slots=True)
class FetchResult:
    item: FetchItem
    status: str  # "downloaded" | "skipped" | "failed"
    reason: str = ""
    size: int = 0
    sha256: str = ""
    resumed: bool = False

    @property
    def ok(self) -> bool:
        return self.status != "failed"


class _Retry(Exception):
    """A failure worth another try (server error, dropped connection, short body)."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


class _Fail(Exception):
    """A failure another try will not fix (404, an HTML page instead of a PDF)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def rewrite_url(url: str, base_url: str | None) -> str:
    """Point a manifest URL at a mirror or test server: scheme, host and any base path are replaced."""
    if not base_url:
        return url
    base = urlsplit(base_url.rstrip("/"))
    orig = urlsplit(url)
    return urlunsplit((base.scheme, base.netloc, base.path + orig.path, orig.query, ""))


def select_reports(
    reports: Iterable[PublishedReport],
    *,
    authorities: Sequence[Authority] | None = None,
    since: date | None = None,
) -> list[PublishedReport]:
    """The reports about the given authorities (all when None) published on or after `since`."""
    codes = {a.gss_code for a in authorities} if authorities is not None else None
    out = []
    for r in reports:
        if not r.url:
            continue
        if codes is not None and r.gss_code not in codes:
            continue
        if since is not None and (not r.publication_date or r.publication_date < since.isoformat()):
            continue
        out.append(r)
    return out


def target_path(report: PublishedReport, dest: Path) -> Path:
    """DEST/<urn>_<slug>/<publication-date>.pdf, the shared corpus layout (slug of Ofsted's own name)."""
    folder = f"{report.urn}_{slugify(report.ofsted_name or report.authority)}"
    stem = report.publication_date or slugify(report.url.rstrip("/").rsplit("/", 1)[-1])
    return Path(dest) / folder / f"{stem}.pdf"


def plan(reports: Iterable[PublishedReport], dest: Path, *, base_url: str | None = None) -> list[FetchItem]:
    items: list[FetchItem] = []
    seen: set[Path] = set()
    for r in reports:
        path = target_path(r, dest)
        if path in seen:  # two reports on one day: keep both, apart
            path = path.with_name(f"{path.stem}_{slugify(r.url.rsplit('/', 1)[-1])}.pdf")
        seen.add(path)
        items.append(FetchItem(rewrite_url(r.url, base_url), path, f"{r.authority} {r.publication_date}".strip()))
    return items


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1024 * 1024), b""):
            h.update(block)
    return h.hexdigest()


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def part_path(path: Path) -> Path:
    return path.with_name(path.name + ".part")


def _recorded_hash(path: Path) -> str | None:
    try:
        text = sidecar_path(path).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    first = text.split()[0].lower() if text else ""
    return first if re.fullmatch(r"[0-9a-f]{64}", first) else None


def is_complete(path: Path) -> bool:
    """Whether `path` is a finished download: its sidecar exists and matches its content."""
    recorded = _recorded_hash(path)
    return bool(recorded) and path.is_file() and sha256_file(path) == recorded


def _describe_non_pdf(head: bytes, content_type: str) -> str:
    text = head[:4096].decode("utf-8", "replace")
    lower = text.lower()
    if "<html" in lower or "<!doctype" in lower or "text/html" in content_type.lower():
        title = re.search(r"<title[^>]*>(.*?)</title>", text, re.S | re.I)
        name = re.sub(r"\s+", " ", title.group(1)).strip()[:60] if title else ""
        extra = f" titled {name!r}" if name else ""
        return f"the server sent an HTML page{extra}, not a PDF (report not found?)"
    return f"not a PDF (the content starts with {head[:8]!r})"


def _retry_after(resp: Any) -> float | None:
    value = resp.headers.get("Retry-After", "")
    return float(value) if value.strip().isdigit() else None


class Fetcher:
    """Downloads files one at a time, politely. `rate` is the least number of seconds between requests."""

    def __init__(
        self,
        *,
        rate: float = 1.0,
        retries: int = 3,
        backoff: float = 2.0,
        timeout: float = 60.0,
        session: Any = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        import requests

        self.rate = max(0.0, rate)
        self.retries = max(0, retries)
        self.backoff = max(0.0, backoff)
        self.timeout = timeout
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self._sleep = sleep
        self._last: float | None = None

    def _polite_wait(self) -> None:
        if self._last is not None:
            wait = self.rate - (time.monotonic() - self._last)
            if wait > 0:
                self._sleep(wait)
        self._last = time.monotonic()

    def fetch(self, item: FetchItem) -> FetchResult:
        """Download one file (or skip it when already complete); never raises for a network problem."""
        path = item.path
        if path.is_file() and _recorded_hash(path):
            digest = sha256_file(path)
            if digest == _recorded_hash(path):
                return FetchResult(item, "skipped", "already downloaded", path.stat().st_size, digest)
            log.warning("%s: checksum does not match its .sha256; downloading again", path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            return FetchResult(item, "failed", f"cannot create {path.parent} ({err.strerror or err})")
        part = part_path(path)
        resumed = False
        attempt = 0
        while True:
            try:
                resumed = self._download(item.url, part) or resumed
                break
            except _Fail as err:
                return FetchResult(item, "failed", err.reason, resumed=resumed)
            except OSError as err:
                return FetchResult(item, "failed", f"cannot write {part.name} ({err.strerror or err})")
            except _Retry as err:
                attempt += 1
                if attempt > self.retries:
                    tries = "1 try" if self.retries == 0 else f"{self.retries + 1} tries"
                    return FetchResult(item, "failed", f"{err.reason} (after {tries})", resumed=resumed)
                wait = self.backoff * 2 ** (attempt - 1)
                if err.wait is not None:
                    wait = min(max(wait, err.wait), 120.0)
                log.info("%s: %s; trying again in %.1f s", item.url, err.reason, wait)
                if wait > 0:
                    self._sleep(wait)
        digest = sha256_file(part)
        size = part.stat().st_size
        try:
            os.replace(part, path)
            tmp = sidecar_path(path).with_suffix(".sha256.tmp")
            tmp.write_text(f"{digest}  {path.name}\n", encoding="utf-8")
            os.replace(tmp, sidecar_path(path))
        except OSError as err:
            return FetchResult(item, "failed", f"cannot save {path.name} ({err.strerror or err})")
        return FetchResult(item, "downloaded", "", size, digest, resumed=resumed)

    def _download(self, url: str, part: Path) -> bool:
        """Stream `url` into `part`, resuming from its current length when the server allows ranges.

        Returns whether the download continued a partial file (an HTTP 206 answer to a Range request).
        """
        import requests

        offset = part.stat().st_size if part.is_file() else 0
        if offset:
            with part.open("rb") as f:
                if not f.read(len(PDF_MAGIC)).startswith(PDF_MAGIC[: min(offset, len(PDF_MAGIC))]):
                    offset = 0  # not the start of a PDF: a leftover from something else
        headers = {"Accept": "application/pdf,*/*;q=0.5", "Accept-Encoding": "identity"}
        if offset:
            headers["Range"] = f"bytes={offset}-"
        self._polite_wait()
        try:
            with self.session.get(url, headers=headers, stream=True, timeout=self.timeout) as resp:
                code = resp.status_code
                if code == 416 and offset:
                    part.unlink(missing_ok=True)
                    raise _Retry("the server refused to resume; starting again", wait=0.0)
                if code == 429 or code >= 500:
                    raise _Retry(f"HTTP {code} {resp.reason or ''}".strip(), wait=_retry_after(resp))
                if code >= 400:
                    raise _Fail(f"HTTP {code} {resp.reason or ''}".strip())
                expected: int | None = None
                if code == 206 and offset:
                    m = re.match(r"bytes (\d+)-(\d+)/(\d+|\*)", resp.headers.get("Content-Range", ""))
                    if not m or int(m.group(1)) != offset:
                        part.unlink(missing_ok=True)
                        raise _Retry("the server resumed at the wrong place; starting again", wait=0.0)
                    expected = int(m.group(3)) if m.group(3) != "*" else None
                    mode = "ab"
                else:
                    offset, mode = 0, "wb"
                    length = resp.headers.get("Content-Length", "")
                    expected = int(length) if length.isdigit() else None
                self._stream(resp, part, mode, check_magic=(mode == "wb"))
        except requests.Timeout as err:
            raise _Retry("timed out") from err
        except requests.ConnectionError as err:
            raise _Retry(f"connection failed ({_short(err)})") from err
        except requests.exceptions.ChunkedEncodingError as err:
            raise _Retry("the connection broke off during the download") from err
        except requests.RequestException as err:
            raise _Fail(f"request failed ({_short(err)})") from err
        size = part.stat().st_size if part.is_file() else 0
        if size < len(PDF_MAGIC):
            part.unlink(missing_ok=True)
            raise _Fail("empty response")
        if expected is not None and size != expected:
            raise _Retry(f"incomplete download ({size} of {expected} bytes)")
        with part.open("rb") as f:
            if f.read(len(PDF_MAGIC)) != PDF_MAGIC:
                part.unlink(missing_ok=True)
                raise _Fail("not a PDF")
        return mode == "ab"

    def _stream(self, resp: Any, part: Path, mode: str, *, check_magic: bool) -> None:
        import requests

        chunks = resp.iter_content(CHUNK)
        head = b""
        if check_magic:
            # Look at the first bytes before writing anything, so an HTML page never lands on disk.
            for chunk in chunks:
                head += chunk
                if len(head) >= len(PDF_MAGIC):
                    break
            if not head.startswith(PDF_MAGIC):
                if not head:
                    raise _Fail("empty response")
                try:  # a little more, to say what it was
                    for chunk in chunks:
                        head += chunk
                        if len(head) >= 4096:
                            break
                except requests.RequestException:
                    pass
                raise _Fail(_describe_non_pdf(head, resp.headers.get("Content-Type", "")))
        with part.open(mode) as f:
            if head:
                f.write(head)
            for chunk in chunks:
                if chunk:
                    f.write(chunk)

    def fetch_all(
        self,
        items: Iterable[FetchItem],
        on_result: Callable[[FetchResult], None] | None = None,
    ) -> list[FetchResult]:
        """Fetch each item in turn; `on_result` sees every result as it comes (for progress and errors)."""
        results = []
        for item in items:
            result = self.fetch(item)
            results.append(result)
            if on_result is not None:
                on_result(result)
        return results


def _short(err: Exception) -> str:
    text = str(err).splitlines()[0] if str(err) else err.__class__.__name__
    return text[:160]


def fetch_reports(
    reports: Iterable[PublishedReport],
    dest: Path,
    *,
    base_url: str | None = None,
    rate: float = 1.0,
    retries: int = 3,
    backoff: float = 2.0,
    timeout: float = 60.0,
    on_result: Callable[[FetchResult], None] | None = None,
) -> list[FetchResult]:
    """Download the given reports into `dest` (the library entry point of `kg fetch`)."""
    fetcher = Fetcher(rate=rate, retries=retries, backoff=backoff, timeout=timeout)
    return fetcher.fetch_all(plan(reports, dest, base_url=base_url), on_result)
