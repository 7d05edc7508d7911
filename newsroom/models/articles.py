"""Articles and their photos."""

import re
import secrets

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.fields import CountField
from communities.models import Community, Facility, Street
from newsroom.core import slugs
from newsroom.core.content import PublicContent
from newsroom.core.publishing import ALL_PORTALS, PortalScopedQuerySet, Reviewed, ReviewedQuerySet
from newsroom.core.richtext import RichTextField

from ..credits import CreditKind
from ..images import validate_image
from .credited import Credited
from .site import Column, Portal, Series, Topic


def public_condition(at=None):
    """The one definition of a public article: signed off and published (``is_live``), not held
    under a takedown notice (those answer 451), past its go-live time and not past its expiry,
    decided by the clock at query time (no cron job is needed for either)."""
    at = at or timezone.now()
    return models.Q(is_live=True, legal_hold=False, live_from__lte=at) & (
        models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=at)
    )


class TimePrecision(models.TextChoices):
    MINUTE = "minute", _("日期和时间")
    DAY = "day", _("仅日期")
    UNKNOWN = "unknown", _("不详")


class ArticleQuerySet(PortalScopedQuerySet):
    portal_field = "portal"

    def public(self, portal, at=None):
        """What readers of ``portal`` may see at ``at`` (now): every page, feed, sitemap,
        related block and ``is_public`` goes through this."""
        return self.for_portal(portal).filter(public_condition(at))

    def live(self):
        """Published and not held, whatever the clock says: what the search index holds (it
        applies the clock when queried) and what the page cache's clock watches. Not a list for
        readers: that is ``public()``."""
        return self.filter(is_live=True, legal_hold=False)

    def held(self, portal):
        """Published articles of ``portal`` withdrawn under a takedown notice (the 451 page)."""
        return self.for_portal(portal).filter(is_live=True, legal_hold=True)

    def with_public_flag(self, at=None):
        """Each row's ``is_public`` decided in the same query (admin lists)."""
        return self.annotate(public_now=models.ExpressionWrapper(public_condition(at), models.BooleanField()))

    def awaiting(self, user):
        """In review at a step this user may decide (待我审核)."""
        from ..review_steps import steps_for_user

        return self.filter(status=Article.Status.IN_REVIEW).filter(steps_for_user(user, "portal"))

    def authored_by(self, user):
        """Articles ``user`` created or saved a version of (我的稿件)."""
        Revision = apps.get_model("newsroom", "Revision")  # editorial.py builds on this module
        saved = Revision.objects.filter(source=models.OuterRef("pk"), created_by=user)
        return self.filter(models.Q(created_by=user) | models.Exists(saved))

    def public_ids(self, ids):
        """These articles, those of them public now, with their columns (the warm-up's list)."""
        return self.filter(pk__in=ids).filter(public_condition()).select_related("column")

    def links(self):
        """What a plain link to an article shows: its title and date (上一篇, 相关文章)."""
        return self.only("id", "slug", "title", "first_published_at")

    def in_columns(self, portal, column_ids, placed=None):
        """What readers of ``portal`` see in these columns: its own public articles and the other
        portals' public articles linked or mirrored there (站群), each of those carrying
        ``placed_id`` (its link goes to the placement's page) and ``listed_column``.

        The placements (``ArticlePlacement.objects.listed``) are read first (a few rows) and named as literal ids: an ``OR`` with a
        subquery kept PostgreSQL off the (column, date) index — 3.7 ms became 11 ms for a small
        column at 10,000 articles — while ``pk IN (…)`` of nothing drops out of the query."""
        if placed is None:  # else the caller kept them (a cached page reads no row)
            placed = apps.get_model("newsroom", "ArticlePlacement").objects.listed(portal, column_ids)
        found = self.filter(public_condition()).filter(
            models.Q(portal=portal, column__in=column_ids) | models.Q(pk__in=[a for a, _, _ in placed])
        )
        if not placed:
            return found.annotate(
                placed_id=models.Value(None, output_field=models.IntegerField()),
                listed_column=models.F("column"),
            )
        return found.annotate(
            placed_id=models.Case(
                *(models.When(pk=a, then=models.Value(p)) for a, p, _ in placed),
                default=None,
                output_field=models.IntegerField(),
            ),
            listed_column=models.Case(
                *(models.When(pk=a, then=models.Value(c)) for a, _, c in placed),
                default=models.F("column"),
                output_field=models.BigIntegerField(),
            ),
        )

    def neighbours(self, article):
        """(上一篇, 下一篇): the published articles of the same column just older and just newer
        than ``article``, ties on the date going by id. Range conditions, so the (column, date)
        index answers each with one row."""
        # The column is one portal's.
        same_column = self.public(ALL_PORTALS).filter(column=article.column_id).links()
        at, pk = article.first_published_at or timezone.now(), article.pk or 0  # the exclusions leave it out
        older = same_column.filter(first_published_at__lte=at).exclude(first_published_at=at, pk__gte=pk)
        newer = same_column.filter(first_published_at__gte=at).exclude(first_published_at=at, pk__lte=pk)
        return older.first(), newer.order_by("first_published_at", "pk").first()

    def editable(self):
        """Articles whose content (photos included) may be changed in place: not live and not
        in review or signed off. A live article changes through a new version."""
        return self.filter(is_live=False).exclude(status__in=[Article.Status.IN_REVIEW, Article.Status.APPROVED])

    def newest_per_group(self, groups, per, field="column_id"):
        """{group: its ``per`` newest articles of this queryset} for ``groups`` = {group: column
        ids} (the home page's column blocks), in one query whatever the number of groups: the
        newest are numbered within each group (``ROW_NUMBER``) over the narrow rows, and only
        the chosen ones are loaded whole."""
        if not groups:
            return {}
        if len(groups) == 1:  # one group: the newest-first index answers a plain LIMIT at once
            [(key, ids)] = groups.items()
            return {key: list(self.filter(**{f"{field}__in": ids})[:per])}
        group = models.Case(
            *(models.When(**{f"{field}__in": ids}, then=models.Value(key)) for key, ids in groups.items()),
            default=None,
            output_field=models.IntegerField(),
        )
        rank = models.Window(
            RowNumber(),
            partition_by=models.F("group"),
            order_by=[models.F("first_published_at").desc(), models.F("pk").desc()],
        )
        chosen = self.annotate(group=group).filter(group__isnull=False).annotate(rank=rank).filter(rank__lte=per)
        found = {key: [] for key in groups}
        for article in self.filter(pk__in=chosen.values("pk")).annotate(group=group):
            found[article.group].append(article)
        return found

    def for_list(self):
        """What list items show: title, date, column, thumbnail (not the body: lists never show
        it, and it is most of a row)."""
        return self.select_related("column", "cover__asset").defer("body", "editors_note")


def _new_slug():
    return f"{timezone.localdate():%Y%m%d}-{secrets.token_hex(3)}"


class Article(PublicContent, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        IN_REVIEW = "in_review", _("审核中")
        APPROVED = "approved", _("已签发待发布")
        REJECTED = "rejected", _("已退回")
        PUBLISHED = "published", _("已发布")
        UNPUBLISHED = "unpublished", _("已下线")
        WITHDRAWN = "withdrawn", _("已撤稿")

    class RiskTier(models.TextChoices):
        ORDINARY = "A", _("A 普通")
        IMPORTANT = "B", _("B 重要")
        SENSITIVE = "C", _("C 敏感")

    class Script(models.TextChoices):
        SIMPLIFIED = "zh-hans", _("简体")
        TRADITIONAL = "zh-hant", _("繁体")

    kicker = models.CharField(_("引题"), max_length=200, blank=True)
    title = models.CharField(_("标题"), max_length=200)
    subtitle = models.CharField(_("副题"), max_length=200, blank=True)
    slug = models.SlugField(
        _("网址标识"), max_length=100, blank=True, help_text=_("留空自动生成；同一网站内不能重复。")
    )
    column = models.ForeignKey(Column, verbose_name=_("栏目"), on_delete=models.PROTECT, related_name="articles")
    #: The portal of its column, kept on the row (set on save) so that a portal's articles are
    #: one indexed lookup and the slug is unique per portal (站群).
    portal = models.ForeignKey(
        Portal, verbose_name=_("网站"), on_delete=models.PROTECT, related_name="articles", editable=False
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("专题"), blank=True, related_name="articles")
    series = models.ForeignKey(
        Series,
        verbose_name=_("系列报道"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    communities = models.ManyToManyField(Community, verbose_name=_("相关社区"), blank=True, related_name="articles")
    streets = models.ManyToManyField(
        Street,
        verbose_name=_("相关街道（乡镇）"),
        blank=True,
        related_name="articles",
        help_text=_("报道街道党工委、街道阵地等时选择。"),
    )
    script = models.CharField(_("发布字体"), max_length=7, choices=Script.choices, default=Script.SIMPLIFIED)
    summary = models.TextField(_("摘要"), blank=True)
    editors_note = models.TextField(_("编者按"), blank=True)
    dateline = models.CharField(
        _("电头"),
        max_length=100,
        blank=True,
        help_text=_("如：新重庆客户端讯。署在电头的记者、通讯员在“署名”中勾选“署在电头”，会自动加在括号里。"),
    )
    body = RichTextField(_("正文"))

    source_name = models.CharField(
        _("来源"), max_length=100, blank=True, help_text=_("原发媒体或单位，如：云南网。转载必填。")
    )
    source_url = models.URLField(_("来源网址"), blank=True)
    via_name = models.CharField(
        _("转自"),
        max_length=100,
        blank=True,
        help_text=_("经由哪家媒体转来，与来源不同时填写，如：人民网内蒙古频道。"),
    )
    is_reprint = models.BooleanField(_("转载"), default=False)
    original_title = models.CharField(_("原标题"), max_length=200, blank=True)
    original_author = models.CharField(_("原作者"), max_length=100, blank=True)
    original_url = models.URLField(
        _("原文链接"), max_length=500, blank=True, help_text=_("建议填写；不知道时可留空（发布前会提示）。")
    )
    original_published_at = models.DateTimeField(_("原文发布时间"), null=True, blank=True)
    original_time_precision = models.CharField(
        _("原文发布时间精度"), max_length=10, choices=TimePrecision.choices, default=TimePrecision.MINUTE
    )
    original_issue = models.CharField(
        _("原载期次"), max_length=50, blank=True, help_text=_("转自报刊时填写，如：第1234期、2022年第3期")
    )
    original_page = models.CharField(_("原载版次"), max_length=20, blank=True, help_text=_("如：第3版、A2版"))
    original_time_unknown_reason = models.CharField(
        _("原文发布时间不详的原因"), max_length=200, blank=True, help_text=_("如：原文页面未注明发布时间。")
    )

    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False)
    review_step = models.PositiveSmallIntegerField(_("当前审核步骤"), default=0, editable=False)
    review_total = models.PositiveSmallIntegerField(_("审核步骤总数"), default=0, editable=False)
    risk_tier = models.CharField(
        _("风险等级"),
        max_length=1,
        choices=RiskTier.choices,
        default=RiskTier.ORDINARY,
        help_text=_("网站启用分级审核时，决定审核步骤数。"),
    )
    is_live = models.BooleanField(_("线上可见"), default=False, editable=False)
    live_from = models.DateTimeField(_("上线时间"), null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(_("定时下线时间"), null=True, blank=True)
    first_published_at = models.DateTimeField(_("首次发布时间"), null=True, blank=True, editable=False)
    first_published_precision = models.CharField(
        _("首次发布时间精度"),
        max_length=10,
        choices=TimePrecision.choices[:2],
        default=TimePrecision.MINUTE,
        editable=False,
        help_text=_("本网往年稿件只知道日期时为“仅日期”：页面只显示日期，不编造 00:00。"),
    )
    version = models.PositiveIntegerField(_("版本号"), default=1, editable=False)
    legal_hold = models.BooleanField(
        _("依法下架"), default=False, editable=False, help_text=_("侵权通知处理措施：页面返回 451，可由版权审核恢复。")
    )
    legal_hold_category = models.CharField(_("下架原因类别"), max_length=20, blank=True, editable=False)
    legal_hold_since = models.DateTimeField(_("下架时间"), null=True, blank=True, editable=False)
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("修改的线上文章"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="draft_versions",
        help_text=_("线上文章的新版本草稿：审核通过并发布后替换线上内容。"),
    )
    is_headline = models.BooleanField(_("头条"), default=False)
    is_slideshow = models.BooleanField(_("幻灯"), default=False)
    is_picture_news = models.BooleanField(_("图片新闻"), default=False)
    is_recommended = models.BooleanField(_("推荐"), default=False)
    cover = models.ForeignKey(
        "Photo",
        verbose_name=_("封面图"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    view_count = models.PositiveIntegerField(_("点击数"), default=0, editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("文章")
        verbose_name_plural = _("文章")
        ordering = ["-first_published_at", "-id"]
        indexes = [
            models.Index(fields=["is_live", "live_from"]),
            models.Index(fields=["status", "review_step"]),
            # Every list is "newest published first, the first few": read this index backwards.
            models.Index(fields=["-first_published_at", "-id"], name="article_newest_first"),
            # 上一篇/下一篇 and column lists: one column's articles by date.
            models.Index(fields=["column", "-first_published_at", "-id"], name="article_column_newest"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["portal", "slug"],
                name="unique_article_slug_per_portal",
                violation_error_message=_("同一网站内已有使用该网址标识的文章。"),
            )
        ]
        permissions = [
            ("review_first", _("初审")),
            ("review_second", _("复审")),
            ("review_final", _("终审签发")),
            ("change_publish_date", _("修改首次发布时间")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        placed = getattr(self, "placed_id", None)  # listed in another portal (``in_columns``)
        if placed:
            return reverse("newsroom:placed", args=[placed])
        return slugs.slug_url("newsroom:article", self.slug)

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        # what was stored (unique then): ``clean`` looks the slug up again only once it changes
        article._stored_slug = (article.__dict__.get("slug"), article.__dict__.get("column_id"))
        return article

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = _new_slug()
        if self.column_id and (not self.portal_id or self.column.portal_id != self.portal_id):
            self.portal_id = self.column.portal_id
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "portal"}
        super().save(*args, **kwargs)

    @property
    def root(self):
        """The live article a draft version belongs to, else the article itself."""
        return self.replaces if self.replaces_id else self

    def authors(self):
        """Everyone who wrote this version: its creator and whoever saved a revision of it (or
        changed one of its photos on the photo page). Four eyes keeps them from deciding it."""
        Revision = apps.get_model("newsroom", "Revision")
        savers = Revision.objects.filter(source=self, created_by__isnull=False).values_list("created_by", flat=True)
        return {self.created_by_id, *savers} - {None}

    @property
    def review_step_label(self):
        from ..review_steps import step_label

        return step_label(self.review_step, self.review_total) if self.status == self.Status.IN_REVIEW else ""

    @property
    def is_editable(self):
        return not self.is_live and self.status not in (self.Status.IN_REVIEW, self.Status.APPROVED)

    @property
    def published_display(self):
        """The first publish time as precisely as it is known (a past article: the date alone)."""
        if not self.first_published_at:
            return ""
        local = timezone.localtime(self.first_published_at)
        return f"{local:%Y-%m-%d}" if self.first_published_precision == TimePrecision.DAY else f"{local:%Y-%m-%d %H:%M}"

    @property
    def print_edition_display(self):
        """原载 第1234期 第3版: where a reprint stood in the paper."""
        return " ".join(part for part in (self.original_issue, self.original_page) if part)

    @property
    def original_time_display(self):
        """The original's publish time as precisely as it is known: no invented 00:00."""
        if not self.original_published_at or self.original_time_precision == TimePrecision.UNKNOWN:
            return ""
        local = timezone.localtime(self.original_published_at)
        return f"{local:%Y-%m-%d}" if self.original_time_precision == TimePrecision.DAY else f"{local:%Y-%m-%d %H:%M}"

    @property
    def is_public(self):
        """What ``public()`` decides for this article now (a held article answers 451: not
        public). Read from ``with_public_flag()`` when the list was loaded with it."""
        if hasattr(self, "public_now"):
            return self.public_now
        return bool(self.pk) and Article.objects.public(ALL_PORTALS).filter(pk=self.pk).exists()

    def clean(self):
        errors = {}
        # The page prints a 副题 after its own dash (——副题): a typed or pasted dash is not doubled.
        self.subtitle = re.sub(r"^\s*(?:——|—|－－|--)\s*", "", self.subtitle or "")
        if self.slug and self.column_id and (self.slug, self.column_id) != getattr(self, "_stored_slug", None):
            portal = Column.objects.filter(pk=self.column_id).values("portal")
            if Article.objects.filter(portal__in=portal, slug=self.slug).exclude(pk=self.pk).exists():
                errors["slug"] = _("同一网站内已有使用该网址标识的文章，请换一个。")
        if self.is_reprint:
            # 《互联网新闻信息服务管理规定》: a reprint names its source, original author and title
            # (原文链接 is good practice, checked as a warning before publishing).
            for field in ("source_name", "original_title", "original_author"):
                if not getattr(self, field):
                    label = self._meta.get_field(field).verbose_name
                    errors[field] = _("转载文章必须填写%(field)s。") % {"field": label}
            unknown = self.original_time_precision == TimePrecision.UNKNOWN
            if unknown and not self.original_time_unknown_reason.strip():
                errors["original_time_unknown_reason"] = _("原文发布时间不详时，请说明原因。")
            if not unknown and not self.original_published_at:
                errors["original_published_at"] = _("请填写原文发布时间；原文未注明时，精度选“不详”并说明原因。")
        if self.original_published_at and self.original_published_at > timezone.now():
            errors["original_published_at"] = _("原文发布时间不能晚于现在。")
        if self.source_url and not self.source_name:
            errors["source_name"] = _("填写了来源网址，请同时填写来源名称。")
        if self.body and re.search(r"<img\b", self.body, re.IGNORECASE):
            errors["body"] = _(
                "正文中不能直接插入图片：请在下方“图片”中上传，并填写图片说明和署名，再用“插入位置”放到正文中。"
            )
        if self.expires_at and self.live_from and self.expires_at <= self.live_from:
            errors["expires_at"] = _("定时下线时间必须晚于上线时间。")
        if self.cover_id and self.pk and self.cover.article_id != self.pk:
            errors["cover"] = _("封面图必须是本文的图片。")
        if errors:
            raise ValidationError(errors)


class PhotoQuerySet(ReviewedQuerySet):
    def public(self):
        """Photos a reader may see: not hidden by a takedown, and on a published article, or
        approved (``is_live``) on an approved community or facility."""
        return self.filter(hidden_by_takedown=False).filter(
            # Media files are served by name on any of the portals' hosts.
            models.Q(article__in=Article.objects.public(ALL_PORTALS).values("pk"))
            | models.Q(article__isnull=True, is_live=True, community__is_live=True)
            | models.Q(article__isnull=True, is_live=True, facility__is_live=True)
        )

    def file_is_public(self, name):
        """Whether the image file ``name`` may be served to anyone: some public photo shows it,
        and no takedown hides any photo that shows it (a takedown hides every use of the file)."""
        uses = self.filter(image=name)
        return uses.public().exists() and not uses.filter(hidden_by_takedown=True).exists()


class Photo(Reviewed, Credited):
    """One use of an image from the library, with the caption, position and credit of that use.

    A photo belongs to an article (placed in the body after a paragraph, or in the gallery at
    the end), to a community or to a facility. It either picks an image from the library
    (``asset``: the credit and defaults come with it) or uploads a new one, which joins the
    library on save. ``image`` names the library's file, so every use of an image shares it.
    """

    asset = models.ForeignKey(
        "newsroom.ImageAsset",
        verbose_name=_("图片库图片"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="uses",
        help_text=_("从图片库选用（署名随图片带入），或在下方上传新图片。"),
    )
    image = models.ImageField(
        _("上传新图片"),
        upload_to="library/%Y/%m/",
        blank=True,
        db_index=True,  # every /media/ request looks its file up (newsroom/media.py)
        width_field="width",
        height_field="height",
        validators=[validate_image],
    )
    width = models.PositiveIntegerField(_("宽度"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("高度"), null=True, blank=True, editable=False)
    caption = models.TextField(_("图片说明"), blank=True)
    alt_text = models.CharField(
        _("替代文字"), max_length=200, blank=True, help_text=_("供读屏软件朗读，简述画面内容。")
    )
    credit_kind = models.CharField(
        _("署名方式"),
        max_length=20,
        choices=CreditKind.choices,
        blank=True,
        help_text=_("选用图片库图片时可留空，沿用其署名。"),
    )

    article = models.ForeignKey(
        Article,
        verbose_name=_("所属文章"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="photos",
    )
    community = models.ForeignKey(
        Community,
        verbose_name=_("所属社区"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="photos",
    )
    facility = models.ForeignKey(
        Facility,
        verbose_name=_("所属阵地/设施"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="photos",
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    hidden_by_takedown = models.BooleanField(_("依法屏蔽"), default=False, editable=False)
    body_position = CountField(_("插入位置"), help_text=_("放在正文第几段之后；0 表示正文之前，留空则放在文末图集。"))
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        verbose_name = _("图片")
        verbose_name_plural = _("图片")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(article__isnull=False)
                | models.Q(community__isnull=False)
                | models.Q(facility__isnull=False),
                name="photo_belongs_somewhere",
                violation_error_message=_("图片需属于一篇文章、一个社区或一个阵地/设施。"),
            )
        ]

    def __str__(self):
        return self.caption[:40] or self.image.name

    def take_from_library(self):
        """A use of a library image starts from its file and, where the use says nothing, its
        credit, caption and alt text. A new upload joins the library (stripped of metadata)."""
        ImageAsset = self._meta.get_field("asset").related_model
        if self.image and not self.asset_id:
            credit = {"caption": self.caption, "alt_text": self.alt_text, **self.credit_values()}
            # an article's new photo belongs to its portal; a community's or facility's is the
            # platform's (geography every portal shows)
            credit["portal_id"] = self.article.portal_id if self.article_id else None
            if getattr(self.image, "_committed", True):  # already stored (an import, the demo)
                self.asset = ImageAsset.objects.adopt(self.image.name, **credit)
            else:
                asset = ImageAsset(file=self.image.file, **credit)
                asset.file.name = self.image.name
                asset.save()
                # the same photo uploaded again: the library keeps the first, and this use takes it
                self.asset, self.already_in_library = ImageAsset.objects.keep_first(asset)
        if self.asset_id:
            asset = self.asset
            if self.image.name != asset.file.name:
                self.image = asset.file.name
            # The size as the library measured it: a file saved in place (``image.save(...,
            # save=False)``, as the importer does) leaves the photo's own size empty, and a
            # photo without one has its file reopened every time it is loaded.
            if asset.width and asset.height:
                self.width, self.height = asset.width, asset.height
            if not self.credit_kind:
                for name, value in asset.credit_values().items():
                    setattr(self, name, value)
            self.caption = self.caption or asset.caption
            self.alt_text = self.alt_text or asset.alt_text

    def save(self, *args, **kwargs):
        self.take_from_library()
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if not self.image and not self.asset_id:
            errors["asset"] = _("请从图片库选用图片，或上传新图片。")
        if not self.credit_kind and not self.asset_id:
            errors["credit_kind"] = _("请选择署名方式。")
        errors.update(self.credit_problems())
        if errors:
            raise ValidationError(errors)
