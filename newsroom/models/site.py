"""The portal itself: identity, columns, topics, series, people and standalone pages."""

import re

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.core import slugs
from newsroom.core.content import PublicContent
from newsroom.core.publishing import (
    ALL_PORTALS,
    PortalReviewedQuerySet,
    PortalScopedQuerySet,
    Reviewed,
    ReviewedQuerySet,
)
from newsroom.core.richtext import RichTextField

from ..images import validate_image
from .bylines import BylineRole

# The looks a portal may take (templates/themes/<name>/ and static/css/themes/<name>.css): each
# follows one kind of portal its readers know; none is a free-form template.
THEMES = [
    ("", _("地方新闻网频道（红色报头，侧栏头条新闻、图片新闻、部门新闻、专题报道）")),
    ("county", _("县区门户（绿色报头，侧栏最新新闻带摘要和时间）")),
    ("government", _("区县政府网站（深蓝报头，侧栏标题列表带短日期）")),
    ("people", _("人民网党建频道（深红报头，推荐阅读带【详细】）")),
    ("client", _("新闻客户端网页版（蓝色导航，您可能感兴趣的文章）")),
]


class PortalQuerySet(models.QuerySet):
    def for_host(self, host, portals=None):
        """The portal serving ``host`` (port ignored), else the default one. ``portals``: all of
        them, when the caller already has them (the middleware keeps them in the cache)."""
        host = host.split(":")[0].lower()
        portals = list(self.order_by("-is_default", "id")) if portals is None else portals
        for portal in portals:
            if host in portal.host_list:
                return portal
        return portals[0] if portals else None

    def default(self):
        """The default portal (the first, when none is marked)."""
        return self.order_by("-is_default", "id").first()

    def tree(self):
        """(portal, depth) in tree order (city → district → street): each portal after its
        parent; a portal whose parent is not among these starts a tree of its own."""
        portals = list(self.order_by("-is_default", "id"))
        known = {portal.pk for portal in portals}
        children = {}
        for portal in portals:
            children.setdefault(portal.parent_id if portal.parent_id in known else None, []).append(portal)

        def walk(parent, depth):
            for portal in children.get(parent, []):
                yield portal, depth
                yield from walk(portal.pk, depth + 1)

        return list(walk(None, 0))


class Portal(PublicContent, models.Model):
    """A site's identity and everything its header and footer show."""

    name = models.CharField(_("网站名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    slug = models.SlugField(
        _("网址标识"),
        max_length=50,
        unique=True,
        blank=True,
        null=True,
        help_text=_("命令行和导出文件用来指明网站，如：yuquan。留空则按简称的拼音自动生成。"),
    )
    hosts = models.CharField(
        _("域名"),
        max_length=500,
        blank=True,
        help_text=_("用逗号分隔，如：www.yqnews.cn, yqnews.cn。未匹配域名的访问显示默认网站。"),
    )
    is_default = models.BooleanField(_("默认网站"), default=False)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级网站"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("网站群的层级：市 → 区县 → 街道、部门。上级网站的错敏词、领导姓名和署名角色下级网站一并使用。"),
    )
    streets = models.ManyToManyField(
        "communities.Street",
        verbose_name=_("辖区街道（乡镇）"),
        blank=True,
        related_name="portals",
        help_text=_(
            "这些街道（乡镇）及其社区、荣誉、阵地由本网站的人员编辑和审核；"
            "社区资料全平台可读。未划入任何网站的，由平台上有相应角色的人员编辑。"
        ),
    )
    push_policy = models.CharField(
        _("接受站群推送"),
        max_length=10,
        choices=[
            ("open", _("接受所有网站的推送")),
            ("chosen", _("只接受指定网站的推送")),
            ("closed", _("不接受推送")),
        ],
        default="open",
        db_default="open",
        help_text=_("其他网站推送来的稿件进入本网草稿，仍须经本网三审才能发布。"),
    )
    push_from = models.ManyToManyField(
        "self",
        verbose_name=_("接受推送的网站"),
        symmetrical=False,
        blank=True,
        related_name="+",
        help_text=_("选择“只接受指定网站的推送”时适用。"),
    )
    logo = models.ImageField(
        _("网站标志"),
        upload_to="portal/",
        blank=True,
        validators=[validate_image],
        help_text=_("不含文字的徽标（PNG、JPEG），显示在网站名称左侧。"),
    )
    banner = models.ImageField(
        _("页头横幅"),
        upload_to="portal/",
        blank=True,
        validators=[validate_image],
        help_text=_("含网站名称的整幅页头图片（建议宽1000像素、高100像素）；设置后代替标志和文字名称。"),
    )
    news_hotline = models.CharField(_("新闻热线"), max_length=100, blank=True)
    submission_email = models.EmailField(_("投稿邮箱"), blank=True)
    tip_reward_note = models.CharField(
        _("报料说明"), max_length=200, blank=True, help_text=_("如：一经采纳有费用酬谢。")
    )
    sponsor = models.CharField(_("主办单位"), max_length=200, blank=True)
    # db_default: a server still running the previous release (a rolling deploy) inserts rows too
    organiser = models.CharField(_("承办单位"), max_length=200, blank=True, db_default="")
    contact_phone = models.CharField(_("联系电话"), max_length=100, blank=True)
    contact_address = models.CharField(_("联系地址"), max_length=200, blank=True)
    icp_number = models.CharField(
        _("ICP备案号"),
        max_length=100,
        blank=True,
        help_text=_("如：蒙ICP备05002547号-1；页脚链接到工业和信息化部备案系统。"),
    )
    public_security_number = models.CharField(
        _("公安备案号"),
        max_length=100,
        blank=True,
        help_text=_("如：蒙公网安备 15010402000123号；页脚带公安备案图标，链接到全国互联网安全管理服务平台。"),
    )
    site_code = models.CharField(
        _("网站标识码"), max_length=50, blank=True, help_text=_("政府网站标识码，如：1501040001。")
    )
    government_mark_url = models.URLField(
        _("党政机关网站标识链接"),
        blank=True,
        db_default="",
        help_text=_(
            "开办单位的党政机关网站标识核验地址（机构编制部门提供），如：https://bszs.conac.cn/sitename?method=show&id=…"
        ),
    )
    news_licence = models.CharField(_("互联网新闻信息服务许可证号"), max_length=100, blank=True)
    av_licence = models.CharField(_("信息网络传播视听节目许可证号"), max_length=100, blank=True)
    copyright_line = models.CharField(_("版权声明"), max_length=300, blank=True)
    reprint_disclaimer = models.TextField(
        _("转载免责声明"),
        blank=True,
        help_text=_("显示在每篇文章末尾。可用 {days} 代表联系期限天数。"),
    )
    review_steps = models.PositiveSmallIntegerField(
        _("审核步骤数"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
        help_text=_("3：初审、复审、终审；2：初审、终审；1：终审。"),
    )
    risk_tiers_enabled = models.BooleanField(_("启用分级审核"), default=False)
    tier_a_steps = models.PositiveSmallIntegerField(
        _("A 普通稿件审核步骤"), default=2, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    tier_b_steps = models.PositiveSmallIntegerField(
        _("B 重要稿件审核步骤"), default=3, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    tier_c_steps = models.PositiveSmallIntegerField(
        _("C 敏感稿件审核步骤"), default=3, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    content_review_steps = models.PositiveSmallIntegerField(
        _("社区等内容的审核步骤数"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
        help_text=_("社区、荣誉、阵地、专题、系列、单页的修改：1：终审；2：初审、终审；3：初审、复审、终审。"),
    )
    allow_self_review = models.BooleanField(
        _("允许作者本人审核"),
        default=False,
        help_text=_(
            "不建议开启：开启后作者可审核、发布自己的稿件，一人可完成多个审核步骤。"
            "仅供人员不足、确需一人完成审核的网站使用；修改会记入操作日志，并在后台每一页提示。"
        ),
    )
    takedown_sla_hours = models.PositiveSmallIntegerField(
        _("侵权通知处理时限（小时）"),
        default=24,
        validators=[MinValueValidator(1)],
        help_text=_("自收到完整通知起计算。"),
    )
    restore_policy = models.CharField(
        _("反通知后的恢复方式"),
        max_length=10,
        default="immediate",
        choices=[
            ("immediate", _("立即恢复（《信息网络传播权保护条例》第十七条）")),
            ("after_days", _("期满无投诉或起诉证明后恢复（《民法典》第一千一百九十六条）")),
        ],
    )
    restore_after_days = models.PositiveSmallIntegerField(
        _("等待投诉或起诉证明的天数"), default=15, validators=[MinValueValidator(1)]
    )
    info_wait_days = models.PositiveSmallIntegerField(
        _("等待补充材料的天数"),
        default=15,
        validators=[MinValueValidator(1)],
        help_text=_("要求通知人补充材料后，处理期限最多暂停这么多天；逾期未补充的，按现有材料处理。"),
    )
    preview_link_hours = models.PositiveSmallIntegerField(
        _("预览链接有效期（小时）"), default=72, validators=[MinValueValidator(1)]
    )
    byline_end_style = models.CharField(
        _("文末署名样式"),
        max_length=12,
        choices=[
            ("brackets", _("[责任编辑：王晋南]（内蒙古新闻网等）")),
            ("parentheses", _("（责编：高巍、秦华）（人民网等，用简称）")),
        ],
        default="brackets",
    )
    theme = models.CharField(
        _("页面风格"),
        max_length=20,
        blank=True,
        db_default="",
        default="",
        choices=THEMES,
        help_text=_("网站页面的版式与配色，从平台提供的几种风格中选择；文章、栏目和设置不受影响。"),
    )
    breadcrumb_label = models.CharField(
        _("位置导航提示语"), max_length=20, default="当前位置", help_text=_("如：当前位置、您当前的位置。")
    )
    breadcrumb_style = models.CharField(
        _("文章页位置导航"),
        max_length=10,
        choices=[
            ("columns", _("首页 > 栏目 > 子栏目（多数网站）")),
            ("topic", _("首页>>专题>>新闻列表：文章属于专题时经专题（人民网等）")),
        ],
        default="columns",
    )
    recommended_heading = models.CharField(
        _("推荐阅读栏标题"),
        max_length=20,
        choices=[("推荐阅读", _("推荐阅读")), ("您可能感兴趣的文章", _("您可能感兴趣的文章"))],
        default="推荐阅读",
    )
    allow_uncredited_photos = models.BooleanField(
        _("允许图片未署名"),
        default=False,
        help_text=_("不勾选时，署名方式为“未署名”的图片不能发布；勾选后发布前仍会提示。"),
    )
    contact_window_days = models.PositiveSmallIntegerField(
        _("内容与版权问题联系期限（天）"),
        default=30,
        validators=[MinValueValidator(1, _("联系期限至少为1天。"))],
    )
    mourning_from = models.DateField(
        _("哀悼日灰色显示开始"), null=True, blank=True, help_text=_("全国哀悼日等：这几天全站以灰色显示。")
    )
    mourning_until = models.DateField(_("哀悼日灰色显示结束"), null=True, blank=True, help_text=_("含当天。"))

    objects = PortalQuerySet.as_manager()

    class Meta:
        verbose_name = _("网站")
        verbose_name_plural = _("网站")

    def __str__(self):
        return self.name

    #: What a government portal's footer must carry (国办发〔2017〕47号《政府网站发展指引》,
    #: 工信部 ICP 备案, 公安部 备案): the city page shows which are missing.
    IDENTITY_FIELDS = ("sponsor", "icp_number", "public_security_number", "site_code", "government_mark_url")

    def identity_missing(self):
        """The labels of the footer identity fields left empty."""
        return [
            str(self._meta.get_field(name).verbose_name) for name in self.IDENTITY_FIELDS if not getattr(self, name)
        ]

    def home_url(self, request):
        """The portal's home page, reached from ``request`` (its scheme; its port when the
        portal's first host names none, as on a development server)."""
        if not self.host_list:
            return "/"
        host = self.host_list[0]
        asked = request.get_host()  # the port the reader typed, as the browser sent it
        port = asked.rpartition(":")[2] if ":" in asked else request.get_port()
        if ":" not in host and port not in ("80", "443"):
            host = f"{host}:{port}"
        return f"{request.scheme}://{host}/"

    @property
    def public_security_code(self):
        """The digits of the 公安备案号, for the record's link (recordcode=…)."""
        return "".join(re.findall(r"\d+", self.public_security_number))

    def is_own_source(self, name):
        """Whether a 来源 names this portal or the office behind it (网站名称, 简称, 主办/承办单位):
        an article so sourced is the portal's own, not a reprint. 五华区融媒体中心 is the own source
        of a portal run by 昆明市五华区融媒体中心."""
        name = re.sub(r"\s+", "", name or "")
        if not name:
            return False
        own = [re.sub(r"\s+", "", n) for n in (self.name, self.short_name, self.sponsor, self.organiser) if n]
        return any(name == n or (min(len(name), len(n)) >= 4 and (name in n or n in name)) for n in own)

    def accepts_push_from(self, portal):
        """Whether a push from ``portal`` may land in this portal's drafts."""
        if self.push_policy == "open":
            return True
        return self.push_policy == "chosen" and self.push_from.filter(pk=portal.pk).exists()

    def lineage(self):
        """This portal and those above it, nearest first (a list of ids; read once per object)."""
        if not hasattr(self, "_lineage"):
            found, parent = [self.pk], self.parent_id
            while parent is not None and parent not in found:
                found.append(parent)
                parent = Portal.objects.filter(pk=parent).values_list("parent_id", flat=True).first()
            self._lineage = found
        return self._lineage

    def descendants(self):
        """The ids of the portals below this one, at any depth."""
        found, level = [], [self.pk]
        while level:
            level = list(Portal.objects.filter(parent__in=level).exclude(pk__in=found).values_list("pk", flat=True))
            found.extend(level)
        return found

    @property
    def in_mourning(self):
        """Whether today (Asia/Shanghai) falls within the 哀悼日 range the site admin set."""
        if not self.mourning_from:
            return False
        today = timezone.localdate()
        return self.mourning_from <= today <= (self.mourning_until or self.mourning_from)

    def save(self, *args, **kwargs):
        created = self._state.adding
        slugs.fill(self, self.short_name or self.name, fallback="portal")
        super().save(*args, **kwargs)
        if created:
            BylineRole.objects.create_defaults(self)

    @property
    def host_list(self):
        return [h.strip().lower() for h in self.hosts.split(",") if h.strip()]

    @property
    def disclaimer(self):
        return self.reprint_disclaimer.replace("{days}", str(self.contact_window_days))

    def clean(self):
        if self.parent_id and self.pk and (self.parent_id == self.pk or self.parent_id in self.descendants()):
            raise ValidationError({"parent": _("上级网站不能是本网站或它的下级网站。")})
        for host in self.host_list:
            if not re.fullmatch(r"[a-z0-9.-]+(:\d+)?", host):
                raise ValidationError({"hosts": _("域名“%(host)s”格式不正确。") % {"host": host}})
        if self.mourning_from and self.mourning_until and self.mourning_until < self.mourning_from:
            raise ValidationError({"mourning_until": _("结束日期不能早于开始日期。")})


class OwnedQuerySetMixin:
    """Rows a portal owns (站群's 资源管理): private to it unless shared."""

    def reachable_from(self, portals):
        """What staff of ``portals`` (ids; None: every portal) may use: their portals' own rows,
        rows shared with the other portals, and the platform's (no owner)."""
        if portals is None:
            return self
        return self.filter(self.usable_in(portals))

    def usable_in(self, portals):
        return models.Q(portal__in=portals) | models.Q(shared=True) | models.Q(portal__isnull=True)


class Owned(models.Model):
    """A reusable record (an image of the library, a person named in bylines) that belongs to a
    portal: only that portal's staff see and use it, unless it is shared with every portal of
    the platform; only its own portal changes it. Without a portal: the platform's own."""

    portal = models.ForeignKey(
        "newsroom.Portal",
        verbose_name=_("所属网站"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("只有所属网站的工作人员能看到和使用，除非选择共享。"),
    )
    shared = models.BooleanField(
        _("与其他网站共享"),
        default=False,
        db_default=False,
        help_text=_("共享后平台上其他网站也能选用（只能由所属网站修改）。"),
    )

    class Meta:
        abstract = True


#: The key of ``Membership.objects.roles_of`` for permissions given to the user directly.
OWN_PERMISSIONS = -1


class MembershipQuerySet(models.QuerySet):
    def roles_of(self, user):
        """{portal id (None: every portal): permissions ("app.codename") of the roles ``user``
        holds there, ``OWN``: those given to the user directly}, read in one query and kept on
        the user object for the request."""
        if not hasattr(user, "_linli_roles"):
            from django.contrib.auth.models import Permission

            roles = (
                self.filter(user=user)
                .order_by()
                .values_list("portal_id", "roles__permissions__content_type__app_label", "roles__permissions__codename")
            )
            own = (
                Permission.objects.filter(user=user)
                .order_by()
                .annotate(at=models.Value(OWN_PERMISSIONS, output_field=models.IntegerField()))
                .values_list("at", "content_type__app_label", "codename")
            )
            found = {}
            for portal, app, codename in roles.union(own, all=True):
                held = found.setdefault(portal, set())
                if codename:
                    held.add(f"{app}.{codename}")
            user._linli_roles = found
        return user._linli_roles

    def own_permissions(self, user):
        return self.roles_of(user).get(OWN_PERMISSIONS, set())

    def holding(self, user, permission):
        """The ids of the portals where ``user`` holds ``permission``, or None for every portal
        (a superuser, a role held in every portal, or a permission given to the user directly)."""
        if user.is_superuser or permission in self.own_permissions(user):
            return None
        roles = self.roles_of(user)
        if permission in roles.get(None, ()):
            return None
        return frozenset(portal for portal, held in roles.items() if permission in held and portal != OWN_PERMISSIONS)

    def give(self, user, portal, *roles):
        """``user`` works in ``portal`` (None: every portal) holding ``roles`` (groups or their
        names) there, besides any roles held already. Returns the membership."""
        from django.contrib.auth.models import Group

        membership, _ = self.get_or_create(user=user, portal=portal)
        names = [role for role in roles if isinstance(role, str)]
        groups = [role for role in roles if not isinstance(role, str)]
        membership.roles.add(*groups, *Group.objects.filter(name__in=names))
        for cached in ("_linli_roles", "_linli_portals", "_perm_cache", "_group_perm_cache"):
            user.__dict__.pop(cached, None)
        return membership


class Membership(models.Model):
    """A staff member works in a portal (站群) in some roles: in the admin they reach that
    portal's articles, columns, topics, series, pages, byline roles, 错敏词 and takedown notices,
    and no other's, and may do there what those roles allow. Without a portal: every portal (the
    platform's own staff). Superusers reach every portal; a staff member with no membership at
    all reaches the default portal only, with no role. ``newsroom/portals.py`` (``reachable``,
    ``RoleBackend``) reads this; nothing else does."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("人员"), on_delete=models.CASCADE, related_name="memberships"
    )
    portal = models.ForeignKey(
        Portal,
        verbose_name=_("网站"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        help_text=_("留空：所有网站（平台工作人员）。"),
    )
    roles = models.ManyToManyField(
        "auth.Group",
        verbose_name=_("角色"),
        blank=True,
        related_name="memberships",
        help_text=_("在此网站担任的角色。"),
    )
    created_at = models.DateTimeField(_("加入时间"), default=timezone.now)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("所属网站")
        verbose_name_plural = _("所属网站")
        constraints = [models.UniqueConstraint(fields=["user", "portal"], name="one_membership_per_portal")]

    def __str__(self):
        return str(self.portal) if self.portal_id else str(_("所有网站"))


class TipChannel(PublicContent, models.Model):
    """A way readers send news tips (报料): WeChat, QQ, phone, e-mail."""

    class Kind(models.TextChoices):
        WECHAT = "wechat", _("微信")
        QQ = "qq", "QQ"
        PHONE = "phone", _("电话")
        EMAIL = "email", _("邮箱")
        OTHER = "other", _("其他")

    portal = models.ForeignKey(Portal, verbose_name=_("网站"), on_delete=models.CASCADE, related_name="tip_channels")
    kind = models.CharField(_("方式"), max_length=10, choices=Kind.choices)
    value = models.CharField(_("号码或账号"), max_length=100)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("报料渠道")
        verbose_name_plural = _("报料渠道")
        ordering = ["order", "id"]

    def __str__(self):
        return f"报料{self.get_kind_display()}:{self.value}"


class ColumnQuerySet(PortalScopedQuerySet):
    portal_field = "portal"

    def offered(self, portal):
        """Columns of ``portal`` readers are offered (navigation, sitemaps): those with a public
        article of their own or in a sub-column. An empty column (空白栏目) is never shown: the
        government website inspection counts each one."""
        Article = apps.get_model("newsroom", "Article")  # articles.py builds on this module
        public = Article.objects.public(portal)

        def newest():
            # A column's newest public article: the (column, first_published_at) index finds it
            # after a row or two. Written as EXISTS, PostgreSQL read every public article.
            latest = public.filter(column=models.OuterRef("pk")).order_by("-first_published_at", "-id")
            return models.Subquery(latest.values("pk")[:1])

        below = models.Exists(
            self.model.objects.alias(newest=newest()).filter(parent=models.OuterRef("pk"), newest__isnull=False)
        )
        # …or another portal's public story placed there (站群: a link or a mirror)
        placed = models.Exists(
            apps.get_model("newsroom", "ArticlePlacement")
            .objects.shown(portal)
            .filter(column=models.OuterRef("pk"), article__in=Article.objects.public(ALL_PORTALS).values("pk"))
        )
        return self.for_portal(portal).alias(newest=newest()).filter(models.Q(newest__isnull=False) | below | placed)


class UpdateClass(models.TextChoices):
    """How often a column must show something new, as the government website inspection
    (国办秘函〔2019〕19号) counts it: 动态/要闻 every 2 weeks, 通知公告/政策文件 every 6 months,
    any other column at least once a year; 专题 and static columns are exempt, with a reason."""

    NEWS = "news", _("动态、要闻类（2周内须更新）")
    NOTICE = "notice", _("通知公告、政策文件类（6个月内须更新）")
    REGULAR = "regular", _("其他栏目（1年内须更新）")
    EXEMPT = "exempt", _("专题、静态栏目（不计更新）")


#: Words in a column's name that suggest its class when the editor leaves it blank. Exemption is
#: never guessed: it is a decision, with a reason.
UPDATE_CLASS_HINTS = [
    (UpdateClass.NOTICE, ("通知", "公告", "政策", "文件", "公示")),
    (UpdateClass.REGULAR, ("走进", "概况", "简介", "介绍", "专题", "旅游", "文化", "招商", "风采")),
]


def suggested_update_class(name):
    for update_class, words in UPDATE_CLASS_HINTS:
        if any(word in name for word in words):
            return update_class
    return UpdateClass.NEWS


class Column(PublicContent, models.Model):
    """A section of the portal (栏目), possibly inside another (新闻中心 > 党建新闻)."""

    portal = models.ForeignKey(Portal, verbose_name=_("网站"), on_delete=models.CASCADE, related_name="columns")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级栏目"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    name = models.CharField(_("栏目名称"), max_length=50)
    slug = models.SlugField(_("网址标识"), max_length=50, blank=True, help_text=_("留空则按名称的拼音自动生成。"))
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    show_in_nav = models.BooleanField(_("显示在导航"), default=True)
    is_picture_column = models.BooleanField(_("图片栏目"), default=False, help_text=_("列表显示缩略图。"))
    in_sidebar = models.BooleanField(
        _("在文章页侧栏列出"), default=False, help_text=_("如“部门新闻”：每篇文章旁列出本栏目最新5篇。")
    )
    description = models.TextField(_("栏目说明"), blank=True)
    update_class = models.CharField(
        _("更新要求"),
        max_length=10,
        choices=UpdateClass.choices,
        blank=True,
        help_text=_("网站普查按此计算栏目是否按时更新。留空则按栏目名称判断（如含“通知”“公告”的为通知公告类）。"),
    )
    exempt_reason = models.CharField(
        _("不计更新的理由"),
        max_length=200,
        blank=True,
        help_text=_("专题、静态栏目须说明，如：机构简介，内容长期不变。"),
    )

    objects = ColumnQuerySet.as_manager()

    class Meta:
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["portal", "slug"], name="unique_column_slug_per_portal")]

    def __str__(self):
        return f"{self.parent.name} > {self.name}" if self.parent_id else self.name

    def get_absolute_url(self):
        return slugs.slug_url("newsroom:column", self.slug)

    def save(self, *args, **kwargs):
        slugs.fill(self, self.name, scope={"portal_id": self.portal_id})
        if not self.update_class:
            self.update_class = suggested_update_class(self.name)
        super().save(*args, **kwargs)

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
    def tree(portal_id, columns=None):
        """{parent id: [child ids]} for a portal's columns, in one query (none when its
        ``columns`` are given, as ``by_id`` loads them)."""
        children = {}
        pairs = (
            ((c.pk, c.parent_id) for c in columns)
            if columns is not None
            else Column.objects.filter(portal_id=portal_id).values_list("pk", "parent_id")
        )
        for pk, parent in pairs:
            children.setdefault(parent, []).append(pk)
        return children

    @staticmethod
    def by_id(portal_id):
        """{id: column} for a portal's columns, in one query, each column's ``parent`` taken
        from the same map (so breadcrumbs need no further query)."""
        columns = {column.pk: column for column in Column.objects.for_portal(portal_id)}
        for column in columns.values():
            if column.parent_id in columns:
                column.parent = columns[column.parent_id]
        return columns

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
        if self.update_class == UpdateClass.EXEMPT and not self.exempt_reason.strip():
            raise ValidationError({"exempt_reason": _("不计更新的栏目须说明理由，检查时会一并列出。")})


class Topic(Reviewed):
    """A special report (专题), e.g. 走进成都市武侯区."""

    portal = models.ForeignKey(Portal, verbose_name=_("网站"), on_delete=models.CASCADE, related_name="topics")
    title = models.CharField(_("专题名称"), max_length=100)
    slug = models.SlugField(
        _("网址标识"), max_length=100, blank=True, help_text=_("留空则按名称的拼音自动生成；同一网站内不能重复。")
    )
    description = models.TextField(_("专题简介"), blank=True)
    is_featured = models.BooleanField(_("首页专题报道"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = PortalReviewedQuerySet.as_manager()

    class Meta:
        verbose_name = _("专题")
        verbose_name_plural = _("专题")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["portal", "slug"], name="unique_topic_slug_per_portal")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slugs.slug_url("newsroom:topic", self.slug)

    def save(self, *args, **kwargs):
        slugs.fill(self, self.title, scope={"portal_id": self.portal_id})
        super().save(*args, **kwargs)


class Series(Reviewed):
    """A series of reports (系列报道) with its editor's note (编者按)."""

    portal = models.ForeignKey(Portal, verbose_name=_("网站"), on_delete=models.CASCADE, related_name="series")
    title = models.CharField(_("系列名称"), max_length=100)
    short_title = models.CharField(_("简称"), max_length=50, blank=True, help_text=_("如：基层堡垒"))
    slug = models.SlugField(
        _("网址标识"), max_length=100, blank=True, help_text=_("留空则按名称的拼音自动生成；同一网站内不能重复。")
    )
    editors_note = models.TextField(_("编者按"), blank=True)
    sister_series = models.ManyToManyField("self", verbose_name=_("姊妹系列"), blank=True, symmetrical=True)

    objects = PortalReviewedQuerySet.as_manager()

    class Meta:
        verbose_name = _("系列报道")
        verbose_name_plural = _("系列报道")
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["portal", "slug"], name="unique_series_slug_per_portal")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slugs.slug_url("newsroom:series", self.slug)

    def save(self, *args, **kwargs):
        slugs.fill(self, self.short_title or self.title, scope={"portal_id": self.portal_id})
        super().save(*args, **kwargs)

    @property
    def label(self):
        return self.short_title or self.title

    @property
    def with_sisters(self):
        """This series and its public sister series (相关新闻：“基层堡垒”“党员先锋”系列报道)."""
        return [self, *(s for s in self.sister_series.all() if s.is_live)]


class PersonQuerySet(OwnedQuerySetMixin, ReviewedQuerySet):
    def usable_in(self, portals):
        """…and whoever a shared library image credits: the credit travels with the image."""
        ImageAsset = apps.get_model("newsroom", "ImageAsset")
        credited = ImageAsset.objects.filter(shared=True, credit_person__isnull=False).values("credit_person")
        return super().usable_in(portals) | models.Q(pk__in=credited)


class Person(Owned, Reviewed):
    """A reporter, correspondent, editor or photographer named on the portal.

    A new name shows nowhere until a reviewed article names it, so it is saved at once. Once a
    public byline or photo credit names the person, a change (a rename, another unit) goes
    through content review like any other text readers see (newsroom/admin/site.py)."""

    # Live from the start: readers meet a person only through reviewed articles and photos.
    is_live = models.BooleanField(_("已审核发布"), default=True, editable=False)
    name = models.CharField(_("姓名"), max_length=50)
    organisation = models.CharField(_("单位"), max_length=100, blank=True)
    role = models.CharField(_("职务"), max_length=50, blank=True, help_text=_("如：记者、编辑、通讯员"))

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["portal", "name", "organisation"],
                name="unique_person_per_organisation",
                violation_error_message=_("本网站已有同名同单位的人员。"),
            )
        ]

    def __str__(self):
        return f"{self.name}（{self.organisation}）" if self.organisation else self.name

    def is_named_publicly(self):
        """Whether a public article's byline or a public photo's credit names this person."""
        if self.pk is None:
            return False
        Article = apps.get_model("newsroom", "Article")
        return (
            self.credits.filter(article__in=Article.objects.public(ALL_PORTALS).values("pk")).exists()
            or self.photos.public().exists()
        )


class Page(Reviewed):
    """A standalone page editors write: 关于我们, 联系我们, 版权声明, 隐私政策."""

    portal = models.ForeignKey(Portal, verbose_name=_("网站"), on_delete=models.CASCADE, related_name="pages")
    title = models.CharField(_("标题"), max_length=100)
    slug = models.SlugField(_("网址标识"), max_length=50, blank=True, help_text=_("留空则按标题的拼音自动生成。"))
    body = RichTextField(_("正文"))
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    in_footer = models.BooleanField(_("显示在页脚"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = PortalReviewedQuerySet.as_manager()

    class Meta:
        verbose_name = _("单页")
        verbose_name_plural = _("单页")
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["portal", "slug"], name="unique_page_slug_per_portal")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slugs.slug_url("newsroom:page", self.slug)

    def save(self, *args, **kwargs):
        slugs.fill(self, self.title, scope={"portal_id": self.portal_id})
        super().save(*args, **kwargs)
