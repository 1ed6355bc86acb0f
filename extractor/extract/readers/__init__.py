"""Readers: one module per format, each ``read_<fmt>(path, data, options) -> Document``.

Adding a format is one module and one line in ``READERS``.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from extractor.extract.document import Document
from extractor.errors import DocumentLoadError


@dataclass(frozen=True)
class ReadOptions:
    """Limits and secrets for reading one document."""

    password: str | None = None
    max_bytes: int = 50 * 1024 * 1024
    max_pages: int | None = 300

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ValueError("max_bytes must be positive")
        if self.max_pages is not None and self.max_pages <= 0:
            raise ValueError("max_pages must be positive")


Reader = Callable[[Path, bytes, ReadOptions], Document]


def _text(path: Path, data: bytes, options: ReadOptions) -> Document:
    from extractor.extract.readers.text import read_text
    return read_text(path, data, markdown=False)


def _markdown(path: Path, data: bytes, options: ReadOptions) -> Document:
    from extractor.extract.readers.text import read_text
    return read_text(path, data, markdown=True)


def _html(path: Path, data: bytes, options: ReadOptions) -> Document:
    from extractor.extract.readers.html import read_html
    return read_html(path, data)


def _pdf(path: Path, data: bytes, options: ReadOptions) -> Document:
    from extractor.extract.readers.pdf import read_pdf
    return read_pdf(path, data, password=options.password, max_pages=options.max_pages)


def _docx(path: Path, data: bytes, options: ReadOptions) -> Document:
    from extractor.extract.readers.docx import read_docx
    return read_docx(path, data, max_bytes=options.max_bytes)


READERS: dict[str, Reader] = {
    ".txt": _text, ".text": _text,
    ".md": _markdown, ".markdown": _markdown,
    ".html": _html, ".htm": _html, ".xhtml": _html,
    ".pdf": _pdf,
    ".docx": _docx,
}
SUPPORTED_SUFFIXES = tuple(sorted(READERS))


def read_bytes(path: Path, data: bytes, options: ReadOptions | None = None) -> Document:
    """Read a document's bytes with the reader its suffix names."""
    options = options or ReadOptions()
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise DocumentLoadError(
            path, f"unsupported file type '{path.suffix or '(none)'}'; "
                  f"supported: {', '.join(SUPPORTED_SUFFIXES)}")
    if not data.strip():
        raise DocumentLoadError(path, "the file is empty")
    if len(data) > options.max_bytes:
        raise DocumentLoadError(
            path, f"the file is {len(data):,} bytes, over the {options.max_bytes:,}-byte limit")
    return reader(path, data, options)


def read_document(path: Path | str, options: ReadOptions | None = None) -> Document:
    path = Path(path)
    options = options or ReadOptions()
    return read_bytes(path, load_bytes(path, options), options)


def load_bytes(path: Path, options: ReadOptions) -> bytes:
    """A file's bytes, refusing before reading one over the size limit."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DocumentLoadError(path, f"cannot be read: {exc.strerror or exc}") from None
    if size > options.max_bytes:
        raise DocumentLoadError(
            path, f"the file is {size:,} bytes, over the {options.max_bytes:,}-byte limit")
    if path.is_dir():
        raise DocumentLoadError(path, "is a folder, not a document")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DocumentLoadError(path, f"cannot be read: {exc.strerror or exc}") from None
