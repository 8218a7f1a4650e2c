"""Builders for the reliability tests: small valid and hostile documents, made in code (no binaries committed).

Every sentence here is invented for the tests. The PDFs are written by hand (one Helvetica font, one text
object per page), so the tests need neither pypdf nor a word processor.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

#: A short report that the extractor recognises: the authority, dates, judgements, a few services.
REPORT_LINES = [
    "Inspection of Harrow local authority children's services",
    "Inspection dates: 4 March to 15 March 2019",
    "Overall effectiveness: Good",
    "The multi-agency safeguarding hub (MASH) works closely with the Metropolitan Police Service.",
    "Social workers use Signs of Safety, and 98% of assessments are completed within 45 days.",
]


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _assemble_pdf(objects: Sequence[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF from numbered object bodies (object 1 is the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R ".encode() + trailer_extra + b">>\n"
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def make_pdf(pages: Sequence[Sequence[str]] = (REPORT_LINES,), *, encrypt: bool = False) -> bytes:
    """A text PDF, one list of lines per page. With `encrypt`, the trailer names a Standard security
    handler whose user password is not empty (the /U entry matches no password), as a protected file has."""
    n_pages = len(pages)
    font = 3 + 2 * n_pages
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n_pages))
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>",
                            f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode()]
    for i, lines in enumerate(pages):
        stream = "BT /F1 11 Tf 14 TL 56 780 Td " + " ".join(f"({_pdf_escape(x)}) '" for x in lines) + " ET"
        data = stream.encode("latin-1")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R "
                       f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode())
        objects.append(f"<< /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    extra = b""
    if encrypt:
        o = hashlib.sha256(b"owner").hexdigest()[:64]
        u = hashlib.sha256(b"user").hexdigest()[:64]
        objects.append(f"<< /Filter /Standard /V 1 /R 2 /O <{o}> /U <{u}> /P -44 >>".encode())
        file_id = hashlib.md5(b"kg-test").hexdigest()
        extra = f"/Encrypt {len(objects)} 0 R /ID [<{file_id}> <{file_id}>] ".encode()
    return _assemble_pdf(objects, extra)


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def docx_document_xml(paragraphs: Iterable[str], *, doctype: str = "", raw: Sequence[str] = ()) -> str:
    """word/document.xml: escaped paragraphs, then `raw` paragraph contents (entity references) as given."""
    body = "".join(f"<w:p><w:r><w:t>{_xml_escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    body += "".join(f"<w:p><w:r><w:t>{r}</w:t></w:r></w:p>" for r in raw)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{doctype}'
            f'<w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>')


def make_docx(paragraphs: Iterable[str] = REPORT_LINES, *, document_xml: str | None = None) -> bytes:
    """A minimal DOCX that python-docx opens: content types, the package relationship, the body."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/document.xml", document_xml or docx_document_xml(paragraphs))
    return buf.getvalue()


def write_zip_bomb_docx(path: Path, expanded_bytes: int) -> None:
    """A DOCX whose word/document.xml inflates to `expanded_bytes` (spaces compress about 1000:1).

    Written in chunks, so building it needs little memory."""
    head = docx_document_xml(["Inspection of Harrow local authority children's services"])
    cut = head.index("</w:body>")
    chunk = b" " * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        with zf.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(head[:cut].encode())
            left = expanded_bytes
            while left > 0:
                member.write(chunk[: min(left, len(chunk))])
                left -= len(chunk)
            member.write(head[cut:].encode())


def make_lying_zip_bomb_docx(expanded_bytes: int) -> bytes:
    """A DOCX whose document.xml says (in both zip headers) it is tiny but inflates to `expanded_bytes`."""
    honest = io.BytesIO()
    payload = docx_document_xml(["Harrow"]).encode() + b" " * expanded_bytes
    with zipfile.ZipFile(honest, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/document.xml", payload)
    data = bytearray(honest.getvalue())
    real = len(payload).to_bytes(4, "little")
    fake = (1000).to_bytes(4, "little")
    for m in re.finditer(re.escape(real), data):  # the uncompressed size in the local and central headers
        data[m.start():m.end()] = fake
    return bytes(data)


def sorted_nquads(store) -> list[str]:  # store: kg.store.Store
    """The store as sorted N-Quads lines (no blank nodes are minted, so this is canonical)."""
    from kg.store import ExportFormat

    return sorted(line for line in store.dump(ExportFormat.NQ).decode("utf-8").splitlines() if line.strip())


_BNODE = re.compile(r"(?<![\w\"])_:[A-Za-z0-9]+")


def quads_by_graph(lines: Iterable[str], *, skip_predicates: Sequence[str] = ()) -> dict[str, Counter[str]]:
    """N-Quads lines grouped by graph (the last IRI of the line), leaving out the given predicates.

    Blank node labels differ from one load to the next (the ontology graph has some), so they are all
    written `_:b`: two graphs then compare equal when they hold the same quads up to blank node names
    and the same number of each (a fair test that nothing is missing or half written)."""
    out: dict[str, Counter[str]] = {}
    for line in lines:
        if any(f" <{p}> " in line for p in skip_predicates):
            continue
        m = re.search(r"<([^<>]*)> \.\s*$", line)
        out.setdefault(m.group(1) if m else "", Counter())[_BNODE.sub("_:b", line)] += 1
    return out


def kg_command(*args: str) -> list[str]:
    """The `kg` console script as a command line (the installed one, or this checkout's module)."""
    return [sys.executable, "-c", "from kg.cli import cli; cli()", *args]


def kill_tree(proc: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    """Kill the process group started with start_new_session=True (the kg process and its workers)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, sig)


def group_members(pgid: int) -> list[int]:
    """Live processes (not zombies) in a process group, read from /proc."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z" and int(fields[2]) == pgid:
            members.append(int(entry.name))
    return members


def wait_for_group_exit(pgid: int, timeout: float) -> list[int]:
    """Wait until no process of the group is left; returns those still alive at the deadline."""
    deadline = time.monotonic() + timeout
    alive = group_members(pgid)
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = group_members(pgid)
    return alive
