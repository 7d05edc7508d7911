"""What readers download: ``python manage.py bench_page_weight`` (after ``migrate`` and
``load_demo``, e.g. ``make run`` once).

Serves this database on a local live server and opens pages in Debian's Chromium (Playwright,
a new context each time: a cold cache) at 1280 and 375 px wide. For each page it adds up the
bytes of every response but the HTML document, once when the page has loaded and once after
scrolling to the end (a reader who reads it all). It measures twice in the same run: with
renditions (what readers get) and with ``IMAGE_RENDITIONS`` off (originals, as pages were
before renditions): the baseline. Renditions missing from storage are made before measuring,
as the background worker would have.
"""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import override_settings
from django.test.testcases import LiveServerThread, _StaticFilesHandler

from newsroom.models import Article

CHROMIUM = os.getenv("CHROMIUM", "/usr/bin/chromium")
WIDTHS = (1280, 375)


def weigh(browser, url, width):
    """(bytes at load, bytes after reading to the end, image requests) of everything but the HTML."""
    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
    page = context.new_page()
    sizes = {}

    def count(response):
        if response.request.resource_type != "document":
            try:
                sizes[response.url] = len(response.body())
            except Exception:  # a redirect or an aborted request has no body
                sizes.setdefault(response.url, 0)

    page.on("response", count)
    page.goto(url, wait_until="networkidle")
    at_load = sum(sizes.values())
    page.evaluate(
        "async () => { for (let y = 0; y < document.body.scrollHeight; y += 400) { window.scrollTo(0, y); await new Promise(r => setTimeout(r, 50)); } }"
    )
    page.wait_for_load_state("networkidle")
    images = sum(1 for u in sizes if "/media/" in u)
    context.close()
    return at_load, sum(sizes.values()), images


class Command(BaseCommand):
    help = (
        "页面下载量：在 Chromium 中打开文章页(冷缓存，1280 与 375 像素宽)，统计 HTML 以外的字节数，与显示原图时对比。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--slug", default="hohhot-yuquan-grassroots-party-building", help="文章网址标识")

    def handle(self, *args, slug, **options):
        from playwright.sync_api import sync_playwright

        article = Article.objects.filter(slug=slug).first()
        if article is None:
            raise CommandError(f"没有网址标识为 {slug} 的文章：请先运行 load_demo。")
        from newsroom.tasks import make_renditions

        for photo in article.photos.select_related("asset"):
            make_renditions.call(photo.image.name, photo.width)
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        server = LiveServerThread("127.0.0.1", _StaticFilesHandler, port=0)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        base = f"http://127.0.0.1:{server.port}"
        rows = []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM,
                    args=["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
                )
                for label, on in (("原图(基线)", False), ("缩略图", True)):
                    with override_settings(IMAGE_RENDITIONS=on, PAGE_CACHE_SECONDS=0):
                        for width in WIDTHS:
                            rows.append((label, width, *weigh(browser, base + article.get_absolute_url(), width)))
                browser.close()
        finally:
            server.terminate()
        self.stdout.write(f"文章 {slug}，{article.photos.count()} 张图片；不含 HTML 文档本身；DEBUG={settings.DEBUG}")
        self.stdout.write("| 图片 | 宽度 | 打开时 | 读到文末 | 图片请求 |\n| --- | ---: | ---: | ---: | ---: |")
        for label, width, at_load, read, images in rows:
            self.stdout.write(f"| {label} | {width} px | {at_load / 1024:.0f} KB | {read / 1024:.0f} KB | {images} |")
        return ""
