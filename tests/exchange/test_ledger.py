"""The ledger's rates: an adoption pays by the level of the portal that adopted it."""

from decimal import Decimal

import pytest
from django.utils import timezone

from newsroom import placements
from newsroom.exchange.demo import TITLE
from newsroom.ledger import figures
from newsroom.models import Article, ArticlePlacement, Column, Portal
from tests.helpers import user_in

pytestmark = pytest.mark.django_db


def test_an_adoption_two_levels_up_pays_the_rate_of_that_level(demo):
    """五华区's rates: 50 元 when 昆明市 (one level up) adopts a story, 100 元 when a province
    portal above 昆明市 does. The demo's story, adopted this month by the province, pays its
    通讯员 100 元 in this month's table (its 昆明市 adoption counted in January 2022)."""
    city = Portal.objects.get(slug="kunming")
    province = Portal.objects.create(
        name="云南省区县新闻汇", short_name="云南省", slug="yunnan", hosts="yunnan.localhost"
    )
    city.parent = province
    city.save()
    column = Column.objects.create(portal=province, slug="yn-counties", name="州市县区")
    story = Article.objects.get(title=TITLE)
    chief = user_in("终审签发", "yn-chief", portal=province)
    placements.quote(story, column, chief, ArticlePlacement.Kind.MIRROR)
    wuhua = Portal.objects.get(slug="wuhua")
    table, totals = figures.people(wuhua, timezone.localdate())
    assert [(r["name"], r["adopted"], r["amount"]) for r in table] == [("周丽", 1, Decimal("100"))]
    assert totals["adopted"] == 1
    january = figures.people(wuhua, timezone.datetime(2022, 1, 1).date())[0]
    by_name = {r["name"]: r for r in january}
    # 通讯员 A 稿 150 + 2 photos × 30 + adopted by 昆明市 (level 1) 50 = 260; 责任编辑 20
    assert (by_name["周丽"]["amount"], by_name["杨晓云"]["amount"]) == (Decimal("260"), Decimal("20"))
