"""The benchmark harness (bench/): it runs end to end on tiny archives and reports every figure.

Nothing here times anything: the figures only have to be present and sane. Presidio and
exiftool are optional; without them the harness must say it skipped them, not fail.
"""

from __future__ import annotations

import importlib.util
import io
import json
import random
import shutil
import socket
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from bench.bios import BIOS_TSV
from bench.cli import run
from bench.labelled import PEOPLE_TEMPLATES, fill, labelled_texts
from bench.name_sets import NER_DEV, NameSet, synthetic_set
from bench.plan import tiny_plan
from bench.run_ner import presidio_installed
from bench.run_photos import compare
from bench.score_person import score
from bench.score_rules import RuleScore
from bench.table import print_report
from bench.targets import judge_all
from bench.workloads import workload
from fixtures.roster import FIRST_NAMES, LAST_NAMES, PUPILS

POST_RULES = ("C1", "C2", "C3", "C4", "C5", "C6", "C7")
OTHER_RULES = ("B1", "B2", "B3", "B5", "B6", "D1", "D3", "A3")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    root = tmp_path_factory.mktemp("bench")
    output = root / "bench-results.json"
    run(tiny_plan(root / "work"), output, Console(file=io.StringIO()))
    return json.loads(output.read_text("utf-8")), root


def test_every_section_ran(tiny: tuple[dict[str, Any], Path]) -> None:
    results, _ = tiny
    assert results["failed"] == []
    for key in ("meta", "plan", "workloads", "scan", "floor", "ner", "roster", "accuracy",
                "photos", "targets"):
        assert key in results, key
    assert results["meta"]["cores"] and results["meta"]["command"]


def test_scan_and_floor_figures(tiny: tuple[dict[str, Any], Path]) -> None:
    results, _ = tiny
    scans = {row["platform"]: row for row in results["scan"]}
    floors = {row["platform"]: row for row in results["floor"]}
    assert set(scans) == set(floors) == {"twitter", "facebook"}
    for platform, row in scans.items():
        assert row["posts_read"] == row["posts"] == 300
        assert row["exit_code"] in (0, 1)
        assert row["wall_s"] > 0 and row["posts_per_s"] > 0 and row["peak_mb"] > 10
        assert row["vs_floor"] > 0
        assert floors[platform]["posts_parsed"] == 300


def test_name_finding_figures(tiny: tuple[dict[str, Any], Path]) -> None:
    results, _ = tiny
    engines = results["ner"]["engines"]
    expected = {"ner_ceiling", "name_pass"}
    if presidio_installed():
        expected |= {"presidio_batch", "presidio_analyze"}
    else:
        assert any("Presidio skipped" in note for note in results["notes"])
    assert set(engines) == expected
    for row in engines.values():
        assert row["texts"] == 60 and row["texts_per_s"] > 0 and row["peak_mb"] > 10
        for way in ("exact", "overlap"):
            assert 0 <= row["person"][way]["f1"] <= 1
            assert row["person"][way]["expected"] == results["ner"]["labelled_names"]
    assert engines["ner_ceiling"]["n_process"] == 2
    assert engines["name_pass"]["sent_to_model"] <= 60
    assert results["accuracy"]["person"].keys() == engines.keys()


def test_real_and_synthetic_name_sets(tiny: tuple[dict[str, Any], Path]) -> None:
    """Each finder but the per-text Presidio is scored on every extra set it was given."""
    results, _ = tiny
    sets = results["ner"]["sets"]
    if NER_DEV.is_dir():
        assert {"dev/wnut17", "dev/btc", "report/wnut17", "report/btc"} <= set(sets)
    else:
        assert any("ner-dev skipped" in note for note in results["notes"])
    if importlib.util.find_spec("presidio_evaluator") is not None:
        assert sets["synthetic/presidio"]["texts"] == 30
    for engine, row in results["ner"]["engines"].items():
        expected = set() if engine == "presidio_analyze" else set(sets)
        assert set(row["sets"]) == expected
        for key, got in row["sets"].items():
            assert got["exact"]["expected"] == sets[key]["names"]
            assert got["exact"]["true_positives"] <= got["overlap"]["true_positives"]


def test_name_set_scoring_leaves_handles_out() -> None:
    item = NameSet("dev/x", ("RT @ Theory_Versa and Ann Lee",), (((22, 29),),),
                   (((3, 4), (5, 17)),))
    scores = item.scores([[[5, 17], [22, 29], [0, 2]]])["exact"]
    assert (scores["true_positives"], scores["found"], scores["expected"]) == (1, 2, 1)


def test_photo_metadata_figures(tiny: tuple[dict[str, Any], Path]) -> None:
    results, _ = tiny
    if shutil.which("exiftool") is None:
        assert "exif" not in results
        assert any("exiftool" in note for note in results["notes"])
        return
    exif = results["exif"]
    assert exif["files"] == 20 and exif["speedup"] > 0
    assert exif["values"]["all_agree"], exif["values"]["differences"]
    assert exif["values"]["with_gps"] > 0


def test_real_size_photo_figures(tiny: tuple[dict[str, Any], Path]) -> None:
    results, root = tiny
    (row,) = results["photos"]
    assert row["photos"] == 12 and row["megabytes"] > 12 * 0.15  # phone-sized files
    for side in ("decode", "scan"):
        assert row[side]["wall_s"] > 0 and row[side]["photos_per_s"] > 0
    assert row["scan"]["exit_code"] in (0, 1) and row["scan"]["peak_mb"] > 10
    assert row["ratio"] == pytest.approx(row["scan"]["wall_s"] / row["decode"]["wall_s"],
                                         abs=0.1)
    found = row["findings"]
    # the uncapped findings are the report's: same count for every photo rule
    assert found["counts_match_report"] is True
    assert found["crest_photos"] > 0 and found["D3"]["photos_with_gps"] > 0
    assert 0 <= found["A3"]["crest_found"] <= found["crest_photos"]
    assert found["D3"]["flagged"] == found["D3"]["photos_with_gps"]
    photos = sorted((root / "work").glob("photos-s7-*/n12/*.jpg"))
    assert len(photos) == 12


def test_roster_figures(tiny: tuple[dict[str, Any], Path]) -> None:
    results, _ = tiny
    roster = results["roster"]
    for kind in ("plain", "sealed"):
        row = roster[kind]
        assert row["names"] == 200 and row["roster"] == 300
        assert row["total_s"] > 0 and row["planted"] == 8
        assert 0 < row["planted_found"] <= row["planted"]
    # the plain roster also matches typos and initials, which a sealed one cannot
    assert roster["plain"]["planted_found"] >= roster["sealed"]["planted_found"]


def test_rule_accuracy_figures(tiny: tuple[dict[str, Any], Path]) -> None:
    results, _ = tiny
    rules = {row["rule"]: row for row in results["accuracy"]["rules"]}
    assert set(POST_RULES + OTHER_RULES) <= set(rules)
    for rule in POST_RULES:
        assert rules[rule]["planted"] > 0
        assert set(rules[rule]) >= {"precision", "recall", "decoys_flagged", "flagged"}
    hours = results["accuracy"]["C9"]
    assert hours["planted"] > 0 and hours["counted"] is not None


def test_real_bios_figures(tiny: tuple[dict[str, Any], Path]) -> None:
    results, _ = tiny
    if not BIOS_TSV.is_file():
        assert "bios" not in results
        assert any(note.startswith("bios skipped") for note in results["notes"])
        return
    bios = results["bios"]
    assert set(bios["detectors"]) == {"grammar", "v1"}
    for row in bios["detectors"].values():
        halves = row["halves"]
        assert set(halves) == {"dev", "check", "all"}
        assert halves["dev"]["bios"] + halves["check"]["bios"] == halves["all"]["bios"]
        assert halves["all"]["bios"] == bios["bios"] - bios["ambiguous_left_out"]
        for got in halves.values():
            assert got["with_disclaimer"] > 0 and 0 <= got["recall"] <= 1
        assert row["bios_per_s"] > 0
    now, before = (bios["detectors"][k]["halves"]["all"] for k in ("grammar", "v1"))
    assert now["recall"] > before["recall"]
    target = next(t for t in results["targets"] if t["name"].startswith("A4"))
    assert target["met"] is not None


def test_a4_target_says_why_it_was_not_measured() -> None:
    """A run without the bios section must not blame a missing bios-dev."""
    def a4(results: dict[str, Any]) -> str:
        found = next(t for t in judge_all(results) if t.name.startswith("A4"))
        assert found.met is None
        return found.measured

    assert a4({"plan": {"sections": ["ner"]}}) == "not measured (bios section did not run)"
    assert a4({"plan": {"sections": ["bios"]}}) == "not measured (bios-dev not found)"


def test_targets_and_table(tiny: tuple[dict[str, Any], Path]) -> None:
    results, _ = tiny
    targets = results["targets"]
    assert len(targets) == 15
    assert all(set(t) == {"name", "limit", "measured", "met"} for t in targets)
    assert targets[0]["met"] is None  # no 100,000-post archive in the tiny plan
    buffer = io.StringIO()
    print_report(results, Console(file=buffer, width=160))
    text = buffer.getvalue()
    for heading in ("End-to-end", "Real-size photos", "Person names", "Roster matching",
                    "Per-rule accuracy", "Public profiles", "Ratios", "Targets"):
        assert heading in text


def test_public_profile_figures(tiny: tuple[dict[str, Any], Path]) -> None:
    results, _ = tiny
    pages = results["pages"]
    assert (pages["addresses"], pages["hosts"], pages["requests_per_host"]) == (9, 3, 4)
    assert pages["floor_s"] == pytest.approx(0.6)
    for key in ("polite", "no_gap"):
        assert pages[key]["pages_fetched"] == 9 and pages[key]["not_checked"] == 0
    # politeness cannot be beaten: reading takes at least the floor, the no-gap run less
    assert pages["polite"]["read_s"] >= pages["floor_s"]
    assert pages["read_vs_floor"] >= 1.0
    assert pages["polite"]["records"] > 9 and pages["polite"]["scan_s"] > 0
    target = next(t for t in results["targets"] if "public profiles" in t["name"])
    assert target["met"] is not None


def test_only_bios_generates_no_archives(tmp_path: Path) -> None:
    plan = replace(tiny_plan(tmp_path / "work"), sections=("bios",))
    results = run(plan, tmp_path / "out.json", Console(file=io.StringIO()))
    assert results["workloads"] == [] and results["failed"] == []
    assert not list((tmp_path / "work").iterdir())
    assert ("bios" in results) is BIOS_TSV.is_file()


def test_archives_are_reused_from_the_cache(tiny: tuple[dict[str, Any], Path]) -> None:
    _, root = tiny
    plan = tiny_plan(root / "work")
    again = workload(plan, 300)
    assert again.generated is None and again.twitter.exists()


def test_person_scores_exact_and_overlap() -> None:
    gold = [[(0, 7)], [(10, 20), (25, 30)], []]
    found = [[[0, 7]], [[10, 15]], [[3, 6]]]
    scores = score(found, gold)
    assert (scores["exact"].true_pos, scores["exact"].found, scores["exact"].expected) == \
        (1, 3, 3)
    assert scores["overlap"].true_pos == 2
    assert scores["overlap"].precision == pytest.approx(2 / 3)
    assert scores["overlap"].recall == pytest.approx(2 / 3)
    with pytest.raises(ValueError):
        score(found[:2], gold)


def test_labelled_spans_are_the_inserted_names() -> None:
    names = {*FIRST_NAMES, *LAST_NAMES, *(p.first_name for p in PUPILS),
             *(p.preferred_name for p in PUPILS if p.preferred_name),
             *(part for p in PUPILS for part in p.last_name.split())}
    texts = labelled_texts(300)
    assert texts == labelled_texts(300)  # deterministic
    spans = [t.text[a:b] for t in texts for a, b in t.spans]
    assert len(spans) > 50
    for span in spans:
        first = span.split()[0]
        assert first in names, span
    two = fill(PEOPLE_TEMPLATES[3], random.Random(1))
    assert len(two.spans) == 2


def test_rule_score_counts() -> None:
    score_ = RuleScore("C1", expected={("x", "1"), ("x", "2")},
                       flagged={("x", "1"), ("x", "3"), ("x", "4")},
                       decoys={("x", "3")}, others={("x", "4")})
    out = score_.to_json()
    assert (out["true_positives"], out["precision"], out["recall"]) == (1, 0.3333, 0.5)
    assert (out["decoys_flagged"], out["other_rules_flagged"], out["unlabelled_flagged"]) == \
        (1, 1, 0)


def test_targets_judged_from_figures() -> None:
    results: dict[str, Any] = {
        "scan": [{"posts": 100_000, "platform": "twitter", "wall_s": 50.0, "peak_mb": 400.0},
                 {"posts": 400_000, "platform": "twitter", "wall_s": 200.0, "peak_mb": 520.0}],
        "ner": {"engines": {
            "name_pass": {"texts_per_s": 3000.0, "person": {"exact": {"f1": 0.9}}},
            "presidio_batch": {"texts_per_s": 1200.0, "person": {"exact": {"f1": 0.8}},
                               "sets": {"synthetic/presidio": {"exact": {"f1": 0.67}}}}}},
        "roster": {"plain": {"names": 5000, "roster": 3000, "total_s": 0.5},
                   "sealed": {"names": 5000, "roster": 3000, "total_s": 12.0}}}
    met = {t.name: t.met for t in judge_all(results)}
    assert met["Scan a 100,000-post archive"] is True
    assert met["Peak memory 400,000 vs 100,000 posts"] is False  # 1.3x
    assert met["Person-name pass vs Presidio batch"] is False  # only 2.5x
    assert met["Photo metadata vs exiftool"] is None
    assert met["Person names on real tweets (REPORT part)"] is None  # name pass has no sets
    assert met["Person names on Presidio's synthetic set"] is None
    results["ner"]["engines"]["name_pass"]["sets"] = {
        "report/wnut17": {"exact": {"f1": 0.61}}, "report/btc": {"exact": {"f1": 0.69}},
        "synthetic/presidio": {"exact": {"f1": 0.67}}}
    met = {t.name: t.met for t in judge_all(results)}
    assert met["Person names on real tweets (REPORT part)"] is False  # BTC under 0.70
    assert met["Person names on Presidio's synthetic set"] is True  # equal counts
    assert met["Roster matching 5,000 x 3,000, plain"] is True
    assert met["Roster matching 5,000 x 3,000, sealed"] is False
    assert met["Scan 10,000 real-size photos"] is None
    assert met["Real-size photos: findings"] is None



def test_synthetic_set_is_made_offline_and_kept(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Presidio's generator runs with no network (a connection attempt fails the test), and
    a second call reads the kept sentences instead of generating different ones."""
    if importlib.util.find_spec("presidio_evaluator") is None:
        pytest.skip("presidio-evaluator is not installed")
    tried: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        tried.append(address)
        raise OSError("no network in tests")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    (first,), _ = synthetic_set(40, tmp_path)
    (again,), _ = synthetic_set(40, tmp_path)
    assert tried == []
    assert again == first and len(first.texts) == 40
    names = [first.texts[i][s:e] for i, spans in enumerate(first.gold) for s, e in spans]
    assert names and all(name.strip() == name and name for name in names)


def _rescan_row(ratio: float, closest: float, peak: float) -> dict[str, Any]:
    return {"profiles": 1000, "hosts": 20, "runs": 1000, "consents_with_a_run": 1000,
            "exactly_once": True, "polite": closest >= 0.99, "closest_requests_s": closest,
            "fetching_s": round(51 * ratio, 1), "bound_s": 51.0, "ratio": ratio,
            "peak_mb": [peak, peak - 5]}


@pytest.mark.parametrize(("ratio", "closest", "peak", "met"), [
    (1.07, 1.02, 260.0, True),
    (1.14, 1.02, 260.0, False),  # too slow, the killed run included
    (1.07, 0.85, 260.0, False),  # two requests to one host too close
    (1.07, 1.02, 340.0, False),  # too much memory
])
def test_rescan_targets_hold_both_runs_to_time_politeness_and_memory(
        ratio: float, closest: float, peak: float, met: bool) -> None:
    row = _rescan_row(ratio, closest, peak)
    judged = {t.name: t.met for t in judge_all({"rescans": {"both": row, "killed": row}})}
    assert judged["Rescans of 1,000 profiles on 20 hosts, two workers"] is met
    assert judged["Rescans of 1,000 profiles on 20 hosts, one worker killed halfway"] is met


def _photo_row(wall_s: float, peak_mb: float, same: bool) -> dict[str, Any]:
    return {"photos": 10_000, "ratio": 3.0, "decode": {"wall_s": wall_s / 3},
            "scan": {"wall_s": wall_s, "peak_mb": peak_mb},
            "reference": {"commit": "abcdef1234", "findings": 40, "same_verdicts": same,
                          "only_ours": [] if same else [["A3", "IMG_00001.jpg", True]],
                          "only_reference": []}}


@pytest.mark.parametrize(("wall_s", "peak_mb", "same", "fast", "agrees"), [
    (90.0, 700.0, True, True, True),
    (130.0, 700.0, True, False, True),  # too slow
    (90.0, 1100.0, False, False, False),  # too much memory; a finding differs
])
def test_photo_targets(wall_s: float, peak_mb: float, same: bool, fast: bool,
                       agrees: bool) -> None:
    met = {t.name: t.met for t in judge_all({"photos": [_photo_row(wall_s, peak_mb, same)]})}
    assert met["Scan 10,000 real-size photos"] is fast
    assert met["Real-size photos: findings"] is agrees


def test_photo_findings_compared_finding_by_finding() -> None:
    ours = [{"rule": "A3", "record": "IMG_00001.jpg", "certain": True, "why": "51 features"},
            {"rule": "D1", "record": "IMG_00002.jpg", "certain": False, "why": "taken at 10:14"}]
    same = compare(ours, [dict(f) for f in ours])
    assert same["same_verdicts"] is True and same["explanations_differ"] == 0
    reworded = compare(ours, [ours[0] | {"why": "50 features"}, ours[1]])
    assert reworded["same_verdicts"] is True and reworded["explanations_differ"] == 1
    weaker = compare(ours, [ours[0] | {"certain": False}, ours[1]])
    assert weaker["same_verdicts"] is False
    assert weaker["only_ours"] == [("A3", "IMG_00001.jpg", True)]
    assert weaker["only_reference"] == [("A3", "IMG_00001.jpg", False)]
    missing = compare(ours, ours[1:])
    assert missing["same_verdicts"] is False and missing["reference_findings"] == 1
    assert reworded["explanations_ours"] == [("A3", "IMG_00001.jpg", "51 features")]
    assert reworded["explanations_reference"] == [("A3", "IMG_00001.jpg", "50 features")]


def test_every_differing_photo_finding_is_listed() -> None:
    """Not the first ten: a change to the picture code is judged on all of them."""
    ours = [{"rule": "A3", "record": f"IMG_{i:05d}.jpg", "certain": True, "why": "found"}
            for i in range(25)]
    theirs = [f | {"certain": False} for f in ours[:20]]
    found = compare(ours, theirs)
    assert len(found["only_ours"]) == 25 and len(found["only_reference"]) == 20
    assert {record for _, record, _ in found["only_ours"]} == {f["record"] for f in ours}


def test_reference_must_be_a_commit(tmp_path: Path) -> None:
    plan = replace(tiny_plan(tmp_path / "work"), sections=("photos",), photo_sizes=(2,),
                   reference="no-such-revision-here")
    results = run(plan, tmp_path / "out.json", Console(file=io.StringIO()))
    assert results["failed"] == ["photos"]
    assert any("not a commit of this repository" in note for note in results["notes"])
