"""``Event`` becomes ``TakedownEvent``: a name that says whose trail it is. The table keeps its name
(``takedowns_event``) and every row; the content type is renamed by Django (RenameModel), and
the four permissions follow (``view_event`` → ``view_takedownevent``), so the groups that held them still do."""

from django.db import migrations

ACTIONS = ("add", "change", "delete", "view")


def rename_permissions(apps, schema_editor, old="event", new="takedownevent"):
    Permission = apps.get_model("auth", "Permission")
    for action in ACTIONS:
        Permission.objects.filter(content_type__app_label="takedowns", codename=f"{action}_{old}").update(
            codename=f"{action}_{new}"
        )


def rename_permissions_back(apps, schema_editor):
    rename_permissions(apps, schema_editor, old="takedownevent", new="event")


class Migration(migrations.Migration):
    dependencies = [
        ("takedowns", "0004_measure_kind_full_width_label"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="event", table="takedowns_event"),
        migrations.RenameModel("Event", "TakedownEvent"),
        migrations.RunPython(rename_permissions, rename_permissions_back),
    ]
