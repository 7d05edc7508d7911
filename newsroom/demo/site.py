"""The demo portal: identity, columns, topics, series and the people it names.

The identity follows the district portal in seed 004 (玉泉区新闻网 on 内蒙古新闻网):
its hotline, licence numbers and contact window. Its submission e-mail was
obfuscated in the capture, so the demo shows none rather than a made-up one.
"""

PORTAL = {
    "name": "玉泉区新闻网",
    "short_name": "玉泉区",
    "slug": "yuquan",
    "hosts": "yuquan.localhost,localhost,127.0.0.1,testserver",
    "is_default": True,
    "news_hotline": "0471-5103964",
    "submission_email": "",
    "tip_reward_note": "如果您有新闻线索，欢迎向我们报料，一经采纳有费用酬谢。",
    "sponsor": "内蒙古互联网新闻中心",
    "contact_phone": "0471-6659743、6659744",
    "icp_number": "蒙ICP证09003619号",
    "news_licence": "15120180001",
    "av_licence": "0507213",
    "copyright_line": "Copyright © 2005-2026 内蒙古新闻网 All Rights Reserved. 内蒙古互联网新闻中心版权所有，未经书面授权不得转载或镜像。",
    "reprint_disclaimer": (
        "凡本网注明“来源：玉泉区新闻网”的作品，版权均属于本网，未经授权不得转载、摘编或以其它方式使用。"
        "凡本网注明“来源：XXX（非玉泉区新闻网）”的作品，均转载自其它媒体，转载目的在于传递更多信息，"
        "并不代表本网赞同其观点和对其真实性负责。如因作品内容、版权和其它问题需要同本网联系的，请在{days}日内进行。"
        "联系方式：0471-6659743、6659744。"
    ),
    "breadcrumb_label": "您当前的位置",
    "contact_window_days": 30,
}

# The portal's 辖区: the streets of 玉泉区 the seed names.
STREETS = ["changhelang", "xicaiyuan"]

# The portal's own news hotline only: seed 003's WeChat and QQ tip accounts are another outlet's.
TIP_CHANNELS = [
    {"kind": "phone", "value": "0471-5103964"},
]

# (slug, name, parent slug, show in navigation, picture column)
COLUMNS = [
    ("news", "新闻中心", None, True, False),
    ("headlines", "头条新闻", "news", True, False),
    ("department", "部门新闻", "news", True, False),
    ("photos", "图片新闻", "news", True, True),
    ("party", "党建工作", None, True, False),
    ("party-news", "党建新闻", "party", True, False),
    ("government", "政务动态", None, True, False),
    ("community", "民生社区", None, True, False),
    ("community-news", "社区动态", "community", True, False),
    ("culture", "旅游文化", None, True, False),
    ("investment", "招商引资", None, True, False),
    ("about-yuquan", "走进玉泉区", None, True, False),
    ("notices", "通知公告", None, False, False),
]

# The inspection's update classes where the name does not say it (newsroom/inspection/).
COLUMN_UPDATE_CLASSES = {
    "about-yuquan": {"update_class": "exempt", "exempt_reason": "玉泉区概况介绍，内容长期不变。"},
    "culture": {"update_class": "regular"},
    "investment": {"update_class": "regular"},
}

# Listed beside every article, as seed 004 lists its 部门新闻.
SIDEBAR_COLUMNS = ["department"]

TOPICS = [
    {
        "slug": "urban-party-building",
        "title": "城市基层党建在社区",
        "description": "玉泉区各社区党组织以党建引领基层治理的做法与经验。",
    },
]

# key: (name, organisation, role)
PEOPLE = {
    "zhang-yuxiu": ("张聿修", "", "摄影"),
    "wang-jinnan": ("王晋南", "内蒙古新闻网", "责任编辑"),
    "demo-editor": ("刘思远", "玉泉区新闻网", "责任编辑"),
}

PAGES = [
    {
        "slug": "about",
        "title": "关于我们",
        "body": "<p>玉泉区新闻网是呼和浩特市玉泉区的综合性新闻门户，由内蒙古互联网新闻中心主办，"
        "报道玉泉区党建工作、政务动态、民生社区、旅游文化和招商引资等方面的新闻，"
        "并转载各地社区治理与基层党建的优秀报道。</p>",
    },
    {
        "slug": "contact",
        "title": "联系我们",
        "body": "<h2>新闻热线</h2><p>新闻热线：0471-5103964。</p>"
        "<h2>内容与版权问题</h2><p>如对本网作品的内容、版权或其它问题有疑问，请在30日内与本网联系："
        "0471-6659743、6659744。请说明涉及的文章标题和网址、您的联系方式及相关证明材料，我们将在第一时间处理。</p>"
        "<h2>违法和不良信息举报</h2><p>举报电话：0471-6659743。</p>",
    },
    {
        "slug": "copyright",
        "title": "版权声明",
        "body": "<p>凡本网注明“来源：玉泉区新闻网”的作品，版权均属于本网，未经授权不得转载、摘编或以其它方式使用。"
        "已经授权使用的，应在授权范围内使用，并注明“来源：玉泉区新闻网”。</p>"
        "<p>凡本网注明“来源：XXX（非玉泉区新闻网）”的作品，均转载自其它媒体，转载目的在于传递更多信息，"
        "并不代表本网赞同其观点和对其真实性负责。</p>",
    },
    {
        "slug": "privacy",
        "title": "隐私政策",
        "body": "<p>本网不要求读者注册即可阅读全部内容。我们仅在您主动选择时，用浏览器 Cookie 记住“简/繁”和“长者模式”设置，"
        "不用于追踪或广告，也不向第三方提供。本网页面不加载任何第三方脚本、字体或图片。</p>"
        "<p>您通过“联系我们”提供的个人信息仅用于处理您的来信。</p>",
    },
]

# 错敏词: wrong names of state organs and leaders are 严重错别字 in inspections.
# The website inspection's leaders list (name, current title): the people seed 004 names with
# their titles, so a name printed with another's title is flagged (newsroom/inspection/rules.py).
LEADERS = [
    ("杨俊爱", "观音庙社区书记"),
    ("池建业", "第一党支部书记"),
]

SENSITIVE_WORDS = [
    {
        "word": "中国共产党中央委员",
        "suggestion": "中国共产党中央委员会",
        "severity": "warn",
        "note": "机构名称不完整时提醒核对。",
    },
    {
        "word": "国务院办公室",
        "suggestion": "国务院办公厅",
        "severity": "block",
        "note": "国家机关名称错误，属严重错别字。",
    },
    {"word": "内蒙古自治州", "suggestion": "内蒙古自治区", "severity": "block", "note": "行政区划名称错误。"},
    {"word": "最高级", "suggestion": "", "severity": "warn", "note": "绝对化用语，请核实。"},
]
