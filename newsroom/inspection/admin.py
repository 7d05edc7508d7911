"""The inspection in the admin: each portal's limits and leaders list, the dashboard (the
run list's page) with the standing, the findings and the trend, and the yearly report."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from newsroom.admin.scope import PortalScopedAdmin
from newsroom.core.adminbase import RecordAdmin
from newsroom.core.spreadsheets import SafeCSVWriter
from newsroom.portals import reachable

from ..models import Portal
from . import annual, report, tasks
from .models import InspectionRun, InspectionSettings, Leader, LinkCheck
from .rules import RULE_LABELS, SEVERITIES, SEVERITY_LABELS

SHOWN = 200  # findings listed per severity on the page; the CSV has them all
TREND_DAYS = 90


class LeaderFormSet(forms.BaseInlineFormSet):
    """The leaders list: a name once, and a title for every current leader."""

    def clean(self):
        super().clean()
        seen = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            name = (data.get("name") or "").strip()
            if not name:
                continue
            if data.get("kind") == Leader.Kind.CURRENT and not (data.get("title") or "").strip():
                form.add_error("title", _("请填写“%(name)s”的现任职务。") % {"name": name})
            if name in seen:
                raise ValidationError(_("姓名“%(name)s”填写了两次，请合并为一行。") % {"name": name})
            seen[name] = form


class LeaderInline(admin.TabularInline):
    model = Leader
    formset = LeaderFormSet
    fields = ("name", "title", "kind", "order")
    extra = 1


@admin.register(InspectionSettings)
class InspectionSettingsAdmin(PortalScopedAdmin, admin.ModelAdmin):
    portal_path = "portal"

    list_display = ("portal", "home_days", "news_days", "notice_days", "regular_days", "warn_days")
    inlines = [LeaderInline]
    fieldsets = (
        (None, {"fields": ("portal",)}),
        (_lazy("更新期限"), {"fields": ("home_days", "news_days", "notice_days", "regular_days", "warn_days")}),
        (
            _lazy("栏目数量界限"),
            {"fields": ("stale_columns_veto", "long_stale_columns_veto", "empty_columns_veto", "empty_columns_warn")},
        ),
        (_lazy("链接检查"), {"fields": ("check_external_links",)}),
    )


@admin.register(LinkCheck)
class LinkCheckAdmin(admin.ModelAdmin):
    list_display = ("url", "host", "ok", "status_code", "detail", "failures", "checked_at")
    list_filter = ("ok",)
    search_fields = ("url", "host")
    readonly_fields = ("url", "host", "ok", "status_code", "detail", "failures", "checked_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(InspectionRun)
class InspectionRunAdmin(PortalScopedAdmin, RecordAdmin):
    portal_path = "portal"

    """Its list page is the dashboard."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("run/", view(self.run_view), name="inspection_inspectionrun_run"),
            path("findings.csv", view(self.csv_view), name="inspection_inspectionrun_csv"),
            path("annual/", view(self.annual_view), name="inspection_inspectionrun_annual"),
        ] + super().get_urls()

    def _portal(self, request):
        """The portal asked for, among those the user works in (``reachable``), else the first."""
        reach = reachable(request.user)
        portals = Portal.objects.order_by("-is_default", "id")
        portals = list(portals if reach is None else portals.filter(pk__in=reach))
        chosen = request.GET.get("portal") or request.POST.get("portal")
        portal = next((p for p in portals if str(p.pk) == chosen), portals[0] if portals else None)
        return portal, portals

    def _require(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied

    def _latest(self, portal):
        """The newest stored run, else an evaluation now (not stored: reading changes nothing)."""
        run = InspectionRun.objects.filter(portal=portal).first()
        if run is not None:
            return run, None
        return None, report.evaluate(portal)

    def changelist_view(self, request, extra_context=None):
        self._require(request)
        portal, portals = self._portal(request)
        if portal is None:
            return TemplateResponse(
                request, "admin/inspection/dashboard.html", {**self.admin_site.each_context(request)}
            )
        run, live = self._latest(portal)
        findings = run.findings if run else [f.as_dict() for f in live.findings]
        standing = run.standing if run else live.standing
        groups = []
        for severity in SEVERITIES:
            rows = [dict(f, rule_label=RULE_LABELS[f["rule"]]) for f in findings if f["severity"] == severity]
            groups.append(
                {"severity": severity, "label": SEVERITY_LABELS[severity], "rows": rows[:SHOWN], "count": len(rows)}
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("网站检查"),
            "opts": self.model._meta,
            "portal": portal,
            "portals": portals,
            "run": run,
            "evaluated_at": run.ran_at if run else timezone.now(),
            "duration_ms": run.duration_ms if run else live.duration_ms,
            "standing": standing,
            "failing": [row for row in standing if row["status"] == "veto"],
            "groups": groups,
            "trend": self._trend(portal),
        }
        return TemplateResponse(request, "admin/inspection/dashboard.html", context)

    def _trend(self, portal):
        """One row per day of the last 90 (that day's last run), oldest first, bars scaled."""
        since = timezone.now() - timedelta(days=TREND_DAYS)
        days = {}
        runs = InspectionRun.objects.filter(portal=portal, ran_at__gte=since).order_by("ran_at")
        for run in runs.only("ran_at", "veto", "warning", "deduction"):
            days[timezone.localdate(run.ran_at)] = run
        top = max((r.veto + r.warning + r.deduction for r in days.values()), default=0) or 1
        return [
            {
                "day": day,
                "veto": r.veto,
                "warning": r.warning,
                "deduction": r.deduction,
                "widths": [round(100 * n / top, 1) for n in (r.veto, r.warning, r.deduction)],
            }
            for day, r in sorted(days.items())
        ]

    def run_view(self, request):
        self._require(request)
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:inspection_inspectionrun_changelist"))
        portal, _portals = self._portal(request)
        found = tasks.run(portal, InspectionRun.Trigger.MANUAL, notify=False)
        messages.success(
            request,
            _("检查完成：单项否决 %(veto)s 项，预警 %(warning)s 项，扣分项 %(deduction)s 项。")
            % {"veto": found.veto, "warning": found.warning, "deduction": found.deduction},
        )
        return HttpResponseRedirect(reverse("admin:inspection_inspectionrun_changelist") + f"?portal={portal.pk}")

    def csv_view(self, request):
        self._require(request)
        portal, _portals = self._portal(request)
        run, live = self._latest(portal)
        findings = run.findings if run else [f.as_dict() for f in live.findings]
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="inspection-findings.csv"'
        response.write("\ufeff")  # Excel opens UTF-8 with a BOM
        writer = SafeCSVWriter(response)
        writer.writerow([_("级别"), _("规则"), _("对象"), _("说明"), _("剩余天数"), _("处理链接")])
        for f in findings:
            writer.writerow(
                [
                    SEVERITY_LABELS[f["severity"]],
                    RULE_LABELS[f["rule"]],
                    f["object"],
                    f["detail"],
                    f["days_left"] or "",
                    f["url"],
                ]
            )
        return response

    def annual_view(self, request):
        self._require(request)
        portal, portals = self._portal(request)
        return annual.view(self, request, portal, portals)
