"""Only public content is searchable, and the index follows every state change at once."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from newsroom import workflow
from newsroom.models import Article, Portal
from newsroom.search import ranking as search
from newsroom.search.models import SearchDocument
from newsroom.takedowns import actions
from newsroom.takedowns.models import Measure
from tests.helpers import new_draft
from tests.takedowns.helpers import file_notice

pytestmark = pytest.mark.django_db
WORD = "鹦鹉螺邻里节"  # only in the test article's body


def found(query=WORD):
    return [d.url for d in search.run(Portal.objects.default(), query)]


def story(roles, slug="search-story"):
    article = new_draft(roles["editor"], slug=slug, body=f"<p>居民在广场举办{WORD}。</p><p>第二段。</p>")
    workflow.submit(article, roles["editor"])
    for role in ("first", "second", "chief"):
        workflow.approve(article, roles[role])
    return article


def test_drafts_and_articles_in_review_are_not_found(demo, roles):
    article = new_draft(roles["editor"], slug="draft-story", body=f"<p>{WORD}</p>")
    assert found() == []
    workflow.submit(article, roles["editor"])
    assert found() == []


def test_publishing_unpublishing_and_withdrawing_follow_at_once(demo, roles):
    article = story(roles)
    assert found() == []  # approved, not yet published
    workflow.publish(article, roles["chief"])
    assert found() == ["/article/search-story/"]
    workflow.unpublish(article, roles["chief"], "内容需要核实")
    assert found() == []
    workflow.submit(article, roles["editor"])
    for role in ("first", "second", "chief"):
        workflow.approve(article, roles[role])
    workflow.publish(article, roles["chief"])
    assert found() == ["/article/search-story/"]
    workflow.withdraw(article, roles["chief"], "撤稿")
    assert found() == []


def test_scheduled_articles_appear_at_go_live_and_leave_at_expiry(demo, roles):
    now = timezone.now()
    go_live, expiry = now + timedelta(hours=2), now + timedelta(days=1)
    workflow.publish(story(roles), roles["chief"], at=go_live, expires_at=expiry)
    assert found() == []
    with time_machine.travel(go_live, tick=False):
        assert found() == ["/article/search-story/"]
    with time_machine.travel(expiry, tick=False):
        assert found() == []


def test_a_new_version_replaces_the_indexed_text_when_published(demo, roles):
    article = story(roles)
    workflow.publish(article, roles["chief"])
    draft = workflow.new_version(Article.objects.get(pk=article.pk), roles["editor"])
    draft.body = "<p>居民在广场举办海棠读书会。</p>"
    draft.save()
    assert found() == ["/article/search-story/"] and found("海棠读书会") == []  # the draft isn't public
    workflow.submit(draft, roles["editor"])
    for role in ("first", "second", "chief"):
        workflow.approve(draft, roles[role])
    workflow.publish(draft, roles["chief"])
    assert found() == [] and found("海棠读书会") == ["/article/search-story/"]


def test_takedown_measures_remove_and_restore_at_once(demo, roles, client):
    slug = "hohhot-yuquan-grassroots-party-building"
    assert f"/article/{slug}/" in found("飞行棋")
    request = file_notice(client)
    actions.start_review(request, roles["moderator"])
    actions.accept(request, roles["moderator"])
    measure = actions.apply_measure(request, roles["moderator"], Measure.Kind.WITHDRAW_ARTICLE, request.targets.get())
    assert f"/article/{slug}/" not in found("飞行棋")
    actions.revert_measure(measure, roles["moderator"], "通知人撤回")
    assert f"/article/{slug}/" in found("飞行棋")


def test_a_hidden_photo_takes_its_caption_and_credit_out_of_the_index(demo, roles, client):
    slug = "hohhot-yuquan-grassroots-party-building"
    article = Article.objects.get(slug=slug)
    photo = article.photos.first()
    photo.caption = "鹈鹕湖畔的志愿者"
    photo.save()
    assert found("鹈鹕湖畔") == [f"/article/{slug}/"]
    number = list(article.photos.values_list("pk", flat=True)).index(photo.pk) + 1
    request = file_notice(client, part="photo", photo_number=str(number))
    actions.start_review(request, roles["moderator"])
    actions.accept(request, roles["moderator"])
    measure = actions.apply_measure(request, roles["moderator"], Measure.Kind.HIDE_PHOTO, request.targets.get())
    assert found("鹈鹕湖畔") == []
    actions.revert_measure(measure, roles["moderator"], "误判")
    assert found("鹈鹕湖畔") == [f"/article/{slug}/"]


def test_communities_follow_edits_and_deletes(demo):
    from communities.models import Community

    community = Community.objects.get(slug="zhongnan")
    community.work_method_summary = "独创的榕树下议事会。"
    community.save()
    assert community.get_absolute_url() in found("榕树下议事会")
    community.delete()
    assert found("榕树下议事会") == []
    assert not SearchDocument.objects.filter(kind="honour", communities=community.pk).exists()


def test_rebuild_search_index_gives_the_same_results(demo):
    before = sorted(found("社区"))
    SearchDocument.objects.all().delete()
    assert found("社区") == []
    call_command("rebuild_search_index", stdout=StringIO())
    assert sorted(found("社区")) == before
