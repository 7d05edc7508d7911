"""Credit lines are rendered from the structured credit, as the portals print them."""

import pytest

from newsroom.credits import render_credit


@pytest.mark.parametrize(
    "kind, person, organisation, role, expected",
    [
        ("photo", "伊永军", "新重庆客户端", "记者", "新重庆客户端记者 伊永军 摄"),
        ("photo", "张聿修", "", "", "张聿修 摄"),
        ("photo", "李明", "新华社", "", "新华社 李明 摄"),
        ("provided", "", "", "", "供图"),
        ("provided", "", "视觉中国", "", "视觉中国供图"),
        ("provided", "王群群", "", "", "王群群 供图"),
        ("interviewee", "", "", "", "受访者供图"),
        ("archive", "", "视觉中国", "", "视觉中国供图（资料图片）"),
        ("archive", "张聿修", "", "", "张聿修 摄（资料图片）"),
        ("archive", "", "", "", "资料图片"),
    ],
)
def test_it_renders_each_credit_kind(kind, person, organisation, role, expected):
    assert render_credit(kind, person, organisation, role) == expected


@pytest.mark.django_db
def test_a_photo_credit_comes_from_its_fields(demo):
    from newsroom.models import Article

    article = Article.objects.get(slug="chongqing-minan-huafu-doorstep-party-building")
    assert [p.credit_line for p in article.photos.all()] == [
        "受访者供图",
        "新重庆客户端记者 伊永军 摄",
        "受访者供图",
    ]


@pytest.mark.django_db
def test_a_photographer_credit_needs_a_photographer(demo):
    from django.core.exceptions import ValidationError

    from newsroom.models import Photo

    photo = Photo.objects.filter(credit_kind="photo").first()
    photo.credit_person = None
    with pytest.raises(ValidationError) as caught:
        photo.full_clean()
    assert caught.value.message_dict["credit_person"] == ["署名方式为“摄”时，请选择拍摄者。"]
