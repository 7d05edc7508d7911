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
