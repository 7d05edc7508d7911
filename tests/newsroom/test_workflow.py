"""The role × transition matrix: allowed transitions work, forbidden ones change nothing."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from newsroom import workflow
from newsroom.models import Article, AuditEntry, Portal
from tests.helpers import new_draft

pytestmark = pytest.mark.django_db
S = Article.Status


def reload(article):
    return Article.objects.get(pk=article.pk)


def in_state(state, roles):
    """An article brought to ``state`` through the workflow itself."""
    article = new_draft(roles["editor"])
    if state == "draft":
        return article
    workflow.submit(article, roles["editor"])
    steps = {"review1": 0, "review2": 1, "review3": 2}
    if state in steps:
        for role in ("first", "second")[: steps[state]]:
            workflow.approve(article, roles[role])
        return reload(article)
    if state == "rejected":
        workflow.reject(article, roles["first"], "标题需修改")
        return reload(article)
    for role in ("first", "second", "chief"):
        workflow.approve(article, roles[role])
    if state == "approved":
        return reload(article)
    workflow.publish(article, roles["chief"])
    if state == "published":
        return reload(article)
    workflow.unpublish(article, roles["chief"], "暂时下线")
    return reload(article)


# (action, starting state, call, roles allowed)
MATRIX = [
    ("submit", "draft", lambda a, u: workflow.submit(a, u), {"editor", "chief", "siteadmin"}),
    ("submit", "rejected", lambda a, u: workflow.submit(a, u), {"editor", "chief", "siteadmin"}),
    ("approve 初审", "review1", lambda a, u: workflow.approve(a, u, "同意"), {"first", "siteadmin"}),
    ("approve 复审", "review2", lambda a, u: workflow.approve(a, u, "同意"), {"second", "siteadmin"}),
    ("approve 终审", "review3", lambda a, u: workflow.approve(a, u, "签发"), {"chief", "siteadmin"}),
    ("reject 初审", "review1", lambda a, u: workflow.reject(a, u, "事实需核实"), {"first", "siteadmin"}),
    ("reject 终审", "review3", lambda a, u: workflow.reject(a, u, "暂缓"), {"chief", "siteadmin"}),
    ("publish", "approved", lambda a, u: workflow.publish(a, u), {"chief", "siteadmin"}),
    ("unpublish", "published", lambda a, u: workflow.unpublish(a, u, "下线"), {"chief", "siteadmin"}),
    ("withdraw", "published", lambda a, u: workflow.withdraw(a, u, "撤稿"), {"chief", "siteadmin"}),
    ("new version", "published", lambda a, u: workflow.new_version(a, u), {"editor", "chief", "siteadmin"}),
]
ROLES = ["editor", "first", "second", "chief", "moderator", "siteadmin"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action, state, call, allowed", MATRIX, ids=[m[0] + " from " + m[1] for m in MATRIX])
def test_role_transition_matrix(demo, roles, role, action, state, call, allowed):
    article = in_state(state, roles)
    before = (article.status, article.review_step, article.is_live)
    entries = AuditEntry.objects.count()
    if role in allowed:
        call(article, roles[role])
        assert AuditEntry.objects.count() > entries
    else:
        with pytest.raises(PermissionDenied):
            call(article, roles[role])
        after = reload(article)
        assert (after.status, after.review_step, after.is_live) == before
        assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize(
    "state, call",
    [
        ("draft", lambda a, r: workflow.approve(a, r["first"])),
        ("draft", lambda a, r: workflow.publish(a, r["chief"])),
        ("review1", lambda a, r: workflow.publish(a, r["chief"])),
        ("review1", lambda a, r: workflow.submit(a, r["editor"])),
        ("approved", lambda a, r: workflow.unpublish(a, r["chief"], "x")),
        ("published", lambda a, r: workflow.submit(a, r["editor"])),
        ("unpublished", lambda a, r: workflow.approve(a, r["first"])),
    ],
)
def test_transitions_from_the_wrong_state_are_refused(demo, roles, state, call):
    article = in_state(state, roles)
    before = (article.status, article.review_step)
    with pytest.raises(workflow.TransitionError):
        call(article, roles)
    assert (reload(article).status, reload(article).review_step) == before


def test_the_full_path_is_audited_step_by_step(demo, roles):
    article = in_state("published", roles)
    entries = list(AuditEntry.objects.filter(article=article).values_list("action", "from_status", "to_status", "step"))
    assert entries == [
        ("submit", "draft", "in_review", 0),
        ("approve", "in_review", "in_review", 1),
        ("approve", "in_review", "in_review", 2),
        ("approve", "in_review", "approved", 3),
        ("publish", "approved", "published", None),
    ]
    assert reload(article).is_public


def test_reject_needs_a_reason_and_returns_to_the_author(demo, roles):
    article = in_state("review1", roles)
    with pytest.raises(workflow.TransitionError):
        workflow.reject(article, roles["first"], "  ")
    workflow.reject(article, roles["first"], "导语太长")
    entry = AuditEntry.objects.filter(article=article).last()
    assert (entry.action, entry.opinion, entry.actor) == ("reject", "导语太长", roles["first"])
    assert reload(article).status == S.REJECTED


def test_the_number_of_steps_follows_the_portal(demo, roles):
    Portal.objects.update(review_steps=1)
    article = new_draft(roles["editor"])
    workflow.submit(article, roles["editor"])
    with pytest.raises(PermissionDenied):
        workflow.approve(article, roles["first"])
    workflow.approve(article, roles["chief"])
    assert reload(article).status == S.APPROVED


def test_risk_tiers_route_articles(demo, roles):
    Portal.objects.update(risk_tiers_enabled=True, tier_a_steps=1, tier_c_steps=3)
    ordinary = new_draft(roles["editor"], risk_tier="A")
    sensitive = new_draft(roles["editor"], risk_tier="C", title="敏感稿件")
    workflow.submit(ordinary, roles["editor"])
    workflow.submit(sensitive, roles["editor"])
    assert (reload(ordinary).review_total, reload(sensitive).review_total) == (1, 3)
    assert list(Article.objects.awaiting(roles["first"])) == [reload(sensitive)]
    assert list(Article.objects.awaiting(roles["chief"])) == [reload(ordinary)]


def test_the_first_publish_time_is_set_once(demo, roles):
    article = in_state("unpublished", roles)
    first = article.first_published_at
    workflow.submit(article, roles["editor"])
    for role in ("first", "second", "chief"):
        workflow.approve(article, roles[role])
    workflow.publish(article, roles["chief"])
    assert reload(article).first_published_at == first


def test_changing_the_publish_date_needs_the_final_role_and_a_reason(demo, roles):
    from datetime import timedelta

    article = in_state("published", roles)
    earlier = article.first_published_at - timedelta(hours=2)
    with pytest.raises(PermissionDenied):
        workflow.change_publish_date(article, roles["editor"], earlier, "改时间")
    with pytest.raises(workflow.TransitionError):
        workflow.change_publish_date(article, roles["chief"], earlier, "")
    workflow.change_publish_date(article, roles["chief"], earlier, "录入时填错了时间")
    assert reload(article).first_published_at == earlier
    entry = AuditEntry.objects.filter(article=article, action="change_publish_date").get()
    assert "录入时填错了时间" in entry.opinion and "→" in entry.opinion


def test_the_chief_moves_a_live_article_to_the_headlines_without_a_new_version(client, demo, roles):
    """头条/推荐 are placement, not content: changed at once, audited, seen by readers at once."""
    from newsroom.models import AuditEntry

    article = Article.objects.get(slug="changhelang-button-brooch-training")
    assert not article.is_headline
    client.get("/")  # the home page is cached
    with pytest.raises(PermissionDenied):
        workflow.set_placement(article, roles["editor"], is_headline=True)
    staff = Client()
    staff.force_login(roles["chief"])
    staff.post(
        f"/admin/newsroom/article/{article.pk}/workflow/",
        {"action": "placement", "is_headline": "on", "is_recommended": "on", "is_picture_news": "on"},
    )
    article = reload(article)
    assert article.is_headline and article.version == 1 and not article.draft_versions.exists()
    entry = AuditEntry.objects.filter(article=article, action="placement").get()
    assert entry.actor == roles["chief"] and "设为头条" in entry.opinion
    home = client.get("/").content.decode()
    assert home.index("青城布丝瑰行动计划") < home.index('id="h-slides"')  # now in the 头条 block
