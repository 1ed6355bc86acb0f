"""What the field tests share: a document from test text, targets as plain tuples."""
from __future__ import annotations

from pathlib import Path

from extractor.extract.document import Document
from extractor.extract.fields.targets import extract_targets
from extractor.extract.readers import read_bytes


def doc_of(text: str, name: str = "t.txt") -> Document:
    """``text`` read as a file called ``name`` (its suffix picks the reader)."""
    return read_bytes(Path(name), text.encode("utf-8"))


def targets_of(text: str, name: str = "t.txt") -> list[tuple[str | None, float]]:
    """The uptime targets found in ``text``, as ``(service, percent)``."""
    targets, _ = extract_targets(doc_of(text, name))
    return [(t.service, float(t.percent)) for t in targets]
