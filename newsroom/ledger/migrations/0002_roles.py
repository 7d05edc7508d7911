from django.db import migrations

# As newsroom.roles was when this migration was written.
OWN = ["view_ledgermonth"]
ALL = OWN + ["view_all_rows", "finalise_ledger", "view_grade", "view_ledgerevent", "view_rate"]
RATES = [f"{a}_rate" for a in ("add", "change", "delete")]
GRANTS = {"编辑": OWN, "初审": OWN, "复审": OWN, "终审签发": ALL, "站点管理员": ALL + RATES}


def grant(apps, schema_editor):
    """Each person their own rows; the chief and the site admin every row of their portal."""
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("ledger")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = {p.codename: p for p in Permission.objects.filter(content_type__app_label="ledger")}
    for name, codes in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*(perms[c] for c in codes))


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0001_initial"),
        ("exchange", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
