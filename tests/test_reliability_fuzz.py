"""Property tests (hypothesis) for the readers and the extractor on hostile input (RELIABILITY.md IN-20, UN-04).

- `kg.documents.read_document` on random bytes and on mutations of a small valid PDF and DOCX (bytes flipped,
  truncated, chunks spliced in or cut out), under each supported suffix: the outcome is a `Document` or an
  `InputError`, never another exception.
- `kg.extract.extract_document` + `kg.graph.extraction_to_nquads` on random text (control characters,
  any non-surrogate code point, quotes, angle brackets, very long lines, Ofsted phrases mixed in): a
  result or an `InputError`, and the N-Quads always parse in pyoxigraph, every quad in the document's graph.

Each test is bounded by `max_examples` and a per-example deadline; a watchdog ends the run with a traceback
dump if native code ever hangs (an alarm cannot interrupt pdfium).
"""

from __future__ import annotations

import faulthandler
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from reliability_docs import REPORT_LINES, make_docx, make_pdf

from kg.documents import Document, document_from_pages, read_document
from kg.errors import InputError
from kg.graph import AccessLevel, PeopleMode, extraction_to_nquads
from kg.identifiers import graph_iri

PDF = make_pdf([REPORT_LINES, ["Lead inspector: Pat Example", "The MASH is effective."]])
DOCX = make_docx(REPORT_LINES)
SUFFIXES = [".pdf", ".docx", ".txt", ".html", ".md"]
FUZZ = settings(deadline=5000, max_examples=500, suppress_health_check=[HealthCheck.too_slow],
                derandomize=True)

_dir = Path(tempfile.mkdtemp(prefix="kg-fuzz-"))


@pytest.fixture(autouse=True, scope="module")
def watchdog() -> Iterator[None]:
    """Dump every thread's traceback and end the run if this module runs for more than 150 s (a hang);
    remove the scratch folder afterwards."""
    faulthandler.dump_traceback_later(150, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()
    shutil.rmtree(_dir, ignore_errors=True)


def note(outcome: str) -> None:
    """Count an outcome in hypothesis' statistics (pytest --hypothesis-show-statistics)."""
    if currently_in_test_context():
        event(outcome)


def read_bytes(data: bytes, suffix: str) -> Document | None:
    path = _dir / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        doc = read_document(path, max_bytes=10_000_000)
    except InputError as err:
        assert err.path == str(path) and err.reason and "\n" not in err.reason.strip()
        note(f"{suffix} InputError: {err.reason.split('(')[0].strip()[:50]}")
        return None
    note(f"{suffix} Document")
    assert doc.text.strip() and doc.page_count >= 1
    assert all(0 <= s <= len(doc.text) for s in doc.page_starts)
    return doc


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """`seed` with a few edits: flip bits, overwrite, truncate, splice in random or repeated bytes, cut."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "set", "truncate", "insert", "repeat", "cut"]))
        if not data:
            break
        i = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[i] ^= 1 << draw(st.integers(0, 7))
        elif op == "set":
            data[i] = draw(st.integers(0, 255))
        elif op == "truncate":
            del data[i:]
        elif op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=64))
        elif op == "repeat":
            j = draw(st.integers(i, min(len(data), i + 256)))
            data[i:i] = data[i:j] * draw(st.integers(1, 4))
        else:
            j = draw(st.integers(i, min(len(data), i + 512)))
            del data[i:j]
    return bytes(data)


@FUZZ
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_read_document_random_bytes(data: bytes, suffix: str) -> None:
    read_bytes(data, suffix)


@FUZZ
@given(data=mutated(PDF))
def test_read_document_mutated_pdf(data: bytes) -> None:
    read_bytes(data, ".pdf")


@FUZZ
@given(data=mutated(DOCX))
def test_read_document_mutated_docx(data: bytes) -> None:
    read_bytes(data, ".docx")


@FUZZ
@given(data=st.one_of(mutated(PDF), mutated(DOCX)), suffix=st.sampled_from([".txt", ".html"]))
def test_read_document_binary_under_text_suffix(data: bytes, suffix: str) -> None:
    read_bytes(data, suffix)


def test_mutations_reach_the_parsers() -> None:
    """The mutated seeds are valid to begin with, so the mutations probe the parsers, not only the sniffing."""
    assert read_bytes(PDF, ".pdf") is not None
    assert read_bytes(DOCX, ".docx") is not None


# --- extraction and N-Quads ------------------------------------------------------------------------

PHRASES = [
    "Inspection of Harrow local authority children's services", "Overall effectiveness: Good",
    "Inspection dates: 4 March to 15 March 2019", "Lead inspector: Pat Example",
    "The multi-agency safeguarding hub (MASH)", "Metropolitan Police Service", "Signs of Safety",
    "16% against a London average of 26%", "98% of assessments", "Director of Children's Services",
    "Annual engagement meeting", "Attending:", "Requires improvement to be good", "Inadequate",
    "children in care and care leavers", "Family Safeguarding", "works with", "is funded by", "piloted",
    '"quoted" <angle> & \\ backslash', "\u202eevil\u202c", "\x00\x01\x0b\x1f\x7f", "\ufffe\uffff", "\u2028",
    "e\u0301", "\ufb01nance", "Tom Brown, aged 7", "1,000,000", "£5,000", "\t", "\n", "\f", "• ",
]
any_char = st.characters(blacklist_categories=("Cs",))
fragment = st.one_of(st.sampled_from(PHRASES), st.text(any_char, max_size=40),
                     st.text(st.sampled_from(list("<>\"'\\&{}@^_:.;#% \n\t")), max_size=20))
texts = st.one_of(
    st.text(any_char, min_size=1, max_size=2000),
    st.lists(fragment, min_size=1, max_size=60).map(" ".join),
    st.lists(fragment, min_size=1, max_size=60).map("\n".join),
    st.tuples(st.sampled_from(PHRASES), st.integers(1000, 60000)).map(lambda t: (t[0] + " ") * (t[1] // 50)),
    st.integers(5000, 200_000).map(lambda n: "x" * n),
)


@pytest.fixture(scope="module")
def resources():  # -> (thesaurus, authority index)
    from kg.reference import default_index
    from kg.thesaurus import load_thesaurus

    return load_thesaurus(), default_index()


@settings(deadline=20000, max_examples=1000, suppress_health_check=[HealthCheck.too_slow,
                                                                    HealthCheck.function_scoped_fixture],
          derandomize=True)
@example(text="x" * 300_000, people=PeopleMode.KEEP, access=None)
@example(text=" ".join(PHRASES) * 300, people=PeopleMode.KEEP, access=None)  # one ~100k-character line
@example(text="".join(map(chr, range(0x20))) + "".join(map(chr, range(0x7f, 0xa0))), people=PeopleMode.DROP,
         access=AccessLevel.RESTRICTED)
@example(text="\n".join(PHRASES), people=PeopleMode.ROLES, access=None)
@given(text=texts, people=st.sampled_from(list(PeopleMode)),
       access=st.sampled_from([None, AccessLevel.PUBLIC, AccessLevel.RESTRICTED]))
def test_extraction_always_gives_valid_nquads(resources, text: str, people: PeopleMode,
                                              access: AccessLevel | None) -> None:
    import pyoxigraph as ox

    from kg.extract import extract_document

    thesaurus, authorities = resources
    doc = document_from_pages("fuzz.txt", text.encode("utf-8", "surrogatepass"), "text/plain", text.split("\f"))
    try:
        ex = extract_document(doc, thesaurus, authorities)
        nquads = extraction_to_nquads(doc, ex, people=people, access=access)
    except InputError:
        event("InputError")
        return
    event(f"document graph ({'with' if ex.authority else 'no'} authority)")
    quads = list(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    assert quads, "a document graph always states the document"
    graph = graph_iri(doc.sha256)
    assert {q.graph_name.value for q in quads} == {graph}
    if people == PeopleMode.DROP:
        assert not any(q.object.value.endswith("#Person") for q in quads)
