"""D1 identifiable-pupil-image: a photo whose metadata or words tie it to pupils.

Signs, each explained in the finding:
- where: GPS (the photo's EXIF, or its post's location) inside the school's geofence;
- when: taken (EXIF time, local) or else posted (converted to UK time) in teaching hours on a
  term day;
- who: a caption or tag naming a pupil on the roster (names shown as initials), or speaking of
  the poster's own pupils ("my Year 6s", "my class");
- what: the caption names the school, or a school event ("sports day", "school trip",
  "nativity", "class assembly", "leavers' assembly", a residential trip...);
- faces in the picture (OpenCV), looked for only when the file is in the export and another
  sign already fired, to keep a big archive cheap.
A pupil named with certainty, or two signs together, is `risk`; one sign alone is `review`.
Photos are paired with their post's caption (see detectors/images/photos.py), so a post with three
photos gives three findings, one per photo, and the post itself is not counted again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from detectors.base import NameMatch
from detectors.images.faces import faces_in_picture
from detectors.images.photos import Photo, PhotoDetector, photo_excerpt, school_named
from detectors.images.pictures import pictures
from detectors.images.work import analyse_ahead
from detectors.post_names_pupil import is_child, role_words
from detectors.registry import register
from detectors.school.geo import describe_distance, distance_to_site, inside_site
from detectors.school.hours import local_time
from detectors.text.posts import about_own_family, own_name_parts, pupil_refs
from scanner.model import Finding, Item

# School events that put pupils in a picture. "Residential" alone is also a kind of property,
# so only as a trip ("Year 6 residential", "back from residential", "residential trip"); a
# "nativity scene" is a crib in a shop window, not a play.
EVENTS = re.compile(
    r"\b(?:school|class|field|year\s*\d{1,2}|y\d{1,2})\s+trips?\b"
    r"|\bsports?\s+day\b|\bnativity\b(?!\s+(?:scenes?|sets?|figures?|figurines?|cribs?))"
    r"|\bclass\s+assembl(?:y|ies)\b"
    r"|\bschool\s+(?:disco|play|fair|fete|fête|concert|production|assembly|show|panto)\b"
    r"|\bleavers['’]?\s+(?:assembly|service|disco|prom|party|concert)\b"
    r"|\bresidential\s+(?:trip|visit|week|stay)\b"
    r"|\b(?:on|from|at)\s+(?:the\s+|our\s+|their\s+)?residential\b"
    r"|\b(?:year\s*\d{1,2}|y\d{1,2})\s+residential\b"
    r"|\bworld\s+book\s+day\b|\bprize[-\s]giving\b|\bschool\s+sports\b",
    re.IGNORECASE)

NOTHING_TO_JUDGE = ("Your photos came without captions, and the policy pack has no school site "
                    "or hours to compare their location and time with (school.site, "
                    "school.hours), so they could not be tied to pupils.")


@dataclass
class _Signs:
    """What ties one photo to pupils, in words, and whether a pupil is named for certain."""

    words: list[str] = field(default_factory=list)
    count: int = 0  # signs, not sentences: "taken at the school in school hours" is two
    pupil_certain: bool = False
    hidden: list[tuple[int, int]] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)

    def add(self, words: str, count: int = 1) -> None:
        self.words.append(words)
        self.count += count


@register
class IdentifiablePupilImage(PhotoDetector):
    rule = "D1"
    name = "identifiable-pupil-image"
    nothing_to_judge = NOTHING_TO_JUDGE

    def prepare(self, items: Sequence[Item]) -> None:
        analyse_ahead(self.ctx, items)  # faces counted ahead, with the logo, from one decode

    # -- one photo -------------------------------------------------------------------------
    def judge(self, photo: Photo) -> Iterator[Finding]:
        policy = self.ctx.policy
        self.counted(bool(photo.caption.strip() or (photo.geo and policy.site)
                          or (photo.moment and policy.hours)))
        signs = _Signs()
        self._where_and_when(photo, signs)
        self._who(photo, signs)
        self._what(photo, signs)
        if not signs.words:
            return
        self._faces(photo, signs)
        certain = signs.pupil_certain or signs.count >= 2
        why = "; ".join(signs.words)
        if not certain:
            why += " (one sign only: check whether pupils can be identified)"
        key = photo.item.media[0] if photo.item.media else photo.item.ref.record
        yield self.finding(photo.item, photo_excerpt(self.ctx, photo, signs.hidden), why,
                           certain, key=key)

    def _where_and_when(self, photo: Photo, signs: _Signs) -> None:
        """`taken 120 m from the school at 10:14 on a term day`, or either half."""
        policy = self.ctx.policy
        where = when = ""
        if inside_site(photo.geo, policy.site):
            where = f"{describe_distance(distance_to_site(photo.geo, policy.site) or 0.0)} " \
                    "from the school"
        hours = policy.hours
        if hours is not None and photo.moment is not None:
            local = local_time(photo.moment)
            if hours.is_teaching_time(local.date(), local.time()):
                day = "a term day" if hours.terms else "a school day"
                when = f"at {local:%H:%M} on {day} ({local:%a %d %b %Y})"
        if where and when and photo.gps and photo.taken:  # one sentence, as a person says it
            signs.add(f"taken {where} {when}", count=2)
            return
        if where:
            signs.add(f"taken {where} (GPS)" if photo.gps else f"tagged with a place {where}")
        if when:
            signs.add(f"{'taken' if photo.taken else 'posted'} {when}")

    def _who(self, photo: Photo, signs: _Signs) -> None:
        caption = photo.caption
        roster = self.ctx.roster
        own = own_name_parts(self.ctx)
        if roster is not None and caption.strip():
            for start, end, match in roster.find_in_text(caption):
                written = " ".join(caption[start:end].lower().split())
                if 0 <= start < end <= len(caption) and is_child(match) and written not in own:
                    self._pupil(signs, match, "the caption names")
                    signs.hidden.append((start, end))
        if roster is not None:
            # Tags: people's names (Facebook) or usernames (Instagram mentions), on the photo
            # or on its post. A username is never a certain match.
            for person in dict.fromkeys([*photo.item.people, *photo.words.item.people]):
                bare = person.strip().lstrip("@")
                if not bare or bare.lower() in own:
                    continue
                matches = (roster.match_name(bare) if " " in bare
                           else roster.match_handle(bare))
                if matches and is_child(matches[0]):
                    self._pupil(signs, matches[0], "a tag names")
        refs = pupil_refs(self.ctx, photo.words, caption, generic=False) if caption else []
        # "My son's Year 5 class trip": the poster's own child's class, not their pupils
        refs = [h for h in refs if not about_own_family(self.ctx, caption, (h.start, h.end))]
        if refs:
            signs.add(f'the caption speaks of the poster\'s pupils ("{refs[0].text}")')

    @staticmethod
    def _pupil(signs: _Signs, match: NameMatch, how: str) -> None:
        key = f"roster:{match.entry.id}"
        if key in signs.keys:
            return
        signs.keys.append(key)
        sure = match.certain and (match.entry.role == "pupil" or match.entry.under_18 is True)
        signs.pupil_certain = signs.pupil_certain or sure
        signs.add(f"{how} {role_words(match)} (matched {match.how}, score {match.score:.0f})")

    def _what(self, photo: Photo, signs: _Signs) -> None:
        caption = photo.caption
        if school_named(self.ctx, caption) is not None:
            signs.add("the caption names the school")
        elif photo.place and school_named(self.ctx, photo.place, place=True) is not None:
            signs.add("the photo is tagged at the school")
        event = EVENTS.search(caption)
        if event:
            signs.add(f'a school event ("{" ".join(event.group().split())}")')

    def _faces(self, photo: Photo, signs: _Signs) -> None:
        """Faces in the picture: only worth the time once another sign has fired."""
        found = max((faces_in_picture(self.ctx, p) for p in pictures(self.ctx, photo.item)),
                    default=0)
        if found:
            signs.add(f"{found} face{'s' if found > 1 else ''} in the picture")
