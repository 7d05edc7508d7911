"""The newsroom: portals, columns, topics, series, people, articles and photos."""

import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.fields import CountField
from communities.models import Community, Facility
from config.richtext import RichTextField

from .credits import CreditKind, render_credit
from .images import validate_image


class PortalQuerySet(models.QuerySet):
    def for_host(self, host):
        """The portal serving ``host`` (port ignored), else the default one."""
        host = host.split(":")[0].lower()
        portals = list(self.order_by("-is_default", "id"))
        for portal in portals:
            if host in portal.host_list:
                return portal
        return portals[0] if portals else None


class Portal(models.Model):
    """A site's identity and everything its header and footer show."""

    name = models.CharField(_("网站名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    hosts = models.CharField(
        _("域名"),
        max_length=500,
        blank=True,
        help_text=_("用逗号分隔,如:www.yqnews.cn, yqnews.cn。未匹配域名的访问显示默认网站。"),
    )
    is_default = models.BooleanField(_("默认网站"), default=False)
    logo = models.ImageField(
        _("网站标志"), upload_to="portal/", blank=True, validators=[validate_image]
    )
    news_hotline = models.CharField(_("新闻热线"), max_length=100, blank=True)
    submission_email = models.EmailField(_("投稿邮箱"), blank=True)
    tip_reward_note = models.CharField(
        _("报料说明"), max_length=200, blank=True, help_text=_("如:一经采纳有费用酬谢。")
    )
    sponsor = models.CharField(_("主办单位"), max_length=200, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=100, blank=True)
    contact_address = models.CharField(_("联系地址"), max_length=200, blank=True)
    icp_number = models.CharField(_("ICP备案号"), max_length=100, blank=True)
    public_security_number = models.CharField(_("公安备案号"), max_length=100, blank=True)
    site_code = models.CharField(_("网站标识码"), max_length=50, blank=True)
    news_licence = models.CharField(_("互联网新闻信息服务许可证号"), max_length=100, blank=True)
    av_licence = models.CharField(_("信息网络传播视听节目许可证号"), max_length=100, blank=True)
    copyright_line = models.CharField(_("版权声明"), max_length=300, blank=True)
    reprint_disclaimer = models.TextField(
        _("转载免责声明"),
        blank=True,
        help_text=_("显示在每篇文章末尾。可用 {days} 代表联系期限天数。"),
    )
    contact_window_days = models.PositiveSmallIntegerField(
        _("内容与版权问题联系期限(天)"),
        default=30,
        validators=[MinValueValidator(1, _("联系期限至少为1天。"))],
    )

    objects = PortalQuerySet.as_manager()

    class Meta:
        verbose_name = _("网站")
        verbose_name_plural = _("网站")

    def __str__(self):
        return self.name

    @property
    def host_list(self):
        return [h.strip().lower() for h in self.hosts.split(",") if h.strip()]

    @property
    def disclaimer(self):
        return self.reprint_disclaimer.replace("{days}", str(self.contact_window_days))

    def clean(self):
        for host in self.host_list:
            if not re.fullmatch(r"[a-z0-9.-]+(:\d+)?", host):
                raise ValidationError({"hosts": _("域名“%(host)s”格式不正确。") % {"host": host}})


class TipChannel(models.Model):
    """A way readers send news tips (报料): WeChat, QQ, phone, e-mail."""

    class Kind(models.TextChoices):
        WECHAT = "wechat", _("微信")
        QQ = "qq", "QQ"
        PHONE = "phone", _("电话")
        EMAIL = "email", _("邮箱")
        OTHER = "other", _("其他")

    portal = models.ForeignKey(
        Portal, verbose_name=_("网站"), on_delete=models.CASCADE, related_name="tip_channels"
    )
    kind = models.CharField(_("方式"), max_length=10, choices=Kind.choices)
    value = models.CharField(_("号码或账号"), max_length=100)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("报料渠道")
        verbose_name_plural = _("报料渠道")
        ordering = ["order", "id"]

    def __str__(self):
        return f"报料{self.get_kind_display()}:{self.value}"


class Column(models.Model):
    """A section of the portal (栏目), possibly inside another (新闻中心 > 党建新闻)."""

    portal = models.ForeignKey(
        Portal, verbose_name=_("网站"), on_delete=models.CASCADE, related_name="columns"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级栏目"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    name = models.CharField(_("栏目名称"), max_length=50)
    slug = models.SlugField(_("网址标识"), max_length=50)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    show_in_nav = models.BooleanField(_("显示在导航"), default=True)
    is_picture_column = models.BooleanField(
        _("图片栏目"), default=False, help_text=_("列表显示缩略图。")
    )
    description = models.TextField(_("栏目说明"), blank=True)

    class Meta:
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["portal", "slug"], name="unique_column_slug_per_portal")
        ]

    def __str__(self):
        return f"{self.parent.name} > {self.name}" if self.parent_id else self.name

    def get_absolute_url(self):
        return reverse("newsroom:column", args=[self.slug])

    def descendants(self, tree=None):
        """This column's id and the ids of every column below it.

        ``tree`` is ``Column.tree(portal)``; without it, one query loads it.
        """
        children = tree if tree is not None else Column.tree(self.portal_id)
        found, stack = [], [self.pk]
        while stack:
            pk = stack.pop()
            found.append(pk)
            stack.extend(children.get(pk, []))
        return found

    @staticmethod
    def tree(portal_id):
        """{parent id: [child ids]} for a portal's columns, in one query."""
        children = {}
        for pk, parent in Column.objects.filter(portal_id=portal_id).values_list("pk", "parent_id"):
            children.setdefault(parent, []).append(pk)
        return children

    def ancestors(self):
        """Columns from the top down to this one (for breadcrumbs)."""
        chain, column = [], self
        while column is not None:
            chain.append(column)
            column = column.parent
        return list(reversed(chain))

    def clean(self):
        if self.parent_id:
            if self.parent.portal_id != self.portal_id:
                raise ValidationError({"parent": _("上级栏目必须属于同一网站。")})
            node = self.parent
            while node is not None:
                if node.pk == self.pk:
                    raise ValidationError({"parent": _("上级栏目不能是本栏目或其下级栏目。")})
                node = node.parent


class Topic(models.Model):
    """A special report (专题), e.g. 走进成都市武侯区."""

    portal = models.ForeignKey(
        Portal, verbose_name=_("网站"), on_delete=models.CASCADE, related_name="topics"
    )
    title = models.CharField(_("专题名称"), max_length=100)
    slug = models.SlugField(_("网址标识"), max_length=100, unique=True)
    description = models.TextField(_("专题简介"), blank=True)
    is_featured = models.BooleanField(_("首页专题报道"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("专题")
        verbose_name_plural = _("专题")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("newsroom:topic", args=[self.slug])


class Series(models.Model):
    """A series of reports (系列报道) with its editor's note (编者按)."""

    portal = models.ForeignKey(
        Portal, verbose_name=_("网站"), on_delete=models.CASCADE, related_name="series"
    )
    title = models.CharField(_("系列名称"), max_length=100)
    short_title = models.CharField(_("简称"), max_length=50, blank=True, help_text=_("如:基层堡垒"))
    slug = models.SlugField(_("网址标识"), max_length=100, unique=True)
    editors_note = models.TextField(_("编者按"), blank=True)
    sister_series = models.ManyToManyField(
        "self", verbose_name=_("姊妹系列"), blank=True, symmetrical=True
    )

    class Meta:
        verbose_name = _("系列报道")
        verbose_name_plural = _("系列报道")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("newsroom:series", args=[self.slug])

    @property
    def label(self):
        return self.short_title or self.title


class Person(models.Model):
    """A reporter, correspondent, editor or photographer named on the portal."""

    name = models.CharField(_("姓名"), max_length=50)
    organisation = models.CharField(_("单位"), max_length=100, blank=True)
    role = models.CharField(_("职务"), max_length=50, blank=True, help_text=_("如:记者、编辑、通讯员"))

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "organisation"], name="unique_person_per_organisation")
        ]

    def __str__(self):
        return f"{self.name}({self.organisation})" if self.organisation else self.name


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: published, and live by the clock."""
        return self.filter(status=Article.Status.PUBLISHED, first_published_at__lte=timezone.now())

    def for_list(self):
        """What list items show: title, date, column, thumbnail."""
        return self.select_related("column", "cover")

    def in_columns(self, columns):
        return self.filter(column__in=columns)


def _new_slug():
    return f"{timezone.localdate():%Y%m%d}-{secrets.token_hex(3)}"


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已发布")

    class Script(models.TextChoices):
        SIMPLIFIED = "zh-hans", _("简体")
        TRADITIONAL = "zh-hant", _("繁体")

    kicker = models.CharField(_("引题"), max_length=200, blank=True)
    title = models.CharField(_("标题"), max_length=200)
    subtitle = models.CharField(_("副题"), max_length=200, blank=True)
    slug = models.SlugField(
        _("网址标识"), max_length=100, unique=True, blank=True, help_text=_("留空自动生成。")
    )
    column = models.ForeignKey(
        Column, verbose_name=_("栏目"), on_delete=models.PROTECT, related_name="articles"
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
    communities = models.ManyToManyField(
        Community, verbose_name=_("相关社区"), blank=True, related_name="articles"
    )
    script = models.CharField(
        _("发布字体"), max_length=7, choices=Script.choices, default=Script.SIMPLIFIED
    )
    summary = models.TextField(_("摘要"), blank=True)
    editors_note = models.TextField(_("编者按"), blank=True)
    dateline = models.CharField(
        _("电头"), max_length=100, blank=True, help_text=_("如:新重庆客户端讯(记者 伊永军)")
    )
    body = RichTextField(_("正文"))

    reporters = models.ManyToManyField(
        Person, verbose_name=_("记者/作者"), blank=True, related_name="reported_articles"
    )
    correspondents = models.ManyToManyField(
        Person, verbose_name=_("通讯员"), blank=True, related_name="corresponded_articles"
    )
    editors_in_charge = models.ManyToManyField(
        Person, verbose_name=_("责任编辑"), blank=True, related_name="edited_articles"
    )

    source_name = models.CharField(_("来源"), max_length=100, blank=True)
    source_url = models.URLField(_("来源网址"), blank=True)
    is_reprint = models.BooleanField(_("转载"), default=False)
    original_title = models.CharField(_("原标题"), max_length=200, blank=True)
    original_author = models.CharField(_("原作者"), max_length=100, blank=True)
    original_url = models.URLField(_("原文链接"), max_length=500, blank=True)

    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    first_published_at = models.DateTimeField(_("首次发布时间"), null=True, blank=True)
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
        indexes = [models.Index(fields=["status", "first_published_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("newsroom:article", args=[self.slug])

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = _new_slug()
        if self.status == self.Status.PUBLISHED and not self.first_published_at:
            self.first_published_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.first_published_at is not None
            and self.first_published_at <= timezone.now()
        )

    def clean(self):
        errors = {}
        if self.is_reprint:
            for field in ("source_name", "original_title", "original_author", "original_url"):
                if not getattr(self, field):
                    label = self._meta.get_field(field).verbose_name
                    errors[field] = _("转载文章必须填写%(field)s。") % {"field": label}
        if self.source_url and not self.source_name:
            errors["source_name"] = _("填写了来源网址,请同时填写来源名称。")
        if self.body and re.search(r"<img\b", self.body, re.IGNORECASE):
            errors["body"] = _(
                "正文中不能直接插入图片:请在下方“图片”中上传,并填写图片说明和署名,"
                "再用“插入位置”放到正文中。"
            )
        if self.cover_id and self.pk and self.cover.article_id != self.pk:
            errors["cover"] = _("封面图必须是本文的图片。")
        if errors:
            raise ValidationError(errors)


class Photo(models.Model):
    """An image with its caption and a structured credit.

    A photo belongs to an article (placed in the body after a paragraph, or in
    the gallery at the end), to a community or to a facility.
    """

    image = models.ImageField(
        _("图片"),
        upload_to="photos/%Y/%m/",
        width_field="width",
        height_field="height",
        validators=[validate_image],
    )
    width = models.PositiveIntegerField(_("宽度"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("高度"), null=True, blank=True, editable=False)
    caption = models.TextField(_("图片说明"), blank=True)
    alt_text = models.CharField(
        _("替代文字"), max_length=200, blank=True, help_text=_("供读屏软件朗读,简述画面内容。")
    )
    credit_kind = models.CharField(_("署名方式"), max_length=20, choices=CreditKind.choices)
    credit_person = models.ForeignKey(
        Person,
        verbose_name=_("拍摄/提供者"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="photos",
    )
    credit_organisation = models.CharField(_("署名单位"), max_length=100, blank=True)
    credit_role = models.CharField(_("署名职务"), max_length=50, blank=True, help_text=_("如:记者"))

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
    body_position = CountField(
        _("插入位置"), help_text=_("放在正文第几段之后;0 表示正文之前,留空则放在文末图集。")
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

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

    @property
    def credit_line(self):
        person = self.credit_person.name if self.credit_person_id else ""
        return render_credit(self.credit_kind, person, self.credit_organisation, self.credit_role)

    def clean(self):
        errors = {}
        if self.credit_kind == CreditKind.PHOTOGRAPHER and not self.credit_person_id:
            errors["credit_person"] = _("署名方式为“摄”时,请选择拍摄者。")
        if errors:
            raise ValidationError(errors)


class Page(models.Model):
    """A standalone page editors write: 关于我们, 联系我们, 版权声明, 隐私政策."""

    portal = models.ForeignKey(Portal, verbose_name=_("网站"), on_delete=models.CASCADE, related_name="pages")
    title = models.CharField(_("标题"), max_length=100)
    slug = models.SlugField(_("网址标识"), max_length=50)
    body = RichTextField(_("正文"))
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    in_footer = models.BooleanField(_("显示在页脚"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("单页")
        verbose_name_plural = _("单页")
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["portal", "slug"], name="unique_page_slug_per_portal")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("newsroom:page", args=[self.slug])
