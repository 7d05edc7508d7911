"""The ledger's figures, computed from the records (bylines, photo credits, placements, 报送)
whenever they are asked for; a finalised month keeps the table it had (``LedgerMonth``).

- ``people(portal, month)``: one row per person: pieces by byline role, photos, pieces adopted
  by portals above, and the pay the portal's rates give (by byline role and grade, per photo,
  per adoption);
- ``scoring(portal, month)``: the portal's scoring of the portals below it (a city's table of
  its districts): items submitted, adopted, photos in adopted items, points by its rules.

A month is Asia/Shanghai's calendar month; a piece counts in the month it was first published
(an adoption, in the month it was adopted), and only while it is published.
"""

from collections import defaultdict
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from newsroom.exchange.models import Submission
from newsroom.models import Article, ArticlePlacement, Credit, Photo, Portal

from .models import Grade, Rate


def bounds(month):
    """[start, end) of the calendar month of ``month`` (a date), as aware datetimes."""
    start = date(month.year, month.month, 1)
    following = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    tz = timezone.get_current_timezone()
    return datetime.combine(start, time.min, tz), datetime.combine(following, time.min, tz)


def _rates(portal):
    return {(rate.kind, rate.role, rate.grade, rate.level): rate for rate in Rate.objects.filter(portal=portal)}


def _rate(rates, kind, role="", grade="", level=None):
    """The most specific line: role and grade, then role alone, then grade alone, then neither;
    an adoption's line for its level before the one for any level."""
    for at in dict.fromkeys((level, None)):
        for key in ((role, grade), (role, ""), ("", grade), ("", "")):
            if (kind, *key, at) in rates:
                return rates[(kind, *key, at)]
    return None


def _published(portal, start, end):
    return Article.objects.filter(
        portal=portal, is_live=True, replaces__isnull=True, first_published_at__gte=start, first_published_at__lt=end
    )


def _adopted(start, end, *fields, **where):
    """The ids of the stories adopted (as a mirror, or as a copy now published there) in
    [start, end) by the placements ``where`` selects, still standing and published at the origin."""
    return (
        ArticlePlacement.objects.active()
        .filter(
            article__is_live=True,
            kind__in=[ArticlePlacement.Kind.MIRROR, ArticlePlacement.Kind.COPY],
            created_at__gte=start,
            created_at__lt=end,
            **where,
        )
        .filter(Q(copy__isnull=True) | Q(copy__is_live=True))
        .values_list("article_id", *fields, flat=not fields)
    )


def people(portal, month):
    """Rows {name, roles: {role: n}, photos, adopted, amount, points} sorted by name, and the totals."""
    start, end = bounds(month)
    rates = _rates(portal)
    articles = _published(portal, start, end)
    grades = dict(Grade.objects.filter(article__in=articles).values_list("article_id", "grade"))
    rows = defaultdict(
        lambda: {"roles": defaultdict(int), "photos": 0, "adopted": 0, "amount": Decimal(0), "points": Decimal(0)}
    )

    def add(row, rate, count=1):
        if rate is not None:
            row["amount"] += rate.amount * count
            row["points"] += rate.points * count

    for credit in Credit.objects.filter(article__in=articles).select_related("role", "person"):
        name = credit.person.name if credit.person_id else credit.name
        if not name:
            continue
        row = rows[name]
        row["roles"][credit.role.name] += 1
        add(row, _rate(rates, Rate.Kind.BYLINE, credit.role.name, grades.get(credit.article_id, "")))
    for photo in Photo.objects.filter(article__in=articles, credit_person__isnull=False).select_related(
        "credit_person"
    ):
        row = rows[photo.credit_person.name]
        row["photos"] += 1
        add(row, _rate(rates, Rate.Kind.PHOTO, "", grades.get(photo.article_id, "")))
    above = portal.lineage()[1:]
    # each adoption by a portal above, with its level (1: the portal above, 2: the one above that…)
    adopted = [
        (pk, above.index(by) + 1)
        for pk, by in _adopted(start, end, "portal_id", article__portal=portal, portal__in=above)
    ]
    credits = list(
        Credit.objects.filter(article__in=[pk for pk, _ in adopted], role__is_editor=False).select_related("person")
    )
    for pk, level in adopted:
        for credit in credits:
            name = credit.person.name if credit.person_id else credit.name
            if credit.article_id == pk and name:
                rows[name]["adopted"] += 1
                add(rows[name], _rate(rates, Rate.Kind.ADOPTED, level=level))
    table = [
        {"name": name, **row, "roles": dict(row["roles"])}
        for name, row in sorted(rows.items(), key=lambda item: item[0])
    ]
    totals = {
        "articles": articles.count(),
        "photos": sum(r["photos"] for r in table),
        "adopted": len(adopted),
        "amount": sum((r["amount"] for r in table), Decimal(0)),
        "points": sum((r["points"] for r in table), Decimal(0)),
    }
    return table, totals


def scoring(portal, month):
    """The portal's score table of the portals directly below it, by its own rules (a city's
    table of its districts): one row per portal {portal, submitted, adopted, photos, points}.
    Submitted: 报送 sent in the month; adopted: stories of that portal it adopted (as a mirror
    or its own copy, still standing) in the month; photos: the photos of those stories."""
    start, end = bounds(month)
    rates = _rates(portal)
    per_item, per_photo = _rate(rates, Rate.Kind.ADOPTED), _rate(rates, Rate.Kind.ADOPTED_PHOTO)
    rows = []
    for below in portals_below(portal):
        submitted = Submission.objects.filter(
            from_portal=below, to_portal=portal, created_at__gte=start, created_at__lt=end
        ).count()
        adopted = list(_adopted(start, end, portal=portal, article__portal=below))
        photos = Photo.objects.filter(article__in=adopted, hidden_by_takedown=False).count()
        points = (per_item.points if per_item else Decimal(0)) * len(adopted) + (
            per_photo.points if per_photo else Decimal(0)
        ) * photos
        rows.append(
            {"portal": below.name, "submitted": submitted, "adopted": len(adopted), "photos": photos, "points": points}
        )
    return rows


def roles_in(table):
    """The byline roles the table names, in a stable order (the columns of the table)."""
    seen = []
    for row in table:
        for role in row["roles"]:
            if role not in seen:
                seen.append(role)
    return seen


def portals_below(portal):
    return Portal.objects.filter(parent=portal).order_by("pk")
