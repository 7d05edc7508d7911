"""Pasting from Word/WPS or a web page: the body takes no images, and the editor is told at once
how many were left out and where to add them (not a silent loss)."""

from django.contrib.auth.models import User

from tests.browser.conftest import login, screenshot
from tests.helpers import new_draft

PASTED = '<p>第一段。</p><p><img src="data:image/png;base64,iVBORw0KGgo="></p><p>第二段。</p><img src="b.png">'


def test_pasted_images_are_named_not_lost_silently(site, browser):
    draft = new_draft(User.objects.get(username="editor"), title="从 Word 粘贴")
    editor = login(browser, site, "editor", "linli-editor-2026")
    editor.goto(f"{site}/admin/newsroom/article/{draft.pk}/change/")
    editor.wait_for_function(
        "window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
    )
    editor.evaluate("html => CKEDITOR.instances.id_body.execCommand('paste', html)", PASTED)
    note = editor.locator(".linli-paste-note")
    note.wait_for()
    assert "2 张图片未放进正文" in note.inner_text() and "插入位置" in note.inner_text()
    body = editor.evaluate("CKEDITOR.instances.id_body.getData()")
    assert "第二段" in body and "<img" not in body
    screenshot(editor, "admin-paste-images")
    editor.context.close()
