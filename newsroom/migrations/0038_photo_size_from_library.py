"""Photos saved without their size (imported ones: the file was stored in place) take it from
their library image, so loading a photo no longer reopens its file to measure it."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def fill_sizes(apps, schema_editor):
    Photo = apps.get_model("newsroom", "Photo")
    ImageAsset = apps.get_model("newsroom", "ImageAsset")
    asset = ImageAsset.objects.filter(pk=OuterRef("asset_id"))
    Photo.objects.filter(asset__isnull=False, width__isnull=True, asset__width__isnull=False).update(
        width=Subquery(asset.values("width")[:1]), height=Subquery(asset.values("height")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0037_portal_slug")]

    operations = [migrations.RunPython(fill_sizes, migrations.RunPython.noop)]
