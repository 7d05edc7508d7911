"""Renditions: resized copies of library images, so nobody downloads a camera original.

A rendition's name says what it is, so it needs no table: ``renditions/<file>/<spec>.<format>``
beside nothing else in storage, e.g. ``renditions/library/2026/12/a.jpg/w640.webp`` (640 px wide,
height kept) or ``renditions/library/2026/12/a.jpg/c320x213-50-30.jpg`` (cropped to 3:2 around
the focal point at 50 % across and 30 % down). Only the sizes in ``WIDTHS`` and ``CROPS`` exist,
so a request cannot make the server draw arbitrary sizes; a reader's request draws a missing
crop only around the focal point its image has now (``newsroom/media.py``), so the 10,201 focal
points a name could spell are not 10,201 files to draw.

They are made in the background after an upload (``make_renditions``, a django-tasks task: the
database queue in development, ``db_worker`` running it; RQ in production, docs/operations.md), and on the
first request for one that is missing (``newsroom/media.py``): a 1200 px photo takes a few
milliseconds, a 6000×4000 camera file a few hundred (``python -m tests.bench bench_renditions``). Access
follows the original: a rendition is served exactly when its original may be (a takedown hides
every size at once).
"""

import io
import re

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

PREFIX = "renditions/"
#: Widths readers' browsers choose from (srcset): phones at 1x–3x, the 1280 px layout.
WIDTHS = (320, 480, 640, 960, 1280)
#: Cropped sizes (3:2) for lists and cards: list thumbnails, picture news, 焦点图, the admin.
CROPS = ((160, 107), (320, 213), (480, 320), (640, 427), (960, 640))
FORMATS = {"webp": "WEBP", "jpg": "JPEG"}
QUALITY = {"WEBP": 72, "JPEG": 78}

_SPEC = re.compile(r"^(?:w(?P<w>\d+)|c(?P<cw>\d+)x(?P<ch>\d+)-(?P<fx>\d{1,3})-(?P<fy>\d{1,3}))\.(?P<fmt>webp|jpg)$")


def width_name(original, width, fmt):
    return f"{PREFIX}{original}/w{width}.{fmt}"


def crop_name(original, width, height, focal_x, focal_y, fmt):
    return f"{PREFIX}{original}/c{width}x{height}-{round(focal_x * 100)}-{round(focal_y * 100)}.{fmt}"


def parse(name):
    """(original, spec) for a rendition name of an allowed size, else None."""
    if not name.startswith(PREFIX):
        return None
    original, _, last = name[len(PREFIX) :].rpartition("/")
    match = _SPEC.match(last)
    if not original or match is None:
        return None
    spec = {k: v for k, v in match.groupdict().items() if v is not None}
    if "w" in spec:
        if int(spec["w"]) not in WIDTHS:
            return None
    elif (int(spec["cw"]), int(spec["ch"])) not in CROPS or int(spec["fx"]) > 100 or int(spec["fy"]) > 100:
        return None
    return original, spec


def _crop_box(width, height, target_w, target_h, fx, fy):
    """The largest box of the target's shape that keeps the focal point as central as it can."""
    ratio = target_w / target_h
    if width / height > ratio:
        box_w, box_h = round(height * ratio), height
    else:
        box_w, box_h = width, round(width / ratio)
    left = min(max(round(fx * width - box_w / 2), 0), width - box_w)
    top = min(max(round(fy * height - box_h / 2), 0), height - box_h)
    return left, top, left + box_w, top + box_h


def render(source, spec):
    """The rendition's bytes from the original's bytes."""
    fmt = FORMATS[spec["fmt"]]
    with Image.open(io.BytesIO(source)) as original:
        # A JPEG decodes at 1/2, 1/4 or 1/8 scale when that still leaves twice the pixels needed.
        wanted = (int(spec["w"]) * 2, 1) if "w" in spec else (int(spec["cw"]) * 2, int(spec["ch"]) * 2)
        original.draft("RGB", wanted)
        image = ImageOps.exif_transpose(original)
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        if "w" in spec:
            width = min(int(spec["w"]), image.width)
            image = image.resize((width, max(1, round(image.height * width / image.width))), Image.Resampling.LANCZOS)
        else:
            target = (int(spec["cw"]), int(spec["ch"]))
            box = _crop_box(image.width, image.height, *target, int(spec["fx"]) / 100, int(spec["fy"]) / 100)
            image = image.resize(target, Image.Resampling.LANCZOS, box=box)
        out = io.BytesIO()
        image.save(out, fmt, quality=QUALITY[fmt], optimize=fmt == "JPEG", progressive=fmt == "JPEG")
        return out.getvalue()


def ensure(name, may_draw=None):
    """Make the rendition ``name`` if it is missing; False when it is no rendition, its
    original is gone, or ``may_draw(original, spec)`` refuses to draw it now."""
    parsed = parse(name)
    if parsed is None:
        return False
    if default_storage.exists(name):
        return True
    original, spec = parsed
    if may_draw is not None and not may_draw(original, spec):
        return False
    if not default_storage.exists(original):
        return False
    with default_storage.open(original) as file:
        data = render(file.read(), spec)
    if not default_storage.exists(name):  # another worker may have made it meanwhile
        default_storage.save(name, ContentFile(data))
    return True


def standard_names(original, width, focal_x=0.5, focal_y=0.5):
    """Every rendition a page may ask for of an image ``width`` px wide."""
    names = [width_name(original, w, fmt) for w in usable_widths(width) for fmt in FORMATS]
    names += [crop_name(original, w, h, focal_x, focal_y, fmt) for w, h in CROPS for fmt in FORMATS]
    return names


def usable_widths(width):
    """The standard widths not larger than the original (at least the smallest)."""
    widths = [w for w in WIDTHS if not width or w <= width]
    return widths or [WIDTHS[0]]
