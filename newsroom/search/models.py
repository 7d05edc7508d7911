"""The search index's documents: one row per public article, community, honour or facility."""

from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models import Community
from newsroom.models import ArticlePlacement, Column, Portal


class SearchDocumentQuerySet(models.QuerySet):
    def visible(self, portal, below=()):
        """Rows readers may see now: scheduled go-live and expiry are decided by the clock at
        query time, like ``Article.objects.public()``; everything else is kept out of the
        index by ``newsroom.search.index``. ``below``: the ids of the portals under ``portal``
        (a city's search covers its districts' sites too)."""
        now = timezone.now()
        # One hit per story: a story this portal took in as its own copy (站群采用) is found as
        # the copy, not also as the original below.
        copied = ArticlePlacement.objects.active().filter(portal=portal, copy__is_live=True).values("article_id")
        # Shared rows have no portal. Coalesce (rather than an OR) keeps the planner on the
        # rank index that the full-text step hands over, not on a scan of the portal's rows.
        return (
            self.alias(for_portal=Coalesce("portal_id", models.Value(portal.pk)))
            .filter(
                models.Q(live_from__isnull=True) | models.Q(live_from__lte=now),
                models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now),
                for_portal__in=[portal.pk, *below],
            )
            .exclude(kind=SearchDocument.Kind.ARTICLE, object_id__in=copied)
        )


class SearchDocument(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("文章")
        COMMUNITY = "community", _("社区")
        HONOUR = "honour", _("荣誉")
        FACILITY = "facility", _("阵地设施")

    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    object_id = models.PositiveIntegerField(_("对象编号"))
    portal = models.ForeignKey(
        Portal,
        verbose_name=_("网站"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("留空表示所有网站共用（社区、荣誉、阵地）。"),
    )
    column = models.ForeignKey(
        Column, verbose_name=_("栏目"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    communities = models.ManyToManyField(Community, verbose_name=_("相关社区"), blank=True, related_name="+")
    # Text, not varchar: 引题 + 标题 + 副题 of a publishable article can exceed any fixed length.
    url = models.TextField(_("网址"))
    title = models.TextField(_("标题"))
    body = models.TextField(_("正文（纯文本）"), blank=True)
    date = models.DateTimeField(_("日期"), db_index=True)
    rank = models.BigIntegerField(_("排序键"), unique=True, help_text=_("由日期生成，越新越大；全文索引按它排序。"))
    live_from = models.DateTimeField(_("上线时间"), null=True, blank=True)
    expires_at = models.DateTimeField(_("下线时间"), null=True, blank=True)
    indexed_at = models.DateTimeField(_("索引时间"), auto_now=True)

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("搜索索引条目")
        verbose_name_plural = _("搜索索引条目")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique")]

    @classmethod
    def rank_for(cls, kind, object_id, date):
        """A sortable, practically unique key: seconds since 1970, then type, then object id."""
        kinds = list(cls.Kind.values)
        return (int(date.timestamp()) << 22) | (kinds.index(kind) << 20) | (object_id & 0xFFFFF)

    def __str__(self):
        return f"{self.get_kind_display()}:{self.title}"
