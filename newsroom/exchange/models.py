"""报送 (a published story offered to a portal above) and 投稿 (a registered correspondent's
manuscript), each with its trail."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.core.audit import AuditRecord
from newsroom.core.publishing import PortalScopedQuerySet
from newsroom.images import validate_image


class SubmissionQuerySet(PortalScopedQuerySet):
    portal_field = "to_portal"  # the desk that decides it

    def pending(self):
        return self.filter(status=Submission.Status.PENDING)

    def seen_by(self, portals):
        """What staff of ``portals`` (ids; None: all) see: what was sent to them and what they sent."""
        if portals is None:
            return self
        return self.filter(models.Q(to_portal__in=portals) | models.Q(from_portal__in=portals))


class Decided(models.Model):
    """Who decided it and when (采用, 退回, 退稿): written by ``actions._decide`` only."""

    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        abstract = True

    def decide(self, user, status, action, note="", **fields):
        """Record the decision and its row in the trail (the caller has checked it and runs in
        its transaction)."""
        before = self.status
        self.status, self.decided_by, self.decided_at = status, user, timezone.now()
        for name, value in fields.items():
            setattr(self, name, value)
        self.save(update_fields=["status", "decided_by", "decided_at", *fields])
        trail = self.events.model
        trail.log(action, actor=user, **{self._meta.model_name: self}, from_status=before, to_status=status, note=note)
        return self


class Submission(Decided):
    class Status(models.TextChoices):
        PENDING = "pending", _("待处理")
        ADOPTED = "adopted", _("已采用")
        RETURNED = "returned", _("已退回")

    article = models.ForeignKey(
        "newsroom.Article", verbose_name=_("报送稿件"), on_delete=models.CASCADE, related_name="submissions"
    )
    from_portal = models.ForeignKey(
        "newsroom.Portal", verbose_name=_("报送网站"), on_delete=models.CASCADE, related_name="submissions_sent"
    )
    to_portal = models.ForeignKey(
        "newsroom.Portal", verbose_name=_("报送至"), on_delete=models.CASCADE, related_name="submissions_received"
    )
    wanted_column = models.ForeignKey(
        "newsroom.Column",
        verbose_name=_("建议栏目"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("报送说明"), blank=True, max_length=1000)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    reason = models.TextField(_("退回理由"), blank=True)
    placement = models.ForeignKey(
        "newsroom.ArticlePlacement",
        verbose_name=_("采用结果"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("报送人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("报送时间"), default=timezone.now, db_index=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("报送稿件")
        verbose_name_plural = _("报送稿件")
        ordering = ["-created_at", "-id"]
        permissions = [("decide_submission", _("采用或退回报送稿件"))]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "to_portal"],
                condition=models.Q(status="pending"),
                name="one_pending_submission_per_portal",
                violation_error_message=_("这篇文章已报送该网站，正在等待处理。"),
            )
        ]

    def __str__(self):
        return f"{self.article}（{self.from_portal} → {self.to_portal}）"


class SubmissionEvent(AuditRecord):
    STATES = Submission.Status

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("报送")
        ADOPTED = "adopted", _("采用")
        RETURNED = "returned", _("退回")

    submission = models.ForeignKey(
        Submission, verbose_name=_("报送稿件"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("操作"), max_length=12, choices=Action.choices)
    note = models.TextField(_("说明"), blank=True)

    class Meta(AuditRecord.Meta):
        verbose_name = _("报送处理记录")
        verbose_name_plural = _("报送处理记录")


class CorrespondentQuerySet(PortalScopedQuerySet):
    portal_field = "portal"


class Correspondent(models.Model):
    """A 通讯员 the portal registered: a login for 在线投稿 and nothing of the admin."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("登录账号"), on_delete=models.CASCADE, related_name="correspondent"
    )
    portal = models.ForeignKey(
        "newsroom.Portal", verbose_name=_("网站"), on_delete=models.CASCADE, related_name="correspondents"
    )
    name = models.CharField(_("姓名"), max_length=50)
    unit = models.CharField(_("所在单位"), max_length=100, help_text=_("如：西菜园街道办事处、新华社区居委会。"))
    street = models.ForeignKey(
        "communities.Street", verbose_name=_("街道（乡镇）"), on_delete=models.SET_NULL, null=True, blank=True
    )
    community = models.ForeignKey(
        "communities.Community", verbose_name=_("社区"), on_delete=models.SET_NULL, null=True, blank=True
    )
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    is_active = models.BooleanField(_("可以投稿"), default=True, help_text=_("取消勾选即停止该通讯员投稿。"))
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    objects = CorrespondentQuerySet.as_manager()

    class Meta:
        verbose_name = _("通讯员")
        verbose_name_plural = _("通讯员")
        ordering = ["portal", "name"]

    def __str__(self):
        return f"{self.name}（{self.unit}）"


class ManuscriptQuerySet(PortalScopedQuerySet):
    portal_field = "portal"

    def received(self):
        return self.filter(status=Manuscript.Status.RECEIVED)


class Manuscript(Decided):
    class Status(models.TextChoices):
        RECEIVED = "received", _("已收到")
        ADOPTED = "adopted", _("已采用")
        REJECTED = "rejected", _("退稿")

    portal = models.ForeignKey(
        "newsroom.Portal", verbose_name=_("网站"), on_delete=models.CASCADE, related_name="manuscripts"
    )
    correspondent = models.ForeignKey(
        Correspondent, verbose_name=_("通讯员"), on_delete=models.PROTECT, related_name="manuscripts"
    )
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"), max_length=20000, help_text=_("每段之间空一行。"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.RECEIVED, db_index=True)
    reason = models.TextField(_("退稿理由"), blank=True)
    article = models.ForeignKey(
        "newsroom.Article",
        verbose_name=_("采用稿件"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("投稿时间"), default=timezone.now, db_index=True)

    objects = ManuscriptQuerySet.as_manager()

    class Meta:
        verbose_name = _("通讯员投稿")
        verbose_name_plural = _("通讯员投稿")
        ordering = ["-created_at", "-id"]
        permissions = [("handle_manuscript", _("采用或退回通讯员投稿"))]

    def __str__(self):
        return self.title


class ManuscriptPhoto(models.Model):
    manuscript = models.ForeignKey(Manuscript, verbose_name=_("投稿"), on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        _("图片"),
        upload_to="manuscripts/%Y/%m/",
        width_field="width",
        height_field="height",
        validators=[validate_image],
    )
    width = models.PositiveIntegerField(_("宽度"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("高度"), null=True, blank=True, editable=False)
    caption = models.CharField(_("图片说明"), max_length=300)
    photographer = models.CharField(_("拍摄者"), max_length=50, help_text=_("如实填写，发布时署“某某 摄”。"))
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("投稿图片")
        verbose_name_plural = _("投稿图片")
        ordering = ["order", "id"]

    def __str__(self):
        return self.caption[:30]


class ManuscriptEvent(AuditRecord):
    STATES = Manuscript.Status

    class Action(models.TextChoices):
        RECEIVED = "received", _("收到")
        ADOPTED = "adopted", _("采用")
        REJECTED = "rejected", _("退稿")

    manuscript = models.ForeignKey(Manuscript, verbose_name=_("投稿"), on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("操作"), max_length=12, choices=Action.choices)
    note = models.TextField(_("说明"), blank=True)

    class Meta(AuditRecord.Meta):
        verbose_name = _("投稿处理记录")
        verbose_name_plural = _("投稿处理记录")
