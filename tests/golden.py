"""Golden snapshots of the corpus: which documents, where their snapshot lives, and
the snapshot itself (the extraction JSON with the machine-specific path removed)."""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
# sets scored on their own (first pass recorded in corpus/ACCURACY.md), not held to the
# tuned corpus's floor or snapshotted
SEPARATE_SETS = frozenset({"classes", "sealed-classes", "fresh", "fresh-2"})


def corpus_documents() -> list[Path]:
    """Every corpus document that has a gold label (rendered copies included)."""
    docs = []
    for gold in sorted(CORPUS.rglob("*.gold.json")):
        if "invalid" in gold.parts or SEPARATE_SETS & set(gold.relative_to(CORPUS).parts):
            continue
        document = json.loads(gold.read_text(encoding="utf-8"))["document"]
        docs.append(gold.parent / document)
    return docs


def expected_path(doc: Path) -> Path:
    return doc.with_name(doc.name + ".expected.json")


def snapshot(doc: Path) -> str:
    from extractor.extract.pipeline import extract_file

    data = extract_file(doc).model_dump(mode="json")
    data["source"]["path"] = doc.relative_to(ROOT).as_posix()
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
