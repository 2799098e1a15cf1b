"""The real-size photo generator (fixtures/photos.py): phone-sized, deterministic, growable, and
its truth says what each photo shows and carries (read back through the scanner's own EXIF
reader)."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path

from PIL import Image

from fixtures.photo_draw import draw_photo
from fixtures.photo_spec import LONG_SIDE, SCHOOL, photo_name, spec_for
from fixtures.photos import TRUTH, specs, write_photos
from scanner.media import read_image_meta

COUNT = 6


def test_photos_are_phone_sized_and_carry_their_exif(tmp_path: Path) -> None:
    write_photos(tmp_path, COUNT, seed=3, jobs=1)
    truth = json.loads((tmp_path / TRUTH).read_text("utf-8"))["photos"]
    assert [p["name"] for p in truth] == [photo_name(i) for i in range(COUNT)]
    sizes = []
    for spec in truth:
        data = (tmp_path / spec["name"]).read_bytes()
        sizes.append(len(data))
        with Image.open(io.BytesIO(data)) as image:
            assert image.format == "JPEG" and max(image.size) == LONG_SIDE
            assert list(image.size) == spec["size"]
        meta = read_image_meta(io.BytesIO(data))
        assert meta.make == spec["make"] and meta.model == spec["model"]
        taken = spec["taken"]
        assert (meta.taken.isoformat() if meta.taken else None) == taken
        if spec["geo"] is None:
            assert meta.geo is None
        else:
            assert meta.geo is not None
            assert abs(meta.geo[0] - spec["geo"][0]) < 1e-5
            assert abs(meta.geo[1] - spec["geo"][1]) < 1e-5
    assert 150_000 < sum(sizes) / len(sizes) < 600_000  # about 315 KB, like Meta's exports


def test_same_seed_same_bytes_and_growing_keeps_drawn_files(tmp_path: Path) -> None:
    write_photos(tmp_path, 2, seed=5, jobs=1)
    first = tmp_path / photo_name(0)
    stamp = first.stat().st_mtime_ns
    assert first.read_bytes() == draw_photo(spec_for(5, 0), 5)
    assert draw_photo(spec_for(5, 1), 5) != draw_photo(spec_for(6, 1), 6)
    write_photos(tmp_path, 3, seed=5, jobs=2)
    assert first.stat().st_mtime_ns == stamp  # not drawn again
    assert (tmp_path / photo_name(2)).exists()
    assert json.loads((tmp_path / TRUTH).read_text("utf-8"))["count"] == 3


def test_the_mix_of_crests_decoys_and_places() -> None:
    many = specs(3000, seed=7)
    crests = [s for s in many if s.logo]
    decoys = [s for s in many if s.decoy]
    assert 0.08 < len(crests) / len(many) < 0.12
    assert 0.05 < len(decoys) / len(many) < 0.09
    assert not any(s.logo and s.decoy for s in many)
    assert set(Counter(s.logo.place for s in crests)) == {"shirt", "banner", "sign"}
    assert set(Counter(s.decoy for s in decoys)) == {"other-crest", "same-shield", "initials"}
    assert min(s.logo.share for s in crests) < 0.03  # some crests are tiny
    assert max(abs(s.logo.angle) for s in crests) > 30  # some are turned well over
    at_school = [s for s in many if s.at_school]
    assert 0.1 < len(at_school) / len(many) < 0.2
    for spec in at_school:
        assert spec.geo is not None
        assert abs(spec.geo[0] - SCHOOL[0]) < 0.002 and abs(spec.geo[1] - SCHOOL[1]) < 0.003
    assert any(s.geo and abs(s.geo[0] - SCHOOL[0]) > 0.02 for s in many)  # far away too
    assert any(s.make is None for s in many)  # some saved without EXIF
