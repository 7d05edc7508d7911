"""Notifications (通知): who must act on what, in the admin and by e-mail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    class Kind(models.TextChoices):
        REVIEW = "review", _("待您审核")
        RETURNED = "returned", _("稿件被退回")
        PUBLISHED = "published", _("稿件已发布")
        SIGNED_OFF = "signed_off", _("稿件已签发，待发布")
        SCHEDULE_HELD = "schedule_held", _("定时发布未通过检查")
        CHANGE_REVIEW = "change_review", _("内容修改待您审核")
        CHANGE_DECIDED = "change_decided", _("内容修改已审核")
        INSPECTION = "inspection", _("网站检查预警")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("接收人"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    article = models.ForeignKey(
        "newsroom.Article", verbose_name=_("文章"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    link = models.CharField(
        _("链接"), max_length=300, blank=True, help_text=_("不是文章的通知（如社区、荣誉等内容修改）打开的后台页面。")
    )
    text = models.CharField(_("内容"), max_length=300)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("邮件发送时间"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.text


class NotificationSettings(models.Model):
    """How one staff member wants to hear of notifications by e-mail: each at once, a daily
    digest, or not by e-mail (the admin's badge and list are always there)."""

    class Email(models.TextChoices):
        EACH = "each", _("每条通知即时发邮件")
        DAILY = "daily", _("每天一封汇总邮件")
        NONE = "none", _("不发邮件（只在后台查看）")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="notification_settings"
    )
    email = models.CharField(_("邮件提醒"), max_length=10, choices=Email.choices, default=Email.EACH)
    digest_sent_at = models.DateTimeField(_("上次汇总邮件时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("通知设置")
        verbose_name_plural = _("通知设置")

    def __str__(self):
        return f"{self.user} · {self.get_email_display()}"
