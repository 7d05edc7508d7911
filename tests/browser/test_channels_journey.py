"""发布到其他渠道 in Chromium: the editor opens a published story's channel page from its admin page
(one click), reads the WeChat version in a phone-sized frame, and downloads the package; the
WeChat version itself at 375 px, as a 公众号 reader sees it, with every credit."""

import zipfile

from newsroom.models import Article
from tests.browser.conftest import LOADED, login, screenshot
from tests.takedowns.test_desk import YUQUAN


def test_the_editor_sees_the_wechat_version_and_takes_the_package(site, browser, tmp_path):
    story = Article.objects.get(slug=YUQUAN)
    editor = login(browser, site, "editor", "linli-editor-2026")
    editor.goto(f"{site}/admin/newsroom/article/{story.pk}/change/")
    editor.get_by_role("link", name="发布到其他渠道").click()
    editor.wait_for_load_state()
    assert "符合公众号的要求" in editor.locator("#content-main").inner_text()
    frame = editor.frame_locator("iframe[title='公众号版本预览']")
    assert frame.locator("body").inner_text().count("张聿修 摄") == 8
    screenshot(editor, "channels-page-1280")
    editor.set_viewport_size({"width": 768, "height": 900})
    screenshot(editor, "channels-page-768")
    with editor.expect_download() as download:
        editor.get_by_role("button", name="下载素材包（秀米/135、学习强国、头条）").click()
    name = download.value.suggested_filename
    assert name.startswith("wechat-") and name.endswith(".zip")
    # the package's page, opened as the office opens it before pasting: a 公众号 article at 375 px
    with zipfile.ZipFile(download.value.path()) as archive:
        archive.extractall(tmp_path)
    editor.set_viewport_size({"width": 375, "height": 800})
    editor.goto((tmp_path / "wechat.html").as_uri())
    editor.wait_for_load_state()
    text = editor.locator("body").inner_text()
    assert text.count("张聿修 摄") == 8 and "责任编辑" in text and story.title in text
    editor.evaluate(LOADED)
    assert editor.evaluate("Array.from(document.images).every(i => i.naturalWidth > 0)")
    screenshot(editor, "wechat-package-375")
    # the WeChat version at a phone's width: no horizontal scrolling, every photo credited
    editor.set_viewport_size({"width": 375, "height": 800})
    editor.goto(f"{site}/admin/channels/distribution/article/{story.pk}/wechat/")
    assert not editor.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    text = editor.locator("body").inner_text()
    assert text.count("张聿修 摄") == 8 and "责任编辑" in text
    screenshot(editor, "wechat-version-375")
    editor.context.close()
