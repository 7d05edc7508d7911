"""The 编辑 (editor) group: writes articles and maintains community records.

The review roles (初审, 复审, 终审签发, 版权审核, 站点管理员) come with the workflow.
"""

from django.db import migrations

EDITOR_PERMISSIONS = {
    "newsroom": {
        "article": ("add", "change", "view"),
        "photo": ("add", "change", "delete", "view"),
        "person": ("add", "change", "view"),
        "topic": ("add", "change", "view"),
        "series": ("add", "change", "view"),
        "column": ("view",),
        "portal": ("view",),
        "tipchannel": ("view",),
    },
    "communities": {
        "community": ("add", "change", "view"),
        "honour": ("add", "change", "delete", "view"),
        "facility": ("add", "change", "delete", "view"),
    },
}


def create_permissions_now(apps):
    """Permissions are normally made after all migrations; make them now."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def create_editor_group(apps, schema_editor):
    create_permissions_now(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="编辑")
    codenames = [
        (app, f"{action}_{model}")
        for app, models in EDITOR_PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    ]
    perms = [
        Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in codenames
    ]
    group.permissions.set(perms)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("communities", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editor_group, migrations.RunPython.noop)]
