"""The workflow owns its rules: backdating is refused by the workflow itself, and a held article
is not public in any sense. (That the admin offers exactly what the workflow allows is walked for
every state, role and action in tests/controls/test_action_walk.py.)"""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from newsroom import workflow
from newsroom.models import Article, AuditEntry
from tests.newsroom.test_workflow import in_state, reload

pytestmark = pytest.mark.django_db


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
