from django.db import migrations

# As newsroom.roles was when this migration was written.
DESK = ["view_report", "handle_report", "view_reportevent"]
GRANTS = {"编辑": DESK, "终审签发": DESK, "站点管理员": DESK}


def grant(apps, schema_editor):
    """纠错留言 for the editors, the chief and the site admin of each portal (roles are held per
    portal: a portal's reports reach its own editors)."""
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("feedback")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = {p.codename: p for p in Permission.objects.filter(content_type__app_label="feedback")}
    for name, codes in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*(perms[c] for c in codes))


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("newsroom", "0049_portal_theme"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
