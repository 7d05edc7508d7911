"""How long renditions take: ``python -m tests.bench bench_renditions``.

Draws a camera-sized JPEG (``--size``, default 6000×4000, with texture so it compresses like a
photo), then times every standard rendition of it (each width and crop, WebP and JPEG) over
``--runs`` rounds, beside a baseline measured in the same run: decoding the whole original once,
which any resize must at least begin with. Prints p50/p95 per rendition set and the baseline.
Nothing is written to storage.
"""

import io
import statistics
import time

from django.core.management.base import BaseCommand
from PIL import Image, ImageFilter

from newsroom import renditions


def camera_photo(width, height):
    noise = Image.effect_noise((width // 4, height // 4), 64).resize((width, height)).filter(ImageFilter.SMOOTH)
    image = Image.merge(
        "RGB", (noise, noise.rotate(90, expand=False), noise.transpose(Image.Transpose.FLIP_LEFT_RIGHT))
    )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92)
    return out.getvalue()


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "图片缩略图性能：为相机尺寸的 JPEG 生成各档尺寸，输出 p50/p95，并与完整解码原图的耗时对比。"

    def add_arguments(self, parser):
        parser.add_argument("--size", default="6000x4000")
        parser.add_argument("--runs", type=int, default=5)

    def handle(self, *args, size, runs, **options):
        width, height = (int(n) for n in size.split("x"))
        source = camera_photo(width, height)
        self.stdout.write(f"原图 {width}×{height} JPEG，{len(source) / 1024 / 1024:.1f} MB，{runs} 轮")
        decode = []
        for _ in range(runs):
            start = time.perf_counter()
            with Image.open(io.BytesIO(source)) as image:
                image.load()
            decode.append(time.perf_counter() - start)
        names = renditions.standard_names("bench.jpg", width)
        per_photo, single = [], []
        for _ in range(runs):
            start = time.perf_counter()
            for name in names:
                one = time.perf_counter()
                renditions.render(source, renditions.parse(name)[1])
                single.append(time.perf_counter() - one)
            per_photo.append(time.perf_counter() - start)
        rows = [
            ("基线：完整解码原图一次", decode),
            (f"单个缩略图（共 {len(names)} 种）", single),
            (f"一张照片的全部 {len(names)} 种缩略图", per_photo),
        ]
        for label, values in rows:
            self.stdout.write(
                f"{label}: p50 {statistics.median(values) * 1000:.0f} ms，p95 {percentile(values, 0.95) * 1000:.0f} ms"
            )
        return ""
