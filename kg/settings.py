"""Named defaults. The library takes every value as an argument; only the CLI reads KG_* variables."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: The project root (ontology/, data/ and visualisations/ live beside the package in a checkout).
PROJECT_DIR = PACKAGE_DIR.parent
ONTOLOGY_DIR = PROJECT_DIR / "ontology"
DATA_DIR = PROJECT_DIR / "data"
REFERENCE_DIR = DATA_DIR / "reference"
SAMPLES_DIR = DATA_DIR / "samples"
VISUALISATIONS_DIR = PROJECT_DIR / "visualisations"
QUERIES_DIR = PACKAGE_DIR / "queries"

#: Default embedded store location (relative to the working directory), overridden by --store or $KG_STORE.
STORE_DIR = Path("kg-store")

#: Largest input file read, in bytes (a bigger one is refused with a clear error).
MAX_FILE_BYTES = 200 * 1024 * 1024
#: Largest number of PDF pages read from one document.
MAX_PAGES = 2000
#: Largest extracted text, in characters, for one document (the largest report in the corpus has 131,000;
#: extraction of 5 million characters was measured at 80 s and 3.2 GB).
MAX_TEXT_CHARS = 1_000_000
#: Default deadline for `kg query`, in seconds.
QUERY_TIMEOUT = 30.0
#: Documents sent to a remote store in one update request.
REMOTE_BATCH = 20
#: New documents written to the embedded store in one go (one bulk ingestion, see kg.store).
EMBEDDED_BATCH = 64
#: Largest batch of N-Quads (UTF-8 bytes) held before it is written.
WRITE_BATCH_BYTES = 120_000_000
