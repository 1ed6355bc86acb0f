"""Bytes to text for the text-based formats: BOMs, UTF-8, UTF-16, cp1252."""
from __future__ import annotations

import codecs
from pathlib import Path

from extractor.errors import DocumentLoadError

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def decode_bytes(path: Path, data: bytes) -> str:
    """Decode a text document; cp1252 is the fallback that real vendor exports need."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data[:4096]:
        # UTF-16 without a BOM shows as every other byte NUL in ASCII-heavy text
        even, odd = data[0:4096:2].count(0), data[1:4096:2].count(0)
        if max(even, odd) > len(data[:4096]) // 4:
            return data.decode("utf-16-le" if odd > even else "utf-16-be", errors="replace")
        raise DocumentLoadError(path, "binary content (NUL bytes), not a text document")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
