"""What readers download: ``python -m tests.bench bench_page_weight`` (after ``migrate`` and
``load_demo``, e.g. ``make run`` once).

Serves this database on a local live server and opens pages in Debian's Chromium (Playwright,
a new context each time: a cold cache) at 1280 and 375 px wide. For each page it adds up the
bytes of every response but the HTML document (as transferred: Chromium's response body sizes), once when the page has loaded and once after
scrolling to the end (a reader who reads it all). It measures twice in the same run: with
renditions (what readers get) and with ``IMAGE_RENDITIONS`` off (originals, as pages were
before renditions): the baseline. Renditions missing from storage are made before measuring,
as the background worker would have.

``--admin-articles N`` also weighs page 1 of the admin's article list (100 rows, each with its
cover thumbnail) with N articles whose covers are distinct camera-sized photos (3000×2000),
logged in as a throw-away superuser; the articles, photos, files and user are removed afterwards.
"""

import io
import os
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.test import override_settings
from django.test.testcases import LiveServerThread, _StaticFilesHandler
from django.utils import timezone
from PIL import Image

from newsroom import renditions
from newsroom.demo.images import demo_photo
from newsroom.models import Article, Column, ImageAsset, Photo

CHROMIUM = os.getenv("CHROMIUM", "/usr/bin/chromium")
WIDTHS = (1280, 375)


def weigh(browser, url, width):
    """(bytes at load, bytes after reading to the end, image requests) of everything but the HTML."""
    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
    page = context.new_page()
    sizes = {}

    def count(request):
        if request.resource_type != "document":
            sizes[request.url] = request.sizes()["responseBodySize"]

    page.on("requestfinished", count)
    page.goto(url, wait_until="networkidle")
    at_load = sum(sizes.values())
    page.evaluate(
        "async () => { for (let y = 0; y < document.body.scrollHeight; y += 400) { window.scrollTo(0, y); await new Promise(r => setTimeout(r, 50)); } }"
    )
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    images = sum(1 for u in sizes if "/media/" in u)
    context.close()
    return at_load, sum(sizes.values()), images


def weigh_admin(browser, base):
    """(image bytes, image requests) of the admin's article list, page 1, read to the end."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
    page = context.new_page()
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "bench-page-weight")
    page.fill("#id_password", "bench-page-weight-pw")
    with page.expect_navigation():
        page.click("input[type=submit]")
    sizes = {}

    def count(request):
        if request.resource_type == "image" and "/media/" in request.url:
            sizes[request.url] = request.sizes()["responseBodySize"]

    page.on("requestfinished", count)
    page.goto(base + "/admin/newsroom/article/", wait_until="networkidle")
    page.evaluate(
        "async () => { for (let y = 0; y < document.body.scrollHeight; y += 400) { window.scrollTo(0, y); await new Promise(r => setTimeout(r, 30)); } }"
    )
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    context.close()
    return sum(sizes.values()), len(sizes)


class Command(BaseCommand):
    help = (
        "页面下载量：在 Chromium 中打开文章页（冷缓存，1280 与 375 像素宽），统计 HTML 以外的字节数，与显示原图时对比。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--slug", default="hohhot-yuquan-grassroots-party-building", help="文章网址标识")
        parser.add_argument("--admin-articles", type=int, default=0, help="另测后台文章列表第 1 页（此数量的文章）")

    def admin_articles(self, count):
        """``count`` draft articles, the newest 100 each with its own camera-sized cover."""
        column = Column.objects.first()
        photos = []
        for i in range(count):
            article = Article.objects.create(
                title=f"后台列表测试稿件{i}", column=column, body="<p>测试。</p>", slug=f"bench-admin-{i}"
            )
            if i < 100:
                # A street scene (the demo's drawing) at camera size, with sensor-like grain.
                scene = Image.open(io.BytesIO(demo_photo(f"bench-{i}", f"后台列表测试{i}"))).resize((3000, 2000))
                grain = Image.effect_noise((3000, 2000), 24).convert("RGB")
                out = io.BytesIO()
                Image.blend(scene.convert("RGB"), grain, 0.12).save(out, "JPEG", quality=90)
                name = default_storage.save(f"library/bench/admin-{i}.jpg", ContentFile(out.getvalue()))
                asset = ImageAsset.objects.create(file=name, width=3000, height=2000, credit_kind="provided")
                photo = Photo.objects.create(article=article, asset=asset, caption="测试", alt_text="测试")
                Article.objects.filter(pk=article.pk).update(cover=photo)
                photos.append(photo)
        # Newest first in the list (drafts have no publish date; give these one, not live).
        for i, pk in enumerate(
            Article.objects.filter(slug__startswith="bench-admin-").order_by("pk").values_list("pk", flat=True)
        ):
            Article.objects.filter(pk=pk).update(first_published_at=timezone.now() + timedelta(minutes=count - i))
        for photo in photos:
            for w, h in renditions.CROPS[:3]:
                for fmt in renditions.FORMATS:
                    renditions.ensure(renditions.crop_name(photo.image.name, w, h, 0.5, 0.5, fmt))
        return photos

    def remove_admin_articles(self, photos):
        names = [p.image.name for p in photos]
        Article.objects.filter(slug__startswith="bench-admin-").update(cover=None)
        Photo.objects.filter(article__slug__startswith="bench-admin-").delete()
        Article.objects.filter(slug__startswith="bench-admin-").delete()
        ImageAsset.objects.filter(file__in=names).delete()
        for name in names:
            for rendition in renditions.standard_names(name, 3000):
                if default_storage.exists(rendition):
                    default_storage.delete(rendition)
            default_storage.delete(name)
        User.objects.filter(username="bench-page-weight").delete()

    def handle(self, *args, slug, admin_articles, **options):
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
        rows, admin_rows, photos = [], [], []
        if admin_articles:
            photos = self.admin_articles(admin_articles)
            User.objects.create_superuser("bench-page-weight", password="bench-page-weight-pw")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM,
                    args=["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
                )
                for label, on in (("原图（基线）", False), ("缩略图", True)):
                    with override_settings(IMAGE_RENDITIONS=on, PAGE_CACHE_SECONDS=0):
                        for width in WIDTHS:
                            rows.append((label, width, *weigh(browser, base + article.get_absolute_url(), width)))
                        if admin_articles:
                            admin_rows.append((label, *weigh_admin(browser, base)))
                browser.close()
        finally:
            server.terminate()
            if admin_articles:
                self.remove_admin_articles(photos)
        self.stdout.write(f"文章 {slug}，{article.photos.count()} 张图片；不含 HTML 文档本身；DEBUG={settings.DEBUG}")
        self.stdout.write("| 图片 | 宽度 | 打开时 | 读到文末 | 图片请求 |\n| --- | ---: | ---: | ---: | ---: |")
        for label, width, at_load, read, images in rows:
            self.stdout.write(f"| {label} | {width} px | {at_load / 1024:.0f} KB | {read / 1024:.0f} KB | {images} |")
        if admin_rows:
            self.stdout.write(
                f"\n后台文章列表第 1 页（共 {admin_articles} 篇，100 篇各有一张 3000×2000 封面），1280 px，读到页尾："
            )
            self.stdout.write("| 图片 | 图片字节 | 图片请求 |\n| --- | ---: | ---: |")
            for label, image_bytes, images in admin_rows:
                self.stdout.write(f"| {label} | {image_bytes / 1024 / 1024:.2f} MB | {images} |")
        return ""
