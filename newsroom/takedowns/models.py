"""Notice-and-takedown (信息网络传播权保护条例 Art. 14–17, 民法典 Art. 1195–1196).

A request carries the notifier's identity, one or more targets on this portal and
evidence. The desk applies reversible measures; nothing is deleted, and every step is
an event in the request's audit trail.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.core.audit import AuditRecord
from newsroom.core.content import PublicContent
from newsroom.core.storage import PrivateStorage, private_storage  # noqa: E402,F401  (migrations name it here)
from newsroom.models import Article, Photo, Portal


def mask(number):
    """An identity number with all but its first and last two characters hidden."""
    if len(number) <= 4:
        return "*" * len(number)
    return number[:2] + "*" * (len(number) - 4) + number[-2:]


def _reference():
    return f"TD{timezone.localtime():%Y%m%d}-{secrets.randbelow(10**6):06d}"


def _token():
    return secrets.token_urlsafe(24)


class Right(models.TextChoices):
    COPYRIGHT = "copyright", _("著作权")
    PORTRAIT = "portrait", _("肖像权")
    REPUTATION = "reputation", _("名誉权")
    PRIVACY = "privacy", _("隐私权")
    FACTUAL = "factual", _("内容失实")
    OTHER = "other", _("其他")


class TakedownRequest(models.Model):
    IDENTITY_FIELDS = ("id_number",)  # newsroom/core/adminsite.py: never filtered or searched without
    IDENTITY_PERMISSION = "takedowns.view_id_number"

    class Status(models.TextChoices):
        RECEIVED = "received", _("已接收")
        UNDER_REVIEW = "under_review", _("审查中")
        NEEDS_INFO = "needs_info", _("待补充材料")
        ACCEPTED = "accepted", _("已受理")
        MEASURES_APPLIED = "measures_applied", _("已采取措施")
        COUNTER_RECEIVED = "counter_received", _("收到反通知")
        COUNTER_REVIEWED = "counter_reviewed", _("反通知已审查")
        RESTORED = "restored", _("已恢复")
        MAINTAINED = "maintained", _("维持措施")
        REJECTED = "rejected", _("不予受理")
        WITHDRAWN = "withdrawn", _("通知人已撤回")
        CLOSED = "closed", _("已结案")

    #: Where a notice's handling has ended (no deadline runs any more).
    CLOSED_STATUSES = (Status.CLOSED, Status.REJECTED, Status.WITHDRAWN, Status.RESTORED, Status.MAINTAINED)

    class NotifierKind(models.TextChoices):
        PERSON = "person", _("个人")
        ORGANISATION = "organisation", _("单位")

    class AuthorKind(models.TextChoices):
        STAFF = "staff", _("本网记者/编辑")
        REPRINT = "reprint", _("转载来源")
        CORRESPONDENT = "correspondent", _("通讯员")
        USER = "user", _("用户/投稿人")

    class RestoredUnder(models.TextChoices):
        ARTICLE_17 = "art17", _("《信息网络传播权保护条例》第十七条")
        ARTICLE_1196 = "art1196", _("《民法典》第一千一百九十六条")

    class IdType(models.TextChoices):
        ID_CARD = "id_card", _("居民身份证")
        PASSPORT = "passport", _("护照")
        BUSINESS_LICENCE = "business_licence", _("营业执照（统一社会信用代码）")
        OTHER = "other", _("其他证件")

    reference = models.CharField(_("受理编号"), max_length=30, unique=True, default=_reference, editable=False)
    token = models.CharField(_("查询令牌"), max_length=64, unique=True, default=_token, editable=False)
    portal = models.ForeignKey(Portal, verbose_name=_("网站"), on_delete=models.PROTECT, related_name="takedowns")
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.RECEIVED, editable=False)

    notifier_kind = models.CharField(_("通知人类型"), max_length=20, choices=NotifierKind.choices)
    notifier_name = models.CharField(_("通知人姓名或名称"), max_length=100)
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"))
    address = models.CharField(_("通讯地址"), max_length=200)
    id_type = models.CharField(_("证件类型"), max_length=20, choices=IdType.choices)
    id_number = models.CharField(_("证件号码"), max_length=50)
    is_agent = models.BooleanField(_("代理人提交"), default=False)
    principal_name = models.CharField(_("权利人（被代理人）"), max_length=100, blank=True)
    right_claimed = models.CharField(_("主张的权利"), max_length=20, choices=Right.choices)
    description = models.TextField(_("情况说明"), max_length=5000)
    declared_true = models.BooleanField(_("声明通知内容真实"), default=False)

    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    received_at = models.DateTimeField(_("接收时间"), default=timezone.now, editable=False)
    deadline = models.DateTimeField(_("处理期限"), null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True, editable=False)
    decision = models.TextField(_("决定与理由（通知人可见）"), blank=True, editable=False)
    author_kind = models.CharField(
        _("作者（服务对象）类别"),
        max_length=20,
        choices=AuthorKind.choices,
        blank=True,
        editable=False,
        help_text=_("被通知内容的提供者：本网记者、转载来源、通讯员或用户。"),
    )
    author_name = models.CharField(_("作者或来源名称"), max_length=100, blank=True, editable=False)
    author_email = models.EmailField(_("作者或来源电子邮箱"), blank=True, editable=False)
    forwarded_at = models.DateTimeField(
        _("转送作者时间"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("通知送达作者（邮件发出）或公告发布的时间。"),
    )
    forward_note = models.CharField(_("转送方式"), max_length=200, blank=True, editable=False)
    announced_at = models.DateTimeField(
        _("公告时间"), null=True, blank=True, editable=False, help_text=_("无法联系作者时，在网站上公告通知的时间。")
    )
    counter_forwarded_at = models.DateTimeField(_("反通知送达通知人时间"), null=True, blank=True, editable=False)
    proof_received_at = models.DateTimeField(_("收到投诉或起诉证明时间"), null=True, blank=True, editable=False)
    restored_under = models.CharField(
        _("恢复依据"), max_length=10, choices=RestoredUnder.choices, blank=True, editable=False
    )
    personal_data_purged_at = models.DateTimeField(_("个人信息清除时间"), null=True, blank=True, editable=False)
    counter_token = models.CharField(_("反通知令牌"), max_length=64, blank=True, editable=False)
    restore_due_at = models.DateTimeField(_("可恢复时间"), null=True, blank=True, editable=False)
    needs_legal_review = models.BooleanField(_("需法务复核"), default=False, editable=False)
    legal_review_reason = models.CharField(_("复核原因"), max_length=200, blank=True, editable=False)
    client_key = models.CharField(
        _("来源标识"), max_length=64, blank=True, editable=False, help_text=_("提交者 IP 的摘要，仅用于频率限制。")
    )

    class Meta:
        verbose_name = _("侵权通知")
        verbose_name_plural = _("侵权通知")
        ordering = ["deadline", "received_at"]
        permissions = [
            ("view_identity", _("查看证据与反通知材料")),
            ("view_id_number", _("查看完整证件号码")),
        ]

    def __str__(self):
        return f"{self.reference} · {self.get_right_claimed_display()}"

    def get_tracking_url(self):
        return reverse("takedowns:track", args=[self.token])

    @property
    def is_open(self):
        return self.status not in self.CLOSED_STATUSES

    @property
    def urgency(self):
        """overdue / due-soon / on-time / done, against the portal's SLA."""
        if not self.is_open or not self.deadline:
            return "done"
        left = self.deadline - timezone.now()
        if left.total_seconds() < 0:
            return "overdue"
        if left.total_seconds() < 4 * 3600:
            return "due-soon"
        return "on-time"

    @property
    def masked_id_number(self):
        return mask(self.id_number)


class Target(models.Model):
    class Part(models.TextChoices):
        WHOLE = "whole", _("全文")
        PHOTO = "photo", _("其中一张图片")
        PASSAGE = "passage", _("其中一段文字")

    request = models.ForeignKey(
        TakedownRequest, verbose_name=_("通知"), on_delete=models.CASCADE, related_name="targets"
    )
    url = models.URLField(_("网址"), max_length=500)
    work_title = models.CharField(_("作品名称"), max_length=200)
    part = models.CharField(_("涉及部分"), max_length=10, choices=Part.choices, default=Part.WHOLE)
    article = models.ForeignKey(
        Article,
        verbose_name=_("文章"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="takedown_targets",
    )
    photo = models.ForeignKey(
        Photo, verbose_name=_("图片"), on_delete=models.PROTECT, null=True, blank=True, related_name="takedown_targets"
    )
    passage = models.TextField(_("涉及文字"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("通知对象")
        verbose_name_plural = _("通知对象")

    def __str__(self):
        return f"{self.work_title}({self.get_part_display()})"


EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def evidence_path(evidence, filename):
    """A generated name: nothing of what the sender called the file reaches the disk."""
    extension = EXTENSIONS.get(evidence.content_type, "bin")
    return f"takedowns/{timezone.localtime():%Y/%m}/{secrets.token_hex(16)}.{extension}"


class Evidence(models.Model):
    class Kind(models.TextChoices):
        EVIDENCE = "evidence", _("侵权初步证据")
        AUTHORISATION = "authorisation", _("授权委托书")
        SUPPLEMENT = "supplement", _("补充材料")
        COUNTER = "counter", _("不侵权初步证据")
        PROOF = "proof", _("投诉或起诉证明")

    request = models.ForeignKey(
        TakedownRequest, verbose_name=_("通知"), on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("文件"), storage=private_storage, upload_to=evidence_path)
    original_name = models.CharField(_("原文件名"), max_length=200)
    content_type = models.CharField(_("类型"), max_length=50)
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    class Meta:
        verbose_name = _("证据材料")
        verbose_name_plural = _("证据材料")

    def __str__(self):
        return self.original_name

    @property
    def download_name(self):
        """What the file is called when the desk downloads it: reference, kind, number and the
        extension its content has (never the sender's, which could be .hta or .bat)."""
        extension = EXTENSIONS.get(self.content_type, "bin")
        return f"{self.request.reference}-{self.get_kind_display()}-{self.pk}.{extension}"


class MeasureQuerySet(models.QuerySet):
    def notes(self):
        """The corrections and apologies in force: shown under the article."""
        return self.filter(kind__in=[Measure.Kind.CORRECTION, Measure.Kind.APOLOGY], reverted_at=None)


class Measure(PublicContent, models.Model):
    """A reversible measure on the portal's content."""

    PART_OF_ARTICLE = True  # a correction under the article, a hidden photo in it

    class Kind(models.TextChoices):
        WITHDRAW_ARTICLE = "withdraw_article", _("下架全文（451）")
        HIDE_PHOTO = "hide_photo", _("屏蔽图片")
        CORRECTION = "correction", _("追加更正")
        APOLOGY = "apology", _("追加致歉")

    request = models.ForeignKey(
        TakedownRequest, verbose_name=_("通知"), on_delete=models.CASCADE, related_name="measures"
    )
    kind = models.CharField(_("措施"), max_length=20, choices=Kind.choices)
    article = models.ForeignKey(Article, verbose_name=_("文章"), on_delete=models.PROTECT, related_name="measures")
    photo = models.ForeignKey(
        Photo, verbose_name=_("图片"), on_delete=models.PROTECT, null=True, blank=True, related_name="measures"
    )
    text = models.TextField(_("更正/致歉内容"), blank=True)
    applied_at = models.DateTimeField(_("采取时间"), default=timezone.now)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("采取人"), on_delete=models.PROTECT, related_name="+"
    )
    reverted_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    reverted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("撤销人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("处理措施")
        verbose_name_plural = _("处理措施")
        ordering = ["applied_at"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.article}"

    @property
    def active(self):
        return self.reverted_at is None


class CounterNotice(models.Model):
    request = models.ForeignKey(
        TakedownRequest, verbose_name=_("通知"), on_delete=models.CASCADE, related_name="counter_notices"
    )
    name = models.CharField(_("姓名或名称"), max_length=100)
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"))
    address = models.CharField(_("通讯地址"), max_length=200)
    id_type = models.CharField(_("证件类型"), max_length=20, choices=TakedownRequest.IdType.choices)
    id_number = models.CharField(_("证件号码"), max_length=50)
    statement = models.TextField(_("不侵权说明"), max_length=5000)
    declared_true = models.BooleanField(_("声明内容真实"), default=False)
    received_at = models.DateTimeField(_("接收时间"), default=timezone.now)

    class Meta:
        verbose_name = _("反通知")
        verbose_name_plural = _("反通知")

    def __str__(self):
        return f"{self.name} · {self.received_at:%Y-%m-%d}"

    @property
    def masked_id_number(self):
        return mask(self.id_number)


class OutboundMail(models.Model):
    """A message to a notifier or an author, kept as sent: written in the same transaction as
    the step it reports, sent after commit, retried until it goes (``send_takedown_mail``)."""

    request = models.ForeignKey(TakedownRequest, verbose_name=_("通知"), on_delete=models.CASCADE, related_name="mails")
    kind = models.CharField(_("类别"), max_length=30)
    to = models.EmailField(_("收件人"))
    subject = models.CharField(_("主题"), max_length=200)
    body = models.TextField(_("正文"))
    attachments = models.JSONField(_("附件（证据材料编号）"), default=list, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    sent_at = models.DateTimeField(_("发出时间"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.CharField(_("最近一次失败原因"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("邮件")
        verbose_name_plural = _("邮件")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.subject} → {self.to}"


class TakedownEvent(AuditRecord):
    """The request's audit trail: every state change, measure, note and message."""

    class Action(models.TextChoices):
        RECEIVED = "received", _("收到通知")
        ASSIGN = "assign", _("分配承办人")
        START_REVIEW = "start_review", _("开始审查")
        REQUEST_INFO = "request_info", _("要求补充材料")
        MATERIAL_ADDED = "material_added", _("补充材料")
        ACCEPT = "accept", _("受理")
        REJECT = "reject", _("不予受理")
        MEASURE = "measure", _("采取措施")
        REVERT_MEASURE = "revert_measure", _("撤销措施")
        FORWARD = "forward", _("转送作者")
        ANNOUNCE = "announce", _("公告通知")
        MAIL_SENT = "mail_sent", _("邮件已送达")
        COUNTER_RECEIVED = "counter_received", _("收到反通知")
        COUNTER_FORWARDED = "counter_forwarded", _("反通知已转送通知人")
        COUNTER_REVIEWED = "counter_reviewed", _("反通知成立")
        COUNTER_REJECTED = "counter_rejected", _("反通知不成立")
        RESTORE_SCHEDULED = "restore_scheduled", _("等待投诉或起诉证明")
        PROOF_RECEIVED = "proof_received", _("收到投诉或起诉证明")
        RESTORE = "restore", _("恢复内容")
        MAINTAIN = "maintain", _("维持措施")
        WITHDRAWN = "withdrawn", _("通知人撤回")
        CLOSE = "close", _("结案")
        NOTE = "note", _("内部备注")
        EVIDENCE_DOWNLOAD = "evidence_download", _("下载证据材料")
        PURGE_PERSONAL_DATA = "purge_personal_data", _("清除个人信息")

    STATES = TakedownRequest.Status

    request = models.ForeignKey(
        TakedownRequest, verbose_name=_("通知"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("操作"), max_length=40, choices=Action.choices)
    reason = models.TextField(_("理由/说明"), blank=True)
    internal = models.BooleanField(_("仅内部可见"), default=True)

    class Meta(AuditRecord.Meta):
        db_table = "takedowns_event"  # the name it had as ``Event``
        verbose_name = _("处理记录")
        verbose_name_plural = _("处理记录")

    @property
    def change_label(self):
        labels = dict(TakedownRequest.Status.choices)
        if self.from_status == self.to_status:
            return labels.get(self.to_status, "")
        return f"{labels.get(self.from_status, '')} → {labels.get(self.to_status, '')}"
