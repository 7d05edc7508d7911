"""Every public page kind of every demo portal is valid HTML for the Nu Html Checker (the W3C's
validator: vnu.jar, fetched by docs/fetch-vnu.sh as `make test` does): no error, not one."""

import json
import subprocess
from pathlib import Path

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

VNU = Path(__file__).resolve().parent.parent / ".venv" / "vnu" / "vnu-26.9.27.jar"

# (portal, path): every page kind readers reach, on each theme.
PAGES = [
    (None, "/"),
    (None, "/article/hohhot-yuquan-grassroots-party-building/"),
    (None, "/article/xicaiyuan-joint-party-committee/"),
    (None, "/column/party/"),
    (None, "/column/news/"),
    (None, "/communities/"),
    (None, "/communities/guanyinmiao/"),
    (None, "/communities/xinwenli/"),
    (None, "/communities/streets/changhelang/"),
    (None, "/communities/honours/"),
    (None, "/communities/facilities/changhelang-warm-space/"),
    (None, "/communities/facilities/zhongnan-talent-apartments/"),
    (None, "/topic/urban-party-building/"),
    (None, "/sitemap/"),
    (None, "/search/?q=社区"),
    (None, "/pages/about/"),
    (None, "/sites/"),
    (None, "/feedback/?article=hohhot-yuquan-grassroots-party-building"),
    (None, "/feedback/thanks/"),
    (None, "/takedown/new/?article=hohhot-yuquan-grassroots-party-building"),
    (None, "/takedown/policy/"),
    (None, "/takedown/transparency/"),
    (None, "/no-such-page/"),
    ("wuhua", "/"),
    ("wuhua", "/article/kunming-xinwenli-community/"),
    ("wangcheng", "/"),
    ("wangcheng", "/article/changsha-zhongnan-six-neighbours/"),
    ("wuhou", "/"),
    ("wuhou", "/article/chengdu-wuhou-gongheli-community/"),
    ("wuhou", "/comments/a/chengdu-wuhou-gongheli-community/"),
    ("wuhou", "/topic/wuhou-chengdu/"),
    ("jiulongpo", "/"),
    ("jiulongpo", "/article/chongqing-minan-huafu-doorstep-party-building/"),
    ("jiulongpo", "/series/jiceng-baolei/"),
    ("jiulongpo", "/column/jiulongpo-hot/"),
    ("wuhua", "/tougao/login/"),
    ("kunming", "/"),
    ("kunming", "/column/kunming-districts/"),
]


def test_every_page_kind_of_every_portal_is_valid_html(demo, settings, tmp_path):
    assert VNU.exists(), "the Nu Html Checker is missing: run bash docs/fetch-vnu.sh (make test does)"
    settings.DEBUG = True  # 武侯区 shows its comments with the development verifier, as `make run`
    settings.PLATFORM_HOSTS = ["localhost"]
    client = Client()
    from newsroom.models import ArticlePlacement

    pages = [*PAGES, ("kunming", ArticlePlacement.objects.get().get_absolute_url())]  # 昆明市's mirror
    files = [tmp_path / "00-platform.html"]
    files[0].write_bytes(client.get("/", HTTP_HOST="localhost").content)
    for i, (portal, path) in enumerate(pages, start=1):
        response = client.get(path, **({"HTTP_HOST": f"{portal}.localhost"} if portal else {}))
        assert response.status_code in (200, 404), (portal, path)
        files.append(tmp_path / f"{i:02d}.html")
        files[-1].write_bytes(response.content)
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    names = {f"file:{path}": where for path, where in zip(files, [("platform", "/"), *pages])}
    report = json.loads(run.stderr)  # vnu writes its JSON report there
    assert "version" in report, run.stderr[:500]
    errors = [(names.get(m.get("url"), m.get("url")), m["message"]) for m in report["messages"]]
    assert errors == []
