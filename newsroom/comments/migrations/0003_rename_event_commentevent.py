"""``Event`` becomes ``CommentEvent``: a name that says whose trail it is. The table keeps its name
(``comments_event``) and every row; the content type is renamed by Django (RenameModel), and
the four permissions follow (``view_event`` → ``view_commentevent``), so the groups that held them still do."""

from django.db import migrations

ACTIONS = ("add", "change", "delete", "view")


def rename_permissions(apps, schema_editor, old="event", new="commentevent"):
    Permission = apps.get_model("auth", "Permission")
    for action in ACTIONS:
        Permission.objects.filter(content_type__app_label="comments", codename=f"{action}_{old}").update(
            codename=f"{action}_{new}"
        )


def rename_permissions_back(apps, schema_editor):
    rename_permissions(apps, schema_editor, old="commentevent", new="event")


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="event", table="comments_event"),
        migrations.RenameModel("Event", "CommentEvent"),
        migrations.RunPython(rename_permissions, rename_permissions_back),
    ]
