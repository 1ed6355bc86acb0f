"""Score ../shared/realworld with the shared scorer, the working and the sealed set apart.

    python scripts/score_realworld.py            # the 17 working documents, with misses
    python scripts/score_realworld.py --sealed   # the 8 sealed ones (corpus/REALWORLD_SEALED.md)
    python scripts/score_realworld.py --all      # all 25

The sealed list is read from corpus/REALWORLD_SEALED.md, so the file that records the draw
is also the one the script obeys.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REALWORLD = ROOT.parent / "shared" / "realworld"
SEALED_LIST = ROOT / "corpus" / "REALWORLD_SEALED.md"


def sealed_documents() -> set[str]:
    rows = re.findall(r"^\|\s*([\w.\-]+\.(?:md|html|pdf|txt))\s*\|$", SEALED_LIST.read_text(),
                      re.MULTILINE)
    return set(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--sealed", action="store_true", help="score the sealed documents")
    group.add_argument("--all", action="store_true", help="score all documents")
    parser.add_argument("--sla", default=str(ROOT / ".venv" / "bin" / "sla"))
    parser.add_argument("--min", default="0")
    args = parser.parse_args()

    sealed = sealed_documents()
    with tempfile.TemporaryDirectory() as tmp:
        gold_dir = Path(tmp)
        for gold in sorted((REALWORLD / "gold").glob("*.gold.json")):
            name = gold.name.removesuffix(".gold.json")
            is_sealed = any(doc.rsplit(".", 1)[0] == name for doc in sealed)
            if args.all or is_sealed == args.sealed:
                (gold_dir / gold.name).symlink_to(gold)
        command = [sys.executable, str(ROOT.parent / "shared" / "eval" / "score.py"),
                   "--docs", str(REALWORLD / "docs"), "--gold", str(gold_dir),
                   "--sla", args.sla, "--min", args.min]
        return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
