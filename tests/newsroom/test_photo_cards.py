"""The article's photos as a compact list (templates/admin/newsroom/article/photo_list.html): each
photo's thumbnail, caption, credit and place, with 编辑/删除 opening its own page in a dialog.
The article's form carries no photo fields at all, so saving the article can neither change nor
lose a photo, and a 40-photo page renders no photo widget."""

import pytest

from newsroom.revisions import PHOTO_FIELDS
from tests.helpers import admin_form_data, draft_of

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


def test_the_list_shows_every_photo_in_order_with_its_credit_and_place(editor_client, article):
    page = _page(editor_client, article)
    photos = list(article.photos.all())
    assert len(photos) == 8 and page.count('class="linli-photo-item') == 8
    positions = [page.index(f'data-photo="{photo.pk}"') for photo in photos]
    assert positions == sorted(positions)
    for photo in photos:
        assert f"署名：{photo.credit_line}" in page
        assert f"/admin/newsroom/photo/{photo.pk}/change/?_popup=1&amp;_dialog=1" in page
    assert 'name="photos-' not in page and "添加图片" in page


def test_saving_the_article_keeps_every_photo_as_it_is(editor_client, article):
    before = _photos(article)
    url = f"/admin/newsroom/article/{article.pk}/change/"
    data = admin_form_data(editor_client.get(url))
    data.update({"title": "只改了标题", "_continue": "1"})
    assert editor_client.post(url, data).status_code == 302
    assert _photos(article) == before


def test_a_photo_saved_in_its_dialog_leaves_the_article_form_in_step(editor_client, article):
    """The dialog's save is a new version of the article: the page, told so, saves on top of it
    without a conflict (what it does with ``loaded_version``), and the revision names the editor."""
    from newsroom.models import Revision

    photo = article.photos.first()
    url = f"/admin/newsroom/photo/{photo.pk}/change/?_popup=1&_dialog=1"
    data = admin_form_data(editor_client.get(url))
    data["caption"] = "在对话框里改的说明"
    assert "linli-photo-done" in editor_client.post(url, data).content.decode()
    photo.refresh_from_db()
    article.refresh_from_db()
    assert photo.caption == "在对话框里改的说明"
    assert Revision.objects.filter(source=article).latest("pk").created_by.username == "test-editor"
    listed = editor_client.get(f"/admin/newsroom/photo/of/{article.pk}/").content.decode()
    assert "在对话框里改的说明" in listed


def test_a_live_article_lists_its_photos_without_buttons(editor_client, demo):
    from newsroom.models import Article

    live = Article.objects.get(slug="hohhot-yuquan-grassroots-party-building")
    page = _page(editor_client, live)
    assert live.photos.first().caption in page
    assert "linli-photo-edit" not in page and "添加图片" not in page
    photo = live.photos.first()
    read_only = editor_client.get(f"/admin/newsroom/photo/{photo.pk}/change/?_popup=1&_dialog=1")
    assert read_only.status_code == 200 and 'name="_save"' not in read_only.content.decode()


def test_a_new_article_offers_to_save_the_draft_and_add_photos(editor_client, demo):
    from newsroom.models import Article, Column

    page = editor_client.get("/admin/newsroom/article/add/").content.decode()
    assert "保存草稿并添加图片" in page
    data = admin_form_data(editor_client.get("/admin/newsroom/article/add/"))
    data.update(
        {
            "title": "先存草稿再加图",
            "body": "<p>正文。</p>",
            "column": str(Column.objects.get(slug="party-news").pk),
            "_add_photo": "1",
        }
    )
    data = {k: v for k, v in data.items() if k not in ("_save", "_continue", "_addanother", "_save_submit")}
    response = editor_client.post("/admin/newsroom/article/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(title="先存草稿再加图")
    assert response.status_code == 302 and response["Location"].endswith(f"/{article.pk}/change/#add-photo")
