"""The editor's desk: what waits for this person, on the admin's home page.

Each list is one bounded query, so the page costs the same however much content there is:
my drafts, returned to me (with the reviewer's reason), waiting for my review, content changes
waiting for review, scheduled, recently published, for the takedown desk its deadlines, and for
those who watch it the latest website inspection.
"""

from django.db.models import Count, Min, Prefetch
from django.utils import timezone

from config.publishing import ALL_PORTALS

from .comments.models import Comment, Report
from .inspection.models import InspectionRun
from .models import Article, AuditEntry, ContentChange
from .review_steps import steps_for_user
from .takedowns.models import TakedownRequest

LIMIT = 8
S = Article.Status


def desk_for(user):
    """{list name: rows} of what ``user`` may see and act on."""
    desk = {}
    articles = Article.objects.select_related("column").defer("body", "editors_note")
    if user.has_perm("newsroom.change_article"):
        mine = articles.authored_by(user)
        desk["drafts"] = list(mine.filter(status=S.DRAFT).order_by("-updated_at")[:LIMIT])
        reasons = AuditEntry.objects.filter(action="reject").order_by("-created_at").select_related("actor")
        desk["returned"] = list(
            mine.filter(status=S.REJECTED)
            .order_by("-updated_at")
            .prefetch_related(Prefetch("audit_entries", queryset=reasons, to_attr="rejections"))[:LIMIT]
        )
    reviewer = any(user.has_perm(f"newsroom.{p}") for p in ("review_first", "review_second", "review_final"))
    if reviewer:
        desk["awaiting"] = list(articles.awaiting(user).order_by("updated_at")[:LIMIT])
    if user.has_perm("newsroom.view_article"):
        desk["scheduled"] = list(
            articles.filter(is_live=True, live_from__gt=timezone.now()).order_by("live_from")[:LIMIT]
        )
        desk["published"] = list(Article.objects.public(ALL_PORTALS).for_list()[:LIMIT])
    if user.has_perm("newsroom.view_contentchange"):
        desk["changes"] = list(
            ContentChange.objects.filter(status=ContentChange.Status.PENDING)
            .filter(steps_for_user(user))
            .order_by("created_at")[:LIMIT]
        )
    if user.has_perm("inspection.view_inspectionrun"):
        desk["inspection"] = InspectionRun.objects.select_related("portal").defer("findings").first()
    if user.has_perm("comments.moderate_comment"):
        desk["comments"] = {
            **Comment.objects.pending().aggregate(pending=Count("pk"), oldest=Min("created_at")),
            "reports": Report.objects.filter(status=Report.Status.OPEN).count(),
        }
    if user.has_perm("takedowns.change_takedownrequest"):
        desk["takedowns"] = list(
            TakedownRequest.objects.exclude(status__in=TakedownRequest.CLOSED_STATUSES).order_by("deadline")[:LIMIT]
        )
    return desk
