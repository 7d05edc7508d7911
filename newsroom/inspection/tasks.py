"""Background work of the inspection (django-tasks: the database queue in development, RQ in
production): a re-scan when the 错敏词 list changes; and, for the daily cron job
(``inspection_report --check-links --save``), the run and the bounded link checker."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .. import notifications
from ..models import Portal
from . import links, report, rules
from .models import InspectionRun, InspectionSettings


def run(portal, trigger, notify=True):
    """Evaluate ``portal`` now, keep the run and, when something is at risk, tell the people
    who watch it (at most once a day each)."""
    found = report.evaluate(portal)
    stored = report.store(found, trigger)
    if notify:
        warn(stored)
    return stored


def warn(run):
    """The notification (and so the digest line) for a run with vetoes or warnings."""
    if not (run.veto or run.warning):
        return []
    risky = [row["item"] for row in run.standing if row["status"] != "ok"]
    text = _("%(portal)s网站检查：单项否决风险 %(veto)s 项，预警 %(warning)s 项。%(items)s") % {
        "portal": run.portal,
        "veto": run.veto,
        "warning": run.warning,
        "items": ("涉及：" + "、".join(risky) + "。") if risky else "",
    }
    link = reverse("admin:inspection_inspectionrun_changelist")
    return notifications.inspection(text, link, since=timezone.now() - timedelta(hours=20))


@task()
def inspect_portal(portal_id, trigger=InspectionRun.Trigger.NIGHTLY, requested_at=None):
    """One portal's run. Skipped when a run began after ``requested_at`` (ISO time): twenty
    words saved in a row ask for twenty re-scans, and one covers them all."""
    portal = Portal.objects.filter(pk=portal_id).first()
    if portal is None:
        return None
    if requested_at and InspectionRun.objects.filter(portal=portal, ran_at__gt=requested_at).exists():
        return None
    return run(portal, trigger).pk


def check_links(portal, max_urls=200, max_seconds=120):
    """Check the external links of ``portal``'s published content that are due, within bounds;
    the next run picks up what is left (``inspection_report --check-links``, the daily cron)."""
    if not InspectionSettings.for_portal(portal).check_external_links:
        return 0
    urls = sorted({url for _text, url, _kind in rules.Context(portal).external})
    return links.check(links.due(urls), max_urls=max_urls, max_seconds=max_seconds)
