"""Fixtures the test modules share."""
from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

Writer = Callable[[str, bytes | str], Path]
PdfMaker = Callable[..., bytes]


@pytest.fixture
def write(tmp_path: Path) -> Writer:
    """``write("in/acme.txt", data)``: a file under tmp_path (folders made), its path."""

    def write_file(name: str, data: bytes | str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    return write_file


@pytest.fixture
def runner() -> CliRunner:
    """The `sla` command line, run in-process."""
    return CliRunner()


@pytest.fixture(scope="session")
def make_pdf() -> PdfMaker:
    """``make_pdf(lines, pages=1, encrypt=None, draw_only=False, top=780)``: a small PDF
    from reportlab with ``lines`` on every page, or only a drawn box."""
    return pdf_bytes


def pdf_bytes(lines: list[str] | None = None, pages: int = 1, encrypt: str | None = None,
              draw_only: bool = False, top: float = 780) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, encrypt=encrypt)
    for page in range(pages):
        if draw_only:
            c.rect(100, 500, 300, 200, fill=1)
        else:
            y = top
            for line in lines or [f"Page {page + 1}: uptime 99.9%"]:
                c.drawString(72, y, line)
                y -= 16
        c.showPage()
    c.save()
    return buf.getvalue()
