"""Demo photographs drawn with Pillow: a street scene in the portal's colours.

Deterministic for a given seed, so loading the demo twice gives the same files.
If a CJK font is installed the caption is printed on the image too.
"""

import io
import random
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

CJK_FONTS = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
]

PALETTES = [
    ((176, 32, 36), (244, 196, 120)),
    ((32, 86, 140), (170, 210, 235)),
    ((46, 110, 70), (200, 228, 180)),
    ((120, 70, 40), (240, 220, 190)),
]


def _font(size):
    for path in CJK_FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return None


@lru_cache(maxsize=64)
def demo_photo(seed: str, caption: str = "", size=(1200, 800)) -> bytes:
    """JPEG bytes of a street scene; cached, as the same seed always draws the same picture."""
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
    font = _font(34) if caption else None
    if font:
        draw.rectangle([0, 0, width, 64], fill=(0, 0, 0))
        draw.text((24, 12), caption[:32], fill=(255, 255, 255), font=font)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()
