"""Each district portal's own short news, written from facts its seed reports (figures, names,
places), so a district's home, 最新新闻 and 相关文章 list its own district rather than one story.

The sources give these facts a year or a month, not a publication time: each item is dated by
the demo on a day of that month (or, for facts with no date, the day before the seed's article)
and says no more than the seed does.
"""

ITEMS = [
    {
        "portal": "wuhua",
        "column": "wuhua-community",
        "slug": "wuhua-workers-culture-corridor",
        "title": "篆西巷“工人文化长廊”揭牌 千余幅照片讲述云南工人百年奋斗",
        "summary": "长廊分4个篇章，用1000余幅劳动照片展示云南工人阶级的百年奋斗历程。",
        "published_at": "2021-08-27 16:00",
        "communities": ["xinwenli"],
        "credits": [("责任编辑", "wuhua-editor")],
        "body": """
<p>在云南省总工会支持下，大观街道新闻里社区篆西巷的“工人文化长廊”本月揭牌。长廊分4个篇章，用1000余幅劳动照片展示云南工人阶级百年来的奋斗历程，是全省唯一一条以工人文化为主题的街巷长廊。</p>
<p>长廊旁的职工驿站、职工书屋和心理咨询室同时向辖区职工开放。</p>
""",
    },
    {
        "portal": "wuhua",
        "column": "wuhua-community",
        "slug": "wuhua-chunshang-huajie-phase-two",
        "title": "椿上花街二期建成 12面文化墙讲述南侨机工故事",
        "summary": "街区全长约300米，以“五华同心·同气连枝”为主题，分6个篇章。",
        "published_at": "2021-12-20 10:30",
        "communities": ["xinwenli"],
        "credits": [("责任编辑", "wuhua-editor")],
        "body": """
<p>大观街道新闻里社区“椿上花街”二期改造完成。街区全长约300米，以“五华同心·同气连枝”为主题，分爱国、乡愁、同根、岁月、文化等6个篇章，沿街建成12面文化墙。</p>
<p>一期街区于2018年在新闻南路建成，设有南侨机工历史文化墙、漂流书柜和心愿墙。</p>
""",
    },
    {
        "portal": "wangcheng",
        "column": "wangcheng-community",
        "slug": "wangcheng-zhongnan-volunteer-teams",
        "title": "中南社区17支志愿服务队320人常年服务居民",
        "summary": "高塘岭街道中南社区组建17支志愿服务队，志愿者320人。",
        "published_at": "2022-08-08 09:00",
        "communities": ["zhongnan"],
        "credits": [("责任编辑", "wangcheng-editor")],
        "body": """
<p>高塘岭街道中南社区以“志愿服务助邻”为抓手，组建起17支志愿服务队，登记志愿者320人，在社区同心公园、雷锋驿站等阵地常年开展服务。</p>
<p>社区现有党员77名，约占居民骨干的28%，社区“两委”和网格员共24人。</p>
""",
    },
    {
        "portal": "wuhou",
        "column": "wuhou-community",
        "slug": "wuhou-gongheli-day-care",
        "title": "共和路社区老年人日间照料中心一年服务400余人次",
        "summary": "日间照料中心由社区与成都颐康社会工作服务中心合作运营。",
        "published_at": "2017-04-27 15:40",
        "communities": ["gongheli"],
        "topics": ["wuhou-chengdu"],
        "flags": {"is_recommended": True},
        "credits": [("责任编辑", "gao-wei")],
        "body": """
<p>望江路街道共和路社区老院落多、老年人多。2016年，社区与成都颐康社会工作服务中心合作，建起老年人日间照料中心，一年来累计服务400余人次。</p>
<p>中心设有休闲娱乐区，居民可以在这里下棋、聊天、参加活动。</p>
""",
    },
    {
        "portal": "jiulongpo",
        "column": "jiulongpo-news",
        "slug": "jiulongpo-minan-employment-market",
        "title": "民安华福社区“就业超市”累计举办招聘会280余场",
        "summary": "每月20日赶集日招聘会、每周三专场招聘会，帮助2000余人就业。",
        "published_at": "2022-05-13 17:10",
        "communities": ["minan-huafu"],
        "flags": {"is_recommended": True},
        "credits": [("责任编辑", "jlp-editor")],
        "body": """
<p>华岩镇民安华福社区“就业超市”把线上自选和线下招聘结合起来，每月20日举办赶集日招聘会，每周三举办专场招聘会，累计举办280余场，帮助2000余名居民就业。</p>
<p>社区2021年11月建成重庆市首个更加充分更高质量就业基地（“双更基地”）。</p>
""",
    },
    {
        "portal": "jiulongpo",
        "column": "jiulongpo-news",
        "slug": "jiulongpo-series-launch",
        "title": "喜迎党代会 奋进新征程：本网推出“党员先锋”“基层堡垒”两组系列报道",
        "summary": "走近重庆的先进基层党组织和优秀共产党员，讲述他们干事创业、服务群众的故事。",
        "published_at": "2022-05-16 09:00",
        "flags": {"is_recommended": True},
        "credits": [("责任编辑", "jlp-editor")],
        "body": """
<p>中国共产党重庆市第六次代表大会召开之际，本网推出“党员先锋”“基层堡垒”两组系列报道，走近重庆的先进基层党组织和优秀共产党员。</p>
<p>他们有的在科研一线攻关，有的在社区为居民排忧解难，有的在警务一线守护群众安全。系列报道将陆续刊发。</p>
""",
    },
    {
        "portal": "jiulongpo",
        "column": "jiulongpo-news",
        "slug": "jiulongpo-minan-craft-workshop",
        "title": "“巧手梦工坊”帮800多名宝妈在家门口就业",
        "summary": "引进手工外发企业，宝妈们自选工作时间和地点，计件领取报酬。",
        "published_at": "2022-05-14 10:20",
        "communities": ["minan-huafu"],
        "credits": [("责任编辑", "jlp-editor")],
        "body": """
<p>民安华福社区针对辖区宝妈“就业和照顾家庭难两全”的问题，引进手工外发企业开设“巧手梦工坊”。宝妈们根据自己的情况选择工作时间和地点，计件领取报酬，目前已有800多人在家门口就业。</p>
""",
    },
]

for item in ITEMS:
    item.setdefault("script", "zh-hans")
