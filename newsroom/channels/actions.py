"""Every change to a story's copies on other channels, in the shape every write path shares:
check, then the records written in a transaction with an audit row. The calls to WeChat run
outside any database transaction (a slow answer holds no lock); what they return is recorded
at once, failures included, so the record is always the truth about what exists where."""

import io
import zipfile
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from newsroom.core.actions import ActionError, locked, require
from newsroom.models import Article

from . import api, wechat
from .models import Distribution, DistributionEvent, WeChatAccount

S, C, A = Distribution.Status, Distribution.Channel, DistributionEvent.Action


class ChannelError(ActionError):
    pass


def check_distribute(article, user):
    require(user, "channels.distribute_article", _("您不能把这篇文章发布到其他渠道。"), obj=article)
    if article.replaces_id or not article.is_public:
        raise ChannelError(_("只有已发布的文章可以发布到其他渠道。"))


def _parts(article):
    credits = list(article.credits.select_related("role", "person"))
    photos = list(article.photos.select_related("credit_person", "asset"))
    return credits, photos


def version(article, image_url, title="", digest=""):
    credits, photos = _parts(article)
    made = wechat.build(article, credits, photos, article.portal, image_url)
    made.title, made.digest = (title or made.title).strip(), (digest or made.digest).strip()
    return made


def public_image_url(request, article):
    """Photos at the portal's public address (the 公众号 editor and 秀米 fetch pasted pictures)."""
    base = article.portal.home_url(request).rstrip("/") if request is not None else ""
    return lambda photo: base + photo.image.url


def _record(article, user, channel, status, action, note="", **fields):
    with transaction.atomic():
        made = Distribution.objects.create(
            article=article, channel=channel, status=status, version=article.version, created_by=user, **fields
        )
        DistributionEvent.log(action, actor=user, distribution=made, to_status=status, note=note)
    return made


def package(article, user, request=None, title="", digest=""):
    """The paste-ready package (a zip): ``wechat.html`` (inline styles, for the 公众号 editor,
    秀米 and 135编辑器), ``plain.txt`` (text with every credit, for 学习强国 and 头条 forms),
    ``cover.jpg`` (2.35:1 from the lead photo's focal point) and the photos as JPEGs under 1 MB."""
    check_distribute(article, user)
    made = version(article, public_image_url(request, article), title, digest)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("wechat.html", document(made))
        archive.writestr("plain.txt", made.plain + "\n")
        for index, photo in enumerate(made.photos, start=1):
            data = _read(photo)
            archive.writestr(f"images/{index:02d}.jpg", wechat.jpeg_for_wechat(data))
            if index == 1:
                archive.writestr("cover.jpg", wechat.cover(data, *wechat.focal_point(photo)))
    record = _record(article, user, C.PACKAGE, S.PACKAGED, A.PACKAGED, note=made.title)
    return record, out.getvalue()


def document(made):
    """The WeChat version as a page (for the preview and the package), 375 px like a phone."""
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(made.title)}</title></head>"
        '<body style="margin:0;padding:16px;max-width:677px;">'
        f'<h1 style="font-size:22px;line-height:1.4;margin:0 0 12px 0;color:#1a1a1a;">{escape(made.title)}</h1>'
        f"{made.content}</body></html>"
    )


def _read(photo):
    with photo.image.open("rb") as handle:
        return handle.read()


def account_for(article):
    account = WeChatAccount.objects.filter(portal=article.portal_id).first()
    if account is None or not account.secret:
        raise ChannelError(
            _("本网站还没有设置公众号（AppID 和 AppSecret），请站点管理员设置；也可以下载素材包手动发布。")
        )
    return account


def client_for(account):
    return api.Client(account.app_id, account.secret)


def push(article, user, publish=False, title="", digest=""):
    """The WeChat version into the 公众号's 草稿箱 (``draft/add``: body images through
    ``uploadimg``, the cover as a permanent material), and with ``publish`` submitted for
    publishing (``freepublish/submit``; no push to followers: that is 群发, done by hand)."""
    check_distribute(article, user)
    account = account_for(article)
    if publish and not account.can_publish:
        raise ChannelError(api.MESSAGES[48001])
    trial = version(article, lambda photo: "https://mmbiz.qpic.cn/placeholder.jpg", title, digest)
    found = wechat.problems(trial, article.portal)
    if found:
        raise ChannelError("；".join(found))
    client = client_for(account)
    try:
        hosted = {}
        for photo in trial.photos:
            hosted[photo.pk] = client.upload_image(wechat.jpeg_for_wechat(_read(photo)))
        lead = trial.photos[0]
        thumb = client.add_cover(wechat.cover(_read(lead), *wechat.focal_point(lead)))
        made = version(article, lambda photo: hosted[photo.pk], title, digest)
        found = wechat.problems(made, article.portal)
        if found:
            raise ChannelError("；".join(found))
        media_id = client.add_draft(
            {
                "title": made.title,
                "author": made.author,
                "digest": made.digest,
                "content": made.content,
                "content_source_url": made.source_url,
                "thumb_media_id": thumb,
                "need_open_comment": 0,
            }
        )
    except api.WeChatError as error:
        _record(article, user, C.WECHAT, S.FAILED, A.FAILED, note=str(error), error=str(error)[:300])
        raise ChannelError(str(error)) from error
    record = _record(article, user, C.WECHAT, S.DRAFTED, A.DRAFTED, note=made.title, media_id=media_id)
    if publish:
        record = submit(record, user)
    return record


def submit(record, user):
    """发表 a pushed draft (``freepublish/submit``); its outcome comes from ``poll``."""
    require(user, "channels.distribute_article", _("您不能发布这篇文章。"), obj=record.article)
    if record.status != S.DRAFTED:
        raise ChannelError(_("只有已推送到草稿箱的稿件可以发布。"))
    account = account_for(record.article)
    if not account.can_publish:
        raise ChannelError(api.MESSAGES[48001])
    try:
        publish_id = client_for(account).submit(record.media_id)
    except api.WeChatError as error:
        _move(record, user, S.FAILED, A.FAILED, str(error), error=str(error)[:300])
        raise ChannelError(str(error)) from error
    return _move(record, user, S.PUBLISHING, A.SUBMITTED, "", publish_id=str(publish_id))


PUBLISH_OUTCOMES = {
    2: "原创声明失败",
    3: "常规失败",
    4: "平台审核不通过",
    5: "已被用户删除",
    6: "已被系统封禁",
}


def poll(record, user=None):
    """What became of a submitted publish (``freepublish/get``): 0 published (its article_id and
    address recorded), 1 still publishing, 2–6 failed, with the documented reason."""
    if record.status != S.PUBLISHING:
        return record
    answer = client_for(account_for(record.article)).status(record.publish_id)
    state = answer.get("publish_status")
    if state == 1:
        return record
    if state == 0:
        items = answer.get("article_detail", {}).get("item", [])
        url = items[0].get("article_url", "") if items else ""
        return _move(record, user, S.PUBLISHED, A.POLLED, url, remote_article_id=answer.get("article_id", ""), url=url)
    reason = PUBLISH_OUTCOMES.get(state, str(state))
    return _move(record, user, S.FAILED, A.POLLED, reason, error=reason)


def _move(record, user, status, action, note="", **fields):
    with transaction.atomic():
        record = locked(record)
        before, record.status = record.status, status
        for name, value in fields.items():
            setattr(record, name, value)
        record.save(update_fields=["status", "updated_at", *fields])
        DistributionEvent.log(action, actor=user, distribution=record, from_status=before, to_status=status, note=note)
    return record


def withdrawn(article_id):
    """The story is no longer public (a takedown, 撤稿, 下线): every copy on another channel goes
    too. A published 公众号 article is deleted through ``freepublish/delete`` and a draft through
    ``draft/delete``; what no API can reach (a package pasted into 学习强国, 头条, 秀米…) or
    what the API refused goes on the moderator's checklist, due in ``CHANNEL_REMOVAL_HOURS``."""
    due = timezone.now() + timedelta(hours=settings.CHANNEL_REMOVAL_HOURS)
    article = Article.objects.select_related("portal").get(pk=article_id)
    for record in Distribution.objects.standing().exclude(status=S.REMOVAL_PENDING).filter(article=article):
        if record.channel == C.WECHAT and (record.remote_article_id or record.media_id):
            try:
                client = client_for(account_for(article))
                if record.remote_article_id:
                    client.delete(record.remote_article_id)
                else:
                    client.call("/cgi-bin/draft/delete", {"media_id": record.media_id})
            except (api.WeChatError, ChannelError) as error:
                _move(record, None, S.REMOVAL_PENDING, A.REMOVAL_DUE, str(error), removal_due=due)
            else:
                _move(record, None, S.REMOVED, A.DELETED, _("文章已不再公开，已通过接口删除。"))
        else:
            _move(
                record, None, S.REMOVAL_PENDING, A.REMOVAL_DUE, _("该渠道没有删除接口，请手动删除。"), removal_due=due
            )


def record_removed(record, user, note=""):
    """The moderator removed a copy by hand (学习强国, 头条, the 公众号 backend…)."""
    require(user, "channels.record_removal", _("您不能确认这条删除。"), obj=record)
    if record.status != S.REMOVAL_PENDING:
        raise ChannelError(_("这份副本不在待删除清单上。"))
    return _move(record, user, S.REMOVED, A.REMOVED, (note or "").strip() or _("已手动删除"))


def may(check, *args):
    try:
        check(*args)
    except (ActionError, PermissionDenied):
        return False
    return True
