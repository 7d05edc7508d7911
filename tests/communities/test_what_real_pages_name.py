"""What real portals' pages name that the model once could not hold: villages (村), the 新时代文明
实践中心/所/站 and 广场, an honour whose level the page does not give, or given to a group it does
not name; and on the article, a past story's date without an invented time, and the page of the
paper a reprint stood on."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse

from communities.models import Community, CommunityKind, Facility, FacilityKind, Honour, RecipientKind, Street
from newsroom.models import Article
from tests.helpers import page_html as page


def test_a_village_a_civilisation_station_and_an_honour_with_no_level(client, demo):
    street = Street.objects.get(name="华岩镇")  # in 九龙坡区新闻网's area
    village = Community.objects.create(name="大营村", kind=CommunityKind.VILLAGE, street=street, is_live=True)
    village.full_clean()
    station = Facility(name="大营村新时代文明实践站", kind=FacilityKind.CIVILISATION_STATION, community=village)
    station.full_clean()
    station.save()
    honour = Honour(
        title="文明家庭标兵",
        community=village,
        recipient_kind=RecipientKind.GROUP,
        recipient_name="6户家庭",
        year=2023,
        is_live=True,
    )
    honour.full_clean()  # no level: the page gave none
    honour.save()
    html = page(client, reverse("communities:honours"), host="jiulongpo")
    row = html.split("文明家庭标兵")[0].rsplit("<tr", 1)[1] + html.split("文明家庭标兵")[1].split("</tr>")[0]
    assert "级别未注明" in row and "6户家庭" in row
    assert village.get_kind_display() == "村" and station.get_kind_display() == "新时代文明实践站"


def test_a_past_story_shows_its_date_alone_and_a_reprint_its_page_in_the_paper(client, demo):
    article = Article.objects.filter(is_live=True, legal_hold=False, column__portal__is_default=True).first()
    Article.objects.filter(pk=article.pk).update(
        first_published_at=datetime(2019, 5, 4, tzinfo=ZoneInfo("Asia/Shanghai")),
        first_published_precision="day",
        is_reprint=True,
        source_name="昆明日报",
        original_issue="第1234期",
        original_page="第3版",
    )
    html = page(client, Article.objects.get(pk=article.pk).get_absolute_url())
    assert ">2019-05-04</time>" in html and "2019-05-04 00:00" not in html
    assert "<dt>原载版面</dt><dd>第1234期 第3版</dd>" in html


def test_officers_and_a_neighbourhood_party_branch_wait_for_review_then_show(client, demo, roles, home_geography):
    """A community's 副书记 and 居委会主任 and a 小区 with its own 党支部, added by an editor in the
    admin: hidden from readers until someone else approves, then on the community page; a wrong
    title for the kind of place is a Chinese message on the form."""
    from communities.models import Neighbourhood, Officer
    from newsroom import content_review
    from tests.helpers import admin_form_data

    community = Community.objects.get(slug="xinwenli")
    client.force_login(roles["editor"])
    for title, name in (("deputy_secretary", "李建华"), ("residents_director", "王秀英")):
        data = admin_form_data(client.get("/admin/communities/officer/add/"))
        data.update({"name": name, "title": title, "community": community.pk, "street": "", "order": "0"})
        assert client.post("/admin/communities/officer/add/", data).status_code == 302
    data = admin_form_data(client.get("/admin/communities/neighbourhood/add/"))
    data.update(
        {"name": "椿上花园", "community": community.pk, "party_org_kind": "branch", "party_secretary_name": "赵敏",
         "households": "326", "buildings": "8", "order": "0"}
    )  # fmt: skip
    assert client.post("/admin/communities/neighbourhood/add/", data).status_code == 302

    reader = page(client.__class__(), "/communities/xinwenli/")
    assert "李建华" not in reader and "椿上花园" not in reader  # 先审后发
    for row in (*Officer.objects.filter(community=community), Neighbourhood.objects.get(name="椿上花园")):
        content_review.approve(content_review.pending_for(row), roles["chief"], "同意")
    reader = page(client.__class__(), "/communities/xinwenli/")
    assert "班子成员：党组织副书记 李建华；居委会主任 王秀英" in reader
    assert "<strong>椿上花园</strong>（326户、8栋）：设椿上花园党支部，书记赵敏。" in reader

    # 村委会主任 belongs to a village, 居委会主任 to a community: said on the form, nothing saved.
    data = admin_form_data(client.get("/admin/communities/officer/add/"))
    data.update({"name": "张三", "title": "villagers_director", "community": community.pk, "street": ""})
    answer = client.post("/admin/communities/officer/add/", data)
    assert answer.status_code == 200 and "村委会主任只属于村" in answer.content.decode()
    assert not Officer.objects.filter(name="张三").exists()
