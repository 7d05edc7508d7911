"""What happens to a reader's report: received, then handled by an editor of its portal. Each is
the shape every write path shares (newsroom/core/actions.py): check, then one transaction with
an audit row."""

from django.db import transaction
from django.utils.translation import gettext as _

from newsroom.core.actions import ActionError, locked, require

from .models import Report, ReportEvent


class ReportError(ActionError):
    pass


@transaction.atomic
def receive(report):
    report.save()
    ReportEvent.log(ReportEvent.Action.RECEIVED, report=report, to_status=report.status)
    return report


def may_handle(user, report):
    return user.has_perm("feedback.handle_report", report)


@transaction.atomic
def handle(report, user, outcome, note=""):
    """Close ``report`` as 已更正 or 无需更正, by an editor of its portal."""
    require(user, "feedback.handle_report", _("您不能处理这条纠错留言。"), obj=report)
    if outcome not in (Report.Status.CORRECTED, Report.Status.NO_CHANGE):
        raise ReportError(_("请选择处理结果。"))
    report = locked(report)
    if report.status != Report.Status.NEW:
        raise ReportError(_("这条纠错留言已经处理过了。"))
    before, report.status, report.note = report.status, outcome, note.strip()
    report.save(update_fields=["status", "note"])
    ReportEvent.log(
        ReportEvent.Action.HANDLED, actor=user, report=report, from_status=before, to_status=outcome, note=report.note
    )
    return report
