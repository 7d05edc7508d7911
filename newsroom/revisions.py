"""Revisions: a snapshot of an article at every save, a readable diff, and restoring one.

A snapshot holds every editable field, the relations (as ids) and the photos with
their captions, credits and order, so a restore brings back exactly what was saved.
This module is the only one that knows the snapshot's format: ``snapshot`` writes it,
``set_fields``/``photos_of``/``relations_of`` read it, and restoring (``apply``) and the revision
preview (newsroom/previews.py) are both built on those readers.
"""

import difflib
import html

from django.db.models import F
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from newsroom.core import snapshots

from .credits import render_credit
from .models import Article, BylineRole, Credit, Person, Photo, Revision
from .rendering import split_blocks

# What a revision holds follows from the models (newsroom/core/snapshots.py): every editable
# field but the slug (it names the page, whichever version is live) and the cover (kept as its
# index among the photos, ``cover_index``); a photo's and a byline's rows without their owner.
FIELDS = snapshots.names(Article, skip={"slug", "cover"})
RELATIONS = [f.name for f in snapshots.relations(Article)]
CREDIT_FIELDS = snapshots.names(Credit, skip={"article"})
#: Snapshots made before bylines were rows held three lists of people: read as these roles.
LEGACY_BYLINES = {"reporters": "记者", "correspondents": "通讯员", "editors_in_charge": "责任编辑"}
PHOTO_FIELDS = snapshots.names(Photo, skip={"article", "community", "facility"})
_ARTICLE_FIELDS = snapshots.fields(Article, skip={"slug", "cover"})


def _decode(name, value):
    """A snapshot value as the model field holds it (date-times are stored as ISO text)."""
    return snapshots.decode(Article._meta.get_field(name.removesuffix("_id")), value)


def set_fields(article, data):
    """Give ``article`` (saved or not) the snapshot's field values."""
    return snapshots.put(article, data, _ARTICLE_FIELDS)


def relations_of(data):
    """{relation: [ids]} of the snapshot."""
    return {name: list(data.get(name, [])) for name in RELATIONS}


def credits_of(data, portal_id):
    """The snapshot's bylines, in order, as {field: value}."""
    if "credits" in data:
        return [{f: item.get(f) for f in CREDIT_FIELDS} for item in data["credits"]]
    roles = dict(BylineRole.objects.filter(portal_id=portal_id).values_list("name", "pk"))
    people = [(roles.get(role), pk) for key, role in LEGACY_BYLINES.items() for pk in data.get(key, [])]
    return [
        {"role_id": role, "person_id": pk, "name": "", "organisation": "", "in_dateline": False, "order": i}
        for i, (role, pk) in enumerate(people)
    ]


def photos_of(data):
    """The snapshot's photos, in order, as {field: value} (plus the row ``id`` they came from)."""
    return [{"id": item.get("id"), **{f: item.get(f) for f in PHOTO_FIELDS}} for item in data.get("photos", [])]


def snapshot(article):
    """The article in the one snapshot format, with its bylines and photos as rows of it."""
    data = snapshots.capture(article, _ARTICLE_FIELDS, snapshots.relations(Article))
    credit_fields = snapshots.fields(Credit, skip={"article"})
    data["credits"] = [snapshots.capture(c, credit_fields) for c in article.credits.order_by("order", "id")]
    photo_fields = snapshots.fields(Photo, skip={"article", "community", "facility"})
    data["photos"] = [
        {"id": photo.pk, **snapshots.capture(photo, photo_fields)} for photo in article.photos.order_by("order", "id")
    ]
    cover = article.cover
    data["cover_index"] = next((i for i, p in enumerate(data["photos"]) if cover and p["id"] == cover.pk), None)
    return data


def record(article, user, note=""):
    """Store a revision of ``article`` as it now is, under its live article."""
    return Revision.objects.create(
        article=article.root,
        source=article,
        version=article.version,
        data=snapshot(article),
        note=note,
        created_by=user,
    )


def bump_version(article):
    Article.objects.filter(pk=article.pk).update(version=F("version") + 1)
    article.refresh_from_db(fields=["version"])


def apply(article, data, keep_photo_ids=False):
    """Make ``article`` hold ``data``: fields, relations and photos (rows kept or re-created to match)."""
    set_fields(article, data)
    article.cover = None
    article.save()
    for name, ids in relations_of(data).items():
        getattr(article, name).set(ids)
    article.credits.all().delete()
    Credit.objects.bulk_create(Credit(article=article, **c) for c in credits_of(data, article.column.portal_id))
    wanted = photos_of(data)
    existing = {p.pk: p for p in article.photos.all()}
    if keep_photo_ids:
        reuse = {i: existing[p["id"]] for i, p in enumerate(wanted) if p.get("id") in existing}
    else:
        # A row showing the same image file is kept (updated in place), so what points at it
        # (a takedown notice, the hidden-by-takedown flag) stays with the image.
        reuse, free = {}, list(existing.values())
        for i, item in enumerate(wanted):
            same = next((p for p in free if p.image.name == item.get("image")), None)
            if same is not None:
                reuse[i] = same
                free.remove(same)
    article.photos.exclude(pk__in=[p.pk for p in reuse.values()]).delete()
    photos = []
    for i, item in enumerate(wanted):
        photo = reuse.get(i) or Photo(article=article)
        for name, value in item.items():
            if name == "id":
                continue
            setattr(photo, name, value)
        photo.save()
        photos.append(photo)
    index = data.get("cover_index")
    if index is not None and index < len(photos):
        article.cover = photos[index]
        article.save(update_fields=["cover"])
    return article


# --- Diff ---------------------------------------------------------------------------

LABELS = {name: Article._meta.get_field(name.removesuffix("_id")).verbose_name for name in FIELDS + RELATIONS}
LABELS["photos"] = "图片"
LABELS["credits"] = "署名"


def char_diff(old, new):
    """Character-level diff (Chinese has no spaces to split words on)."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    left, right = [], []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        a, b = html.escape(old[a1:a2]), html.escape(new[b1:b2])
        if op == "equal":
            left.append(a)
            right.append(b)
        else:
            if a:
                left.append(f"<del>{a}</del>")
            if b:
                right.append(f"<ins>{b}</ins>")
    return mark_safe("".join(left)), mark_safe("".join(right))


def body_diff(old, new):
    """Paragraph by paragraph; within a changed paragraph, character by character."""
    old_blocks = [strip_tags(b) for b in split_blocks(old or "")]
    new_blocks = [strip_tags(b) for b in split_blocks(new or "")]
    rows = []
    matcher = difflib.SequenceMatcher(None, old_blocks, new_blocks, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        olds, news = old_blocks[a1:a2], new_blocks[b1:b2]
        for i in range(max(len(olds), len(news))):
            rows.append(char_diff(olds[i] if i < len(olds) else "", news[i] if i < len(news) else ""))
    return rows


def _describe_credits(items):
    roles = dict(BylineRole.objects.filter(pk__in={c["role_id"] for c in items}).values_list("pk", "name"))
    people = dict(Person.objects.filter(pk__in={c["person_id"] for c in items}).values_list("pk", "name"))
    return "\n".join(
        " ".join(
            part
            for part in (
                f"{c.get('organisation') or ''}{roles.get(c['role_id'], '')}",
                people.get(c["person_id"]) or c.get("name") or "",
                "（电头）" if c.get("in_dateline") else "",
                "（文末）" if c.get("at_end") else "",
            )
            if part
        )
        for c in items
    )


def _describe_photos(photos):
    """Each photo as a reader meets it: caption, credit and where it stands (not file names)."""
    people = dict(Person.objects.filter(pk__in={p.get("credit_person_id") for p in photos}).values_list("pk", "name"))
    lines = []
    for i, p in enumerate(photos, start=1):
        credit = render_credit(
            p.get("credit_kind") or "",
            people.get(p.get("credit_person_id"), ""),
            p.get("credit_organisation") or "",
            p.get("credit_role") or "",
        )
        position = p.get("body_position")
        place = "文末图集" if position is None else f"第{position}段后"
        alt = f"；替代文字：{p['alt_text']}" if p.get("alt_text") else ""
        lines.append(f"{i}. {p.get('caption', '')} {credit}({place}{alt})")
    return "\n".join(lines)


def _names(name, value):
    """Ids of a relation or a foreign key, as the names editors know them."""
    field = Article._meta.get_field(name.removesuffix("_id"))
    ids = value if isinstance(value, list) else [value] if value else []
    found = {obj.pk: str(obj) for obj in field.related_model._default_manager.filter(pk__in=ids)}
    return "、".join(found.get(pk, f"#{pk}") for pk in ids)


def diff(old, new):
    """[(label, [(old html, new html), …])] for every field that differs."""
    changes = []
    for name in FIELDS + RELATIONS + ["credits", "photos"]:
        before, after = old.get(name), new.get(name)
        if name in FIELDS and _is_instant(name):
            # The same moment written with another offset (+00:00 / +08:00) is no change, and
            # people read 2022-10-28 09:30 rather than ISO text.
            before, after = _instant_text(_decode(name, before)), _instant_text(_decode(name, after))
        if before == after:
            continue
        if name == "credits":
            changes.append((LABELS[name], [char_diff(_describe_credits(before or []), _describe_credits(after or []))]))
        elif name == "body":
            changes.append((LABELS[name], body_diff(before, after)))
        elif name == "photos":
            changes.append((LABELS[name], [char_diff(_describe_photos(before or []), _describe_photos(after or []))]))
        elif name in RELATIONS or name in ("column_id", "series_id"):
            changes.append((LABELS[name], [char_diff(_names(name, before), _names(name, after))]))
        else:
            changes.append((LABELS[name], [char_diff(_text(before), _text(after))]))
    return changes


def _is_instant(name):
    return Article._meta.get_field(name.removesuffix("_id")).get_internal_type() == "DateTimeField"


def _instant_text(moment):
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S" if moment.second else "%Y-%m-%d %H:%M")


def _text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)
