"""年度报表 (国办函〔2018〕12号: each government website publishes its yearly report by
31 January): the figures Linli's data can give, the rest as fields the office fills in, as a
printable page and as CSV."""

from datetime import date, datetime

from django import forms
from django.contrib import messages
from django.db.models import Count, Sum
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from newsroom.core.spreadsheets import SafeCSVWriter

from ..models import Article, Topic, UpdateClass
from ..takedowns.models import TakedownRequest
from .models import AnnualReport, InspectionRun, LinkCheck


class FilledInForm(forms.Form):
    """What the office fills in: figures Linli does not hold."""

    site_type = forms.ChoiceField(
        label=_lazy("网站类型"),
        choices=[("部门网站", "部门网站"), ("政府门户网站", "政府门户网站"), ("新闻网站", "新闻网站")],
    )
    unique_visitors = forms.IntegerField(label=_lazy("独立用户访问总量"), min_value=0, required=False)
    interpretations = forms.IntegerField(label=_lazy("解读信息发布总数"), min_value=0, required=False)
    responses = forms.IntegerField(label=_lazy("回应公众关注热点或重大舆情数量"), min_value=0, required=False)
    messages_received = forms.IntegerField(label=_lazy("收到留言数量"), min_value=0, required=False)
    messages_answered = forms.IntegerField(label=_lazy("办结留言数量"), min_value=0, required=False)
    security_tests = forms.IntegerField(label=_lazy("安全检测评估次数"), min_value=0, required=False)
    security_problems_fixed = forms.IntegerField(label=_lazy("问题整改数量"), min_value=0, required=False)
    security_officer = forms.BooleanField(label=_lazy("已明确网站安全责任人"), required=False)
    drills = forms.BooleanField(label=_lazy("已开展应急演练"), required=False)
    staff = forms.IntegerField(label=_lazy("栏目运维人员数量"), min_value=0, required=False)
    supervisor = forms.CharField(label=_lazy("监管单位"), max_length=100, required=False)

    def clean(self):
        data = super().clean()
        received, answered = data.get("messages_received"), data.get("messages_answered")
        if received is not None and answered is not None and answered > received:
            self.add_error("messages_answered", _("办结留言数量不能多于收到留言数量。"))
        return data


def figures(portal, year):
    """[(label, value)] of what the data says about ``year``."""
    start = timezone.make_aware(datetime(year, 1, 1))
    end = timezone.make_aware(datetime(year + 1, 1, 1))
    published = Article.objects.for_portal(portal).filter(
        first_published_at__gte=start, first_published_at__lt=end, is_live=True
    )
    by_class = dict(
        published.values_list("column__update_class").annotate(n=Count("pk")).values_list("column__update_class", "n")
    )
    topics = Topic.objects.public(portal)
    maintained = topics.filter(articles__first_published_at__gte=start, articles__first_published_at__lt=end).distinct()
    views = published.aggregate(total=Sum("view_count"))["total"] or 0
    takedowns = TakedownRequest.objects.filter(received_at__gte=start, received_at__lt=end)
    closed = takedowns.filter(status__in=TakedownRequest.CLOSED_STATUSES)
    runs = InspectionRun.objects.filter(portal=portal, ran_at__gte=start, ran_at__lt=end)
    return [
        (_("网站名称"), portal.name),
        (_("政府网站标识码"), portal.site_code or _("未填写")),
        (_("ICP备案编号"), portal.icp_number or _("未填写")),
        (_("公安机关备案号"), portal.public_security_number or _("未填写")),
        (_("主办单位"), portal.sponsor or _("未填写")),
        (_("信息发布总数（篇）"), published.count()),
        (_("其中：动态、要闻类（篇）"), by_class.get(UpdateClass.NEWS, 0)),
        (_("其中：通知公告、政策文件类（篇）"), by_class.get(UpdateClass.NOTICE, 0)),
        (_("其中：其他栏目（篇）"), by_class.get(UpdateClass.REGULAR, 0)),
        (_("其中：专题、静态栏目（篇）"), by_class.get(UpdateClass.EXEMPT, 0)),
        (_("专栏专题维护数量（个）"), maintained.count()),
        (_("新开设专栏专题数量（个）"), topics.filter(created_at__gte=start, created_at__lt=end).count()),
        (_("本年发布稿件的累计点击数（次，邻里计数）"), views),
        (_("网站检查运行次数"), runs.count()),
        (
            _("外部链接检查次数（本年检查过的链接）"),
            LinkCheck.objects.filter(checked_at__gte=start, checked_at__lt=end).count(),
        ),
        (_("收到侵权通知（件）"), takedowns.count()),
        (_("办结侵权通知（件）"), closed.count()),
        (_("互动留言"), _("本网站未开通互动留言")),
    ]


def view(model_admin, request, portal, portals):
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or today.year - 1)
    except ValueError:
        year = today.year - 1
    year = min(max(year, 2000), today.year)
    stored = AnnualReport.objects.filter(portal=portal, year=year).first()
    if request.method == "POST":
        if not request.user.has_perm("inspection.change_annualreport"):
            messages.error(request, _("您没有填写年度报表的权限。"))
            return HttpResponseRedirect(request.path + f"?portal={portal.pk}&year={year}")
        form = FilledInForm(request.POST)
        if form.is_valid():
            AnnualReport.objects.update_or_create(
                portal=portal, year=year, defaults={"filled": form.cleaned_data, "updated_by": request.user}
            )
            messages.success(request, _("%(year)s年度报表已保存。") % {"year": year})
            return HttpResponseRedirect(request.path + f"?portal={portal.pk}&year={year}")
    else:
        form = FilledInForm(initial=stored.filled if stored else {"site_type": "新闻网站"})
    rows = figures(portal, year)
    filled = [
        (field.label, _shown(stored.filled.get(name)) if stored else "")
        for name, field in FilledInForm.base_fields.items()
    ]
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="annual-report-{year}.csv"'
        response.write("\ufeff")
        writer = SafeCSVWriter(response)
        writer.writerow([_("项目"), _("数值")])
        writer.writerows(rows + filled)
        return response
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("%(year)s年政府网站工作年度报表") % {"year": year},
        "opts": model_admin.model._meta,
        "portal": portal,
        "portals": portals,
        "year": year,
        "years": list(range(today.year, today.year - 6, -1)),
        "rows": rows,
        "filled": filled,
        "form": form,
        "due": date(year + 1, 1, 31),
        "stored": stored,
        "print": request.GET.get("print") == "1",
        "can_fill": request.user.has_perm("inspection.change_annualreport"),
    }
    return TemplateResponse(request, "admin/inspection/annual.html", context)


def _shown(value):
    if value is True:
        return _("是")
    if value is False:
        return _("否")
    return "" if value is None else value
