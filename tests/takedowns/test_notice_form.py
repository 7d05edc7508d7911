"""The public notice form: prefilled from an article, clear errors, nothing typed lost, rate limits."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from newsroom.models import Article
from newsroom.takedowns.models import TakedownRequest
from tests.takedowns.helpers import evidence, file_notice, notice_data

pytestmark = pytest.mark.django_db
YUQUAN = "hohhot-yuquan-grassroots-party-building"


def test_every_article_links_to_the_form_prefilled(client, demo):
    page = client.get(f"/article/{YUQUAN}/").content.decode()
    assert page.count(f"/takedown/new/?article={YUQUAN}") == 1  # one entry per article, not one per photo
    assert "举报此图片" not in page
    chooser = client.get("/takedown/new/", {"article": YUQUAN}).content.decode()
    photo = Article.objects.get(slug=YUQUAN).photos.order_by("order")[1]
    assert 'name="pick_photo" value="2"' in chooser and "第 2 张" in chooser  # thumbnails to pick
    form = client.get("/takedown/new/", {"article": YUQUAN, "photo": photo.pk}).content.decode()
    assert f"http://testserver/article/{YUQUAN}/" in form
    assert 'value="2"' in form and 'value="photo" selected' in form


def test_picking_a_photo_keeps_everything_typed(client, demo):
    """A thumbnail is a button of the form: picking one fills in the work and loses nothing typed."""
    typed = {"notifier_name": "刘摄影", "phone": "13800000000", "description": "这张照片是我拍的。"}
    page = client.post(f"/takedown/new/?article={YUQUAN}", {**typed, "pick_photo": "2"}).content.decode()
    assert all(f'value="{value}"' in page or f"{value}</textarea>" in page for value in typed.values())
    assert 'value="photo" selected' in page and 'name="targets-0-photo_number" value="2"' in page
    assert f"http://testserver/article/{YUQUAN}/" in page and "errorlist" not in page


def test_a_complete_notice_gets_a_reference_a_tracking_page_and_an_email(
    client, demo, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    with django_capture_on_commit_callbacks(execute=True):  # the mail goes once the notice is stored
        notice = file_notice(client, part="photo", photo_number="1")
    assert notice.reference.startswith("TD") and len(notice.token) >= 32
    target = notice.targets.get()
    assert target.article.slug == YUQUAN and target.photo.order == 0
    page = client.get(notice.get_tracking_url() + "?new=1").content.decode()
    assert notice.reference in page and "已接收" in page
    assert len(mail.outbox) == 1 and notice.reference in mail.outbox[0].subject
    assert notice.get_tracking_url() in mail.outbox[0].body
    stored = notice.evidence.get()
    assert stored.content_type == "application/pdf"
    assert str(tmp_path / "private") in stored.file.path
    assert notice.deadline is not None


@pytest.mark.parametrize(
    "overrides, field_error",
    [
        ({"targets-0-url": "https://www.example.com/news/1.html"}, "不属于本网"),
        ({"targets-0-url": "http://localhost/communities/"}, "不是本网的文章页面"),
        ({"targets-0-url": "http://localhost/article/no-such-article/"}, "没有找到"),
        ({"notifier_name": "", "phone": ""}, "这个字段是必填项"),
        ({"declared_true": None}, "请确认通知内容真实"),
        ({"evidence": evidence("证据.pdf", b"<html><body>not a pdf</body></html>")}, "不是 PDF、JPEG 或 PNG"),
        ({"description": "长" * 5001}, "5000"),
        ({"is_agent": "on"}, "授权委托书"),
        ({"targets-0-part": "photo", "targets-0-photo_number": "99"}, "本文共 8 张图片"),
        ({"website": "http://spam.example"}, "提交失败"),
    ],
)
def test_bad_input_is_a_clear_error_and_keeps_what_was_typed(client, demo, overrides, field_error):
    response = client.post("/takedown/new/", notice_data(**overrides))
    page = response.content.decode()
    assert response.status_code == 400
    assert field_error in page
    assert "已填写的内容已保留" in page
    assert "呼和浩特市玉泉区某街1号" in page or "address" in overrides
    assert TakedownRequest.objects.count() == 1  # only the demo's notice


def test_a_50_mb_file_is_refused(client, demo):
    big = SimpleUploadedFile("大文件.pdf", b"%PDF-" + b"0" * (50 * 1024 * 1024), "application/pdf")
    response = client.post("/takedown/new/", notice_data(evidence=big))
    assert response.status_code == 400 and "过大" in response.content.decode()
    assert TakedownRequest.objects.count() == 1  # only the demo's notice


def test_too_many_notices_get_429(client, demo, settings):
    settings.TAKEDOWN_LIMIT_PER_IP = 2
    for _ in range(2):
        file_notice(client, email=f"x{_}@example.com")
    response = client.post("/takedown/new/", notice_data(email="other@example.com"))
    assert response.status_code == 429 and "请一小时后再试" in response.content.decode()


def test_too_many_notices_from_one_email_get_429(client, demo, settings):
    settings.TAKEDOWN_LIMIT_PER_EMAIL = 1
    file_notice(client)
    response = client.post("/takedown/new/", notice_data(), REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429 and "该邮箱" in response.content.decode()


def test_a_tracking_token_shows_only_its_own_request(client, demo):
    first = file_notice(client)
    second = file_notice(client, notifier_name="另一位通知人", email="other@example.com")
    page = client.get(first.get_tracking_url()).content.decode()
    assert first.reference in page and second.reference not in page
    assert client.get("/takedown/track/not-a-real-token/").status_code == 404
    assert "150104199001011234" not in page
