"""A confirmed import becomes a draft: never published, never submitted, with its photos (joined
to the library, metadata stripped), bylines, reprint fields and matched communities, an audit
entry "导入" naming the file, and the original kept with it. All or nothing."""

import re
from copy import copy
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.models import Community
from newsroom.core.chinese import to_simplified
from newsroom.core.richtext import sanitize_html

from .. import revisions
from ..credits import CreditKind
from ..images import validate_image
from ..models import Article, AuditEntry, BylineRole, Credit, ImportedFile, Person, Photo, TimePrecision
from ..models.bylines import Placement
from .names import REPORTING

KINDS = {
    "摄": CreditKind.PHOTOGRAPHER,
    "供图": CreditKind.PROVIDED,
    "受访者供图": CreditKind.INTERVIEWEE,
    "资料图片": CreditKind.ARCHIVE,
    "网络图片": CreditKind.NETWORK,
    "图片来源": CreditKind.SOURCE,
}
# A 副题 is printed after a dash the page adds (——副题): the manuscript's own dash goes.
LEADING_DASH = re.compile(r"^\s*(?:——|—|－－|--|-)\s*")
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp"}


def keep_original(user, name, data):
    """The uploaded file, stored privately before the editor confirms (no draft yet)."""
    record = ImportedFile(name=name[:200], created_by=user)
    record.file.save(_safe_name(name), ContentFile(data), save=False)
    record.save()
    return record


def _safe_name(name):
    stem = re.sub(r"[^\w.\-]+", "_", name or "import.txt")[-80:]
    return stem or "import.txt"


def match_communities(names):
    """(matched Community rows, names not in the library): matched in Simplified, with or
    without the 社区 suffix; never created here."""
    wanted = {to_simplified(n).removesuffix("社区"): n for n in names}
    matched, missing = [], []
    library = {to_simplified(c.name).removesuffix("社区"): c for c in Community.objects.all()}
    for key, written in wanted.items():
        (matched.append(library[key]) if key in library else missing.append(written))
    return matched, missing


def _person(name, portal_id):
    """The person of that name the portal may use (its own, then a shared one), else a new one
    of the portal's."""
    usable = Person.objects.reachable_from([portal_id]).filter(name=name)
    person = usable.filter(portal_id=portal_id).first() or usable.first()
    return person or Person.objects.create(name=name, portal_id=portal_id)


def publish_time(value):
    """('YYYY-MM-DD HH:MM' or 'YYYY-MM-DD') → (aware datetime, precision), or (None, UNKNOWN)."""
    for pattern, precision in (("%Y-%m-%d %H:%M", TimePrecision.MINUTE), ("%Y-%m-%d", TimePrecision.DAY)):
        try:
            return timezone.make_aware(datetime.strptime(value or "", pattern)), precision
        except ValueError:
            continue
    return None, TimePrecision.UNKNOWN


def is_carried(extraction, portal, source_name=None, via_name=None, original_url=None):
    """Whether the draft is a 转载: the page says it was carried from elsewhere (转自, 原文链接,
    原标题, 经授权转载…), or its 来源 names another outlet than the portal's own. A 来源 that is
    the portal's own office (an office's own manuscript) does not make one."""
    source = extraction.source if source_name is None else source_name
    if extraction.reprint or (via_name if via_name is not None else extraction.reprint_from):
        return True
    if original_url if original_url is not None else extraction.original_url:
        return True
    return bool(source) and not portal.is_own_source(source)


def original_author(bylines, source=""):
    """原作者 as the page credits the piece (记者 陈晓、通讯员 杨帆); the outlet when no one is
    named, as reprints name 新华社 or 人民网."""
    makers = [b for b in bylines if b["role"] in REPORTING and b["name"]]
    text = "、".join(f"{b['org']}{b['role']} {b['name']}".strip() for b in makers)
    return (text or source or "")[:100]


def create_draft(record, extraction, user, column, fields, communities=(), bylines=None, photos=None):
    """The draft of ``extraction`` as the editor confirmed it (``fields`` override what was read;
    ``bylines`` and ``photos`` the credits as corrected on the confirm screen). The draft passes
    the model's own checks (``Article.clean``): a 转载 names its source, author, title and date or
    why the date is unknown; a ValidationError says what is missing."""
    if not user.has_perm("newsroom.add_article"):
        raise PermissionDenied(_("没有新建文章的权限。"))
    bylines = extraction.bylines if bylines is None else bylines
    values = {
        "title": extraction.title or "",
        "kicker": extraction.kicker or "",
        "subtitle": extraction.subtitle or "",
        "dateline": extraction.dateline or "",
        "source_name": extraction.source or "",
        "via_name": extraction.reprint_from or "",
        "original_url": extraction.original_url or "",
        "original_title": extraction.original_title or "",
        "editors_note": extraction.editors_note,
        "publish_time": extraction.publish_time or "",
        **fields,
    }
    body = sanitize_html(extraction.body_html())
    traditional = to_simplified(body) != body and len(body) > 0
    reprint = values.pop("is_reprint", None)
    if reprint is None:
        reprint = is_carried(
            extraction, column.portal, values["source_name"], values["via_name"], values["original_url"]
        )
    if reprint and not values["source_name"]:
        values["source_name"] = values["via_name"]
    author = values.pop("original_author", None)
    author = original_author(bylines, values["source_name"]) if author is None else author
    # The date the page gives is kept, a reprint's or not (an office's own past article).
    original_at, precision = publish_time(values.pop("publish_time"))
    with transaction.atomic():
        article = Article(
            portal=column.portal,
            title=values["title"][:200],
            kicker=values["kicker"][:200],
            subtitle=LEADING_DASH.sub("", values["subtitle"])[:200],
            column=column,
            body=body,
            summary=_summary(extraction),
            editors_note=values["editors_note"],
            dateline=values["dateline"][:100],
            source_name=values["source_name"][:100],
            via_name=values["via_name"][:100],
            original_url=values["original_url"][:200],
            original_title=(values["original_title"] or (values["title"] if reprint else ""))[:200],
            original_author=author[:100] if reprint else "",
            is_reprint=reprint,
            original_published_at=original_at,
            original_time_precision=precision if original_at or reprint else TimePrecision.MINUTE,
            original_time_unknown_reason=_("原文页面未注明发布时间。") if reprint and not original_at else "",
            original_issue=(extraction.original_issue or "")[:50] if reprint else "",
            original_page=(extraction.original_page or "")[:20] if reprint else "",
            script=Article.Script.TRADITIONAL if traditional else Article.Script.SIMPLIFIED,
            created_by=user,
        )
        article.clean()  # never a draft the model's own checks refuse
        article.save()
        article.communities.set(communities)
        added = _bylines(article, bylines)
        without_image = _photos(article, _corrected(extraction.photos, photos))
        record.article = article
        record.save(update_fields=["article"])
        note = _("导入：%(name)s") % {"name": record.name}
        if added:
            note += _("；新增署名职务：%(roles)s") % {"roles": "、".join(added)}
        if without_image:
            note += _("；%(count)s 张图片的说明已读出，但原文件未附图片，请上传") % {"count": without_image}
        AuditEntry.log(
            article=article,
            actor=user,
            action=AuditEntry.Action.IMPORT,
            from_status=Article.Status.DRAFT,
            to_status=Article.Status.DRAFT,
            opinion=note[:500],
        )
        revisions.record(article, user, note=_("导入"))
    return article


def _corrected(found, corrections):
    """The photos read from the file with the confirm screen's corrections (caption and credit,
    by position) applied."""
    if not corrections:
        return found
    photos = []
    for photo, change in zip(found, corrections, strict=False):
        photo = copy(photo)
        photo.caption = change.get("caption", photo.caption)
        photo.kind, photo.role = change.get("kind", photo.kind), change.get("role", photo.role)
        who = change.get("who", photo.who or photo.org)
        photo.who, photo.org = (who, "") if photo.kind == "摄" else ("", who)
        photos.append(photo)
    return photos + found[len(photos) :]


def _summary(extraction):
    first = next((text for kind, text in extraction.body if kind == "p"), "")
    return first[:120]


def new_roles(bylines, portal):
    """Roles the file credits that the portal's vocabulary lacks (二审, 监制…), in order."""
    have = {to_simplified(r.name) for r in BylineRole.objects.inherited(portal)}
    wanted = [b["role"] for b in bylines if b["role"] and b["name"]]
    return [r for i, r in enumerate(wanted) if to_simplified(r) not in have and r not in wanted[:i]]


def _bylines(article, bylines):
    """The credits; a role the portal does not use yet is added to its vocabulary (its makers in
    the meta line, the rest at the end), as the confirm screen announced, never a credit printed
    without its role. Returns the roles added."""
    portal = article.column.portal
    added = new_roles(bylines, portal)
    for order, name in enumerate(added, start=100):
        placement = Placement.META if name in REPORTING else Placement.END
        BylineRole.objects.create(portal=portal, name=name[:20], placement=placement, order=order)
    roles = {to_simplified(r.name): r for r in BylineRole.objects.inherited(portal)}
    rows = []
    for order, byline in enumerate(bylines):
        usable = Person.objects.reachable_from([article.portal_id]).filter(name=byline["name"])
        person = usable.filter(portal_id=article.portal_id).first() or usable.first()
        rows.append(
            Credit(
                article=article,
                role=roles.get(to_simplified(byline["role"])),
                person=person,
                name="" if person else byline["name"],
                organisation=byline["org"][:100],
                in_dateline=bool(article.dateline) and byline["role"] in ("记者", "通讯员", "见习记者"),
                order=order,
            )
        )
    Credit.objects.bulk_create(rows)
    return added


def _readable(data):
    try:
        validate_image(ContentFile(data, name="import.jpg"))
    except ValidationError:
        return False
    return True


def _photos(article, photos):
    """Photos that came with their image; returns how many captions had none."""
    missing = 0
    for order, found in enumerate(photos):
        if not found.image or not _readable(found.image):
            missing += 1
            continue
        kind = KINDS.get(found.kind, "")
        photo = Photo(
            article=article,
            caption=found.caption,
            alt_text=re.sub(r"[。.]$", "", found.caption)[:200],
            credit_kind=kind or CreditKind.UNCREDITED,
            credit_organisation=found.org[:100] if kind != CreditKind.PHOTOGRAPHER or not found.who else "",
            credit_person=_person(found.who.split()[0], article.portal_id)
            if kind == CreditKind.PHOTOGRAPHER and found.who
            else None,
            credit_role=(found.role or ("记者" if found.org else ""))[:50] if kind == CreditKind.PHOTOGRAPHER else "",
            order=order,
            body_position=found.after_paragraph,
        )
        if kind == CreditKind.PHOTOGRAPHER and found.org:
            photo.credit_organisation = found.org[:100]
        extension = EXTENSIONS.get(found.image_type, "jpg")
        photo.image.save(f"import-{article.pk}-{order + 1}.{extension}", ContentFile(found.image), save=False)
        photo.save()
    return missing
