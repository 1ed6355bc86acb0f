"""One document in, one evidence-linked SLAExtraction out.

Reading is the readers' work (``readers/``), proposing values the field families'
(``fields/``, registered in ``registry.py``), choosing among them and checking them
against each other the resolver's (``resolver.py``). This module ties them together for
callers that hold a path or bytes.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from extractor.extract.document import Document
from extractor.extract.readers import ReadOptions, read_bytes
from extractor.extract.resolver import resolve
from schemas import SLAExtraction


def extract_document(doc: Document, sha256: str = "", size: int | None = None) -> SLAExtraction:
    return resolve(doc, sha256, size)


def extract_bytes(path: Path, data: bytes, options: ReadOptions | None = None) -> SLAExtraction:
    doc = read_bytes(path, data, options)
    return extract_document(doc, hashlib.sha256(data).hexdigest(), len(data))


def extract_file(path: Path | str, options: ReadOptions | None = None) -> SLAExtraction:
    """Read and extract one file; raises DocumentLoadError for bad input."""
    from extractor.extract.readers import load_bytes

    path = Path(path)
    return extract_bytes(path, load_bytes(path, options or ReadOptions()), options)
