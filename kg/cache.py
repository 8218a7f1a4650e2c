"""A small on-disk cache of analysis results, valid only while the store is unchanged.

`kg analyse` spends most of its time (0.6-0.8 s on the full corpus) reading the authority-practice graph
out of the store and running Louvain and betweenness in networkx; the answer only changes when the store
does. Results are kept as JSON (never pickle: a cache file is data, not code) under a key made of the
question's parameters, the kg version and the store's *state*.

The state of an embedded store is a digest of the names, sizes and modification times of its RocksDB files
(CURRENT, MANIFEST, write-ahead logs, table files, OPTIONS). Every committed write changes one of them,
whichever tool made it (kg, the oxigraph CLI, a server on the directory), and reading does not; RocksDB's
own info logs (LOG*) and LOCK are left out because a read-only open touches them. A background compaction
also changes the files: that only costs one recomputation. An in-memory or remote store has no state we
can see cheaply (another client may write at any time), so nothing is cached for it.

Where: $KG_CACHE_DIR, else $XDG_CACHE_HOME/safeguarding-kg, else ~/.cache/safeguarding-kg. A cache that
cannot be read or written is skipped silently (logged at debug level); the answer is then computed.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from kg import __version__
from kg.store import EmbeddedStore, Store

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Entries kept per kind of result; older ones are removed when a new one is written.
MAX_ENTRIES = 64
_VOLATILE = ("LOG", "LOCK")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while many objects are built at once.

    Building the whole corpus' practice from its cached JSON makes ~17 k entities with their sets of
    documents; each few hundred new containers start a collection, and the older generations' passes walk
    everything built so far, which doubled the load (78 -> 38 ms measured with it paused). Nothing built
    there forms reference cycles, so pausing frees nothing later; the collector is restored on the way out
    (left off if it was off already).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def cache_dir() -> Path:
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "safeguarding-kg"


def store_state(store: Store) -> str | None:
    """A digest that changes whenever the store's content may have changed; None when it cannot be known."""
    if not isinstance(store, EmbeddedStore) or store.location == ":memory:":
        return None
    folder = Path(store.location)
    try:
        entries = sorted(
            (e.name, st.st_size, st.st_mtime_ns)
            for e in os.scandir(folder)
            if e.is_file() and not e.name.startswith(_VOLATILE)
            for st in [e.stat()]
        )
    except OSError:
        return None
    digest = hashlib.sha256(os.path.realpath(folder).encode("utf-8", "surrogatepass"))
    for name, size, mtime in entries:
        digest.update(f"{name}\0{size}\0{mtime}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def cached(
    kind: str,
    store: Store,
    params: Mapping[str, Any],
    compute: Callable[[], T],
    *,
    to_json: Callable[[T], Any],
    from_json: Callable[[Any], T],
    keep: int = MAX_ENTRIES,
) -> tuple[T, bool]:
    """(result, True if it came from the cache). The result is stored only if it survives a JSON round
    trip unchanged, so a cached answer is always exactly the computed one. `keep` bounds the entries of
    this kind (large ones, such as a whole store's practice, keep only a few)."""
    state = store_state(store)
    if state is None:
        return compute(), False
    key = hashlib.sha256(
        json.dumps([kind, __version__, state, dict(params)], sort_keys=True, default=str).encode()
    ).hexdigest()
    folder = cache_dir() / kind
    path = folder / f"{key}.json"
    try:
        text = path.read_text(encoding="utf-8")
        with gc_paused():
            return from_json(json.loads(text)), True
    except FileNotFoundError:
        pass
    except (OSError, ValueError, TypeError, KeyError) as err:
        log.debug("cache entry %s unreadable (%s); recomputing", path, err)
    result = compute()
    data = to_json(result)
    try:
        text = json.dumps(data, ensure_ascii=False)
        if json.loads(text) != data:
            return result, False
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)  # readers see the whole entry or none
        _prune(folder, keep)
    except (OSError, TypeError, ValueError) as err:
        log.debug("cannot write cache entry %s (%s)", path, err)
    return result, False


def _prune(folder: Path, keep: int = MAX_ENTRIES) -> None:
    entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[keep:]:
        old.unlink(missing_ok=True)


def clear(kind: str | None = None) -> None:
    """Remove cached results (of one kind, or all)."""
    root = cache_dir()
    folders = [root / kind] if kind else [p for p in root.glob("*") if p.is_dir()]
    for folder in folders:
        for entry in folder.glob("*.json"):
            entry.unlink(missing_ok=True)
