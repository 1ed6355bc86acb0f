"""Readers: one module per format, each ``read_<fmt>(path, data, options) -> Document``.

Adding a format is one module and one line in ``READERS``.
"""
from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from extractor.errors import DocumentLoadError
from extractor.extract.document import Document


@dataclass(frozen=True)
class ReadOptions:
    """Limits and secrets for reading one document."""

    password: str | None = None
    max_bytes: int = 50 * 1024 * 1024
    max_pages: int | None = 300
    max_inflated: int = 64 * 1024 * 1024  # what a PDF's streams may inflate to
    # a long PDF's pages read by this many processes (2: shared with a forked helper);
    # one-document runs set 2, batch workers keep 1 (their siblings use the other cores)
    pdf_processes: int = 1

    def __post_init__(self) -> None:
        if self.max_bytes <= 0 or self.max_inflated <= 0:
            raise ValueError("max_bytes and max_inflated must be positive")
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
    return read_pdf(path, data, password=options.password, max_pages=options.max_pages,
                    max_inflated=options.max_inflated, processes=options.pdf_processes)


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
    """A regular file's bytes, refusing before reading one over the size limit.

    Opened without blocking and checked on the open descriptor: a FIFO would block the
    read forever, a device never end, and a check on the name could be raced.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except IsADirectoryError:
        raise DocumentLoadError(path, "is a folder, not a document") from None
    except OSError as exc:
        raise DocumentLoadError(path, f"cannot be read: {_os_reason(exc)}") from None
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode):
        os.close(fd)
        raise DocumentLoadError(path, "is a folder, not a document")
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(info.st_mode):
            raise DocumentLoadError(path, f"is {special_kind(info.st_mode)}, not a regular file")
        if info.st_size > options.max_bytes:
            raise DocumentLoadError(
                path, f"the file is {info.st_size:,} bytes, over the {options.max_bytes:,}-byte "
                      "limit")
        try:
            data = fh.read(options.max_bytes + 1)
        except OSError as exc:
            raise DocumentLoadError(path, f"cannot be read: {_os_reason(exc)}") from None
    if len(data) > options.max_bytes:  # it grew while being read
        raise DocumentLoadError(path, f"the file is over the {options.max_bytes:,}-byte limit")
    return data


def special_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    for test, words in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
                        (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                        (stat.S_ISDIR, "a folder")):
        if test(mode):
            return words
    return "a special file"


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a loop of symbolic links"
    if exc.errno == errno.ENOENT and exc.filename and os.path.islink(exc.filename):
        return "a symbolic link to a file that does not exist"
    return exc.strerror or str(exc)
