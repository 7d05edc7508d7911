"""The role definition in newsroom/roles.py matches what the migrations create."""

import pytest
from django.contrib.auth.models import Group

from newsroom.roles import ROLES, ensure_roles

pytestmark = pytest.mark.django_db


def permissions():
    return {
        g.name: sorted(g.permissions.values_list("content_type__app_label", "codename")) for g in Group.objects.all()
    }


def test_the_migrations_create_exactly_the_defined_roles():
    migrated = permissions()
    ensure_roles()
    assert permissions() == migrated
    assert set(migrated) == set(ROLES)


def test_the_accounts_pages_speak_chinese(client, demo, superuser):
    """Permissions read "评论｜查看评论", the two-box selector and the add-user note are in
    Chinese (Django 5.2's own catalogue leaves them in English)."""
    import json
    import re

    client.force_login(superuser)
    role = Group.objects.get(name="编辑")
    page = client.get(f"/admin/auth/group/{role.pk}/change/").content.decode()
    assert "Can add" not in page and "Can view" not in page
    assert "新闻编辑部｜添加文章" in page or re.search(r"｜添加文章<", page)
    add = client.get("/admin/auth/user/add/").content.decode()
    assert "After you" not in add and "创建用户后" in add
    catalog = client.get("/admin/jsi18n/").content.decode()
    strings = json.loads(re.search(r"const newcatalog = (\{.*?\});", catalog, re.S).group(1))
    assert (
        strings['Choose %s by selecting them and then select the "Choose" arrow button.']
        == "在左侧选中%s，再点“选择”箭头按钮。"
    )
    assert strings["Remove all %s"] == "移除全部%s"
