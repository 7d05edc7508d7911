"""Bylines (署名) as rows: who did what on an article, in the order the article prints them.

Real copy credits 记者, 通讯员, 实习生, 见习记者, 摄影, 作者, 编辑, 审校, 初审编辑, 责任编辑, 主持人…,
several people per role, sometimes an organisation before the name (新重庆客户端记者 伊永军) and
sometimes no role at all. Each portal keeps its own vocabulary of roles (``BylineRole``), made
with sensible defaults when the portal is created; an article's ``credits`` are ordered rows of
role, person (or a free name) and organisation. How a portal prints them (meta line, 电头,
end-of-article line) is ``newsroom/bylines.py``.
"""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsroom.core.chinese import looks_like_organisation
from newsroom.core.content import PublicContent
from newsroom.core.publishing import PortalScopedQuerySet


class Placement(models.TextChoices):
    META = "meta", _("信息栏（标题下）")
    END = "end", _("文末")


#: (name, abbreviation, placement, counts as the real-named editor the law asks for)
DEFAULT_ROLES = [
    ("记者", "", Placement.META, False),
    ("见习记者", "", Placement.META, False),
    ("实习生", "", Placement.META, False),
    ("通讯员", "", Placement.META, False),
    ("作者", "", Placement.META, False),
    ("摄影", "", Placement.META, False),
    ("主持人", "", Placement.META, False),
    ("编辑", "", Placement.END, True),
    ("审校", "", Placement.END, False),
    ("初审编辑", "", Placement.END, False),
    ("责任编辑", "责编", Placement.END, True),
]


class BylineRoleQuerySet(PortalScopedQuerySet):
    portal_field = "portal"

    def inherited(self, portal):
        """The portal's roles and those of the portals above it; where two carry one name, the
        nearest portal's (a district may print 记者 its own way)."""
        lineage = portal.lineage()
        if len(lineage) == 1:
            return self.filter(portal_id=lineage[0])
        rank = {pk: i for i, pk in enumerate(lineage)}
        nearest = {}
        for pk, owner, name in sorted(
            self.filter(portal__in=lineage).values_list("pk", "portal_id", "name"), key=lambda row: rank[row[1]]
        ):
            nearest.setdefault(name, pk)
        return self.filter(pk__in=nearest.values())

    def create_defaults(self, portal):
        """Give ``portal`` the default vocabulary (roles it already has are left alone)."""
        have = set(self.filter(portal=portal).values_list("name", flat=True))
        self.bulk_create(
            BylineRole(portal=portal, name=name, abbreviation=short, placement=placement, is_editor=editor, order=i)
            for i, (name, short, placement, editor) in enumerate(DEFAULT_ROLES)
            if name not in have
        )


class BylineRole(models.Model):
    portal = models.ForeignKey(
        "newsroom.Portal", verbose_name=_("网站"), on_delete=models.CASCADE, related_name="byline_roles"
    )
    name = models.CharField(_("署名职务"), max_length=20, help_text=_("如：记者、通讯员、实习生、责任编辑"))
    abbreviation = models.CharField(
        _("简称"), max_length=10, blank=True, help_text=_("文末署名为括号样式时使用，如：责编。")
    )
    placement = models.CharField(_("显示位置"), max_length=10, choices=Placement.choices, default=Placement.META)
    is_editor = models.BooleanField(
        _("计为实名编辑"),
        default=False,
        help_text=_("《互联网新闻信息服务管理规定》要求注明编辑真实姓名：发布前至少需要一位此类署名。"),
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    objects = BylineRoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("署名职务")
        verbose_name_plural = _("署名职务")
        ordering = ["portal", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["portal", "name"], name="unique_byline_role_per_portal")]

    def __str__(self):
        return self.name

    @property
    def short_label(self):
        return self.abbreviation or self.name


class Credit(PublicContent, models.Model):
    """One name on an article's byline."""

    PART_OF_ARTICLE = True

    article = models.ForeignKey(
        "newsroom.Article", verbose_name=_("文章"), on_delete=models.CASCADE, related_name="credits"
    )
    role = models.ForeignKey(
        BylineRole,
        verbose_name=_("署名职务"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("留空则只署姓名。"),
    )
    person = models.ForeignKey(
        "newsroom.Person",
        verbose_name=_("人员"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credits",
    )
    name = models.CharField(_("姓名"), max_length=50, blank=True, help_text=_("人员库中没有此人时填写。"))
    organisation = models.CharField(
        _("单位"), max_length=100, blank=True, help_text=_("署在职务前，如：新重庆客户端、大众网·海报新闻")
    )
    in_dateline = models.BooleanField(_("署在电头"), default=False, help_text=_("如：新重庆客户端讯（记者 伊永军）"))
    at_end = models.BooleanField(
        _("署在文末"), default=False, help_text=_("按原稿在正文末尾署名，如转载稿的“云南网记者张成”。")
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("署名")
        verbose_name_plural = _("署名")
        ordering = ["order", "id"]

    def __str__(self):
        return " ".join(part for part in (self.label, self.display_name) if part)

    @property
    def display_name(self):
        return self.person.name if self.person_id else self.name

    @property
    def label(self):
        """'新重庆客户端记者', '记者', '' (no role, no organisation)."""
        return f"{self.organisation}{self.role.name if self.role_id else ''}"

    def clean(self):
        errors = {}
        if not self.person_id and not self.name.strip():
            errors["name"] = _("请选择人员或填写姓名。")
        if self.person_id and self.name.strip() and self.name.strip() != self.person.name:
            errors["name"] = _("已选择人员时，姓名请留空（或与人员姓名一致）。")
        try:
            article = self.article
        except ObjectDoesNotExist:
            article = None
        if self.role_id and article is not None and article.column_id:
            if self.role.portal_id != article.column.portal_id:
                errors["role"] = _("请选择本网站的署名职务。")
        if self.role_id and self.role.is_editor and looks_like_organisation(self.display_name or ""):
            # 《互联网新闻信息服务管理规定》: the editor shown is a person, by real name.
            errors["name"] = _("“%(role)s”须署个人实名，不能是单位或部门（如“本网编辑部”）。") % {
                "role": self.role.name
            }
        if errors:
            raise ValidationError(errors)
