"""Many documents: one JSON per input, a summary, atomic writes, bad input skipped."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from extractor.errors import SLAError
from extractor.readers import SUPPORTED_SUFFIXES, ReadOptions


def collect_inputs(paths: list[Path]) -> list[Path]:
    """Files as given, and the supported documents inside folders (sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*")
                            if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                            and not p.name.endswith(".json"))
        else:
            found.append(path)
    return found


def atomic_write(path: Path, text: str) -> None:
    """Write through a temporary file and rename: an interrupted run leaves no half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run_batch(inputs: list[Path], out_dir: Path, options: ReadOptions | None = None,
              jobs: int | None = None, force: bool = False, timeout: float = 60.0) -> int:
    from extractor.pipeline import extract_file

    summary = []
    failed = 0
    for path in inputs:
        try:
            result = extract_file(path, options)
        except SLAError as exc:
            failed += 1
            summary.append({"path": str(path), "status": "failed", "error": str(exc)})
            continue
        atomic_write(out_dir / f"{path.name}.json", result.model_dump_json(indent=2))
        summary.append({"path": str(path), "status": "ok", "warnings": len(result.warnings)})
    atomic_write(out_dir / "summary.json", json.dumps(summary, indent=2))
    return failed
