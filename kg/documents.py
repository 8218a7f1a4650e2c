"""Readers: a file (PDF, DOCX, HTML, plain text, Markdown) becomes a `Document`.

A `Document` holds the normalised text, where each page starts in it, the sha256 of the file's
bytes and its media type. Running headers and footers of Ofsted PDFs are removed from the text
stream (page numbers are kept as page boundaries), pdfium's line-break hyphen marks, private-use
bullets and ligatures are normalised, and broken lines are rejoined, so that every character
offset used as evidence points into `Document.text` and `Document.page_of()` gives its page.
No NLP happens here.

Example:
    >>> doc = document_from_pages("x.txt", b"", "text/plain", ["First line\\ncontinues here.", "Page two."])
    >>> doc.text
    'First line continues here.\\nPage two.'
    >>> doc.page_of(doc.text.index("two"))
    2
"""

from __future__ import annotations

import bisect
import codecs
import hashlib
import logging
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kg import settings
from kg.errors import InputError

log = logging.getLogger(__name__)

MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".html": "text/html",
    ".htm": "text/html",
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
}


@dataclass(frozen=True, slots=True)
class Document:
    """A read document: normalised text with page boundaries, identified by the hash of its bytes."""

    source: str
    sha256: str
    media_type: str
    text: str
    page_starts: tuple[int, ...]
    title: str | None = None

    @property
    def page_count(self) -> int:
        return len(self.page_starts)

    def page_of(self, offset: int) -> int:
        """The 1-based page holding the character at `offset`."""
        return max(1, bisect.bisect_right(self.page_starts, offset))

    def page_text(self, page: int) -> str:
        start = self.page_starts[page - 1]
        end = self.page_starts[page] if page < len(self.page_starts) else len(self.text)
        return self.text[start:end]


def sha256_file(path: Path) -> str:
    """The sha256 of a file, read in chunks (bounded memory)."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def media_type_of(path: Path) -> str | None:
    return MEDIA_TYPES.get(path.suffix.lower())


def read_document(
    path: Path | str,
    *,
    source: str | None = None,
    max_bytes: int = settings.MAX_FILE_BYTES,
    max_pages: int = settings.MAX_PAGES,
    max_chars: int = settings.MAX_TEXT_CHARS,
) -> Document:
    """Read one file into a Document, or raise InputError naming the file and the reason."""
    path = Path(path)
    source = source if source is not None else str(path)
    media_type = media_type_of(path)
    if media_type is None:
        raise InputError(source, f"unsupported file type '{path.suffix or '(none)'}'")
    try:
        size = path.stat().st_size
        if size == 0:
            raise InputError(source, "empty file")
        if size > max_bytes:
            raise InputError(source, f"file is {size:,} bytes, over the limit of {max_bytes:,} (--max-bytes)")
        data = path.read_bytes()
    except PermissionError as err:
        raise InputError(source, "permission denied") from err
    except IsADirectoryError as err:
        raise InputError(source, "is a directory") from err
    except OSError as err:
        raise InputError(source, f"cannot read file ({err.strerror or err})") from err
    sha = hashlib.sha256(data).hexdigest()
    if media_type == "application/pdf":
        pages, title = _pdf_pages(data, source, max_pages)
    elif media_type.endswith("wordprocessingml.document"):
        pages, title = _docx_pages(data, source)
    elif media_type == "text/html":
        pages, title = _html_pages(data, source)
    else:
        pages, title = _text_pages(data, source, max_chars)
    doc = document_from_pages(source, b"", media_type, pages, sha256=sha, title=title)
    if not doc.text.strip():
        raise InputError(source, "no text could be extracted (a scanned image, or an empty document)")
    if len(doc.text) > max_chars:
        raise InputError(source, f"text is {len(doc.text):,} characters, over the limit of {max_chars:,}")
    return doc


# --- PDF -----------------------------------------------------------------------------------------

def _sniff_not_pdf(data: bytes) -> str | None:
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<!--")):
        return "not a PDF: it is an HTML page saved with a .pdf name"
    if head.startswith(b"pk\x03\x04"):
        return "not a PDF: it is a zip archive (perhaps DOCX) saved with a .pdf name"
    return "not a PDF (no %PDF- header)"


def _pdf_pages(data: bytes, source: str, max_pages: int) -> tuple[list[str], str | None]:
    if b"%PDF-" not in data[:1024]:
        raise InputError(source, _sniff_not_pdf(data))
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        msg = str(err).lower()
        if "password" in msg:
            raise InputError(source, "encrypted PDF (password required)") from err
        raise InputError(source, f"broken or truncated PDF ({err})") from err
    try:
        n = len(pdf)
        if n == 0:
            raise InputError(source, "PDF has no pages")
        if n > max_pages:
            raise InputError(source, f"PDF has {n} pages, over the limit of {max_pages}")
        pages = []
        for i in range(n):
            page = pdf[i]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        title = None
        try:
            title = (pdf.get_metadata_dict().get("Title") or None) if hasattr(pdf, "get_metadata_dict") else None
        except Exception:
            title = None
        return _strip_running_lines(pages), title
    except pdfium.PdfiumError as err:
        raise InputError(source, f"broken or truncated PDF ({err})") from err
    finally:
        pdf.close()


_DIGITS = re.compile(r"\d+")


_PAGE_NUMBERS = {"#", "page #", "# of #", "page # of #"}


def _line_key(line: str) -> str:
    """A line with its numbers as "#", and without a page number at either end: "Inspection of ...: Hull 5" and
    "6 Inspection of ...: Hull" are the same running header on facing pages."""
    key = _DIGITS.sub("#", " ".join(line.split())).lower()
    return _EDGE_NUMBER.sub("", key) or key


_EDGE_NUMBER = re.compile(r"^# (?=\S)|(?<=\S) #$")


def _strip_running_lines(pages: list[str]) -> list[str]:
    """Remove lines that repeat at the top or bottom of many pages (running headers, footers, page numbers)."""
    split = [p.replace("\r\n", "\n").replace("\r", "\n").split("\n") for p in pages]
    if len(split) < 2:
        return ["\n".join(lines) for lines in split]
    keys: dict[str, str] = {}  # each edge line's key is made once (counted here, looked up when stripping)

    def key_of(line: str) -> str:
        key = keys.get(line)
        if key is None:
            key = keys[line] = _line_key(line)
        return key

    counts: Counter[str] = Counter()
    paged: set[str] = set()  # keys of edge lines that carried a page number
    for lines in split:
        edge = {key_of(x) for x in lines[:3] + lines[-3:] if x.strip()}
        counts.update(edge)
        paged.update(key_of(x) for x in lines[:1] + lines[-1:] if _EDGE_NUMBER.search(_DIGITS.sub("#", " ".join(
            x.split())).lower()))
    threshold = max(2, int(0.4 * len(split)))
    # A header with a page number need only run over a few pages: the second report of a file, a section's own
    # header (a safeguarding board's review, "Review of the board: Northmoor 9", with the place and page number,
    # had been read into a sentence and its page number taken as a figure).
    running = {k for k, c in counts.items() if (c >= threshold or (k in paged and c >= 3)) and len(k) < 160}
    out = []
    for n, lines in enumerate(split):
        # Strip from the top and bottom while the line is running text or a bare page number. The first
        # page keeps its title (the same words often run as the header of later pages).
        def is_running(line: str, first: bool = n == 0) -> bool:
            key = key_of(line)
            return not key or key in _PAGE_NUMBERS or (not first and key in running)

        while lines and is_running(lines[0]):
            lines = lines[1:]
        while lines and is_running(lines[-1]):
            lines = lines[:-1]
        out.append("\n".join(lines))
    return out


# --- DOCX, HTML, text ----------------------------------------------------------------------------

#: A DOCX whose parts would expand past this many bytes is refused (zip bomb guard).
MAX_DOCX_UNCOMPRESSED = 100 * 1024 * 1024


def _docx_pages(data: bytes, source: str) -> tuple[list[str], str | None]:
    import io

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        total = sum(i.file_size for i in zf.infolist())
        if total > MAX_DOCX_UNCOMPRESSED:
            raise InputError(source, f"DOCX would expand to {total:,} bytes (a zip bomb?); refused")
        if "word/document.xml" not in zf.namelist():
            raise InputError(source, "not a DOCX: no word/document.xml inside")
    except zipfile.BadZipFile as err:
        raise InputError(source, "not a DOCX: the file is not a zip archive") from err
    except (NotImplementedError, ValueError, EOFError, OSError) as err:
        # zipfile raises these on archives it cannot read (unknown versions, broken headers).
        raise InputError(source, f"broken DOCX: unreadable zip archive ({err})") from err
    import docx  # python-docx parses with resolve_entities=False: external entities are never fetched

    try:
        d = docx.Document(io.BytesIO(data))
    except Exception as err:
        raise InputError(source, f"broken DOCX ({err.__class__.__name__}: {err})") from err
    # Paragraphs and tables in the order they stand (an attendees table under its "Attending:" heading, a grades
    # table under the title); a row's cells joined with ": " so that a two-column row reads "Name: Post" or
    # "Overall effectiveness: Good", a merged cell (python-docx repeats it) once.
    lines: list[str] = []
    for block in d.iter_inner_content():
        if isinstance(block, docx.table.Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if text and (not cells or cells[-1] != text):
                        cells.append(text)
                if cells:
                    lines.append(": ".join(cells))
        else:
            lines.append(block.text)
    title = d.core_properties.title or None
    # A DOCX paragraph (or table row) is a paragraph: a blank line after each keeps the line rejoining below
    # from running "Jane Example: Director" into the next row or heading.
    return ["\n\n".join(lines)], title


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: a byte that is not UTF-8 is read as Windows-1252 (strictly: an undefined
    byte such as 0x81 raises, and the caller tries other encodings)."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    return err.object[err.start:err.end].decode("cp1252"), err.end


codecs.register_error("kg-cp1252-fallback", _cp1252_fallback)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: NUL bytes in most even (BE) or odd (LE) positions."""
    head = data[:4096]
    half = max(1, len(head) // 2)
    for enc, nuls in (("utf-16-le", head[1::2].count(0)), ("utf-16-be", head[0::2].count(0))):
        if nuls > 0.6 * half and len(data) % 2 == 0:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                return None
            sample = text[:4096]
            printable = sum(1 for c in sample if c.isprintable() or c in "\n\r\t\f")
            return text if printable >= 0.95 * len(sample) else None
    return None


def _decode(data: bytes, source: str) -> str:
    """Text from bytes: a BOM wins; then UTF-8, where any byte that is not UTF-8 is read as Windows-1252.

    English documents that are not UTF-8 are nearly always Windows-1252 or Latin-1 (the same for printable
    characters), and files pasted together mix it with UTF-8; a statistical guess on short English text
    picks a Central European code page and turns '£' into 'Ł'. Text that is not mostly ASCII letters under
    that reading (Cyrillic in cp1251, say) goes to charset_normalizer.
    """
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _check_text(data.decode(enc, errors="replace"), source)
    utf16 = _utf16_without_bom(data) if b"\x00" in data[:4096] else None
    if utf16 is not None:
        return _check_text(utf16, source)
    try:
        return _check_text(data.decode("utf-8"), source)
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("utf-8", errors="kg-cp1252-fallback")
        sample = text[:65536]
        letters = sum(1 for c in sample if c.isalpha())
        if sum(1 for c in sample if c.isalpha() and not c.isascii()) <= 0.2 * letters:
            return _check_text(text, source)
    except UnicodeDecodeError:
        pass  # a byte Windows-1252 leaves undefined: not that code page
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(source, "cannot decode the text (unknown encoding)")
    return _check_text(str(best), source)


def _check_text(text: str, source: str) -> str:
    """Refuse binary data that happened to decode: text has few control characters (a NUL is never text)."""
    sample = text[:65536]
    if "\x00" in sample or len(_CONTROL.findall(sample)) > 0.01 * len(sample) + 2:
        raise InputError(source, "binary data, not text")
    return text


def _html_pages(data: bytes, source: str) -> tuple[list[str], str | None]:
    from bs4 import BeautifulSoup

    text = _decode(data, source)
    soup = BeautifulSoup(text, "lxml")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    body = soup.body or soup
    blocks = []
    for el in body.find_all(["h1", "h2", "h3", "h4", "p", "li", "tr", "div"]):
        if el.find(["p", "li", "div", "table"]):
            continue  # its inner blocks are read one by one
        if el.name == "tr":  # a table row's cells joined as in DOCX: "Name: Post", "Overall effectiveness: Good"
            cells = [c.get_text(" ", strip=True) for c in el.find_all(["td", "th"], recursive=False)]
            t = ": ".join(c for c in cells if c)
        else:
            t = el.get_text(" ", strip=True)
        if t:
            blocks.append(("• " + t) if el.name == "li" else t)
    return ["\n\n".join(blocks)], title  # each block its own paragraph, as in DOCX


def _text_pages(data: bytes, source: str, max_chars: int = settings.MAX_TEXT_CHARS) -> tuple[list[str], str | None]:
    text = _decode(data, source)
    if len(text) > max_chars:
        # Checked before the lines are normalised: that pass costs seconds and gigabytes on 100 MB of text.
        raise InputError(source, f"text is {len(text):,} characters, over the limit of {max_chars:,}")
    if "\x00" in text:
        raise InputError(source, "binary data, not text")
    pages = text.split("\f")
    if len(pages) > 1:  # text made from a PDF page by page (pdftotext): its running headers and footers go
        pages = _strip_running_lines(pages)
    return [unwrap_cells(page) if "   " in page else page for page in pages], None


# Text laid out with spaces (pdftotext -layout and the like) puts a table's right-hand cell on the first line
# of a wrapped left-hand cell, or on a line of its own between its parts:
#     The experiences and progress of            Good
#     children in care
# Read line by line that becomes "The experiences and progress of Good children in care". A row of such a
# table is put back together as "left cell, all its lines   right cell". Only short cells count (a right
# cell of a few words starting well to the right, left lines of a table's width, rows of a few lines), so
# prose that happens to hold a run of spaces is left alone.
_LAID_OUT = re.compile(r"^( *)(\S.*?)(?: {3,}(\S.*?))?\s*$")
_RIGHT_CELL_COLUMN = 30
_CELL_WORDS = 6
_CELL_WIDTH = 70
_ROW_LINES = 4


def unwrap_cells(page: str) -> str:
    """Rejoin the wrapped cells of a table laid out with spaces (see above); everything else as it was."""
    out: list[str] = []
    block: list[str] = []
    for line in [*page.split("\n"), ""]:
        if line.strip():
            block.append(line)
            continue
        out.extend(_unwrap_block(block) if len(block) > 1 else block)
        block = []
        out.append(line)
    return "\n".join(out[:-1])


def _unwrap_block(block: list[str]) -> list[str]:
    cells: list[tuple[str, str | None]] = []  # each line's left and right cell
    for line in block:
        m = _LAID_OUT.match(line.expandtabs())
        if m is None:
            return block
        indent, left, right = len(m.group(1)), m.group(2), m.group(3)
        right_at = m.start(3) if right is not None else indent
        if right is None and indent >= _RIGHT_CELL_COLUMN:  # a right cell on a line of its own
            left, right = "", left
        if right is not None and (right_at < _RIGHT_CELL_COLUMN or len(right.split()) > _CELL_WORDS):
            return block
        if len(left) > _CELL_WIDTH:
            return block
        cells.append((left, right))
    rows: list[list] = []  # [left lines, right cell or None]
    for i, (left, right) in enumerate(cells):
        opens = left[:1].isupper() or left[:1].isdigit()  # a row's label opens with a capital or a number
        row = rows[-1] if rows else None
        if row is None or (row[1] is not None and row[0] and (opens or (
                not left and _opens_label(cells, i + 1)))):
            # A new row: the first line; a label opening below a row that has both cells; or a right cell
            # standing above the label it belongs to ("Requires improvement to be good / Overall effectiveness").
            rows.append([[left] if left else [], right])
        elif right is not None and row[1] is not None:
            # The right cell wraps too ("Requires improvement / to be good", "Requires / Improvement").
            row[0] += [left] if left else []
            row[1] += " " + right
        else:
            row[0] += [left] if left else []
            row[1] = right if right is not None else row[1]
    if all(right is None for _, right in rows) or any(len(lefts) > _ROW_LINES for lefts, _ in rows):
        return block
    out: list[str] = []
    for lefts, right in rows:  # one row a paragraph: rows must not be run together when lines are rejoined
        out += [" ".join(lefts) + ("   " + right if right else ""), ""]
    return out[:-1]


def _opens_label(cells: list[tuple[str, str | None]], i: int) -> bool:
    """Whether line i of a block is a left cell alone that opens a label."""
    return i < len(cells) and cells[i][1] is None and (cells[i][0][:1].isupper() or cells[i][0][:1].isdigit())


# --- Normalisation -------------------------------------------------------------------------------

_CHAR_MAP = str.maketrans(
    {
        "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
        "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u200b": "", "\ufeff": "",
        "\u00ad": "", "\t": " ",
    }
)
_BULLET = re.compile(r"^\s*(?:[\uf000-\uf0ff\u2022\u25aa\u25cf\u25a0\u25fc\u2023\u2043\u25e6\u2219\u00b7\u27a2\u2013-]|o)\s+")
_PUA = re.compile(r"[\ue000-\uf8ff]")
_TERMINAL = (".", ":", ";", "?", "!", "\u201d", '"', ")")


# Characters _CHAR_MAP changes: most pages have none, and str.translate with a mapping costs as much as
# the rest of the line clean-up, so a page is only translated when this finds one.
_CHAR_MAP_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in _CHAR_MAP) + "]")


def _clean_line(line: str, *, translate: bool = True, pua: bool = True) -> tuple[str, bool]:
    """Normalise one line; returns it and whether it starts a bullet item. `translate` and `pua` may be
    turned off by a caller that knows the line has no characters of _CHAR_MAP or the private use area."""
    if translate:
        line = line.translate(_CHAR_MAP)
    bullet = False
    m = _BULLET.match(line)
    if m and (m.group(0).strip() not in {"-", "\u2013", "o"} or len(line) > m.end()):
        stripped = m.group(0).strip()
        if stripped not in {"o", "-", "\u2013"} or line[m.end():m.end() + 1].isupper():
            bullet = True
            line = "\u2022 " + line[m.end():]
    if pua:
        line = _PUA.sub("\u2022", line)
    return " ".join(line.split()), bullet


def _join_lines(raw: str) -> str:
    """Rejoin a page's broken lines: keep a newline at paragraph ends, bullets and headings."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    # pdfium marks a hyphen at a line break as \x02 or U+FFFE ("multi\ufffedisciplinary"): keep the hyphen.
    raw = raw.replace("-\x02\n", "-").replace("\x02\n", "-").replace("\x02", "-").replace("\ufffe\n", "-")
    raw = raw.replace("\ufffe", "-")
    out: list[str] = []
    lines = raw.split("\n")
    translate, pua = bool(_CHAR_MAP_CHARS.search(raw)), bool(_PUA.search(raw))
    for i, line in enumerate(lines):
        text, bullet = _clean_line(line, translate=translate, pua=pua)
        if not text:
            if out and out[-1] != "\n":
                out.append("\n")
            continue
        if out and out[-1] != "\n":
            prev = out[-1]
            if bullet or (prev.endswith(_TERMINAL) and (text[:1].isupper() or text[:1].isdigit())) \
                    or (len(prev) < 45 and not prev.endswith((",", "-")) and text[:1].isupper()
                        and _is_heading(lines, i - 1)):
                out.append("\n")
            elif prev.endswith("-") and text[:1].islower():
                out[-1] = prev  # a compound broken after its hyphen: join without a space
                out.append("\0")
            else:
                out.append(" ")
        out.append(text)
    joined = "".join(out).replace("-\0", "-").replace("\0", "")
    return (_BLANK_LINES.sub("\n", joined) if "\n\n" in joined else joined).strip()


# Runs of newlines, written to open with the literal "\n\n" the regex engine skips ahead to (r"\n{2,}" was
# tried at every position of every page: a tenth of the line clean-up).
_BLANK_LINES = re.compile(r"\n\n+")


def _is_heading(lines: list[str], i: int) -> bool:
    line = lines[i].strip()
    return bool(line) and len(line) < 45 and not line.endswith((",", "and", "of", "the", "to", "in"))


# A footnote at the foot of a page that a sentence runs across ("... workers are better able to spend" /
# "1 The areas for improvement have been cross-referenced ..." / next page: "meaningful time with families.").
_FOOTNOTE_START = re.compile(r"\d{1,2} [A-Z][a-z]")
_FOOTNOTE_LINES = 5  # a footnote starts in the last lines of a page
_CONTINUATION_END = re.compile(r"[.!?][\"\u201d\u2019)]?(?=\s|$)")
_CONTINUATION_MAX = 600


def _trailing_footnote(raw: str) -> str | None:
    """The footnote that ends a page in the middle of a sentence (the line before it has no closing
    punctuation), as its raw lines, or None."""
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").rstrip().split("\n")
    if not lines[-1].rstrip().endswith(_TERMINAL):
        return None
    for j in range(len(lines) - 1, max(0, len(lines) - 1 - _FOOTNOTE_LINES), -1):
        if _FOOTNOTE_START.match(lines[j].strip()):
            before = lines[j - 1].strip()
            return "\n".join(lines[j:]) if before and not before.endswith(_TERMINAL) else None
    return None


def _unsplice_footnotes(pages: list[str], joined: list[str]) -> list[str]:
    """Put the end of a sentence that a footnote cut in two back after its beginning, and the footnote after
    it: the same characters in the same total length, so the offsets of everything else hold. The sentence's
    end moves to the page where it began (its evidence cites that page)."""
    out = list(joined)
    for i in range(len(out) - 1):
        nxt = out[i + 1]
        if not nxt[:1].islower() or (raw := _trailing_footnote(pages[i])) is None:
            continue
        foot = _join_lines(raw)
        end = _CONTINUATION_END.search(nxt, 0, _CONTINUATION_MAX)
        if not foot or not end or not out[i].endswith(" " + foot):
            continue
        out[i] = out[i][:-len(foot)] + nxt[:end.end()]
        out[i + 1] = foot + nxt[end.end():]
    return out


def document_from_pages(
    source: str,
    data: bytes,
    media_type: str,
    pages: list[str],
    *,
    sha256: str | None = None,
    title: str | None = None,
) -> Document:
    """Normalise the pages and join them into one text with page boundaries."""
    parts: list[str] = []
    starts: list[int] = []
    pos = 0
    joined = [_join_lines(raw) for raw in pages]
    if len(joined) > 1:
        joined = _unsplice_footnotes(pages, joined)
    for page in joined:
        if parts:
            prev = parts[-1]
            sep = "\n" if (not prev or prev.endswith(_TERMINAL) or page[:1] == "\u2022") else " "
            parts.append(sep)
            pos += len(sep)
        starts.append(pos)
        parts.append(page)
        pos += len(page)
    text = "".join(parts)
    return Document(
        source=source,
        sha256=sha256 or hashlib.sha256(data).hexdigest(),
        media_type=media_type,
        text=text,
        page_starts=tuple(starts),
        title=title,
    )
