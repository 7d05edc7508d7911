"""The production path run whole (tests/bench/cluster.py): two gunicorn nodes behind the shipped
nginx, an RQ worker, the bucket and the replica. A node stopped while readers read loses none of
their requests; background work (renditions) is done by the RQ worker into the bucket."""

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
