"""Real published SLAs and the own-words failure-class sets, scored by the shared scorer.

The scorer (``../shared/eval/score.py``) is loaded as it is and only its way of running
the command line is replaced: each ``sla extract`` / ``sla evaluate`` runs in this process
through Typer's runner, so the figures are the scorer's own. Floors sit at the level the
rules reach (``corpus/ACCURACY.md``), so a change that breaks a real SLA fails here.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from extractor.operations.cli import app
from tests.golden import CORPUS, ROOT

SHARED = ROOT.parent / "shared"
REALWORLD = SHARED / "realworld"
# every document scored, and the floor its set must keep
SETS = {
    "realworld": (REALWORLD / "docs", REALWORLD / "gold", 0.98),
    "classes": (CORPUS / "classes", CORPUS / "classes", 0.97),
    "sealed-classes": (CORPUS / "sealed-classes", CORPUS / "sealed-classes", 0.87),
    "fresh": (CORPUS / "fresh", CORPUS / "fresh", 0.99),
    "fresh-2": (CORPUS / "fresh-2", CORPUS / "fresh-2", 0.99),
}
NOT_SLAS = {"tailscale-msa.md", "sapaad-uptime-kb.txt", "mirefold-msa.md",
            "scarrowby-outage-faq.txt", "wrackenham-meet-reliability.md",
            "ravensworth-geo-pricing.md"}


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    assert spec and spec.loader, "../shared/eval/score.py is missing"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    runner = CliRunner()

    def run_in_process(cmd: list[str], timeout: float) -> object:
        result = runner.invoke(app, cmd[1:])
        if result.exit_code != 0:
            raise RuntimeError(f"{' '.join(cmd)} exited {result.exit_code}: {result.output[-300:]}")
        return json.loads(result.stdout)

    module.run = run_in_process  # type: ignore[attr-defined]
    return module


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    return _scorer()


def _score(scorer: ModuleType, docs: Path, gold_dir: Path) -> tuple[float, list[str], dict]:
    fields: list[float] = []
    passes: list[bool] = []
    notes: list[str] = []
    extractions: dict[str, list] = {}
    for path in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        found, passed, said = scorer.score_document(["sla"], docs / gold["document"], gold, 120)
        fields += found.values()
        passes += passed
        notes += [f"{gold['document']}: {n}" for n in said]
        extractions[gold["document"]] = found
    field_score = sum(fields) / max(len(fields), 1)
    scenario_score = sum(passes) / len(passes) if passes else 1.0
    return (field_score + scenario_score) / 2, notes, extractions


@pytest.mark.parametrize("name", sorted(SETS))
def test_set_keeps_its_floor(scorer: ModuleType, name: str) -> None:
    docs, gold_dir, floor = SETS[name]
    overall, notes, _ = _score(scorer, docs, gold_dir)
    assert overall >= floor, f"{name}: {overall:.3f} < {floor}\n" + "\n".join(notes)


@pytest.mark.parametrize("document", sorted(NOT_SLAS))
def test_a_document_that_is_not_an_sla_gets_no_target(document: str) -> None:
    path = next(p for p in (REALWORLD / "docs" / document, CORPUS / "classes" / document,
                            CORPUS / "sealed-classes" / document, CORPUS / "fresh" / document,
                            CORPUS / "fresh-2" / document)
                if p.exists())
    result = CliRunner().invoke(app, ["extract", str(path), "--out", "-"])
    assert result.exit_code == 0, result.output
    extraction = json.loads(result.stdout)
    assert extraction["uptime_targets"] == []
    assert extraction["credit_schedules"] == []
