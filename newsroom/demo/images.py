"""Demo pictures drawn with Pillow, in place of the sources' photographs (which cannot ship).

Each picture stands in for one photo and says so: a 示意图 mark in its corner (a bitmap drawn
once, newsroom/demo/illustration-mark.png, so no font is needed), and an alt text that describes
what is drawn (``demo_alt``), while the caption keeps the source's credit for the original
photograph. The scene follows the caption (a wall of murals, an exhibition, a service window,
a game on a table, a craft class, a meeting…), varied per photo. Deterministic for a given seed:
loading the demo twice gives the same files.
"""

import io
import math
import random
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw

MARK = Path(__file__).with_name("illustration-mark.png")

PALETTES = [
    ((176, 32, 36), (244, 196, 120)),
    ((32, 86, 140), (170, 210, 235)),
    ((46, 110, 70), (200, 228, 180)),
    ((120, 70, 40), (240, 220, 190)),
]

# (scene, words in a caption that call for it, what the drawing shows: the alt text)
SCENES = [
    ("phone", ("微信", "手机"), "一个人举着手机给另一个人看"),
    ("wall", ("文化墙", "花街", "街区", "长廊", "彩绘"), "一面彩绘文化墙前站着几位居民"),
    ("exhibition", ("纪念馆", "展板", "陈列", "展览", "介绍"), "展板前，几个人在看图文展览"),
    ("window", ("窗口", "社保", "查询", "服务点", "办理"), "服务窗口前，工作人员隔着柜台接待一位居民"),
    ("game", ("棋", "竞赛", "游戏"), "几个孩子和大人围着桌上的大幅棋盘"),
    ("craft", ("盘扣", "手工", "工坊", "工具", "培训", "制作", "理发"), "长桌旁，几位居民低头做手工"),
    (
        "meeting",
        ("党日", "会议", "宣讲", "党员", "学习", "议事", "主题", "委员会"),
        "会议室里，一排人坐在桌后，前面有讲台",
    ),
]
STREET = ("street", (), "街道两旁的楼房前，几位行人走过")


def scene_for(caption):
    return next((scene for scene in SCENES if any(word in caption for word in scene[1])), STREET)


def demo_alt(caption):
    """What the stand-in picture for ``caption`` shows, as its alt text."""
    return f"示意图：{scene_for(caption)[2]}"


def _person(draw, x, ground, rng, height=None, seated=False):
    height = height or rng.randint(70, 100)
    colour = tuple(rng.randint(60, 230) for _ in range(3))
    head = height // 5
    top = ground - height
    draw.ellipse([x - head // 2, top, x + head // 2, top + head], fill=(235, 200, 170))
    body_bottom = ground - (height // 3 if seated else 0)
    draw.rounded_rectangle([x - head // 2 - 4, top + head, x + head // 2 + 4, body_bottom], radius=6, fill=colour)


def _people(draw, rng, ground, count, left, right, **kwargs):
    for _ in range(count):
        _person(draw, rng.randint(left, right), ground, rng, **kwargs)


def _draw_scene(draw, name, rng, width, height):
    ground = height - 120
    if name == "street":
        x = 0
        while x < width:
            w, h = rng.randint(80, 200), rng.randint(200, 520)
            shade = rng.randint(40, 90)
            draw.rectangle([x, ground - h, x + w, ground], fill=(shade, shade, shade + 10))
            for wy in range(ground - h + 20, ground - 40, 40):
                for wx in range(x + 12, x + w - 20, 32):
                    if rng.random() < 0.55:
                        draw.rectangle([wx, wy, wx + 14, wy + 20], fill=(250, 226, 150))
            x += w + rng.randint(4, 30)
        draw.rectangle([0, ground, width, height], fill=(90, 90, 96))
        _people(draw, rng, ground + 40, rng.randint(3, 6), 40, width - 40, height=rng.randint(150, 190))
        return
    draw.rectangle([0, ground, width, height], fill=(196, 180, 160))  # floor or pavement
    if name == "wall":
        draw.rectangle([60, 120, width - 60, ground], fill=(226, 214, 190))
        for i in range(rng.randint(4, 6)):
            x0 = 80 + i * (width - 160) // 6
            colour = tuple(rng.randint(80, 220) for _ in range(3))
            draw.rounded_rectangle([x0, 160, x0 + (width - 160) // 6 - 20, ground - 60], radius=12, fill=colour)
            draw.ellipse([x0 + 20, 200, x0 + 90, 270], fill=(250, 240, 200))
        _people(draw, rng, height - 40, rng.randint(3, 5), 100, width - 100, height=rng.randint(230, 290))
    elif name == "exhibition":
        for i in range(3):
            x0 = 80 + i * 360
            draw.rectangle([x0, 140, x0 + 300, ground - 40], fill=(250, 250, 245), outline=(150, 40, 40), width=6)
            draw.rectangle([x0 + 20, 160, x0 + 280, 300], fill=tuple(rng.randint(90, 200) for _ in range(3)))
            for line in range(6):
                draw.rectangle(
                    [x0 + 20, 330 + line * 30, x0 + 20 + rng.randint(160, 260), 342 + line * 30], fill=(120, 120, 120)
                )
        _people(draw, rng, height - 30, rng.randint(3, 5), 100, width - 100, height=rng.randint(240, 300))
    elif name == "window":
        draw.rectangle([0, 100, width, ground], fill=(215, 225, 235))
        draw.rectangle([200, 160, width - 200, 300], fill=(60, 110, 160))
        draw.rectangle([150, ground - 170, width - 150, ground], fill=(150, 110, 80))
        _person(draw, width // 2 - 120, ground - 170, rng, height=150)
        _person(draw, width // 2 + 160, height - 30, rng, height=300)
    elif name == "game":
        draw.ellipse([250, ground - 160, width - 250, ground + 40], fill=(140, 90, 60))
        board = [330, ground - 130, width - 330, ground]
        draw.rectangle(board, fill=(250, 240, 200))
        for i in range(10):
            x = board[0] + 20 + i * (board[2] - board[0] - 40) // 10
            draw.ellipse([x, ground - 80, x + 30, ground - 50], fill=tuple(rng.randint(60, 230) for _ in range(3)))
        _people(draw, rng, ground - 100, rng.randint(3, 5), 220, width - 220, height=rng.randint(150, 220))
    elif name == "craft":
        draw.rectangle([120, ground - 120, width - 120, ground - 80], fill=(170, 120, 80))
        _people(draw, rng, ground - 90, rng.randint(4, 6), 180, width - 180, height=rng.randint(170, 210))
        for _ in range(8):
            x = rng.randint(160, width - 160)
            draw.ellipse([x, ground - 118, x + 24, ground - 98], fill=(200, 30, 60))
    elif name == "meeting":
        draw.rectangle([0, 80, width, 180], fill=(180, 30, 36))
        draw.rectangle([100, ground - 140, width - 100, ground - 90], fill=(120, 80, 50))
        _people(draw, rng, ground - 100, rng.randint(5, 7), 150, width - 150, height=rng.randint(170, 200))
        draw.rectangle([width // 2 - 60, ground - 40, width // 2 + 60, height - 20], fill=(150, 100, 60))
    elif name == "phone":
        _person(draw, width // 2 - 140, height - 30, rng, height=420)
        _person(draw, width // 2 + 140, height - 30, rng, height=400)
        draw.rounded_rectangle([width // 2 - 40, 300, width // 2 + 40, 440], radius=12, fill=(30, 30, 30))
        draw.rectangle([width // 2 - 32, 312, width // 2 + 32, 420], fill=(120, 200, 120))


@lru_cache(maxsize=64)
def demo_photo(seed: str, caption: str = "", size=(1200, 800)) -> bytes:
    """JPEG bytes of the stand-in for the photo ``caption`` names, with its 示意图 mark."""
    rng = random.Random(f"{seed}|{caption}")
    top, bottom = rng.choice(PALETTES)
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    _draw_scene(draw, scene_for(caption)[0], rng, width, height)
    mark = Image.open(MARK)
    image.paste(mark, (width - mark.width - 24, 24), mark)
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
