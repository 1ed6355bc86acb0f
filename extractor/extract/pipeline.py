"""One document in, one evidence-linked SLAExtraction out.

Reading is the readers' work (``readers/``), proposing values the field families'
(``fields/``, registered in ``registry.py``), choosing among them and checking them
against each other the resolver's (``resolver.py``). This module ties them together for
callers that hold a path or bytes.
"""
from __future__ import annotations

import contextlib
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


WARM_UP = (b"# Warm-up SLA\n\nThe Service will be available 99.9% of each month. Below 99.9% "
           b"you receive a 10% service credit, capped at 50% of the monthly fee. Claims must be "
           b"e-mailed within 30 days. Maintenance is announced 48 hours ahead.\n")


def warm_up() -> None:
    """Run one small extraction, so that the first real document does not pay for
    compiling patterns and building matchers (0.06 s): worth it only beside other work.
    A failure is left for that document to report."""
    with contextlib.suppress(Exception):  # the real document reports what is wrong
        extract_bytes(Path("warm-up.md"), WARM_UP)
