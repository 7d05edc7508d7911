"""Roles cannot grant what they do not hold: every escalation path through the admin, per role."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone

from newsroom.models import Membership, Portal
from tests.helpers import admin_form_data

pytestmark = pytest.mark.django_db
ROLES = ("editor", "first", "second", "chief", "moderator", "siteadmin")


@pytest.fixture
def root(db):
    return User.objects.create_superuser("root-user", password="pw")


@pytest.fixture
def everything(db):
    group = Group.objects.create(name="全部权限")
    group.permissions.set(Permission.objects.all())
    return group


def user_form(client, user):
    """The user change form's values, ready to post back (the join date is a split widget)."""
    data = admin_form_data(client.get(f"/admin/auth/user/{user.pk}/change/"))
    data.pop("date_joined", None)
    joined = timezone.localtime(user.date_joined)
    data.update(date_joined_0=joined.strftime("%Y-%m-%d"), date_joined_1=joined.strftime("%H:%M:%S"))
    return data


def as_role(client, roles, role):
    client.force_login(roles[role])
    return roles[role]


@pytest.mark.parametrize("role", ROLES)
def test_no_role_makes_itself_superuser(client, demo, roles, role):
    me = as_role(client, roles, role)
    page = client.get(f"/admin/auth/user/{me.pk}/change/")
    if role != "siteadmin":
        assert page.status_code == 403
        return
    assert page.status_code == 200
    assert "is_superuser" not in page.context["adminform"].form.fields
    assert "user_permissions" not in page.context["adminform"].form.fields
    data = user_form(client, me)
    data.update(is_superuser="on", user_permissions=[str(p.pk) for p in Permission.objects.all()[:20]])
    client.post(f"/admin/auth/user/{me.pk}/change/", data)
    me.refresh_from_db()
    assert not me.is_superuser and not me.user_permissions.exists()


@pytest.mark.parametrize("role", ROLES)
def test_no_role_opens_a_superusers_account_or_password(client, demo, roles, role, root):
    as_role(client, roles, role)
    for url in (f"/admin/auth/user/{root.pk}/change/", f"/admin/auth/user/{root.pk}/password/"):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        if response.status_code == 302:  # the admin's "does not exist" answer
            assert "/admin/" in response["Location"] and "password" not in response["Location"]
    response = client.post(f"/admin/auth/user/{root.pk}/password/", {"password1": "x" * 16, "password2": "x" * 16})
    assert response.status_code in (302, 403, 404)
    root.refresh_from_db()
    assert root.check_password("pw")


@pytest.mark.parametrize("role", ROLES)
def test_no_role_grants_a_role_it_does_not_hold(client, demo, roles, role, everything):
    me = as_role(client, roles, role)
    staff = User.objects.create_user("new-staff", password="pw", is_staff=True)
    page = client.get(f"/admin/auth/user/{staff.pk}/change/")
    if role != "siteadmin":
        assert page.status_code == 403
        return
    inline = page.context["inline_admin_formsets"][0].formset
    offered = set(inline.empty_form.fields["roles"].queryset.values_list("name", flat=True))
    assert "全部权限" not in offered
    assert offered == {"编辑", "初审", "复审", "终审签发", "版权审核", "评论审核", "站点管理员"}  # not 法务复核
    portal = Portal.objects.default()
    for target in (staff, me):
        data = with_role(user_form(client, target), target, portal, everything)
        response = client.post(f"/admin/auth/user/{target.pk}/change/", data)
        assert response.status_code == 200
        assert not target.memberships.filter(roles=everything).exists()
    # Within its own roles it manages staff accounts as it should.
    data = with_role(user_form(client, staff), staff, portal, Group.objects.get(name="编辑"))
    response = client.post(f"/admin/auth/user/{staff.pk}/change/", data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    assert list(staff.memberships.values_list("portal", "roles__name")) == [(portal.pk, "编辑")]


def with_role(data, user, portal, group):
    """The user form's data with ``group`` as the only role in ``portal``."""
    found = list(user.memberships.filter(portal=portal))
    count = int(data.get("memberships-TOTAL_FORMS", 0))
    index = next((i for i in range(count) if data.get(f"memberships-{i}-portal") == str(portal.pk)), None)
    if index is None:
        index, data["memberships-TOTAL_FORMS"] = count, str(count + 1)
        data[f"memberships-{index}-user"] = str(user.pk)
    assert index is not None or found
    data[f"memberships-{index}-portal"] = str(portal.pk)
    data[f"memberships-{index}-roles"] = [str(group.pk)]
    return data


@pytest.mark.parametrize("role", ROLES)
def test_no_role_changes_roles_themselves(client, demo, roles, role):
    as_role(client, roles, role)
    editors = Group.objects.get(name="编辑")
    before = set(editors.permissions.values_list("pk", flat=True))
    all_ids = [str(pk) for pk in Permission.objects.values_list("pk", flat=True)]
    response = client.post(f"/admin/auth/group/{editors.pk}/change/", {"name": "编辑", "permissions": all_ids})
    assert response.status_code == 403
    assert client.post("/admin/auth/group/add/", {"name": "x", "permissions": all_ids}).status_code == 403
    assert set(editors.permissions.values_list("pk", flat=True)) == before
    assert not Group.objects.filter(name="x").exists()


def test_a_site_admin_cannot_take_over_an_account_with_more_rights(client, demo, roles, everything):
    client.force_login(roles["siteadmin"])
    stronger = User.objects.create_user("stronger", password="pw", is_staff=True)
    Membership.objects.give(stronger, Portal.objects.default(), everything)
    assert client.get(f"/admin/auth/user/{stronger.pk}/password/").status_code in (302, 404)
    assert "stronger" not in client.get("/admin/auth/user/").content.decode()


def test_a_superuser_still_manages_everything(client, demo, root, everything):
    client.force_login(root)
    page = client.get(f"/admin/auth/user/{root.pk}/change/")
    assert "is_superuser" in page.context["adminform"].form.fields
    assert client.get(f"/admin/auth/group/{everything.pk}/change/").status_code == 200
