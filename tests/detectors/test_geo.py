"""Distances and the school's geofence (detectors/school/geo.py)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detectors.school.geo import (
    EARTH_RADIUS_M,
    describe_distance,
    distance_to_site,
    haversine_m,
    inside_site,
    rounded,
    valid,
)
from scanner.policy import Site

SITE = Site(lat=52.4862, lon=-1.8904, radius_m=250)
METRES_PER_DEGREE_LAT = math.pi * EARTH_RADIUS_M / 180


def north_of(site: Site, metres: float) -> tuple[float, float]:
    return (site.lat + metres / METRES_PER_DEGREE_LAT, site.lon)


def east_of(site: Site, metres: float) -> tuple[float, float]:
    per_degree = METRES_PER_DEGREE_LAT * math.cos(math.radians(site.lat))
    return (site.lat, site.lon + metres / per_degree)


@pytest.mark.parametrize(("a", "b", "expected_m", "tolerance_m"), [
    ((51.5007, -0.1246), (48.8584, 2.2945), 340_900, 1_000),  # Big Ben to the Eiffel Tower
    ((52.4862, -1.8904), (52.4862, -1.8904), 0, 0.001),
    ((0.0, 0.0), (1.0, 0.0), 111_195, 5),  # a degree of latitude
    ((0.0, 179.9), (0.0, -179.9), 22_239, 5),  # across the date line, the short way
    ((90.0, 0.0), (-90.0, 0.0), math.pi * EARTH_RADIUS_M, 1),  # pole to pole
])
def test_haversine_known_distances(a: tuple[float, float], b: tuple[float, float],
                                   expected_m: float, tolerance_m: float) -> None:
    assert haversine_m(a, b) == pytest.approx(expected_m, abs=tolerance_m)
    assert haversine_m(b, a) == pytest.approx(haversine_m(a, b))


@pytest.mark.parametrize(("point", "inside"), [
    (north_of(SITE, 0), True),
    (north_of(SITE, 120), True),
    (east_of(SITE, 240), True),
    (north_of(SITE, -249), True),
    # decoys: just outside, the next street, the next town, the other hemisphere
    (north_of(SITE, 262), False),
    (east_of(SITE, 400), False),
    ((52.4800, -1.9050), False),
    ((52.4862, 1.8904), False),
    ((-52.4862, -1.8904), False),
])
def test_inside_site(point: tuple[float, float], inside: bool) -> None:
    assert inside_site(point, SITE) is inside


@pytest.mark.parametrize("point", [None, (0.0, 0.0), (math.nan, 1.0), (91.0, 0.0),
                                   (0.0, 181.0), (math.inf, 0.0)])
def test_unusable_points_are_never_inside(point: tuple[float, float] | None) -> None:
    assert not valid(point)
    assert not inside_site(point, SITE)
    assert distance_to_site(point, SITE) is None


def test_no_site_means_no_distance() -> None:
    assert distance_to_site((52.0, -1.0), None) is None
    assert not inside_site((52.0, -1.0), None)


@pytest.mark.parametrize(("metres", "words"), [(0, "under 10 m"), (9.9, "under 10 m"),
                                               (123, "120 m"), (994, "990 m"), (996, "1.0 km"),
                                               (3456, "3.5 km"), (233_400, "233 km")])
def test_describe_distance(metres: float, words: str) -> None:
    assert describe_distance(metres) == words


def test_rounded_hides_precision() -> None:
    assert rounded((52.486234, -1.890412)) == "52.49, -1.89"


@given(st.floats(allow_nan=True, allow_infinity=True), st.floats(allow_nan=True,
                                                                 allow_infinity=True))
def test_any_point_never_raises(lat: float, lon: float) -> None:
    distance = distance_to_site((lat, lon), SITE)
    assert distance is None or 0 <= distance <= math.pi * EARTH_RADIUS_M + 1
    inside_site((lat, lon), SITE)
