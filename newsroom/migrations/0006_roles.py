"""Roles as groups: 编辑, 初审, 复审, 终审签发, 版权审核, 站点管理员."""

from django.db import migrations

CONTENT = {
    "newsroom": ["article", "photo", "person", "topic", "series", "column", "portal", "tipchannel", "page",
                 "auditentry", "revision", "sensitiveword", "previewlink", "editpresence"],
    "communities": ["community", "honour", "facility"],
}
VIEW_ALL = [(app, f"view_{model}") for app, models in CONTENT.items() for model in models]

ROLES = {
    "初审": VIEW_ALL + [("newsroom", "review_first")],
    "复审": VIEW_ALL + [("newsroom", "review_second")],
    "终审签发": VIEW_ALL + [
        ("newsroom", "review_final"), ("newsroom", "change_publish_date"), ("newsroom", "change_article"),
        ("newsroom", "add_previewlink"),
    ],
    "版权审核": [("newsroom", "view_article"), ("newsroom", "view_photo"), ("newsroom", "view_auditentry")],
    "站点管理员": [
        (app, f"{action}_{model}")
        for app, models in CONTENT.items() for model in models for action in ("add", "change", "delete", "view")
    ] + [("newsroom", "review_final"), ("newsroom", "change_publish_date"),
         ("auth", "view_user"), ("auth", "add_user"), ("auth", "change_user"), ("auth", "view_group")],
}
EDITOR_EXTRA = [("newsroom", "view_auditentry"), ("newsroom", "view_revision"), ("newsroom", "add_previewlink"),
                ("newsroom", "view_previewlink"), ("newsroom", "view_sensitiveword")]


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for config in apps.get_app_configs():
        config.models_module = True
        create_permissions(config, verbosity=0, apps=apps)
        config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def perms(pairs):
        return [Permission.objects.get(content_type__app_label=app, codename=code) for app, code in pairs]

    for name, pairs in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(perms(pairs))
    editor, _ = Group.objects.get_or_create(name="编辑")
    editor.permissions.add(*perms(EDITOR_EXTRA))


def mark_published_live(apps, schema_editor):
    Article = apps.get_model("newsroom", "Article")
    for article in Article.objects.filter(status="published", is_live=False):
        article.is_live = True
        article.live_from = article.first_published_at
        article.save(update_fields=["is_live", "live_from"])


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0005_workflow"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [
        migrations.RunPython(create_roles, migrations.RunPython.noop),
        migrations.RunPython(mark_published_live, migrations.RunPython.noop),
    ]
