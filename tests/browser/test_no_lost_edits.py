"""No lost edits, in Chromium: with changes not yet saved, 提交审核 is refused with what was typed
kept on the page, and leaving the page asks first; after saving, the article goes to review."""

from django.contrib.auth.models import User
from playwright.sync_api import Error as PlaywrightError

from newsroom.models import Article
from tests.browser.conftest import login, screenshot
from tests.conftest import new_draft


def test_unsaved_changes_stop_a_workflow_button_and_stay_on_the_page(site, browser):
    draft = new_draft(User.objects.get(username="editor"), title="旧标题")
    editor = login(browser, site, "editor", "linli-editor-2026")
    editor.goto(f"{site}/admin/")
    assert (
        "我的草稿" in editor.locator(".linli-desk").inner_text()
        and "旧标题" in editor.locator(".linli-desk").inner_text()
    )
    screenshot(editor, "admin-desk-editor")
    editor.goto(f"{site}/admin/newsroom/article/{draft.pk}/change/")
    editor.fill("#id_title", "编辑刚改的新标题")
    editor.get_by_role("button", name="提交审核").click()
    warning = editor.locator(".linli-unsaved")
    warning.wait_for()
    assert "尚未保存的修改" in warning.inner_text()
    assert editor.input_value("#id_title") == "编辑刚改的新标题"
    assert Article.objects.get(pk=draft.pk).status == Article.Status.DRAFT
    screenshot(editor, "admin-unsaved-refused")

    dialogs = []
    editor.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    try:
        editor.goto(f"{site}/admin/")  # leaving: the browser asks, and staying keeps the page
    except PlaywrightError as error:
        assert "ERR_ABORTED" in str(error)
    assert dialogs == ["beforeunload"] and editor.input_value("#id_title") == "编辑刚改的新标题"

    editor.get_by_role("button", name="保存并继续编辑").click()
    editor.wait_for_load_state()
    editor.get_by_role("button", name="提交审核").click()
    editor.wait_for_load_state()
    article = Article.objects.get(pk=draft.pk)
    assert article.title == "编辑刚改的新标题" and article.status == Article.Status.IN_REVIEW
    editor.context.close()
