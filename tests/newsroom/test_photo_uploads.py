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


def test_a_bad_photo_in_the_article_keeps_the_article_and_what_was_typed(editor_client, editor, demo):
    article = draft_of("hohhot-yuquan-grassroots-party-building", editor)
    url = f"/admin/newsroom/article/{article.pk}/change/"
    data = admin_form_data(editor_client.get(url))
    data["title"] = "编辑正在改的新标题"
    data["photos-0-image"] = SimpleUploadedFile("cut.jpg", jpeg_bytes((800, 600))[:500], "image/jpeg")

    response = editor_client.post(url, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "编辑正在改的新标题" in page
    assert "图片文件已损坏或不完整" in page or "请上传一张有效的图片" in page
    article.refresh_from_db()
    assert article.title.startswith("呼和浩特市玉泉区")
    assert article.photos.count() == 8


# The first bytes of an iPhone photo (an ISO "ftyp" box of brand heic), then data Pillow cannot read.
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 200


def test_an_iphone_heic_is_refused_with_how_to_convert_it(editor_client, editor, demo):
    """Not "not an image or damaged": the editor learns it is HEIC and how to make a JPEG of it,
    on the article's photo cards and on the batch upload."""
    article = draft_of("hohhot-yuquan-grassroots-party-building", editor)
    url = f"/admin/newsroom/article/{article.pk}/change/"
    data = admin_form_data(editor_client.get(url))
    data["photos-0-image"] = SimpleUploadedFile("IMG_0001.HEIC", HEIC, "image/heic")
    page = editor_client.post(url, data).content.decode()
    assert "HEIC" in page and "JPEG" in page and "兼容性最佳" in page
    assert "请上传一张有效的图片" not in page

    from newsroom.admin.library import UploadForm

    form = UploadForm(data={"credit_kind": "photo"}, files={"file": SimpleUploadedFile("a.heic", HEIC)})
    assert not form.is_valid() and "HEIC" in str(form.errors["file"])


def test_a_good_photo_is_added_with_its_credit(editor_client, editor, demo):
    article = draft_of("changsha-zhongnan-six-neighbours", editor)
    url = f"/admin/newsroom/article/{article.pk}/change/"
    data = admin_form_data(editor_client.get(url))
    data.update(
        {
            "photos-TOTAL_FORMS": "1",
            "photos-0-image": SimpleUploadedFile("ok.jpg", jpeg_bytes(), "image/jpeg"),
            "photos-0-caption": "同心公园里的文化大舞台",
            "photos-0-alt_text": "公园舞台",
            "photos-0-credit_kind": "provided",
            "photos-0-credit_organisation": "高塘岭街道",
            "photos-0-order": "0",
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    photo = article.photos.get()
    assert (photo.credit_line, photo.width, photo.height) == ("高塘岭街道供图", 64, 48)
