"""One read per picture for everything the image rules want to know about it.

A3 and D2 want the logo match of every picture; D1 wants the faces in a photo once another sign
has tied it to pupils. Worked out separately, a photo was read and decoded twice (once for the
logo, once for the faces) and the faces were counted in the main process, in order, while the
workers sat idle. Here the worker processes (detectors/images/ahead.py) read each picture once
and answer both questions: faces are counted ahead for the photos whose own metadata already
gives D1 a sign (taken at the school, or in teaching time), since those are the ones D1 will
ask about; D1 counts the faces of any other photo itself, in order, with the same functions, so
the verdicts never depend on which process did the work. The logo match works on a photo
decoded at reduced JPEG scale; the face count needs finer pixels, so a photo whose faces are
counted is decoded a second time, for them (see `pictures.decode`). A picture an earlier scan
worked out is not decoded at all: its answers come from the picture memory
(detectors/images/memory.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from itertools import groupby

from detectors.base import Context
from detectors.images.ahead import digest_of
from detectors.images.faces import faces_in
from detectors.images.logo import matcher, matcher_for
from detectors.images.memory import memory_of, recall_all
from detectors.images.pictures import Analysed, decode, members_of, work_ahead
from detectors.school.geo import inside_site
from detectors.school.hours import local_time
from scanner.model import Item, Kind

_RULE_WITH_FACES = "D1"


def analyse_ahead(ctx: Context, items: Sequence[Item]) -> None:
    """Hand these records' pictures to the worker processes: the logo match for each, and the
    faces for photos D1 will judge. A3, D1 and D2 all ask for each chunk; only the first
    asking does anything."""
    if ctx.shared.get("_pictures.ahead") is items:
        return
    ctx.shared["_pictures.ahead"] = items
    if not any(members_of(item) for item in items):
        return  # no pictures here: nothing to hand over, no memory to open
    logos = tuple(str(path) for path in ctx.policy.logos) if matcher(ctx) is not None else ()
    memory = memory_of(ctx)
    remembered = None if memory is None else (str(memory.path), memory.fingerprint)
    # Handed over in the records' order, a run at a time: the workers then finish pictures in
    # the order the rules read them, so the scan's progress moves steadily. (All the photos
    # wanting faces first, then the rest, left the first plain photo of a chunk waiting for
    # every face count in it: a 300-photo folder showed one record done for 19 s.)
    for with_faces, run in groupby(items, key=lambda item: wants_faces(ctx, item)):
        if with_faces or logos:
            work_ahead(ctx, list(run), "pictures",
                       partial(analyse_picture, logos, with_faces, remembered=remembered))


def wants_faces(ctx: Context, item: Item) -> bool:
    """Whether D1 will count the faces in this record's photo: its own GPS is at the school,
    or it was taken (or posted) in teaching time. Other signs (a caption naming a pupil) are
    worked out later by D1 itself, which then counts the faces in order."""
    policy = ctx.policy
    rule = policy.rules.get(_RULE_WITH_FACES)
    if rule is None or not rule.enabled or item.kind not in (Kind.MEDIA, Kind.POST) \
            or not item.media:
        return False
    if inside_site(item.geo, policy.site):
        return True
    moment = item.taken or item.when
    if policy.hours is None or moment is None:
        return False
    local = local_time(moment)
    return policy.hours.is_teaching_time(local.date(), local.time())


def analyse_picture(logos: tuple[str, ...], with_faces: bool, data: bytes,
                    remembered: tuple[str, str] | None = None) -> Analysed:
    """What the worker process works out about one picture: the logo match (when the pack has
    logos) and the number of faces (when asked), exactly as the rules would in order; taken
    from the picture memory (`remembered`: its file and fingerprint) when an earlier scan
    worked them out. Module-level, so it can be sent to the worker by name."""
    if remembered is not None:
        names = [name for name, wanted in (("logo", bool(logos)), ("faces", with_faces))
                 if wanted]
        found = recall_all(remembered, names, digest_of(data))
        if found is not None:
            return Analysed(found)
    results: dict[str, object] = {}
    if logos:
        image = decode(data)
        results["logo"] = None if image is None else matcher_for(logos).match_image(image)
    if with_faces:
        results["faces"] = faces_in(data)
    return Analysed(results)
