"""The workflow owns its rules: backdating is refused by the workflow itself, the admin offers
exactly the transitions the workflow allows, and a held article is not public in any sense."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.test import Client
from django.utils import timezone

from newsroom import workflow
from newsroom.models import Article, AuditEntry
from tests.newsroom.test_workflow import ROLES, in_state, reload

pytestmark = pytest.mark.django_db
CALLS = {
    "submit": lambda a, u: workflow.submit(a, u),
    "approve": lambda a, u: workflow.approve(a, u, "同意"),
    "reject": lambda a, u: workflow.reject(a, u, "理由"),
    "publish": lambda a, u: workflow.publish(a, u),
    "unpublish": lambda a, u: workflow.unpublish(a, u, "理由"),
    "withdraw": lambda a, u: workflow.withdraw(a, u, "理由"),
    "new_version": lambda a, u: workflow.new_version(a, u),
    "placement": lambda a, u: workflow.set_placement(a, u, is_headline=not a.is_headline),
}
STATES = ["draft", "review1", "review2", "review3", "rejected", "approved", "published", "unpublished"]


class Undo(Exception):
    pass


def succeeds(call, article, user):
    try:
        with transaction.atomic():
            call(reload(article), user)
            raise Undo
    except Undo:
        return True
    except (PermissionDenied, workflow.TransitionError):
        return False


@pytest.mark.parametrize("state", STATES)
def test_the_admin_offers_exactly_what_the_workflow_allows(demo, roles, state):
    article = in_state(state, roles)
    for role in ROLES:
        user = roles[role]
        offered = {action for action, _, _ in workflow.available_transitions(user, reload(article))}
        possible = {action for action, call in CALLS.items() if succeeds(call, article, user)}
        assert offered == possible, (state, role)
        client = Client()
        client.force_login(user)
        page = client.get(f"/admin/newsroom/article/{article.pk}/change/")
        if page.status_code == 200:
            shown = {action for action, _, _ in page.context["workflow_actions"]}
            assert shown == offered, (state, role)


def test_withdrawing_an_unpublished_article_is_offered(demo, roles):
    article = in_state("unpublished", roles)
    assert "withdraw" in {a for a, _, _ in workflow.available_transitions(roles["chief"], article)}


def test_backdating_is_refused_by_the_workflow_itself(demo, roles):
    article = in_state("approved", roles)
    with pytest.raises(workflow.TransitionError, match="不得倒填"):
        workflow.publish(article, roles["chief"], at=timezone.now() - timedelta(days=30))
    assert reload(article).first_published_at is None
    workflow.publish(reload(article), roles["chief"], at=timezone.now() + timedelta(hours=1))
    assert reload(article).first_published_at > timezone.now()


def test_a_held_article_is_not_public_and_its_history_reads_in_words(demo, roles):
    from newsroom.takedowns import actions
    from tests.takedowns.test_desk import YUQUAN, accepted

    request = accepted(Client(), roles["moderator"])
    actions.apply_measure(request, roles["moderator"], "withdraw_article", request.targets.get())
    article = Article.objects.get(slug=YUQUAN)
    assert article.is_live and not article.is_public
    entry = AuditEntry.objects.filter(article=article, action="takedown_measure").get()
    assert entry.action_label == "侵权处理措施"
