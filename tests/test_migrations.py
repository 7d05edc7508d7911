"""This issue's schema changes carry existing data (SQLite and PostgreSQL alike): a database
as it was before them, with content in it, migrated forward."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("newsroom", "0011_article_column_newest_index"), ("communities", "0001_initial")]


def state_at(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_content_and_takedowns_survive_the_migrations():
    old = state_at(BEFORE)
    Portal = old.get_model("newsroom", "Portal")
    portal = Portal.objects.create(name="测试网站", short_name="测试", hosts="localhost", is_default=True)
    Community = old.get_model("communities", "Community")
    community = Community.objects.create(name="老社区", slug="old", province="云南省", city="昆明市", district="五华区")
    Honour = old.get_model("communities", "Honour")
    Honour.objects.create(title="文明社区", level=3, community=community, recipient_kind="community")
    Topic = old.get_model("newsroom", "Topic")
    Topic.objects.create(portal=portal, title="老专题", slug="old-topic")
    Request = old.get_model("newsroom", "TakedownRequest")
    restored = Request.objects.create(
        reference="TD20260101-000001", token="t" * 32, portal=portal, status="restored", notifier_kind="person",
        notifier_name="甲", phone="1", email="a@example.com", address="x", id_type="id_card", id_number="1",
        right_claimed="copyright", description="x", received_at=timezone.now(),
    )
    old.get_model("newsroom", "Event").objects.create(
        request=restored, action="restore", reason="反通知成立，依《信息网络传播权保护条例》第十七条立即恢复。")
    document = old.get_model("newsroom", "SearchDocument").objects.create(
        kind="community", object_id=community.pk, url="/communities/old/", title="老社区", date=timezone.now(), rank=1)

    call_command("migrate", verbosity=0)

    from communities.models import Community as Now, Honour as HonourNow
    from newsroom.models import SearchDocument, TakedownRequest, Topic as TopicNow

    assert Now.objects.get(pk=community.pk).is_live and HonourNow.objects.public().count() == 1
    assert TopicNow.objects.public().filter(slug="old-topic").exists()
    assert TakedownRequest.objects.get(pk=restored.pk).restored_under == "art17"
    SearchDocument.objects.filter(pk=document.pk).update(title="长" * 700)  # no varchar limit left
    assert len(SearchDocument.objects.get(pk=document.pk).title) == 700
    from django.contrib.auth.models import Group

    assert Group.objects.get(name="法务复核").permissions.filter(codename="view_id_number").exists()
