"""Accuracy report over a labelled corpus: `sla evaluate-corpus DIR`.

Reads every ``*.gold.json`` (the format of ../shared/gold: the document's file name,
the values a correct extraction holds and scenarios with expected results), extracts
the document in-process, and reports per field: precision (of the values extracted,
how many are right), recall (of the gold values, how many were found), the scorer's
per-document field score, the scenario pass rate, and every miss with its evidence.

Matching follows the shared scorer: numbers within 0.01, a target matches when its
percent is equal and, for a named service, at least half the gold name's words are in
the extracted name; exclusion categories are compared as sets.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.analysis.engine import evaluate_all
from extractor.errors import SLAError
from extractor.extract.pipeline import extract_file
from schemas import SLAExtraction

SCALARS = {
    "effective_date": ("effective_date",),
    "claim_deadline_days": ("claim", "deadline_days"),
    "claim_notice_hours": ("claim", "notice_hours"),
    "credit_cap_percent": ("credit_cap_percent",),
    "minimum_credit_amount": ("minimum_credit_amount",),
    "maintenance_notice_hours": ("maintenance_notice_hours",),
    "sole_remedy": ("sole_remedy",),
}
EVIDENCE_KEY = {
    "claim_deadline_days": "claim.deadline_days", "claim_notice_hours": "claim.notice_hours",
}
TOLERANCE = {"availability_percent": 0.005, "allowed_downtime_minutes": 0.05}


def _words(text: Any) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", str(text or "").lower()))


def same(a: Any, b: Any, tol: float = 0.01) -> bool:
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None:
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, abs_tol=tol)
    return str(a).strip().lower() == str(b).strip().lower()


def target_match(gold: dict, got: dict) -> bool:
    if not same(gold.get("percent"), got.get("percent"), 1e-6):
        return False
    if gold.get("service") is None:
        return True
    gw, xw = _words(gold["service"]), _words(got.get("service"))
    return bool(gw) and len(gw & xw) / len(gw) >= 0.5


@dataclass
class FieldTally:
    true_positive: int = 0
    predicted: int = 0
    expected: int = 0
    scores: list[float] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.expected if self.expected else 1.0

    @property
    def score(self) -> float:
        return sum(self.scores) / len(self.scores) if self.scores else 1.0


@dataclass
class Report:
    fields: dict[str, FieldTally] = field(default_factory=dict)
    scenarios_passed: int = 0
    scenarios_total: int = 0
    documents: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def field_score(self) -> float:
        scores = [s for t in self.fields.values() for s in t.scores]
        return sum(scores) / len(scores) if scores else 1.0

    @property
    def scenario_score(self) -> float:
        return self.scenarios_passed / self.scenarios_total if self.scenarios_total else 1.0

    def tally(self, name: str) -> FieldTally:
        return self.fields.setdefault(name, FieldTally())

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "fields": {k: {"precision": t.precision, "recall": t.recall, "score": t.score}
                       for k, t in sorted(self.fields.items())},
            "field_score": self.field_score,
            "scenarios": {"passed": self.scenarios_passed, "total": self.scenarios_total,
                          "rate": self.scenario_score},
            "misses": self.misses,
        }


def _dig(obj: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def _f1(hits: int, predicted: int, expected: int) -> float:
    if predicted == 0 and expected == 0:
        return 1.0
    if hits == 0:
        return 0.0
    p, r = hits / predicted, hits / expected
    return 2 * p * r / (p + r)


def _quote(sla: SLAExtraction, key: str) -> str:
    ev = sla.evidence.get(EVIDENCE_KEY.get(key, key))
    return f' [evidence: "{ev.quote[:120]}"]' if ev else " [no evidence]"


def evaluate_document(doc_path: Path, gold: dict, report: Report) -> None:
    name = gold["document"]
    try:
        sla = extract_file(doc_path)
    except SLAError as exc:
        report.misses.append(f"{name}: extraction failed: {exc}")
        return
    got = sla.model_dump(mode="json")
    report.documents += 1
    if "provider" in gold:
        tally = report.tally("provider")
        words = _words(got.get("provider"))
        hit = bool(words) and any(_words(a) <= words for a in gold["provider"])
        tally.expected += 1
        tally.predicted += bool(got.get("provider"))
        tally.true_positive += hit
        tally.scores.append(float(hit))
        if not hit:
            report.misses.append(f"{name}: provider: want {gold['provider']} "
                                 f"got {got.get('provider')!r}" + _quote(sla, "provider"))
    if "uptime_targets" in gold:
        tally = report.tally("uptime_targets")
        targets = got["uptime_targets"]
        used: set[int] = set()
        hits = 0
        for g in gold["uptime_targets"]:
            for i, x in enumerate(targets):
                if i not in used and target_match(g, x):
                    used.add(i)
                    hits += 1
                    break
            else:
                report.misses.append(f"{name}: target missed: {g}")
        for i, x in enumerate(targets):
            if i not in used:
                report.misses.append(f"{name}: target extra: {x['service']!r} {x['percent']}"
                                     f' [evidence: "{x["evidence"]["quote"][:120]}"]')
        tally.true_positive += hits
        tally.predicted += len(targets)
        tally.expected += len(gold["uptime_targets"])
        tally.scores.append(_f1(hits, len(targets), len(gold["uptime_targets"])))
    for key, path in SCALARS.items():
        if key not in gold:
            continue
        tally = report.tally(key)
        want, have = gold[key], _dig(got, path)
        hit = same(want, have)
        tally.scores.append(float(hit))
        tally.expected += want is not None
        tally.predicted += have is not None
        tally.true_positive += hit and want is not None
        if not hit:
            report.misses.append(f"{name}: {key}: want {want!r} got {have!r}" + _quote(sla, key))
    if "exclusion_categories" in gold:
        tally = report.tally("exclusion_categories")
        want_set = set(gold["exclusion_categories"])
        have_set = {e["category"] for e in got["exclusions"]}
        hits = len(want_set & have_set)
        tally.true_positive += hits
        tally.predicted += len(have_set)
        tally.expected += len(want_set)
        tally.scores.append(_f1(hits, len(have_set), len(want_set)))
        for extra in sorted(have_set - want_set):
            clause = next(e["text"] for e in got["exclusions"] if e["category"] == extra)
            report.misses.append(f'{name}: exclusion extra: {extra} [evidence: "{clause[:120]}"]')
        for missing in sorted(want_set - have_set):
            report.misses.append(f"{name}: exclusion missed: {missing}")
    scenarios = gold.get("scenarios") or []
    results = evaluate_all(sla, [{k: v for k, v in s.items() if k != "expect"} for s in scenarios])
    for s, r in zip(scenarios, results, strict=True):
        result = r.model_dump(mode="json")
        bad = [k for k, v in s["expect"].items()
               if not same(v, result.get(k), TOLERANCE.get(k, 0.01))]
        report.scenarios_total += 1
        report.scenarios_passed += not bad
        if bad:
            asked = {k: v for k, v in s.items() if k != "expect"}
            report.misses.append(f"{name}: scenario {json.dumps(asked)} wrong: " + ", ".join(
                f"{k} want {s['expect'][k]} got {result.get(k)}" for k in bad)
                + (f" (error: {result['error']})" if result.get("error") else ""))


def evaluate_directory(docs: Path, gold_dir: Path) -> Report:
    report = Report()
    golds = sorted(gold_dir.glob("*.gold.json"))
    if not golds:
        raise SLAError(f"{gold_dir}: no *.gold.json labels found")
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        evaluate_document(docs / gold["document"], gold, report)
    return report


def render_report(report: Report) -> str:
    lines = [f"{report.documents} documents", "",
             f"{'field':28} {'precision':>9} {'recall':>7} {'score':>7}"]
    for name, tally in sorted(report.fields.items()):
        lines.append(f"{name:28} {tally.precision:9.3f} {tally.recall:7.3f} {tally.score:7.3f}")
    lines += ["", f"scenarios: {report.scenarios_passed}/{report.scenarios_total} "
                  f"({report.scenario_score:.3f})",
              f"score: fields={report.field_score:.3f} scenarios={report.scenario_score:.3f}"]
    if report.misses:
        lines += ["", f"misses ({len(report.misses)}):"] + [f"  - {m}" for m in report.misses]
    return "\n".join(lines)
