"""What the takedown desk adds to the newsroom (registered in ``TakedownsConfig.ready``):
the desk's deadlines on the admin's home page, the corrections and apologies under an article,
and the categories a 451 page names."""

from django.db.models import Exists, OuterRef

from newsroom import extensions
from newsroom.portals import reachable

from .demo import load_takedown_notice
from .models import Measure, Right, TakedownRequest

LIMIT = 8


def deadlines(user):
    if not user.has_perm("takedowns.change_takedownrequest"):
        return {}
    open_requests = TakedownRequest.objects.exclude(status__in=TakedownRequest.CLOSED_STATUSES)
    portals = reachable(user)
    if portals is not None:
        open_requests = open_requests.filter(portal__in=portals)
    return {"takedowns": list(open_requests.order_by("deadline")[:LIMIT])}


def notes(request, article, preview):
    """Corrections and apologies: looked up only when the article query found some (or a preview)."""
    return list(article.measures.notes()) if article.pk and getattr(article, "has_notes", True) else []


def register():
    extensions.desk_panel(deadlines)
    extensions.article_part(
        extensions.ArticlePart(
            "notes", notes, exists=lambda: Exists(Measure.objects.notes().filter(article=OuterRef("pk")))
        )
    )
    extensions.HOLD_CATEGORIES.update(Right.choices)
    extensions.demo_step(load_takedown_notice)
