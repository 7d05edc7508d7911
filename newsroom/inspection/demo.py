"""The inspection's part of the demo (registered in ``InspectionConfig.ready``)."""

from newsroom.demo import site

from .models import InspectionSettings, Leader


def load_leaders(portal):
    """The portal's leaders list, which the inspection checks for being kept up to date."""
    inspection, _created = InspectionSettings.objects.get_or_create(portal=portal)
    for order, (name, title) in enumerate(site.LEADERS):
        Leader.objects.update_or_create(settings=inspection, name=name, defaults={"title": title, "order": order})
