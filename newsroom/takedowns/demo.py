"""The takedown desk's part of the demo (registered in ``TakedownsConfig.ready``)."""

from django.core.files.base import ContentFile

from newsroom.models import Article

from . import actions
from .models import TakedownRequest, Target


def load_takedown_notice(portal):
    """One notice in the 版权审核 queue, about a photo in seed 004, so the desk is not empty."""
    if TakedownRequest.objects.filter(notifier_name="演示通知人").exists():
        return
    article = Article.objects.get(slug="hohhot-yuquan-grassroots-party-building")
    notice = TakedownRequest(
        portal=portal,
        notifier_kind="person",
        notifier_name="演示通知人",
        phone="13800000000",
        email="notifier@example.com",
        address="呼和浩特市玉泉区（演示）",
        id_type="id_card",
        id_number="150104199001010000",
        right_claimed="portrait",
        description="（演示）第五张图片中的人物是本人，发布前未征得同意，请求屏蔽该图片。",
        declared_true=True,
    )
    photo = article.photos.order_by("order", "id")[4]
    target = Target(
        url=f"http://127.0.0.1:8000{article.get_absolute_url()}",
        work_title=article.title,
        part="photo",
        article=article,
        photo=photo,
    )
    pdf = ContentFile(b"%PDF-1.4\n% Linli demo evidence\n%%EOF\n", name="演示证据.pdf")
    pdf.content_type = "application/pdf"
    actions.receive(notice, [target], [("evidence", pdf)])
