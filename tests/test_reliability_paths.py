"""Output paths made from names in the graph never leave the output folder (RELIABILITY.md FS-01, FS-02).

Authority labels and thesaurus concept IRIs become file names in `kg site` and `kg viz`. Here they are
hostile ("../../etc/x", absolute paths, backslashes, dot segments in an IRI): every file written must sit
inside the chosen folder, and nothing may be created or changed anywhere else.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_viz import make_store

from kg.cli import cli
from kg.identifiers import SGT
from kg.store import ExportFormat, open_store

EVIL_LABELS = {
    '"Harrow"': '"../../etc/x"',
    '"Barnet"': '"/etc/passwd"',
    '"Redbridge"': '"..\\\\..\\\\evil/../x"',  # N-Quads escapes the backslashes
    '"Merton"': '"~/.ssh/authorized_keys"',
}


def tree(root: Path, *skip: Path) -> dict[str, float]:
    """Every file and folder under `root` (outside the `skip` folders), with its modification time."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        if any(here == s or s in here.parents for s in skip):
            dirnames[:] = []
            continue
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            out[str(p)] = p.lstat().st_mtime
    return out


@pytest.fixture()
def evil_store(tmp_path: Path) -> Path:
    text = make_store().dump(ExportFormat.NQ).decode("utf-8")
    for old, new in EVIL_LABELS.items():
        assert old in text
        text = text.replace(old, new)
    # Concept IRIs with dot segments and slashes: their local part becomes a page name.
    text = text.replace(f"<{SGT}mash>", f"<{SGT}../../../../mash>")
    text = text.replace(f"<{SGT}pams>", f"<{SGT}a/b/../../../pams>")
    store_dir = tmp_path / "store"
    store = open_store(store_dir)
    store._store.load(text.encode("utf-8"), format=__import__("pyoxigraph").RdfFormat.N_QUADS)
    store.close()
    return store_dir


def test_site_pages_stay_in_the_site_folder(evil_store: Path, tmp_path: Path) -> None:
    from kg.site import build_site

    out = tmp_path / "deep" / "site"
    before = tree(tmp_path, out, evil_store)
    with open_store(evil_store) as store:
        report = build_site(store, out, include_restricted=True, show_people=True)
    after = tree(tmp_path, out, evil_store)
    created = sorted(set(after) - set(before))
    changed = sorted(p for p in before if p in after and after[p] != before[p])
    # Only the site folder (and its parent, made for it) is new outside the store.
    assert created in ([str(tmp_path / "deep")], [str(tmp_path / "deep"), str(out)]), created
    assert set(changed) <= {str(tmp_path / "deep"), str(evil_store)}, changed  # the store folder itself
    resolved = out.resolve()
    for page in report.pages:
        assert resolved in page.resolve().parents, page
    names = {p.name for p in out.rglob("*")}
    assert not any(n.startswith(("..", "~")) or "\\" in n for n in names)
    assert report.authority_pages >= 4
    assert (out / "authority" / "etc-x.html").is_file()  # "../../etc/x", slugged
    assert (out / "practice").is_dir() and any(p.name.startswith("mash") for p in (out / "practice").iterdir())
    assert not (tmp_path / "etc").exists() and not Path("/etc/x.html").exists()


@pytest.mark.parametrize("args", [
    ["authority", "../../etc/x"],
    ["authority", "/etc/passwd"],
    ["neighbours", "../../etc/x"],
    ["practice", "mash"],
    ["practice", "pams"],
    ["pair", "../../etc/x", "/etc/passwd"],
])
def test_viz_default_output_stays_in_visualisations(evil_store: Path, tmp_path: Path, args: list[str],
                                                    monkeypatch) -> None:
    here = tmp_path / "cwd"
    here.mkdir()
    monkeypatch.chdir(here)  # the default output folder is relative to the working directory
    before = tree(tmp_path, here / "visualisations", evil_store)
    result = CliRunner().invoke(cli, ["--store", str(evil_store), "viz", *args, "--include-restricted"])
    assert result.exit_code == 0, result.output
    written = list((here / "visualisations").iterdir())
    after = tree(tmp_path, here / "visualisations", evil_store)
    assert len(written) == 1 and written[0].suffix == ".html", written
    assert "/" not in written[0].name and not written[0].name.startswith(".")
    created = set(after) - set(before)
    assert created <= {str(here / "visualisations")}, created
