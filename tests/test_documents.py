"""Readers: text, pages and offsets, header removal, and clear errors on bad input."""

from __future__ import annotations

import ctypes
import zipfile
from pathlib import Path

import pytest

from kg.documents import read_document
from kg.errors import InputError


def _write_pdf(path: Path, pages: list[str]) -> None:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument.new()
    for text in pages:
        page = pdf.new_page(595, 842)
        y = 800
        for line in text.split("\n"):
            obj = raw.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", 11.0)
            ws = (line + "\0").encode("utf-16-le")
            buf = (ctypes.c_ushort * (len(ws) // 2)).from_buffer_copy(ws)
            raw.FPDFText_SetText(obj, buf)
            raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 50, y)
            raw.FPDFPage_InsertObject(page.raw, obj)
            y -= 14
        raw.FPDFPage_GenerateContent(page.raw)
    pdf.save(str(path))


def test_documents_pdf_pages_offsets_and_running_header(tmp_path: Path) -> None:
    header = "Inspection of Testshire local authority children's services"
    pages = [
        "Inspection of Testshire local authority children's services\nFirst page text ends here.",
        f"{header}\n1 to 5 May 2023 2\nThe MASH works with the police.",
        f"{header}\n1 to 5 May 2023 3\nThe virtual school is strong.",
    ]
    path = tmp_path / "report.pdf"
    _write_pdf(path, pages)
    doc = read_document(path)
    assert doc.page_count == 3
    assert doc.text.count(header) == 1  # the running header is gone from pages 2 and 3
    assert "1 to 5 May 2023" not in doc.text
    assert doc.page_of(doc.text.index("MASH")) == 2
    assert doc.page_of(doc.text.index("virtual school")) == 3
    assert len(doc.sha256) == 64


def test_documents_text_rejoins_broken_lines_and_keeps_bullets(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The multi-\nagency hub is\nstrong.\n\uf0b7 First item\n\uf0b7 Second item\n", encoding="utf-8")
    doc = read_document(path)
    assert "multi-agency hub is strong." in doc.text
    assert "\n\u2022 First item\n\u2022 Second item" in doc.text


def test_documents_decodes_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_bytes("Children\u2019s services in Harrow \u2013 caf\u00e9 notes".encode("cp1252"))
    assert "Children\u2019s services" in read_document(path).text


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.pdf", b"", "empty file"),
        ("page.pdf", b"<!DOCTYPE html><html><body>Report not found</body></html>", "HTML page"),
        ("random.pdf", bytes(range(256)) * 20, "not a PDF"),
        ("truncated.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>", "broken or truncated"),
        ("notzip.docx", b"this is not a zip", "not a zip"),
        ("binary.txt", b"\x00\x01\x02\x00" * 1000, "binary"),
        ("x.xyz", b"hello", "unsupported file type"),
    ],
)
def test_documents_bad_input_is_a_clear_error(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_document(path)
    assert reason in str(err.value)
    assert str(path) in str(err.value)


def test_documents_docx_zip_bomb_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"<a/>" + b" " * (120 * 1024 * 1024))
    with pytest.raises(InputError, match="zip bomb"):
        read_document(path)


def test_documents_docx_external_entity_not_resolved(tmp_path: Path) -> None:
    import docx

    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    good = tmp_path / "good.docx"
    d = docx.Document()
    d.add_paragraph("The MASH is strong.")
    d.save(str(good))
    evil = tmp_path / "evil.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(evil, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                decl_end = text.index("?>") + 2
                text = (text[:decl_end] + f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]>'
                        + text[decl_end:]).replace("The MASH is strong.", "&xxe;")
                data = text.encode("utf-8")
            dst.writestr(item, data)
    try:
        doc = read_document(evil)
    except InputError:
        return  # refusing the file is also safe
    assert "TOPSECRET" not in doc.text


def test_documents_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 5000, encoding="utf-8")
    with pytest.raises(InputError, match="over the limit"):
        read_document(path, max_bytes=1000)
    with pytest.raises(InputError, match="over the limit"):
        read_document(path, max_chars=100)


def test_documents_real_corpus_report(shared_dir: Path) -> None:
    path = shared_dir / "corpus" / "ofsted-ilacs" / "2532283_dorset" / "2025-05-09.pdf"
    doc = read_document(path)
    assert doc.page_count == 12
    assert doc.text.startswith("Inspection of Dorset local authority")
    # Page 2's running header (title and dates with the page number) is not in the text stream.
    assert "21 March 2025 2" not in doc.text
    assert doc.page_of(doc.text.index("What needs to improve")) == 2


# A grades table as `pdftotext -layout` writes it (invented grades): the grade on the first line of a wrapped
# label, on a line of its own between a label's parts, broken over two lines itself, and above its label.
LAID_OUT_TABLE = """Inspection of Example local authority children's services

 Judgement                                  Grade

 The impact of leaders on social work       Good
 practice with children and families

 The experiences and progress of            Requires improvement
 children who need help and protection      to be good

2. Children looked after and achieving
                                                                      Inadequate
   permanence

                                                                      Requires
3. Leadership, management and governance
                                                                      Improvement

 The experiences and progress of care       Good
 leavers
                                            Outstanding
 Overall effectiveness

Leaders have   strengthened the front door, and the   multi-agency hub now meets daily with police
and health colleagues, who describe the arrangements as good.
"""


def test_documents_text_laid_out_with_spaces_keeps_table_rows_whole(tmp_path: Path) -> None:
    p = tmp_path / "laid-out.txt"
    p.write_text(LAID_OUT_TABLE, encoding="utf-8")
    lines = read_document(p).text.split("\n")
    assert "The impact of leaders on social work practice with children and families Good" in lines
    assert ("The experiences and progress of children who need help and protection Requires improvement to be good"
            in lines)
    assert "2. Children looked after and achieving permanence Inadequate" in lines
    assert "3. Leadership, management and governance Requires Improvement" in lines
    assert "The experiences and progress of care leavers Good" in lines
    assert "Overall effectiveness Outstanding" in lines
    # Prose with runs of spaces is only rejoined, never reordered.
    assert lines[-1].startswith("Leaders have strengthened the front door, and the multi-agency hub now meets")
    assert lines[-1].endswith("describe the arrangements as good.")


def test_documents_laid_out_table_gives_the_same_grades_as_a_table_on_one_line(tmp_path: Path) -> None:
    from kg.extract.judgements import extract_judgements

    p = tmp_path / "laid-out.txt"
    p.write_text(LAID_OUT_TABLE, encoding="utf-8")
    got = {(j.area, j.grade) for j in extract_judgements(read_document(p).text)}
    assert got == {("ImpactOfLeaders", "Good"), ("HelpAndProtection", "RequiresImprovement"),
                   ("ChildrenInCare", "Inadequate"), ("CareLeavers", "Good"),
                   ("OverallEffectiveness", "Outstanding")}


def test_documents_text_with_page_breaks_loses_its_running_lines(tmp_path: Path) -> None:
    # Text made from a PDF page by page (form feeds between pages) keeps the header and page number of each
    # page, which would otherwise cut sentences that run over a page break.
    bodies = ["Leaders know their services well and", "the front door responds quickly to", "families whose needs are",
              "complex, with clear plans for each child."]
    pages = [f"Inspection of Example local authority children's services\n{body}\n{n}"
             for n, body in enumerate(bodies, 1)]
    p = tmp_path / "paged.txt"
    p.write_text("\f".join(pages), encoding="utf-8")
    doc = read_document(p)
    assert doc.page_count == 4
    assert doc.text.count("Inspection of Example local authority") == 1  # the first page keeps its title
    # The sentence runs on across the breaks, the page numbers gone.
    assert "quickly to families whose needs are complex, with clear plans" in doc.text


def test_documents_docx_tables_stand_where_they_are_with_their_cells_apart(tmp_path: Path) -> None:
    import docx

    from kg.extract.metadata import extract_metadata

    # An invented engagement note whose attendees are a two-column table under the heading.
    d = docx.Document()
    d.add_paragraph("Note of the annual engagement meeting with Barnet children's services on 9 May 2024")
    d.add_paragraph("Attending:")
    table = d.add_table(rows=2, cols=2)
    for row, (name, post) in zip(table.rows, [("Jane Example", "Director of Children's Services"),
                                             ("Ali Testname", "Head of Early Help")], strict=True):
        row.cells[0].text, row.cells[1].text = name, post
    d.add_paragraph("Leaders described the new family hubs.")
    path = tmp_path / "note.docx"
    d.save(str(path))
    text = read_document(path).text
    assert text.index("Jane Example: Director of Children's Services") < text.index("Leaders described")
    md = extract_metadata(text, lambda _n: None)
    assert [(n, p) for n, p, _ in md.attendees] == [("Jane Example", "Director of Children's Services"),
                                                    ("Ali Testname", "Head of Early Help")]
    assert md.period_start.isoformat() == "2024-05-09"


def test_documents_html_table_rows_keep_their_cells_together(tmp_path: Path) -> None:
    from kg.extract.judgements import extract_judgements
    from kg.extract.metadata import extract_metadata

    # An invented page: a grades table and an attendees table, each row's cells in <td>s.
    page = ("<html><body><h1>Annual engagement meeting with Barnet children's services on 9 May 2024</h1>"
            "<p>Attending:</p><table><tr><td>Jane Example</td><td>Director of Children's Services</td></tr>"
            "<tr><td>Ali Testname</td><td>Head of Early Help</td></tr></table>"
            "<table><tr><th>Judgement</th><th>Grade</th></tr><tr><td>Overall effectiveness</td><td>Good</td></tr>"
            "</table><p>Leaders described the new family hubs.</p></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    text = read_document(path).text
    md = extract_metadata(text, lambda _n: None)
    assert [(n, p) for n, p, _ in md.attendees] == [("Jane Example", "Director of Children's Services"),
                                                    ("Ali Testname", "Head of Early Help")]
    assert [(j.area, j.grade) for j in extract_judgements(text)] == [("OverallEffectiveness", "Good")]


# A sentence that runs from one page to the next past a footnote at the foot of the first page (invented
# wording in the layout of the reports published since 2025).
FOOTNOTE_PAGES = [
    "Inspection of Example local authority children's services\n"
    "4. Plans are clear and reviewed often. Since the restructure, social workers are able to give\n"
    "1 The areas for improvement are mapped to the outcomes of the national framework for children's\n"
    "social care. The framework is statutory guidance.",
    "more time to each family and to their networks.\n5. Conferences are timely.",
]


def test_documents_a_footnote_no_longer_splits_the_sentence_it_interrupts(monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.documents
    from kg.documents import document_from_pages

    doc = document_from_pages("example.pdf", b"x", "application/pdf", list(FOOTNOTE_PAGES))
    sentence = "Since the restructure, social workers are able to give more time to each family and to their networks."
    assert sentence in doc.text
    assert "1 The areas for improvement are mapped" in doc.text  # the footnote is kept, after the sentence
    assert doc.text.index("1 The areas") > doc.text.index(sentence)
    assert doc.page_of(doc.text.index(sentence)) == 1
    assert doc.page_of(doc.text.index("5. Conferences")) == 2
    # The same characters in the same length: offsets of everything else stay as they were.
    monkeypatch.setattr(kg.documents, "_unsplice_footnotes", lambda pages, joined: joined)
    spliced = document_from_pages("example.pdf", b"x", "application/pdf", list(FOOTNOTE_PAGES))
    assert "able to give 1 The areas" in spliced.text
    assert sorted(spliced.text) == sorted(doc.text)
    assert spliced.text.endswith("5. Conferences are timely.") and doc.text.endswith("5. Conferences are timely.")


def test_documents_a_footnote_after_a_whole_sentence_stays_where_it_is() -> None:
    from kg.documents import document_from_pages

    pages = [FOOTNOTE_PAGES[0].replace("able to give\n", "able to give time.\n"), "More follows.\n5. Next."]
    doc = document_from_pages("example.pdf", b"x", "application/pdf", pages)
    assert "able to give time.\n1 The areas" in doc.text
    assert doc.text.endswith("More follows.\n5. Next.")


def test_facing_page_numbers_make_one_running_header(tmp_path: Path) -> None:
    # A second report in one file runs its own header over only a few of the file's pages, with the page number
    # first on one page and last on the next; it had been read into a sentence, its number as a figure
    # (practitioner check V). Invented text.
    front = [f"Inspection of Example local authority children's services\nBody text of page {n} ends here."
             for n in range(1, 9)]
    board = [(f"{n} Review of the Example safeguarding board" if n % 2 else f"Review of the Example safeguarding "
              f"board {n}") + "\nLeaders share key\n" for n in range(9, 13)]
    board[0] = board[0].replace("Leaders share key\n", "Leaders share key")
    p = tmp_path / "two.txt"
    p.write_text("\f".join(front + board), encoding="utf-8")
    doc = read_document(p)
    assert "safeguarding board 1" not in doc.text and "9 Review" not in doc.text
