"""The office's channel accounts (a WeChat 公众号's AppID and encrypted secret) and the record of
every copy of a story on another channel."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.core.audit import AuditRecord
from newsroom.core.publishing import PortalScopedQuerySet

from . import secrets


class AccountQuerySet(PortalScopedQuerySet):
    portal_field = "portal"


class WeChatAccount(models.Model):
    """A portal's 公众号: the AppID, and the AppSecret stored encrypted (``secrets``), never shown
    again once saved. Only the site admin sets it."""

    portal = models.OneToOneField(
        "newsroom.Portal", verbose_name=_("网站"), on_delete=models.CASCADE, related_name="wechat_account"
    )
    name = models.CharField(_("公众号名称"), max_length=64)
    app_id = models.CharField(_("AppID"), max_length=32, help_text=_("公众平台 › 设置与开发 › 基本配置 › 开发者ID。"))
    secret_encrypted = models.TextField(_("AppSecret（已加密）"), editable=False)
    can_publish = models.BooleanField(
        _("可通过接口发布"),
        default=False,
        help_text=_("已认证的公众号才有发布接口（2025年7月起个人号、未认证号不再提供）。不勾选时只推送到草稿箱。"),
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = AccountQuerySet.as_manager()

    class Meta:
        verbose_name = _("微信公众号")
        verbose_name_plural = _("微信公众号")

    def __str__(self):
        return f"{self.name}（{self.app_id}）"

    def set_secret(self, secret):
        self.secret_encrypted = secrets.encrypt(secret)

    @property
    def secret(self):
        return secrets.decrypt(self.secret_encrypted)


class DistributionQuerySet(PortalScopedQuerySet):
    portal_field = "article__portal"

    def standing(self):
        """Copies that may still be out there."""
        return self.exclude(status__in=[Distribution.Status.FAILED, Distribution.Status.REMOVED])

    def to_remove(self):
        return self.filter(status=Distribution.Status.REMOVAL_PENDING)


class Distribution(models.Model):
    class Channel(models.TextChoices):
        WECHAT = "wechat", _("微信公众号")
        PACKAGE = "package", _("素材包（秀米/135、学习强国、头条等手动发布）")

    class Status(models.TextChoices):
        PACKAGED = "packaged", _("已生成素材包")
        DRAFTED = "drafted", _("已推送到草稿箱")
        PUBLISHING = "publishing", _("发布中")
        PUBLISHED = "published", _("已发布")
        FAILED = "failed", _("失败")
        REMOVAL_PENDING = "removal_pending", _("待手动删除")
        REMOVED = "removed", _("已删除")

    article = models.ForeignKey(
        "newsroom.Article", verbose_name=_("文章"), on_delete=models.CASCADE, related_name="distributions"
    )
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, db_index=True)
    version = models.PositiveIntegerField(_("文章版本"))
    media_id = models.CharField(_("草稿 media_id"), max_length=128, blank=True)
    publish_id = models.CharField(_("发布任务 publish_id"), max_length=64, blank=True)
    remote_article_id = models.CharField(_("发布后 article_id"), max_length=128, blank=True)
    url = models.URLField(_("发布地址"), max_length=500, blank=True)
    error = models.CharField(_("错误信息"), max_length=300, blank=True)
    removal_due = models.DateTimeField(_("删除期限"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = DistributionQuerySet.as_manager()

    class Meta:
        verbose_name = _("分发记录")
        verbose_name_plural = _("分发记录")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("distribute_article", _("发布到其他渠道")),
            ("record_removal", _("确认已在其他渠道删除")),
        ]

    def __str__(self):
        return f"{self.article} · {self.get_channel_display()} · {self.get_status_display()}"


class DistributionEvent(AuditRecord):
    STATES = Distribution.Status

    class Action(models.TextChoices):
        PACKAGED = "packaged", _("生成素材包")
        DRAFTED = "drafted", _("推送到草稿箱")
        SUBMITTED = "submitted", _("提交发布")
        POLLED = "polled", _("查询发布状态")
        FAILED = "failed", _("失败")
        DELETED = "deleted", _("接口删除")
        REMOVAL_DUE = "removal_due", _("列入手动删除清单")
        REMOVED = "removed", _("确认已手动删除")

    distribution = models.ForeignKey(
        Distribution, verbose_name=_("分发记录"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("操作"), max_length=12, choices=Action.choices)
    note = models.TextField(_("说明"), blank=True)

    class Meta(AuditRecord.Meta):
        verbose_name = _("分发操作记录")
        verbose_name_plural = _("分发操作记录")
