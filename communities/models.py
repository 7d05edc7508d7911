"""Communities (社区), their honours (荣誉称号) and facilities (阵地/设施).

This app knows nothing of articles: newsroom points at it, and community pages
reach their articles and photos through reverse relations.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.core import slugs
from newsroom.core.publishing import Reviewed, ReviewedQuerySet
from newsroom.core.richtext import RichTextField

from .fields import CountField, DatePrecision, MeasureField, format_partial_date, qualifier_field


def _today():
    return timezone.localdate()


class PartyOrgKind(models.TextChoices):
    COMMITTEE = "committee", _("党委")
    GENERAL_BRANCH = "general_branch", _("党总支")
    BRANCH = "branch", _("党支部")


class CommunityKind(models.TextChoices):
    COMMUNITY = "community", _("社区")
    VILLAGE = "village", _("村")


class StreetKind(models.TextChoices):
    STREET = "street", _("街道")
    TOWN = "town", _("镇")
    TOWNSHIP = "township", _("乡")


def _place(*parts):
    """省 市 区…, without repeating a municipality (重庆市重庆市) or printing what is unknown."""
    seen, out = set(), []
    for part in parts:
        if part and part not in seen:
            seen.add(part)
            out.append(part)
    return "".join(out)


class Street(Reviewed):
    """A 街道 or 乡镇: between the district and its communities, with a Party working committee
    (党工委), its secretary and its own facilities (党群服务中心)."""

    name = models.CharField(_("名称"), max_length=50, help_text=_("如：高塘岭街道、华岩镇"))
    slug = models.SlugField(
        _("网址标识"), max_length=100, unique=True, blank=True, help_text=_("留空则按名称的拼音自动生成。")
    )
    kind = models.CharField(_("类型"), max_length=10, choices=StreetKind.choices, default=StreetKind.STREET)
    province = models.CharField(_("省（自治区、直辖市）"), max_length=50, blank=True)
    city = models.CharField(_("市"), max_length=50, blank=True)
    district = models.CharField(_("区（县）"), max_length=50, blank=True)
    party_committee = models.CharField(_("党组织名称"), max_length=100, blank=True, help_text=_("如：高塘岭街道党工委"))
    secretary_name = models.CharField(_("党组织书记"), max_length=50, blank=True)
    secretary_title = models.CharField(_("书记职务"), max_length=100, blank=True, help_text=_("如：街道党工委书记"))
    profile = RichTextField(_("简介"), blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("街道（乡镇）")
        verbose_name_plural = _("街道（乡镇）")
        ordering = ["province", "city", "district", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slugs.slug_url("communities:street", self.slug)

    def save(self, *args, **kwargs):
        slugs.fill(self, self.name)
        super().save(*args, **kwargs)

    @property
    def place(self):
        return _place(self.province, self.city, self.district, self.name)


class CommunityQuerySet(ReviewedQuerySet):
    def in_area(self, streets):
        """Communities of an area given as streets (a queryset of them: a portal's 辖区), read in
        one query: those on one of the streets, and those with no street in one of the streets'
        districts. No streets: every community."""
        rows = set(streets.values_list("pk", "city", "district")) if streets is not None else set()
        if not rows:
            return self
        area = models.Q(street__in=[row[0] for row in rows])
        for _pk, city, district in rows:
            if district:
                area |= models.Q(street__isnull=True, city=city, district=district)
        return self.filter(area)


class Community(Reviewed):
    name = models.CharField(
        _("社区名称"), max_length=100, help_text=_("社区（居委会）或村（村委会），如：中南社区、大营村")
    )
    kind = models.CharField(
        _("类型"),
        max_length=10,
        choices=CommunityKind.choices,
        default=CommunityKind.COMMUNITY,
        help_text=_("城市社区（居委会）或行政村（村委会）。"),
    )
    slug = models.SlugField(
        _("网址标识"), max_length=100, unique=True, blank=True, help_text=_("留空则按名称的拼音自动生成。")
    )
    province = models.CharField(_("省（自治区、直辖市）"), max_length=50, blank=True)
    city = models.CharField(_("市"), max_length=50, blank=True)
    district = models.CharField(_("区（县）"), max_length=50, blank=True)
    street = models.ForeignKey(
        Street,
        verbose_name=_("街道（乡镇）"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="communities",
    )

    founded_on = models.DateField(_("成立日期"), null=True, blank=True)
    founded_precision = models.CharField(
        _("成立日期精度"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    area_km2 = MeasureField(_("面积（平方公里）"), max_digits=8, decimal_places=3)
    households = CountField(_("常住户数"))
    households_qualifier = qualifier_field(_("常住户数"))
    residents = CountField(_("常住人口"))
    residents_qualifier = qualifier_field(_("常住人口"))
    registered_households = CountField(_("户籍户数"))
    registered_households_qualifier = qualifier_field(_("户籍户数"))
    registered_residents = CountField(_("户籍人口"))
    registered_residents_qualifier = qualifier_field(_("户籍人口"))
    floating_population = CountField(_("流动人口"))
    floating_population_qualifier = qualifier_field(_("流动人口"))
    streets_covered = models.TextField(_("辖区街道"), blank=True, help_text=_("辖区内主要街道，用顿号分隔。"))

    party_org_kind = models.CharField(_("党组织类型"), max_length=20, choices=PartyOrgKind.choices, blank=True)
    party_org_founded_on = models.DateField(_("党组织成立日期"), null=True, blank=True)
    party_branches = CountField(_("党支部数"))
    party_groups = CountField(_("党小组数"))
    party_members = CountField(_("党员人数"))
    party_members_qualifier = qualifier_field(_("党员人数"))
    volunteers = CountField(_("志愿者人数"))
    volunteers_qualifier = qualifier_field(_("志愿者人数"))
    residential_compounds = CountField(_("居民院落数"))
    managed_estates = CountField(_("物管小区数"))
    office_buildings = CountField(_("商务楼宇数"))
    shops = CountField(_("临街商铺数"))
    shops_qualifier = qualifier_field(_("临街商铺数"))
    companies = CountField(_("进驻企业数"))
    companies_qualifier = qualifier_field(_("进驻企业数"))

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

    objects = CommunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("社区")
        verbose_name_plural = _("社区")
        ordering = ["province", "city", "district", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slugs.slug_url("communities:detail", self.slug)

    def save(self, *args, **kwargs):
        slugs.fill(self, self.name)
        super().save(*args, **kwargs)

    @property
    def place(self):
        """省 市 区 街道, without repeating a municipality (重庆市重庆市); what is unknown is left out."""
        return _place(self.province, self.city, self.district, self.street.name if self.street_id else "")

    @property
    def region(self):
        """省 市 区, without the street (printed beside it as a link where it has a page)."""
        return _place(self.province, self.city, self.district)

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
                    errors[field] = _("%(field)s（%(value)s）不能超过常住人口（%(residents)s）。") % {
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
    DISTRICT = 4, _("县（区）级")
    STREET = 5, _("街道（乡镇）级")
    COMMUNITY = 6, _("社区级")


class RecipientKind(models.TextChoices):
    COMMUNITY = "community", _("社区")
    PERSON = "person", _("个人")
    FAMILY = "family", _("家庭")
    COMPOUND = "compound", _("小区")
    PARTY_ORG = "party_org", _("党组织")
    UNIT = "unit", _("驻区单位")
    ORGANISATION = "organisation", _("社会组织")
    FACILITY = "facility", _("阵地/服务中心")
    GROUP = "group", _("群体（未列姓名）")


class BelongingQuerySet(ReviewedQuerySet):
    def public(self, portal=None):
        """Approved, and of an approved community and street (or of none). Shared by every portal."""
        return (
            super()
            .public(portal)
            .filter(models.Q(community__isnull=True) | models.Q(community__is_live=True))
            .filter(models.Q(street__isnull=True) | models.Q(street__is_live=True))
        )


class Honour(Reviewed):
    """An honour (荣誉称号) as it is really given: a holder (a community, or a person, family,
    小区, Party organisation, unit or facility of it, or of a street), an awarding body, a level,
    and a date that may be a year, a month or a run of years (连续5年)."""

    title = models.CharField(_("荣誉称号"), max_length=200)
    level = models.PositiveSmallIntegerField(
        _("级别"), choices=HonourLevel.choices, null=True, blank=True, help_text=_("原文没有写明级别时留空。")
    )
    awarding_body = models.CharField(
        _("授予单位"), max_length=200, blank=True, help_text=_("颁发单位或授予机关，如：中共五华区委、民政部")
    )
    awarded_by_community = models.ForeignKey(
        "Community",
        verbose_name=_("授予社区"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="honours_awarded",
        help_text=_("社区自己评选、颁发的荣誉（如社区“最美家庭”）：选择颁发的社区。"),
    )
    year = models.PositiveSmallIntegerField(
        _("年份"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1949, _("年份不能早于1949年。"))],
        help_text=_("连续多年获得时，填最后一年。"),
    )
    month = models.PositiveSmallIntegerField(
        _("月份"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1, _("月份应在1到12之间。")), MaxValueValidator(12, _("月份应在1到12之间。"))],
    )
    first_year = models.PositiveSmallIntegerField(
        _("起始年份"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1949, _("年份不能早于1949年。"))],
        help_text=_("连续多年获得时填写，如：2019年至2023年连续5年。"),
    )
    edition = models.CharField(_("届次"), max_length=50, blank=True, help_text=_("如：第六届"))
    community = models.ForeignKey(
        Community,
        verbose_name=_("所属社区"),
        on_delete=models.CASCADE,
        related_name="honours",
        null=True,
        blank=True,
        help_text=_("获得者所在的社区；街道级的获得者可不选社区，选择所属街道。"),
    )
    street = models.ForeignKey(
        Street,
        verbose_name=_("所属街道（乡镇）"),
        on_delete=models.CASCADE,
        related_name="honours",
        null=True,
        blank=True,
    )
    recipient_kind = models.CharField(
        _("获得者类型"), max_length=20, choices=RecipientKind.choices, default=RecipientKind.COMMUNITY
    )
    recipient_name = models.CharField(
        _("获得者名称"),
        max_length=100,
        blank=True,
        help_text=_(
            "获得者不是社区本身时填写，如：李艳芳家庭、恒昌小区、中南社区党总支；未列姓名的群体写明人数，如：6户家庭。"
        ),
    )
    note = models.TextField(_("说明"), blank=True)

    objects = BelongingQuerySet.as_manager()

    class Meta:
        verbose_name = _("荣誉称号")
        verbose_name_plural = _("荣誉称号")
        ordering = [models.F("level").asc(nulls_last=True), "-year", "title"]

    def __str__(self):
        return f"{self.recipient} · {self.title}"

    def get_absolute_url(self):
        return reverse("communities:honours") + f"#honour-{self.pk}"

    @property
    def level_label(self):
        return self.get_level_display() or _("级别未注明")

    @property
    def recipient(self):
        if self.recipient_kind == RecipientKind.COMMUNITY and self.community_id:
            return self.community.name
        return self.recipient_name

    @property
    def date_display(self):
        """2021年 / 2023年3月 / 2019—2023年（连续5年）; '' when the source gives none."""
        if not self.year:
            return ""
        if self.first_year and self.first_year < self.year:
            return f"{self.first_year}—{self.year}年（连续{self.year - self.first_year + 1}年）"
        return f"{self.year}年{self.month}月" if self.month else f"{self.year}年"

    def clean(self):
        errors = {}
        if not self.community_id and not self.street_id:
            errors["community"] = _("请选择获得者所属的社区或街道。")
        if self.recipient_kind == RecipientKind.COMMUNITY and not self.community_id:
            errors["recipient_kind"] = _("获得者是社区时，请选择所属社区。")
        if self.recipient_kind != RecipientKind.COMMUNITY and not self.recipient_name:
            errors["recipient_name"] = _("获得者不是社区本身时，请填写获得者名称。")
        if self.year and self.year > _today().year:
            errors["year"] = _("年份不能晚于今年。")
        if self.month and not self.year:
            errors["month"] = _("填写月份时，请同时填写年份。")
        if self.first_year and (not self.year or self.first_year >= self.year):
            errors["first_year"] = _("起始年份应早于年份（最后一年）。")
        if self.awarded_by_community_id and self.awarded_by_community_id == self.community_id:
            if self.recipient_kind == RecipientKind.COMMUNITY:
                errors["awarded_by_community"] = _("社区不能授予自己荣誉。")
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
    CIVILISATION_CENTRE = "civilisation_centre", _("新时代文明实践中心")
    CIVILISATION_INSTITUTE = "civilisation_institute", _("新时代文明实践所")
    CIVILISATION_STATION = "civilisation_station", _("新时代文明实践站")
    SQUARE = "square", _("广场")
    OTHER = "other", _("其他")


class Facility(Reviewed):
    community = models.ForeignKey(
        Community,
        verbose_name=_("所属社区"),
        on_delete=models.CASCADE,
        related_name="facilities",
        null=True,
        blank=True,
        help_text=_("街道级阵地可不选社区，选择所在街道。"),
    )
    street = models.ForeignKey(
        Street,
        verbose_name=_("所在街道（乡镇）"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="facilities",
    )
    name = models.CharField(_("名称"), max_length=100)
    slug = models.SlugField(
        _("网址标识"), max_length=100, unique=True, blank=True, help_text=_("留空则按名称的拼音自动生成。")
    )
    kind = models.CharField(_("类型"), max_length=30, choices=FacilityKind.choices)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    description = models.TextField(_("简介"), blank=True)
    floor_area_m2 = MeasureField(_("建筑面积（平方米）"))
    land_area_mu = MeasureField(_("占地面积（亩）"))
    length_m = MeasureField(_("长度（米）"))
    length_m_qualifier = qualifier_field(_("长度"))
    capacity = CountField(_("可容纳人数"))
    capacity_qualifier = qualifier_field(_("可容纳人数"))
    units = CountField(_("套（间、个）数"), help_text=_("公寓套数、摊位数、门面数等。"))
    units_label = models.CharField(
        _("数量的单位与所指"),
        max_length=20,
        blank=True,
        db_default="",
        default="",
        help_text=_("读者看到“数量 55 套公寓”：填“套公寓”“面文化墙”“个摊位”等；不填则只写“个”。"),
    )
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
        return slugs.slug_url("communities:facility", self.slug)

    def save(self, *args, **kwargs):
        slugs.fill(self, self.name)
        super().save(*args, **kwargs)

    @property
    def opened_display(self):
        return format_partial_date(self.opened_on, self.opened_precision)

    @property
    def room_list(self):
        return [line.strip() for line in self.rooms.splitlines() if line.strip()]

    def clean(self):
        errors = {}
        if not self.community_id and not self.street_id:
            errors["street"] = _("请选择所属社区，或选择所在街道。")
        if self.opened_on and self.opened_on > _today():
            errors["opened_on"] = _("启用日期不能晚于今天。")
        if errors:
            raise ValidationError(errors)


class OfficerTitle(models.TextChoices):
    DEPUTY_SECRETARY = "deputy_secretary", _("党组织副书记")
    RESIDENTS_DIRECTOR = "residents_director", _("居委会主任")
    VILLAGERS_DIRECTOR = "villagers_director", _("村委会主任")
    DEPUTY_DIRECTOR = "deputy_director", _("副主任")
    STREET_DIRECTOR = "street_director", _("街道办事处主任")
    TOWN_HEAD = "town_head", _("乡镇长")
    MEMBER = "member", _("班子成员")


class Officer(Reviewed):
    """One more officer of a community or a street besides its 党组织书记 (the secretary stays on
    the community and street themselves, with 书记感怀): 副书记, 居委会/村委会主任, 副主任…
    Reviewed on its own, like honours and facilities: readers see an officer once approved."""

    community = models.ForeignKey(
        Community,
        verbose_name=_("社区（村）"),
        on_delete=models.CASCADE,
        related_name="officers",
        null=True,
        blank=True,
    )
    street = models.ForeignKey(
        Street,
        verbose_name=_("街道（乡镇）"),
        on_delete=models.CASCADE,
        related_name="officers",
        null=True,
        blank=True,
        help_text=_("街道（乡镇）的班子成员：不选社区，选街道。"),
    )
    name = models.CharField(_("姓名"), max_length=50)
    title = models.CharField(_("职务"), max_length=30, choices=OfficerTitle.choices)
    title_text = models.CharField(
        _("职务全称"),
        max_length=100,
        blank=True,
        help_text=_("页面上显示的职务，如：社区党委副书记、居委会主任（书记、主任“一肩挑”时写全）；不填则用“职务”。"),
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    objects = BelongingQuerySet.as_manager()

    class Meta:
        verbose_name = _("班子成员")
        verbose_name_plural = _("班子成员")
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.display_title} {self.name}"

    @property
    def display_title(self):
        return self.title_text or self.get_title_display()

    def clean(self):
        errors = {}
        if bool(self.community_id) == bool(self.street_id):
            errors["community"] = _("请选择所属社区（村），或选择所属街道（乡镇），二者选一。")
        community = self.community if self.community_id else None
        village = community is not None and community.kind == CommunityKind.VILLAGE
        if self.title == OfficerTitle.RESIDENTS_DIRECTOR and (village or self.street_id):
            errors["title"] = _("居委会主任只属于社区：村请选“村委会主任”。")
        if self.title == OfficerTitle.VILLAGERS_DIRECTOR and not village:
            errors["title"] = _("村委会主任只属于村：社区请选“居委会主任”。")
        if self.title in (OfficerTitle.STREET_DIRECTOR, OfficerTitle.TOWN_HEAD) and not self.street_id:
            errors["title"] = _("街道办事处主任、乡镇长属于街道（乡镇）：请选择所属街道。")
        if errors:
            raise ValidationError(errors)


class NeighbourhoodQuerySet(ReviewedQuerySet):
    def public(self, portal=None):
        """Approved, of an approved community. Shared by every portal."""
        return super().public(portal).filter(community__is_live=True)


class Neighbourhood(Reviewed):
    """A 小区 of a community, with the Party branch of its own where it has one (小区党支部):
    the level below the community that real pages name (…社区××小区党支部书记)."""

    community = models.ForeignKey(
        Community, verbose_name=_("所属社区"), on_delete=models.CASCADE, related_name="neighbourhoods"
    )
    name = models.CharField(_("小区名称"), max_length=100, help_text=_("如：恒昌小区、翠湖花园"))
    party_org_kind = models.CharField(
        _("小区党组织"),
        max_length=20,
        choices=PartyOrgKind.choices,
        blank=True,
        help_text=_("小区有自己的党组织时选择（多为党支部）；没有则留空。"),
    )
    party_secretary_name = models.CharField(_("党组织书记"), max_length=50, blank=True)
    households = CountField(_("户数"))
    buildings = CountField(_("楼栋数"))
    description = models.TextField(_("简介"), blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    objects = NeighbourhoodQuerySet.as_manager()

    class Meta:
        verbose_name = _("小区")
        verbose_name_plural = _("小区")
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["community", "name"], name="unique_neighbourhood_per_community")]

    def __str__(self):
        return self.name

    @property
    def counts_display(self):
        """326户、8栋 (what is known of its size)."""
        parts = [
            f"{self.households}户" if self.households is not None else "",
            f"{self.buildings}栋" if self.buildings is not None else "",
        ]
        return "、".join(p for p in parts if p)

    @property
    def party_display(self):
        """设椿上花园党支部，书记赵敏 (or "" without a Party organisation of its own)."""
        if not self.party_org_kind:
            return ""
        secretary = f"，书记{self.party_secretary_name}" if self.party_secretary_name else ""
        return f"设{self.party_org_name}{secretary}"

    @property
    def party_org_name(self):
        """恒昌小区党支部, or "" when the 小区 has no Party organisation of its own."""
        return f"{self.name}{self.get_party_org_kind_display()}" if self.party_org_kind else ""

    def clean(self):
        if self.party_secretary_name and not self.party_org_kind:
            raise ValidationError({"party_org_kind": _("填写了党组织书记，请选择小区党组织（如：党支部）。")})
