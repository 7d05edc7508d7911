"""What 纠错留言 adds to the newsroom (registered in ``FeedbackConfig.ready``): the open reports
of the user's portals on the admin's home page."""

from django.db.models import Count, Min

from newsroom import extensions
from newsroom.portals import reachable

from .models import Report


def open_reports(user):
    if not user.has_perm("feedback.handle_report"):
        return {}
    reports = Report.objects.open().for_portals(reachable(user))
    return {"feedback": reports.aggregate(open=Count("pk"), oldest=Min("created_at"))}


def register():
    extensions.desk_panel(open_reports)
