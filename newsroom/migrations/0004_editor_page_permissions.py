from django.db import migrations


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("newsroom")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="编辑")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="newsroom", codename__in=["add_page", "change_page", "view_page"]
        )
    )


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0003_pages")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
