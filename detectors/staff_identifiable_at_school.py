"""D2 staff-identifiable-at-school: photos of the member of staff that identify the school,
through a badge or lanyard, the school's logo, or the premises.

A photo needs two things: something that ties it to the school, and something that makes it a
picture of the poster at work. Ties: the school's logo inside the photo (the shared matcher's
result, computed once per picture for A3 and D2), GPS inside the school's site, or a caption
or place tag naming the school. Staff signs in the caption: "me", "selfie", "lanyard", "badge",
"first day", "staff photo", "my classroom", "staffroom"...
- the logo inside the photo (a sign, a banner, a badge): `risk` when the match is strong, or
  when a weaker match comes with a staff sign or another tie; else `review`;
- GPS or the school's name plus a staff sign: `risk`;
- GPS or the school's name plus the premises ("classroom", "playground", "school hall"): `review`.
A photo that only ties pupils to the school (a school trip, a pupil's name) is D1's business;
a picture that *is* the logo (an avatar) is A3's. On X a photo is both a post's attachment and
a file in the archive; each record is judged on what it carries (the post's words, the file's
pixels), so a crest in a tweeted photo is reported on the file even when the tweet says nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from detectors.images.logo import LogoHit, match_picture, matcher
from detectors.images.photos import Photo, PhotoDetector, photo_excerpt, school_named
from detectors.images.pictures import Picture, pictures
from detectors.images.work import analyse_ahead
from detectors.registry import register
from detectors.school.geo import describe_distance, distance_to_site, inside_site
from scanner.model import Finding, Item

STAFF = re.compile(
    r"\b(?:me|myself|selfie|lanyard|(?:staff|id|name|school|work)\s+(?:badge|pass|card)"
    r"|my\s+badge|first\s+day|staff\s+(?:photo|picture|pic)|new\s+job|my\s+desk"
    r"|my\s+class\s*room|staff\s*room|inset\s+day)\b", re.IGNORECASE)
PREMISES = re.compile(
    r"\b(?:class\s*room|playground|corridor|school\s+(?:hall|gates?|building|office|field|"
    r"library|reception|entrance|sign))\b", re.IGNORECASE)

LOGO_GRAPHIC = 0.4  # a logo filling this much of the picture is a graphic (avatar), not a scene
NOTHING_TO_JUDGE = ("Your photos came without captions, image files or locations, so they "
                    "could not be checked for badges, logos or the school's premises.")


@register
class StaffIdentifiableAtSchool(PhotoDetector):
    rule = "D2"
    name = "staff-identifiable-at-school"
    nothing_to_judge = NOTHING_TO_JUDGE

    def prepare(self, items: Sequence[Item]) -> None:
        analyse_ahead(self.ctx, items)

    def judge(self, photo: Photo) -> Iterator[Finding]:
        caption = photo.caption
        found = pictures(self.ctx, photo.item)
        self.counted(bool(caption.strip() or photo.geo is not None or found))
        ties = self._ties(photo)
        logo = self._logo(found)
        staff = STAFF.search(caption)
        premises = PREMISES.search(caption)
        verdict = self._verdict(ties, logo, staff, premises)
        if verdict is None:
            return
        why, certain = verdict
        key = photo.item.media[0] if photo.item.media else photo.item.ref.record
        yield self.finding(photo.item, photo_excerpt(self.ctx, photo), why, certain, key=key)

    def _ties(self, photo: Photo) -> list[str]:
        policy = self.ctx.policy
        ties = []
        if inside_site(photo.geo, policy.site):
            metres = distance_to_site(photo.geo, policy.site) or 0.0
            ties.append(f"taken {describe_distance(metres)} from the school (GPS)")
        if school_named(self.ctx, photo.caption) is not None:
            ties.append("the caption names the school")
        elif photo.place and school_named(self.ctx, photo.place, place=True) is not None:
            ties.append("the photo is tagged at the school")
        return ties

    def _logo(self, found: list[Picture]) -> LogoHit | None:
        """The school's logo as part of one of the photo's pictures (not a picture that is
        the logo, such as an avatar: that is A3's)."""
        if matcher(self.ctx) is None:
            return None
        for picture in found:
            hit = match_picture(self.ctx, picture.digest, picture.data)
            if hit is not None and hit.method == "inside photo" and hit.share < LOGO_GRAPHIC:
                return hit
        return None

    @staticmethod
    def _verdict(ties: list[str], logo: LogoHit | None, staff: re.Match[str] | None,
                 premises: re.Match[str] | None) -> tuple[str, bool] | None:
        said = [f'the caption says "{m.group()}"' for m in (staff, premises) if m]
        if logo is not None:
            # A strong match of the crest in a photo identifies the school whoever is in it; a
            # weaker one needs a second sign before it is certain.
            reasons = [logo.why, *ties, *said[:1]]
            certain = logo.strong or bool(ties or staff)
            if not certain:
                reasons.append("check whether the photo shows the school")
            return "; ".join(reasons), certain
        if ties and staff:
            return "; ".join([*ties, said[0]]), True
        if ties and premises:
            return "; ".join([*ties, said[-1], "check whether it shows the school's premises"]), \
                False
        return None
