"""The article's photos as cards (templates/jinja2/admin/newsroom/photo_cards.html): a saved
photo's credit and source travel as hidden inputs until opened, so the page must still carry
every value of every photo, and a save from it must keep them all."""

import pytest

from newsroom.revisions import PHOTO_FIELDS
from tests.helpers import draft_of, html_form_data

pytestmark = pytest.mark.django_db


def _photos(article):
    """Every field a revision keeps of each photo, by name."""
    return {photo.pk: {name: str(getattr(photo, name)) for name in PHOTO_FIELDS} for photo in article.photos.all()}


@pytest.fixture
def article(editor, demo):
    return draft_of("hohhot-yuquan-grassroots-party-building", editor)


def _page(client, article):
    response = client.get(f"/admin/newsroom/article/{article.pk}/change/")
    assert response.status_code == 200
    return response.content.decode()


def test_saving_the_page_as_it_is_keeps_every_photo(editor_client, article):
    before = _photos(article)
    assert len(before) == 8
    page = _page(editor_client, article)
    assert page.count('class="linli-photo-more linli-wide"') == 8  # every saved photo folded
    assert "修改署名和来源" in page

    data = html_form_data(page)  # as a browser without JavaScript would send it
    data["_continue"] = "1"
    response = editor_client.post(f"/admin/newsroom/article/{article.pk}/change/", data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert _photos(article) == before


def test_a_credit_changed_in_an_opened_card_changes_that_photo_only(editor_client, article):
    from newsroom.models import Person

    before = _photos(article)
    data = html_form_data(_page(editor_client, article))
    changed = int(data["photos-2-id"])
    person = Person.objects.get(name="张聿修")
    # What the opened card sends: the same names, new values.
    data.update({"photos-2-credit_kind": "photo", "photos-2-credit_person": str(person.pk), "_continue": "1"})
    data["photos-2-credit_organisation"] = data["photos-2-credit_role"] = ""

    response = editor_client.post(f"/admin/newsroom/article/{article.pk}/change/", data)

    assert response.status_code == 302
    after = _photos(article)
    assert (after[changed]["credit_kind"], after[changed]["credit_person_id"]) == ("photo", str(person.pk))
    assert {pk: row for pk, row in after.items() if pk != changed} == {
        pk: row for pk, row in before.items() if pk != changed
    }


def test_a_photo_with_an_error_comes_back_open_with_what_was_typed(editor_client, article):
    data = html_form_data(_page(editor_client, article))
    data["photos-1-caption"] = "编辑刚写的图片说明"
    data["photos-3-credit_kind"] = ""  # a photo needs a credit kind (or a library image)
    data["photos-3-asset"] = ""
    data["photos-3-caption"] = "第四张的新说明"

    response = editor_client.post(f"/admin/newsroom/article/{article.pk}/change/", data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "编辑刚写的图片说明" in page and "第四张的新说明" in page
    assert 'name="photos-3-credit_kind" aria-invalid="true"' in page or "请选择署名方式" in page
    # The photo with the error shows its full credit fields; so does the one changed; the rest stay folded.
    assert 'id="id_photos-3-credit_kind"' in page and '<select name="photos-3-credit_kind"' in page
    assert page.count('class="linli-photo-more linli-wide"') == 6


def test_a_live_article_shows_its_photos_read_only(editor_client, demo):
    from newsroom.models import Article

    live = Article.objects.get(slug="hohhot-yuquan-grassroots-party-building")
    page = _page(editor_client, live)
    assert "修改署名和来源" not in page and 'name="photos-0-caption"' not in page
    assert live.photos.first().caption in page
