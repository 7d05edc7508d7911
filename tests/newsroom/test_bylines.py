"""Bylines as rows: every role real copy prints, several people per role, organisations before
names, names without a role, the 电头 and the end-of-article line in the portal's style."""

import pytest

from newsroom import revisions, workflow
from newsroom.models import Article, BylineRole, Credit, Person, Portal
from tests.helpers import new_draft
from tests.helpers import page_html as page

pytestmark = pytest.mark.django_db


def credit(article, role, name="", person=None, **fields):
    role = BylineRole.objects.get(portal=article.column.portal, name=role) if role else None
    order = article.credits.count()
    return Credit.objects.create(article=article, role=role, name=name, person=person, order=order, **fields)


def published(roles, article):
    workflow.submit(article, roles["editor"])
    for role in ("first", "second", "chief"):
        workflow.approve(article, roles[role])
    workflow.publish(Article.objects.get(pk=article.pk), roles["chief"])
    return Article.objects.get(pk=article.pk)


@pytest.fixture
def full_byline(demo, roles):
    """记者 ×2, 通讯员, 实习生, 编辑, 审校 and 责任编辑 (from new_draft), as a real article has them."""
    article = new_draft(roles["editor"], dateline="玉泉区融媒体中心讯")
    article.credits.all().delete()
    credit(article, "记者", person=Person.objects.get(name="张成"), in_dateline=True)
    credit(article, "记者", name="刘洋", in_dateline=True)
    credit(article, "通讯员", name="王丽", organisation="小召前街社区", in_dateline=True)
    credit(article, "实习生", name="陈晨")
    credit(article, "编辑", name="赵敏")
    credit(article, "审校", name="孙磊")
    credit(article, "责任编辑", person=Person.objects.get(name="王晋南"))
    credit(article, None, name="李华")  # a name printed alone, without a role
    return published(roles, article)


def test_the_meta_line_prints_each_role_with_its_people(client, full_byline):
    html = page(client, full_byline.get_absolute_url())
    assert '<span class="byline">记者：张成、刘洋</span>' in html
    assert '<span class="byline">小召前街社区通讯员：王丽</span>' in html
    assert '<span class="byline">实习生：陈晨</span>' in html
    assert '<span class="byline">李华</span>' in html
    assert "作者：" not in html and "记者：陈晨" not in html  # nobody is printed under another role


def test_the_dateline_names_the_people_marked_for_it(client, full_byline):
    html = page(client, full_byline.get_absolute_url())
    assert "—玉泉区融媒体中心讯（记者 张成 刘洋 小召前街社区通讯员 王丽）" in html


def test_the_end_line_follows_the_portals_style(client, full_byline):
    html = page(client, full_byline.get_absolute_url())
    assert '<p class="editors">[编辑：赵敏　审校：孙磊　责任编辑：王晋南]</p>' in html
    portal = full_byline.column.portal
    portal.byline_end_style = "parentheses"
    portal.save()  # the admin's save: cached pages go stale
    html = page(client, full_byline.get_absolute_url())
    assert '<p class="editors">（编辑：赵敏　审校：孙磊　责编：王晋南）</p>' in html


def test_an_author_prints_as_an_author(client, demo, roles):
    article = new_draft(roles["editor"])
    credit(article, "作者", name="高塘岭街道中南社区")
    html = page(client, published(roles, article).get_absolute_url())
    assert '<span class="byline">作者：高塘岭街道中南社区</span>' in html and "记者：" not in html


def test_a_credit_needs_a_name_and_a_role_of_its_own_portal(demo, roles):
    from django.core.exceptions import ValidationError

    article = new_draft(roles["editor"])
    with pytest.raises(ValidationError, match="请选择人员或填写姓名"):
        Credit(article=article).full_clean()
    other = Portal.objects.create(name="另一个网站")
    assert other.byline_roles.filter(name="责任编辑", abbreviation="责编", is_editor=True).exists()
    with pytest.raises(ValidationError, match="请选择本网站的署名职务"):
        Credit(article=article, role=other.byline_roles.get(name="记者"), name="甲").full_clean()


def test_bylines_are_part_of_revisions_new_versions_and_their_diff(demo, roles, full_byline):
    draft = workflow.new_version(full_byline, roles["editor"])
    assert [str(c) for c in draft.credits.all()] == [str(c) for c in full_byline.credits.all()]
    before = revisions.snapshot(draft)
    draft.credits.filter(name="孙磊").update(name="周涛")
    changes = dict(revisions.diff(before, revisions.snapshot(draft)))
    old, new = changes["署名"][0]
    assert "<del>孙磊</del>" in old and "<ins>周涛</ins>" in new


def test_a_snapshot_from_before_bylines_were_rows_restores_them(demo, roles):
    """Revisions saved with the three fixed fields (reporters, correspondents, 责任编辑)."""
    article = new_draft(roles["editor"])
    data = revisions.snapshot(article)
    del data["credits"]
    zhang, wang = Person.objects.get(name="张成"), Person.objects.get(name="王晋南")
    data.update(reporters=[zhang.pk], correspondents=[], editors_in_charge=[wang.pk])
    revisions.apply(article, data)
    assert [str(c) for c in article.credits.all()] == ["记者 张成", "责任编辑 王晋南"]


def test_the_search_index_finds_an_article_by_its_reporter(client, full_byline):
    html = client.get("/search/", {"q": "刘洋"}).content.decode()
    assert full_byline.get_absolute_url() in html
