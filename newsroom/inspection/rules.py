"""The inspection's rules: each a named function of the portal as of a date, giving findings.

Severities: ``veto`` (单项否决: the portal would fail the inspection on this alone), ``warning``
(a limit is near, or something to look at before an inspector does) and ``deduction`` (扣分:
each instance costs points in the circulars' scoring, e.g. ≈0.1 % per broken inner link).
Every finding names the object it concerns and the admin page where it is fixed.
"""

import re
from dataclasses import asdict, dataclass
from datetime import datetime, time, timedelta
from functools import cached_property

from django.db.models import Exists, F, Max, OuterRef
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import strip_tags

from communities.models import Community, Facility, Honour, Street
from newsroom.core.chinese import matchable

from ..bylines import editors
from ..checks import Hit
from ..credits import CreditKind
from ..models import Article, AuditEntry, Column, Credit, Page, Photo, SensitiveWord, Series, Topic, UpdateClass
from . import links
from .models import Leader

VETO, WARNING, DEDUCTION = "veto", "warning", "deduction"
SEVERITIES = (VETO, WARNING, DEDUCTION)
SEVERITY_LABELS = {VETO: "单项否决", WARNING: "预警", DEDUCTION: "扣分项"}
RULE_LABELS = {
    "home_stale": "首页更新",
    "column_stale": "栏目更新",
    "column_empty": "空白栏目",
    "undated": "无发布时间",
    "broken_link": "链接失效",
    "broken_image": "图片失效",
    "sensitive_word": "错敏词",
    "leader_title": "领导姓名职务",
    "punctuation": "标点符号",
    "uncredited_photo": "图片未署名",
    "reprint_fields": "转载要素",
    "backdated": "发稿日期",
}
CONTEXT = 12
HAN = "[\u3400-\u9fff]"
#: Half-width punctuation between two Han characters (GB/T 15834 wants the full-width forms).
HALF_WIDTH = re.compile(rf"(?<={HAN})[,;:!?()](?={HAN})|(?<={HAN})\.(?={HAN})")
#: Audited reasons a publish date may be earlier than the record: an import of an archive (its
#: original date, recorded with the import) or a correction by 终审 (修改首次发布时间).
DATE_REASONS = (AuditEntry.Action.IMPORT, AuditEntry.Action.CHANGE_PUBLISH_DATE)
#: Created this long after its publish time before an article counts as backdated (bulk
#: publishing and clocks: a publish and its record are written in one transaction).
BACKDATE_TOLERANCE = timedelta(minutes=10)


@dataclass
class Finding:
    rule: str
    severity: str
    object: str
    url: str
    detail: str
    days_left: int | None = None

    def as_dict(self):
        return asdict(self)


@dataclass
class Text:
    """One text readers see: what it belongs to, where to fix it, which field, and the text."""

    object: str
    url: str
    where: str
    text: str
    html: bool = False

    @cached_property
    def plain(self):
        return strip_tags(self.text) if self.html else self.text

    @cached_property
    def matchable(self):
        """As the 错敏词 check compares it (shared by the word and the leader rules)."""
        return matchable(self.plain)


def admin_url(obj):
    meta = obj._meta
    try:
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


def _article_admin(pk):
    return reverse("admin:newsroom_article_change", args=[pk])


class Context:
    """The portal as of ``date`` (end of that day, or now for today): what the rules share, each
    piece loaded once."""

    def __init__(self, portal, date=None, settings=None):
        from .models import InspectionSettings

        self.portal = portal
        self.today = timezone.localdate()
        self.date = date or self.today
        end = timezone.make_aware(datetime.combine(self.date, time.max))
        self.at = min(end, timezone.now()) if self.date >= self.today else end
        self.settings = settings or InspectionSettings.for_portal(portal)

    def days_since(self, moment):
        return (self.date - timezone.localdate(moment)).days

    @cached_property
    def public_articles(self):
        return Article.objects.public(self.portal, self.at)

    @cached_property
    def columns(self):
        return Column.by_id(self.portal.pk)

    @cached_property
    def tree(self):
        return Column.tree(self.portal.pk, self.columns.values())

    @cached_property
    def last_update(self):
        """{column id: newest publish time of its own public articles}."""
        rows = self.public_articles.values("column_id").annotate(last=Max("first_published_at"))
        return {row["column_id"]: row["last"] for row in rows}

    @cached_property
    def counted_columns(self):
        """Columns the inspection counts: every leaf column, and a channel (a column with
        sub-columns) only when it has articles of its own; a channel's list is its
        sub-columns', which are counted themselves."""
        return [c for c in self.columns.values() if not self.tree.get(c.pk) or c.pk in self.last_update]

    def column_last_update(self, column):
        dates = [self.last_update.get(pk) for pk in column.descendants(self.tree)]
        dates = [d for d in dates if d]
        return max(dates) if dates else None

    @cached_property
    def leaders(self):
        return self.settings.leaders()

    @cached_property
    def words(self):
        return list(SensitiveWord.objects.inherited(self.portal))

    @cached_property
    def texts(self):
        return list(_texts(self))

    @cached_property
    def internal(self):
        known = {
            "newsroom:article": set(self.public_articles.values_list("slug", flat=True)),
            "newsroom:column": set(Column.objects.offered(self.portal).values_list("slug", flat=True)),
            "newsroom:topic": set(Topic.objects.public(self.portal).values_list("slug", flat=True)),
            "newsroom:series": set(Series.objects.public(self.portal).values_list("slug", flat=True)),
            "newsroom:page": set(Page.objects.public(self.portal).values_list("slug", flat=True)),
            "communities:detail": set(Community.objects.public().values_list("slug", flat=True)),
            "communities:street": set(Street.objects.public().values_list("slug", flat=True)),
            "communities:facility": set(Facility.objects.public().values_list("slug", flat=True)),
        }
        return links.InternalLinks(known)

    @cached_property
    def hosts(self):
        return set(self.portal.host_list)

    @cached_property
    def external(self):
        """[(text, url, kind)] of every external address in published content."""
        found = []
        for text in self.texts:
            if text.html:
                for kind, address in links.extract(text.text):
                    if links.classify(address, self.hosts)[0] == "external":
                        found.append((text, address, kind))
        return found


ARTICLE_TEXTS = [
    ("title", "标题"),
    ("subtitle", "副题"),
    ("kicker", "引题"),
    ("summary", "摘要"),
    ("editors_note", "编者按"),
    ("dateline", "电头"),
    ("source_name", "来源"),
    ("via_name", "转自"),
    ("original_title", "原标题"),
    ("original_author", "原作者"),
]


def _texts(ctx):
    """Every text of the portal's published content, articles in chunks (bodies are most of it)."""
    fields = [name for name, _label in ARTICLE_TEXTS]
    for pk, title, body, *values in batches(ctx.public_articles, "pk", "title", "body", *fields, size=1000):
        label, url = f"文章《{title}》", _article_admin(pk)
        for (name, where), value in zip(ARTICLE_TEXTS, values, strict=True):
            if value:
                yield Text(label, url, where, value)
        yield Text(label, url, "正文", body, html=True)
    photos = Photo.objects.filter(hidden_by_takedown=False, article__in=ctx.public_articles.values("pk")).order_by()
    for pk, title, caption in batches(photos, "article_id", "article__title", "caption"):
        if caption:
            yield Text(f"文章《{title}》", _article_admin(pk), "图片说明", caption)
    for model, label in ((Page, "单页"), (Topic, "专题"), (Series, "系列报道")):
        for obj in model.objects.public(ctx.portal):
            yield from _object_texts(obj, f"{label}《{obj}》")
    for model, label in ((Community, "社区"), (Street, "街道"), (Honour, "荣誉"), (Facility, "阵地")):
        for obj in model.objects.public():
            yield from _object_texts(obj, f"{label}“{obj}”")


def _object_texts(obj, label):
    from newsroom.core.richtext import RichTextField

    url = admin_url(obj)
    for field in obj._meta.concrete_fields:
        if field.get_internal_type() in ("CharField", "TextField") and not field.choices and field.name != "slug":
            value = getattr(obj, field.attname)
            if value:
                yield Text(label, url, str(field.verbose_name), value, html=isinstance(field, RichTextField))


def batches(queryset, *fields, size=2000):
    """Rows (``fields``, after the primary key) of ``queryset`` in primary-key order, ``size``
    at a time: bounded memory without a server-side cursor (which PostgreSQL plans for the
    first rows, twenty times slower here)."""
    last = None
    while True:
        page = queryset.order_by("pk")
        if last is not None:
            page = page.filter(pk__gt=last)
        rows = list(page.values_list("pk", *fields)[:size])
        for row in rows:
            yield row[1:]
        if len(rows) < size:
            return
        last = rows[-1][0]


def _context(text, start, end):
    return text[max(0, start - CONTEXT) : end + CONTEXT]


def _limit_finding(rule, ctx, obj, url, last, limit, what):
    """A finding for something that must change every ``limit`` days, last changed at ``last``:
    a veto past the limit, a warning within the warning margin, else nothing."""
    days = ctx.days_since(last)
    left = limit - days
    stamp = timezone.localtime(last).strftime("%Y-%m-%d")
    if left <= 0:
        return Finding(rule, VETO, obj, url, f"{what}已 {days} 天未更新（最近一次 {stamp}，期限 {limit} 天）。", 0)
    if left <= ctx.settings.warn_days:
        return Finding(
            rule, WARNING, obj, url, f"{what}还有 {left} 天到期（最近一次 {stamp}，期限 {limit} 天）。", left
        )
    return None


# --- the rules -----------------------------------------------------------------------------------


def home_stale(ctx):
    last = ctx.public_articles.aggregate(last=Max("first_published_at"))["last"]
    url = reverse("admin:newsroom_article_add")
    if last is None:
        return [Finding("home_stale", VETO, "首页", url, "首页没有任何已发布的文章。", 0)]
    found = _limit_finding("home_stale", ctx, "首页", url, last, ctx.settings.home_days, "首页")
    return [found] if found else []


def _column_limit(ctx, column):
    return {
        UpdateClass.NEWS: ctx.settings.news_days,
        UpdateClass.NOTICE: ctx.settings.notice_days,
        UpdateClass.REGULAR: ctx.settings.regular_days,
    }.get(column.update_class or UpdateClass.NEWS)


def column_stale(ctx):
    """Columns past their class's limit: each a deduction, all of them vetoes once there are
    ``stale_columns_veto`` 动态/通知 columns (or ``long_stale_columns_veto`` past a year)."""
    stale, long_stale, findings = [], [], []
    for column in ctx.counted_columns:
        limit = _column_limit(ctx, column)
        last = ctx.column_last_update(column)
        if limit is None or last is None:  # exempt, or empty (column_empty)
            continue
        found = _limit_finding("column_stale", ctx, f"栏目“{column}”", admin_url(column), last, limit, "栏目")
        if found is None:
            continue
        found.detail = f"{column.get_update_class_display()}：{found.detail}"
        if found.severity == VETO:
            if column.update_class in (UpdateClass.NEWS, UpdateClass.NOTICE):
                stale.append(found)
            if ctx.days_since(last) >= ctx.settings.regular_days:
                long_stale.append(found)
            found.severity = DEDUCTION
        findings.append(found)
    veto = len(stale) >= ctx.settings.stale_columns_veto or len(long_stale) >= ctx.settings.long_stale_columns_veto
    for found in stale + long_stale:
        found.severity = VETO if veto else DEDUCTION
    near = sum(1 for f in findings if f.severity == WARNING)
    ctx.column_counts = {"stale": len(stale), "long_stale": len(long_stale), "near": near}
    return findings


def column_empty(ctx):
    """Columns with nothing public. Linli never shows them to readers (navigation and sitemaps
    leave them out, their page answers 404), so each is a warning, not a veto: fill or delete."""
    empty = [c for c in ctx.counted_columns if ctx.column_last_update(c) is None]
    return [
        Finding(
            "column_empty",
            WARNING,
            f"栏目“{column}”",
            admin_url(column),
            "栏目中没有已发布的文章。读者看不到它（导航、网站地图不列出空栏目），请补充内容或删除栏目。",
        )
        for column in empty
    ]


def undated(ctx):
    rows = ctx.public_articles.filter(first_published_at__isnull=True).values_list("pk", "title")
    return [
        Finding("undated", VETO, f"文章《{title}》", _article_admin(pk), "已发布但没有发布时间，按未更新计。")
        for pk, title in rows
    ]


def broken_link(ctx):
    findings = []
    for text in ctx.texts:
        if not text.html:
            continue
        for kind, address in links.extract(text.text):
            scope, value = links.classify(address, ctx.hosts)
            problem = ""
            if scope == "internal" and value:
                problem = ctx.internal.problem(value)
            elif scope == "scheme":
                problem = f"不是网页链接（{value}:）"
            if problem:
                rule = "broken_image" if kind == "image" else "broken_link"
                findings.append(
                    Finding(rule, DEDUCTION, text.object, text.url, f"{text.where}中的链接 {address[:120]}：{problem}")
                )
    external = [url for _text, url, _kind in ctx.external]
    results = links.known_results(external)
    for text, url, kind in ctx.external:
        result = results.get(url)
        if result is not None and result.ok is False:
            stamp = timezone.localtime(result.checked_at).strftime("%Y-%m-%d") if result.checked_at else ""
            rule = "broken_image" if kind == "image" else "broken_link"
            detail = f"{text.where}中的外部链接 {url[:120]}：{result.detail}（{stamp} 检查）"
            findings.append(Finding(rule, DEDUCTION, text.object, text.url, detail))
    return findings


def broken_image(ctx):
    """Photos of published articles whose file is gone from storage (images inside texts are
    checked with the links)."""
    from django.core.files.storage import default_storage

    findings = []
    photos = Photo.objects.filter(hidden_by_takedown=False, article__in=ctx.public_articles.values("pk")).order_by()
    for pk, title, name in batches(photos, "article_id", "article__title", "image"):
        if name and not default_storage.exists(name):
            findings.append(
                Finding("broken_image", DEDUCTION, f"文章《{title}》", _article_admin(pk), f"图片文件 {name} 不存在。")
            )
    for field in ("logo", "banner"):
        image = getattr(ctx.portal, field)
        if image and not default_storage.exists(image.name):
            label = ctx.portal._meta.get_field(field).verbose_name
            findings.append(
                Finding("broken_image", DEDUCTION, f"网站{label}", admin_url(ctx.portal), f"{label}文件不存在。")
            )
    return findings


def sensitive_word(ctx):
    """The portal's 错敏词 over all published content, compared as ``checks.scan`` compares
    (each text normalised once, each word once), each hit with its context."""
    needles = [(word, matchable(word.word)) for word in ctx.words]
    needles = [(word, needle) for word, needle in needles if needle]
    findings = []
    for text in ctx.texts if needles else []:
        plain = text.matchable
        for word, needle in needles:
            start = plain.find(needle)
            while start >= 0:
                hit = Hit(
                    word.word, word.suggestion, word.severity, text.where, _context(plain, start, start + len(needle))
                )
                severity = VETO if word.severity == SensitiveWord.Severity.BLOCK else WARNING
                findings.append(Finding("sensitive_word", severity, text.object, text.url, str(hit)))
                start = plain.find(needle, start + len(needle))
    return findings


def _leader_patterns(leaders):
    """[(pattern, explanation)]: a current leader's name beside another leader's title, and
    each name that must not appear."""
    current = [leader for leader in leaders if leader.kind == Leader.Kind.CURRENT and leader.title]
    titles = {leader.title for leader in current}
    found = []
    for leader in current:
        for title in titles - {leader.title}:
            if title in leader.title:  # 书记 inside 区委书记: not another title
                continue
            why = f"{leader.name}的现任职务是“{leader.title}”，此处写作“{title}”"
            found += [(title + leader.name, why), (leader.name + title, why)]
    for leader in leaders:
        if leader.kind == Leader.Kind.BANNED:
            found.append((leader.name, f"“{leader.name}”在不得出现的姓名名单中"))
    return [(matchable(pattern), why) for pattern, why in found]


def leader_title(ctx):
    patterns = _leader_patterns(ctx.leaders)
    if not patterns:
        return []
    findings = []
    for text in ctx.texts:
        plain = text.matchable
        for pattern, why in patterns:
            start = plain.find(pattern)
            if start >= 0:
                context = _context(plain, start, start + len(pattern))
                detail = f"{text.where}：{why}：…{context}…"
                findings.append(Finding("leader_title", VETO, text.object, text.url, detail))
    return findings


def punctuation(ctx):
    findings = []
    for text in ctx.texts:
        plain = text.plain
        for match in HALF_WIDTH.finditer(plain):
            context = _context(plain, match.start(), match.end())
            detail = f"{text.where}中汉字之间用了半角标点“{match.group()}”（应为全角）：…{context}…"
            findings.append(Finding("punctuation", DEDUCTION, text.object, text.url, detail))
    return findings


def uncredited_photo(ctx):
    photos = Photo.objects.filter(
        hidden_by_takedown=False, article__in=ctx.public_articles.values("pk"), credit_kind=CreditKind.UNCREDITED
    )
    return [
        Finding("uncredited_photo", WARNING, f"文章《{title}》", _article_admin(pk), f"图片“{caption[:30]}”未署名。")
        for pk, title, caption in photos.order_by().values_list("article_id", "article__title", "caption")
    ]


def reprint_fields(ctx):
    reprints = list(
        ctx.public_articles.filter(is_reprint=True)
        .order_by()
        .only("pk", "title", "source_name", "original_title", "original_author")
    )
    credits = {}
    for credit in Credit.objects.filter(article__in=[a.pk for a in reprints]).select_related("role", "person"):
        credits.setdefault(credit.article_id, []).append(credit)
    findings = []
    for article in reprints:
        missing = [
            str(Article._meta.get_field(name).verbose_name)
            for name in ("source_name", "original_author", "original_title")
            if not getattr(article, name).strip()
        ]
        if not editors(credits.get(article.pk, [])):
            missing.append("实名责任编辑")
        if missing:
            detail = "转载稿件缺少：" + "、".join(missing) + "。"
            findings.append(
                Finding("reprint_fields", DEDUCTION, f"文章《{article.title}》", _article_admin(article.pk), detail)
            )
    return findings


def backdated(ctx):
    reasons = AuditEntry.objects.filter(article=OuterRef("pk"), action__in=DATE_REASONS)
    rows = (
        ctx.public_articles.filter(first_published_at__lt=F("created_at") - BACKDATE_TOLERANCE)
        .annotate(explained=Exists(reasons))
        .filter(explained=False)
        .order_by("pk")
        .values_list("pk", "title", "first_published_at", "created_at")
    )
    findings = []
    for pk, title, published, created in rows:
        detail = (
            f"发布时间 {timezone.localtime(published):%Y-%m-%d %H:%M} 早于稿件创建时间 "
            f"{timezone.localtime(created):%Y-%m-%d %H:%M}，且没有经审核记录的修改理由（伪造发稿日期为单项否决）。"
        )
        findings.append(Finding("backdated", VETO, f"文章《{title}》", _article_admin(pk), detail))
    return findings


#: name → rule, in the order the report lists them.
RULES = {
    "home_stale": home_stale,
    "column_stale": column_stale,
    "column_empty": column_empty,
    "undated": undated,
    "broken_link": broken_link,
    "broken_image": broken_image,
    "sensitive_word": sensitive_word,
    "leader_title": leader_title,
    "punctuation": punctuation,
    "uncredited_photo": uncredited_photo,
    "reprint_fields": reprint_fields,
    "backdated": backdated,
}
