"""Nothing offered that would be refused, nothing refused that was offered: every state of an
article and of every other reviewed content type, for every role (and the author), every action
— the buttons the admin shows are exactly the actions that go through."""

import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.test import Client
from django.utils import timezone

from newsroom import content_review, workflow
from newsroom.core.actions import ActionError
from newsroom.core.publishing import Reviewed
from newsroom.models import Article, ContentChange, Portal, PreviewLink
from newsroom.portals import portal_of
from tests.helpers import new_draft, user_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("home_geography")]


class _Rollback(Exception):
    pass


def _goes_through(actions, name, obj, user, inputs):
    """Whether ``name`` runs for ``user`` on ``obj``; nothing it did is kept."""
    try:
        with transaction.atomic():
            if name == "revoke_preview_link":
                link = PreviewLink.objects.create(
                    article=obj, created_by=user, expires_at=timezone.now() + timedelta(1)
                )
                inputs = {**inputs, "link": str(link.pk)}
            actions.run(name, obj, user, inputs)
            raise _Rollback
    except _Rollback:
        return True
    except (PermissionDenied, ActionError):
        return False


def _article_inputs(name, article):
    """What a person fills in for ``name``: a reason, the version they read, a changed 推荐位…"""
    inputs = {"opinion": "理由", "version": str(article.version)}
    if name == "placement":
        inputs.update({} if article.is_headline else {"is_headline": "on"})
    if name == "change_publish_date" and article.first_published_at:
        earlier = timezone.localtime(article.first_published_at) - timedelta(hours=1)
        inputs["new_date"] = earlier.strftime("%Y-%m-%dT%H:%M")
    return inputs


def _article_states(roles):
    editor, first, second, chief = roles["editor"], roles["first"], roles["second"], roles["chief"]

    def draft():
        return new_draft(editor)

    def in_review(steps):
        article = draft()
        workflow.submit(article, editor)
        for reviewer in (first, second)[: steps - 1]:
            workflow.approve(article, reviewer)
        return article

    def approved():
        article = in_review(3)
        workflow.approve(article, chief)
        return article

    def published(at=None):
        article = approved()
        workflow.publish(article, chief, at=at)
        return article

    def then(make, step):
        article = make()
        step(article)
        return article

    return {
        "草稿": draft,
        "初审中": lambda: in_review(1),
        "复审中": lambda: in_review(2),
        "终审中": lambda: in_review(3),
        "已签发": approved,
        "已发布": published,
        "定时发布": lambda: published(at=timezone.now() + timedelta(days=1)),
        "已下线": lambda: then(published, lambda a: workflow.unpublish(a, chief, "过时")),
        "已退回": lambda: then(lambda: in_review(2), lambda a: workflow.reject(a, second, "补充来源")),
        "已撤稿": lambda: then(published, lambda a: workflow.withdraw(a, chief, "撤稿")),
        "新版本草稿": lambda: workflow.new_version(published(), editor),
    }


@pytest.fixture
def people(roles):
    return {**roles, "another editor": user_in("编辑", "test-editor-2")}


def test_every_article_action_is_offered_exactly_when_it_goes_through(demo, people):
    Portal.objects.update(review_steps=3)
    mismatches, walked, offers = [], 0, {}
    for state, make in _article_states(people).items():
        article = make()
        for who, user in people.items():
            offers[state, who] = workflow.ACTIONS.allowed(Article.objects.get(pk=article.pk), user)
            for action in workflow.ACTIONS:
                fresh = Article.objects.select_related("column__portal", "replaces").get(pk=article.pk)
                offered = action.refusal(fresh, user) is None
                ran = _goes_through(workflow.ACTIONS, action.name, fresh, user, _article_inputs(action.name, fresh))
                walked += 1
                if offered != ran:
                    mismatches.append(f"{state} · {who} · {action.name}: offered={offered} ran={ran}")
    assert not mismatches, "\n".join(mismatches)
    assert walked == 11 * 7 * len(workflow.ACTIONS._actions)
    # what the walk found offered, as a desk would describe it
    edit = {"preview_link", "revoke_preview_link"}
    assert offers["草稿", "editor"] == {"submit", *edit}
    assert offers["初审中", "first"] == {"approve", "reject"}
    assert offers["初审中", "editor"] == edit  # an author never decides
    assert offers["复审中", "first"] == set()  # nor does one person decide two steps
    assert offers["已签发", "chief"] - edit == {"publish", "reject", "withdraw"}
    assert offers["已发布", "chief"] >= {"unpublish", "withdraw", "placement", "change_publish_date"}
    assert offers["已发布", "editor"] == {"new_version", *edit}
    assert offers["已撤稿", "editor"] == {"revoke_preview_link"}  # no preview of withdrawn material
    assert offers["已撤稿", "chief"] == {"revoke_preview_link", "change_publish_date"}
    assert all(not offers[state, "moderator"] for state in _article_states(people))


def test_the_article_page_shows_the_buttons_the_checks_allow(demo, people):
    """The admin renders the registry: each state's page, for each role that may open it, has a
    button for every allowed action and none other."""
    Portal.objects.update(review_steps=3)
    for state, make in _article_states(people).items():
        article = make()
        for who, user in people.items():
            if not user.has_perm("newsroom.view_article"):
                continue
            client = Client()
            client.force_login(user)
            page = client.get(f"/admin/newsroom/article/{article.pk}/change/").content.decode()
            shown = set(re.findall(r'name="action" value="(\w+)"', page))
            allowed = workflow.ACTIONS.allowed(Article.objects.get(pk=article.pk), user) - {"revoke_preview_link"}
            assert shown == allowed, f"{state} · {who}"


def _reviewed_models():
    return sorted(
        (m for m in apps.get_models() if issubclass(m, Reviewed) and m is not Article),
        key=lambda m: m._meta.label,
    )


def test_every_content_decision_is_offered_exactly_when_it_goes_through(demo, people):
    """Each reviewed content type, in each review state (three steps), for every role."""
    Portal.objects.update(content_review_steps=3)
    editor, first, second = people["editor"], people["first"], people["second"]
    kinds = 0
    default = Portal.objects.default().pk
    for model in _reviewed_models():
        # One the default portal's staff edit: its own, or shared (the demo's other districts' are theirs).
        live = model._default_manager.filter(is_live=True).order_by("pk")
        obj = next((o for o in live if portal_of(o) in (default, None)), None)
        if obj is None:
            continue
        kinds += 1
        for state in ("初审中", "复审中", "终审中", "已通过", "已退回"):
            ContentChange.objects.filter(object_id=obj.pk, status="pending").delete()
            change = content_review.propose(obj, editor, "update", content_review.snapshot(obj))
            decided = {"初审中": 0, "复审中": 1, "终审中": 2, "已通过": 3, "已退回": 0}[state]
            for reviewer in (first, second, people["chief"])[:decided]:
                change = content_review.approve(change, reviewer)
            if state == "已退回":
                change = content_review.reject(change, first, "再核实")
            assert change.get_status_display() == {"已通过": "已通过", "已退回": "已退回"}.get(state, "待审核")
            for who, user in people.items():
                for action in content_review.ACTIONS:
                    fresh = ContentChange.objects.get(pk=change.pk)
                    offered = action.refusal(fresh, user) is None
                    inputs = {"opinion": "意见", "version": fresh.version}
                    ran = _goes_through(content_review.ACTIONS, action.name, fresh, user, inputs)
                    assert offered == ran, f"{model._meta.label} · {state} · {who} · {action.name}"
                    expected = (
                        state in ("初审中", "复审中", "终审中")
                        and who
                        in {
                            "初审中": {"first", "siteadmin"},
                            "复审中": {"second", "siteadmin"},
                            "终审中": {"chief", "siteadmin"},
                        }[state]
                    )
                    assert offered == expected, f"{model._meta.label} · {state} · {who} · {action.name}"
    assert kinds >= 8
