"""The newsroom's side of the soak (``python -m tests.bench soak``): run by the soak in the
cluster's environment, for ``seconds``, it publishes an article every 5 s through the three
reviews, applies a takedown (下架全文) every 60 s, and uploads a library photo every 10 s, each
through the real write paths. It prints one JSON line per event with the time its transaction
committed; an upload the store refused (stopped) is tried again until it is stored, as an editor
would, and counted."""

import json
import os
import sys
import time


def withdraw_by_notice(article, moderator):
    """下架全文 as the desk does it: a notice received, reviewed, accepted and the measure applied
    (each step its own transaction: the measure has committed when this returns)."""
    from newsroom.takedowns import actions
    from newsroom.takedowns.models import TakedownRequest, Target

    notice = TakedownRequest(
        portal=article.column.portal,
        notifier_kind="person",
        notifier_name="压测通知人",
        phone="13800000000",
        email="soak@example.com",
        address="本机",
        id_type="id_card",
        id_number="110101199001010000",
        right_claimed="copyright",
        description="压测",
        declared_true=True,
    )
    target = Target(url=article.get_absolute_url(), work_title=article.title, part="whole", article=article)
    notice = actions.receive(notice, [target], [])
    actions.start_review(notice, moderator)
    actions.accept(notice, moderator)
    actions.apply_measure(notice, moderator, "withdraw_article", notice.targets.get())


def main(seconds):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    import io
    from datetime import timedelta

    from django.contrib.auth.models import User
    from django.core.files.base import ContentFile
    from django.utils import timezone
    from PIL import Image

    from newsroom import workflow
    from newsroom.models import Article, ImageAsset, Membership, Portal
    from tests.helpers import new_draft

    def say(**event):
        print(json.dumps(event, ensure_ascii=False), flush=True)

    users = {name: User.objects.get(username=name) for name in ("editor", "reviewer1", "reviewer2", "chief")}
    moderator, _ = User.objects.get_or_create(username="soak-moderator", defaults={"is_staff": True})
    Membership.objects.give(moderator, Portal.objects.default(), "版权审核")

    def publish(n):
        article = new_draft(users["editor"], title=f"社区邻里节第{n}场活动举行", slug=f"soak-{n}")
        workflow.submit(article, users["editor"])
        for reviewer in ("reviewer1", "reviewer2", "chief"):
            workflow.approve(Article.objects.get(pk=article.pk), users[reviewer])
        workflow.publish(Article.objects.get(pk=article.pk), users["chief"])
        article = Article.objects.get(pk=article.pk)
        say(event="publish", at=time.time(), url=article.get_absolute_url(), column=article.column.get_absolute_url())

    def take_down():
        # The newest soak article readers have had for at least 10 s (not one still being watched
        # on its column page, nor a draft whose publish the stopped store refused).
        article = (
            Article.objects.public(Portal.objects.default())
            .filter(slug__startswith="soak-", first_published_at__lt=timezone.now() - timedelta(seconds=10))
            .order_by("-first_published_at")
            .first()
        )
        if article is None:
            return
        withdraw_by_notice(article, moderator)
        say(event="takedown", at=time.time(), url=article.get_absolute_url())

    def upload(n):
        buffer = io.BytesIO()
        Image.new("RGB", (1200, 800), (n * 37 % 255, 90, 140)).save(buffer, "JPEG")
        refused = 0
        while True:
            try:
                asset = ImageAsset(caption=f"压测上传第{n}张", credit_kind="provided", credit_organisation="本网")
                asset.file.save(f"library/soak-{n}.jpg", ContentFile(buffer.getvalue()), save=False)
                asset.save()
                break
            except Exception as error:  # the store is down: the editor is told and tries again
                refused += 1
                say(event="upload_refused", at=time.time(), error=type(error).__name__)
                time.sleep(2)
                if refused > 60:
                    raise
        say(event="upload", at=time.time(), name=asset.file.name, refused=refused)

    started, n = time.time(), 0
    due = {"publish": started, "upload": started + 2, "takedown": started + 30}
    every = {"publish": 5, "upload": 10, "takedown": 60}
    while time.time() - started < seconds:
        now = time.time()
        for kind in ("publish", "upload", "takedown"):
            if now < due[kind]:
                continue
            due[kind] += every[kind]  # a failed one is not made up for: the next comes on time
            try:
                if kind == "publish":
                    n += 1
                    publish(n)
                elif kind == "upload":
                    upload(n)
                else:
                    take_down()
            except Exception as error:  # refused (the store stopped, say): reported, not fatal
                say(event="error", kind=kind, at=time.time(), error=f"{type(error).__name__}: {error}"[:300])
        time.sleep(0.05)
    say(event="done", at=time.time())


if __name__ == "__main__":
    main(float(sys.argv[1]))
