"""导入稿件 in the admin: a Word file with three photos becomes a draft after the confirm screen,
with photos, credits, bylines and communities; nothing is published or submitted; the original is
kept; bad files and the wrong people get a clear answer and nothing half-created."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from newsroom.models import Article, AuditEntry, Column, ImportedFile, Photo
from tests.importer.docx_corpus import three_photos

pytestmark = pytest.mark.usefixtures("demo")


def upload(client, name, data):
    return client.post("/admin/newsroom/article/import/", {"file": SimpleUploadedFile(name, data)}, follow=True)


def test_a_word_file_becomes_a_draft_after_confirming(client, roles):
    client.force_login(roles["editor"])
    assert "导入稿件" in client.get("/admin/newsroom/article/").content.decode()
    name, data, _truth = three_photos()
    confirm = upload(client, "四点半课堂.docx", data)
    page = confirm.content.decode()
    assert "确认导入" in page and "读自第 1 行" in page and "随文件导入" in page
    assert Article.objects.filter(title__contains="四点半课堂").count() == 0  # nothing yet
    form = confirm.context["form"]
    assert form.initial["title"] == "万锦社区开办“四点半课堂” 放学后的孩子有了去处"
    assert [c.name for c in form.matched] == ["万锦社区"]

    column = Column.objects.get(slug="party-news")
    data = {
        "title": form.initial["title"],
        "column": column.pk,
        "dateline": "本报讯",
        "communities": [c.pk for c in form.matched],
    }
    done = client.post(confirm.redirect_chain[-1][0], data, follow=True)
    article = Article.objects.get(title=form.initial["title"])
    assert done.redirect_chain[-1][0] == f"/admin/newsroom/article/{article.pk}/change/"
    assert "已导入为草稿" in done.content.decode()
    assert article.status == Article.Status.DRAFT and not article.is_live and article.created_by == roles["editor"]
    photos = list(Photo.objects.filter(article=article).order_by("order").select_related("credit_person"))
    assert [p.credit_line for p in photos] == [
        "张聿修 摄",
        "记者 张聿修 摄",
        "万锦社区供图",
    ]  # the credit keeps its role
    assert [p.body_position for p in photos] == [1, 4, 5] and all(p.asset_id for p in photos)
    assert [str(c) for c in article.credits.order_by("order")][-1] == "责任编辑 王晋南"
    assert [c.name for c in article.communities.all()] == ["万锦社区"]
    assert "<h3>家长下班不再着急</h3>" in article.body
    entry = AuditEntry.objects.get(article=article, action="import")
    assert "四点半课堂.docx" in entry.opinion and entry.get_action_display() == "导入"
    record = ImportedFile.objects.get(article=article)
    with record.file.open("rb") as kept:
        assert kept.read()[:2] == b"PK"
    # Opening the same import again goes to the draft, it does not make a second one.
    again = client.get(f"/admin/newsroom/article/import/{record.pk}/", follow=True)
    assert again.redirect_chain[-1][0].endswith(f"/{article.pk}/change/")


def test_a_bad_file_is_a_message_on_the_form_and_nothing_is_kept(client, roles):
    client.force_login(roles["editor"])
    answer = upload(client, "坏文件.docx", b"PK\x03\x04 broken")
    assert answer.status_code == 200 and "文件可能已损坏" in answer.content.decode()
    empty = client.post("/admin/newsroom/article/import/", {"text": ""})
    assert "请选择文件，或粘贴正文" in empty.content.decode()
    assert not ImportedFile.objects.exists()


def test_pasted_text_and_a_wrong_time_on_the_confirm_screen(client, roles):
    client.force_login(roles["editor"])
    text = open("tests/importer/corpus/seed-004_62c1647491513f5e.txt", encoding="utf-8").read()
    confirm = client.post("/admin/newsroom/article/import/", {"text": text}, follow=True)
    form = confirm.context["form"]
    assert form.initial["via_name"] == "人民网内蒙古频道" and form.initial["publish_time"] == "2020-09-02 14:52"
    answer = client.post(
        confirm.redirect_chain[-1][0],
        {"title": "标题", "column": Column.objects.first().pk, "publish_time": "去年九月"},
    )
    assert "时间格式应为" in answer.content.decode()
    assert not Article.objects.filter(title="标题").exists()


def test_only_editors_import_and_only_their_own_files(client, roles):
    client.force_login(roles["moderator"])
    assert client.get("/admin/newsroom/article/import/").status_code == 403
    client.force_login(roles["editor"])
    confirm = upload(client, "稿件.docx", three_photos()[1])
    client.force_login(roles["siteadmin"])
    assert client.get(confirm.redirect_chain[-1][0]).status_code == 404
