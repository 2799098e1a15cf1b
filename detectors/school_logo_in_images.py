"""A3 school-logo-in-images: the school's logo or crest in a profile picture, a header or cover
image, or any posted photo, also resized, cropped, recoloured or as part of a bigger photo.

Every picture whose file the export holds is matched against the pack's logo files by the
shared matcher (detectors/images/logo.py): a perceptual-hash match of the whole picture, or a strong
feature match inside a photo, is `risk`; a weaker feature match is `review`. Pictures are only
read from the export itself (never fetched), so an export without its media files cannot be
checked, and the rule says so instead of reporting "clear".
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from detectors.base import Context, Detector, Record
from detectors.images.logo import match_picture, matcher
from detectors.images.pictures import members_of, pictures
from detectors.images.work import analyse_ahead
from detectors.registry import register
from scanner.model import Finding, Item, Kind

NEEDS_LOGO = ("Needs the school's logo image in the policy pack (school.logos), so pictures "
              "can be compared with it.")
BAD_LOGO = ("The logo file(s) named in the policy pack (school.logos) could not be read as "
            "pictures: use a PNG or JPEG of the logo.")
NO_FILES = ("Your export lists pictures but does not include the image files themselves, so "
            "they could not be compared with the school's logo: request an export that "
            "includes photos and media.")
NO_PICTURES = "No profile pictures or photos were found in the export to compare with the logo."


@register
class SchoolLogoInImages(Detector):
    rule = "A3"
    needs = frozenset({Kind.PROFILE, Kind.MEDIA})
    name = "school-logo-in-images"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.named = 0  # pictures records pointed at
        self.read = 0  # pictures whose bytes the export held

    def prepare(self, items: Sequence[Item]) -> None:
        analyse_ahead(self.ctx, items)

    def see(self, record: Record) -> Iterator[Finding]:
        item = record.item
        named = members_of(item)
        if not named:
            return
        self.named += len(named)
        found = pictures(self.ctx, item)
        self.read += len(found)
        if matcher(self.ctx) is None:
            return
        seen: set[str] = set()
        for picture in found:
            if picture.digest in seen:
                continue
            seen.add(picture.digest)
            hit = match_picture(self.ctx, picture.digest, picture.data)
            if hit is None:
                continue
            excerpt = f"{picture.role}: {picture.member.rsplit('/', 1)[-1]}"
            why = f"{picture.role.capitalize()}: {hit.why}"
            if not hit.strong:
                why += " - a weaker match: check the picture"
            yield self.finding(item, excerpt, why, hit.strong, key=f"{hit.logo}|{picture.member}")

    def missing(self) -> str | None:
        if not self.ctx.policy.logos:
            return NEEDS_LOGO
        if matcher(self.ctx) is None:
            return BAD_LOGO
        if self.named == 0:
            return NO_PICTURES
        if self.read == 0:
            return NO_FILES
        return None
