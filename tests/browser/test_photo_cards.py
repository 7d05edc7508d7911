"""The article's photos as cards: an editor changes one caption and one photo's credit among
several, and the save keeps every other photo exactly as it was."""

from django.contrib.auth.models import User
from django.core.files.base import ContentFile

from newsroom.models import Person, Photo
from tests.browser.conftest import login, screenshot
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
    cards = editor.locator("#photos-group .linli-photo:not(.empty-form)")
    assert cards.count() == 12
    # Saved photos show their credit line and source; the credit fields are not open yet.
    assert editor.locator("#photos-group .linli-photo-more").count() == 12
    assert "通讯员0 摄" in cards.nth(1).inner_text()
    screenshot(editor, "admin-photo-cards")

    cards.nth(0).locator("textarea[name$='-caption']").fill("居民在同心广场摆起百家宴")
    card = cards.nth(1)
    card.get_by_role("button", name="修改署名和来源").click()
    kind = card.locator("select[name$='-credit_kind']")
    assert kind.input_value() == "photo"  # the photo's own values, not the empty form's
    assert "通讯员0" in card.locator(".field-credit_person .select2-selection").inner_text()
    pick(editor, card.locator(".field-credit_person"), "张聿修")
    card.locator("input[name$='-credit_role']").fill("记者")
    editor.get_by_role("button", name="保存并继续编辑").click()
    editor.wait_for_load_state()
    assert editor.locator(".errornote").count() == 0, editor.locator(".errorlist").all_inner_texts()
    no_dead_end(editor)

    after = _photos(article)
    assert after[first][0] == "居民在同心广场摆起百家宴"
    assert after[second][3] == Person.objects.get(name="张聿修").pk
    assert Photo.objects.get(pk=second).credit_role == "记者"
    unchanged = {pk: row for pk, row in before.items() if pk not in (first, second)}
    assert {pk: after[pk] for pk in unchanged} == unchanged  # the ten others as they were
    assert after[first][1:] == before[first][1:]
    assert errors == []

    # On a phone the cards stack and nothing is wider than the screen.
    editor.set_viewport_size({"width": 375, "height": 800})
    editor.reload()
    no_dead_end(editor)
    screenshot(editor, "admin-photo-cards-375")
