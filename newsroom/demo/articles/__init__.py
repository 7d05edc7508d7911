"""One module per source article, in seed order."""

from . import a000_xinwenli, a001_zhongnan, a002_gongheli, a003_minanhuafu, a004_yuquan

ARTICLES = [m.ARTICLE for m in (a000_xinwenli, a001_zhongnan, a002_gongheli, a003_minanhuafu, a004_yuquan)]
