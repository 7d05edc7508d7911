"""One module per source article, in seed order, and the districts' own short news."""

from . import (
    a000_xinwenli,
    a001_zhongnan,
    a002_gongheli,
    a003_minanhuafu,
    a004_yuquan,
    a005_department_news,
    a006_district_news,
)

ARTICLES = [m.ARTICLE for m in (a000_xinwenli, a001_zhongnan, a002_gongheli, a003_minanhuafu, a004_yuquan)]

# The offices' own short news (部门新闻 of 玉泉区, the districts' news), written from facts the
# sources report.
SHORT_NEWS = [*a005_department_news.ITEMS, *a006_district_news.ITEMS]
