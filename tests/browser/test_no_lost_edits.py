"""No lost edits, in Chromium: with changes not yet saved, 提交审核 is refused with what was typed
kept on the page, and leaving the page asks first; after saving, the article goes to review."""

from django.contrib.auth.models import User
from playwright.sync_api import Error as PlaywrightError

from newsroom.models import Article
from tests.browser.conftest import login, screenshot
from tests.helpers import new_draft


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
    editor.get_by_role("button", name="提交审核", exact=True).click()
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
    editor.get_by_role("button", name="提交审核", exact=True).click()
    editor.wait_for_load_state()
    article = Article.objects.get(pk=draft.pk)
    assert article.title == "编辑刚改的新标题" and article.status == Article.Status.IN_REVIEW
    editor.context.close()


def test_autosaved_body_survives_a_closed_tab(site, browser, settings):
    """The editor types into the body, the tab closes before saving; on reopening, the page
    offers the text back, restores it into CKEditor, and saving makes it the article's."""
    settings.ARTICLE_AUTOSAVE_SECONDS = 1
    draft = new_draft(User.objects.get(username="editor"), title="断电前的稿件")
    editor = login(browser, site, "editor", "linli-editor-2026")
    editor.goto(f"{site}/admin/newsroom/article/{draft.pk}/change/")
    body = editor.locator("#cke_id_body .cke_wysiwyg_div[contenteditable=true]")
    body.click()
    editor.keyboard.press("End")
    editor.keyboard.type("这一段是停电前刚打的字。")
    editor.locator(".linli-autosave-status", has_text="已自动保存").wait_for()
    context = editor.context
    editor.close()  # the tab closes (or the browser crashes) before 保存

    editor = context.new_page()
    editor.goto(f"{site}/admin/newsroom/article/{draft.pk}/change/")
    offer = editor.locator(".linli-autosave-offer")
    assert "自动保存过本页尚未保存的内容" in offer.inner_text()
    screenshot(editor, "admin-autosave-offer")
    editor.get_by_role("button", name="恢复自动保存的内容").click()
    assert (
        "这一段是停电前刚打的字" in editor.locator("#cke_id_body .cke_wysiwyg_div[contenteditable=true]").inner_text()
    )
    editor.get_by_role("button", name="保存并继续编辑").click()
    editor.wait_for_load_state()
    assert "这一段是停电前刚打的字" in Article.objects.get(pk=draft.pk).body
    assert editor.locator(".linli-autosave-offer").count() == 0
    context.close()


def test_autosave_keeps_bylines_too(site, browser, settings):
    """A byline's person changed in its autocomplete box and a new byline row added, then the tab
    closes: the restore puts the person back (shown in the box), and says the added row must be
    added again. (A photo is saved the moment its dialog is: nothing of it waits to be lost.)"""
    from tests.browser.test_editors_day import pick

    settings.ARTICLE_AUTOSAVE_SECONDS = 1
    draft = new_draft(User.objects.get(username="editor"), title="断电前改了署名")
    editor = login(browser, site, "editor", "linli-editor-2026")
    editor.goto(f"{site}/admin/newsroom/article/{draft.pk}/change/")
    pick(editor, editor.locator("#credits-0 .field-person"), "张聿修")
    editor.locator("#credits-group .add-row a").click()  # a byline row the last save did not have
    editor.locator("input[name='credits-1-organisation']").fill("新加的单位")
    editor.locator(".linli-autosave-status", has_text="已自动保存").wait_for()
    context = editor.context
    editor.close()

    editor = context.new_page()
    editor.goto(f"{site}/admin/newsroom/article/{draft.pk}/change/")
    editor.get_by_role("button", name="恢复自动保存的内容").click()
    assert "张聿修" in editor.locator("#credits-0 .field-person .select2-selection").inner_text()
    assert "另有 1 行上次保存后新增的署名未能恢复" in editor.locator(".linli-autosave-offer").inner_text()
    editor.get_by_role("button", name="保存并继续编辑").click()
    editor.wait_for_load_state()
    assert draft.credits.get().person.name == "张聿修"
    context.close()
