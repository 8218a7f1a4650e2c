"""The pattern rewrites that make extraction faster must find exactly what the plain patterns find."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.text import lower_same_offsets, opening_filter, word_start_alternation

# Shapes the extractor uses: \b or a look-behind first, alternations of words, (?i:...) inside, optional
# openings, digits and classes; plus shapes the filter must leave alone (negated sets, patterns that can match
# empty).
PATTERNS = [
    r"\b(?:not yet|no longer|inconsistent(?:ly)?)\b",
    r"(?<![\w-])(?:multi-agency|strategy) (?:panel|meeting)s?\b",
    r"\b(?i:lead inspector)[: ]+([A-Z][a-z]+)",
    r"(?:\d+|[a-z]+)%",
    r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)* (?:Team|Hub)\b",
    r"(?:the )?(?:MASH|hub)\b",
    r"[^a-z]+x",
    r"a*",
]
TEXT = st.text(alphabet=st.sampled_from([*"aeilnostxyzAHMSTL0123456789 -%:\n.’", "\u0131", "\u017f"]),
               max_size=80)
WORDS = ["two", "three", "twelve", "ten", "one", "eleven"]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(text=TEXT, flags=st.sampled_from([0, re.I]))
def test_opening_filter_finds_the_same_matches(text: str, flags: int) -> None:
    for source in PATTERNS:
        plain = re.compile(source, flags)
        assert _spans(opening_filter(plain), text) == _spans(plain, text), source


def test_opening_filter_leaves_patterns_it_cannot_help_alone() -> None:
    for source in (r"[^a-z]+x", r"a*", r"MASH\b", r"[A-Z]\w+"):
        plain = re.compile(source)
        assert opening_filter(plain) is plain, source
    assert opening_filter(re.compile(r"\b(?:panel|forum)\b")).pattern.startswith("(?=[")


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from([*"onetwhrlvx -", "one", "two", "three", "twelve"]), max_size=30))
def test_word_start_alternation_matches_the_plain_alternation(pieces: list[str]) -> None:
    text = "".join(pieces)
    fast = re.compile("(" + word_start_alternation(WORDS, r"[\w-]") + r")\b")
    plain = re.compile(r"(?<![\w-])(" + "|".join(WORDS) + r")\b")
    assert _spans(fast, text) == _spans(plain, text)


def test_lower_same_offsets_refuses_text_whose_offsets_or_matches_would_move() -> None:
    assert lower_same_offsets("The MASH") == "the mash"
    assert lower_same_offsets("\u0130stanbul") is None  # lower() makes two characters of one
    assert lower_same_offsets("Mi\u017fs") is None  # re.I reads the long s as an s; lower() does not


def _tokens_before_plain(text: str, pos: int, limit: int) -> list[tuple[int, str]]:
    """The whole window split, then its last `limit` tokens: what entities._tokens_before gives faster."""
    window_start = max(0, pos - 160)
    window = text[window_start:pos]
    tokens = window.split()
    if window_start and tokens and not window[0].isspace():
        tokens = tokens[1:]
    out = []
    end = len(window)
    for token in reversed(tokens[-limit:]):
        at = window.rfind(token, 0, end)
        out.append((window_start + at, token))
        end = at
    return out


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(["a", "team", "x-y", " ", "  ", "\n", "\t"]), max_size=160),
       limit=st.integers(1, 12), back=st.integers(0, 40))
def test_tokens_before_matches_the_whole_window_split(pieces: list[str], limit: int, back: int) -> None:
    from kg.extract.entities import _tokens_before

    text = "".join(pieces)
    pos = max(0, len(text) - back)
    assert _tokens_before(text, pos, limit) == _tokens_before_plain(text, pos, limit)


_COMPARATOR_PIECES = ["London ", "AVERAGE", "average", "Statistical", " neighbours", "Target",
                      "s\u0131milar ", "\u017ftatistical", "\u0130nner london", "nationally", "12%", " 45 ",
                      "than ", "the ", "Previous year", "x", " "]


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(_COMPARATOR_PIECES), max_size=12))
def test_sentences_without_a_comparator_opening_hold_no_comparator(pieces: list[str]) -> None:
    from kg.extract import metrics as m

    sentence = "".join(pieces)
    low = sentence.lower()
    scan = low if len(low) == len(sentence) else None
    if not m._may_compare(sentence, scan):
        assert not m._CMP_VALUE.search(sentence) and not m._VALUE_CMP.search(sentence)
        assert not m._CMP_ONLY.search(sentence)


def test_no_module_level_name_is_defined_twice() -> None:
    """A second pattern under a name already used silently replaces the first for every function that reads it
    (it happened twice: metrics' clause breaks and entities' kind before a name, each found sessions later)."""
    import ast
    from collections import defaultdict
    from pathlib import Path

    twice = []
    for path in sorted((Path(__file__).resolve().parents[1] / "kg").rglob("*.py")):
        lines: dict[str, list[int]] = defaultdict(list)
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = node.targets if isinstance(node, ast.Assign) else [node] if isinstance(
                node, ast.FunctionDef | ast.ClassDef) else []
            for t in targets:
                if isinstance(t, ast.Name):
                    lines[t.id].append(node.lineno)
                elif isinstance(t, ast.FunctionDef | ast.ClassDef):
                    lines[t.name].append(node.lineno)
        twice += [f"{path.name}:{name} {at}" for name, at in lines.items() if len(at) > 1]
    assert not twice
