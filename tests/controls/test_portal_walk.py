"""站群's promise, walked: each role of one district (青山区) opens every registered admin list
and add page, asks every autocomplete for everything, runs every export over everything it can
select, and opens another portal's row of every scoped model by hand. Nothing of the demo's
portal (玉泉区) shows, no page fails, and the foreign rows are not found."""

import json

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from newsroom.admin.scope import PortalScopedAdmin
from newsroom.models import Portal
from newsroom.portals import portal_of
from tests.controls.conftest import QINGSHAN_ROLES, client_of, demo_sentinels

pytestmark = pytest.mark.django_db


def _as(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def _autocompletes(model_admin):
    """(app_label, model_name, field_name) of every autocomplete on the admin's forms."""
    for owner in (model_admin, *(inline(model_admin.model, admin.site) for inline in model_admin.inlines)):
        opts = owner.model._meta
        for field in owner.autocomplete_fields:
            yield opts.app_label, opts.model_name, field


def _foreign_row(model, model_admin, default):
    """A row of this model that belongs to the demo's portal only (not shared), or None."""
    if not isinstance(model_admin, PortalScopedAdmin):
        return None
    for row in model._default_manager.all()[:200]:
        if portal_of(row) == default.pk and not getattr(row, "shared", False):
            return row
    return None


@pytest.mark.parametrize("role", sorted(QINGSHAN_ROLES))
def test_a_districts_staff_reach_nothing_of_another_portal_anywhere_in_the_admin(qingshan, role):
    user = qingshan["staff"][role]
    client, request = client_of(user), _as(user)
    foreign = demo_sentinels()
    default = Portal.objects.default()
    assert len(foreign) >= 8
    seen = {"lists": 0, "adds": 0, "autocompletes": 0, "exports": 0, "foreign rows": 0}

    def shows_nothing_foreign(response, where):
        assert response.status_code in (200, 302, 403), (role, where, response.status_code)
        text = response.content.decode("utf-8-sig")
        leaked = [s for s in foreign if s in text]
        assert not leaked, (role, where, leaked)
        return response

    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        base = f"admin:{opts.app_label}_{opts.model_name}"
        try:
            changelist = reverse(f"{base}_changelist")
        except NoReverseMatch:
            continue
        if model_admin.has_view_permission(request):
            shows_nothing_foreign(client.get(changelist), changelist)
            seen["lists"] += 1
            exports = [name for name in model_admin.get_actions(request) if "export" in name]
            ids = [str(pk) for pk in model_admin.get_queryset(request).values_list("pk", flat=True)[:500]]
            for action in exports:
                data = {"action": action, "_selected_action": ids or ["0"], "select_across": "1", "index": "0"}
                shows_nothing_foreign(client.post(changelist, data), f"{changelist} {action}")
                seen["exports"] += 1
        if model_admin.has_add_permission(request):
            shows_nothing_foreign(client.get(reverse(f"{base}_add")), f"{base}_add")
            seen["adds"] += 1
        for app_label, model_name, field in _autocompletes(model_admin):
            params = {"app_label": app_label, "model_name": model_name, "field_name": field, "term": ""}
            answer = client.get("/admin/autocomplete/", params)
            if answer.status_code == 200:
                names = [row["text"] for row in json.loads(answer.content)["results"]]
                leaked = [s for s in foreign for name in names if s in name]
                assert not leaked, (role, model_name, field, leaked)
                seen["autocompletes"] += 1
        row = _foreign_row(model, model_admin, default)
        if row is not None:
            url = reverse(f"{base}_change", args=[row.pk])
            assert client.get(url).status_code in (302, 403, 404), (role, url)
            assert client.post(url, {"title": "越权修改", "name": "越权修改"}).status_code in (302, 403, 404), url
            seen["foreign rows"] += 1
    assert seen["foreign rows"] >= 8, seen
    if role in ("editor", "siteadmin"):
        assert seen["lists"] >= 15 and seen["autocompletes"] >= 8 and seen["adds"] >= 8, seen
    if role in ("moderator", "comments", "legal"):
        assert seen["exports"] >= 1, seen
