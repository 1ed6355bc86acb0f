"""Rewrite every corpus document's golden `<doc>.expected.json` from the current
extraction. Run it on purpose (`make expected`), then read the diff: tests fail on any
difference and on a missing golden file, they never write one.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.golden import corpus_documents, expected_path, snapshot  # noqa: E402


def main() -> int:
    for doc in corpus_documents():
        expected_path(doc).write_text(snapshot(doc), encoding="utf-8")
        print(f"wrote {expected_path(doc).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
