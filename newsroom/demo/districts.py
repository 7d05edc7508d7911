"""The demo as a platform (站群): the five source districts, each a portal of its own.

玉泉区 (seed 004) is the default portal and carries the demo's articles; the four others are the
districts the other seeds come from, in four other provinces, so the platform has no city above
them: its top level is the directory of its portals (``/sites/``). Their identity holds only
what the seeds say (names, places); licence and record numbers are left empty rather than
invented, and the platform's page of portals (网站群总览) shows them as incomplete. Each
reviews in two steps (初审, 终审). Two of them get a full staff, so a district's editor,
reviewer, chief and site admin can be tried against one another's portals.
"""

DISTRICTS = [
    {
        "portal": {
            "name": "五华区新闻网",
            "short_name": "五华区",
            "slug": "wuhua",
            "hosts": "wuhua.localhost",
            "sponsor": "中共昆明市五华区委宣传部",
            "contact_address": "云南省昆明市五华区",
        },
        "about": "五华区新闻网报道昆明市五华区的党建引领、社区治理和民生服务，"
        "大观街道新闻里社区的南侨机工历史文化纪念馆、椿上花街都在这里。",
    },
    {
        "portal": {
            "name": "望城区新闻网",
            "short_name": "望城区",
            "slug": "wangcheng",
            "hosts": "wangcheng.localhost",
            "sponsor": "中共长沙市望城区委宣传部",
            "contact_address": "湖南省长沙市望城区",
        },
        "about": "望城区新闻网报道长沙市望城区的基层治理与社区服务，其中有高塘岭街道中南社区的“六邻工作法”。",
    },
    {
        "portal": {
            "name": "武侯区新闻网",
            "short_name": "武侯区",
            "slug": "wuhou",
            "hosts": "wuhou.localhost",
            "sponsor": "中共成都市武侯区委宣传部",
            "contact_address": "四川省成都市武侯区",
        },
        "about": "武侯区新闻网报道成都市武侯区的城市基层党建和社区发展。",
    },
    {
        "portal": {
            "name": "九龙坡区新闻网",
            "short_name": "九龙坡区",
            "slug": "jiulongpo",
            "hosts": "jiulongpo.localhost",
            "sponsor": "中共重庆市九龙坡区委宣传部",
            "contact_address": "重庆市九龙坡区",
        },
        "about": "九龙坡区新闻网报道重庆市九龙坡区的基层堡垒建设、公租房社区服务和就业创业。"
        "华岩镇民安华福社区的就业超市、巧手梦工坊都在这里。",
    },
]

# (slug suffix, name, update class): the columns every district portal starts with.
COLUMNS = [
    ("news", "新闻中心", "news"),
    ("party", "党建工作", "news"),
    ("community", "社区动态", "news"),
    ("notices", "通知公告", "notice"),
]

# The platform's own staff: a 站点管理员 of every portal.
PLATFORM_ACCOUNTS = [("platform", "linli-platform-2026", "周平", ["站点管理员"])]

# (portal slug, username, password, display name, roles)
DISTRICT_ACCOUNTS = [
    ("wuhua", "wuhua-editor", "linli-wuhua-editor-2026", "杨晓云", ["编辑"]),
    ("wuhua", "wuhua-first", "linli-wuhua-first-2026", "李春梅", ["初审"]),
    ("wuhua", "wuhua-chief", "linli-wuhua-chief-2026", "段志强", ["终审签发"]),
    ("wuhua", "wuhua-site", "linli-wuhua-site-2026", "普文华", ["站点管理员"]),
    ("jiulongpo", "jlp-editor", "linli-jlp-editor-2026", "陈静", ["编辑"]),
    ("jiulongpo", "jlp-first", "linli-jlp-first-2026", "谭小兵", ["初审"]),
    ("jiulongpo", "jlp-chief", "linli-jlp-chief-2026", "冉丽", ["终审签发"]),
    ("jiulongpo", "jlp-site", "linli-jlp-site-2026", "何建", ["站点管理员"]),
]
