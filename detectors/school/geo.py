"""Distances on the Earth, and whether a place is inside the school's geofence."""

from __future__ import annotations

import math

from scanner.policy import Site

EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG)


def haversine_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in metres between two (lat, lon) points in degrees."""
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def valid(point: tuple[float, float] | None) -> bool:
    """A usable coordinate: finite, on the globe, and not the (0, 0) that broken GPS writes."""
    if point is None:
        return False
    lat, lon = point
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return False
    return -90 <= lat <= 90 and -180 <= lon <= 180 and (lat, lon) != (0.0, 0.0)


def distance_to_site(point: tuple[float, float] | None, site: Site | None) -> float | None:
    """Metres from the school site, or None if either is missing or unusable."""
    if site is None or point is None or not valid(point):
        return None
    return haversine_m(point, (site.lat, site.lon))


def inside_site(point: tuple[float, float] | None, site: Site | None) -> bool:
    """Whether the point is within the school's geofence radius."""
    distance = distance_to_site(point, site)
    return distance is not None and site is not None and distance <= site.radius_m


def describe_distance(metres: float) -> str:
    """`under 10 m`, `120 m`, `3.4 km` or `233 km`: rounded so it reads as an estimate."""
    if metres < 10:
        return "under 10 m"
    if metres < 995:
        return f"{round(metres / 10) * 10:.0f} m"
    if metres < 9950:
        return f"{metres / 1000:.1f} km"
    return f"{metres / 1000:.0f} km"


def rounded(point: tuple[float, float]) -> str:
    """Coordinates to two decimals (about a kilometre): enough to place, not to pinpoint."""
    return f"{point[0]:.2f}, {point[1]:.2f}"
