"""The image library: uploads stripped of location and camera data, sized renditions behind the
same access check, reuse with the credit that belongs to the photo, batch uploads that fail one
file at a time with a clear reason."""

import io
import json

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from newsroom import renditions, tasks
from newsroom.models import Article, ImageAsset, Person, Photo
from tests.helpers import new_draft
from tests.helpers import page_html as page

pytestmark = pytest.mark.django_db
YUQUAN = "/article/hohhot-yuquan-grassroots-party-building/"
GPS_IFD = 0x8825


def camera_jpeg(size=(1600, 1200), orientation=6):
    """A phone photo: GPS position, camera make and model, and 'rotate 90°' in its EXIF."""
    image = Image.new("RGB", size, (40, 120, 200))
    image.paste((220, 40, 40), (0, 0, size[0] // 4, size[1] // 4))  # a red corner to see the turn
    exif = Image.Exif()
    exif[0x010F] = "Linli Phone"  # Make
    exif[0x0110] = "Model X"  # Model
    exif[0x0112] = orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (40.0, 49.0, 0.0), 3: "E", 4: (111.0, 39.0, 0.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def stored(name):
    with default_storage.open(name) as file:
        return Image.open(io.BytesIO(file.read()))


def upload(client, data, **extra):
    return client.post("/admin/newsroom/imageasset/upload/", {"credit_kind": "photo", **data}, **extra)


def test_an_upload_loses_its_gps_and_camera_and_stands_upright(client, demo, roles):
    client.force_login(roles["editor"])
    zhang = Person.objects.get(name="张聿修")
    response = upload(
        client,
        {"file": SimpleUploadedFile("IMG_0001.JPG", camera_jpeg(), "image/jpeg"), "credit_person": zhang.pk},
    )
    assert response.status_code == 200, response.content
    asset = ImageAsset.objects.get(pk=response.json()["id"])
    image = stored(asset.file.name)
    assert not image.getexif() and "exif" not in image.info
    assert (asset.width, asset.height) == (1200, 1600) == image.size  # the portrait photo stands up
    assert asset.uploaded_by == roles["editor"] and asset.credit_line == "张聿修 摄"


def test_a_photo_uploaded_in_the_article_form_joins_the_library_stripped(demo, roles):
    article = new_draft(roles["editor"])
    photo = Photo(article=article, caption="现场", alt_text="现场", credit_kind="provided", credit_organisation="社区")
    photo.image = SimpleUploadedFile("phone.jpg", camera_jpeg(orientation=1), "image/jpeg")
    photo.save()
    assert photo.asset.file.name == photo.image.name
    assert not stored(photo.image.name).getexif()


def test_batch_uploads_say_why_a_file_was_refused(client, demo, roles, settings):
    client.force_login(roles["editor"])
    answer = upload(client, {"file": SimpleUploadedFile("notes.jpg", b"not a picture", "image/jpeg")})
    assert answer.status_code == 400 and "图片" in "".join(answer.json()["errors"])
    settings.MAX_IMAGE_UPLOAD_BYTES = 1024
    answer = upload(client, {"file": SimpleUploadedFile("big.jpg", camera_jpeg(), "image/jpeg")})
    assert answer.status_code == 400 and "图片文件过大" in "".join(answer.json()["errors"])
    assert client.get("/admin/newsroom/imageasset/upload/").status_code == 200
    client.force_login(roles["moderator"])  # no right to add to the library
    assert upload(client, {"file": SimpleUploadedFile("a.jpg", camera_jpeg(), "image/jpeg")}).status_code == 403


def test_renditions_are_made_on_request_sized_and_stripped(client, demo):
    photo = Article.objects.get(slug="hohhot-yuquan-grassroots-party-building").photos.first()
    name = renditions.width_name(photo.image.name, 640, "webp")
    response = client.get(default_storage.url(name))
    assert response.status_code == 200
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert (image.format, image.width) == ("WEBP", 640) and not image.getexif()
    crop = client.get(default_storage.url(renditions.crop_name(photo.image.name, 320, 213, 0.5, 0.5, "jpg")))
    assert Image.open(io.BytesIO(b"".join(crop.streaming_content))).size == (320, 213)
    # Only the standard sizes exist: nobody can make the server draw arbitrary ones.
    assert client.get(default_storage.url(renditions.width_name(photo.image.name, 777, "jpg"))).status_code == 404


def test_a_takedown_hides_every_size_of_the_photo(client, demo, roles):
    article = Article.objects.get(slug="hohhot-yuquan-grassroots-party-building")
    photo = article.photos.first()
    url = default_storage.url(renditions.width_name(photo.image.name, 320, "jpg"))
    assert client.get(url).status_code == 200
    Photo.objects.filter(pk=photo.pk).update(hidden_by_takedown=True)
    assert client.get(url).status_code == 404  # the desk's 屏蔽图片 sets the flag (test_desk_admin.py)


def test_the_article_page_serves_sized_images_and_loads_only_the_first_at_once(client, demo):
    html = page(client, YUQUAN)
    assert html.count("<picture>") >= 8 and 'type="image/webp"' in html and "sizes=" in html
    assert html.count('loading="eager"') == 1 and 'fetchpriority="high"' in html
    assert "/media/demo/" not in html.replace("/media/renditions/demo/", "")  # no original is linked
    assert "w320.webp 320w" in html


def test_reuse_keeps_one_file_and_the_photos_credit(demo, roles):
    source = Article.objects.get(slug="hohhot-yuquan-grassroots-party-building").photos.first()
    asset = source.asset
    article = new_draft(roles["editor"], title="第二篇用同一张照片")
    use = Photo.objects.create(article=article, asset=asset, caption="另一篇文章里的说明", alt_text="现场")
    assert use.image.name == source.image.name and use.credit_line == "张聿修 摄"
    assert asset.uses.count() == 2
    assert not ImageAsset.objects.unused().filter(pk=asset.pk).exists()


def test_the_library_lists_where_an_image_is_used(client, demo, roles):
    client.force_login(roles["editor"])
    asset = Article.objects.get(slug="hohhot-yuquan-grassroots-party-building").photos.first().asset
    html = client.get(f"/admin/newsroom/imageasset/{asset.pk}/change/").content.decode()
    assert "用在 1 处" in html and "呼和浩特市玉泉区" in html
    listing = client.get("/admin/newsroom/imageasset/", {"used": "no"}).content.decode()
    assert "批量上传图片" in listing and f"/imageasset/{asset.pk}/change/" not in listing  # it is used
    found = client.get("/admin/newsroom/imageasset/", {"q": "张聿修"}).content.decode()  # by photographer
    assert f"/imageasset/{asset.pk}/change/" in found


def test_the_background_task_makes_every_standard_size(demo):
    asset = Article.objects.get(slug="hohhot-yuquan-grassroots-party-building").photos.first().asset
    made = tasks.make_renditions.call(asset.file.name, asset.width, asset.focal_x, asset.focal_y)
    assert made == len(renditions.standard_names(asset.file.name, asset.width))
    assert default_storage.exists(renditions.width_name(asset.file.name, 320, "webp"))


def test_a_focal_point_moves_the_crop(demo):
    asset = Article.objects.get(slug="hohhot-yuquan-grassroots-party-building").photos.first().asset
    left = renditions.crop_name(asset.file.name, 160, 107, 0.0, 0.5, "jpg")
    right = renditions.crop_name(asset.file.name, 160, 107, 1.0, 0.5, "jpg")
    assert left != right and renditions.ensure(left) and renditions.ensure(right)
    assert json.dumps(renditions.parse(left)[1]) != json.dumps(renditions.parse(right)[1])


@pytest.mark.parametrize("original", ["library/2026/12/a.jpg", "library/2026/12/邻里节 现场（一）#1.jpg"])
def test_a_pictures_size_urls_are_the_storages_own(original, settings):
    """The picture tags ask the file-system storage once per picture for the renditions'
    folder; every size's URL is still exactly what the storage gives for that file (quoting
    included), and another storage is asked for each file."""
    from django.core.files.storage import InMemoryStorage

    from newsroom.templatetags import pictures

    url = pictures.rendition_urls(original)
    names = renditions.standard_names(original, 1280, 0.3, 0.7)
    assert [url(name) for name in names] == [default_storage.url(name) for name in names]
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    assert default_storage.__class__ is InMemoryStorage
    assert pictures.rendition_urls(original) == default_storage.url


def test_a_reader_draws_crops_only_around_the_images_own_focal_point(client, demo):
    """Crop names spell any focal point 0–100: 10,201 files per size per photo if each were
    drawn on request. A reader's request draws only the current one (and the centre)."""
    photo = Article.objects.get(slug="hohhot-yuquan-grassroots-party-building").photos.first()
    asset = photo.asset
    ImageAsset.objects.filter(pk=asset.pk).update(focal_x=0.3, focal_y=0.7)
    own = renditions.crop_name(photo.image.name, 320, 213, 0.3, 0.7, "jpg")
    assert client.get(default_storage.url(own)).status_code == 200
    assert (
        client.get(default_storage.url(renditions.crop_name(photo.image.name, 320, 213, 0.5, 0.5, "jpg"))).status_code
        == 200
    )
    for fx, fy in ((0.0, 0.0), (0.31, 0.7), (0.99, 0.01)):
        made_up = renditions.crop_name(photo.image.name, 320, 213, fx, fy, "webp")
        assert client.get(default_storage.url(made_up)).status_code == 404
        assert not default_storage.exists(made_up)


def test_a_publicly_used_images_file_and_focal_point_change_only_through_an_article(client, demo, roles):
    """Replacing the file or moving the focal point in the library changed live pages at once,
    unreviewed; while a public page shows the image both are fixed (the model refuses, the
    admin shows them read-only)."""
    from django.core.exceptions import ValidationError

    from tests.helpers import admin_form_data

    asset = Article.objects.get(slug="hohhot-yuquan-grassroots-party-building").photos.first().asset
    assert asset.is_shown_publicly()
    before = (asset.focal_x, asset.focal_y, asset.file.name)
    client.force_login(roles["siteadmin"])
    url = f"/admin/newsroom/imageasset/{asset.pk}/change/"
    page = client.get(url)
    assert 'name="focal_x"' not in page.content.decode() and 'name="file"' not in page.content.decode()
    client.post(url, {**admin_form_data(page), "focal_x": "0.1", "focal_y": "0.9"})
    asset.refresh_from_db()
    assert (asset.focal_x, asset.focal_y, asset.file.name) == before
    asset.focal_x = 0.1
    with pytest.raises(ValidationError, match="随文章送审"):
        asset.full_clean()
    unused = ImageAsset.objects.create(
        file=SimpleUploadedFile("未用.jpg", camera_jpeg(size=(64, 48), orientation=1), "image/jpeg"),
        credit_kind="none",
    )
    unused.focal_x = 0.2
    unused.full_clean()  # nothing public shows it: free to change


def test_the_same_photo_uploaded_twice_is_kept_once_and_the_editor_told(client, demo, roles):
    """Batch upload or the article's photo dialog: the library recognises the file (its stored
    content's SHA-256) and keeps the first, saying so; the second use takes the first's file."""
    client.force_login(roles["editor"])
    photo_bytes = camera_jpeg(orientation=1)
    zhang = Person.objects.get(name="张聿修").pk
    first = upload(client, {"file": SimpleUploadedFile("DSC_0001.JPG", photo_bytes), "credit_person": zhang}).json()
    assert first["ok"] and not first["already"]
    count = ImageAsset.objects.count()
    again = upload(
        client, {"file": SimpleUploadedFile("DSC_0001 副本.JPG", photo_bytes), "credit_person": zhang}
    ).json()
    assert again["ok"] and again["id"] == first["id"] and "已有这张图片" in again["already"]
    assert ImageAsset.objects.count() == count

    article = new_draft(roles["editor"])  # with a photo of its own, in the library too
    count = ImageAsset.objects.count()
    url = f"/admin/newsroom/photo/add/?_popup=1&_dialog=1&article={article.pk}"
    answer = client.post(
        url,
        {
            "image": SimpleUploadedFile("微信图片.jpg", photo_bytes, "image/jpeg"),
            "caption": "同心广场百家宴",
            "alt_text": "居民聚餐",
            "credit_kind": "provided",
            "credit_organisation": "中南社区",
            "order": "2",
            "article": str(article.pk),
            "_save": "保存",
        },
    ).content.decode()
    assert (
        "已直接选用，未重复存入"
        in json.loads(answer.split('id="linli-photo-done" type="application/json">')[1].split("</script>")[0])["note"]
    )
    photo = article.photos.get(caption="同心广场百家宴")
    assert photo.asset_id == first["id"] and ImageAsset.objects.count() == count
    assert photo.credit_line == "中南社区供图"  # the use keeps its own credit
