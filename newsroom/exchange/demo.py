"""稿件流转's part of the demo (registered in ``ExchangeConfig.ready``): one story's whole way, run
through the real write paths — a 大观街道 correspondent's 投稿 with two photos, 五华区's editor
adopts it, 初审 and 终审签发 (graded A) publish it, 五华区 报送s it to 昆明市, whose chief adopts
it as a mirror in 区县动态 — and the rates the ledger computes with."""

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from newsroom import workflow
from newsroom.core import content
from newsroom.demo.images import demo_photo
from newsroom.models import Article, ArticlePlacement, BylineRole, Column, Credit, Person, Portal

from . import actions
from .models import Correspondent, Manuscript

TITLE = "椿上花街12面文化墙前，居民听志愿者讲南侨机工故事"
SLUG = "wuhua-chunshang-volunteer-guides"
PUBLISHED = "2022-01-08 10:00"
BODY = """大观街道新闻里社区的椿上花街，二期改造后沿街立起了12面文化墙，分爱国、乡愁、同根、岁月、文化等6个篇章。

周末傍晚，社区志愿者讲解员站在南侨机工主题的墙面前，给散步的居民和游客讲述当年机工们回国抗战的经历。

一期街区建在新闻南路，南侨机工历史文化墙、漂流书柜和心愿墙仍是居民最常驻足的地方。"""
PHOTOS = [
    ("志愿者讲解员在椿上花街文化墙前为居民讲述南侨机工故事", "周丽"),
    ("居民在新闻南路的心愿墙前驻足", "周丽"),
]
CORRESPONDENT = ("wuhua-tongxunyuan", "linli-wuhua-tongxunyuan-2026", "周丽", "大观街道新闻里社区居委会")
# 五华区's 稿费标准 (by byline role and grade, per photo, per adoption by the portal one or two levels
# up) and 昆明市's scoring of its districts (1 point per adopted item, 0.5 per photo):
# (kind, role, grade, level, amount in 元, points)
RATES = {
    "wuhua": [
        ("byline", "通讯员", "A", None, "150", "0"),
        ("byline", "通讯员", "", None, "80", "0"),
        ("byline", "记者", "", None, "100", "0"),
        ("byline", "责任编辑", "", None, "20", "0"),
        ("photo", "", "", None, "30", "0"),
        ("adopted", "", "", 1, "50", "0"),
        ("adopted", "", "", 2, "100", "0"),
    ],
    "kunming": [("adopted", "", "", None, "0", "1"), ("adopted_photo", "", "", None, "0", "0.5")],
}


def _user(username):
    return get_user_model().objects.get(username=username)


def correspondent_account(portal):
    """The demo's 通讯员 (README: its login), registered by 五华区: (correspondent, the password
    given to a new account — the README's under DEBUG, else a random one — or None)."""
    username, password, name, unit = CORRESPONDENT
    User = get_user_model()
    user, given = User.objects.filter(username=username).first(), None
    if user is None:
        given = password if settings.DEBUG else secrets.token_urlsafe(12)
        user = User.objects.create_user(username, password=given, first_name=name)
    correspondent, _ = Correspondent.objects.get_or_create(
        user=user, defaults={"portal": portal, "name": name, "unit": unit}
    )
    return correspondent, given


def load_story(default_portal):
    from newsroom.ledger.models import Rate

    wuhua = Portal.objects.filter(slug="wuhua").first()
    city = Portal.objects.filter(slug="kunming").first()
    if wuhua is None or city is None or wuhua.parent_id != city.pk:
        return []
    for slug, lines in RATES.items():
        portal = Portal.objects.get(slug=slug)
        for kind, role, grade, level, amount, points in lines:
            Rate.objects.get_or_create(
                portal=portal,
                kind=kind,
                role=role,
                grade=grade,
                level=level,
                defaults={"amount": amount, "points": points},
            )
    correspondent, given = correspondent_account(wuhua)
    login = [(CORRESPONDENT[0], given, f"{correspondent.name}（通讯员，在线投稿 /tougao/）", wuhua.short_name)]
    if Manuscript.objects.filter(title=TITLE).exists():
        return login
    photos = [
        (ContentFile(demo_photo(f"exchange-{i}", caption), name=f"wenhuaqiang-{i + 1}.jpg"), caption, by)
        for i, (caption, by) in enumerate(PHOTOS)
    ]
    manuscript = actions.send(correspondent, TITLE, BODY, photos)
    editor, first, chief = _user("wuhua-editor"), _user("wuhua-first"), _user("wuhua-chief")
    column = Column.objects.get(portal=wuhua, slug="wuhua-community")
    article = actions.adopt_manuscript(manuscript, editor, column).article
    article.summary = "椿上花街二期沿街建成12面文化墙，志愿者讲解员在墙前为居民讲述南侨机工故事。"
    article.save(update_fields=["summary"])
    article.communities.set(wuhua.streets.first().communities.filter(slug="xinwenli"))
    Credit.objects.create(
        article=article,
        role=BylineRole.objects.get(portal=wuhua, name="责任编辑"),
        person=Person.objects.get(portal=wuhua, name="杨晓云"),
        order=9,
    )
    workflow.submit(article, editor)
    for reviewer in (first, chief):  # 五华区 reviews in two steps (初审, 终审签发)
        workflow.approve(Article.objects.get(pk=article.pk), reviewer)
    from newsroom.ledger import actions as ledger

    ledger.grade(Article.objects.get(pk=article.pk), chief, "A")
    workflow.publish(Article.objects.get(pk=article.pk), chief)
    article = Article.objects.get(pk=article.pk)
    submission = actions.submit(article, city, editor, "椿上花街文化墙讲述南侨机工故事，供区县动态选用。")
    actions.adopt(
        submission,
        _user("kunming-chief"),
        ArticlePlacement.Kind.MIRROR,
        Column.objects.get(portal=city, slug="kunming-districts"),
    )
    _dated(manuscript, article, submission)
    return login


def _at(text):
    return timezone.make_aware(datetime.strptime(text, "%Y-%m-%d %H:%M"))


def _dated(manuscript, article, submission):
    """The story ran in January 2022, between the demo's other 五华区 stories (its dates are the
    seeds'): every record of its way gets the time it would have had, so the demo's timeline,
    lists and ledger month hold together. The notices the reviewers got on the way are read."""
    from newsroom.ledger.models import Grade, LedgerEvent
    from newsroom.models import AuditEntry, Notification, Photo, Revision

    from .models import ManuscriptEvent, Submission, SubmissionEvent

    received, adopted, published = _at("2022-01-07 20:15"), _at("2022-01-08 08:40"), _at(PUBLISHED)
    sent, taken = _at("2022-01-08 10:30"), _at("2022-01-08 15:00")
    Manuscript.objects.filter(pk=manuscript.pk).update(created_at=received, decided_at=adopted)
    for event, at in zip(ManuscriptEvent.objects.filter(manuscript=manuscript).order_by("id"), (received, adopted)):
        ManuscriptEvent.objects.filter(pk=event.pk).update(created_at=at)
    entries = list(AuditEntry.objects.filter(article=article).order_by("id"))
    for i, entry in enumerate(entries):
        at = taken if entry.action == AuditEntry.Action.PLACE else min(adopted + timedelta(minutes=20 * i), published)
        AuditEntry.objects.filter(pk=entry.pk).update(created_at=at)
    Revision.objects.filter(article=article).update(created_at=adopted)
    Photo.objects.filter(article=article).update(created_at=adopted)
    Notification.objects.filter(article=article).update(created_at=published, read_at=published)
    Grade.objects.filter(article=article).update(set_at=published)
    LedgerEvent.objects.filter(portal=article.portal_id).update(created_at=published)
    Submission.objects.filter(pk=submission.pk).update(created_at=sent, decided_at=taken)
    for event, at in zip(SubmissionEvent.objects.filter(submission=submission).order_by("id"), (sent, taken)):
        SubmissionEvent.objects.filter(pk=event.pk).update(created_at=at)
    ArticlePlacement.objects.filter(article=article).update(created_at=taken)
    Article.objects.filter(pk=article.pk).update(
        slug=SLUG, created_at=adopted, updated_at=published, first_published_at=published, live_from=published
    )
    moved = Article.objects.select_related("column").get(pk=article.pk)
    content.changed(Article, [moved])  # update() sends no signals: the search index and the page cache follow
