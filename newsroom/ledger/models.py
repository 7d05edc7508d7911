"""Grades, rates and finalised months of the ledger (稿件统计与稿费)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.core.audit import AuditRecord
from newsroom.core.publishing import PortalScopedQuerySet


class Grades(models.TextChoices):
    A = "A", _("A 稿")
    B = "B", _("B 稿")
    C = "C", _("C 稿")


class GradeQuerySet(PortalScopedQuerySet):
    portal_field = "article__portal"


class Grade(models.Model):
    """稿件等级, set by the portal's 终审签发 when signing the story off (or after)."""

    article = models.OneToOneField(
        "newsroom.Article", verbose_name=_("文章"), on_delete=models.CASCADE, related_name="grade"
    )
    grade = models.CharField(_("稿件等级"), max_length=1, choices=Grades.choices)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("评定人"), on_delete=models.PROTECT, related_name="+"
    )
    set_at = models.DateTimeField(_("评定时间"), default=timezone.now)

    objects = GradeQuerySet.as_manager()

    class Meta:
        verbose_name = _("稿件等级")
        verbose_name_plural = _("稿件等级")

    def __str__(self):
        return f"{self.article}：{self.get_grade_display()}"


class RateQuerySet(PortalScopedQuerySet):
    portal_field = "portal"


class Rate(models.Model):
    """One line of a portal's 稿费标准 or scoring rules."""

    class Kind(models.TextChoices):
        BYLINE = "byline", _("署名稿件（按署名职务）")
        PHOTO = "photo", _("图片（每张）")
        ADOPTED = "adopted", _("被上级网站采用（每篇）")
        ADOPTED_PHOTO = "adopted_photo", _("被采用稿件中的图片（每张）")

    portal = models.ForeignKey(
        "newsroom.Portal", verbose_name=_("网站"), on_delete=models.CASCADE, related_name="rates"
    )
    kind = models.CharField(_("计酬项目"), max_length=14, choices=Kind.choices)
    role = models.CharField(
        _("署名职务"), max_length=20, blank=True, help_text=_("署名稿件填写，如：记者、通讯员、责任编辑。")
    )
    grade = models.CharField(
        _("稿件等级"), max_length=1, choices=Grades.choices, blank=True, help_text=_("留空表示不分等级。")
    )
    level = models.PositiveSmallIntegerField(
        _("采用网站层级"),
        null=True,
        blank=True,
        help_text=_("被上级网站采用时：1 为上一级（如市级），2 为再上一级（如省级）；留空表示任一级。"),
    )
    amount = models.DecimalField(_("稿费（元）"), max_digits=8, decimal_places=2, default=0)
    points = models.DecimalField(_("计分"), max_digits=6, decimal_places=2, default=0)

    objects = RateQuerySet.as_manager()

    class Meta:
        verbose_name = _("稿费与计分标准")
        verbose_name_plural = _("稿费与计分标准")
        ordering = ["portal", "kind", "role", "grade"]
        constraints = [
            models.UniqueConstraint(fields=["portal", "kind", "role", "grade", "level"], name="one_rate_per_item"),
        ]

    def __str__(self):
        parts = [self.get_kind_display(), self.role, self.grade, f"{self.level}级" if self.level else ""]
        return " ".join(p for p in parts if p)


class MonthQuerySet(PortalScopedQuerySet):
    portal_field = "portal"


class LedgerMonth(models.Model):
    """A finalised month: the table as it was when finalised, kept for finance."""

    portal = models.ForeignKey("newsroom.Portal", verbose_name=_("网站"), on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("月份"), help_text=_("该月第一天。"))
    rows = models.JSONField(_("统计表"), default=list)
    totals = models.JSONField(_("合计"), default=dict)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("定稿人"), on_delete=models.PROTECT, related_name="+"
    )
    finalised_at = models.DateTimeField(_("定稿时间"), default=timezone.now)

    objects = MonthQuerySet.as_manager()

    class Meta:
        verbose_name = _("月度稿费表")
        verbose_name_plural = _("月度稿费表")
        ordering = ["-month", "portal"]
        constraints = [models.UniqueConstraint(fields=["portal", "month"], name="one_ledger_per_month")]
        permissions = [
            ("view_all_rows", _("查看本网站全部人员的稿件统计")),
            ("finalise_ledger", _("月度稿费表定稿")),
        ]

    def __str__(self):
        return f"{self.portal} {self.month:%Y-%m}"


class LedgerEvent(AuditRecord):
    class Action(models.TextChoices):
        GRADED = "graded", _("评定稿件等级")
        FINALISED = "finalised", _("定稿")

    portal = models.ForeignKey("newsroom.Portal", verbose_name=_("网站"), on_delete=models.CASCADE, related_name="+")
    action = models.CharField(_("操作"), max_length=12, choices=Action.choices)
    note = models.TextField(_("说明"), blank=True)

    class Meta(AuditRecord.Meta):
        verbose_name = _("稿费操作记录")
        verbose_name_plural = _("稿费操作记录")
