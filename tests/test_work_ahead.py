"""Pictures analysed in a worker process give exactly the verdicts of working in order.

The worker (detectors/images/ahead.py) only starts on scans with many pictures; these tests lower
that threshold to 0 so the small fixture exports go through it, and compare with a scan whose
threshold is never reached. They spawn a real process and read real zips and folders.
"""

from __future__ import annotations

import zipfile
from functools import partial
from pathlib import Path

import pytest

from detectors.images import ahead as _ahead
from detectors.images.ahead import WorkAhead
from detectors.images.faces import faces_in
from detectors.images.logo import match_with_logos
from detectors.images.pictures import Analysed
from detectors.images.work import analyse_picture
from fixtures.build import write_persona
from fixtures.personas import PERSONAS
from fixtures.school import TODAY
from scanner.commands.scan import load_any_roster
from scanner.media import is_image
from scanner.pipeline import CHUNK, LOOKAHEAD, ScanOptions, scan
from scanner.policy import DEMO_PACK, load_policy
from scanner.sources import load_sources

IMAGE_RULES = ("A3", "D1", "D2")


def _image_findings(paths: list[Path]) -> list[tuple[str, str, str, str, bool]]:
    policy = load_policy(DEMO_PACK)
    loaded = load_sources(paths)
    try:
        result = scan(loaded.sources, policy,
                      ScanOptions(today=TODAY, roster=load_any_roster(policy, None, TODAY)))
    finally:
        loaded.close()
    return sorted((f.rule, f.ref.platform, f.ref.record, f.why, f.certain)
                  for item in result.checklist if item.rule.id in IMAGE_RULES
                  for f in item.findings)


@pytest.mark.parametrize("as_zip", [True, False], ids=["zip", "folder"])
def test_worker_gives_the_same_image_findings_as_working_in_order(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, as_zip: bool) -> None:
    paths = list(write_persona(PERSONAS["jo"], tmp_path, as_zip=as_zip).values())
    monkeypatch.setattr(_ahead, "START_AFTER", 10**9)
    in_order = _image_findings(paths)
    monkeypatch.setattr(_ahead, "START_AFTER", 0)
    ahead = _image_findings(paths)
    assert ahead == in_order
    assert any(rule == "A3" for rule, *_ in ahead), "the fixtures plant the logo in a picture"


def _pictures(archive: Path) -> list[str]:
    with zipfile.ZipFile(archive) as opened:
        return [name for name in opened.namelist() if is_image(name)]


def test_worker_results_match_the_logo_matcher_run_here(tmp_path: Path) -> None:
    paths = write_persona(PERSONAS["jo"], tmp_path, as_zip=True)
    logos = tuple(str(p) for p in load_policy(DEMO_PACK).logos)
    analyse = partial(match_with_logos, logos)
    archive = next(p for p in paths.values() if _pictures(p))
    members = _pictures(archive)
    worker = WorkAhead(start_after=0)
    try:
        worker.submit("logo", analyse, [((archive, m), archive, m) for m in members])
        worker.submit("logo", analyse, [(("missing",), archive, "no/such/photo.jpg")])
        collected = {m: worker.collect((archive, m)) for m in members}
        assert worker.collect(("missing",)) == [], "a picture it cannot read is left out"
    finally:
        worker.stop()
    with zipfile.ZipFile(archive) as opened:
        for member in members:
            here = match_with_logos(logos, opened.read(member))
            [(name, digest, there)] = collected[member]
            assert (name, there) == ("logo", here), member
            assert len(digest) == 40


def test_below_the_threshold_no_worker_is_started(tmp_path: Path) -> None:
    worker = WorkAhead(start_after=5)
    jobs: list[_ahead.Job] = [((tmp_path, str(i)), tmp_path, f"{i}.jpg") for i in range(5)]
    worker.submit("logo", partial(match_with_logos, ()), jobs)
    assert worker.collect((tmp_path, "0")) == []
    worker.stop()


def test_one_decode_in_the_worker_gives_the_logo_and_the_faces_of_working_here(
        tmp_path: Path) -> None:
    """The worker's shared analysis (detectors/images/work.py) fills both caches with what
    the rules would work out in order: the logo match and the face count."""
    paths = write_persona(PERSONAS["jo"], tmp_path, as_zip=True)
    logos = tuple(str(p) for p in load_policy(DEMO_PACK).logos)
    archive = next(p for p in paths.values() if _pictures(p))
    members = _pictures(archive)
    worker = WorkAhead(start_after=0)
    try:
        worker.submit("pictures", partial(analyse_picture, logos, True),
                      [((archive, m), archive, m) for m in members])
        collected = {m: worker.collect((archive, m)) for m in members}
    finally:
        worker.stop()
    with zipfile.ZipFile(archive) as opened:
        for member in members:
            data = opened.read(member)
            [(name, _digest, there)] = collected[member]
            assert name == "pictures" and isinstance(there, Analysed)
            assert there.results == {"logo": match_with_logos(logos, data),
                                     "faces": faces_in(data)}, member
    assert any(r[0][2].results["logo"] is not None for r in collected.values())


def test_results_for_every_chunk_the_pipeline_hands_over_ahead_are_kept(tmp_path: Path) -> None:
    """The pipeline prepares LOOKAHEAD + 1 chunks before reading the first: every picture's
    result must still be there when its record is read, or the main process redoes it alone
    (at 4,096 kept, a 10,000-photo folder was mostly matched twice)."""
    per_record = 2  # a post with two photos
    chunks = [[(f"{c}-{r}-{p}.jpg") for r in range(CHUNK) for p in range(per_record)]
              for c in range(LOOKAHEAD + 1)]
    for chunk in chunks:
        for member in chunk:
            (tmp_path / member).write_bytes(b"x" * (len(member) % 5 + 1))
    worker = WorkAhead(start_after=0)
    try:
        for chunk in chunks:  # as `pipeline._prepared` does, before the first is read
            worker.submit("size", len, [((tmp_path, m), tmp_path, m) for m in chunk])
        first = chunks[0]
        collected = [worker.collect((tmp_path, m)) for m in first]
    finally:
        worker.stop()
    dropped = sum(1 for found in collected if not found)
    assert dropped == 0, f"{dropped} of the first chunk's results were dropped before use"
    assert [value for [(_, _, value)] in collected] == [len(m) % 5 + 1 for m in first]
