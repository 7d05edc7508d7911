"""What the website inspection adds to the newsroom (registered in ``InspectionConfig.ready``):
the latest run on the admin's home page."""

from django.utils.translation import gettext, gettext_lazy

from newsroom import extensions
from newsroom.portals import reachable

from .demo import load_leaders
from .models import InspectionRun


def latest_run(user):
    if not user.has_perm("inspection.view_inspectionrun"):
        return {}
    runs = InspectionRun.objects.select_related("portal").defer("findings")
    portals = reachable(user)
    return {"inspection": (runs if portals is None else runs.filter(portal__in=portals)).first()}


def standing(portal_ids):
    """Each portal's latest inspection: single-veto items failing, and the days left before the
    nearest one would fail (the city's question: who is about to be vetoed?)."""
    found = {}
    for run in InspectionRun.objects.filter(portal__in=portal_ids).order_by("portal", "-ran_at", "-id"):
        if run.portal_id in found:
            continue
        left = [row["days_left"] for row in run.standing if row.get("days_left") is not None]
        text = gettext("%(day)s：单项否决 %(veto)s 项，预警 %(warning)s 项") % {
            "day": run.at.strftime("%m-%d"),
            "veto": run.veto,
            "warning": run.warning,
        }
        if left:
            text += gettext("；距最近的否决期限 %(days)s 天") % {"days": min(left)}
        found[run.portal_id] = (text, run.veto == 0)
    return {pk: found.get(pk, (gettext("尚未检查"), False)) for pk in portal_ids}


def register():
    extensions.desk_panel(latest_run)
    extensions.portal_standing(gettext_lazy("网站检查"), standing)
    extensions.demo_step(load_leaders)
