"""What 稿件流转 adds to the newsroom (registered in ``ExchangeConfig.ready``): the 报送 waiting
on the user's portals' desks and the 通讯员投稿 not yet handled, on the admin's home page."""

from django.db.models import Count, Min

from newsroom import extensions
from newsroom.portals import reachable

from .models import Manuscript, Submission


def waiting(user):
    found = {}
    portals = reachable(user)
    if user.has_perm("exchange.decide_submission"):
        found.update(
            Submission.objects.pending()
            .for_portals(portals)
            .aggregate(submissions=Count("pk"), oldest=Min("created_at"))
        )
    if user.has_perm("exchange.handle_manuscript"):
        found.update(Manuscript.objects.received().for_portals(portals).aggregate(manuscripts=Count("pk")))
    return {"exchange": found} if found else {}


def register():
    extensions.desk_panel(waiting)
