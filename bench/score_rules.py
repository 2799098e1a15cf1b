"""Per-rule precision and recall of a scan's findings against what the generator planted.

Findings are matched to the truth by `where` (platform and record): posts by tweet id or
Facebook list index (truth-<platform>-posts.csv), connections by the friend's name
(truth.json's connections_matching_roster), photos by their archive member (truth.json's
images). A finding on a post planted for another rule counts against precision like any other
false positive; the breakdown says how many were decoys, other rules' posts or plain posts.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fixtures.scale_core import ScaleConfig
from fixtures.scale_fb import bench_photo

POST_RULES = ("C1", "C2", "C3", "C4", "C5", "C6", "C7")
ROLE_RULES = {"pupil": "B1", "ex-pupil": "B2", "parent": "B3", "governor": "B5", "staff": "B6"}
_SHARE = re.compile(r"([\d,]+) of ([\d,]+) posts")

Key = tuple[str, str]  # (platform, record)


@dataclass
class RuleScore:
    rule: str
    expected: set[Key] = field(default_factory=set)
    flagged: set[Key] = field(default_factory=set)
    decoys: set[Key] = field(default_factory=set)
    others: set[Key] = field(default_factory=set)  # planted for another rule

    def to_json(self) -> dict[str, Any]:
        hit = self.flagged & self.expected
        return {"rule": self.rule, "planted": len(self.expected), "flagged": len(self.flagged),
                "true_positives": len(hit),
                "precision": round(len(hit) / len(self.flagged), 4) if self.flagged else None,
                "recall": round(len(hit) / len(self.expected), 4) if self.expected else None,
                "decoys_planted": len(self.decoys),
                "decoys_flagged": len(self.flagged & self.decoys),
                "other_rules_flagged": len(self.flagged & (self.others - self.expected)),
                "unlabelled_flagged": len(self.flagged - self.expected - self.decoys
                                          - self.others)}


def findings_by_rule(report: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return {item["rule"]: item.get("findings", []) for item in report["checklist"]}


def _keys(findings: list[dict[str, Any]]) -> set[Key]:
    return {(f["where"]["platform"], str(f["where"]["record"])) for f in findings}


def post_labels(folder: Path, truth: dict[str, Any]) -> dict[Key, set[str]]:
    labels: dict[Key, set[str]] = {}
    for platform, name in truth["post_records"].items():
        with (folder / name).open(encoding="utf-8", newline="") as stream:
            for row in csv.DictReader(stream):
                labels[(platform, row["record"])] = set(row["labels"].split())
    return labels


def score_posts(report: dict[str, Any], labels: dict[Key, set[str]]) -> list[RuleScore]:
    found = findings_by_rule(report)
    planted = {key for key, tags in labels.items() if any(t in POST_RULES for t in tags)}
    scores = []
    for rule in POST_RULES:
        score = RuleScore(rule, flagged=_keys(found.get(rule, [])))
        score.expected = {k for k, tags in labels.items() if rule in tags}
        score.decoys = {k for k, tags in labels.items() if f"{rule}-decoy" in tags}
        score.others = planted - score.expected
        scores.append(score)
    return scores


def score_connections(report: dict[str, Any], truth: dict[str, Any]) -> list[RuleScore]:
    """B1-B6 by friend name; a planted name flagged under another role's rule (an initial
    that fits a pupil and a parent) counts as "other rules'"."""
    found = findings_by_rule(report)
    expected: dict[str, set[Key]] = defaultdict(set)
    planted = {("facebook", str(e["name"])) for e in truth["connections_matching_roster"]}
    for entry in truth["connections_matching_roster"]:
        rule = ROLE_RULES[entry["role"]]
        if rule == "B2" and entry.get("age", 0) >= 18:
            continue  # an adult former pupil: no rule applies
        expected[rule].add(("facebook", entry["name"]))
    return [RuleScore(rule, expected[rule], _keys(found.get(rule, [])),
                      others=planted - expected[rule])
            for rule in sorted(set(ROLE_RULES.values()))]


def variant_recall(truth: dict[str, Any], found: set[str]) -> dict[str, list[int]]:
    """For each way a roster name was written on the friend list: [found, planted]."""
    out: dict[str, list[int]] = {}
    for entry in truth["connections_matching_roster"]:
        counts = out.setdefault(entry["variant"], [0, 0])
        counts[0] += entry["name"] in found
        counts[1] += 1
    return dict(sorted(out.items()))


def score_images(report: dict[str, Any], truth: dict[str, Any],
                 labels: dict[Key, set[str]]) -> list[RuleScore]:
    found = findings_by_rule(report)
    members = truth["images"]["members"]
    school = {("facebook", m) for m in members.get("school", [])}
    expected = {"D1": school | _photos_tied_to_pupils(truth, labels),
                "D3": school | {("facebook", m) for m in members.get("elsewhere", [])},
                "A3": {("facebook", m) for m in members.get("logo", [])}}
    return [RuleScore(rule, keys, {k for k in _keys(found.get(rule, []))
                                   if k[0] == "facebook" and not k[1].isdigit()})
            for rule, keys in expected.items()]


def _photos_tied_to_pupils(truth: dict[str, Any], labels: dict[Key, set[str]]) -> set[Key]:
    """Besides photos taken at school, D1 covers a photo whose caption (its post's text) names
    a pupil, and one with no camera time of its own posted in teaching hours on a term day."""
    c = truth["config"]
    config = ScaleConfig(c["posts"], c["connections"], c["images"], c["roster"], c["seed"])
    images = min(config.images, config.posts)
    tied = set()
    for j in range(images):
        photo = bench_photo(config, j)
        post = labels.get(("facebook", str(j * config.posts // images)), set())
        if "C1" in post or (photo.taken is None and "C9" in post):
            tied.add(("facebook", photo.member))
    return tied


def score_hours(report: dict[str, Any], truth: dict[str, Any],
                labels: dict[Key, set[str]]) -> dict[str, Any]:
    """C9 is one summary finding and a few examples: compare its count with the truth's."""
    findings = findings_by_rule(report).get("C9", [])
    planted = sum(counts.get("C9", 0) for counts in truth["posts_by_rule"].values())
    counted = None
    for finding in findings:
        if match := _SHARE.search(finding.get("why", "")):
            counted = int(match.group(1).replace(",", ""))
            break
    examples = _keys(findings)
    right = sum(1 for k in examples if "C9" in labels.get(k, set()))
    return {"rule": "C9", "planted": planted, "counted": counted,
            "examples": len(examples), "examples_right": right}


def score_report(report: dict[str, Any], folder: Path, truth: dict[str, Any]) -> dict[str, Any]:
    labels = post_labels(folder, truth)
    rules = [*score_posts(report, labels), *score_connections(report, truth),
             *score_images(report, truth, labels)]
    flagged = {k[1] for rule in ROLE_RULES.values()
               for k in _keys(findings_by_rule(report).get(rule, []))}
    return {"rules": [r.to_json() for r in rules], "C9": score_hours(report, truth, labels),
            "connection_variants": variant_recall(truth, flagged)}
