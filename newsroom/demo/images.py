"""Demo photographs drawn with Pillow: a street scene in the portal's colours.

Deterministic for a given seed, so loading the demo twice gives the same files. No text is
drawn on them: the caption is printed under the photo, as on a real portal.
"""

import io
import math
import random
from functools import lru_cache

from PIL import Image, ImageDraw

PALETTES = [
    ((176, 32, 36), (244, 196, 120)),
    ((32, 86, 140), (170, 210, 235)),
    ((46, 110, 70), (200, 228, 180)),
    ((120, 70, 40), (240, 220, 190)),
]


@lru_cache(maxsize=64)
def demo_photo(seed: str, caption: str = "", size=(1200, 800)) -> bytes:
    """JPEG bytes of a street scene; cached, as the same seed always draws the same picture.
    ``caption`` is part of the seed only (photos with the same seed but other captions differ)."""
    seed = f"{seed}|{caption}"
    rng = random.Random(seed)
    top, bottom = rng.choice(PALETTES)
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    # A row of buildings with lit windows, a street and a few people.
    x = 0
    while x < width:
        w, h = rng.randint(80, 200), rng.randint(200, 520)
        shade = rng.randint(40, 90)
        draw.rectangle([x, height - 140 - h, x + w, height - 140], fill=(shade, shade, shade + 10))
        for wy in range(height - 120 - h, height - 160, 40):
            for wx in range(x + 12, x + w - 20, 32):
                if rng.random() < 0.55:
                    draw.rectangle([wx, wy, wx + 14, wy + 20], fill=(250, 226, 150))
        x += w + rng.randint(4, 30)
    draw.rectangle([0, height - 140, width, height], fill=(90, 90, 96))
    for _ in range(rng.randint(4, 9)):
        px = rng.randint(40, width - 40)
        colour = tuple(rng.randint(60, 230) for _ in range(3))
        draw.ellipse([px - 14, height - 170, px + 14, height - 142], fill=(235, 200, 170))
        draw.rectangle([px - 16, height - 142, px + 16, height - 80], fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def demo_emblem(size=112) -> bytes:
    """The demo portal's emblem as PNG: a jade disc (玉) over a spring's waves (泉) in white on
    the portal's red, drawn at twice the size it is shown. No lettering: the site name beside
    it is text."""
    scale = 4  # drawn large, then reduced: smooth edges without anti-aliasing support in ImageDraw
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    red, white = (196, 22, 28, 255), (255, 255, 255, 255)
    draw.ellipse((0, 0, big - 1, big - 1), fill=red)
    centre, outer, inner = big // 2, big * 0.26, big * 0.11
    top = big * 0.40
    draw.ellipse((centre - outer, top - outer, centre + outer, top + outer), fill=white)
    draw.ellipse((centre - inner, top - inner, centre + inner, top + inner), fill=red)
    line = max(2, big // 30)
    for row in range(3):
        y = big * (0.70 + row * 0.08)
        half = big * (0.30 - row * 0.055)
        steps = 60
        points = [
            (
                centre - half + 2 * half * i / steps,
                y + big * 0.016 * math.sin(2 * math.pi * 2.5 * i / steps),
            )
            for i in range(steps + 1)
        ]
        draw.line(points, fill=white, width=line, joint="curve")
    image = image.resize((size, size), Image.LANCZOS)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
