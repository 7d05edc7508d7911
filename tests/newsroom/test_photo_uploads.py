"""Bad uploads give a form error, never a 500, and lose nothing already saved."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.helpers import admin_form_data, draft_of, jpeg_bytes

pytestmark = pytest.mark.django_db


def png_claiming(width, height):
    """A tiny PNG whose header claims a huge image: a decompression bomb."""
    buffer = io.BytesIO()
    Image.new("1", (8, 8)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr) & 0xFFFFFFFF)
    return bytes(data)


BAD_FILES = {
    "not an image": ("notes.jpg", b"%PDF-1.4 this is not a picture", "image/jpeg"),
    "truncated": ("cut.jpg", jpeg_bytes((800, 600))[:700], "image/jpeg"),
    "bomb": ("bomb.png", png_claiming(30000, 30000), "image/png"),
    "just over our limit": ("large.png", png_claiming(8000, 6000), "image/png"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_file_on_the_photo_page_is_a_form_error(editor_client, editor, demo, kind):
    # A photo of a draft version: a live article's photos change only through one.
    photo = draft_of("hohhot-yuquan-grassroots-party-building", editor).photos.first()
    name, content, content_type = BAD_FILES[kind]
    url = f"/admin/newsroom/photo/{photo.pk}/change/"
    data = admin_form_data(editor_client.get(url))
    data["caption"] = "编辑刚改的说明"
    data["image"] = SimpleUploadedFile(name, content, content_type)

    response = editor_client.post(url, data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["image"]
    assert errors, kind
    assert "编辑刚改的说明" in response.content.decode()
    before = photo.image.name
    photo.refresh_from_db()
    assert photo.image.name == before
    assert photo.caption != "编辑刚改的说明"


def dialog(article):
    """The article page's 添加图片 dialog: the photo's own add page, in the dialog's mode."""
    return f"/admin/newsroom/photo/add/?_popup=1&_dialog=1&article={article.pk}"


def test_a_bad_photo_in_the_dialog_leaves_the_article_and_keeps_what_was_typed(editor_client, editor, demo):
    article = draft_of("hohhot-yuquan-grassroots-party-building", editor)
    data = admin_form_data(editor_client.get(dialog(article)))
    assert data["article"] == str(article.pk)
    data.update({"caption": "编辑正在写的说明", "image": SimpleUploadedFile("cut.jpg", jpeg_bytes((800, 600))[:500])})

    response = editor_client.post(dialog(article), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "编辑正在写的说明" in page
    assert "图片文件已损坏或不完整" in page or "请上传一张有效的图片" in page
    assert article.photos.count() == 8


def test_a_good_upload_is_kept_when_another_field_is_refused(editor_client, editor, demo):
    """The credit was forgotten: the form comes back with the upload already in the library and
    chosen, so the editor fixes the credit and saves, without choosing the file again."""
    from newsroom.models import ImageAsset

    article = draft_of("changhelang-button-brooch-training", editor)
    data = admin_form_data(editor_client.get(dialog(article)))
    data.update({"caption": "文化大舞台", "image": SimpleUploadedFile("stage.jpg", jpeg_bytes(), "image/jpeg")})
    response = editor_client.post(dialog(article), data)
    assert response.status_code == 200 and response.context["adminform"].form.errors["credit_kind"]
    kept = ImageAsset.objects.latest("pk")
    assert "已存入图片库并已选中" in response.content.decode()
    again = admin_form_data(response)
    assert again["asset"] == str(kept.pk) and again["caption"] == "文化大舞台"
    again.update({"credit_kind": "provided", "credit_organisation": "高塘岭街道"})
    done = editor_client.post(dialog(article), again)
    assert "linli-photo-done" in done.content.decode()
    photo = article.photos.get()
    assert (photo.asset_id, photo.image.name, photo.credit_line) == (kept.pk, kept.file.name, "高塘岭街道供图")


# The first bytes of an iPhone photo (an ISO "ftyp" box of brand heic), then data Pillow cannot read.
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 200


def test_an_iphone_heic_is_refused_with_how_to_convert_it(editor_client, editor, demo):
    """Not "not an image or damaged": the editor learns it is HEIC and how to make a JPEG of it,
    in the article's photo dialog and on the batch upload."""
    article = draft_of("hohhot-yuquan-grassroots-party-building", editor)
    data = admin_form_data(editor_client.get(dialog(article)))
    data["image"] = SimpleUploadedFile("IMG_0001.HEIC", HEIC, "image/heic")
    page = editor_client.post(dialog(article), data).content.decode()
    assert "HEIC" in page and "JPEG" in page and "兼容性最佳" in page
    assert "请上传一张有效的图片" not in page

    from newsroom.admin.library import UploadForm

    form = UploadForm(data={"credit_kind": "photo"}, files={"file": SimpleUploadedFile("a.heic", HEIC)}, user=editor)
    assert not form.is_valid() and "HEIC" in str(form.errors["file"])


def test_a_good_photo_is_added_with_its_credit_and_the_article_has_a_new_version(editor_client, editor, demo):
    import json
    import re

    article = draft_of("changhelang-button-brooch-training", editor)
    version = article.version
    data = admin_form_data(editor_client.get(dialog(article)))
    data.update(
        {
            "image": SimpleUploadedFile("ok.jpg", jpeg_bytes(), "image/jpeg"),
            "caption": "同心公园里的文化大舞台",
            "alt_text": "公园舞台",
            "credit_kind": "provided",
            "credit_organisation": "高塘岭街道",
        }
    )
    response = editor_client.post(dialog(article), data)
    assert response.status_code == 200, response.context["adminform"].form.errors
    photo = article.photos.get()
    assert (photo.credit_line, photo.width, photo.height, photo.order) == ("高塘岭街道供图", 64, 48, 1)
    said = json.loads(re.search(r'id="linli-photo-done"[^>]*>(.*?)</script>', response.content.decode()).group(1))
    article.refresh_from_db()
    assert said == {"action": "add", "photo": photo.pk, "version": article.version} and article.version == version + 1
    listed = editor_client.get(f"/admin/newsroom/photo/of/{article.pk}/").content.decode()
    assert "同心公园里的文化大舞台" in listed and "署名：高塘岭街道供图" in listed
