from django.db import migrations

# As newsroom.roles.INSPECTION_READ / INSPECTION_MANAGE were when this migration was written.
READ = ["view_inspectionrun", "view_linkcheck", "view_annualreport"]
MANAGE = [f"{a}_{m}" for m in ("inspectionsettings", "leader") for a in ("add", "change", "delete", "view")] + [
    "add_annualreport",
    "change_annualreport",
]


def grant(apps, schema_editor):
    """终审签发 reads the inspection; 站点管理员 also sets its limits and fills in the yearly report."""
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("inspection")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = {p.codename: p for p in Permission.objects.filter(content_type__app_label="inspection")}
    if chief := Group.objects.filter(name="终审签发").first():
        chief.permissions.add(*(perms[c] for c in READ))
    if site_admin := Group.objects.filter(name="站点管理员").first():
        site_admin.permissions.add(*(perms[c] for c in READ + MANAGE))


class Migration(migrations.Migration):
    dependencies = [
        ("inspection", "0001_initial"),
        ("newsroom", "0036_alter_notification_kind"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
