"""The article's photos as a list, each edited in a dialog: an editor changes one photo's caption
and another's credit among twelve; each save changes that photo only, the list shows it at once,
and the article's own save afterwards is not refused as a conflict with the editor's own photos."""

from django.contrib.auth.models import User
from django.core.files.base import ContentFile

from newsroom.models import Article, Person, Photo
from tests.browser.conftest import login, screenshot
from tests.browser.photos import open_dialog, save_dialog
from tests.browser.test_editors_day import no_dead_end, pick
from tests.helpers import jpeg_bytes, new_draft


def _photos(article):
    return {
        p.pk: (p.caption, p.alt_text, p.credit_kind, p.credit_person_id, p.credit_organisation, p.image.name)
        for p in article.photos.order_by("order", "pk")
    }


def test_an_editor_changes_one_photos_credit_among_many(site, browser):
    article = new_draft(User.objects.get(username="editor"), title="十二张图片的邻里节组图")
    for i in range(11):
        person, _ = Person.objects.get_or_create(name=f"通讯员{i}", organisation="中南社区")
        photo = Photo(
            article=article,
            caption=f"邻里节现场第{i + 2}张",
            alt_text="居民在广场聚餐",
            credit_kind="photo",
            credit_person=person,
            order=i + 2,
        )
        photo.image.save(f"festival-{i}.jpg", ContentFile(jpeg_bytes()), save=False)
        photo.save()
    before = _photos(article)
    first, second = list(before)[:2]

    editor = login(browser, site, "editor", "linli-editor-2026")
    errors = []
    editor.on("pageerror", lambda e: errors.append(str(e)))
    editor.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    editor.goto(f"{site}/admin/newsroom/article/{article.pk}/change/")
    items = editor.locator("#photos-group .linli-photo-item")
    assert items.count() == 12
    assert "通讯员0 摄" in items.nth(1).inner_text()
    screenshot(editor, "admin-photo-list")
    editor.fill("#id_title", "十二张图片的邻里节组图（改）")  # typed on the page, not yet saved

    dialog = open_dialog(editor, items.nth(0).get_by_role("button", name="编辑"))
    dialog.locator("textarea[name=caption]").fill("居民在同心广场摆起百家宴")
    screenshot(editor, "admin-photo-dialog", full_page=False)
    save_dialog(editor, dialog, shows="居民在同心广场摆起百家宴")

    dialog = open_dialog(editor, items.nth(1).get_by_role("button", name="编辑"))
    assert dialog.locator("select[name=credit_kind]").input_value() == "photo"
    assert "通讯员0" in dialog.locator(".field-credit_person .select2-selection").inner_text()
    pick(dialog, dialog.locator(".field-credit_person"), "张聿修")
    dialog.locator("input[name=credit_role]").fill("记者")
    save_dialog(editor, dialog, shows="张聿修")

    assert editor.input_value("#id_title") == "十二张图片的邻里节组图（改）"  # the page kept what was typed
    editor.get_by_role("button", name="保存并继续编辑").click()
    editor.wait_for_load_state()
    assert editor.locator(".errornote").count() == 0, editor.locator(".errorlist").all_inner_texts()
    assert Article.objects.get(pk=article.pk).title == "十二张图片的邻里节组图（改）"
    no_dead_end(editor)

    after = _photos(article)
    assert after[first][0] == "居民在同心广场摆起百家宴"
    assert after[second][3] == Person.objects.get(name="张聿修").pk
    assert Photo.objects.get(pk=second).credit_role == "记者"
    unchanged = {pk: row for pk, row in before.items() if pk not in (first, second)}
    assert {pk: after[pk] for pk in unchanged} == unchanged  # the ten others as they were
    assert after[first][1:] == before[first][1:]
    assert errors == []

    # On a phone the list stacks and nothing is wider than the screen.
    editor.set_viewport_size({"width": 375, "height": 800})
    editor.reload()
    no_dead_end(editor)
    screenshot(editor, "admin-photo-list-375")
