"""Bad and hostile inputs through the CLI: one `error: <path>: <reason>` line each, the good files go in, and
the documents already in the store stay exactly as they were (RELIABILITY.md IN-01..IN-19, FS-04).

Everything is built in `tmp_path`: hand-written PDFs, zip archives, encodings, symbolic links. The `kg`
process runs as a real subprocess (its stderr is what a user sees).
"""

from __future__ import annotations

import os
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from reliability_docs import (
    REPORT_LINES,
    docx_document_xml,
    kg_command,
    make_docx,
    make_lying_zip_bomb_docx,
    make_pdf,
    quads_by_graph,
    sorted_nquads,
    write_zip_bomb_docx,
)

from kg.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "samples" / "harrow-2020-inspection.txt"
CANARY = "KG-CANARY-SECRET-5318008"
MAX_BYTES = 50_000_000


def run_kg(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(kg_command(*args), capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def encoding_text(authority: str, note: str) -> str:
    """A short report with a pound sign, curly quotes and accents in the sentence the metric cites."""
    return (f"Inspection of {authority} local authority children’s services\n"
            f"{authority}’s MASH handled 98% of contacts within a day, at a cost of £5,000 a month "
            f"(the “front door” café {note}).\n")


def can_read(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            fh.read(1)
        return True
    except OSError:
        return False


def build_inputs(folder: Path, secret: Path) -> tuple[dict[str, str], dict[str, str], Path]:
    """Fill `folder`; returns (bad file name -> expected reason, good file name -> expected text, unreadable)."""
    rng = random.Random(20240501)
    bad: dict[str, str] = {}
    good: dict[str, str] = {}

    def put(name: str, data: bytes, reason: str | None = None, text: str = "") -> Path:
        path = folder / name
        path.write_bytes(data)
        if reason is None:
            good[name] = text
        else:
            bad[name] = reason
        return path

    pdf = make_pdf()
    put("empty.pdf", b"", "empty file")
    put("empty.txt", b"", "empty file")
    put("truncated.pdf", pdf[: len(pdf) // 2], "broken or truncated PDF")
    put("random bytes.pdf", rng.randbytes(20_000), "not a PDF")
    put("random header.pdf", b"%PDF-1.7\n" + rng.randbytes(20_000), "broken or truncated PDF")
    put("random.txt", rng.randbytes(20_000), "")  # reason checked loosely below: binary or undecodable
    put("encrypted.pdf", make_pdf(encrypt=True), "encrypted PDF")
    put("saved page.pdf", b"<!DOCTYPE html><html><body><p>Sorry, this page is not available.</p></body></html>",
        "HTML page")
    put("not a zip.docx", b"PK\x05\x06 this is not a zip archive at all " + rng.randbytes(500),
        "not a zip archive")
    write_zip_bomb_docx(folder / "zip bomb.docx", 150 * 1024 * 1024)
    bad["zip bomb.docx"] = "zip bomb"
    put("lying zip bomb.docx", make_lying_zip_bomb_docx(20_000_000), "broken DOCX")
    laughs = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "' + f"&a{i - 1};" * 10 + '">' for i in range(1, 10))
    put("billion laughs.docx", make_docx(document_xml=docx_document_xml(
        REPORT_LINES, doctype=f"<!DOCTYPE w:document [{laughs}]>", raw=["&a9;"])), "broken DOCX")
    # The quoted, non-ASCII name of a bad file must come through whole on its error line.
    put("«rapport» 'of' \"Ofsted\" – Ünïcode 東京.pdf", b"GIF89a not a pdf", "not a PDF")
    # Over --max-bytes: a sparse 3 GB file, refused before a byte is read.
    with (folder / "huge.txt").open("wb") as fh:
        fh.truncate(3 * 1024**3)
    bad["huge.txt"] = "over the limit"
    os.symlink("loop.txt", folder / "loop.txt")
    bad["loop.txt"] = "symbolic link loop"
    os.symlink("missing-target.txt", folder / "dangling.txt")
    bad["dangling.txt"] = "broken symbolic link"
    os.symlink(".", folder / "folder loop")  # a folder loop is followed once, silently

    # An external entity pointing at a local file: parsed without resolving it (the file must not leak).
    xxe = (f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">'
           f'<!ENTITY % pe SYSTEM "{secret.as_uri()}">]>')
    (folder / "external entity.docx").write_bytes(make_docx(document_xml=docx_document_xml(
        ["Inspection of Merton local authority children's services", "The MASH is effective."],
        doctype=xxe, raw=["&xxe;"])))

    # Good documents: a PDF, a DOCX with a quoted non-ASCII name, and text in four encodings.
    put("good report.pdf", pdf, None, "Metropolitan Police Service")
    put("good “letter” – Ünïcode's.docx", make_docx([
        "Inspection of Barnet local authority children's services",
        "The MASH works with the Metropolitan Police Service and uses Signs of Safety."]), None, "Barnet")
    put("cp1252.txt", encoding_text("Ealing", "one").encode("cp1252"), None, "£5,000")
    put("latin-1.txt", encoding_text("Brent", "two").replace("’", "'").replace("“", '"').replace("”", '"')
        .encode("latin-1"), None, "£5,000")
    put("utf-16 bom.txt", encoding_text("Camden", "three").encode("utf-16"), None, "£5,000")
    mixed = encoding_text("Hackney", "four").encode("utf-8") + encoding_text("Hackney", "five").encode("cp1252")
    put("mixed encoding.txt", mixed, None, "£5,000")

    # Unreadable: chmod 000. Root reads it anyway; then it is a good document.
    unreadable = folder / "unreadable.txt"
    unreadable.write_text(encoding_text("Islington", "six"), encoding="utf-8")
    unreadable.chmod(0)
    if can_read(unreadable):
        good[unreadable.name] = "Islington"
    else:
        bad[unreadable.name] = "ermission denied"
    return bad, good, unreadable


@pytest.fixture()
def store_with_documents(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    """A store holding two documents; one of them sits in the folder that will be filled with bad files."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    kept = folder / "kept.pdf"
    kept.write_bytes(make_pdf([["Inspection of Sutton local authority children's services",
                                "The MASH is effective and Signs of Safety is embedded."]]))
    store_dir = tmp_path / "store"
    first = run_kg("--store", str(store_dir), "ingest", "-j", "1", str(SAMPLE), str(kept))
    assert first.returncode == 0, first.stderr
    with open_store(store_dir) as store:
        before = sorted_nquads(store)
    return store_dir, folder, before


def test_bad_inputs_one_error_each_and_store_kept(store_with_documents, tmp_path: Path) -> None:
    store_dir, folder, before = store_with_documents
    secret = tmp_path / "secret.txt"
    secret.write_text(CANARY + "\n", encoding="utf-8")
    bad, good, unreadable = build_inputs(folder, secret)
    # The document already stored from this folder is overwritten by a broken copy: its graph must stay.
    kept = folder / "kept.pdf"
    kept.write_bytes(kept.read_bytes()[:200])
    bad["kept.pdf"] = "broken or truncated PDF"

    start = time.perf_counter()
    try:
        result = run_kg("--store", str(store_dir), "ingest", "-j", "2", "--max-bytes", str(MAX_BYTES),
                        str(folder))
    finally:
        unreadable.chmod(0o644)
    seconds = time.perf_counter() - start

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    others = [line for line in result.stderr.splitlines() if not line.startswith("error: ")]
    assert len(others) == 1 and "failed" in others[0], result.stderr  # only the summary line besides
    by_file: dict[str, list[str]] = {}
    for line in errors:
        m = re.match(r"error: (.*?): (.*)$", line)
        assert m, line
        path = m.group(1)
        name = next((n for n in sorted(bad, key=len, reverse=True) if path == str(folder / n)), None)
        assert name is not None, f"unexpected error line: {line}"
        by_file.setdefault(name, []).append(m.group(2))
    assert sorted(by_file) == sorted(bad), f"missing: {set(bad) - set(by_file)}; extra: {set(by_file) - set(bad)}"
    for name, reasons in by_file.items():
        assert len(reasons) == 1, (name, reasons)
        if name == "random.txt":
            assert "binary data" in reasons[0] or "cannot decode" in reasons[0], reasons
        else:
            assert bad[name] in reasons[0], (name, reasons[0])
    assert CANARY not in result.stderr
    print(f"\n{len(bad)} bad inputs, {len(good)} good, {seconds:.1f} s; reasons:")
    for name in sorted(by_file):
        print(f"  {name!r}: {by_file[name][0]}")

    with open_store(store_dir) as store:
        after = sorted_nquads(store)
        rows = store.query("SELECT ?src ?g WHERE { GRAPH ?g { ?d sg:sourceFile ?src } }").rows
    sources = {r[0].value: r[1].value for r in rows}
    # Every document stored before is still there, byte for byte.
    old, new = quads_by_graph(before), quads_by_graph(after)
    for graph, quads in old.items():
        assert new.get(graph) == quads, f"graph {graph} changed"
    # The good files went in, once each, with their text decoded correctly.
    for name, expected in good.items():
        src = str(folder / name)
        assert src in sources, f"{name} was not ingested"
        graph_text = "\n".join(new[sources[src]])
        assert expected in graph_text, (name, expected)
    assert str(folder / "folder loop" / "good report.pdf") not in sources
    dump = "\n".join(after)
    for junk in ("\ufffd", "Â£", "Ã©", "Ł5,000", "â€"):
        assert junk not in dump, f"mis-decoded text in the store: {junk!r}"
    # The external entity was never resolved: the secret is nowhere, and the rest of that file went in.
    assert CANARY not in dump
    assert str(folder / "external entity.docx") in sources
    # No document from a bad file.
    for name in bad:
        assert str(folder / name) not in sources or name == "kept.pdf"


def test_bad_file_named_with_control_characters_gives_one_line(tmp_path: Path) -> None:
    """A file name holding a newline or a byte that is not UTF-8 still gives exactly one error line."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "two\nlines.pdf").write_bytes(b"not a pdf")
    bad_bytes = os.fsencode(folder) + b"/caf\xe9.pdf"
    with open(bad_bytes, "wb") as fh:
        fh.write(b"not a pdf either")
    (folder / "ok.txt").write_text(encoding_text("Harrow", "seven"), encoding="utf-8")
    result = run_kg("--store", str(tmp_path / "store"), "ingest", "-j", "1", str(folder))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) == 2 and len(lines) == 3, result.stderr
    assert any("two\\nlines.pdf: not a PDF" in e for e in errors), errors
    assert any("caf\\xe9.pdf: not a PDF" in e for e in errors), errors
    assert "1 ingested" in lines[-1]


def test_changed_file_with_undecodable_name_replaces_its_graph(tmp_path: Path) -> None:
    """sg:sourceFile cannot hold a byte that is not UTF-8; the stored copy is still found (and replaced)
    when such a file changes, instead of staying beside the new one."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    name = os.fsencode(folder) + b"/r\xe9port.txt"
    store = str(tmp_path / "store")
    for note in ("first", "second"):
        with open(name, "w", encoding="utf-8") as fh:
            fh.write(encoding_text("Harrow", note))
        result = run_kg("--store", store, "ingest", "-j", "1", str(folder))
        assert result.returncode == 0, result.stderr
    assert "1 replaced" in result.stderr, result.stderr
    with open_store(store) as s:
        rows = s.query("SELECT ?g WHERE { GRAPH ?g { ?d sg:sourceFile ?src } }").rows
    assert len(rows) == 1


def test_largest_input_time_and_memory(tmp_path: Path) -> None:
    """A 150 MB text file (under the default --max-bytes) is read and refused for its length, quickly and
    in bounded memory; the figures are printed for docs/RELIABILITY-RESULTS.md."""
    big = tmp_path / "big.txt"
    line = "The multi-agency safeguarding hub in Harrow meets daily with the Metropolitan Police Service.\n"
    chunk = line * 10_000
    with big.open("w", encoding="utf-8") as fh:
        while fh.tell() < 150 * 1024 * 1024:
            fh.write(chunk)
    size = big.stat().st_size
    # A wrapper process runs kg, so RUSAGE_CHILDREN covers kg and its workers only (not earlier tests).
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "ru = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(p.returncode, round(time.perf_counter() - t, 2), ru.ru_maxrss)\n"
        "sys.stderr.write(p.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe,
                             *kg_command("--store", str(tmp_path / "store"), "ingest", "-j", "2", str(big))],
                            capture_output=True, text=True, timeout=300)
    code, seconds, maxrss_kb = result.stdout.split()
    peak_mb = int(maxrss_kb) / 1024
    print(f"\nlargest input: {size / 1e6:.0f} MB text, exit {code}, {float(seconds):.1f} s, "
          f"peak RSS {peak_mb:.0f} MB (largest process of the kg tree, getrusage)")
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert code == "1" and len(errors) == 1 and "over the limit" in errors[0], result.stderr
    assert "Traceback" not in result.stderr
    assert float(seconds) < 60
    assert peak_mb < 1500
    # Own process figures too (the test process wrote the file): for the record.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"test process peak RSS {own:.0f} MB")
