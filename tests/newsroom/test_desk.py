"""The admin's home page is a desk: what waits for each role, in a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom import workflow
from tests.helpers import new_draft

pytestmark = pytest.mark.django_db


def home(client, user):
    client.force_login(user)
    return client.get("/admin/").content.decode()


def test_each_role_finds_what_waits_for_it(client, demo, roles):
    draft = new_draft(roles["editor"], title="还在写的稿件")
    sent = new_draft(roles["editor"], title="送审的稿件")
    back = new_draft(roles["editor"], title="要改的稿件")
    for article in (sent, back):
        workflow.submit(article, roles["editor"])
    workflow.reject(back, roles["first"], "导语请压缩到一百字以内")

    editor = home(client, roles["editor"])
    assert "我的草稿" in editor and draft.title in editor
    assert "退回给我" in editor and back.title in editor and "导语请压缩到一百字以内" in editor
    assert "待我审核" not in editor  # an editor reviews nothing

    first = home(client, roles["first"])
    assert "待我审核" in first and sent.title in first and "初审" in first
    assert "最近发布" in first

    moderator = home(client, roles["moderator"])
    assert "侵权通知处理期限" in moderator and "TD" in moderator  # the demo's waiting notice
    assert "我的草稿" not in moderator


def test_the_desk_costs_the_same_with_more_work_waiting(client, demo, roles):
    client.force_login(roles["first"])
    client.get("/admin/")

    def queries():
        with CaptureQueriesContext(connection) as run:
            assert client.get("/admin/").status_code == 200
        return len(run)

    before = queries()
    for i in range(12):
        workflow.submit(new_draft(roles["editor"], title=f"送审稿件{i}"), roles["editor"])
    assert queries() == before
