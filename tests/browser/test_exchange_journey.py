"""一稿多发 in Chromium with the demo accounts: 五华区's 通讯员 submits a story with two photos
online; 五华区's editor adopts it, adds the 责任编辑 and sends it through 三审 (初审, 终审签发,
who grades it); the editor 报送s it to 昆明市, whose chief adopts it as a mirror; both portals
show it, the city's search finds it once; the month's ledger lists the people who made it."""

from django.contrib.auth.models import User
from django.utils import timezone

from newsroom.exchange.models import Manuscript
from newsroom.models import Article
from tests.browser.conftest import login, on, screenshot
from tests.helpers import jpeg_bytes

TITLE = "大观街道志愿者为新闻里社区老人义务理发"


def press(page, value):
    page.locator(f".linli-actions button[value={value}]").click()
    page.wait_for_load_state()
    errors = page.locator(".errornote, .errorlist, .messagelist .error").all_inner_texts()
    assert not errors, errors


def test_a_correspondents_story_reaches_the_city_as_one_story(site, browser, tmp_path):
    correspondent = User.objects.get(username="wuhua-tongxunyuan")
    correspondent.set_password("linli-wuhua-tongxunyuan-2026")  # random under DEBUG off
    correspondent.save()
    photos = []
    for i, colour in enumerate(((190, 60, 40), (40, 120, 190))):
        path = tmp_path / f"photo-{i}.jpg"
        path.write_bytes(jpeg_bytes(size=(800, 600), colour=colour))
        photos.append(path)

    # The correspondent: sign in on 五华区's portal, write, attach two photos with credits.
    reader = browser.new_context(viewport={"width": 375, "height": 800}, locale="zh-CN").new_page()
    reader.goto(on(site, "wuhua", "/tougao/login/"))
    reader.fill("#id_username", "wuhua-tongxunyuan")
    reader.fill("#id_password", "linli-wuhua-tongxunyuan-2026")
    reader.get_by_role("button", name="登录").click()
    reader.get_by_role("link", name="写新稿件").click()
    reader.fill("#id_title", TITLE)
    reader.fill(
        "#id_body", "周六上午，大观街道的志愿者来到新闻里社区活动室。\n\n二十多位老人理了发，志愿者还帮他们量了血压。"
    )
    for i, path in enumerate(photos, start=1):
        reader.set_input_files(f"#id_photo_{i}", str(path))
        reader.fill(f"#id_caption_{i}", ["志愿者为老人理发", "志愿者为老人量血压"][i - 1])
        reader.fill(f"#id_photographer_{i}", ["周丽", "马强"][i - 1])
    screenshot(reader, "exchange-correspondent-new-375")
    reader.get_by_role("button", name="投稿").click()
    reader.wait_for_load_state()
    assert "投稿已收到" in reader.locator("main, body").first.inner_text()
    assert "已收到" in reader.locator(".manuscript-list").inner_text()
    screenshot(reader, "exchange-correspondent-mine-375")

    # 五华区's editor: the desk shows the manuscript; adopt it into 社区动态, add the 责任编辑.
    editor = login(browser, site, "wuhua-editor", "linli-wuhua-editor-2026")
    editor.goto(site + "/admin/")
    editor.get_by_role("link", name="1 篇通讯员投稿待处理").click()
    editor.get_by_role("link", name="采用或退稿").first.click()
    assert "志愿者为老人理发（周丽 摄）" in editor.locator("#content-main").inner_text()
    screenshot(editor, "exchange-manuscript-decide-1280")
    editor.locator("#id_column").select_option(label="社区动态")
    editor.get_by_role("button", name="采用为草稿").click()
    editor.wait_for_load_state()
    article = Article.objects.get(title=TITLE)
    assert article.photos.count() == 2 and article.status == Article.Status.DRAFT
    credits = editor.locator("#credits-group")
    credits.locator(".add-row a").click()
    row = credits.locator("tr.form-row:not(.empty-form)").last
    row.locator("select[name$='-role']").select_option(label="责任编辑")
    row.locator("input[name$='-name']").fill("杨晓云")
    editor.get_by_role("button", name="保存并提交审核").click()
    editor.wait_for_load_state()
    assert editor.locator(".errornote").count() == 0, editor.locator(".errorlist").all_inner_texts()
    assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW

    # 三审 as 五华区 runs it: 初审, then 终审签发 signs it off and publishes; the chief grades it A.
    first = login(browser, site, "wuhua-first", "linli-wuhua-first-2026")
    first.goto(f"{site}/admin/newsroom/article/{article.pk}/change/")
    press(first, "approve")
    chief = login(browser, site, "wuhua-chief", "linli-wuhua-chief-2026")
    chief.goto(f"{site}/admin/newsroom/article/{article.pk}/change/")
    press(chief, "sign_and_publish")
    article = Article.objects.get(pk=article.pk)
    assert article.is_public
    chief.goto(f"{site}/admin/newsroom/article/?q={TITLE}")
    chief.locator(f"#result_list input[name=_selected_action][value='{article.pk}']").check()
    chief.locator("select[name=action]").select_option(label="评定稿件等级：A 稿")
    chief.locator("button[name=index]").click()
    chief.wait_for_load_state()
    assert article.grade.grade == "A"

    # 报送: from the article's page, one link and a note.
    editor.goto(f"{site}/admin/newsroom/article/{article.pk}/change/")
    editor.get_by_role("link", name="报送昆明市").click()
    editor.fill("#id_note", "敬老服务，供区县动态选用。")
    editor.get_by_role("button", name="保存", exact=True).click()
    editor.wait_for_load_state()
    assert editor.locator(".errornote").count() == 0, editor.locator(".errorlist").all_inner_texts()
    assert "待处理" in editor.locator("#result_list").inner_text()

    # 昆明市's chief: the desk shows the submission with its age; adopt it as a mirror.
    city = login(browser, site, "kunming-chief", "linli-kunming-chief-2026")
    city.goto(site + "/admin/")
    city.get_by_role("link", name="1 篇报送稿件待处理").click()
    assert "已等待" in city.locator("#result_list").inner_text()
    city.get_by_role("link", name="采用或退回").first.click()
    screenshot(city, "exchange-submission-decide-1280")
    city.set_viewport_size({"width": 768, "height": 900})
    screenshot(city, "exchange-submission-decide-768")
    city.get_by_label("镜像引用：在本网栏目显示原稿，随原稿更正、撤稿同步").check()
    city.locator("#id_column").select_option(label="区县动态")
    city.get_by_role("button", name="采用", exact=True).click()
    city.wait_for_load_state()
    assert "已采用" in city.locator(".messagelist").inner_text()
    placement = article.placements.get()

    # Readers: both portals show it; the city's search finds it once, as the city's page.
    for portal, path in (("wuhua", article.get_absolute_url()), ("kunming", placement.get_absolute_url())):
        reader.goto(on(site, portal, path))
        text = reader.locator("main").inner_text()
        assert TITLE in text and "周丽 摄" in text and "马强 摄" in text
    reader.goto(on(site, "kunming", "/column/kunming-districts/"))
    assert TITLE in reader.locator("main").inner_text()
    for width in (1280, 768, 375, 360):
        reader.set_viewport_size({"width": width, "height": 900})
        for name, path in (
            ("exchange-city-column", "/column/kunming-districts/"),
            ("exchange-mirror", placement.get_absolute_url()),
        ):
            reader.goto(on(site, "kunming", path))
            overflow = reader.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
            assert not overflow, f"{name} overflows at {width} px"
            screenshot(reader, f"{name}-{width}")
        reader.goto(on(site, "wuhua", "/tougao/"))
        screenshot(reader, f"exchange-correspondent-mine-{width}")
    reader.set_viewport_size({"width": 375, "height": 800})
    reader.goto(on(site, "kunming", "/search/?q=义务理发"))
    hits = reader.locator("h2 .kind-article")
    assert hits.count() == 1
    assert reader.locator("h2 a").first.get_attribute("href") == placement.get_absolute_url()
    reader.goto(on(site, "wuhua", "/tougao/"))
    assert "已采用" in reader.locator(".manuscript-list").inner_text()
    assert Manuscript.objects.get(title=TITLE).status == Manuscript.Status.ADOPTED

    # The month's ledger: the correspondent, the second photographer and the 责任编辑.
    chief.goto(f"{site}/admin/ledger/ledgermonth/table/?month={timezone.localdate():%Y-%m}")
    table = chief.locator("#content-main table").inner_text()
    assert "周丽" in table and "马强" in table and "杨晓云" in table
    screenshot(chief, "exchange-ledger-1280")
    for page in (reader, editor, first, chief, city):
        page.context.close()
