"""The printed report: one table per section, the ratios between things measured side by side
in the same run, and the targets with whether each is met."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from bench.run_ner import ENGINES

MET = {True: "[green]yes[/]", False: "[red]NO[/]", None: "[yellow]-[/]"}


def _n(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def scan_table(results: dict[str, Any]) -> Table:
    table = Table(title="End-to-end `riskscan scan` (one archive per run) and the floor "
                  "(unzip + orjson)")
    for col in ("archive", "posts", "wall s", "posts/s", "peak MB (all processes)", "floor s",
                "scan/floor"):
        table.add_column(col, justify="left" if col == "archive" else "right")
    floors = {(f["posts"], f["platform"]): f for f in results.get("floor", [])}
    for row in results.get("scan", []):
        floor = floors.get((row["posts"], row["platform"]), {})
        table.add_row(row["platform"], f"{row['posts']:,}", _n(row["wall_s"]),
                      _n(row["posts_per_s"], 0), _n(row["peak_mb"], 0),
                      _n(floor.get("wall_s"), 2), _n(row.get("vs_floor")) + "x")
    return table


def ner_table(results: dict[str, Any]) -> Table:
    ner = results["ner"]
    table = Table(title=f"Person names: {ner['texts']:,} post texts (speed); "
                  f"{ner['labelled_texts']:,} labelled texts with {ner['labelled_names']:,} "
                  "names (accuracy)")
    for col in ("engine", "texts/s", "load s", "peak MB", "P", "R", "F1", "F1 overlap"):
        table.add_column(col, justify="left" if col == "engine" else "right")
    for engine, row in ner["engines"].items():
        exact, overlap = row["person"]["exact"], row["person"]["overlap"]
        table.add_row(ENGINES[engine], _n(row["texts_per_s"], 0), _n(row["load_s"], 2),
                      _n(row["tree_peak_mb"] or row["peak_mb"], 0), _n(exact["precision"], 3),
                      _n(exact["recall"], 3), _n(exact["f1"], 3), _n(overlap["f1"], 3))
    return table


SET_TITLES = {"report/wnut17": "REPORT WNUT-17 dev file", "report/btc": "REPORT BTC h 2nd half",
              "dev/wnut17": "DEV WNUT-17 train, last 600", "dev/btc": "DEV BTC h 500-999",
              "synthetic/presidio": "Presidio's synthetic set"}


def name_sets_table(results: dict[str, Any]) -> Table:
    """PERSON P / R / F1 (exact spans, handles left out) of each finder on each extra set."""
    ner = results["ner"]
    engines = {e: row for e, row in ner["engines"].items() if row.get("sets")}
    table = Table(title="Person names on real tweets (ner-dev, handles left out) and "
                        "Presidio's synthetic sentences: P / R / F1, exact spans")
    table.add_column("set")
    table.add_column("texts / names", justify="right")
    for engine in engines:
        table.add_column(ENGINES[engine].split(" (")[0], justify="right")
    for key, size in ner.get("sets", {}).items():
        cells = []
        for row in engines.values():
            got = row["sets"].get(key, {}).get("exact")
            cells.append(f"{got['precision']:.2f} / {got['recall']:.2f} / {got['f1']:.3f}"
                         if got else "-")
        table.add_row(SET_TITLES.get(key, key), f"{size['texts']:,} / {size['names']:,}",
                      *cells)
    return table


def exif_table(results: dict[str, Any]) -> Table:
    exif = results["exif"]
    values = exif["values"]
    agree = ", ".join(f"{k} {v}/{values['files']}" for k, v in values["agree"].items())
    table = Table(title=f"Photo metadata: {exif['files']:,} JPEGs from the Facebook archive "
                  f"({values['with_gps']} with GPS); values agree: {agree}")
    for col in ("tool", "wall s", "files/s", "peak MB"):
        table.add_column(col, justify="left" if col == "tool" else "right")
    ours = exif["scanner"]
    rows = (("exiftool -json -n, one process (wall)", exif["exiftool"]["wall_s"],
             exif["exiftool"]["files_per_s"], exif["exiftool"]["peak_mb"]),
            ("read_image_meta, in a running scan", ours["reading_s"],
             ours["reading_files_per_s"], None),
            ("read_image_meta, whole process (wall)", ours["wall_s"], ours["files_per_s"],
             ours["peak_mb"]))
    for label, seconds, rate, peak in rows:
        table.add_row(label, _n(seconds, 2), _n(rate, 0), _n(peak, 0))
    return table


def roster_table(results: dict[str, Any]) -> Table:
    roster = results["roster"]
    table = Table(title=f"Roster matching (sealing took {roster['seal_s']} s)")
    wordy = ("roster", "found by how the name was written")
    for col in ("roster", "names x roster", "load s", "match s", "total s", "planted found",
                wordy[1], "other matches"):
        table.add_column(col, justify="left" if col in wordy else "right")
    for kind in ("plain", "sealed"):
        row = roster[kind]
        table.add_row(kind, f"{row['names']:,} x {row['roster']:,}", _n(row["load_s"], 3),
                      _n(row["match_s"], 3), _n(row["total_s"], 3),
                      f"{row['planted_found']}/{row['planted']}",
                      _by_variant(row.get("by_variant", {})), str(row["unplanted_matched"]))
    return table


def _by_variant(counts: dict[str, list[int]]) -> str:
    """ "exact 51/51, typo 0/58": the sealed roster cannot match typos or initials, by design."""
    return ", ".join(f"{variant} {found}/{planted}"
                     for variant, (found, planted) in counts.items()) or "-"


def accuracy_table(results: dict[str, Any]) -> Table:
    acc = results["accuracy"]
    hours = acc["C9"]
    table = Table(title=f"Per-rule accuracy on the {acc['archive_posts']:,}-post archives "
                  f"(C9: truth {hours['planted']:,} posts in teaching hours, scanner counted "
                  f"{_n(hours['counted'], 0)}; examples right "
                  f"{hours['examples_right']}/{hours['examples']})")
    for col in ("rule", "planted", "flagged", "precision", "recall", "decoys hit",
                "other rules' posts", "unlabelled"):
        table.add_column(col, justify="left" if col == "rule" else "right")
    for row in acc["rules"]:
        table.add_row(row["rule"], str(row["planted"]), str(row["flagged"]),
                      _n(row["precision"], 3), _n(row["recall"], 3),
                      f"{row['decoys_flagged']}/{row['decoys_planted']}",
                      str(row["other_rules_flagged"]), str(row["unlabelled_flagged"]))
    return table


def bios_table(results: dict[str, Any]) -> Table:
    """A4 precision / recall on real bios, per half of bios-dev, now and before issue 14."""
    bios = results["bios"]
    table = Table(title=f"A4 disclaimers on {bios['bios']} real bios (bios-dev; "
                        f"{bios['ambiguous_left_out']} ambiguous left out): precision / recall "
                        "(bios with a disclaimer)")
    halves = next(iter(bios["detectors"].values()))["halves"]
    table.add_column("detector")
    for half, got in halves.items():
        title = {"dev": "dev half (built on)", "check": "check half (read once)"}.get(half, half)
        table.add_column(f"{title}, {got['bios']} ({got['with_disclaimer']})", justify="right")
    table.add_column("bios/s", justify="right")
    for row in bios["detectors"].values():
        cells = [f"{got['precision']:.3f} / {got['recall']:.3f}" if got["precision"] is not None
                 else "-" for got in row["halves"].values()]
        table.add_row(row["label"], *cells, _n(row["bios_per_s"], 0))
    return table


def photos_table(results: dict[str, Any]) -> Table:
    table = Table(title="Real-size photos (2,048 px phone pictures): `riskscan scan FOLDER` and "
                  "one process that only decodes them (Pillow)")
    for col in ("photos", "MB", "decode s", "scan s", "scan/decode", "CPU scan/decode",
                "photos/s", "peak MB (all processes)", "crest found", "decoys flagged",
                "D1 (certain)", "vs reference"):
        table.add_column(col, justify="right")
    for row in results["photos"]:
        found = row["findings"]
        reference = row.get("reference")
        same = "-" if reference is None else (
            f"{reference['commit'][:7]}: " + ("same" if reference["same_verdicts"]
                                              else "DIFFERENT"))
        table.add_row(f"{row['photos']:,}", _n(row["megabytes"], 0),
                      _n(row["decode"]["wall_s"], 1), _n(row["scan"]["wall_s"], 1),
                      _n(row["ratio"]) + "x", _n(row.get("cpu_ratio")) + "x",
                      _n(row["scan"]["photos_per_s"], 0),
                      _n(row["scan"]["peak_mb"], 0),
                      f"{found['A3']['crest_found']}/{found['crest_photos']}",
                      f"{found['A3']['decoys_flagged']}/{found['decoy_photos']}",
                      f"{found['D1']['flagged']} ({found['D1']['certain']})", same)
    return table


def pages_table(results: dict[str, Any]) -> Table:
    """Reading public profiles politely, beside the same addresses read with no gap."""
    found = results["pages"]
    table = Table(title=f"Public profiles: {found['addresses']} addresses on {found['hosts']} "
                        f"local hosts, {found['requests_per_host']} requests per host; "
                        f"politeness floor {found['floor_s']:g} s")
    for column in ("run", "read s", "scan s", "pages fetched", "not read", "peak MB"):
        table.add_column(column, justify="right" if column != "run" else "left")
    for key, label in (("polite", f"riskscan, {found['gap_s']:g} s between requests to a host"),
                       ("no_gap", "same, no gap (not for real use)")):
        row = found[key]
        table.add_row(label, _n(row["read_s"], 2), _n(row.get("scan_s"), 2),
                      str(row["pages_fetched"]), str(row["not_checked"]),
                      _n(max(row["peak_mb"], row.get("tree_peak_mb") or 0.0), 0))
    return table


def rescans_table(results: dict[str, Any]) -> Table:
    """Scheduled rescans: two workers on one PostgreSQL, then one of them killed halfway."""
    table = Table(title="Scheduled rescans: local hosts, two `riskscan worker`s, one PostgreSQL")
    for col in ("run", "profiles", "runs stored", "exactly once", "closest requests to a host",
                "fetching", "politeness bound", "ratio", "wall", "peak MB per worker"):
        table.add_column(col, justify="right")
    for key, label in (("both", "two workers"), ("killed", "one killed halfway")):
        row = results["rescans"].get(key)
        if row:
            table.add_row(label, f"{row['profiles']:,} on {row['hosts']} hosts",
                          f"{row['runs']:,}", "yes" if row["exactly_once"] else "NO",
                          f"{row['closest_requests_s']:.3f} s", f"{row['fetching_s']} s",
                          f"{row['bound_s']} s", f"{row['ratio']:.2f}x", f"{row['wall_s']} s",
                          " / ".join(f"{mb:.0f}" for mb in row["peak_mb"]))
    return table


def ratios(results: dict[str, Any]) -> list[str]:
    """The side-by-side comparisons in words."""
    lines = []
    engines = results.get("ner", {}).get("engines", {})
    ours = engines.get("name_pass")
    for other, label in (("presidio_batch", "Presidio batch"),
                         ("presidio_analyze", "Presidio per text"),
                         ("ner_ceiling", "the NER ceiling (2 processes)")):
        theirs = engines.get(other)
        if ours and theirs:
            lines.append(f"person-name pass vs {label}: "
                         f"{ours['texts_per_s'] / theirs['texts_per_s']:.1f}x throughput, "
                         f"F1 {ours['person']['exact']['f1']:.3f} vs "
                         f"{theirs['person']['exact']['f1']:.3f}")
    if exif := results.get("exif"):
        lines.append(f"read_image_meta vs exiftool: {exif['speedup']:.1f}x faster "
                     f"({exif['speedup_whole_process']:.1f}x counting Python's start-up)")
    if roster := results.get("roster"):
        plain, sealed = roster["plain"]["total_s"], roster["sealed"]["total_s"]
        lines.append(f"sealed vs plain roster: {sealed / plain:.1f}x the time"
                     if plain else "sealed vs plain roster: -")
    detectors = results.get("bios", {}).get("detectors", {})
    if (now := detectors.get("grammar")) and (before := detectors.get("v1")):
        ours, theirs = now["halves"]["all"], before["halves"]["all"]
        lines.append(f"A4 now vs before issue 14, all real bios: precision {ours['precision']} vs "
                     f"{theirs['precision']}, recall {ours['recall']} vs {theirs['recall']}, "
                     f"{now['bios_per_s'] / before['bios_per_s']:.2f}x the speed")
    for row in results.get("photos", []):
        lines.append(f"photos scan vs Pillow decode, {row['photos']:,} photos: "
                     f"{row['ratio']:.1f}x the time, {_n(row.get('cpu_ratio'))}x the CPU time")
        if remembered := row.get("remembered"):
            same = "the same report" if remembered["same_report"] else "A DIFFERENT REPORT"
            lines.append(f"photos scanned again, remembered, vs the first scan, "
                         f"{row['photos']:,} photos: {remembered['vs_first']:.2f}x the time "
                         f"({remembered['wall_s']:.1f} s), {same}")
        if (reference := row.get("reference")) and reference.get("reference_cpu_s"):
            lines.append(f"photo findings, this code vs {reference['commit'][:7]}: "
                         f"{row['findings_cpu_s'] / reference['reference_cpu_s']:.2f}x the "
                         "CPU time")
    for row in results.get("scan", []):
        if "vs_floor" in row:
            lines.append(f"scan vs floor, {row['platform']} {row['posts']:,} posts: "
                         f"{row['vs_floor']:.1f}x the time of unzip + orjson")
    found = results.get("pages")
    if found and found["floor_s"]:
        lines.append(f"public profiles read politely vs the politeness floor: "
                     f"{found['read_vs_floor']:.3f}x; the same with no gap took "
                     f"{found['no_gap']['read_s']:.2f} s")
    return lines


def targets_table(results: dict[str, Any]) -> Table:
    table = Table(title="Targets")
    for col in ("target", "limit", "measured", "met"):
        table.add_column(col)
    for target in results["targets"]:
        table.add_row(target["name"], target["limit"], target["measured"],
                      MET[target["met"]])
    return table


def header(results: dict[str, Any]) -> str:
    meta = results["meta"]
    load = meta.get("load_average_start")
    return (f"riskscan benchmarks, {meta['date']}, commit {meta['commit']}"
            f"{' (with uncommitted changes)' if meta['uncommitted_changes'] else ''}: "
            f"`{meta['command']}` on {meta['cores']} cores ({meta['cpu']}), "
            f"{meta['memory_gb']} GB, Python {meta['python']}; load average at start "
            f"{load[0] if load else '-'}")


def print_report(results: dict[str, Any], console: Console) -> None:
    console.print(header(results), highlight=False, markup=False)
    builders = (("scan", scan_table), ("ner", ner_table), ("exif", exif_table),
                ("roster", roster_table), ("accuracy", accuracy_table),
                ("photos", photos_table))
    for key, build in builders:
        if results.get(key) and (key != "accuracy" or "rules" in results[key]):
            console.print(build(results))
        if key == "ner" and results.get("ner", {}).get("sets"):
            console.print(name_sets_table(results))
    if results.get("bios"):
        console.print(bios_table(results))
    if results.get("pages"):
        console.print(pages_table(results))
    if results.get("rescans"):
        console.print(rescans_table(results))
    console.print("[bold]Ratios (measured side by side in this run)[/]")
    for line in ratios(results):
        console.print(f"  {line}", highlight=False)
    console.print(targets_table(results))
    for note in results.get("notes", []):
        console.print(f"[yellow]Note:[/] {note}", highlight=False)
