"""Previews: staff see drafts in the public layout; a signed link works until it expires or is revoked."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from newsroom import revisions, workflow
from newsroom.previews import preview_token
from tests.helpers import new_draft

pytestmark = pytest.mark.django_db


def test_staff_preview_a_draft_in_the_public_layout(editor_client, editor, demo):
    draft = new_draft(editor)
    response = editor_client.get(f"/admin/newsroom/article/{draft.pk}/preview/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "中南社区开展邻里节活动" in page and "您当前的位置" in page and "中南社区供图" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    # The real page: the portal's name and navigation, the hotline, the contact window's days.
    assert "玉泉区新闻网" in page and 'aria-label="栏目导航"' in page
    assert "新闻热线：0471-5103964" in page and "请在30日内与本网联系" in page


def test_staff_preview_any_revision(editor_client, editor, demo):
    draft = new_draft(editor)
    first = revisions.record(draft, editor)
    draft.title = "后来改的标题"
    draft.save()
    page = editor_client.get(f"/admin/newsroom/article/{draft.pk}/revisions/{first.pk}/preview/").content.decode()
    assert "中南社区开展邻里节活动" in page and "后来改的标题" not in page
    assert "修订版本" in page


def test_a_signed_link_shows_the_draft_to_anyone_until_it_expires(client, editor, demo):
    draft = new_draft(editor)
    link = workflow.create_preview_link(draft, editor, hours=72)
    url = f"/preview/{preview_token(link)}/"
    assert client.get(f"/article/{draft.slug}/").status_code == 404
    response = client.get(url)
    assert response.status_code == 200 and "中南社区开展邻里节活动" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    with time_machine.travel(timezone.now() + timedelta(hours=73)):
        assert client.get(url).status_code == 404


def test_a_revoked_or_forged_link_stops_working(client, editor, demo):
    draft = new_draft(editor)
    link = workflow.create_preview_link(draft, editor)
    url = f"/preview/{preview_token(link)}/"
    workflow.revoke_preview_link(link, editor)
    assert client.get(url).status_code == 404
    assert client.get(f"/preview/{link.pk}:forged/").status_code == 404


def test_the_default_lifetime_is_the_portals(editor, demo):
    link = workflow.create_preview_link(new_draft(editor), editor)
    assert timedelta(hours=71) < link.expires_at - timezone.now() <= timedelta(hours=72)
