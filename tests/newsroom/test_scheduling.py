"""定时发布 / 定时下线: visible exactly from go-live, gone at expiry, without running any command."""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from newsroom import workflow
from newsroom.models import Article, AuditEntry
from tests.helpers import new_draft

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI)


def approved(roles):
    article = new_draft(roles["editor"], slug="scheduled-story")
    workflow.submit(article, roles["editor"])
    for role in ("first", "second", "chief"):
        workflow.approve(article, roles[role])
    return article


def visible(client):
    return client.get("/article/scheduled-story/").status_code == 200


def test_it_goes_live_at_the_minute_and_expires_at_the_minute(client, demo, roles):
    go_live, expiry = NOW + timedelta(hours=2), NOW + timedelta(days=1)
    with time_machine.travel(NOW, tick=False):
        workflow.publish(approved(roles), roles["chief"], at=go_live, expires_at=expiry)
        assert not visible(client)
        assert "scheduled-story" not in client.get("/column/party-news/").content.decode()
    with time_machine.travel(go_live - timedelta(seconds=1), tick=False):
        assert not visible(client)
    with time_machine.travel(go_live, tick=False):
        assert visible(client)
        assert "中南社区开展邻里节活动" in client.get("/column/party-news/").content.decode()
        assert "scheduled-story" in client.get("/sitemap.xml").content.decode()
    with time_machine.travel(expiry - timedelta(seconds=1), tick=False):
        assert visible(client)
    with time_machine.travel(expiry, tick=False):
        assert not visible(client)
        assert "中南社区开展邻里节活动" not in client.get("/").content.decode()


def test_the_first_publish_time_is_the_go_live_time(demo, roles):
    go_live = NOW + timedelta(hours=2)
    with time_machine.travel(NOW, tick=False):
        workflow.publish(approved(roles), roles["chief"], at=go_live)
    assert Article.objects.get(slug="scheduled-story").first_published_at == go_live


def test_the_command_audits_what_the_clock_already_did(demo, roles):
    go_live, expiry = NOW + timedelta(hours=2), NOW + timedelta(hours=5)
    with time_machine.travel(NOW, tick=False):
        workflow.publish(approved(roles), roles["chief"], at=go_live, expires_at=expiry)
    with time_machine.travel(expiry + timedelta(minutes=1), tick=False):
        out = StringIO()
        call_command("publish_scheduled", stdout=out)
        assert "定时下线 1 篇" in out.getvalue()
        call_command("publish_scheduled", stdout=StringIO())
    actions = list(
        AuditEntry.objects.filter(article__slug="scheduled-story", action__in=["went_live", "expired"]).values_list(
            "action", "created_at"
        )
    )
    assert actions == [("went_live", go_live), ("expired", expiry)]


def test_expiry_before_go_live_is_refused(demo, roles):
    with time_machine.travel(NOW, tick=False):
        article = approved(roles)
        with pytest.raises(workflow.TransitionError):
            workflow.publish(article, roles["chief"], at=NOW + timedelta(hours=3), expires_at=NOW + timedelta(hours=1))
    assert Article.objects.get(pk=article.pk).status == Article.Status.APPROVED
