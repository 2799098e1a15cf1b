"""Pictures drawn for the image detectors' tests: a fictional school's crest, other schools'
crests, altered copies of the crest, scenes to hide it in, and photos with EXIF.

Everything is drawn with Pillow from a seed, so the same call gives the same pixels. The crest
here ("Elmfield Academy") is deliberately not the fixtures' crest: the matcher is tested on a
logo it was never tuned to, and the decoys include a crest with the same shield and a tree.
"""

from __future__ import annotations

import io
import math
import random
from datetime import datetime

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps
from PIL.TiffImagePlugin import IFDRational

GREEN = (22, 92, 60)
CREAM = (246, 238, 214)
RED = (160, 30, 40)
BLUE = (30, 60, 140)
GOLD = (225, 180, 40)
WHITE = (255, 255, 255)

_SCALE = 3  # draw large then shrink, for smooth edges


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _shield(s: float, x0: float = 0.0, y0: float = 0.0) -> list[tuple[float, float]]:
    points = [(x0 + 0.15 * s, y0 + 0.05 * s), (x0 + 0.85 * s, y0 + 0.05 * s),
              (x0 + 0.85 * s, y0 + 0.5 * s)]
    for i in range(1, 16):
        t = i / 16
        points.append((x0 + 0.85 * s - 0.35 * s * t, y0 + 0.5 * s + 0.44 * s * math.sin(t * 1.57)))
    left = [(2 * x0 + s - x, y) for x, y in reversed(points[2:])]
    return points + left


def school_logo(size: int = 400) -> Image.Image:
    """Elmfield Academy's crest: a green shield, a cream elm tree, a chevron and 'EA'."""
    s = size * _SCALE
    image = Image.new("RGB", (s, s), WHITE)
    draw = ImageDraw.Draw(image)
    draw.polygon(_shield(s), fill=GOLD)
    inner = [(0.5 * s + (x - 0.5 * s) * 0.92, 0.5 * s + (y - 0.5 * s) * 0.92)
             for x, y in _shield(s)]
    draw.polygon(inner, fill=GREEN)
    draw.rectangle((0.47 * s, 0.30 * s, 0.53 * s, 0.55 * s), fill=CREAM)
    for cx, cy, r in ((0.5, 0.22, 0.11), (0.39, 0.28, 0.08), (0.61, 0.28, 0.08),
                      (0.33, 0.20, 0.05), (0.67, 0.20, 0.05)):
        draw.ellipse(((cx - r) * s, (cy - r) * s, (cx + r) * s, (cy + r) * s), fill=CREAM)
    for dx in (-0.08, 0.08):  # branches
        draw.line((0.5 * s, 0.42 * s, (0.5 + dx) * s, 0.33 * s), fill=CREAM, width=s // 60)
    draw.polygon([(0.2 * s, 0.62 * s), (0.5 * s, 0.52 * s), (0.8 * s, 0.62 * s),
                  (0.8 * s, 0.67 * s), (0.5 * s, 0.57 * s), (0.2 * s, 0.67 * s)], fill=GOLD)
    draw.text((0.5 * s, 0.77 * s), "EA", fill=CREAM, font=font(int(0.14 * s)), anchor="mm")
    for cx in (0.28, 0.72):  # two small stars
        _star(draw, cx * s, 0.46 * s, 0.035 * s, GOLD)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float,
          fill: tuple[int, int, int]) -> None:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.45
        angle = math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy - radius * math.sin(angle)))
    draw.polygon(points, fill=fill)


def castle_crest(size: int = 400) -> Image.Image:
    """Another school's crest with the same shield shape: a red shield, a tower, 'SJ'."""
    s = size * _SCALE
    image = Image.new("RGB", (s, s), WHITE)
    draw = ImageDraw.Draw(image)
    draw.polygon(_shield(s), fill=(40, 40, 40))
    inner = [(0.5 * s + (x - 0.5 * s) * 0.93, 0.5 * s + (y - 0.5 * s) * 0.93)
             for x, y in _shield(s)]
    draw.polygon(inner, fill=RED)
    draw.rectangle((0.35 * s, 0.25 * s, 0.65 * s, 0.6 * s), fill=WHITE)
    for i in range(4):  # battlements
        x = 0.35 + i * 0.08
        draw.rectangle((x * s, 0.18 * s, (x + 0.05) * s, 0.25 * s), fill=WHITE)
    draw.rectangle((0.46 * s, 0.45 * s, 0.54 * s, 0.6 * s), fill=RED)  # gate
    draw.text((0.5 * s, 0.75 * s), "SJ", fill=WHITE, font=font(int(0.13 * s)), anchor="mm")
    return image.resize((size, size), Image.Resampling.LANCZOS)


def pine_crest(size: int = 400) -> Image.Image:
    """A different school's crest that also has a shield and a tree (pines), 'RHS'."""
    s = size * _SCALE
    image = Image.new("RGB", (s, s), WHITE)
    draw = ImageDraw.Draw(image)
    draw.polygon(_shield(s), fill=BLUE)
    for cx in (0.35, 0.5, 0.65):
        for k, (top, bottom) in enumerate(((0.15, 0.3), (0.25, 0.42), (0.35, 0.52))):
            half = 0.05 + 0.025 * k
            draw.polygon([(cx * s, top * s), ((cx - half) * s, bottom * s),
                          ((cx + half) * s, bottom * s)], fill=(230, 240, 230))
    draw.text((0.5 * s, 0.72 * s), "RHS", fill=GOLD, font=font(int(0.12 * s)), anchor="mm")
    return image.resize((size, size), Image.Resampling.LANCZOS)


def roundel_badge(size: int = 400) -> Image.Image:
    """A round badge with an open book and 'HGS'."""
    s = size * _SCALE
    image = Image.new("RGB", (s, s), WHITE)
    draw = ImageDraw.Draw(image)
    draw.ellipse((0.05 * s, 0.05 * s, 0.95 * s, 0.95 * s), fill=(110, 20, 70), outline=GOLD,
                 width=s // 30)
    draw.polygon([(0.25 * s, 0.3 * s), (0.5 * s, 0.36 * s), (0.5 * s, 0.58 * s),
                  (0.25 * s, 0.52 * s)], fill=CREAM)
    draw.polygon([(0.75 * s, 0.3 * s), (0.5 * s, 0.36 * s), (0.5 * s, 0.58 * s),
                  (0.75 * s, 0.52 * s)], fill=CREAM)
    draw.text((0.5 * s, 0.73 * s), "HGS", fill=GOLD, font=font(int(0.13 * s)), anchor="mm")
    return image.resize((size, size), Image.Resampling.LANCZOS)


# -- alterations ------------------------------------------------------------------------------

def jpeg(image: Image.Image, quality: int = 50) -> Image.Image:
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=quality)
    return Image.open(io.BytesIO(out.getvalue())).convert("RGB")


def crop(image: Image.Image, fraction: float = 0.1, side: str = "all") -> Image.Image:
    w, h = image.size
    dx, dy = int(w * fraction), int(h * fraction)
    box = {"all": (dx // 2, dy // 2, w - dx // 2, h - dy // 2), "left": (dx, 0, w, h),
           "top": (0, dy, w, h), "bottom": (0, 0, w, h - dy), "right": (0, 0, w - dx, h)}[side]
    return image.crop(box)


def hue_shift(image: Image.Image, degrees: int) -> Image.Image:
    h, s, v = image.convert("HSV").split()
    shift = int(degrees / 360 * 255)
    h = h.point(lambda x: (x + shift) % 256)
    return Image.merge("HSV", (h, s, v)).convert("RGB")


def duotone(image: Image.Image, dark: tuple[int, int, int],
            light: tuple[int, int, int]) -> Image.Image:
    return ImageOps.colorize(image.convert("L"), black=dark, white=light).convert("RGB")


def grey(image: Image.Image) -> Image.Image:
    return image.convert("L").convert("RGB")


def on_background(image: Image.Image, colour: tuple[int, int, int], pad: float = 0.15,
                  ) -> Image.Image:
    """The logo centred on a coloured square, as a profile picture might be."""
    w, h = image.size
    side = int(max(w, h) * (1 + 2 * pad))
    canvas = Image.new("RGB", (side, side), colour)
    mask = ImageOps.invert(image.convert("L").point(lambda v: 255 if v > 245 else 0))
    canvas.paste(image, ((side - w) // 2, (side - h) // 2), mask)
    return canvas


# -- scenes -----------------------------------------------------------------------------------

def shapes_scene(seed: int, size: tuple[int, int] = (1200, 900)) -> Image.Image:
    """A busy synthetic 'photo': gradient sky, random shapes, a little noise and blur."""
    rng = random.Random(seed)
    w, h = size
    image = gradient(size, _colour(rng), _colour(rng))
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(25, 60)):
        x, y = rng.randint(-100, w), rng.randint(-100, h)
        dw, dh = rng.randint(20, 300), rng.randint(20, 300)
        kind = rng.choice(("rect", "ellipse", "poly", "line"))
        if kind == "rect":
            draw.rectangle((x, y, x + dw, y + dh), fill=_colour(rng))
        elif kind == "ellipse":
            draw.ellipse((x, y, x + dw, y + dh), fill=_colour(rng))
        elif kind == "poly":
            draw.polygon([(x + rng.randint(0, dw), y + rng.randint(0, dh)) for _ in range(5)],
                         fill=_colour(rng))
        else:
            draw.line((x, y, x + dw, y + dh), fill=_colour(rng), width=rng.randint(2, 12))
    return noisy(image.filter(ImageFilter.GaussianBlur(1.2)), seed, 12)


def gradient(size: tuple[int, int], top: tuple[int, int, int],
             bottom: tuple[int, int, int]) -> Image.Image:
    w, h = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(h):
        t = y / max(1, h - 1)
        draw.line((0, y, w, y), fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom,
                                                                              strict=True)))
    return image


def noisy(image: Image.Image, seed: int, amount: int) -> Image.Image:
    """Gaussian grain from a seeded generator (Pillow's effect_noise is not seeded)."""
    rng = np.random.default_rng(seed)
    pixels = np.asarray(image.convert("RGB")).astype(np.float32)
    pixels += rng.normal(0, amount / 2, pixels.shape[:2])[..., None]
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def noise_scene(seed: int, size: tuple[int, int] = (1200, 900)) -> Image.Image:
    return noisy(gradient(size, (90, 120, 160), (200, 190, 170)), seed, 80)


def text_image(seed: int, words: str = "", size: tuple[int, int] = (900, 600)) -> Image.Image:
    """A text-heavy picture: a poster or a screenshot of a notice."""
    rng = random.Random(seed)
    image = Image.new("RGB", size, (250, 250, 245) if seed % 2 else (20, 30, 60))
    ink = (20, 20, 20) if seed % 2 else (240, 240, 240)
    draw = ImageDraw.Draw(image)
    vocabulary = ("school", "notice", "parents", "term", "dates", "Elmfield", "Academy",
                  "trip", "uniform", "reminder", "lunch", "club", "EA", "Friday", "week")
    y = 20
    while y < size[1] - 40:
        line = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(3, 8)))
        draw.text((20, y), words if words and y == 20 else line, fill=ink,
                  font=font(rng.choice((18, 24, 32, 40))))
        y += rng.randint(30, 55)
    return image


def embed(logo: Image.Image, scene: Image.Image, fraction: float, angle: float, seed: int,
          cutout: bool = False) -> Image.Image:
    """Paste the logo into the scene at `fraction` of the scene's width, slightly rotated;
    `cutout` drops the logo's white background (a crest printed on a banner or a jumper)."""
    rng = random.Random(seed)
    side = int(scene.width * fraction)
    piece = logo.resize((side, side), Image.Resampling.LANCZOS).convert("RGBA")
    if cutout:
        alpha = piece.convert("L").point(lambda v: 0 if v > 240 else 255)
        piece.putalpha(alpha)
    piece = piece.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    x = rng.randint(0, max(0, scene.width - piece.width))
    y = rng.randint(0, max(0, scene.height - piece.height))
    out = scene.copy()
    out.paste(piece, (x, y), piece)
    return out


def _colour(rng: random.Random) -> tuple[int, int, int]:
    return (rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255))


def to_bytes(image: Image.Image, fmt: str = "PNG", quality: int = 90) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(out, fmt, quality=quality)
    else:
        image.save(out, fmt)
    return out.getvalue()


# -- faces ------------------------------------------------------------------------------------

def drawn_face(size: int = 200, skin: tuple[int, int, int] = (225, 180, 150)) -> Image.Image:
    """A simple shaded face (hair, eye sockets, eyes with irises and lids, brows, nose, mouth)
    that OpenCV's frontal-face and eye cascades both recognise, so no real person's photo is
    needed in the tests."""
    s = size
    image = Image.new("RGB", (s, int(s * 1.3)), (90, 110, 140))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0.1 * s, 0.05 * s, 0.9 * s, 1.2 * s), fill=(60, 40, 30))
    draw.ellipse((0.15 * s, 0.2 * s, 0.85 * s, 1.2 * s), fill=skin)
    socket = tuple(int(c * 0.7) for c in skin)
    for cx in (0.35, 0.65):
        draw.ellipse(((cx - 0.13) * s, 0.46 * s, (cx + 0.13) * s, 0.63 * s), fill=socket)
        draw.ellipse(((cx - 0.1) * s, 0.5 * s, (cx + 0.1) * s, 0.6 * s), fill=(245, 245, 240))
        draw.ellipse(((cx - 0.045) * s, 0.505 * s, (cx + 0.045) * s, 0.595 * s),
                     fill=(60, 40, 30))
        draw.ellipse(((cx - 0.02) * s, 0.53 * s, (cx + 0.02) * s, 0.57 * s), fill=(10, 10, 10))
        draw.arc(((cx - 0.1) * s, 0.49 * s, (cx + 0.1) * s, 0.61 * s), 180, 360,
                 fill=(30, 20, 15), width=max(1, s // 60))
        draw.line(((cx - 0.12) * s, 0.42 * s, (cx + 0.1) * s, 0.40 * s), fill=(50, 35, 25),
                  width=max(2, s // 25))
    shade = tuple(int(c * 0.85) for c in skin)
    draw.polygon([(0.5 * s, 0.6 * s), (0.45 * s, 0.8 * s), (0.55 * s, 0.8 * s)], fill=shade)
    draw.ellipse((0.38 * s, 0.9 * s, 0.62 * s, 0.98 * s), fill=(170, 80, 80))
    return image.filter(ImageFilter.GaussianBlur(s / 80))


def group_photo(faces: int, face_width: int, seed: int = 0) -> Image.Image:
    """`faces` drawn faces side by side in a 1200x900 scene."""
    scene = gradient((1200, 900), (200, 200, 210), (120, 110, 100))
    rng = random.Random(seed)
    skins = ((225, 180, 150), (190, 140, 100), (240, 200, 170))
    step = 1200 // max(1, faces)
    for i in range(faces):
        face = drawn_face(face_width, rng.choice(skins))
        scene.paste(face, (i * step + (step - face.width) // 2, 300))
    return scene


# -- photos with metadata -----------------------------------------------------------------------

def _rational(value: float) -> IFDRational:
    return IFDRational(round(value * 10000), 10000)


def _dms(value: float) -> tuple[IFDRational, IFDRational, IFDRational]:
    value = abs(value)
    d = int(value)
    m = int((value - d) * 60)
    s = (value - d - m / 60) * 3600
    return (IFDRational(d, 1), IFDRational(m, 1), _rational(s))


def photo_with_exif(image: Image.Image, geo: tuple[float, float] | None = None,
                    taken: datetime | None = None) -> bytes:
    """JPEG bytes with a real EXIF block (DateTimeOriginal, GPS) as a phone would write."""
    exif = Image.Exif()
    exif[0x010F] = "Fictional"
    exif[0x0110] = "Phone 1"
    if taken is not None:
        exif.get_ifd(0x8769)[0x9003] = taken.strftime("%Y:%m:%d %H:%M:%S")
    if geo is not None:
        lat, lon = geo
        gps = exif.get_ifd(0x8825)
        gps[1] = "N" if lat >= 0 else "S"
        gps[2] = _dms(lat)
        gps[3] = "E" if lon >= 0 else "W"
        gps[4] = _dms(lon)
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=85, exif=exif)
    return out.getvalue()
