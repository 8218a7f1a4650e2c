"""Errors the user can fix. The CLI prints them as one line, without a traceback."""

from __future__ import annotations


class KgError(Exception):
    """A problem the user can fix; the CLI shows it without a traceback (exit code 1)."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


class InputError(KgError):
    """A document cannot be read: wrong type, truncated, encrypted, empty, too large, undecodable."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class StoreError(KgError):
    """The store cannot be opened, is locked by another process, or a server refused a request."""


class StoreBusyError(StoreError):
    """Another process holds the embedded store."""


class StoreMissingError(StoreError):
    """A command that reads the store was pointed at a folder holding none (a mistyped --store, or nothing
    ingested yet): it fails rather than read, or create, an empty store."""


class QueryError(KgError):
    """A SPARQL query is malformed, not allowed (update, SERVICE) or timed out."""


class ValidationFailed(KgError):
    """SHACL validation found violations (a finding, reported with exit code 1)."""
