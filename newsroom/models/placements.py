"""An article written once in its origin portal and shown in other portals' columns (站群).

Three kinds, as the 站群 systems our users know them (JEECMS's 链接型引用/镜像型引用/推送):

- **链接** (``LINK``): the target column lists the story and the link goes to the origin's page;
- **镜像** (``MIRROR``): the target shows the origin's text under its own chrome and column; the
  canonical address stays the origin's, search counts it once, and the origin's every change
  (a correction, a withdrawal, a takedown) is what the target shows, at once;
- **本网稿件** (``COPY``): the target's own article (``copy``), written from the origin and sent
  through the target's own 三审, carrying where it came from; a takedown at the origin holds
  every copy with it.

Each placement records who made it, when, from which version of the origin, and how it came
(报送 and 采用, 推送, 引用); a revoked one stays as a record and shows nowhere.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.core.content import PublicContent
from newsroom.core.publishing import PortalScopedQuerySet

from .articles import Article
from .site import Column, Portal


class PlacementQuerySet(PortalScopedQuerySet):
    portal_field = "portal"

    def active(self):
        return self.filter(revoked_at__isnull=True)

    def behind(self):
        """Copies whose origin has been corrected since (a newer version published there)."""
        return self.active().filter(kind=ArticlePlacement.Kind.COPY, version__lt=models.F("article__version"))

    def listed(self, portal, column_ids):
        """(article id, placement id, column id) of the links and mirrors in these columns."""
        return list(self.shown(portal).filter(column__in=column_ids).values_list("article_id", "pk", "column_id"))

    def shown(self, portal):
        """Link and mirror placements readers of ``portal`` meet in its columns (copies are the
        portal's own articles and list as such)."""
        return self.for_portal(portal).active().exclude(kind=ArticlePlacement.Kind.COPY)


class ArticlePlacement(PublicContent, models.Model):
    class Kind(models.TextChoices):
        LINK = "link", _("链接引用")
        MIRROR = "mirror", _("镜像引用")
        COPY = "copy", _("本网稿件")

    class Via(models.TextChoices):
        SUBMISSION = "submission", _("报送采用")
        PUSH = "push", _("站群推送")
        QUOTE = "quote", _("引用")
        CONTRIBUTION = "contribution", _("通讯员投稿")

    article = models.ForeignKey(Article, verbose_name=_("原稿"), on_delete=models.CASCADE, related_name="placements")
    portal = models.ForeignKey(
        Portal, verbose_name=_("发布到网站"), on_delete=models.CASCADE, related_name="placements"
    )
    column = models.ForeignKey(
        Column, verbose_name=_("发布到栏目"), on_delete=models.PROTECT, related_name="placements"
    )
    kind = models.CharField(_("方式"), max_length=10, choices=Kind.choices)
    via = models.CharField(_("来由"), max_length=12, choices=Via.choices, default=Via.QUOTE)
    copy = models.OneToOneField(
        Article,
        verbose_name=_("本网稿件"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="provenance",
        help_text=_("采用为本网稿件时，在本网走三审的那篇文章。"),
    )
    version = models.PositiveIntegerField(_("原稿版本"), help_text=_("发布时原稿的版本号。"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("时间"), default=timezone.now)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("撤销人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    revoke_reason = models.CharField(_("撤销理由"), max_length=200, blank=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        verbose_name = _("站群发布")
        verbose_name_plural = _("站群发布")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "portal"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_active_placement_per_portal",
                violation_error_message=_("这篇文章已经发布到该网站。"),
            )
        ]
        indexes = [models.Index(fields=["column", "revoked_at"], name="placement_column_active")]

    def __str__(self):
        return f"{self.article} → {self.portal}（{self.get_kind_display()}）"

    @property
    def is_active(self):
        return self.revoked_at is None

    def get_absolute_url(self):
        return reverse("newsroom:placed", args=[self.pk])
