"""The production path run whole (tests/bench/cluster.py): two gunicorn nodes behind the shipped
nginx, an RQ worker, the bucket and the replica. A node stopped while readers read loses none of
their requests; background work (renditions) is done by the RQ worker into the bucket."""

import threading
import time

from tests.scale.helpers import get


def test_a_node_stopped_during_reading_loses_no_request(cluster):
    statuses = []
    try:
        for i in range(150):
            if i == 50:
                cluster.stop_node(1)  # a deploy or a crash: the node is gone
            # a query string of its own: past the micro-cache, to a node every time
            statuses.append(get(f"{cluster.url}/?reader={i}")[0])
    finally:
        if 1 not in cluster.nodes:
            cluster.start_node(1)
    assert statuses == [200] * 150
    assert [get(f"{cluster.url}/?again={i}")[0] for i in range(20)] == [200] * 20


def test_the_rq_worker_draws_an_uploads_sizes_into_the_bucket(cluster):
    out = cluster.manage(
        "shell",
        "-v",
        "0",
        stdin=(
            "import io\n"
            "from PIL import Image\n"
            "from django.core.files.base import ContentFile\n"
            "from newsroom.models import ImageAsset\n"
            "buffer = io.BytesIO()\n"
            "Image.new('RGB', (1400, 900), (40, 120, 60)).save(buffer, 'JPEG')\n"
            "asset = ImageAsset(caption='新时代文明实践站开展邻里活动', credit_kind='provided', credit_organisation='本网')\n"
            "asset.file.save('library/cluster.jpg', ContentFile(buffer.getvalue()), save=False)\n"
            "asset.save()\n"
            "print(asset.file.name)\n"
        ),
    )
    name = out.strip().splitlines()[-1]
    wanted = cluster.manage(
        "shell",
        "-v",
        "0",
        stdin=(f"from newsroom import renditions\nprint('\\n'.join(renditions.standard_names({name!r}, 1400)))\n"),
    ).split()
    check = (
        "from django.core.files.storage import default_storage\n"
        f"names = {wanted!r}\n"
        "print(sum(default_storage.exists(n) for n in names))\n"
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        made = int(cluster.manage("shell", "-v", "0", stdin=check).split()[-1])
        if made == len(wanted):
            break
        time.sleep(1)
    assert made == len(wanted), (cluster.work / "worker.log").read_text(errors="replace")[-3000:]
    assert "Job OK" in (cluster.work / "worker.log").read_text(errors="replace")


TAKEDOWN = """
import time
from django.contrib.auth.models import User
from newsroom.models import Article, Membership, Portal
from tests.bench.soak_driver import withdraw_by_notice
user, _ = User.objects.get_or_create(username="cluster-moderator", defaults={{"is_staff": True}})
Membership.objects.give(user, Portal.objects.default(), "版权审核")
withdraw_by_notice(Article.objects.get(slug={slug!r}), user)
print("COMMITTED", time.time())
"""


def test_a_takedown_reaches_readers_through_nginx_within_a_second(cluster):
    slug = cluster.manage(
        "shell",
        "-v",
        "0",
        stdin=(
            "from newsroom.models import Article, Portal\n"
            "print(Article.objects.public(Portal.objects.default())"
            ".exclude(slug='hohhot-yuquan-grassroots-party-building').order_by('-first_published_at')[1].slug)\n"
        ),
    ).split()[-1]
    url = f"{cluster.url}/article/{slug}/"
    for _ in range(3):
        assert get(url)[0] == 200  # in nginx's micro-cache and Redis
    seen, stop = [], threading.Event()

    def reader():
        while not stop.is_set():
            seen.append((time.time(), get(url, timeout=5)[0]))
            time.sleep(0.02)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        time.sleep(0.5)
        out = cluster.manage("shell", "-v", "0", stdin=TAKEDOWN.format(slug=slug))
        committed = float(out.split("COMMITTED")[1].split()[0])
        time.sleep(3)
    finally:
        stop.set()
        thread.join()
    after = [(at - committed, status) for at, status in seen if at > committed]
    first_gone = next(at for at, status in after if status == 451)
    assert first_gone <= 1.0, after[:60]
    assert all(status == 451 for at, status in after if at > first_gone), after
