"""The one snapshot format, for articles (revisions) and every other reviewed content type
(content review's working copies): an object's editable fields by attribute name as JSON values
(files by their stored name, dates and date-times as ISO text), its many-to-many relations as
sorted id lists. Which fields belong in it follows from the model (``editable``), never from a
list kept by hand; a caller names only what it leaves out and why."""

import datetime

from django.db import models
from django.utils.dateparse import parse_date, parse_datetime


def fields(model, skip=()):
    """The concrete fields a version of ``model`` consists of (its key and ``skip`` aside)."""
    return [f for f in model._meta.concrete_fields if f.editable and not f.primary_key and f.name not in skip]


def relations(model, skip=()):
    return [f for f in model._meta.many_to_many if f.editable and f.name not in skip]


def names(model, skip=()):
    return [f.attname for f in fields(model, skip)]


def encode(instance, field):
    """``field`` of ``instance`` as a JSON value. A file chosen but not yet stored is stored now,
    under a new name nothing public points at."""
    value = getattr(instance, field.attname)
    if isinstance(field, models.FileField):
        if value and not value._committed:
            value.save(value.name, value.file, save=False)
        return value.name if value else ""
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (int, float, str, bool)) or value is None:
        return value
    return str(value)  # Decimal, UUID…


def decode(field, value):
    """A snapshot value as ``field`` holds it."""
    if value in (None, ""):
        return value
    if isinstance(field, models.DateTimeField):
        return parse_datetime(value) if isinstance(value, str) else value
    if isinstance(field, models.DateField):
        return parse_date(value) if isinstance(value, str) else value
    if isinstance(field, (models.ForeignKey, models.FileField)):
        return value
    return field.to_python(value)


def capture(instance, fields_, relations_=(), m2m=None):
    """``instance`` in the snapshot format: ``fields_`` as they are in memory (a form may have
    changed them without saving) and ``relations_`` from ``m2m`` or the database."""
    data = {field.attname: encode(instance, field) for field in fields_}
    for field in relations_:
        if m2m is not None and field.name in m2m:
            data[field.name] = sorted(m2m[field.name])
        elif instance.pk:
            data[field.name] = sorted(getattr(instance, field.name).values_list("pk", flat=True))
        else:
            data[field.name] = []
    return data


def put(instance, data, fields_):
    """Give ``instance`` (in memory) the snapshot's values of ``fields_``; a field the snapshot
    does not hold (it was added since) keeps its value."""
    for field in fields_:
        if field.attname in data:
            setattr(instance, field.attname, decode(field, data[field.attname]))
    return instance
