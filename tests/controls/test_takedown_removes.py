"""A takedown removes the material: files of hidden photos and of withdrawn articles stop being
served, preview links end, and nothing waits in a cache for longer than 5 s."""

import pytest
from django.test import Client

from newsroom import workflow
from newsroom.models import Article, Photo, Portal, PreviewLink
from newsroom.previews import preview_token
from newsroom.takedowns import actions
from tests.helpers import new_draft
from tests.takedowns.test_desk import YUQUAN, accepted

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(roles):
    return roles["moderator"]


def media(client, photo):
    return client.get(photo.image.url)


def yuquan_photos():
    return list(Photo.objects.filter(article__slug=YUQUAN).order_by("order", "id"))


def test_a_hidden_photos_file_answers_404_to_readers_at_once(client, demo, moderator, roles):
    photo = yuquan_photos()[0]
    response = media(client, photo)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=4"
    request = accepted(Client(), moderator, part="photo", photo_number="1")
    measure = actions.apply_measure(request, moderator, "hide_photo", request.targets.get())
    assert media(client, photo).status_code == 404
    assert media(client, yuquan_photos()[1]).status_code == 200  # the other photos stay
    staff = Client()
    staff.force_login(moderator)
    hidden = media(staff, photo)  # the desk still sees what it hid
    assert hidden.status_code == 200 and hidden["Cache-Control"] == "private, no-store"
    actions.revert_measure(measure, moderator, "通知人撤回")
    assert media(client, photo).status_code == 200


def test_a_withdrawn_or_held_articles_photos_stop_being_served(client, demo, moderator, roles):
    photos = yuquan_photos()
    request = accepted(Client(), moderator)
    actions.apply_measure(request, moderator, "withdraw_article", request.targets.get())
    assert all(media(client, photo).status_code == 404 for photo in photos)
    other = Article.objects.public(Portal.objects.default()).exclude(slug=YUQUAN).filter(photos__isnull=False).first()
    workflow.withdraw(other, roles["chief"], "事实有误")
    assert all(media(client, photo).status_code == 404 for photo in other.photos.all())


def test_a_drafts_photos_are_not_public(client, demo, roles):
    draft = new_draft(roles["editor"])
    photo = draft.photos.get()
    assert media(client, photo).status_code == 404
    staff = Client()
    staff.force_login(roles["editor"])
    assert media(staff, photo).status_code == 200


def test_a_path_outside_the_media_root_is_not_found(client, demo):
    assert client.get("/media/../config/settings.py").status_code == 404
    assert client.get("/media/%2e%2e/config/settings.py").status_code == 404


def test_behind_nginx_django_decides_and_nginx_sends(client, demo, settings):
    settings.MEDIA_ACCEL_REDIRECT = True
    photo = yuquan_photos()[0]
    response = media(client, photo)
    assert response["X-Accel-Redirect"] == "/protected-media/" + photo.image.name
    assert response["X-Media-Cache-Control"] == "public, max-age=4"


def test_preview_links_refuse_withdrawn_and_held_articles_and_a_measure_revokes_them(demo, roles, moderator):
    article = Article.objects.get(slug=YUQUAN)
    draft = workflow.new_version(article, roles["editor"])
    links = [workflow.create_preview_link(draft, roles["editor"])]
    reader = Client()
    page = reader.get(f"/preview/{preview_token(links[0])}/")
    assert page.status_code == 200
    draft_photo = draft.photos.first()
    assert media(reader, draft_photo).status_code == 200  # the link's holder sees the draft's photos
    assert media(Client(), draft_photo).status_code in (200, 404)  # (shares the live file)
    request = accepted(Client(), moderator)
    actions.apply_measure(request, moderator, "withdraw_article", request.targets.get())
    assert not PreviewLink.objects.get(pk=links[0].pk).is_valid
    assert reader.get(f"/preview/{preview_token(links[0])}/").status_code == 404
    assert media(reader, draft_photo).status_code == 404
    with pytest.raises(workflow.TransitionError):
        workflow.create_preview_link(draft, roles["editor"])
    with pytest.raises(workflow.TransitionError):
        workflow.create_preview_link(Article.objects.get(pk=article.pk), roles["editor"])


def test_a_withdrawn_article_gets_no_preview_link(demo, roles):
    article = Article.objects.public(Portal.objects.default()).exclude(slug=YUQUAN).first()
    link = workflow.create_preview_link(article, roles["editor"])
    workflow.withdraw(article, roles["chief"], "事实有误")
    assert not PreviewLink.objects.get(pk=link.pk).is_valid
    assert Client().get(f"/preview/{preview_token(link)}/").status_code == 404
    with pytest.raises(workflow.TransitionError):
        workflow.create_preview_link(Article.objects.get(pk=article.pk), roles["editor"])


def test_within_two_seconds_even_from_the_caches(settings):
    assert settings.MICRO_CACHE_SECONDS + settings.PAGE_CACHE_LOCAL_SECONDS <= 2
    assert settings.MEDIA_CACHE_SECONDS <= 5


def test_the_shipped_nginx_config_serves_no_upload_and_keeps_no_withdrawn_page():
    """docs/nginx.conf: uploads go through Django's check (X-Accel-Redirect to an internal
    location), and a 451/404 replaces a cached page (measured: `make measure-takedown`)."""
    from pathlib import Path

    conf = (Path(__file__).resolve().parents[2] / "docs" / "nginx.conf").read_text()
    media = conf.split("location /media/ {")[1].split("}")[0]
    assert "proxy_pass http://linli;" in media and "alias" not in media
    protected = conf.split("location /protected-media/ {")[1].split("}")[0]
    assert "internal;" in protected
    assert "proxy_cache_valid 404 410 451" in conf


def _shared_with_another_live_article():
    """The first photo of the 玉泉 article, its library image also used by another live article."""
    photo = yuquan_photos()[0]
    other = Article.objects.public(Portal.objects.default()).exclude(slug=YUQUAN).first()
    Photo.objects.create(
        article=other,
        asset=photo.asset,
        image=photo.image.name,
        caption="同一张图片的另一处使用",
        alt_text="图片",
        credit_kind=photo.credit_kind,
        credit_person=photo.credit_person,
        credit_organisation=photo.credit_organisation,
        order=99,
    )
    return photo, other


def test_the_desk_shows_where_else_a_withdrawn_articles_photo_is_used(client, demo, moderator):
    photo, other = _shared_with_another_live_article()
    request = accepted(Client(), moderator)
    desk = Client()
    desk.force_login(moderator)
    page = desk.get(f"/admin/takedowns/takedownrequest/{request.pk}/change/").content.decode()
    assert "在其他地方也在使用" in page and f"《{other.title}》" in page and 'name="cover_shared"' in page
    # 下架全文 alone: the article goes, the file stays where the other article shows it (as README says).
    desk.post(
        f"/admin/takedowns/takedownrequest/{request.pk}/act/",
        {"action": "measure", "kind": "withdraw_article", "target": request.targets.get().pk},
    )
    assert client.get(Article.objects.get(slug=YUQUAN).get_absolute_url()).status_code == 451
    assert media(client, photo).status_code == 200


def test_a_withdrawal_that_covers_shared_photos_takes_every_use_offline(client, demo, moderator):
    photo, other = _shared_with_another_live_article()
    request = accepted(Client(), moderator)
    desk = Client()
    desk.force_login(moderator)
    desk.post(
        f"/admin/takedowns/takedownrequest/{request.pk}/act/",
        {"action": "measure", "kind": "withdraw_article", "target": request.targets.get().pk, "cover_shared": "1"},
    )
    assert media(client, photo).status_code == 404
    rendition = f"/media/renditions/{photo.image.name}/w320.jpg"
    assert client.get(rendition).status_code == 404
    assert photo.image.name not in client.get(other.get_absolute_url()).content.decode()
    hidden = request.measures.get(kind="hide_photo", reverted_at=None)
    actions.revert_measure(hidden, moderator, "该图片另有授权")  # each covered photo reverts on its own
    assert media(client, photo).status_code == 200  # shown again where the other article uses it
    assert photo.image.name in client.get(other.get_absolute_url()).content.decode()
    assert client.get(Article.objects.get(slug=YUQUAN).get_absolute_url()).status_code == 451
