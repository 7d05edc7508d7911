"""Comments and everything the rules ask to keep about them: who (behind the scenes: a salted
hash of the number and a masked display, or an opaque network-identity id), what, when, from
which 属地, who decided and why."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.core.audit import AuditRecord
from newsroom.core.content import PublicContent

from ..models import Article, Column, Portal


class Level(models.TextChoices):
    """Credit level (信用等级): what a commenter may do, per hour."""

    NEW = "new", _("新用户")
    NORMAL = "normal", _("普通")
    TRUSTED = "trusted", _("信用良好")
    RESTRICTED = "restricted", _("受限")


class CommentSettings(PublicContent, models.Model):
    """A portal's comments: off until the office turns them on (and a real verifier is set).
    ``PublicContent``: turning them on or off changes every article page (the block's place)."""

    portal = models.OneToOneField(
        Portal, verbose_name=_("网站"), on_delete=models.CASCADE, related_name="comment_settings"
    )
    enabled = models.BooleanField(
        _("开放评论"),
        default=False,
        help_text=_("开放后读者经手机号或网络身份认证（后台实名）才能评论，每条评论审核通过后才显示。"),
    )
    closed_columns = models.ManyToManyField(
        Column,
        verbose_name=_("不开放评论的栏目"),
        blank=True,
        related_name="+",
        help_text=_("这些栏目及其下级栏目的文章不显示评论。"),
    )
    max_length = models.PositiveSmallIntegerField(
        _("评论字数上限"), default=500, validators=[MinValueValidator(10), MaxValueValidator(2000)]
    )
    review_hours = models.PositiveSmallIntegerField(
        _("审核时限（小时）"), default=24, validators=[MinValueValidator(1)]
    )
    retention_days = models.PositiveSmallIntegerField(
        _("记录保存天数"),
        default=183,
        validators=[MinValueValidator(183)],
        help_text=_("评论、审核记录和认证信息至少保存6个月。"),
    )
    per_hour_new = models.PositiveSmallIntegerField(_("新用户每小时评论数"), default=3)
    per_hour_normal = models.PositiveSmallIntegerField(_("普通用户每小时评论数"), default=10)
    per_hour_trusted = models.PositiveSmallIntegerField(_("信用良好用户每小时评论数"), default=30)
    per_hour_restricted = models.PositiveSmallIntegerField(_("受限用户每小时评论数"), default=1)
    per_hour_address = models.PositiveSmallIntegerField(_("同一网络地址每小时评论数"), default=30)

    class Meta:
        verbose_name = _("评论设置")
        verbose_name_plural = _("评论设置")

    def __str__(self):
        return str(self.portal)

    def per_hour(self, level):
        return getattr(self, f"per_hour_{level}")


def _token():
    return secrets.token_urlsafe(16)


class Commenter(models.Model):
    """A verified reader. Behind the scenes: a salted hash of the number (never the number) and
    its masked display, or the opaque id a network identity (网号) gives; in front: the name
    the reader picked."""

    IDENTITY_FIELDS = ("masked", "identity_hash")  # newsroom/core/adminsite.py: never filtered or searched without
    IDENTITY_PERMISSION = "comments.view_commenter_identity"

    class Kind(models.TextChoices):
        PHONE = "phone", _("手机号")
        NETWORK_ID = "netid", _("网号/网证")

    kind = models.CharField(_("认证方式"), max_length=10, choices=Kind.choices)
    identity_hash = models.CharField(_("身份摘要"), max_length=64, unique=True, editable=False)
    masked = models.CharField(_("认证信息（脱敏）"), max_length=40)
    display_name = models.CharField(_("昵称"), max_length=20)
    level = models.CharField(_("信用等级"), max_length=12, choices=Level.choices, default=Level.NEW)
    warnings = models.PositiveSmallIntegerField(_("警示次数"), default=0)
    muted_until = models.DateTimeField(_("禁言至"), null=True, blank=True)
    closed_at = models.DateTimeField(_("关闭账号时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("认证时间"), default=timezone.now)

    class Meta:
        verbose_name = _("评论用户")
        verbose_name_plural = _("评论用户")
        ordering = ["-created_at"]

    def __str__(self):
        # What every role may read: the nickname; the masked number is an identity column.
        return self.display_name

    @property
    def is_muted(self):
        return self.muted_until is not None and self.muted_until > timezone.now()


class Blacklist(models.Model):
    """Identities that may not comment again, whatever account they open (黑名单)."""

    IDENTITY_FIELDS = ("masked", "identity_hash")
    IDENTITY_PERMISSION = "comments.view_commenter_identity"

    identity_hash = models.CharField(_("身份摘要"), max_length=64, unique=True)
    masked = models.CharField(_("认证信息（脱敏）"), max_length=40)
    reason = models.CharField(_("原因"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("黑名单")
        verbose_name_plural = _("黑名单")

    def __str__(self):
        return self.masked


class Verification(models.Model):
    """A one-time code sent to a number: its hash, when it expires, how often it was tried."""

    identity_hash = models.CharField(_("身份摘要"), max_length=64, db_index=True)
    code_hash = models.CharField(_("验证码摘要"), max_length=64)
    created_at = models.DateTimeField(_("发送时间"), default=timezone.now)
    expires_at = models.DateTimeField(_("失效时间"))
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    used_at = models.DateTimeField(_("使用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("验证码")
        verbose_name_plural = _("验证码")


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def newest(self):
        return self.order_by("-created_at", "-id")

    def hottest(self):
        """By likes, ties by time: no manual reordering exists."""
        return self.order_by("-like_count", "-created_at", "-id")


class Comment(models.Model):
    """Not ``PublicContent``: no cached page shows a comment (the article page loads them as a
    fragment that is never cached), so a comment makes nothing stale."""

    IDENTITY_FIELDS = ("ip_address",)
    IDENTITY_PERMISSION = "comments.view_commenter_identity"

    class Status(models.TextChoices):
        PENDING = "pending", _("待审核")
        APPROVED = "approved", _("已通过")
        REJECTED = "rejected", _("未通过")
        REMOVED = "removed", _("已删除")

    article = models.ForeignKey(Article, verbose_name=_("文章"), on_delete=models.CASCADE, related_name="comments")
    commenter = models.ForeignKey(
        Commenter, verbose_name=_("评论用户"), on_delete=models.PROTECT, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("回复的评论"), on_delete=models.PROTECT, null=True, blank=True, related_name="replies"
    )
    body = models.TextField(_("内容"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    flagged = models.CharField(
        _("提醒词"), max_length=300, blank=True, help_text=_("命中“提醒”级错敏词，请审核时留意。")
    )
    reason = models.CharField(_("不通过或删除的理由"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("网络地址"), null=True, blank=True)
    region = models.CharField(_("IP属地"), max_length=20)
    like_count = models.PositiveIntegerField(_("点赞数"), default=0)
    created_at = models.DateTimeField(_("发表时间"), default=timezone.now, db_index=True)
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("评论")
        verbose_name_plural = _("评论")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["article", "status", "-created_at"], name="comment_article_newest")]
        permissions = [("moderate_comment", _("审核评论")), ("view_commenter_identity", _("查看评论用户认证信息"))]

    def __str__(self):
        return self.body[:30]


class Like(models.Model):
    comment = models.ForeignKey(Comment, verbose_name=_("评论"), on_delete=models.CASCADE, related_name="likes")
    commenter = models.ForeignKey(Commenter, verbose_name=_("评论用户"), on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("点赞")
        verbose_name_plural = _("点赞")
        constraints = [models.UniqueConstraint(fields=["comment", "commenter"], name="one_like_per_commenter")]


class Report(models.Model):
    """A reader's report of a comment (举报): it goes to the queue, the reporter follows it on a
    tracking page."""

    IDENTITY_FIELDS = ("ip_address",)
    IDENTITY_PERMISSION = "comments.view_commenter_identity"

    class Reason(models.TextChoices):
        ILLEGAL = "illegal", _("违法违规")
        RUMOUR = "rumour", _("谣言")
        ABUSE = "abuse", _("人身攻击、辱骂")
        PRIVACY = "privacy", _("泄露隐私")
        SPAM = "spam", _("广告、刷屏")
        OTHER = "other", _("其他")

    class Status(models.TextChoices):
        OPEN = "open", _("处理中")
        UPHELD = "upheld", _("举报属实，评论已删除")
        DISMISSED = "dismissed", _("经核查未发现问题")

    comment = models.ForeignKey(Comment, verbose_name=_("评论"), on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(_("举报原因"), max_length=10, choices=Reason.choices)
    detail = models.CharField(_("补充说明"), max_length=300, blank=True)
    token = models.CharField(_("查询码"), max_length=32, unique=True, default=_token, editable=False)
    status = models.CharField(_("处理结果"), max_length=10, choices=Status.choices, default=Status.OPEN)
    outcome = models.CharField(_("处理说明"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("网络地址"), null=True, blank=True)
    created_at = models.DateTimeField(_("举报时间"), default=timezone.now)
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("评论举报")
        verbose_name_plural = _("评论举报")
        ordering = ["status", "created_at"]

    def __str__(self):
        return f"{self.get_reason_display()}：{self.comment}"


class ClosedArticle(models.Model):
    """An article whose comments an editor closed (existing approved comments stay visible)."""

    article = models.OneToOneField(Article, verbose_name=_("文章"), on_delete=models.CASCADE, related_name="+")
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("关闭时间"), default=timezone.now)

    class Meta:
        verbose_name = _("关闭评论的文章")
        verbose_name_plural = _("关闭评论的文章")


class CommentEvent(AuditRecord):
    """The comment desk's audit trail: every decision and measure."""

    class Action(models.TextChoices):
        POST = "post", _("发表评论")
        APPROVE = "approve", _("审核通过")
        REJECT = "reject", _("审核不通过")
        REMOVE = "remove", _("删除评论")
        REPORT = "report", _("举报")
        UPHOLD = "uphold", _("举报属实")
        DISMISS = "dismiss", _("举报不属实")
        WARN = "warn", _("警示")
        MUTE = "mute", _("禁言")
        BLOCK = "block", _("关闭账号并列入黑名单")
        LEVEL = "level", _("调整信用等级")
        CLOSE = "close", _("关闭文章评论")
        OPEN = "open", _("开放文章评论")

    STATES = Comment.Status

    action = models.CharField(_("操作"), max_length=10, choices=Action.choices)
    comment = models.ForeignKey(
        Comment, verbose_name=_("评论"), on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    commenter = models.ForeignKey(
        Commenter, verbose_name=_("评论用户"), on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    article = models.ForeignKey(
        Article, verbose_name=_("文章"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    opinion = models.CharField(_("理由"), max_length=300, blank=True)

    class Meta(AuditRecord.Meta):
        db_table = "comments_event"  # the name it had as ``Event``
        verbose_name = _("评论操作记录")
        verbose_name_plural = _("评论操作记录")
