"""站群: an article carries its column's portal, and slugs of articles, topics and series are
unique per portal (two districts may both have /a/dangjian/). Existing rows take their column's
portal; every slug stays as it was (they were unique everywhere, so they are unique per portal)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def portal_of_column(apps, schema_editor):
    Article = apps.get_model("newsroom", "Article")
    Column = apps.get_model("newsroom", "Column")
    Article.objects.update(portal=Subquery(Column.objects.filter(pk=OuterRef("column")).values("portal")[:1]))


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0044_membership_roles")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="portal",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="articles",
                to="newsroom.portal",
                verbose_name="网站",
            ),
        ),
        migrations.RunPython(portal_of_column, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="article",
            name="portal",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="articles",
                to="newsroom.portal",
                verbose_name="网站",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="slug",
            field=models.SlugField(
                blank=True, help_text="留空自动生成；同一网站内不能重复。", max_length=100, verbose_name="网址标识"
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.UniqueConstraint(
                fields=("portal", "slug"),
                name="unique_article_slug_per_portal",
                violation_error_message="同一网站内已有使用该网址标识的文章。",
            ),
        ),
        migrations.AlterField(
            model_name="topic",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="留空则按名称的拼音自动生成；同一网站内不能重复。",
                max_length=100,
                verbose_name="网址标识",
            ),
        ),
        migrations.AddConstraint(
            model_name="topic",
            constraint=models.UniqueConstraint(fields=("portal", "slug"), name="unique_topic_slug_per_portal"),
        ),
        migrations.AlterField(
            model_name="series",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="留空则按名称的拼音自动生成；同一网站内不能重复。",
                max_length=100,
                verbose_name="网址标识",
            ),
        ),
        migrations.AddConstraint(
            model_name="series",
            constraint=models.UniqueConstraint(fields=("portal", "slug"), name="unique_series_slug_per_portal"),
        ),
    ]
