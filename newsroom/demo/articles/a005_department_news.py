"""部门新闻: three short items written from facts seed 004 reports (dates, figures, names),
so the 部门新闻 column the 玉泉区 portal shows beside every article is not empty.

Kept separate from ``ARTICLES`` (one per source article): these are the office's own short news,
not reprints of a source.
"""

_COMMON = {
    "script": "zh-hans",
    "column": "department",
    "source_name": "玉泉区新闻网",
    "credits": [("责任编辑", "demo-editor")],
}

ITEMS = [
    {
        **_COMMON,
        "slug": "xicaiyuan-joint-party-committee",
        "title": "西菜园街道与乌兰察布市外出务工人员服务中心成立联合党委",
        "summary": "3万余名乌兰察布籍务工人员建档立卡，15类25项服务在家门口办理。",
        "published_at": "2019-12-13 16:30",
        "streets": ["xicaiyuan"],
        "flags": {"is_picture_news": True, "is_slideshow": True},
        "photos": [
            {
                "caption": "乌兰察布市外出务工人员服务中心第一服务点，工作人员为居民查询社保。",
                "alt": "示意图：服务窗口前，工作人员为一位居民查询社保",
                "credit_kind": "photo",
                "credit_person": "zhang-yuxiu",
                "cover": True,
            }
        ],
        "body": """
<p>12月13日，西菜园街道党工委与乌兰察布市外出务工人员服务中心党委挂牌成立联合党委。</p>
<p>乌兰察布市是内蒙古自治区最大的劳务输出地，西菜园街道辖区居住着3万余名乌兰察布籍务工人员。联合党委将为他们建档立卡，就近提供社会保障、培训就业、法律援助、工会福利、妇女维权、助残帮扶、红十字会救助等15类25项服务。</p>
<p>过去，务工人员的社保关系留在原籍，参保、缴费、年检、报销都要回乡办理。联合党委成立后，这些事在家门口就能办。</p>
""",
    },
    {
        **_COMMON,
        "slug": "changhelang-button-brooch-training",
        "title": "长和廊街道“青城布丝瑰行动计划”手工技能培训班开班",
        "summary": "辖区30名妇女成为首批学员，学习15天盘扣胸针制作。",
        "published_at": "2020-07-14 17:20",
        "streets": ["changhelang"],
        "body": """
<p>7月14日，长和廊街道党群活动服务中心与呼和浩特市妇联合办的“青城布丝瑰行动计划”千名妇女手工职业技能培训班开班。</p>
<p>辖区30名妇女成为首批学员，将在街道党群服务中心“暖空间”的暖心坊跟随老师学习盘扣胸针制作，为期15天。</p>
<p>“暖空间”设有舒心坊、暖心坊、亲子坊、巧手坊、绿尚坊和儿童活动区，党员群众可就近参加活动。</p>
""",
    },
    {
        **_COMMON,
        "slug": "quanmin-gongyi-projects",
        "title": "“泉民共益坊”两项公益创意赛收到25个项目申报",
        "summary": "大学生社区公益创意挑战赛和全民公益妙招比赛，入选项目获得指导和小额资金支持。",
        "published_at": "2020-09-01 10:00",
        "communities": ["wanjin"],
        "flags": {"is_headline": True},
        "body": """
<p>玉泉区社会组织便民服务中心介绍，中心“泉民共益坊”开展的大学生社区公益创意挑战赛和全民公益妙招比赛，目前已收到25个项目申报，入选项目将获得指导和小额资金支持。</p>
<p>“泉民共益坊”设在万锦社区。其“智魔方”创意者库推出的垃圾分类知识竞赛棋，棋盘从起点到终点共50步，几乎每一步都融入一个垃圾分类知识点。</p>
""",
    },
]
