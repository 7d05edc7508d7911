"""Build the demo portal from the five source articles. Idempotent.

Every object is found by a natural key (slug, name) and updated in place, and
validated with ``full_clean()`` like an editor's form would, so the demo cannot
hold what the admin would refuse. Loading twice leaves the same content.
"""

import secrets
from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from communities.models import Community, Facility, Honour, Neighbourhood, Officer, Street
from newsroom import extensions, revisions
from newsroom.core.chinese import to_traditional
from newsroom.core.publishing import Reviewed
from newsroom.models import (
    Article,
    AuditEntry,
    BylineRole,
    Column,
    Credit,
    Membership,
    Page,
    Person,
    Photo,
    Portal,
    SensitiveWord,
    Series,
    TimePrecision,
    TipChannel,
    Topic,
)
from newsroom.roles import ensure_roles

from . import districts, site
from .accounts import ACCOUNTS
from .articles import ARTICLES, SHORT_NEWS
from .communities import COMMUNITIES, STREET_FACILITIES, STREET_OFFICERS, STREETS
from .images import demo_alt, demo_emblem, demo_photo

SHANGHAI = ZoneInfo("Asia/Shanghai")
TRADITIONAL_FIELDS = (
    "kicker",
    "title",
    "subtitle",
    "summary",
    "editors_note",
    "dateline",
    "body",
    "source_name",
    "original_title",
    "original_author",
)


def _save(model, lookup, values):
    obj = model.objects.filter(**lookup).first() or model(**lookup)
    for name, value in values.items():
        setattr(obj, name, value)
    if isinstance(obj, Reviewed):
        obj.is_live = True  # the demo is content the office has already approved
    obj.full_clean()
    obj.save()
    return obj


def _portal_content(portal, spec):
    """What a portal carries besides its identity: tip channels, columns, topics, series, pages,
    the people it credits, its 辖区 and its 错敏词. Returns the context its articles load in."""
    if not portal.logo:
        name = "portal/demo-emblem.png"
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(demo_emblem()))
        portal.logo = name
        portal.save(update_fields=["logo"])
    for order, channel in enumerate(spec.get("tip_channels", [])):
        _save(TipChannel, {"portal": portal, "kind": channel["kind"], "value": channel["value"]}, {"order": order})
    columns = {}
    for order, (slug, name, parent, *options) in enumerate(spec.get("columns", [])):
        options = options[0] if options else {}
        columns[slug] = _save(
            Column,
            {"portal": portal, "slug": slug},
            {"name": name, "parent": columns.get(parent), "order": order, "show_in_nav": True, **options},
        )
    topics = {t["slug"]: _save(Topic, {"portal": portal, "slug": t["slug"]}, t) for t in spec.get("topics", [])}
    series = {s["slug"]: _save(Series, {"portal": portal, "slug": s["slug"]}, s) for s in spec.get("series", [])}
    for a, b in spec.get("sister_series", []):
        series[a].sister_series.add(series[b])
    for order, page in enumerate(spec.get("pages", [])):
        _save(Page, {"portal": portal, "slug": page["slug"]}, {**page, "order": order})
    people = {
        key: _save(Person, {"name": name, "organisation": org, "portal": portal}, {"role": role})
        for key, (name, org, role) in spec.get("people", {}).items()
    }
    for word in spec.get("sensitive_words", []):
        _save(SensitiveWord, {"portal": portal, "word": word["word"]}, word)
    portal.streets.set(Street.objects.filter(slug__in=spec.get("streets", [])))
    for feature in spec.get("features", []):
        extensions.DEMO_FEATURES[feature](portal)
    return {"portal": portal, "columns": columns, "topics": topics, "series": series, "people": people}


def load_portal():
    """The default portal, 玉泉区新闻网 (newsroom/demo/site.py)."""
    portal = _save(Portal, {"name": site.PORTAL["name"]}, site.PORTAL)
    columns = [
        (
            slug,
            name,
            parent,
            {
                "show_in_nav": in_nav,
                "is_picture_column": pictures,
                "in_sidebar": slug in site.SIDEBAR_COLUMNS,
                **site.COLUMN_UPDATE_CLASSES.get(slug, {}),
            },
        )
        for slug, name, parent, in_nav, pictures in site.COLUMNS
    ]
    spec = {
        "tip_channels": site.TIP_CHANNELS,
        "columns": columns,
        "topics": site.TOPICS,
        "pages": site.PAGES,
        "people": site.PEOPLE,
        "sensitive_words": site.SENSITIVE_WORDS,
        "streets": site.STREETS,
    }
    return _portal_content(portal, spec)


def load_streets():
    return {name: _save(Street, {"slug": data["slug"]}, {"name": name, **data}) for name, data in STREETS.items()}


def load_communities():
    communities = {}
    streets = load_streets()
    for data in COMMUNITIES:
        data = dict(data)
        data["street"] = streets.get(data.get("street"))
        honours, facilities = data.pop("honours"), data.pop("facilities")
        neighbourhoods = data.pop("neighbourhoods", [])
        community = communities[data["slug"]] = _save(Community, {"slug": data["slug"]}, data)
        for place in neighbourhoods:
            _save(Neighbourhood, {"community": community, "name": place["name"]}, place)
        for honour in honours:
            lookup = {
                "community": community,
                "title": honour["title"],
                "recipient_name": honour.get("recipient_name", ""),
            }
            _save(Honour, lookup, honour)
        for facility in facilities:
            _save(Facility, {"slug": facility["slug"]}, {**facility, "community": community})
    for facility in STREET_FACILITIES:
        _save(Facility, {"slug": facility["slug"]}, {**facility, "street": streets[facility["street"]]})
    for officer in STREET_OFFICERS:
        street = streets[officer["street"]]
        _save(Officer, {"street": street, "name": officer["name"]}, {**officer, "street": street})
    return communities


def _demo_image(article_slug, index, caption):
    """The same file every time: written once, reused afterwards."""
    name = f"demo/{article_slug}-{index + 1}.jpg"
    if not default_storage.exists(name):
        saved = default_storage.save(name, ContentFile(demo_photo(f"{article_slug}-{index}", caption)))
        assert saved == name, f"storage renamed {name} to {saved}"
    return name


def load_article(data, portals, communities):
    data = dict(data)
    context = portals[data.get("portal", "yuquan")]
    columns, topics, series, people = (context[k] for k in ("columns", "topics", "series", "people"))
    data.setdefault("source_name", "" if data.get("is_reprint") else context["portal"].name)
    traditional = data["script"] == "zh-hant"
    values = {
        field: data.get(field, "")
        for field in (
            "kicker",
            "title",
            "subtitle",
            "summary",
            "editors_note",
            "dateline",
            "body",
            "source_name",
            "source_url",
            "via_name",
            "original_title",
            "original_author",
            "original_url",
        )
    }
    values["body"] = values["body"].strip()
    if traditional:
        values.update({field: to_traditional(values[field]) for field in TRADITIONAL_FIELDS})
    published_at = datetime.strptime(data["published_at"], "%Y-%m-%d %H:%M").replace(tzinfo=SHANGHAI)
    if data.get("original_published_at"):
        values["original_published_at"] = datetime.strptime(data["original_published_at"], "%Y-%m-%d %H:%M").replace(
            tzinfo=SHANGHAI
        )
        values["original_time_precision"] = TimePrecision.MINUTE
    elif data.get("original_time_unknown"):
        values["original_time_precision"] = TimePrecision.UNKNOWN
        values["original_time_unknown_reason"] = data["original_time_unknown"]
    values.update(
        script=data["script"],
        column=columns[data["column"]],
        series=series.get(data.get("series")),
        is_reprint=data.get("is_reprint", False),
        # An import of articles published elsewhere, with their original dates; audited below.
        status=Article.Status.PUBLISHED,
        is_live=True,
        live_from=published_at,
        first_published_at=published_at,
    )
    flags = data.get("flags", {})
    for flag in ("is_headline", "is_slideshow", "is_picture_news", "is_recommended"):
        values[flag] = flags.get(flag, False)
    article = _save(Article, {"slug": data["slug"]}, values)
    article.topics.set(topics[slug] for slug in data.get("topics", []))
    article.communities.set(communities[slug] for slug in data.get("communities", []))
    article.streets.set(Street.objects.filter(slug__in=data.get("streets", [])))
    roles = {role.name: role for role in BylineRole.objects.filter(portal_id=article.column.portal_id)}
    article.credits.all().delete()
    Credit.objects.bulk_create(
        Credit(article=article, role=roles[role], person=people[key], order=i, **(options[0] if options else {}))
        for i, (role, key, *options) in enumerate(data.get("credits", []))
    )

    cover = None
    for index, photo in enumerate(data.get("photos", [])):
        # The picture is a drawn stand-in (images.py): its alt says what is drawn.
        caption, alt = photo["caption"], demo_alt(photo["caption"])
        if traditional:
            caption, alt = to_traditional(caption), to_traditional(alt)
        saved = _save(
            Photo,
            {"article": article, "order": index},
            {
                "image": _demo_image(article.slug, index, caption),
                "caption": caption,
                "alt_text": alt,
                "credit_kind": photo["credit_kind"],
                "credit_person": people.get(photo.get("credit_person")),
                "credit_organisation": photo.get("credit_organisation", ""),
                "credit_role": photo.get("credit_role", ""),
                "body_position": photo.get("body_position"),
            },
        )
        if photo.get("cover"):
            cover = saved
    Photo.objects.filter(article=article, order__gte=len(data.get("photos", []))).delete()
    if article.cover_id != (cover.pk if cover else None):
        article.cover = cover
        article.save(update_fields=["cover"])
    # Last changed when it was published, not when the demo was loaded (dateModified, lastmod).
    Article.objects.filter(pk=article.pk).update(updated_at=published_at)
    if not article.audit_entries.filter(action="import").exists():
        AuditEntry.log(
            article=article,
            action="import",
            to_status=article.status,
            created_at=published_at,
            opinion=f"演示内容导入，原发布时间 {data['published_at']}（来源：{article.source_name}）",
        )
        revisions.record(article, None, note="演示内容导入")
    return article


def load_platform():
    """The other four source districts as portals of the platform (newsroom/demo/districts.py):
    identity, theme, columns, topics, series, people, 辖区, an 关于我们 page. Returns
    {slug: the context its articles load in}."""
    portals = {}
    for district in districts.DISTRICTS:
        data = district["portal"]
        portal = _save(Portal, {"slug": data["slug"]}, {**data, "review_steps": 2, "is_default": False})
        pages = [{"slug": "about", "title": "关于我们", "body": f"<p>{district['about']}</p>"}]
        portals[data["slug"]] = _portal_content(portal, {**district, "pages": pages})
    city = districts.CITY
    portal = _save(Portal, {"slug": city["portal"]["slug"]}, {**city["portal"], "review_steps": 2, "is_default": False})
    pages = [{"slug": "about", "title": "关于我们", "body": f"<p>{city['about']}</p>"}]
    portals[portal.slug] = _portal_content(portal, {**city, "pages": pages})
    Portal.objects.filter(slug__in=city["children"]).update(parent=portal)
    return portals


def _account(username, password, name, superuser, random_passwords):
    """The account, created with ``password`` (or a random one) if new; (user, password given)."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    given = None
    if user is None:
        user = User(username=username)
        given = secrets.token_urlsafe(12) if random_passwords else password
        user.set_password(given)
    user.first_name = name
    user.is_staff = True
    user.is_superuser = superuser
    user.save()
    Membership.objects.filter(user=user).delete()
    return user, given


def load_accounts(random_passwords=False, portals=None):
    """One account per role in the default portal, the platform's administrator, and a staff for
    two other districts. A new account gets the README's password, or a random one with
    ``random_passwords`` (a server with DEBUG off); an existing account keeps its password.
    Returns (username, password or None when it was kept, name, where they work)."""
    ensure_roles()
    default = Portal.objects.default()
    portals = portals or {}
    logins = []
    for username, password, name, superuser, groups in ACCOUNTS:
        user, given = _account(username, password, name, superuser, random_passwords)
        if groups:
            Membership.objects.give(user, default, *groups)
        logins.append((username, given, name, "所有网站" if superuser else default.short_name))
    for username, password, name, groups in districts.PLATFORM_ACCOUNTS:
        user, given = _account(username, password, name, False, random_passwords)
        Membership.objects.give(user, None, *groups)
        logins.append((username, given, name, "所有网站"))
    for slug, username, password, name, groups in districts.DISTRICT_ACCOUNTS:
        if slug not in portals:
            continue
        user, given = _account(username, password, name, False, random_passwords)
        Membership.objects.give(user, portals[slug], *groups)
        logins.append((username, given, name, portals[slug].short_name))
    return logins


@transaction.atomic
def load_demo(random_passwords=False):
    """Load everything; return the demo logins (see ``load_accounts``)."""
    communities = load_communities()
    home = load_portal()
    others = load_platform()
    portals = {"yuquan": home, **others}
    for data in [*ARTICLES, *SHORT_NEWS]:
        load_article(data, portals, communities)
    logins = load_accounts(random_passwords, {slug: context["portal"] for slug, context in others.items()})
    # what the nested apps add: the desk's notice, the leaders list, a story across portals…
    for step in extensions.DEMO_STEPS:
        logins += step(home["portal"]) or []  # a step may add logins (the demo's 通讯员)
    load_pending_change()
    return logins


def load_pending_change():
    """One change to a community waiting for review, so the 五华区 reviewers' desk is not empty."""
    from newsroom import content_review

    community = Community.objects.get(slug="xinwenli")
    if content_review.history_of(community).exists():
        return
    editor = get_user_model().objects.get(username="wuhua-editor")  # 新闻里社区 is in 五华区's 辖区
    community.highlights += (
        "<p>2024年起，社区每月举办一次“南侨机工故事会”，由志愿者讲解员为居民和游客讲述南侨机工的历史。</p>"
    )
    content_review.propose(community, editor, content_review.K.UPDATE, content_review.snapshot(community))
