"""Communities (社区), their honours (荣誉称号) and facilities (阵地/设施).

This app knows nothing of articles: newsroom points at it, and community pages
reach their articles and photos through reverse relations.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.publishing import Reviewed, ReviewedQuerySet
from config.richtext import RichTextField

from .fields import CountField, DatePrecision, MeasureField, format_partial_date


def _today():
    return timezone.localdate()


class PartyOrgKind(models.TextChoices):
    COMMITTEE = "committee", _("党委")
    GENERAL_BRANCH = "general_branch", _("党总支")
    BRANCH = "branch", _("党支部")


class Community(Reviewed):
    name = models.CharField(_("社区名称"), max_length=100)
    slug = models.SlugField(_("网址标识"), max_length=100, unique=True)
    province = models.CharField(_("省(自治区、直辖市)"), max_length=50)
    city = models.CharField(_("市"), max_length=50)
    district = models.CharField(_("区(县)"), max_length=50)
    street = models.CharField(_("街道(镇)"), max_length=50, blank=True)

    founded_on = models.DateField(_("成立日期"), null=True, blank=True)
    founded_precision = models.CharField(
        _("成立日期精度"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    area_km2 = MeasureField(_("面积(平方公里)"), max_digits=8, decimal_places=3)
    households = CountField(_("常住户数"))
    residents = CountField(_("常住人口"))
    floating_population = CountField(_("流动人口"))
    streets_covered = models.TextField(_("辖区街道"), blank=True, help_text=_("辖区内主要街道，用顿号分隔。"))

    party_org_kind = models.CharField(_("党组织类型"), max_length=20, choices=PartyOrgKind.choices, blank=True)
    party_org_founded_on = models.DateField(_("党组织成立日期"), null=True, blank=True)
    party_branches = CountField(_("党支部数"))
    party_groups = CountField(_("党小组数"))
    party_members = CountField(_("党员人数"))
    volunteers = CountField(_("志愿者人数"))
    residential_compounds = CountField(_("居民院落数"))
    managed_estates = CountField(_("物管小区数"))
    office_buildings = CountField(_("商务楼宇数"))
    shops = CountField(_("临街商铺数"))
    companies = CountField(_("进驻企业数"))

    profile = RichTextField(_("社区简介"), blank=True)
    secretary_name = models.CharField(_("党组织书记"), max_length=50, blank=True)
    secretary_title = models.CharField(
        _("书记职务"), max_length=100, blank=True, help_text=_("如：社区党委书记、居委会主任")
    )
    secretary_reflections = RichTextField(_("书记感怀"), blank=True)
    highlights = RichTextField(_("党建亮点"), blank=True)
    work_method = models.CharField(
        _("工作法品牌"), max_length=100, blank=True, help_text=_("如：六邻工作法、“家门口”党建")
    )
    work_method_summary = models.TextField(_("工作法简介"), blank=True)

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("社区")
        verbose_name_plural = _("社区")
        ordering = ["province", "city", "district", "street", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("communities:detail", args=[self.slug])

    @property
    def place(self):
        """省 市 区 街道, without repeating a municipality (重庆市重庆市)."""
        parts = [self.province]
        if self.city != self.province:
            parts.append(self.city)
        parts += [self.district, self.street]
        return "".join(p for p in parts if p)

    @property
    def founded_display(self):
        return format_partial_date(self.founded_on, self.founded_precision)

    def clean(self):
        errors = {}
        if self.founded_on and self.founded_on > _today():
            errors["founded_on"] = _("成立日期不能晚于今天。")
        if self.party_org_founded_on and self.party_org_founded_on > _today():
            errors["party_org_founded_on"] = _("党组织成立日期不能晚于今天。")
        if self.residents is not None:
            for field in ("households", "party_members"):
                value = getattr(self, field)
                if value is not None and value > self.residents:
                    label = self._meta.get_field(field).verbose_name
                    errors[field] = _("%(field)s(%(value)s)不能超过常住人口(%(residents)s)。") % {
                        "field": label,
                        "value": value,
                        "residents": self.residents,
                    }
        if errors:
            raise ValidationError(errors)


class HonourLevel(models.IntegerChoices):
    NATIONAL = 1, _("国家级")
    PROVINCIAL = 2, _("省级")
    CITY = 3, _("市级")
    DISTRICT = 4, _("区级")
    STREET = 5, _("街道级")


class RecipientKind(models.TextChoices):
    COMMUNITY = "community", _("社区")
    PERSON = "person", _("个人")
    FAMILY = "family", _("家庭")
    ORGANISATION = "organisation", _("组织")


class BelongingQuerySet(ReviewedQuerySet):
    def public(self, portal=None):
        """Approved, and of an approved community (or of none). Shared by every portal."""
        return super().public(portal).filter(models.Q(community__isnull=True) | models.Q(community__is_live=True))


class Honour(Reviewed):
    title = models.CharField(_("荣誉称号"), max_length=200)
    level = models.PositiveSmallIntegerField(_("级别"), choices=HonourLevel.choices)
    awarding_body = models.CharField(_("授予单位"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(
        _("年份"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1949, _("年份不能早于1949年。"))],
    )
    edition = models.CharField(_("届次"), max_length=50, blank=True, help_text=_("如：第六届"))
    community = models.ForeignKey(
        Community,
        verbose_name=_("所属社区"),
        on_delete=models.CASCADE,
        related_name="honours",
    )
    recipient_kind = models.CharField(
        _("获得者类型"), max_length=20, choices=RecipientKind.choices, default=RecipientKind.COMMUNITY
    )
    recipient_name = models.CharField(
        _("获得者名称"),
        max_length=100,
        blank=True,
        help_text=_("个人、家庭或组织获奖时填写，如：李艳芳家庭。"),
    )
    note = models.TextField(_("说明"), blank=True)

    objects = BelongingQuerySet.as_manager()

    class Meta:
        verbose_name = _("荣誉称号")
        verbose_name_plural = _("荣誉称号")
        ordering = ["level", "-year", "title"]

    def __str__(self):
        return f"{self.recipient} · {self.title}"

    def get_absolute_url(self):
        return reverse("communities:honours") + f"#honour-{self.pk}"

    @property
    def recipient(self):
        if self.recipient_kind == RecipientKind.COMMUNITY:
            return self.community.name
        return self.recipient_name

    def clean(self):
        errors = {}
        if self.recipient_kind != RecipientKind.COMMUNITY and not self.recipient_name:
            errors["recipient_name"] = _("获得者是个人、家庭或组织时，请填写获得者名称。")
        if self.year and self.year > _today().year:
            errors["year"] = _("年份不能晚于今年。")
        if errors:
            raise ValidationError(errors)


class FacilityKind(models.TextChoices):
    SERVICE_CENTRE = "service_centre", _("党群服务中心")
    DAY_CARE = "day_care", _("日间照料中心")
    MEMORIAL = "memorial", _("纪念馆")
    CULTURE_STREET = "culture_street", _("文化街区")
    GYMNASIUM = "gymnasium", _("体育馆")
    PARK = "park", _("公园")
    FITNESS = "fitness", _("健身房")
    TALENT_HOUSING = "talent_housing", _("人才公寓")
    LECTURE_HALL = "lecture_hall", _("讲堂")
    WORKER_STATION = "worker_station", _("职工驿站")
    WOMEN_CHILDREN = "women_children", _("妇女儿童之家")
    CANTEEN = "canteen", _("社区食堂")
    EMPLOYMENT = "employment", _("就业创业阵地")
    OTHER = "other", _("其他")


class Facility(Reviewed):
    community = models.ForeignKey(
        Community,
        verbose_name=_("所属社区"),
        on_delete=models.CASCADE,
        related_name="facilities",
        null=True,
        blank=True,
        help_text=_("街道级阵地可不选社区，填写所在街道。"),
    )
    street = models.CharField(_("所在街道(镇)"), max_length=50, blank=True)
    name = models.CharField(_("名称"), max_length=100)
    slug = models.SlugField(_("网址标识"), max_length=100, unique=True)
    kind = models.CharField(_("类型"), max_length=30, choices=FacilityKind.choices)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    description = models.TextField(_("简介"), blank=True)
    floor_area_m2 = MeasureField(_("建筑面积(平方米)"))
    land_area_mu = MeasureField(_("占地面积(亩)"))
    length_m = MeasureField(_("长度(米)"))
    capacity = CountField(_("可容纳人数"))
    units = CountField(_("套(间、个)数"), help_text=_("公寓套数、摊位数、门面数等。"))
    rooms = models.TextField(_("功能室与设施"), blank=True, help_text=_("每行一项。"))
    opening_hours = models.CharField(_("开放时间"), max_length=100, blank=True)
    fee = models.CharField(_("收费"), max_length=100, blank=True, help_text=_("如:25元/月；免费"))
    opened_on = models.DateField(_("启用日期"), null=True, blank=True)
    opened_precision = models.CharField(
        _("启用日期精度"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )

    objects = BelongingQuerySet.as_manager()

    class Meta:
        verbose_name = _("阵地/设施")
        verbose_name_plural = _("阵地/设施")
        ordering = ["community__name", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("communities:facility", args=[self.slug])

    @property
    def opened_display(self):
        return format_partial_date(self.opened_on, self.opened_precision)

    @property
    def room_list(self):
        return [line.strip() for line in self.rooms.splitlines() if line.strip()]

    def clean(self):
        errors = {}
        if not self.community_id and not self.street:
            errors["street"] = _("请选择所属社区，或填写所在街道。")
        if self.opened_on and self.opened_on > _today():
            errors["opened_on"] = _("启用日期不能晚于今天。")
        if errors:
            raise ValidationError(errors)
