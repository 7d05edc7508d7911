"""版权审核 handles takedown requests; editors see none of them."""

from django.db import migrations

MODERATOR = [
    "view_takedownrequest", "change_takedownrequest", "view_identity", "view_target", "view_evidence",
    "view_measure", "view_counternotice", "view_event",
]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("newsroom")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="newsroom", codename__in=MODERATOR)
    for name in ("版权审核", "站点管理员"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*perms)


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0007_takedowns")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
