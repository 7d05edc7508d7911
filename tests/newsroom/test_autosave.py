"""Autosave: the article page's working copy is kept on the server per editor, offered back when
newer than the last save, gone once the form is saved, and no way round who may edit what."""

import json

import pytest
from django.urls import reverse

from newsroom.models import Article, Autosave
from tests.helpers import admin_form_data, new_draft

pytestmark = pytest.mark.usefixtures("demo")


def autosave(client, article, data, **query):
    url = (
        reverse("admin:newsroom_article_autosave", args=[article.pk])
        if article
        else reverse("admin:newsroom_article_autosave_new")
    )
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return client.post(url, json.dumps(data), content_type="application/json")


def test_typed_text_is_kept_and_offered_back_until_saved(client, roles):
    draft = new_draft(roles["editor"])
    client.force_login(roles["editor"])
    answer = autosave(client, draft, {"title": "崩溃前的标题", "body": "<p>打了一半的正文</p>", "evil": "x"})
    assert answer.status_code == 200 and answer.json()["saved_at"]
    kept = Autosave.objects.get(article=draft, user=roles["editor"])
    assert kept.data == {"title": "崩溃前的标题", "body": "<p>打了一半的正文</p>"}
    assert Article.objects.get(pk=draft.pk).title == "中南社区开展邻里节活动"  # nothing public changes

    page = client.get(reverse("admin:newsroom_article_change", args=[draft.pk]))
    assert "恢复自动保存的内容" in page.content.decode()
    assert page.context["autosaved"].data["body"] == "<p>打了一半的正文</p>"  # in the page's json_script

    # Another editor never sees it.
    client.force_login(roles["siteadmin"])
    page = client.get(reverse("admin:newsroom_article_change", args=[draft.pk]))
    assert "恢复自动保存的内容" not in page.content.decode()


def test_the_rows_of_bylines_are_kept_but_not_deletions_or_anything_else(client, roles):
    """Photos are saved by their dialog the moment it is saved: nothing of them is autosaved."""
    draft = new_draft(roles["editor"])
    client.force_login(roles["editor"])
    sent = {
        "photos-0-caption": "改过的说明",
        "credits-0-person": "7",
        "credits-0-person#label": "张聿修",
        "photos-0-image": "C:/fakepath/a.jpg",
        "photos-0-DELETE": True,
        "credits-0-id": "3",
        "photos-0-evil": "x",
        "other-0-caption": "x",
    }
    assert autosave(client, draft, sent).status_code == 200
    assert Autosave.objects.get(article=draft, user=roles["editor"]).data == {
        "credits-0-person": "7",
        "credits-0-person#label": "张聿修",
    }


def test_saving_the_article_drops_its_autosave(client, roles):
    draft = new_draft(roles["editor"])
    client.force_login(roles["editor"])
    autosave(client, draft, {"title": "自动保存的标题"})
    url = reverse("admin:newsroom_article_change", args=[draft.pk])
    data = admin_form_data(client.get(url))
    answer = client.post(url, {**data, "title": "正式保存的标题", "_continue": "1"})
    assert answer.status_code == 302
    assert not Autosave.objects.filter(article=draft).exists()


def test_discard(client, roles):
    draft = new_draft(roles["editor"])
    client.force_login(roles["editor"])
    autosave(client, draft, {"title": "不要了"})
    assert autosave(client, draft, {}, discard=1).json() == {"discarded": True}
    assert not Autosave.objects.filter(article=draft).exists()


def test_new_article_page_has_its_own_autosave(client, roles):
    client.force_login(roles["editor"])
    autosave(client, None, {"title": "还没保存过的新稿"})
    page = client.get(reverse("admin:newsroom_article_add"))
    assert "恢复自动保存的内容" in page.content.decode()
    assert page.context["autosaved"].data == {"title": "还没保存过的新稿"}


def test_no_autosave_where_the_user_may_not_edit(client, roles):
    live = Article.objects.filter(is_live=True, portal__is_default=True).first()
    client.force_login(roles["editor"])
    answer = autosave(client, live, {"title": "绕过审核改线上稿"})
    assert answer.status_code == 403 and "不能修改" in answer.json()["error"]
    client.force_login(roles["moderator"])
    draft = new_draft(roles["editor"])
    assert autosave(client, draft, {"title": "x"}).status_code in (403, 302)
    assert not Autosave.objects.exists()


def test_bad_or_huge_input_is_a_clear_answer(client, roles):
    draft = new_draft(roles["editor"])
    client.force_login(roles["editor"])
    url = reverse("admin:newsroom_article_autosave", args=[draft.pk])
    assert client.post(url, "not json", content_type="application/json").status_code == 400
    assert autosave(client, draft, {"body": "字" * 1_000_000}).status_code == 400
    assert client.get(url).status_code == 405
