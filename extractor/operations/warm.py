"""Imported by the forkserver only: loads the tokenizer once, so that every child
forked from it (batch workers, :func:`extract_limited`) starts with it loaded."""
from __future__ import annotations

from extractor.extract.fields.common import nlp

try:
    nlp()
except Exception:  # noqa: BLE001, S110 -- the first document reports it
    pass
