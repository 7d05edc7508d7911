"""Photos a newsroom can trust, in Chromium with the demo editor: three camera-sized JPEGs and a
portrait phone photo with GPS go up in one batch, the editor sets a focal point, uses one image in
two articles with different captions; readers get sized renditions without location data, with
the photo's credit under each use."""

import io
import re

from django.contrib.auth.models import User
from PIL import Image

from newsroom import workflow
from newsroom.models import Article, ImageAsset
from tests.browser.conftest import login, screenshot
from tests.browser.photos import open_dialog, save_dialog
from tests.helpers import new_draft

GPS_IFD = 0x8825


def camera_file(path, size, orientation=1, gps=False, quality=80):
    noise = Image.effect_noise(size, 60)
    image = Image.merge(
        "RGB",
        (noise, noise.transpose(Image.Transpose.FLIP_LEFT_RIGHT), noise.transpose(Image.Transpose.FLIP_TOP_BOTTOM)),
    )
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0112] = "Linli Phone", "Model X", orientation
    if gps:
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (40.0, 49.0, 0.0), 3: "E", 4: (111.0, 39.0, 0.0)})
    image.save(path, "JPEG", quality=quality, exif=exif)
    return path


def publish(article):
    author = User.objects.get(username="editor")
    workflow.submit(article, author)
    for username in ("reviewer1", "reviewer2", "chief"):
        workflow.approve(article, User.objects.get(username=username))
    workflow.publish(Article.objects.get(pk=article.pk), User.objects.get(username="chief"))


def add_library_photo(editor, site, article, search, caption):
    """On the article's change page: 添加图片, pick a library image (autocomplete) in the dialog."""
    editor.goto(f"{site}/admin/newsroom/article/{article.pk}/change/")
    dialog = open_dialog(editor, editor.get_by_role("button", name="添加图片"))
    dialog.locator(".field-asset .select2-selection").click()
    dialog.locator(".select2-container--open .select2-search__field").fill(search)
    dialog.locator(".select2-results__option", has_text=search).first.click()
    dialog.locator("textarea[name=caption]").fill(caption)
    dialog.locator("input[name=alt_text]").fill("居民在社区广场参加活动")
    dialog.locator("input[name=body_position]").fill("1")
    save_dialog(editor, dialog, shows=caption)


def test_an_editor_uploads_reuses_and_readers_get_safe_sized_photos(site, browser, page, tmp_path):
    files = [camera_file(tmp_path / f"DSC_000{i}.JPG", (6000, 4000)) for i in range(1, 4)]
    files.append(camera_file(tmp_path / "IMG_PHONE.JPG", (1600, 1200), orientation=6, gps=True, quality=90))
    assert all(12_000_000 < f.stat().st_size < 20_000_000 for f in files[:3])  # camera-sized

    editor = login(browser, site, "editor", "linli-editor-2026")
    editor.goto(site + "/admin/newsroom/imageasset/upload/")
    editor.select_option("#id_credit_kind", label="摄")
    editor.select_option("#id_credit_person", label="张聿修")
    editor.fill("#id_tags", "邻里节")
    editor.set_input_files("#id_file", [str(f) for f in files])
    editor.locator(".linli-upload-list li.ok, .linli-upload-list li.error").nth(3).wait_for(timeout=120_000)
    assert editor.locator(".linli-upload-list li.ok").count() == 4, editor.locator(".linli-upload-list").inner_text()
    screenshot(editor, "admin-batch-upload")
    assert ImageAsset.objects.filter(tags="邻里节").count() == 4

    phone = ImageAsset.objects.get(file__contains="IMG_PHONE")
    assert (phone.width, phone.height) == (1200, 1600)  # stood up
    editor.goto(f"{site}/admin/newsroom/imageasset/{phone.pk}/change/")
    preview = editor.locator(".linli-focal img")
    preview.wait_for()
    box = preview.bounding_box()
    preview.click(position={"x": box["width"] * 0.5, "y": box["height"] * 0.2})  # the faces near the top
    editor.get_by_role("button", name="保存", exact=True).click()
    editor.wait_for_load_state()
    phone.refresh_from_db()
    assert abs(phone.focal_y - 0.2) < 0.05

    first = new_draft(User.objects.get(username="editor"), title="小召前街社区邻里节开幕")
    second = new_draft(User.objects.get(username="editor"), title="邻里节上的一张笑脸")
    add_library_photo(editor, site, first, "IMG_PHONE", "邻里节开幕式上，居民合影留念。")
    add_library_photo(editor, site, second, "IMG_PHONE", "笑脸墙前，社区居民展示自己的作品。")
    editor.context.close()
    for article in (first, second):
        publish(article)

    for article, caption in ((first, "邻里节开幕式上，居民合影留念。"), (second, "笑脸墙前，社区居民展示自己的作品。")):
        page.goto(site + article.get_absolute_url())
        figure = page.locator("figure.photo", has_text=caption)
        assert figure.locator(".credit").inner_text() == "张聿修 摄"
        source = figure.locator("img").evaluate(
            "img => img.complete ? img.currentSrc : new Promise(done => img.onload = () => done(img.currentSrc))"
        )
        assert re.search(r"/media/renditions/library/.*IMG_PHONE.*/w\d+\.webp$", source), source
        served = Image.open(io.BytesIO(page.request.get(source).body()))
        assert not served.getexif() and served.width <= 1280 and served.height > served.width
    screenshot(page, "article-library-photo-1280")
    assert (
        first.photos.get(caption="邻里节开幕式上，居民合影留念。").asset
        == second.photos.get(caption="笑脸墙前，社区居民展示自己的作品。").asset
        == phone
    )
