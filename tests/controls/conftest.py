"""A second portal (站群) beside the demo's: 青山区, with a column, a topic, an article and one
staff member per role, each holding that role in 青山区 only."""

import pytest
from django.test import Client

from newsroom.models import Article, Column, ImageAsset, Person, Portal, Topic
from tests.helpers import new_draft, user_in

THEIRS = "青山区独有的一篇稿件"
PRIVATE_PERSON = "玉泉区内部通讯员"
QINGSHAN_ROLES = {
    "editor": "编辑",
    "first": "初审",
    "second": "复审",
    "chief": "终审签发",
    "moderator": "版权审核",
    "comments": "评论审核",
    "legal": "法务复核",
    "siteadmin": "站点管理员",
}


@pytest.fixture
def qingshan(demo, roles):
    portal = Portal.objects.create(name="青山区融媒", short_name="青山区", hosts="qs.example")
    column = Column.objects.create(portal=portal, name="青山要闻", slug="qs-news")
    Topic.objects.create(portal=portal, title="青山区专题", slug="qs-topic", is_live=True)
    staff = {role: user_in(group, f"qs-{role}", portal=portal) for role, group in QINGSHAN_ROLES.items()}
    article = new_draft(staff["editor"], title=THEIRS, column=column)
    Person.objects.create(name=PRIVATE_PERSON, organisation="玉泉区小召前街", portal=Portal.objects.default())
    return {"portal": portal, "column": column, "article": article, "staff": staff}


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def demo_sentinels():
    """Texts only the demo portal's rows carry: its articles' titles, its topics, the people it
    keeps to itself and its library images' captions."""
    default = Portal.objects.default()
    titles = list(Article.objects.filter(portal=default).values_list("title", flat=True)[:6])
    topics = list(Topic.objects.filter(portal=default).values_list("title", flat=True)[:3])
    people = [PRIVATE_PERSON]  # the demo's own people are named in help texts' examples
    images = ImageAsset.objects.filter(portal=default, shared=False).exclude(caption="")
    return titles + topics + people + list(images.values_list("caption", flat=True)[:3])
