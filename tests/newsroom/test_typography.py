"""Chinese text a reader sees uses full-width punctuation (GB/T 15834): no ASCII comma, colon,
semicolon, exclamation or question mark, or parenthesis next to a Han character, in the demo's
content or in the portal's own labels."""

import re

import pytest
from django.utils.html import strip_tags

from communities.models import Community, Facility, Honour, Street
from newsroom.models import Article, Column, Page, Photo, Portal, Series, Topic

pytestmark = pytest.mark.usefixtures("demo")

HAN = r"[\u4e00-\u9fff]"
HALF_WIDTH = re.compile(rf"(?<={HAN})[,;:!?()]|[,;:!?()](?={HAN})|(?<={HAN}),(?=\d)")


def problems(label, text):
    text = strip_tags(text or "")
    return [f"{label}: …{text[max(0, m.start() - 10) : m.end() + 10]}…" for m in HALF_WIDTH.finditer(text)]


def texts_of(queryset, *fields):
    for row in queryset:
        for field in fields:
            yield f"{type(row).__name__} {row.pk} {field}", str(getattr(row, field) or "")


def test_every_demo_text_uses_full_width_punctuation():
    sources = [
        texts_of(Article.objects.all(), "title", "kicker", "subtitle", "summary", "editors_note", "body", "dateline"),
        texts_of(Photo.objects.all(), "caption", "alt_text"),
        texts_of(Community.objects.all(), "name", "profile", "highlights", "secretary_reflections"),
        texts_of(Honour.objects.all(), "title"),
        texts_of(Facility.objects.all(), "name", "description"),
        texts_of(Street.objects.all(), "name"),
        texts_of(Page.objects.all(), "title", "body"),
        texts_of(Topic.objects.all(), "title", "description"),
        texts_of(Series.objects.all(), "title", "editors_note"),
        texts_of(Column.objects.all(), "name"),
        texts_of(Portal.objects.all(), "name", "tip_reward_note", "reprint_disclaimer", "icp_number", "sponsor"),
    ]
    found = [p for source in sources for label, text in source for p in problems(label, text)]
    assert found == []


@pytest.mark.parametrize("url", ["/", "/column/party/", "/communities/", "/communities/zhongnan/", "/page/contact/"])
def test_the_portal_labels_use_full_width_punctuation(client, url):
    html = client.get(url).content.decode()
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", html, flags=re.S)
    assert problems(url, body) == []


def test_every_article_page_uses_full_width_punctuation(client):
    found = []
    for article in Article.objects.filter(is_live=True):
        html = client.get(article.get_absolute_url()).content.decode()
        found += problems(article.slug, re.sub(r"<(script|style)[^>]*>.*?</\1>", "", html, flags=re.S))
    assert found == []
