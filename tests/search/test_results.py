"""A fixed query → expected results set over the demo content, in both scripts."""

import re

import pytest

from newsroom.core.publishing import ALL_PORTALS
from newsroom.models import Portal
from newsroom.search import ranking as search

pytestmark = pytest.mark.django_db

XINWENLI = "/article/kunming-xinwenli-community/"  # stored in Traditional
ZHONGNAN = "/article/changsha-zhongnan-six-neighbours/"
GONGHELI = "/article/chengdu-wuhou-gongheli-community/"  # stored in Traditional
MINAN = "/article/chongqing-minan-huafu-doorstep-party-building/"
YUQUAN = "/article/hohhot-yuquan-grassroots-party-building/"
QUANMIN = "/article/quanmin-gongyi-projects/"  # a short news item (部门新闻)
XICAIYUAN = "/article/xicaiyuan-joint-party-committee/"  # 部门新闻 with a photo by 张聿修
# The districts' own short news (newsroom/demo/articles/a006_district_news.py).
HUAJIE = "/article/wuhua-chunshang-huajie-phase-two/"
GUIDES = "/article/wuhua-chunshang-volunteer-guides/"  # the 通讯员's story (newsroom/exchange/demo.py)
VOLUNTEERS = "/article/wangcheng-zhongnan-volunteer-teams/"
DAY_CARE = "/article/wuhou-gongheli-day-care/"
JLP = [f"/article/jiulongpo-{slug}/" for slug in ("minan-craft-workshop", "minan-employment-market", "series-launch")]


def urls(query, kind=None):
    """What a search finds on each of the demo's portals (each its own district), together."""
    return [d.url for portal in Portal.objects.all() for d in search.run(portal, query) if kind in (None, d.kind)]


EXPECTED = [
    # A word inside a sentence, Simplified query over Simplified text.
    ("飞行棋", [YUQUAN]),
    ("公租房", [MINAN, ZHONGNAN]),
    ("九龙坡", [MINAN, *JLP]),  # the district's own news carry its portal's name as their source
    # Traditional query over Simplified text.
    ("飛行棋", [YUQUAN]),
    ("垃圾分類", [YUQUAN, XINWENLI, QUANMIN]),
    # Simplified query over Traditional text.
    ("雷锋", [GONGHELI, ZHONGNAN, MINAN, VOLUNTEERS]),
    ("學雷鋒志願服務", [GONGHELI]),
    ("南侨机工", [XINWENLI, HUAJIE, GUIDES]),
    # Traditional query over Traditional text.
    ("機工", [XINWENLI, HUAJIE, GUIDES]),
    # Two characters.
    ("六邻", [ZHONGNAN]),
    # One character.
    ("棋", [YUQUAN, GONGHELI, QUANMIN, DAY_CARE]),
    # Numbers.
    ("2012", [MINAN]),
    # Several words: all of them, in any order.
    ("公租房 九龙坡", [MINAN]),
    ("九龙坡 公租房", [MINAN]),
    ("公租房 飞行棋", []),
    # A quoted phrase matches the phrase, not the words apart.
    ("“最美窗口”", [ZHONGNAN]),
    ('"公租房社区"', [MINAN]),
    ('"社区公租房"', []),
    # Names from photo credits and places.
    ("张聿修", [YUQUAN, XICAIYUAN]),
    ("泉民共益坊", [YUQUAN, QUANMIN]),
    # No hits.
    ("不存在的词语", []),
]


@pytest.mark.parametrize("query,expected", EXPECTED, ids=[q for q, _ in EXPECTED])
def test_fixed_queries_find_the_expected_articles(demo, query, expected):
    assert sorted(urls(query, kind="article")) == sorted(expected)


def test_every_demo_article_is_found_by_a_body_word_in_either_script(demo):
    from django.utils.html import strip_tags

    from newsroom.core.chinese import to_simplified, to_traditional
    from newsroom.models import Article

    for article in Article.objects.public(ALL_PORTALS):
        text = strip_tags(article.body)
        word = re.search(r"[\u4e00-\u9fff]{6}", text[40:]).group()  # six characters, no digits or marks
        for script in (to_simplified, to_traditional):
            assert article.get_absolute_url() in urls(script(word)), (article.slug, script(word))


def test_communities_honours_and_facilities_are_found(demo):
    assert "/communities/xinwenli/" in urls("新聞里", kind="community")
    assert urls("南僑機工歷史文化紀念館", kind="facility")
    assert len(set(urls("学雷鋒", kind="honour"))) == 1  # shared: found from every portal


def test_title_matches_rank_above_body_matches_then_newer_first(demo):
    from newsroom.search.text import normalise

    found = [d.url for d in search.run(Portal.objects.default(), "玉泉区") if d.kind == "article"]
    assert found[0] == YUQUAN  # in its title; others have it in the body only
    found = search.run(Portal.objects.default(), "社区")
    in_title = ["社区" in normalise(d.title) for d in found]
    assert in_title == sorted(in_title, reverse=True) and False in in_title
    for group in (True, False):
        dates = [d.date.replace(microsecond=0) for d, hit in zip(found, in_title) if hit is group]
        assert dates == sorted(dates, reverse=True)
