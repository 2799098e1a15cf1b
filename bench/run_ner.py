"""Person names side by side: the NER ceiling, the scanner's pass, and Presidio two ways.

Every engine reads the same post texts (speed) and the same labelled texts (accuracy). With
repeats, the engines take turns (A B C D, A B C D, ...) and each keeps its best time, so a
burst of noise on the machine slows one turn of one engine, not one engine throughout.
"""

from __future__ import annotations

import importlib.util
import json
from typing import Any

from bench.labelled import labelled_texts
from bench.name_sets import name_sets, write_texts
from bench.plan import Plan
from bench.proc import Measurement, run_worker
from bench.score_person import score
from bench.workloads import Workload

ENGINES = {
    "ner_ceiling": "spaCy nlp.pipe, tok2vec+ner, 2 processes",
    "name_pass": "riskscan person-name pass (LanguagePass)",
    "presidio_batch": "Presidio BatchAnalyzerEngine (batch 256, 1 process)",
    "presidio_analyze": "Presidio AnalyzerEngine.analyze per text",
}
PRESIDIO = ("presidio_batch", "presidio_analyze")


def presidio_installed() -> bool:
    return importlib.util.find_spec("presidio_analyzer") is not None


def _summary(best: Measurement, runs: list[Measurement]) -> dict[str, Any]:
    result = best.result
    texts = result["texts"]
    out = {"label": "", "texts": texts, "process_s": round(result["process_s"], 3),
           "texts_per_s": round(texts / result["process_s"], 1) if result["process_s"] else None,
           "load_s": round(result["load_s"], 2), "persons_found": result["persons"],
           "runs_s": [round(r.result["process_s"], 3) for r in runs],
           "wall_s": round(best.wall_s, 2), "peak_mb": round(max(r.peak_mb for r in runs), 1)}
    tree = [r.tree_peak_mb for r in runs if r.tree_peak_mb is not None]
    out["tree_peak_mb"] = round(max(tree), 1) if tree else None
    out.update({k: v for k, v in result.items()
                if k in ("sent_to_model", "pipes", "n_process", "batch_size")})
    return out


def run_ner(plan: Plan, load: Workload, say: Any) -> tuple[dict[str, Any], list[str]]:
    """Speed of each engine and its PERSON scores; notes on anything skipped."""
    notes = []
    engines = list(ENGINES)
    if not presidio_installed():
        engines = [e for e in engines if e not in PRESIDIO]
        notes.append("Presidio skipped: presidio-analyzer is not installed "
                     "(pip install -e '.[bench]').")
    gold = labelled_texts(plan.labelled_texts, plan.seed)
    labelled_file = plan.workdir / f"labelled-{plan.labelled_texts}-s{plan.seed}.json"
    labelled_file.write_text(json.dumps([g.text for g in gold], ensure_ascii=False), "utf-8")
    sets, more = name_sets(plan.real_texts, plan.synthetic_texts, plan.workdir)
    notes.extend(more)
    args = {"texts": str(load.texts(plan.ner_texts)), "labelled": str(labelled_file),
            "sets": write_texts(sets, plan.workdir)}
    runs: dict[str, list[Measurement]] = {e: [] for e in engines}
    for turn in range(plan.repeats):
        for engine in engines:
            say(f"names: {ENGINES[engine]} ({turn + 1}/{plan.repeats})")
            runs[engine].append(run_worker(engine, args))
    out: dict[str, Any] = {"texts": plan.ner_texts, "from_archive_posts": load.posts,
                           "labelled_texts": len(gold),
                           "labelled_names": sum(len(g.spans) for g in gold), "engines": {},
                           "sets": {s.key: {"texts": len(s.texts),
                                            "names": sum(len(g) for g in s.gold)} for s in sets}}
    spans = [g.spans for g in gold]
    for engine, measured in runs.items():
        best = min(measured, key=lambda m: float(m.result["process_s"]))
        summary = _summary(best, measured)
        summary["label"] = ENGINES[engine]
        summary["person"] = {k: s.to_json() for k, s in
                             score(measured[0].result["spans"], spans).items()}
        answered = measured[0].result.get("sets", {})
        summary["sets"] = {s.key: s.scores(answered[s.key]) for s in sets if s.key in answered}
        out["engines"][engine] = summary
    return out, notes
