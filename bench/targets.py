"""The lead engineer's targets, judged from a run's results. `met` is None when the run did not
measure what a target needs (--quick has no 100,000-post archive, say)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

SCAN_LIMIT_S = 60.0
PEAK_LIMIT_MB = 1024.0
GROWTH_LIMIT = 1.2
NAME_SPEEDUP = 3.0
EXIF_SPEEDUP = 10.0
ROSTER_PLAIN_S = 1.0
ROSTER_SEALED_S = 10.0
BIOS_PR = 0.95  # issue 14: A4 on real bios the project never sees
PAGES_OVER_FLOOR = 1.10  # issue 11: within 10% of what per-host politeness allows
PAGES_PEAK_MB = 300.0
RESCAN_RATIO = 1.10  # issue 12: within 10% of what the per-host politeness limit allows
RESCAN_PEAK_MB = 300.0
REAL_F1 = {"report/wnut17": 0.60, "report/btc": 0.70}  # issue 14: held-back real tweets
PHOTOS_AIM = 10_000
PHOTOS_LIMIT_S = 120.0


@dataclass(frozen=True)
class Target:
    name: str
    limit: str
    measured: str
    met: bool | None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _not_measured(name: str, limit: str, why: str) -> Target:
    return Target(name, limit, f"not measured ({why})", None)


def _scans_of(results: dict[str, Any], posts: int) -> list[dict[str, Any]]:
    return [r for r in results.get("scan", []) if r["posts"] == posts]


def scan_time(results: dict[str, Any]) -> Target:
    name, limit = "Scan a 100,000-post archive", f"< {SCAN_LIMIT_S:.0f} s"
    rows = _scans_of(results, 100_000)
    if not rows:
        return _not_measured(name, limit, "run without --quick")
    text = ", ".join(f"{r['platform']} {r['wall_s']:.1f} s" for r in rows)
    return Target(name, limit, text, all(r["wall_s"] < SCAN_LIMIT_S for r in rows))


def scan_memory(results: dict[str, Any]) -> Target:
    name, limit = "Peak memory of every scan", f"< {PEAK_LIMIT_MB:.0f} MB"
    rows = results.get("scan", [])
    if not rows:
        return _not_measured(name, limit, "no scan ran")
    top = max(rows, key=lambda r: r["peak_mb"])
    text = f"max {top['peak_mb']:.0f} MB ({top['platform']}, {top['posts']:,} posts)"
    return Target(name, limit, text, top["peak_mb"] < PEAK_LIMIT_MB)


def memory_growth(results: dict[str, Any]) -> Target:
    name, limit = "Peak memory 400,000 vs 100,000 posts", f"<= {GROWTH_LIMIT}x"
    small = {r["platform"]: r for r in _scans_of(results, 100_000)}
    large = [r for r in _scans_of(results, 400_000) if r["platform"] in small]
    if not large:
        return _not_measured(name, limit, "run without --quick")
    ratios = {r["platform"]: r["peak_mb"] / small[r["platform"]]["peak_mb"] for r in large}
    text = ", ".join(f"{p} {x:.2f}x" for p, x in ratios.items())
    return Target(name, limit, text, all(x <= GROWTH_LIMIT for x in ratios.values()))


def name_pass(results: dict[str, Any]) -> Target:
    name = "Person-name pass vs Presidio batch"
    limit = f">= {NAME_SPEEDUP:.0f}x throughput, F1 >= Presidio's"
    engines = results.get("ner", {}).get("engines", {})
    ours, theirs = engines.get("name_pass"), engines.get("presidio_batch")
    if not ours or not theirs:
        return _not_measured(name, limit, "Presidio or the name pass did not run")
    speedup = ours["texts_per_s"] / theirs["texts_per_s"]
    f1, their_f1 = ours["person"]["exact"]["f1"], theirs["person"]["exact"]["f1"]
    text = f"{speedup:.1f}x, F1 {f1:.3f} vs {their_f1:.3f}"
    return Target(name, limit, text, speedup >= NAME_SPEEDUP and f1 >= their_f1)


def _set_f1(results: dict[str, Any], engine: str, key: str) -> float | None:
    row = results.get("ner", {}).get("engines", {}).get(engine, {})
    got = row.get("sets", {}).get(key)
    return float(got["exact"]["f1"]) if got else None


def real_names(results: dict[str, Any]) -> Target:
    name = "Person names on real tweets (REPORT part)"
    limit = ", ".join(f"{k.split('/')[1]} F1 >= {v:.2f}" for k, v in REAL_F1.items())
    found = {k: _set_f1(results, "name_pass", k) for k in REAL_F1}
    if any(v is None for v in found.values()):
        return _not_measured(name, limit, "ner-dev not found or the name pass did not run")
    text = ", ".join(f"{k.split('/')[1]} {v:.3f}" for k, v in found.items())
    return Target(name, limit, text, all((v or 0.0) >= REAL_F1[k] for k, v in found.items()))


def synthetic_names(results: dict[str, Any]) -> Target:
    name, limit = "Person names on Presidio's synthetic set", "F1 >= Presidio batch's"
    ours = _set_f1(results, "name_pass", "synthetic/presidio")
    theirs = _set_f1(results, "presidio_batch", "synthetic/presidio")
    if ours is None or theirs is None:
        return _not_measured(name, limit, "presidio-evaluator or Presidio not installed")
    return Target(name, limit, f"F1 {ours:.3f} vs {theirs:.3f}", ours >= theirs)


def real_bios(results: dict[str, Any]) -> Target:
    # The check half was only scored until 2026-12-06, when its last two misses were read to
    # mend the grammar (README): since then it is no longer unseen text.
    name = "A4 disclaimers on real bios (bios-dev check half, read once)"
    limit = f"precision and recall >= {BIOS_PR:.2f}"
    if "bios" not in results.get("plan", {}).get("sections", ["bios"]):
        return _not_measured(name, limit, "bios section did not run")
    row = (results.get("bios") or {}).get("detectors", {}).get("grammar")
    if not row:
        return _not_measured(name, limit, "bios-dev not found")
    got = row["halves"]["check"]
    precision, recall = got["precision"] or 0.0, got["recall"] or 0.0
    return Target(name, limit, f"P {precision:.3f}, R {recall:.3f}",
                  min(precision, recall) >= BIOS_PR)


def exif(results: dict[str, Any]) -> Target:
    name, limit = "Photo metadata vs exiftool", f">= {EXIF_SPEEDUP:.0f}x faster, same values"
    found = results.get("exif")
    if not found:
        return _not_measured(name, limit, "exiftool is not installed")
    values = found["values"]
    agree = min(values["agree"].values())
    text = f"{found['speedup']:.1f}x, values agree on {agree}/{values['files']} files"
    return Target(name, limit, text, found["speedup"] >= EXIF_SPEEDUP and values["all_agree"])


def pages(results: dict[str, Any]) -> Target:
    name = "Public profiles read politely"
    limit = (f"<= {PAGES_OVER_FLOOR:.2f}x the politeness floor, peak < {PAGES_PEAK_MB:.0f} MB, "
             "every address read")
    found = results.get("pages")
    if not found:
        return _not_measured(name, limit, "pages section did not run")
    polite = found["polite"]
    name = f"{found['addresses']} public profiles on {found['hosts']} hosts"
    ratio = found["read_vs_floor"] or 0.0
    peak = max(polite["peak_mb"], polite.get("tree_peak_mb") or 0.0)
    text = (f"read {polite['read_s']:.1f} s vs floor {found['floor_s']:.1f} s ({ratio:.3f}x), "
            f"peak {peak:.0f} MB, {polite['not_checked']} not read")
    return Target(name, limit, text, ratio <= PAGES_OVER_FLOOR and peak < PAGES_PEAK_MB
                  and polite["not_checked"] == 0)


def _roster(kind: str, limit_s: float) -> Callable[[dict[str, Any]], Target]:
    def judge(results: dict[str, Any]) -> Target:
        name, limit = f"Roster matching 5,000 x 3,000, {kind}", f"< {limit_s:.0f} s"
        row = results.get("roster", {}).get(kind)
        if not row:
            return _not_measured(name, limit, "roster section did not run")
        name = f"Roster matching {row['names']:,} x {row['roster']:,}, {kind}"
        return Target(name, limit, f"{row['total_s']:.2f} s", row["total_s"] < limit_s)

    return judge


def photos_time(results: dict[str, Any]) -> Target:
    name, limit = f"Scan {PHOTOS_AIM:,} real-size photos", f"< {PHOTOS_LIMIT_S:.0f} s"
    rows = [r for r in results.get("photos", []) if r["photos"] == PHOTOS_AIM]
    if not rows:
        return _not_measured(name, limit, f"run with --photos {PHOTOS_AIM}")
    row = rows[0]
    text = (f"{row['scan']['wall_s']:.1f} s ({row['ratio']:.1f}x the Pillow decode's "
            f"{row['decode']['wall_s']:.1f} s), peak {row['scan']['peak_mb']:.0f} MB")
    return Target(name, limit, text, row["scan"]["wall_s"] < PHOTOS_LIMIT_S
                  and row["scan"]["peak_mb"] < PEAK_LIMIT_MB)


def photos_findings(results: dict[str, Any]) -> Target:
    name, limit = "Real-size photos: findings", "same as the reference code's"
    rows = [r for r in results.get("photos", []) if "reference" in r]
    if not rows:
        return _not_measured(name, limit, "run with --reference REV")
    text = ", ".join(f"{r['photos']:,} photos vs {r['reference']['commit'][:7]}: "
                     f"{r['reference']['findings']} findings, "
                     + ("same verdicts" if r["reference"]["same_verdicts"] else
                        f"{len(r['reference']['only_ours'])} only ours, "
                        f"{len(r['reference']['only_reference'])} only the reference's")
                     for r in rows)
    return Target(name, limit, text, all(r["reference"]["same_verdicts"] for r in rows))


def _rescans(key: str, label: str) -> Callable[[dict[str, Any]], Target]:
    def judge(results: dict[str, Any]) -> Target:
        name = f"Rescans, {label}"
        limit = (f"each once, politeness held, <= {RESCAN_RATIO:.2f}x the bound, "
                 f"< {RESCAN_PEAK_MB:.0f} MB per worker")
        row = results.get("rescans", {}).get(key)
        if not row:
            return _not_measured(name, limit, "no PostgreSQL, or not in this plan")
        name = f"Rescans of {row['profiles']:,} profiles on {row['hosts']} hosts, {label}"
        peak = max(row["peak_mb"])
        # The killed run is held to the same time: the dead worker's claims run out in
        # seconds (claims.LEASE), and the survivor takes its rescans over.
        timely = row["ratio"] <= RESCAN_RATIO
        text = (f"{row['runs']:,} runs for {row['consents_with_a_run']:,} consents; closest "
                f"{row['closest_requests_s']:.3f} s; {row['fetching_s']} s vs "
                f"{row['bound_s']} s ({row['ratio']:.2f}x); peak {peak:.0f} MB")
        met = (row["exactly_once"] and row["polite"] and timely and peak < RESCAN_PEAK_MB)
        return Target(name, limit, text, met)

    return judge


JUDGES = (scan_time, scan_memory, memory_growth, name_pass, real_names, synthetic_names,
          real_bios, exif, pages,
          _roster("plain", ROSTER_PLAIN_S), _roster("sealed", ROSTER_SEALED_S), photos_time,
          photos_findings, _rescans("both", "two workers"),
          _rescans("killed", "one worker killed halfway"))


def judge_all(results: dict[str, Any]) -> list[Target]:
    return [judge(results) for judge in JUDGES]
