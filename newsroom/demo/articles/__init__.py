"""One module per source article, in seed order."""

from . import a000_xinwenli, a001_zhongnan, a002_gongheli, a003_minanhuafu, a004_yuquan, a005_department_news

ARTICLES = [m.ARTICLE for m in (a000_xinwenli, a001_zhongnan, a002_gongheli, a003_minanhuafu, a004_yuquan)]

# The office's own short news (部门新闻), written from facts the sources report.
SHORT_NEWS = a005_department_news.ITEMS
