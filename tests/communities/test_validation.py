"""Bad numbers and dates are refused with a message that names the field."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from communities.models import Community, Facility, Honour
from tests.helpers import admin_form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("home_geography")]


def community(**fields):
    values = {"name": "测试社区", "slug": "test", "province": "四川省", "city": "成都市", "district": "武侯区"}
    return Community(**{**values, **fields})


def errors_of(obj):
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    return caught.value.message_dict


@pytest.mark.parametrize(
    "field, label",
    [
        ("residents", "常住人口"),
        ("households", "常住户数"),
        ("party_members", "党员人数"),
        ("volunteers", "志愿者人数"),
        ("shops", "临街商铺数"),
    ],
)
def test_it_refuses_negative_counts(field, label):
    errors = errors_of(community(**{field: -1}))
    assert errors[field] == [f"{label}不能为负数。"]


def test_it_refuses_a_negative_area():
    assert errors_of(community(area_km2="-0.5"))["area_km2"] == ["面积（平方公里）不能为负数。"]


def test_it_refuses_a_founded_date_in_the_future():
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert errors_of(community(founded_on=tomorrow))["founded_on"] == ["成立日期不能晚于今天。"]


def test_it_refuses_more_members_than_residents():
    errors = errors_of(community(residents=100, party_members=176))
    assert errors["party_members"] == ["党员人数（176）不能超过常住人口（100）。"]


def test_it_refuses_more_households_than_residents():
    errors = errors_of(community(residents=100, households=5002))
    assert errors["households"] == ["常住户数（5002）不能超过常住人口（100）。"]


def test_it_accepts_the_demo_figures():
    community(residents=14929, households=5002, party_members=176, area_km2="0.27").full_clean()


def test_an_honour_for_a_family_needs_its_name():
    place = community()
    place.save()
    honour = Honour(title="最美家庭", level=4, community=place, recipient_kind="family")
    assert "recipient_name" in errors_of(honour)


def test_an_honour_year_cannot_be_in_the_future():
    place = community()
    place.save()
    honour = Honour(title="优秀党支部", level=4, community=place, year=timezone.localdate().year + 1)
    assert errors_of(honour)["year"] == ["年份不能晚于今年。"]


def test_a_facility_needs_a_community_or_a_street():
    facility = Facility(name="同心公园", slug="park", kind="park")
    assert errors_of(facility)["street"] == ["请选择所属社区，或选择所在街道。"]


def test_a_facility_refuses_negative_capacity():
    facility = Facility(name="初心讲堂", slug="hall", kind="lecture_hall", community=community(), capacity=-368)
    assert errors_of(facility)["capacity"] == ["可容纳人数不能为负数。"]


def test_the_admin_form_shows_the_error_and_keeps_what_was_typed(editor_client, demo):
    place = Community.objects.get(slug="gongheli")
    url = f"/admin/communities/community/{place.pk}/change/"
    data = admin_form_data(editor_client.get(url))
    data.update(party_members="20000", work_method="我新写的工作法")

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert "党员人数（20000）不能超过常住人口（14929）。" in response.content.decode()
    assert "我新写的工作法" in response.content.decode()
    place.refresh_from_db()
    assert place.party_members is None and place.work_method == "网格化管理、组团式服务"


def test_a_blank_slug_is_made_from_the_chinese_name(demo, editor_client):
    """网址标识 need not be typed: pinyin of the name, unique (高塘岭街道 → gaotanglingjiedao)."""
    from tests.helpers import admin_form_data

    data = admin_form_data(editor_client.get("/admin/communities/community/add/"))
    data.update(name="中南社区", slug="", district="望城区", confirm_same_name="on")  # a second one, confirmed
    assert editor_client.post("/admin/communities/community/add/", data).status_code == 302
    made = Community.objects.filter(name="中南社区").exclude(slug="zhongnan").get()
    assert made.slug == "zhongnanshequ"
    again = Community(name="中南社区", district="望城区")
    again.save()
    assert again.slug == "zhongnanshequ-2"
