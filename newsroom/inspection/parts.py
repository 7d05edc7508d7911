"""What the website inspection adds to the newsroom (registered in ``InspectionConfig.ready``):
the latest run on the admin's home page."""

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


def register():
    extensions.desk_panel(latest_run)
    extensions.demo_step(load_leaders)
