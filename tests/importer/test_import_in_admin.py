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


def _management(prefix, total, initial):
    return {f"{prefix}-TOTAL_FORMS": total, f"{prefix}-INITIAL_FORMS": initial, f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000}  # fmt: skip


def test_the_confirm_screen_corrects_bylines_and_photo_credits(client, roles):
    """Bylines and photo credits are edited before the draft exists: a name fixed, a misread
    person deleted, a missed one added, a credit given; an organisation as 责任编辑 is refused on
    the form with what was typed kept."""
    client.force_login(roles["editor"])
    confirm = upload(client, "四点半课堂.docx", three_photos()[1])
    page = confirm.content.decode()
    assert 'name="byline-0-name"' in page and 'value="张聿修"' in page and 'name="photo-2-who"' in page
    url = confirm.redirect_chain[-1][0]
    column = Column.objects.get(slug="party-news")
    data = {
        "title": "万锦社区开办“四点半课堂”",
        "column": column.pk,
        **_management("byline", 5, 3),
        "byline-0-role": "记者", "byline-0-org": "", "byline-0-name": "张聿修",
        "byline-1-role": "通讯员", "byline-1-org": "万锦社区", "byline-1-name": "王丽", "byline-1-DELETE": "on",
        "byline-2-role": "责任编辑", "byline-2-org": "", "byline-2-name": "本网编辑部",
        "byline-3-role": "通讯员", "byline-3-org": "兴隆巷街道", "byline-3-name": "李娜",
        "byline-4-role": "", "byline-4-org": "", "byline-4-name": "",
        **_management("photo", 3, 3),
        "photo-0-caption": "志愿者辅导孩子们写作业。", "photo-0-role": "记者", "photo-0-who": "张聿修", "photo-0-kind": "摄",
        "photo-1-caption": "孩子们在课堂上做手工。", "photo-1-role": "通讯员", "photo-1-who": "李娜", "photo-1-kind": "摄",
        "photo-2-caption": "社区图书角。", "photo-2-role": "", "photo-2-who": "", "photo-2-kind": "供图",
    }  # fmt: skip
    refused = client.post(url, data)
    text = refused.content.decode()
    assert refused.status_code == 200 and "责任编辑须填写真实姓名" in text and "请填写供图单位" in text
    assert 'value="李娜"' in text and 'value="本网编辑部"' in text  # what was typed stays
    assert not Article.objects.filter(title=data["title"]).exists()

    data.update({"byline-2-name": "王晋南", "photo-2-who": "万锦社区"})
    done = client.post(url, data, follow=True)
    assert "已导入为草稿" in done.content.decode()
    article = Article.objects.get(title=data["title"])
    assert [str(c) for c in article.credits.order_by("order")] == [
        "记者 张聿修",
        "责任编辑 王晋南",
        "兴隆巷街道通讯员 李娜",
    ]
    photos = Photo.objects.filter(article=article).order_by("order")
    assert [p.credit_line for p in photos] == ["记者 张聿修 摄", "通讯员 李娜 摄", "万锦社区供图"]
    assert [p.caption for p in photos][0] == "志愿者辅导孩子们写作业。"


def _paste(client, text):
    return client.post("/admin/newsroom/article/import/", {"text": text}, follow=True)


def test_a_reprint_only_when_the_page_says_so_and_never_one_the_model_refuses(client, roles):
    client.force_login(roles["editor"])
    column = Column.objects.get(slug="party-news")
    own = _paste(
        client,
        "万锦社区“四点半课堂”开课\n2024-03-15 来源：玉泉区新闻网\n"
        "本报讯 兴隆巷街道万锦社区开办“四点半课堂”，为辖区小学生提供作业辅导。\n记者 张聿修\n",
    )
    form = own.context["form"]
    assert form.initial["is_reprint"] is False  # the portal's own 来源
    client.post(own.redirect_chain[-1][0], {**form.initial, "column": column.pk, "communities": []})
    article = Article.objects.get(title="万锦社区“四点半课堂”开课")
    assert not article.is_reprint and article.original_time_display == "2024-03-15"  # the date is kept
    carried = _paste(
        client,
        "老旧小区加装电梯提速\n来源：云南日报\n"
        "今年以来，麒麟区把老旧小区加装电梯列为民生实事，已有46部电梯投入使用，居民出行更方便了。\n",
    )
    form = carried.context["form"]
    assert form.initial["is_reprint"] is True and form.initial["original_author"] == "云南日报"
    client.post(carried.redirect_chain[-1][0], {**form.initial, "column": column.pk, "communities": []})
    article = Article.objects.get(title="老旧小区加装电梯提速")
    assert article.is_reprint and article.original_author == "云南日报" and article.original_title == article.title
    assert article.original_time_unknown_reason == "原文页面未注明发布时间。"
    article.full_clean()  # the model's own validation accepts the draft
    # Unticking 原作者 on a reprint is a message on the form, not a refused draft.
    again = _paste(
        client, "又一篇转载\n来源：春城晚报\n社区食堂开业了，每天为老人提供午餐和晚餐，价格实惠，很受欢迎。\n"
    )
    answer = client.post(
        again.redirect_chain[-1][0],
        {**again.context["form"].initial, "column": column.pk, "communities": [], "original_author": ""},
    )
    assert "转载文章必须填写原作者" in answer.content.decode()
    assert not Article.objects.filter(title="又一篇转载").exists()


def test_communities_are_looked_up_in_the_library_and_villages_proposed(client, roles):
    client.force_login(roles["editor"])
    confirm = _paste(
        client,
        "社区志愿者走进村里\n"
        "近日，万锦社区的志愿者来到石林镇大哨村，与大哨村党总支一起为老人义诊。\n"
        "着力提升社区服务水平，组织各社区开展结对帮扶。\n",
    )
    form = confirm.context["form"]
    assert [c.name for c in form.matched] == ["万锦社区"]  # in the library: found in a plain sentence
    assert form.missing == ["大哨村"]  # a village proposed, no fragment (着力提升社区, 组织各社区)
    assert "kind=village" in confirm.content.decode()


def test_forged_credit_tables_are_messages_not_errors(client, roles):
    """A hand-made post (a million rows, a role longer than the vocabulary holds, an unknown
    credit kind) is answered on the form; nothing is created."""
    client.force_login(roles["editor"])
    confirm = upload(client, "稿件.docx", three_photos()[1])
    url = confirm.redirect_chain[-1][0]
    base = {"title": "伪造的表格", "column": Column.objects.get(slug="party-news").pk}
    for tables in (
        {**_management("byline", 10**6, 0), **_management("photo", 3, 3)},
        {
            **_management("byline", 1, 0),
            "byline-0-role": "记" * 30,
            "byline-0-name": "张三",
            **_management("photo", 3, 3),
        },
        {**_management("byline", 0, 0), **_management("photo", 1, 1), "photo-0-kind": "<script>", "photo-0-who": "x"},
        {**_management("byline", 0, 0), **_management("photo", 1, 1), "photo-0-kind": "摄", "photo-0-who": "名" * 60},
    ):
        answer = client.post(url, {**base, **tables})
        assert answer.status_code == 200 and "请更正下面标出的错误" in answer.content.decode()
    assert not Article.objects.filter(title="伪造的表格").exists()
