"""D3 location-metadata-exposed: photos that still carry GPS coordinates.

Any photo with a location (from its own EXIF, or the export's copy of it) is reported, one
finding per photo: a home or the school can be read off it. The excerpt gives the place only to
two decimals (about a kilometre) so the report itself does not pinpoint anyone's home; the
reason says how far the photo is from the school's site when the pack has one.
"""

from __future__ import annotations

from collections.abc import Iterator

from detectors.base import Context, Detector, Record
from detectors.registry import register
from detectors.school.geo import describe_distance, distance_to_site, rounded, valid
from scanner.model import Finding, Kind

NO_METADATA = ("Your export has photo records but neither the photo files nor their metadata, "
               "so GPS locations could not be checked: request an export that includes media.")


@register
class LocationMetadataExposed(Detector):
    rule = "D3"
    needs = frozenset({Kind.MEDIA})
    name = "location-metadata-exposed"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.photos = 0
        self.readable = 0  # photos with a file or any metadata: their GPS could be read

    def see(self, record: Record) -> Iterator[Finding]:
        item = record.item
        self.photos += 1
        if item.media or item.taken or item.make or item.model or item.geo:
            self.readable += 1
        if not valid(item.geo) or item.geo is None:
            return
        yield self.finding(item, f"photo taken at {rounded(item.geo)} (rounded)",
                           self._why(item.geo), certain=True,
                           key=item.media[0] if item.media else item.ref.record)

    def _why(self, geo: tuple[float, float]) -> str:
        site = self.ctx.policy.site
        distance = distance_to_site(geo, site)
        if site is None or distance is None:
            return "the photo keeps its GPS location, which anyone with the file can read"
        if distance <= site.radius_m:
            return (f"the photo keeps its GPS location, {describe_distance(distance)} from the "
                    "school: inside the school's site")
        return (f"the photo keeps its GPS location, {describe_distance(distance)} from the "
                "school's site (it may show your home or another place you go)")

    def missing(self) -> str | None:
        return NO_METADATA if self.photos and not self.readable else None
