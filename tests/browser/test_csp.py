"""Under the real Content-Security-Policy, Chromium reports no violation: the portal's own
script runs, and the admin's CKEditor 4 loads, takes typing and its toolbar works."""

import re

from tests.browser.conftest import screenshot
from tests.helpers import new_draft, user_in


def violations_while(browser, visit):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    visit(page)
    context.close()
    return refused


def test_public_pages_run_under_the_policy_and_count_views(browser, site):
    from newsroom.models import Article

    def visit(page):
        for path in ("/", "/article/hohhot-yuquan-grassroots-party-building/", "/communities/guanyinmiao/"):
            page.goto(site + path)
            page.wait_for_load_state("networkidle")
        for figure in ("2", "3"):  # the second visit is served from the page cache and still counts
            page.goto(site + "/article/hohhot-yuquan-grassroots-party-building/")
            page.wait_for_load_state("networkidle")
            assert page.locator(".views").inner_text() == figure
        page.get_by_role("link", name="繁", exact=True).first.click()
        page.wait_for_load_state("networkidle")
        assert "社區" in page.content()

    assert violations_while(browser, visit) == []
    # Four views: three visits, and the 繁 switch, which reloads the article.
    assert Article.objects.get(slug="hohhot-yuquan-grassroots-party-building").view_count == 4


def type_and_bold(page, site, username, password, draft, text):
    """Log in, open the draft, type ``text`` into the editor and make it bold with the toolbar."""
    page.goto(site + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.goto(site + f"/admin/newsroom/article/{draft.pk}/change/")
    editable = page.locator(".cke_wysiwyg_div[contenteditable=true]").first
    editable.click()
    page.keyboard.type(text)
    assert text in editable.inner_text()
    page.keyboard.press("Control+A")
    page.locator("a.cke_button__bold").first.click()  # a toolbar button works
    assert editable.locator("strong").count() >= 1


def test_ckeditor_loads_and_takes_typing_under_the_policy(browser, site):
    editor = user_in("编辑", "csp-editor")
    editor.set_password("pw-csp-2026")
    editor.save()
    draft = new_draft(editor, slug="csp-draft")

    def visit(page):
        type_and_bold(page, site, "csp-editor", "pw-csp-2026", draft, "在严格的内容安全策略下输入")
        screenshot(page, "admin-ckeditor-under-csp")

    assert violations_while(browser, visit) == []


def test_the_editor_types_and_bolds_with_production_static_files(browser, site, settings, tmp_path):
    """DEBUG off and the manifest storage, as production serves the admin: the editor's script
    is ckeditor.<hash>.js, and its toolbar still works under the policy (it was dead)."""
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    # The live server serves /static/ through the finders: let them find the hashed copies.
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, str(settings.STATIC_ROOT)]
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    editor = user_in("编辑", "prod-editor")
    editor.set_password("pw-prod-2026")
    editor.save()
    draft = new_draft(editor, slug="prod-static-draft")
    scripts = []

    def visit(page):
        page.on("request", lambda r: scripts.append(r.url) if "ckeditor.js" in r.url or "/ckeditor." in r.url else None)
        type_and_bold(page, site, "prod-editor", "pw-prod-2026", draft, "生产环境下加粗")
        screenshot(page, "admin-ckeditor-production-static")

    assert violations_while(browser, visit) == []
    assert any(re.search(r"ckeditor\.[0-9a-f]{12}\.js", url) for url in scripts), scripts
