"""Hostile inputs, built at test (or benchmark) time so no big binary is committed.

Each builder returns bytes; ``GOOD_SLA`` is a short SLA the junk is appended to, so a
test can check that the SLA in front of the junk is still extracted.
"""
from __future__ import annotations

import zlib

GOOD_SLA = """Acme Cloud Service Level Agreement
Effective: 1 March 2024

1. Uptime Commitment
Acme will make the Service available 99.95% of the time in each calendar month.

2. Service Credits
If Monthly Uptime falls below 99.95%, the customer receives a service credit of 10% of
the monthly fee. Credits are capped at 50% of the monthly fee.

3. Claims
Claims must be submitted by email within 30 days of the incident.
"""


def digit_run(n: int = 40_000) -> str:
    """A run of digits with nothing to end a number, then a percent sign on the same line:
    the percent pattern's worst case (a pattern that backtracks over the run for each
    starting digit goes quadratic only when a "%" follows somewhere)."""
    return "\n" + "9" * n + " then 5% off\n"


def bracket_line(n: int = 100_000) -> str:
    """One line of opening brackets: a link pattern that rescans from each one."""
    return "\n" + "[" * (n // 2) + "](" * (n // 4) + "\n"


def emphasis_line(n: int = 100_000) -> str:
    """Markers that open emphasis and never close it."""
    return "\n" + "*a " * (n // 3) + "\n"


def unclosed_tags(n: int = 20_000, tag: str = "table") -> str:
    """``<table>`` opened again and again, never closed."""
    return "\n" + f"<{tag}>x" * n + "\n"


def nested_html(depth: int = 5_000) -> str:
    return "<div>" * depth + "99.9% uptime" + "</div>" * depth


def with_junk(junk: str) -> bytes:
    return (GOOD_SLA + junk).encode()


def pdf_bomb(inflated_mib: int = 1024, pages: int = 1) -> bytes:
    """A small PDF whose one content stream inflates to ``inflated_mib`` MiB of text
    operators (``BT ... Tj ET`` repeated): compressed it is a few MB at most. Its
    ``pages`` pages all draw that one stream."""
    unit = b"BT /F1 12 Tf 72 700 Td (99.9% uptime credit) Tj ET\n"
    chunk = unit * (1024 * 1024 // len(unit) + 1)
    chunk = chunk[:1024 * 1024]
    compressor = zlib.compressobj(9)
    parts = [compressor.compress(chunk) for _ in range(inflated_mib)]
    parts.append(compressor.flush())
    stream = b"".join(parts)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join([b"3 0 R"] * pages), pages),
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
         b"/Resources << /Font << /F1 5 0 R >> >> >>"),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)
