"""The desk in the admin: queue by deadline, permissions on identity and evidence, CSV, digest."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from newsroom.takedowns.models import TakedownRequest
from tests.helpers import admin_login
from tests.takedowns.helpers import file_notice

pytestmark = pytest.mark.django_db


def login(username, password):
    client = Client()
    assert admin_login(client, username, password)
    return client


def test_the_demo_moderator_takes_a_notice_through_the_desk(client, demo):
    request = file_notice(client, part="photo", photo_number="1")
    desk = login("moderator", "linli-moderator-2026")
    url = f"/admin/takedowns/takedownrequest/{request.pk}/"
    page = desk.get(url + "change/").content.decode()
    # The moderator sees the identity number masked; only 法务复核 (view_id_number) sees it whole.
    assert "150104199001011234" not in page and "15**************34" in page
    for action in ("start_review", "accept"):
        desk.post(url + "act/", {"action": action, "reason": "要件齐全"})
    target = request.targets.get()
    response = desk.post(url + "act/", {"action": "measure", "kind": "hide_photo", "target": target.pk}, follow=True)
    assert "操作已完成" in response.content.decode()
    assert (
        "该图片因权利人通知已依法屏蔽"
        in client.get("/article/hohhot-yuquan-grassroots-party-building/").content.decode()
    )
    assert "已采取措施" in client.get(request.get_tracking_url()).content.decode()
    evidence = request.evidence.get()
    download = desk.get(f"{url}evidence/{evidence.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_editors_see_neither_identity_numbers_nor_evidence(client, demo):
    request = file_notice(client)
    editor = login("editor", "linli-editor-2026")
    assert editor.get("/admin/takedowns/takedownrequest/").status_code == 403
    assert editor.get(f"/admin/takedowns/takedownrequest/{request.pk}/change/").status_code == 403
    evidence = request.evidence.get()
    assert editor.get(f"/admin/takedowns/takedownrequest/{request.pk}/evidence/{evidence.pk}/").status_code == 403
    with pytest.raises(ValueError):
        _ = evidence.file.url  # private files have no public URL
    assert client.get(f"/media/{evidence.file.name}").status_code == 404


def test_the_queue_is_ordered_by_deadline_and_flags_overdue(client, demo):
    late = file_notice(client)
    TakedownRequest.objects.filter(pk=late.pk).update(deadline=timezone.now() - timedelta(hours=2))
    file_notice(client, email="b@example.com")
    page = login("moderator", "linli-moderator-2026").get("/admin/takedowns/takedownrequest/").content.decode()
    assert "已超期" in page and "期限内" in page
    assert page.index(late.reference) < page.index("期限内")


def test_the_audit_trail_exports_as_csv(client, demo):
    request = file_notice(client)
    desk = login("moderator", "linli-moderator-2026")
    desk.post(f"/admin/takedowns/takedownrequest/{request.pk}/act/", {"action": "start_review"})
    response = desk.post(
        "/admin/takedowns/takedownrequest/", {"action": "export_audit_trail", "_selected_action": [request.pk]}
    )
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "受理编号" in text and request.reference in text and "开始审查" in text


def test_the_digest_lists_what_is_due_today(client, demo, mailoutbox):
    from django.contrib.auth.models import User

    User.objects.filter(username="moderator").update(email="moderator@example.com")
    request = file_notice(client)
    TakedownRequest.objects.filter(pk=request.pk).update(deadline=timezone.now() - timedelta(minutes=5))
    mailoutbox.clear()
    out = StringIO()
    call_command("takedown_digest", stdout=out)
    assert f"【超期】{request.reference}" in out.getvalue()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["moderator@example.com"]


def test_the_transparency_page_counts_without_personal_data(client, demo):
    file_notice(client)
    file_notice(client, email="b@example.com", right_claimed="portrait")
    page = client.get("/takedown/transparency/").content.decode()
    year = timezone.localdate().year
    assert f"{year}年" in page and "<td>2</td>" in page
    assert "刘摄影" not in page and "liu@example.com" not in page


def test_policy_page_follows_the_portal(client, demo):
    from newsroom.models import Portal

    Portal.objects.update(restore_policy="after_days", restore_after_days=15)
    assert "15 日内未提交已经投诉或者提起诉讼的证明" in client.get("/takedown/policy/").content.decode()


def test_the_desk_shows_every_use_of_a_reported_photo_and_hides_them_all(client, demo, roles):
    """A photo reused in a second article: the desk lists both uses; 屏蔽图片 hides both."""
    from newsroom.models import Article, Photo

    yuquan = Article.objects.get(slug="hohhot-yuquan-grassroots-party-building")
    reported = yuquan.photos.order_by("order").first()
    other = Article.objects.get(slug="changhelang-button-brooch-training")
    Photo.objects.create(article=other, asset=reported.asset, caption="另一篇文章用了同一张照片", alt_text="现场")
    request = file_notice(client, part="photo", photo_number="1")
    desk = login("moderator", "linli-moderator-2026")
    url = f"/admin/takedowns/takedownrequest/{request.pk}/"
    page = desk.get(url + "change/").content.decode()
    assert "共 2 处，屏蔽后一并不再显示" in page and other.title in page
    for action in ("start_review", "accept"):
        desk.post(url + "act/", {"action": action, "reason": "要件齐全"})
    desk.post(url + "act/", {"action": "measure", "kind": "hide_photo", "target": request.targets.get().pk})
    assert client.get(reported.image.url).status_code == 404
    assert "另一篇文章用了同一张照片" not in client.get(other.get_absolute_url()).content.decode()
