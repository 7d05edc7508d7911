"""The shipped nginx config (docs/nginx.conf) in front of Django: a takedown at the origin turns
the story and its mirror on the city's portal into 451 within the micro-cache's guarantee (the
same bound as the origin's own page: tests/controls/test_nginx_micro_cache.py)."""

import shutil
import time

import pytest
from django.test import Client

from newsroom.exchange.demo import TITLE
from newsroom.models import Article
from newsroom.takedowns import actions
from tests.controls.test_nginx_micro_cache import get, nginx  # noqa: F401 (the fixture)
from tests.helpers import user_in
from tests.takedowns.test_desk import accepted

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not shutil.which("nginx"), reason="make test installs nginx-light"),
]


def test_a_takedown_at_the_origin_reaches_the_mirror_through_nginx(demo, nginx, settings):  # noqa: F811
    story = Article.objects.get(title=TITLE)  # the demo's story: 五华区's, mirrored by 昆明市
    placement = story.placements.get()
    pages = [
        (nginx + story.get_absolute_url(), "wuhua.localhost"),
        (nginx + placement.get_absolute_url(), "kunming.localhost"),
    ]
    for url, host in pages:
        assert get(url, Host=host)[0] == 200
        status, headers, body = get(url, Host=host)
        assert (status, headers["X-Micro-Cache"]) == (200, "HIT") and TITLE in body.decode()
    moderator = user_in("版权审核", "nginx-moderator", portal=story.portal)
    notice = accepted(
        Client(HTTP_HOST="wuhua.localhost"),
        moderator,
        **{"targets-0-url": f"http://wuhua.localhost{story.get_absolute_url()}"},
    )
    actions.apply_measure(notice, moderator, "withdraw_article", notice.targets.get())
    held, start = set(), time.monotonic()
    while len(held) < len(pages) and time.monotonic() - start < settings.MICRO_CACHE_SECONDS + 3:
        held |= {url for url, host in pages if get(url, Host=host)[0] == 451}
        time.sleep(0.1)
    took = time.monotonic() - start
    assert len(held) == len(pages), f"still served after {took:.1f} s: {set(u for u, _ in pages) - held}"
    # the guarantee of a page of the origin's own (nginx counts a 1-second entry to the second after next)
    assert took <= settings.MICRO_CACHE_SECONDS + 1.2
    for url, host in pages:
        assert TITLE not in get(url, Host=host)[2].decode()
