"""A reader's report of an error in an article (纠错) or a suggestion, and its trail."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from newsroom.core.audit import AuditRecord
from newsroom.core.publishing import PortalScopedQuerySet


class ReportQuerySet(PortalScopedQuerySet):
    portal_field = "portal"

    def open(self):
        return self.filter(status=Report.Status.NEW)


class Report(models.Model):
    class Kind(models.TextChoices):
        ERROR = "error", _("内容有误（错别字、人名、数字、事实）")
        SUGGESTION = "suggestion", _("意见建议")

    class Status(models.TextChoices):
        NEW = "new", _("待处理")
        CORRECTED = "corrected", _("已更正")
        NO_CHANGE = "no_change", _("无需更正")

    portal = models.ForeignKey(
        "newsroom.Portal", verbose_name=_("网站"), on_delete=models.CASCADE, related_name="reader_reports"
    )
    article = models.ForeignKey(
        "newsroom.Article",
        verbose_name=_("文章"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reader_reports",
    )
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices, default=Kind.ERROR)
    quote = models.CharField(
        _("有误的文字"), max_length=300, blank=True, help_text=_("可从文章中复制有误的原句，便于编辑查找。")
    )
    text = models.TextField(_("说明"), max_length=2000, help_text=_("哪里有误，应当是什么。"))
    name = models.CharField(_("称呼"), max_length=50, blank=True)
    contact = models.CharField(
        _("联系方式"), max_length=100, blank=True, help_text=_("电话或邮箱，选填，便于编辑回复。")
    )
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.NEW, db_index=True)
    note = models.TextField(_("处理说明"), blank=True)
    client_key = models.CharField(_("来源标识"), max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True, db_index=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("纠错留言")
        verbose_name_plural = _("纠错留言")
        ordering = ["-created_at", "-id"]
        permissions = [("handle_report", _("处理纠错留言"))]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.text[:30]}"


class ReportEvent(AuditRecord):
    STATES = Report.Status

    class Action(models.TextChoices):
        RECEIVED = "received", _("收到")
        HANDLED = "handled", _("处理")

    report = models.ForeignKey(Report, verbose_name=_("纠错留言"), on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("操作"), max_length=12, choices=Action.choices)
    note = models.TextField(_("说明"), blank=True)

    class Meta(AuditRecord.Meta):
        verbose_name = _("纠错留言处理记录")
        verbose_name_plural = _("纠错留言处理记录")
