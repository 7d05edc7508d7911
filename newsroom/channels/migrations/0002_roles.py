from django.db import migrations

# As newsroom.roles was when this migration was written.
SEND = ["distribute_article", "view_distribution", "view_distributionevent"]
REMOVAL = ["record_removal", "view_distribution", "view_distributionevent"]
ACCOUNT = [f"{a}_wechataccount" for a in ("add", "change", "delete", "view")]
GRANTS = {"编辑": SEND, "终审签发": SEND, "版权审核": REMOVAL, "站点管理员": sorted({*SEND, *REMOVAL, *ACCOUNT})}


def grant(apps, schema_editor):
    """发布到其他渠道 for the editors and the chief, the removal checklist for the takedown desk,
    the 公众号 account for the site admin (roles are held per portal)."""
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("channels")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = {p.codename: p for p in Permission.objects.filter(content_type__app_label="channels")}
    for name, codes in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*(perms[c] for c in codes))


class Migration(migrations.Migration):
    dependencies = [
        ("channels", "0001_initial"),
        ("ledger", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
