"""The ledger in the admin: 稿费与计分标准 (the site admin sets them), the monthly table
(统计表, CSV for finance, 定稿), the city's scoring of its districts (计分表, CSV), the
platform's per-portal totals. Each person sees their own row; the chief and the site admin every
row of their portals; the platform's staff the totals of every portal."""

import csv
from datetime import date

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext

from newsroom.admin.scope import PortalScopedAdmin
from newsroom.core.actions import ActionError
from newsroom.core.adminbase import RecordAdmin
from newsroom.models import Portal
from newsroom.portals import reachable

from . import actions, figures
from .models import Grade, LedgerEvent, LedgerMonth, Rate


@admin.register(Rate)
class RateAdmin(PortalScopedAdmin, admin.ModelAdmin):
    list_display = ("kind", "role", "grade", "amount", "points", "portal")
    list_filter = ("kind",)


@admin.register(Grade)
class GradeAdmin(PortalScopedAdmin, RecordAdmin):
    list_display = ("article", "grade", "set_by", "set_at")
    list_filter = ("grade",)
    list_select_related = ("article", "set_by")


@admin.register(LedgerEvent)
class LedgerEventAdmin(PortalScopedAdmin, RecordAdmin):
    portal_path = "portal"
    list_display = ("created_at", "action", "actor", "portal", "from_status", "to_status", "note")
    list_filter = ("action",)


def _month(text):
    try:
        year, month = (int(x) for x in (text or "").split("-"))
        return date(year, month, 1)
    except ValueError:
        today = timezone.localdate().replace(day=1)
        return (
            today.replace(year=today.year - 1, month=12) if today.month == 1 else today.replace(month=today.month - 1)
        )


def _money(value):
    return f"{value:.2f}" if not isinstance(value, str) else value


def _csv(name, header, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 with the BOM
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


@admin.register(LedgerMonth)
class LedgerMonthAdmin(PortalScopedAdmin, RecordAdmin):  # written only by 定稿
    list_display = ("month", "portal", "finalised_by", "finalised_at")
    readonly_fields = ("portal", "month", "rows", "totals", "finalised_by", "finalised_at")
    change_list_template = "admin/ledger/ledgermonth/change_list.html"

    def get_urls(self):
        return [path("table/", self.admin_site.admin_view(self.table_view), name="ledger_table"), *super().get_urls()]

    def table_view(self, request):
        user = request.user
        if not user.has_perm("ledger.view_ledgermonth"):
            raise PermissionDenied
        mine = reachable(user)
        portals = list(
            Portal.objects.order_by("pk") if mine is None else Portal.objects.filter(pk__in=mine).order_by("pk")
        )
        portal = next((p for p in portals if str(p.pk) == request.GET.get("portal")), portals[0] if portals else None)
        if portal is None:
            raise PermissionDenied
        month = _month(request.GET.get("month"))
        kind = request.GET.get("kind", "people")
        all_rows = user.has_perm("ledger.view_all_rows", portal)
        if request.method == "POST" and "_finalise" in request.POST:
            try:
                actions.finalise(portal, month, user)
            except (ActionError, PermissionDenied) as error:
                messages.error(request, str(error) or gettext("您没有执行此操作的权限。"))
            else:
                messages.success(request, gettext("%(month)s 稿费表已定稿。") % {"month": f"{month:%Y年%m月}"})
            return redirect(f"{request.path}?portal={portal.pk}&month={month:%Y-%m}")
        kept = LedgerMonth.objects.filter(portal=portal, month=month).first()
        if kind == "scoring":
            rows = figures.scoring(portal, month) if all_rows else []
            if request.GET.get("format") == "csv":
                return _csv(
                    f"scoring-{portal.slug}-{month:%Y-%m}",
                    [gettext("网站"), gettext("报送"), gettext("采用"), gettext("采用图片"), gettext("得分")],
                    [[r["portal"], r["submitted"], r["adopted"], r["photos"], _money(r["points"])] for r in rows],
                )
            table, totals, roles = [], {}, []
        else:
            rows = []
            if kept is not None:
                table, totals = kept.rows, kept.totals
            else:
                table, totals = figures.people(portal, month)
            if not all_rows:
                own = (user.get_full_name() or user.first_name or "").replace(" ", "")
                table, totals = [r for r in table if own and r["name"] == own], {}
            roles = figures.roles_in(table)
            if request.GET.get("format") == "csv":
                return _csv(
                    f"ledger-{portal.slug}-{month:%Y-%m}",
                    [
                        gettext("姓名"),
                        *roles,
                        gettext("图片"),
                        gettext("被上级采用"),
                        gettext("稿费（元）"),
                        gettext("计分"),
                    ],
                    [
                        [
                            r["name"],
                            *(r["roles"].get(role, 0) for role in roles),
                            r["photos"],
                            r["adopted"],
                            _money(r["amount"]),
                            _money(r["points"]),
                        ]
                        for r in table
                    ],
                )
        platform = None
        if mine is None and kind == "totals":
            platform = [(p, figures.people(p, month)[1]) for p in portals]
        this_month = timezone.localdate().replace(day=1)
        months = [this_month]
        while len(months) < 24:
            last = months[-1]
            months.append(
                last.replace(year=last.year - 1, month=12) if last.month == 1 else last.replace(month=last.month - 1)
            )
        if month not in months:
            months.append(month)
        return TemplateResponse(
            request,
            "admin/ledger/table.html",
            {
                **self.admin_site.each_context(request),
                "title": gettext("稿件统计与稿费"),
                "opts": self.opts,
                "portals": portals,
                "portal": portal,
                "month": month,
                "months": months,
                "ended": figures.bounds(month)[1] <= timezone.now(),
                "kind": kind,
                "table": [{**r, "by_role": [r["roles"].get(role, 0) for role in roles]} for r in table],
                "roles": roles,
                "totals": totals,
                "scoring": rows,
                "all_rows": all_rows,
                "kept": kept,
                "platform": platform,
                "is_platform": mine is None,
                "may_finalise": all_rows and user.has_perm("ledger.finalise_ledger", portal) and kept is None,
            },
        )
