"""What the inspection needs to remember: each portal's limits and leaders list, each run's
findings (for the trend), and what the link checker found out about each external address."""

import hashlib

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..models import Portal


def _days(label, default, help_text=""):
    return models.PositiveSmallIntegerField(
        label, default=default, validators=[MinValueValidator(1), MaxValueValidator(1000)], help_text=help_text
    )


class InspectionSettings(models.Model):
    """A portal's limits (国办秘函〔2019〕19号's defaults) and how early to warn."""

    portal = models.OneToOneField(
        Portal, verbose_name=_("网站"), on_delete=models.CASCADE, related_name="inspection_settings"
    )
    home_days = _days(_("首页更新期限（天）"), 14, _("首页超过此天数未更新为单项否决。"))
    news_days = _days(_("动态、要闻类栏目更新期限（天）"), 14)
    notice_days = _days(_("通知公告、政策文件类栏目更新期限（天）"), 183)
    regular_days = _days(_("其他栏目更新期限（天）"), 365, _("超过此天数未更新即为“长期未更新”。"))
    warn_days = models.PositiveSmallIntegerField(
        _("提前预警天数"),
        default=4,
        validators=[MaxValueValidator(100)],
        help_text=_("距各项期限还剩此天数时开始预警。"),
    )
    stale_columns_veto = _days(_("未按时更新栏目数（单项否决）"), 5, _("动态要闻类与通知公告类合计。"))
    long_stale_columns_veto = _days(_("长期未更新栏目数（单项否决）"), 10)
    empty_columns_veto = _days(_("空白栏目数（单项否决）"), 5)
    empty_columns_warn = _days(_("空白栏目数（预警）"), 2, _("超过此数即预警。"))
    check_external_links = models.BooleanField(
        _("检查外部链接"), default=True, help_text=_("后台任务每周访问一次正文中的外部链接，每个网站限速、有超时。")
    )

    class Meta:
        verbose_name = _("网站检查设置")
        verbose_name_plural = _("网站检查设置")

    def __str__(self):
        return str(self.portal)

    @classmethod
    def for_portal(cls, portal):
        """The portal's settings, or the defaults (not saved) when it has none."""
        return cls.objects.filter(portal=portal).first() or cls(portal=portal)

    def leaders(self):
        """The portal's leaders list and those of the portals above it (a city's leaders are
        named on its districts' pages too)."""
        return list(Leader.objects.filter(settings__portal__in=self.portal.lineage()).order_by("order", "id"))


class Leader(models.Model):
    """A leader's name with the title the portal must print with it, or a name that must not
    appear at all (a former official, a name removed from office)."""

    class Kind(models.TextChoices):
        CURRENT = "current", _("现任（姓名与职务须对应）")
        BANNED = "banned", _("不得出现的姓名")

    settings = models.ForeignKey(
        InspectionSettings, verbose_name=_("网站检查设置"), on_delete=models.CASCADE, related_name="leader_set"
    )
    name = models.CharField(_("姓名"), max_length=20)
    title = models.CharField(_("现任职务"), max_length=50, blank=True, help_text=_("如：区委书记。"))
    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices, default=Kind.CURRENT)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("领导姓名与职务")
        verbose_name_plural = _("领导姓名与职务")
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.title}{self.name}" if self.title else self.name


class InspectionRun(models.Model):
    """One evaluation of a portal: its findings and standing as they were that day."""

    class Trigger(models.TextChoices):
        NIGHTLY = "nightly", _("每日检查")
        WORDS = "words", _("错敏词表修改后重新检查")
        MANUAL = "manual", _("手动检查")
        COMMAND = "command", _("命令行")

    portal = models.ForeignKey(Portal, verbose_name=_("网站"), on_delete=models.CASCADE, related_name="+")
    at = models.DateField(_("检查日期"))
    ran_at = models.DateTimeField(_("运行时间"), auto_now_add=True)
    trigger = models.CharField(_("触发方式"), max_length=10, choices=Trigger.choices)
    duration_ms = models.PositiveIntegerField(_("耗时（毫秒）"), default=0)
    veto = models.PositiveIntegerField(_("单项否决"), default=0)
    warning = models.PositiveIntegerField(_("预警"), default=0)
    deduction = models.PositiveIntegerField(_("扣分项"), default=0)
    findings = models.JSONField(_("发现的问题"), default=list)
    standing = models.JSONField(_("各否决项情况"), default=list)

    class Meta:
        verbose_name = _("网站检查")
        verbose_name_plural = _("网站检查")
        ordering = ["-ran_at", "-id"]
        indexes = [models.Index(fields=["portal", "-ran_at"])]

    def __str__(self):
        return f"{self.portal} · {self.at}"


def url_key(url):
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


class LinkCheck(models.Model):
    """What the background checker last found at one external address (the result cache)."""

    key = models.CharField(_("网址摘要"), max_length=64, unique=True, editable=False)
    url = models.TextField(_("网址"))
    host = models.CharField(_("主机"), max_length=255, db_index=True)
    ok = models.BooleanField(_("可访问"), null=True)
    status_code = models.PositiveSmallIntegerField(_("HTTP 状态码"), null=True, blank=True)
    detail = models.CharField(_("结果"), max_length=300, blank=True)
    failures = models.PositiveSmallIntegerField(_("连续失败次数"), default=0)
    checked_at = models.DateTimeField(_("检查时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("外部链接检查")
        verbose_name_plural = _("外部链接检查")
        ordering = ["-checked_at"]

    def __str__(self):
        return self.url

    def save(self, *args, **kwargs):
        self.key = url_key(self.url)
        super().save(*args, **kwargs)


class AnnualReport(models.Model):
    """What the office filled in for one year's 年度报表 (the rest comes from the data)."""

    portal = models.ForeignKey(Portal, verbose_name=_("网站"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    filled = models.JSONField(_("填报内容"), default=dict)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("填报人"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("填报时间"), auto_now=True)

    class Meta:
        verbose_name = _("年度报表")
        verbose_name_plural = _("年度报表")
        constraints = [models.UniqueConstraint(fields=["portal", "year"], name="unique_annual_report_per_year")]

    def __str__(self):
        return f"{self.portal} · {self.year}"
