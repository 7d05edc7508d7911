"""Real copy through the admin alone, in Chromium with the demo editor: a byline with 记者 ×2,
通讯员, 实习生, 编辑, 审校 and 责任编辑, a reprint with 来源 and 转自 but no link and a date-only
original time; after review, readers see each of them where a Chinese portal prints them."""

from django.contrib.auth.models import User

from newsroom import workflow
from newsroom.models import Article
from tests.browser.conftest import login, screenshot
from tests.helpers import new_draft

BYLINE = [
    ("记者", "", "张成", True),
    ("记者", "", "刘洋", True),
    ("通讯员", "小召前街社区", "王丽", True),
    ("实习生", "", "陈晨", False),
    ("编辑", "", "赵敏", False),
    ("审校", "", "孙磊", False),
]


def test_an_editor_enters_a_real_reprint_and_readers_see_it_as_printed(site, browser, page):
    author = User.objects.get(username="editor")
    draft = new_draft(author, title="玉泉区小召前街社区开展邻里节", dateline="玉泉区融媒体中心讯")
    editor = login(browser, site, "editor", "linli-editor-2026")
    editor.goto(f"{site}/admin/newsroom/article/{draft.pk}/change/")

    # The byline: the draft has its 责任编辑 in row 0; six more rows, in print order.
    group = editor.locator("#credits-group")
    for i, (role, organisation, name, in_dateline) in enumerate(BYLINE, start=1):
        group.locator(".add-row a").click()
        editor.select_option(f"#id_credits-{i}-role", label=role)
        editor.fill(f"#id_credits-{i}-order", str(i))
        editor.fill(f"#id_credits-{i}-organisation", organisation)
        editor.fill(f"#id_credits-{i}-name", name)
        if in_dateline:
            editor.check(f"#id_credits-{i}-in_dateline")
    editor.fill("#id_credits-0-order", "9")  # 责任编辑 prints last

    # A reprint: 来源 and 转自, no link, the original's date without a time.
    editor.fill("#id_source_name", "内蒙古日报")
    editor.fill("#id_via_name", "人民网内蒙古频道")
    editor.check("#id_is_reprint")
    editor.fill("#id_original_title", "小召前街社区：邻里节里话邻里")
    editor.fill("#id_original_author", "内蒙古日报记者 刘洋")
    editor.fill("#id_original_published_at_0", "2026-11-30")
    editor.fill("#id_original_published_at_1", "00:00:00")
    editor.select_option("#id_original_time_precision", label="仅日期")
    screenshot(editor, "admin-real-copy-byline")
    editor.get_by_role("button", name="保存并继续编辑").click()
    editor.wait_for_load_state()
    assert editor.locator(".errornote").count() == 0, editor.locator(".errorlist").all_inner_texts()
    editor.context.close()

    article = Article.objects.get(pk=draft.pk)
    assert [str(c) for c in article.credits.all()][-1] == "责任编辑 刘思远"
    workflow.submit(article, author)
    for username in ("reviewer1", "reviewer2", "chief"):
        workflow.approve(article, User.objects.get(username=username))
    workflow.publish(Article.objects.get(pk=draft.pk), User.objects.get(username="chief"))

    page.goto(site + article.get_absolute_url())
    meta = page.locator(".meta").inner_text()
    for text in ("记者：张成、刘洋", "小召前街社区通讯员：王丽", "实习生：陈晨", "来源：内蒙古日报"):
        assert text in meta, (text, meta)
    assert "—玉泉区融媒体中心讯（记者 张成 刘洋 小召前街社区通讯员 王丽）" in page.locator(".dateline").inner_text()
    assert page.locator(".editors").inner_text() == "[编辑：赵敏　审校：孙磊　责任编辑：刘思远]"
    reprint = page.locator(".reprint").inner_text()
    for text in ("内蒙古日报", "人民网内蒙古频道", "小召前街社区：邻里节里话邻里", "内蒙古日报记者 刘洋", "2026-11-30"):
        assert text in reprint, (text, reprint)
    assert "00:00" not in reprint and "原文链接" not in reprint
    screenshot(page, "article-real-copy-1280")
