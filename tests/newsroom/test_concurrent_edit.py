"""Two editors open the same article and both save: the second is refused and told what changed."""

import pytest
from django.test import Client

from newsroom import workflow
from newsroom.models import Article
from tests.helpers import admin_form_data, user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editors(demo):
    """王编辑 and 李编辑, each logged in, and the draft they both open."""
    alice, bob = user_in("编辑", "王编辑"), user_in("编辑", "李编辑")
    draft = workflow.new_version(Article.objects.get(slug="changhelang-button-brooch-training"), alice)
    first, second = Client(), Client()
    first.force_login(alice)
    second.force_login(bob)
    return draft, f"/admin/newsroom/article/{draft.pk}/change/", first, second


def test_the_second_save_is_refused_and_the_first_survives(two_editors):
    draft, url, first, second = two_editors
    data_a = admin_form_data(first.get(url))
    data_b = admin_form_data(second.get(url))

    data_a["title"] = "王编辑改的标题"
    assert first.post(url, data_a).status_code == 302

    data_b["summary"] = "李编辑改的摘要"
    response = second.post(url, data_b)
    assert response.status_code == 200
    page = response.content.decode()
    assert "保存失败" in page and "王编辑" in page and "标题" in page
    assert "王编辑改的标题" in page  # what the other editor changed is shown
    assert "李编辑改的摘要" in page  # and what this editor typed is kept

    draft.refresh_from_db()
    assert draft.title == "王编辑改的标题" and draft.summary != "李编辑改的摘要"


def test_the_change_page_shows_who_else_opened_the_article(two_editors):
    draft, url, first, second = two_editors
    first.get(url)
    assert "王编辑（" in second.get(url).content.decode()
