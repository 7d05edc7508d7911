"""What the editorial workflow keeps: its audit trail, revisions, the 错敏词 list,
preview links and who has an article open."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.core.audit import AuditRecord
from newsroom.core.publishing import PortalScopedQuerySet

from .articles import Article
from .site import Portal


class AuditEntry(AuditRecord):
    """One step of an article's life: who, when, from which state to which, and why."""

    class Action(models.TextChoices):
        IMPORT = "import", _("导入")
        SUBMIT = "submit", _("提交审核")
        APPROVE = "approve", _("审核通过")
        REJECT = "reject", _("退回")
        PUBLISH = "publish", _("发布")
        PUBLISH_VERSION = "publish_version", _("发布新版本")
        UNPUBLISH = "unpublish", _("下线")
        WITHDRAW = "withdraw", _("撤稿")
        NEW_VERSION = "new_version", _("编辑新版本")
        RESTORE = "restore", _("恢复修订")
        CHANGE_PUBLISH_DATE = "change_publish_date", _("修改首次发布时间")
        PLACEMENT = "placement", _("调整推荐位")
        SCHEDULE_HELD = "schedule_held", _("定时发布暂停")
        PREVIEW_LINK = "preview_link", _("生成预览链接")
        REVOKE_PREVIEW_LINK = "revoke_preview_link", _("撤销预览链接")
        WENT_LIVE = "went_live", _("定时上线")
        EXPIRED = "expired", _("定时下线")
        TAKEDOWN_MEASURE = "takedown_measure", _("侵权处理措施")
        TAKEDOWN_REVERT = "takedown_revert", _("撤销侵权处理措施")
        PLACE = "place", _("站群发布")
        REVOKE_PLACEMENT = "revoke_placement", _("撤销站群发布")

    STATES = Article.Status

    article = models.ForeignKey(Article, verbose_name=_("文章"), on_delete=models.CASCADE, related_name="audit_entries")
    action = models.CharField(_("操作"), max_length=40, choices=Action.choices)
    step = models.PositiveSmallIntegerField(_("审核步骤"), null=True, blank=True)
    opinion = models.TextField(_("意见/理由"), blank=True)

    class Meta(AuditRecord.Meta):
        verbose_name = _("操作记录")
        verbose_name_plural = _("操作记录")


class Revision(models.Model):
    """A snapshot of an article (fields, relations, photos and their order) at one save."""

    article = models.ForeignKey(
        Article,
        verbose_name=_("文章"),
        on_delete=models.CASCADE,
        related_name="revisions",
        help_text=_("线上文章；新版本草稿的修订也记在线上文章名下。"),
    )
    source = models.ForeignKey(
        Article, verbose_name=_("保存自"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(_("版本号"))
    data = models.JSONField(_("内容"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("保存人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("保存时间"), default=timezone.now)

    class Meta:
        verbose_name = _("修订版本")
        verbose_name_plural = _("修订版本")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.data.get('title', '')} · {timezone.localtime(self.created_at):%Y-%m-%d %H:%M}"


class SensitiveWordQuerySet(PortalScopedQuerySet):
    portal_field = "portal"


class SensitiveWord(models.Model):
    """A wrong or sensitive expression (错敏词) and what to write instead. A portal's checks read
    its own list and those of the portals above it (``inherited``)."""

    class Severity(models.TextChoices):
        BLOCK = "block", _("阻止发布")
        WARN = "warn", _("提醒")

    portal = models.ForeignKey(Portal, verbose_name=_("网站"), on_delete=models.CASCADE, related_name="sensitive_words")
    word = models.CharField(_("错敏词"), max_length=50)
    suggestion = models.CharField(_("建议改为"), max_length=50, blank=True)
    severity = models.CharField(_("级别"), max_length=5, choices=Severity.choices, default=Severity.BLOCK)
    note = models.CharField(_("说明"), max_length=200, blank=True, help_text=_("如：领导人姓名错字，属严重错别字。"))

    objects = SensitiveWordQuerySet.as_manager()

    class Meta:
        verbose_name = _("错敏词")
        verbose_name_plural = _("错敏词")
        ordering = ["severity", "word"]
        constraints = [models.UniqueConstraint(fields=["portal", "word"], name="unique_sensitive_word_per_portal")]

    def __str__(self):
        return self.word


class PreviewLink(models.Model):
    """A signed, expiring link that lets a reviewer without an account read a draft."""

    article = models.ForeignKey(Article, verbose_name=_("文章"), on_delete=models.CASCADE, related_name="preview_links")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    expires_at = models.DateTimeField(_("失效时间"))
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("预览链接")
        verbose_name_plural = _("预览链接")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.article} · {self.expires_at:%Y-%m-%d %H:%M}"

    @property
    def is_valid(self):
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def allows_reading(self):
        """A withdrawn article, or one held under a takedown (or a draft of one), is never
        previewed: a preview link would be a way round the measure."""
        return article_may_be_previewed(self.article)


def article_may_be_previewed(article):
    root = article.root
    return not (
        article.status == Article.Status.WITHDRAWN
        or article.legal_hold
        or root.status == Article.Status.WITHDRAWN
        or root.legal_hold
    )


class EditPresence(models.Model):
    """Who opened an article's change page, and when they last did."""

    article = models.ForeignKey(Article, verbose_name=_("文章"), on_delete=models.CASCADE, related_name="presences")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="+"
    )
    last_seen = models.DateTimeField(_("最近打开"), default=timezone.now)

    class Meta:
        verbose_name = _("编辑中")
        verbose_name_plural = _("编辑中")
        constraints = [models.UniqueConstraint(fields=["article", "user"], name="one_presence_per_user")]


class Autosave(models.Model):
    """What one editor last typed on an article's page (or on a new article's page, with no
    article yet), saved by the browser while they type and offered back after a crash or a
    closed tab. Private to that editor; the article itself changes only when they save."""

    article = models.ForeignKey(
        Article, verbose_name=_("文章"), on_delete=models.CASCADE, null=True, blank=True, related_name="autosaves"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="+"
    )
    data = models.JSONField(_("自动保存的内容"))
    saved_at = models.DateTimeField(_("自动保存时间"), default=timezone.now)

    class Meta:
        verbose_name = _("自动保存")
        verbose_name_plural = _("自动保存")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "user"], condition=models.Q(article__isnull=False), name="one_autosave_per_user"
            ),
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(article__isnull=True), name="one_new_article_autosave_per_user"
            ),
        ]

    def __str__(self):
        return f"{self.user} · {timezone.localtime(self.saved_at):%Y-%m-%d %H:%M}"
