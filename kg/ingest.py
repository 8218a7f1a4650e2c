"""`kg ingest`: read -> extract -> write, one named graph per document, streamed through worker processes.

The parent process walks the paths, hashes each file and skips those already stored; worker processes
read and extract (pdfium and extraction are CPU bound and their memory cannot be reclaimed reliably),
and the parent writes each document's graph in one transaction. Documents are streamed through a
small window, so memory stays bounded whatever the size of the corpus.
"""

from __future__ import annotations

import errno
import logging
import os
import queue
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from kg import identifiers as ids
from kg import settings
from kg.documents import MEDIA_TYPES, Document, read_document, sha256_file
from kg.errors import InputError, KgError
from kg.graph import AccessLevel, PeopleMode, extraction_to_nquads_bytes
from kg.ntriples import _clean as _clean_text
from kg.store import RemoteStore, Store
from kg.workers import spawn_context, watch_parent

if TYPE_CHECKING:  # imported by the workers, which extract (see _process); the parent only writes
    from kg.extract.model import Extraction

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Limits:
    max_bytes: int = settings.MAX_FILE_BYTES
    max_pages: int = settings.MAX_PAGES
    max_chars: int = settings.MAX_TEXT_CHARS


@dataclass(slots=True)
class IngestReport:
    """What an ingest did: documents ingested (new or replaced), unchanged, failed, and where time went."""

    ingested: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    pages: int = 0
    words: int = 0
    quads: int = 0
    seconds: dict[str, float] = field(default_factory=lambda: {"read": 0.0, "extract": 0.0, "write": 0.0})

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass(frozen=True, slots=True)
class _Job:
    path: str
    source: str
    sha256: str
    people: str
    access: str | None
    limits: Limits
    thesaurus_files: tuple[str, ...]


@dataclass(slots=True)
class _Result:
    job: _Job
    # The graph as UTF-8 N-Quads and its line count, both made in the worker: the parent is the store's
    # only writer and the busiest process, so it should not encode or count 300 MB of text.
    nquads: bytes = b""
    quads: int = 0
    error: str | None = None
    pages: int = 0
    words: int = 0
    read_s: float = 0.0
    extract_s: float = 0.0


def iter_files(paths: Iterable[Path | str]) -> Iterator[Path | InputError]:
    """Files under the paths (folders recursively, sorted), skipping unsupported types inside folders.

    A folder's own README (README.md, README.txt) describes the folder and is not read as a document;
    name it explicitly to ingest it. Symlink loops are followed once; unreadable folders and broken
    links become InputErrors.
    """
    seen_dirs: set[str] = set()
    for p in paths:
        path = Path(p)
        if path.is_file():
            yield path
            continue
        if not path.exists():
            yield InputError(path, "no such file or folder")
            continue
        if not path.is_dir():
            yield InputError(path, "not a regular file")
            continue
        stack = [path]
        while stack:
            folder = stack.pop()
            try:
                real = os.path.realpath(folder)
                if real in seen_dirs:
                    continue
                seen_dirs.add(real)
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError as err:
                yield InputError(folder, f"cannot list folder ({err.strerror or err})")
                continue
            subdirs = []
            for entry in entries:
                entry_path = Path(entry.path)
                try:
                    if entry.is_dir():
                        subdirs.append(entry_path)
                    elif entry.is_file():
                        if entry_path.suffix.lower() in MEDIA_TYPES and entry_path.stem.upper() != "README":
                            yield entry_path
                    elif entry.is_symlink():
                        yield InputError(entry_path, _link_problem(entry_path))
                except OSError as err:
                    yield InputError(entry_path, "symbolic link loop" if err.errno == errno.ELOOP
                                     else f"cannot read ({err.strerror or err})")
            stack.extend(reversed(subdirs))


def _link_problem(path: Path) -> str:
    """Why a symbolic link in a folder leads to no file: a loop, a missing target, or not a file."""
    try:
        os.stat(path)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "symbolic link loop"
        if err.errno == errno.ENOENT:
            return "broken symbolic link"
        return f"cannot follow symbolic link ({err.strerror or err})"
    return "symbolic link to something that is not a regular file"


# --- worker side ---------------------------------------------------------------------------------

_WORKER: dict[str, object] = {}


def _worker_resources(thesaurus_files: tuple[str, ...]):
    key = ("res", thesaurus_files)
    if _WORKER.get("key") != key:
        from kg.reference import default_index
        from kg.thesaurus import load_thesaurus

        _WORKER["thesaurus"] = load_thesaurus([Path(f) for f in thesaurus_files])
        _WORKER["authorities"] = default_index()
        _WORKER["key"] = key
    return _WORKER["thesaurus"], _WORKER["authorities"]


_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")


def _mask(match: re.Match[str]) -> str:
    """A stand-in of the same length, so every character offset used as evidence stays valid."""
    n = match.end() - match.start()
    return ("[person]" if n >= 8 else "[name]" if n >= 6 else "*" * n).ljust(n)


def redact_people(doc: Document, ex: Extraction) -> Document:
    """The document with officials' names (and e-mail addresses) masked, for --people roles|drop.

    kg.graph writes evidence sentences, finding texts, surface forms and the title from the text, so
    without this a dropped name still reached the store through them ("<name>: Corporate Director ...",
    "Dear <first name>,", a signature, an e-mail address). The names are those the extractor found
    (attendees, lead inspector): each full name and its first two name words, as written and in capitals.
    Masks keep the length, so offsets are unchanged; `ex` is edited in place (labels, metric strings).
    """
    from kg.viz import name_parts

    md = ex.metadata
    names = [n for n, _post, _span in md.attendees if n] + ([md.lead_inspector] if md.lead_inspector else [])
    words: set[str] = set()
    for name in names:
        words.add(name)
        words.update(w for w in name_parts(name)[:2] if len(w) >= 3)
    words |= {w.upper() for w in words}
    patterns = [_EMAIL]
    if words:
        alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        patterns.append(re.compile(rf"(?<!\w)(?:{alternation})(?!\w)"))

    def clean(text: str) -> str:
        for pattern in patterns:
            text = pattern.sub(_mask, text)
        return text

    text = clean(doc.text)
    if md.title:
        md.title = " ".join(clean(md.title).split()) or None
    for f in ex.entities:
        f.label = " ".join(clean(f.label).split()) or f.label
        f.aliases = {" ".join(clean(a).split()) for a in f.aliases}
    ex.metrics = [replace(m, indicator=clean(m.indicator), period=m.period and clean(m.period),
                          comparator=m.comparator and clean(m.comparator)) for m in ex.metrics]
    return doc if text == doc.text else replace(doc, text=text)


def _process(job: _Job) -> _Result:
    """Read and extract one document (runs in a worker process, or in-process with jobs=1)."""
    from kg.extract import extract_document

    res = _Result(job)
    try:
        t0 = time.perf_counter()
        doc = read_document(job.path, source=job.source, max_bytes=job.limits.max_bytes,
                            max_pages=job.limits.max_pages, max_chars=job.limits.max_chars)
        if doc.sha256 != job.sha256:
            raise InputError(job.source, "the file changed while it was being read")
        t1 = time.perf_counter()
        thesaurus, authorities = _worker_resources(job.thesaurus_files)
        ex = extract_document(doc, thesaurus, authorities)
        if job.people != PeopleMode.KEEP:
            doc = redact_people(doc, ex)
        res.nquads = extraction_to_nquads_bytes(
            doc, ex, people=PeopleMode(job.people), access=AccessLevel(job.access) if job.access else None
        )
        res.quads = res.nquads.count(b"\n")  # a newline byte is only ever a line end in UTF-8 N-Quads
        t2 = time.perf_counter()
        res.read_s, res.extract_s = t1 - t0, t2 - t1
        res.pages, res.words = doc.page_count, len(doc.text.split())
    except InputError as err:
        res.error = err.reason
    except MemoryError:
        res.error = "out of memory while reading (the file is too large or malformed)"
    except RecursionError:
        res.error = "the document is too deeply nested to read"
    except Exception as err:
        log.debug("internal error on %s", job.source, exc_info=True)
        res.error = f"internal error while reading ({err.__class__.__name__}: {str(err)[:200]})"
    return res


def _init_worker(memory_limit: int | None, parent: int | None = None) -> None:
    if parent is not None:
        watch_parent(parent)
    if memory_limit:
        try:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
        except (ImportError, ValueError, OSError):
            pass


# --- parent side ---------------------------------------------------------------------------------

@dataclass(slots=True)
class _Written:
    batch: list[tuple[_Result, list[str]]]
    failed: dict[str, str] = field(default_factory=dict)  # source -> why it could not be written
    seconds: float = 0.0
    crash: BaseException | None = None  # an unexpected error, raised again in the main thread


class _Writer:
    """Writes batches of graphs, in a background thread when `background` is true.

    The parent process is the store's only writer. Writing a batch of 64 documents takes 1-2 s; if the
    parent's main thread did it, it could not hand new files to the workers meanwhile and they would stand
    idle. pyoxigraph (and the HTTP client of a remote store) release the GIL while they work, so a writer
    thread runs in parallel with the main thread. At most one batch waits while another is written, which
    bounds the memory held. Outcomes are collected by the main thread (`finished`), which alone touches
    the report and the progress display.
    """

    def __init__(self, store: Store, *, background: bool) -> None:
        self._store = store
        self._done: queue.Queue[_Written] = queue.Queue()
        self._todo: queue.Queue[list[tuple[_Result, list[str]]] | None] = queue.Queue(maxsize=1)
        self._thread: threading.Thread | None = None
        if background:
            self._thread = threading.Thread(target=self._run, name="kg-writer", daemon=True)
            self._thread.start()

    def submit(self, batch: list[tuple[_Result, list[str]]]) -> None:
        if self._thread is None:
            self._done.put(self._write(batch))
        else:
            self._todo.put(batch)  # blocks while a batch is already waiting

    def finished(self) -> Iterator[_Written]:
        """The outcomes of the batches written since the last call (all of them after `close`)."""
        while True:
            try:
                yield self._done.get_nowait()
            except queue.Empty:
                return

    def close(self) -> None:
        """Write what was submitted, then stop the thread."""
        if self._thread is not None and self._thread.is_alive():
            self._todo.put(None)
            self._thread.join()

    def _run(self) -> None:
        while (batch := self._todo.get()) is not None:
            self._done.put(self._write(batch))

    def _write(self, batch: list[tuple[_Result, list[str]]]) -> _Written:
        out = _Written(batch)
        t0 = time.perf_counter()
        items = [(ids.graph_iri(r.job.sha256), r.nquads, olds) for r, olds in batch]
        try:
            try:
                self._store.replace_graphs(items, quads=sum(r.quads for r, _ in batch))
            except KgError as err:
                if len(items) == 1:
                    raise
                log.debug("batch write failed (%s); writing its documents one by one", err)
                for (r, _), item in zip(batch, items, strict=True):  # find the one that fails; the rest go in
                    try:
                        self._store.replace_graphs([item], quads=r.quads)
                    except KgError as one:
                        out.failed[r.job.source] = str(one)
        except KgError as err:
            out.failed = {r.job.source: str(err) for r, _ in batch}
        except BaseException as err:  # handed to the main thread, which raises it
            out.crash = err
        out.seconds = time.perf_counter() - t0
        return out


def stored_documents(store: Store) -> tuple[dict[str, str], dict[str, list[str]]]:
    """(sha256 -> graph, source path -> graphs) of the documents in the store."""
    res = store.query("SELECT ?g ?src ?sha WHERE { GRAPH ?g { ?d a ?t ; sg:sourceFile ?src ; sg:sha256 ?sha } }")
    by_sha: dict[str, str] = {}
    by_source: dict[str, list[str]] = {}
    for g, src, sha in res.rows:
        if g is None or src is None or sha is None or not g.value.startswith(ids.GRAPH_PREFIX):
            continue
        by_sha[sha.value] = g.value
        by_source.setdefault(src.value, []).append(g.value)
    return by_sha, by_source


ProgressFn = Callable[[str, str, str | None], None]


def ingest_paths(
    store: Store,
    paths: Sequence[Path | str],
    *,
    jobs: int | None = None,
    people: PeopleMode | str = PeopleMode.KEEP,
    access: AccessLevel | str | None = None,
    thesaurus_files: Sequence[Path | str] = (),
    limits: Limits | None = None,
    force: bool = False,
    progress: ProgressFn | None = None,
    memory_limit: int | None = 3 * 1024**3,
    batch: int | None = None,
) -> IngestReport:
    """Ingest files and folders. Bad files are reported (never raised) and the batch goes on.

    `progress(event, source, detail)` is called with event "ingested", "unchanged" or "failed". `batch` is
    how many new documents are written together (settings.EMBEDDED_BATCH / REMOTE_BATCH by default): each
    batch goes in whole or not at all, and a killed ingest loses at most the batches not yet written.
    """
    from kg.reference import ensure_static_graphs

    report = IngestReport()
    limits = limits or Limits()
    people = PeopleMode(people)
    access_value = AccessLevel(access).value if access else None
    thesaurus = tuple(str(Path(t)) for t in thesaurus_files)
    jobs = max(1, jobs or os.cpu_count() or 1)
    ensure_static_graphs(store, [Path(t) for t in thesaurus])
    if isinstance(store, RemoteStore):
        store.require_union()
    by_sha, by_source = stored_documents(store)

    def note(event: str, source: str, detail: str | None = None) -> None:
        if progress:
            progress(event, source, detail)

    failed_sha: dict[str, str] = {}
    duplicates: list[tuple[str, str]] = []
    claimed: dict[str, str] = {}  # sha256 -> the first source with that content in this batch
    sha_of: dict[str, str] = {}  # source -> sha256, for the sources in `claimed`

    def fail(source: str, reason: str) -> None:
        report.failed.append((source, reason))
        note("failed", source, reason)
        if source in sha_of:
            failed_sha[sha_of[source]] = reason

    def planned() -> Iterator[_Job]:
        for item in iter_files(paths):
            if isinstance(item, InputError):
                fail(item.path, item.reason)
                continue
            source = str(item)
            try:
                size = item.stat().st_size
                if size > limits.max_bytes:  # refused before it is read (hashing 3 GB takes seconds)
                    fail(source, f"file is {size:,} bytes, over the limit of {limits.max_bytes:,} (--max-bytes)")
                    continue
                sha = sha256_file(item)
            except OSError as err:
                fail(source, f"cannot read file ({err.strerror or err})")
                continue
            if sha in by_sha and not force:
                report.unchanged.append(source)
                note("unchanged", source, None)
                continue
            if sha in claimed:
                duplicates.append((source, sha))  # the same bytes twice in one batch: settled at the end
                continue
            claimed[sha] = source
            sha_of[source] = sha
            yield _Job(str(item), source, sha, people.value, access_value, limits, thesaurus)

    pending_writes: list[tuple[_Result, list[str]]] = []
    writer = _Writer(store, background=jobs > 1)

    def flush() -> None:
        if pending_writes:
            writer.submit(list(pending_writes))
            pending_writes.clear()
        settle_writes()

    def settle_writes() -> None:
        for written in writer.finished():
            report.seconds["write"] += written.seconds
            if written.crash is not None:
                raise written.crash
            for r, olds in written.batch:
                if r.job.source in written.failed:
                    fail(r.job.source, f"could not be written to the store ({written.failed[r.job.source]})")
                    continue
                (report.replaced if olds else report.ingested).append(r.job.source)
                report.pages += r.pages
                report.words += r.words
                report.quads += r.quads
                by_sha[r.job.sha256] = ids.graph_iri(r.job.sha256)
                note("ingested", r.job.source, "replaced" if olds else None)

    # New documents are written in batches, each one atomic step (one bulk ingestion embedded, one request
    # remote), so a document is never half written; fewer, larger writes cost much less per quad.
    batch = batch or (settings.REMOTE_BATCH if isinstance(store, RemoteStore) else settings.EMBEDDED_BATCH)

    def handle(res: _Result) -> None:
        report.seconds["read"] += res.read_s
        report.seconds["extract"] += res.extract_s
        if res.error:
            fail(res.job.source, res.error)
            return
        if not res.quads:
            fail(res.job.source, "nothing could be extracted; the stored copy (if any) is kept")
            return
        new_graph = ids.graph_iri(res.job.sha256)
        # The stored sg:sourceFile is the path as N-Triples text can hold it (kg.ntriples drops the lone
        # surrogates Python uses for file-name bytes that are not UTF-8): look the old graphs up the same way.
        stored_as = _clean_text(res.job.source)
        olds = [g for g in by_source.get(stored_as, []) if g != new_graph]
        pending_writes.append((res, olds))
        if len(pending_writes) >= batch or sum(len(r.nquads) for r, _ in pending_writes) > settings.WRITE_BATCH_BYTES:
            flush()

    def settle_duplicates() -> None:
        for source, sha in duplicates:
            if sha in failed_sha:
                fail(source, failed_sha[sha])
            else:
                report.unchanged.append(source)
                note("unchanged", source, f"same content as {claimed[sha]}")

    if jobs == 1:
        for job in planned():
            handle(_process(job))
        flush()
        writer.close()
        settle_writes()
        settle_duplicates()
        return report

    ctx = spawn_context()
    window = jobs * 3
    job_iter = planned()
    pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker,
                               initargs=(memory_limit, os.getpid()))
    inflight: dict[Future[_Result], _Job] = {}
    try:
        exhausted = False
        while True:
            while not exhausted and len(inflight) < window:
                job = next(job_iter, None)
                if job is None:
                    exhausted = True
                    break
                inflight[pool.submit(_process, job)] = job
            if not inflight:
                break
            done, _ = wait(inflight, return_when=FIRST_COMPLETED)
            for fut in done:
                job = inflight.pop(fut)
                try:
                    handle(fut.result())
                except BrokenProcessPool:
                    # A worker died (a crash in pdfium, or the memory limit): report every document that
                    # was in flight, start a new pool, and go on with the rest.
                    fail(job.source, "the reader crashed on this file (a worker process died)")
                    for other in list(inflight.values()):
                        fail(other.source, "not read: a worker process died while it was queued; run again")
                    inflight.clear()
                    pool.shutdown(cancel_futures=True)
                    pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker,
                                               initargs=(memory_limit, os.getpid()))
                    break
            settle_writes()
        flush()
    finally:
        pool.shutdown(cancel_futures=True)
        writer.close()
    settle_writes()
    settle_duplicates()
    return report


def remove_documents(store: Store, targets: Sequence[str]) -> list[str]:
    """Remove documents by source path or sha256 (or its first 8 or more digits).

    Ingest records a file's path as it was given (relative or absolute, links not followed), so a path
    that is not stored as typed is also compared after resolving it and the stored paths alike (absolute,
    symbolic links followed; a relative stored path from the current folder): `kg remove x.pdf` inside the
    folder finds a document ingested as /data/reports/x.pdf. Failing that, a file that still exists is
    found by its content's sha256.
    """
    by_sha, by_source = stored_documents(store)
    by_real: dict[str, list[str]] = {}  # resolved stored path -> graphs, filled on first need
    graphs: list[str] = []
    missing = []
    for t in targets:
        found = _stored_as_given(t, by_sha, by_source)
        if not found:
            if not by_real:
                for source, gs in by_source.items():
                    by_real.setdefault(_resolved(source), []).extend(gs)
            found = by_real.get(_resolved(t), []) or _stored_by_content(t, by_sha)
        if not found:
            missing.append(t)
        graphs.extend(found)
    if missing:
        raise KgError(f"not in the store: {', '.join(missing)}")
    store.drop_graphs(sorted(set(graphs)))
    return sorted(set(graphs))


def _stored_as_given(target: str, by_sha: dict[str, str], by_source: dict[str, list[str]]) -> list[str]:
    """The graphs whose stored path is `target` as typed (or normalised as ingest stores it), or whose sha256
    is or starts with it."""
    found = list(by_source.get(target, []) or by_source.get(_clean_text(str(Path(target))), []))
    found += [g for sha, g in by_sha.items() if sha == target or (len(target) >= 8 and sha.startswith(target))]
    return found


def _resolved(path: str) -> str:
    return os.path.realpath(os.path.expanduser(path))


def _stored_by_content(target: str, by_sha: dict[str, str]) -> list[str]:
    """The graph of the document with the same content as the file at `target`, if it exists and is stored."""
    try:
        sha = sha256_file(Path(target)) if os.path.isfile(target) else None
    except OSError:
        return []
    return [by_sha[sha]] if sha in by_sha else []
