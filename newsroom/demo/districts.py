"""The demo as a platform (站群): five district portals, one per source, each dressed as its source.

玉泉区 (seed 004) is the default portal (newsroom/demo/site.py); the four others are the districts
the other seeds come from, in four other provinces, so the platform has no city above them: its
front page (``localhost``) is the directory of its portals (``/sites/``). Each carries its own
source article in its column, with the settings and the theme (``Portal.theme``) its source's
readers know: the breadcrumb, 责编 form, disclaimer, recommended heading and comments. Their
identity holds only what the seeds say (names, places, disclaimers); licence and record numbers
are left empty rather than invented, and the platform's page of portals (网站群总览) shows them
as incomplete. Each reviews in two steps (初审, 终审). Two of them get a full staff, so a
district's editor, reviewer, chief and site admin can be tried against one another's portals.

A portal's 辖区 (``streets``) decides which communities its 社区 directory lists. Each district
has only the columns its demo content fills: an empty column (空白栏目) is what a website
inspection counts against a portal.
"""

DISTRICTS = [
    {
        # Seed 000: a 云南网 story reprinted on a county portal.
        "portal": {
            "name": "五华区新闻网",
            "short_name": "五华区",
            "slug": "wuhua",
            "hosts": "wuhua.localhost",
            "theme": "county",
            "sponsor": "中共昆明市五华区委宣传部",
            "contact_address": "云南省昆明市五华区",
            "reprint_disclaimer": (
                "凡本网注明“XXX（非五华区新闻网）提供”的作品，均转载自其它媒体，转载目的在于传递更多信息，"
                "并不代表本网赞同其观点和对其真实性负责。如因作品内容、版权和其它问题需要同本网联系的，请在{days}日内进行。"
            ),
        },
        "streets": ["daguan"],
        "columns": [
            ("wuhua-party", "党建工作", None),
            ("wuhua-party-news", "基层党建", "wuhua-party"),
            ("wuhua-community", "社区动态", None),
        ],
        "people": {
            "zhang-cheng": ("张成", "云南网", "记者"),
            "wuhua-editor": ("杨晓云", "五华区新闻网", "责任编辑"),
        },
        "about": "五华区新闻网报道昆明市五华区的党建引领、社区治理和民生服务，"
        "大观街道新闻里社区的南侨机工历史文化纪念馆、椿上花街都在这里。",
    },
    {
        # Seed 001: a 望城区 article with 原文链接 and a [免责声明].
        "portal": {
            "name": "望城区新闻网",
            "short_name": "望城区",
            "slug": "wangcheng",
            "hosts": "wangcheng.localhost",
            "theme": "government",
            "sponsor": "中共长沙市望城区委宣传部",
            "contact_address": "湖南省长沙市望城区",
            "breadcrumb_label": "当前位置",
            "reprint_disclaimer": (
                "[免责声明] 本文来源于网络转载，仅供学习交流使用，不构成商业目的。版权归原作者所有，"
                "如涉及作品内容、版权和其它问题，请在{days}日内与本网联系，我们将在第一时间处理。"
            ),
        },
        "streets": ["gaotangling"],
        "columns": [
            ("wangcheng-party", "党建工作", None),
            ("wangcheng-community", "社区动态", None),
        ],
        "people": {"wangcheng-editor": ("周静", "望城区新闻网", "责任编辑")},
        "about": "望城区新闻网报道长沙市望城区的基层治理与社区服务，其中有高塘岭街道中南社区的“六邻工作法”。",
    },
    {
        # Seed 002: 人民网-中国共产党新闻网's topic channel 走进成都市武侯区, with comments.
        "portal": {
            "name": "武侯区新闻网",
            "short_name": "武侯区",
            "slug": "wuhou",
            "hosts": "wuhou.localhost",
            "theme": "people",
            "sponsor": "中共成都市武侯区委宣传部",
            "contact_address": "四川省成都市武侯区",
            "breadcrumb_style": "topic",
            "byline_end_style": "parentheses",
            "breadcrumb_label": "当前位置",
        },
        "streets": ["wangjianglu"],
        "columns": [
            ("wuhou-party", "地方党建", None),
            ("wuhou-community", "社区动态", None),
        ],
        "topics": [
            {
                "slug": "wuhou-chengdu",
                "title": "走进成都市武侯区",
                "description": "成都市武侯区的基层党建与社区治理。",
            },
            {
                "slug": "local-party-news",
                "title": "地方党建动态",
                "description": "各地基层党组织的做法与经验。",
            },
        ],
        "people": {
            "gao-wei": ("高巍", "人民网", "责任编辑"),
            "qin-hua": ("秦华", "人民网", "责任编辑"),
        },
        "features": ["comments"],
        "about": "武侯区新闻网报道成都市武侯区的城市基层党建和社区发展。",
    },
    {
        # Seed 003: 新重庆客户端 / 华龙网, series 基层堡垒 with its 编者按.
        "portal": {
            "name": "九龙坡区新闻网",
            "short_name": "九龙坡区",
            "slug": "jiulongpo",
            "hosts": "jiulongpo.localhost",
            "theme": "client",
            "sponsor": "中共重庆市九龙坡区委宣传部",
            "contact_address": "重庆市九龙坡区",
            "breadcrumb_label": "当前位置",
            "recommended_heading": "您可能感兴趣的文章",
            "tip_reward_note": "如果您有新闻线索，欢迎向我们报料，一经采纳有费用酬谢。",
        },
        "streets": ["huayan"],
        # The source's own tip accounts (seed 003), as the portal dressed as it shows them.
        "tip_channels": [{"kind": "wechat", "value": "hualongbaoliao"}, {"kind": "qq", "value": "3401582423"}],
        "columns": [
            ("jiulongpo-hot", "热门", None),
            ("jiulongpo-news", "九龙坡新闻", None),
        ],
        "series": [
            {
                "slug": "jiceng-baolei",
                "title": "喜迎党代会 奋进新征程·基层堡垒",
                "short_title": "基层堡垒",
                "editors_note": (
                    "一个支部就是一座堡垒，一名党员就是一面旗帜。无论是在科研一线、社区楼栋还是警务岗位，"
                    "基层党组织和党员都冲在前面，既干事创业，也服务群众。\n"
                    "中国共产党重庆市第六次代表大会召开之际，我们推出“党员先锋”“基层堡垒”两组系列报道，"
                    "走近重庆的先进基层党组织和优秀共产党员，讲述他们的故事。"
                ),
            },
            {
                "slug": "dangyuan-xianfeng",
                "title": "喜迎党代会 奋进新征程·党员先锋",
                "short_title": "党员先锋",
                "editors_note": "",
            },
        ],
        "sister_series": [("jiceng-baolei", "dangyuan-xianfeng")],
        "people": {
            "yi-yongjun": ("伊永军", "新重庆客户端", "记者"),
            "jlp-editor": ("陈静", "九龙坡区新闻网", "责任编辑"),
        },
        "about": "九龙坡区新闻网报道重庆市九龙坡区的基层堡垒建设、公租房社区服务和就业创业。"
        "华岩镇民安华福社区的就业超市、巧手梦工坊都在这里。",
    },
]

# The city above 五华区 (站群's upper level): 五华区 报送s its stories there, and the city's
# desk 采用s them into 区县动态 (newsroom/exchange/demo.py adds that story).
CITY = {
    "portal": {
        "name": "昆明市区县新闻汇",
        "short_name": "昆明市",
        "slug": "kunming",
        "hosts": "kunming.localhost",
        "sponsor": "中共昆明市委宣传部",
        "contact_address": "云南省昆明市",
    },
    "children": ["wuhua"],
    "columns": [("kunming-districts", "区县动态", None)],
    "about": "昆明市区县新闻汇采用各区县新闻网报送的稿件，集中展示昆明市各区县的基层新闻。",
}

# The platform's own staff: a 站点管理员 of every portal.
PLATFORM_ACCOUNTS = [("platform", "linli-platform-2026", "周平", ["站点管理员"])]

# (portal slug, username, password, display name, roles)
DISTRICT_ACCOUNTS = [
    ("wuhua", "wuhua-editor", "linli-wuhua-editor-2026", "杨晓云", ["编辑"]),
    ("wuhua", "wuhua-first", "linli-wuhua-first-2026", "李春梅", ["初审"]),
    ("wuhua", "wuhua-chief", "linli-wuhua-chief-2026", "段志强", ["终审签发"]),
    ("wuhua", "wuhua-site", "linli-wuhua-site-2026", "普文华", ["站点管理员"]),
    ("kunming", "kunming-chief", "linli-kunming-chief-2026", "赵明远", ["终审签发"]),
    ("jiulongpo", "jlp-editor", "linli-jlp-editor-2026", "陈静", ["编辑"]),
    ("jiulongpo", "jlp-first", "linli-jlp-first-2026", "谭小兵", ["初审"]),
    ("jiulongpo", "jlp-chief", "linli-jlp-chief-2026", "冉丽", ["终审签发"]),
    ("jiulongpo", "jlp-site", "linli-jlp-site-2026", "何建", ["站点管理员"]),
]
