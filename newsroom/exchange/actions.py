"""What happens to a 报送 and to a 投稿. Each is the shape every write path shares
(newsroom/core/actions.py): check, then one transaction with an audit row.

报送: an editor of the origin portal offers a published story to a portal above it (its
lineage); that portal's desk 采用s it into one of its columns, as a mirror (the origin's text,
kept in step) or as its own copy (a draft through its own 三审), or 退回s it with a reason.

投稿: a registered 通讯员 sends a manuscript with photos; an editor of the portal 采用s it (a
draft in the chosen column, bylined and credited to the correspondent, with its provenance) or
退稿s it with a reason. The correspondent sees each outcome.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from newsroom import placements
from newsroom.core.actions import ActionError, locked, reason, require
from newsroom.credits import CreditKind
from newsroom.images import clean_upload
from newsroom.models import Article, ArticlePlacement, AuditEntry, BylineRole, Credit, Person, Photo

from .models import Manuscript, ManuscriptEvent, ManuscriptPhoto, Submission, SubmissionEvent

Kind = ArticlePlacement.Kind


class ExchangeError(ActionError):
    pass


# 报送 ------------------------------------------------------------------------------------


def check_submit(article, to_portal, user):
    require(user, "exchange.add_submission", _("您不能报送这篇文章。"), obj=article)
    if article.replaces_id or not article.is_public:
        raise ExchangeError(_("只有已发布的文章可以报送。"))
    if to_portal is None or to_portal.pk not in article.portal.lineage()[1:]:
        raise ExchangeError(_("只能报送给本网站的上级网站。"))
    if Submission.objects.pending().filter(article=article, to_portal=to_portal).exists():
        raise ExchangeError(_("这篇文章已报送“%(portal)s”，正在等待处理。") % {"portal": to_portal})
    if ArticlePlacement.objects.active().filter(article=article, portal=to_portal).exists():
        raise ExchangeError(_("“%(portal)s”已经采用了这篇文章。") % {"portal": to_portal})


@transaction.atomic
def submit(article, to_portal, user, note="", wanted_column=None):
    check_submit(article, to_portal, user)
    if wanted_column is not None and wanted_column.portal_id != to_portal.pk:
        raise ExchangeError(_("建议栏目必须是报送网站的栏目。"))
    submission = Submission.objects.create(
        article=article,
        from_portal=article.portal,
        to_portal=to_portal,
        wanted_column=wanted_column,
        note=(note or "").strip()[:1000],
        created_by=user,
    )
    SubmissionEvent.log(
        SubmissionEvent.Action.SUBMITTED,
        actor=user,
        submission=submission,
        to_status=submission.status,
        note=submission.note,
    )
    return submission


def check_decide(submission, user):
    require(user, "exchange.decide_submission", _("您不能处理这份报送稿件。"), obj=submission)
    if submission.status != Submission.Status.PENDING:
        raise ExchangeError(_("这份报送稿件已经处理过了。"))


@transaction.atomic
def adopt(submission, user, kind, column):
    """采用 into ``column`` of the receiving portal, as a mirror or as its own copy."""
    submission = locked(submission, "article", "to_portal")
    check_decide(submission, user)
    if column is None or column.portal_id != submission.to_portal_id:
        raise ExchangeError(_("请选择本网站的栏目。"))
    if kind not in (Kind.MIRROR, Kind.COPY):
        raise ExchangeError(_("请选择采用方式：镜像引用或本网稿件。"))
    placement = placements.place(submission.article, column, user, kind, ArticlePlacement.Via.SUBMISSION)
    note = f"{column}（{placement.get_kind_display()}）"
    return submission.decide(
        user, Submission.Status.ADOPTED, SubmissionEvent.Action.ADOPTED, note=note, placement=placement
    )


@transaction.atomic
def return_submission(submission, user, why):
    submission = locked(submission)
    check_decide(submission, user)
    why = reason(why, _("退回理由"), ExchangeError, limit=1000)
    return submission.decide(user, Submission.Status.RETURNED, SubmissionEvent.Action.RETURNED, note=why, reason=why)


# 投稿 ------------------------------------------------------------------------------------


def check_send(correspondent):
    if correspondent is None or not correspondent.is_active or not correspondent.user.is_active:
        raise ExchangeError(_("您的通讯员账号已停用，不能投稿。"))


@transaction.atomic
def send(correspondent, title, body, photos=()):
    """A correspondent's manuscript, with ``photos`` as (uploaded file, caption, photographer)."""
    check_send(correspondent)
    manuscript = Manuscript.objects.create(
        portal=correspondent.portal, correspondent=correspondent, title=title.strip(), body=body.strip()
    )
    for order, (upload, caption, photographer) in enumerate(photos):
        photo = ManuscriptPhoto(
            manuscript=manuscript, image=upload, caption=caption.strip(), photographer=photographer.strip(), order=order
        )
        clean_upload(photo, "image")  # location and camera data go before the file is stored
        photo.save()
    ManuscriptEvent.log(
        ManuscriptEvent.Action.RECEIVED, actor=correspondent.user, manuscript=manuscript, to_status=manuscript.status
    )
    return manuscript


def check_handle(manuscript, user):
    require(user, "exchange.handle_manuscript", _("您不能处理这篇投稿。"), obj=manuscript)
    if manuscript.status != Manuscript.Status.RECEIVED:
        raise ExchangeError(_("这篇投稿已经处理过了。"))


def _person(portal, name, unit):
    person = Person.objects.filter(portal=portal, name=name, organisation=unit).first()
    return person or Person.objects.create(portal=portal, name=name, organisation=unit, role=_("通讯员"))


@transaction.atomic
def adopt_manuscript(manuscript, user, column):
    """A draft in ``column`` made from the manuscript: paragraphs, photos with their captions
    and credits (某某 摄), the correspondent's byline (通讯员), and its provenance in the draft's
    操作记录. The draft goes through the portal's 三审 like any other."""
    manuscript = locked(manuscript, "correspondent", "portal")
    check_handle(manuscript, user)
    if column is None or column.portal_id != manuscript.portal_id:
        raise ExchangeError(_("请选择本网站的栏目。"))
    author = manuscript.correspondent
    paragraphs = [p.strip() for p in manuscript.body.replace("\r\n", "\n").split("\n") if p.strip()]
    article = Article.objects.create(
        column=column,
        title=manuscript.title[:200],
        body="".join(f"<p>{escape(p)}</p>" for p in paragraphs),
        created_by=user,
    )
    role = BylineRole.objects.inherited(manuscript.portal).filter(name="通讯员").first()
    if role is not None:
        Credit.objects.create(article=article, role=role, person=_person(manuscript.portal, author.name, author.unit))
    for order, photo in enumerate(manuscript.photos.all()):
        Photo.objects.create(
            article=article,
            image=photo.image.name,
            width=photo.width,
            height=photo.height,
            caption=photo.caption,
            alt_text=photo.caption[:200],  # the editor may describe the picture better
            credit_kind=CreditKind.PHOTOGRAPHER,
            credit_person=_person(manuscript.portal, photo.photographer, author.unit),
            order=order,
        )
    AuditEntry.log(
        article=article,
        actor=user,
        action=AuditEntry.Action.IMPORT,
        to_status=article.status,
        opinion=_("通讯员投稿：%(name)s（%(unit)s），%(at)s 收到")
        % {
            "name": author.name,
            "unit": author.unit,
            "at": timezone.localtime(manuscript.created_at).strftime("%Y-%m-%d %H:%M"),
        },
    )
    return manuscript.decide(
        user, Manuscript.Status.ADOPTED, ManuscriptEvent.Action.ADOPTED, note=str(column), article=article
    )


@transaction.atomic
def reject_manuscript(manuscript, user, why):
    manuscript = locked(manuscript)
    check_handle(manuscript, user)
    why = reason(why, _("退稿理由"), ExchangeError, limit=1000)
    return manuscript.decide(user, Manuscript.Status.REJECTED, ManuscriptEvent.Action.REJECTED, note=why, reason=why)
