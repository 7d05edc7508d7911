from django.db import migrations

# As newsroom.roles was when this migration was written.
DESK = [
    "moderate_comment",
    "view_comment",
    "view_commenter",
    "change_commenter",
    "view_report",
    "change_report",
    "view_event",
    "view_blacklist",
]
GRANTS = {
    "版权审核": DESK,
    "评论审核": DESK,
    "站点管理员": DESK + ["add_commentsettings", "change_commentsettings", "view_commentsettings"],
    "法务复核": ["view_comment", "view_commenter", "view_event", "view_commenter_identity"],
}


def grant(apps, schema_editor):
    """The comment desk for 版权审核 and the new role 评论审核; settings for 站点管理员; identity
    data only for 法务复核."""
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("comments")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = {p.codename: p for p in Permission.objects.filter(content_type__app_label="comments")}
    for name, codes in GRANTS.items():
        if name == "评论审核":
            group, _ = Group.objects.get_or_create(name=name)
            view = Permission.objects.filter(content_type__app_label="newsroom", codename="view_article").first()
            if view:
                group.permissions.add(view)
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*(perms[c] for c in codes))


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("newsroom", "0037_portal_slug"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
