from django.db import migrations

# As newsroom.roles was when this migration was written.
SEND = [
    ("exchange", "add_submission"),
    ("exchange", "view_submission"),
    ("exchange", "view_submissionevent"),
    ("exchange", "view_correspondent"),
    ("exchange", "view_manuscript"),
    ("exchange", "handle_manuscript"),
    ("exchange", "view_manuscriptevent"),
]
DECIDE = [
    ("exchange", "decide_submission"),
    ("newsroom", "add_articleplacement"),
    ("newsroom", "delete_articleplacement"),
]
VIEW_PLACEMENT = [("newsroom", "view_articleplacement")]
CORRESPONDENTS = [("exchange", f"{a}_correspondent") for a in ("add", "change", "delete")]
GRANTS = {
    "编辑": SEND + VIEW_PLACEMENT,
    "初审": VIEW_PLACEMENT,
    "复审": VIEW_PLACEMENT,
    "终审签发": SEND + DECIDE + VIEW_PLACEMENT,
    "站点管理员": SEND + DECIDE + VIEW_PLACEMENT + [("newsroom", "change_articleplacement")] + CORRESPONDENTS,
}


def grant(apps, schema_editor):
    """报送, 采用 and 通讯员投稿 for each portal's roles (held per portal)."""
    from django.contrib.auth.management import create_permissions

    for label in ("exchange", "newsroom"):
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, verbosity=0, apps=apps)
        config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.filter(content_type__app_label__in=["exchange", "newsroom"]).select_related(
            "content_type"
        )
    }
    for name, pairs in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*(perms[pair] for pair in pairs))


class Migration(migrations.Migration):
    dependencies = [
        ("exchange", "0001_initial"),
        ("newsroom", "0050_placements"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
