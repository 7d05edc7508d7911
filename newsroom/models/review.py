"""Review of content other than articles: a change waits here until someone else approves it.

A new community, honour, facility, topic, series, page or community photo is saved hidden
(``is_live`` off) with a pending change of kind 新建; a change to a live one is not written to
its row at all but kept here as the working copy (新建 / 修改 / 删除), so readers see the last
approved version. Approved and returned changes stay as the object's history.
"""

import hashlib
import json

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.core.audit import AuditRecord

from ..review_steps import PERMISSION_LABELS, step_permission


class ContentChange(models.Model):
    class Kind(models.TextChoices):
        CREATE = "create", _("新建")
        UPDATE = "update", _("修改")
        DELETE = "delete", _("删除")

    class Status(models.TextChoices):
        PENDING = "pending", _("待审核")
        APPROVED = "approved", _("已通过")
        REJECTED = "rejected", _("已退回")

    content_type = models.ForeignKey(ContentType, verbose_name=_("内容类型"), on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField(_("对象编号"))
    object_repr = models.CharField(_("对象"), max_length=200)
    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    data = models.JSONField(_("提交的内容"), encoder=DjangoJSONEncoder)
    before = models.JSONField(_("修改前的内容"), encoder=DjangoJSONEncoder, null=True, blank=True)
    authors = models.JSONField(_("修改人"), default=list, help_text=_("修改过这份待审内容的人（他们不能审核它）。"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("提交人"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("最近修改"), auto_now=True)
    review_step = models.PositiveSmallIntegerField(_("当前审核步骤"), default=1)
    review_total = models.PositiveSmallIntegerField(_("审核步骤总数"), default=1)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    opinion = models.TextField(_("审核意见"), blank=True)
    decided_version = models.CharField(
        _("审核的版本"), max_length=16, blank=True, help_text=_("审核人看到并决定的那一版（内容摘要）。")
    )

    class Meta:
        verbose_name = _("内容审核")
        verbose_name_plural = _("内容审核（社区、荣誉、阵地、专题、系列、单页）")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(status="pending"),
                name="one_pending_change_per_object",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}:{self.object_repr}"

    @property
    def version(self):
        """A digest of the proposed version: a decision names the version its reviewer read,
        and a later save by the editor changes it."""
        canonical = json.dumps([self.kind, self.data], cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]

    @property
    def step_label(self):
        """The step the change waits at, in words (初审, 复审, 终审)."""
        return PERMISSION_LABELS[step_permission(self.review_step, self.review_total)]

    @property
    def target(self):
        """The object the change is about (None once a deletion went through)."""
        return self.content_type.model_class()._default_manager.filter(pk=self.object_id).first()


class ContentEvent(AuditRecord):
    """One step of a community's, honour's, facility's or page's review: who proposed or decided
    what, when, at which step and why. The object's history, as ``AuditEntry`` is an article's;
    the decisions of the round under way are read from here (four eyes), not kept twice."""

    class Action(models.TextChoices):
        PROPOSE_CREATE = "propose_create", _("提交新建")
        PROPOSE_UPDATE = "propose_update", _("提交修改")
        PROPOSE_DELETE = "propose_delete", _("提交删除")
        APPROVE = "approve", _("审核通过")
        APPLY = "apply", _("终审通过并生效")
        REJECT = "reject", _("退回")
        DISCARD = "discard", _("审核前删除")

    STATES = ContentChange.Status
    PROPOSALS = (Action.PROPOSE_CREATE, Action.PROPOSE_UPDATE, Action.PROPOSE_DELETE)

    change = models.ForeignKey(
        ContentChange,
        verbose_name=_("内容审核"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    content_type = models.ForeignKey(ContentType, verbose_name=_("内容类型"), on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField(_("对象编号"))
    object_repr = models.CharField(_("对象"), max_length=200)
    action = models.CharField(_("操作"), max_length=40, choices=Action.choices)
    step = models.PositiveSmallIntegerField(_("审核步骤"), null=True, blank=True)
    opinion = models.TextField(_("意见/理由"), blank=True)

    class Meta(AuditRecord.Meta):
        verbose_name = _("内容审核记录")
        verbose_name_plural = _("内容审核记录")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    @property
    def step_label(self):
        total = self.change.review_total if self.change_id and self.change else 0
        return PERMISSION_LABELS[step_permission(self.step, total)] if self.step and total >= self.step else ""
