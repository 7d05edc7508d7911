"""The editor's desk: what waits for this person, on the admin's home page.

Each list is one bounded query, so the page costs the same however much content there is:
my drafts, returned to me (with the reviewer's reason), waiting for my review, content changes
waiting for review, scheduled, recently published; and what the nested apps register
(``newsroom/extensions.py``): the takedown desk's deadlines, the comment queue, the latest
website inspection.
"""

from django.db.models import Prefetch
from django.utils import timezone

from newsroom.core.publishing import ALL_PORTALS

from . import content_review, extensions
from .models import Article, AuditEntry, ContentChange, Membership
from .portals import reachable
from .review_steps import STEP_PERMISSIONS

LIMIT = 8
S = Article.Status


def _changes_to_decide(user, portals):
    """Content changes at a step ``user`` decides, in the portals where they hold that step
    (roles are held per portal): no query for someone who decides none."""
    pending = ContentChange.objects.filter(status=ContentChange.Status.PENDING)
    found = None
    for total, permissions in STEP_PERMISSIONS.items():
        for step, codename in enumerate(permissions, start=1):
            if not user.has_perm(f"newsroom.{codename}"):
                continue
            held = Membership.objects.holding(user, f"newsroom.{codename}")
            scope = held if portals is None else portals if held is None else held & portals
            where = content_review.of_portals(pending.filter(review_total=total, review_step=step), scope)
            found = where if found is None else found | where
    return [] if found is None else list(found.order_by("created_at")[:LIMIT])


def desk_for(user):
    """{list name: rows} of what ``user`` may see and act on."""
    desk = {}
    portals = reachable(user)  # 站群: what waits in the portals this person works in
    articles = Article.objects.for_portals(portals).select_related("column").defer("body", "editors_note")
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
        desk["published"] = list(Article.objects.public(ALL_PORTALS).for_portals(portals).for_list()[:LIMIT])
    if user.has_perm("newsroom.view_contentchange"):
        desk["changes"] = _changes_to_decide(user, portals)
    for panel in extensions.DESK_PANELS:
        desk.update(panel(user))
    return desk
