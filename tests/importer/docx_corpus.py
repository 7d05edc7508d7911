"""Word manuscripts as district editors receive them, built with python-docx: a title, a byline
line, paragraphs, photos (inline, and inside a table cell as WPS lays out photo pages) each with
its caption under it, and the editor's line. Returns (name, bytes, expected fields)."""

import io

from docx import Document
from docx.shared import Cm
from PIL import Image


def _jpeg(colour, size=(800, 500)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", quality=80)
    buffer.seek(0)
    return buffer


def _bytes(document):
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _photo_table(document, cells):
    """WPS photo pages: a photo in each cell of the first row, its caption in the cell below."""
    table = document.add_table(rows=2, cols=len(cells))
    for column, (colour, caption) in enumerate(cells):
        table.cell(0, column).paragraphs[0].add_run().add_picture(_jpeg(colour), width=Cm(7))
        table.cell(1, column).text = caption


def _photo(document, colour):
    document.add_picture(_jpeg(colour), width=Cm(12))


def _bold(document, text):
    document.add_paragraph().add_run(text).bold = True


def three_photos():
    document = Document()
    title = document.add_paragraph()
    title.add_run("万锦社区开办“四点半课堂” 放学后的孩子有了去处").bold = True
    document.add_paragraph("记者 张聿修 万锦社区通讯员 王丽")
    document.add_paragraph(
        "本报讯 兴隆巷街道万锦社区党委近日在社区党群服务中心开办“四点半课堂”，"
        "每周一至周五下午为辖区小学生提供作业辅导和兴趣活动。"
    )
    document.add_picture(_jpeg((200, 80, 60)), width=Cm(12))
    document.add_paragraph("志愿者辅导孩子们写作业。张聿修 摄")
    document.add_paragraph("课堂由社区党员、退休教师和大学生志愿者轮流值守，目前已有42名孩子报名。")
    heading = document.add_paragraph()
    heading.add_run("家长下班不再着急").bold = True
    document.add_paragraph("“以前四点半放学，我六点才下班，孩子只能在校门口等。”家长李女士说。")
    document.add_picture(_jpeg((60, 120, 200)), width=Cm(12))
    document.add_paragraph("孩子们在课堂上做手工。记者 张聿修 摄")
    document.add_paragraph("社区还联系辖区图书馆，每月送来新书200册。")
    document.add_picture(_jpeg((90, 160, 90)), width=Cm(12))
    document.add_paragraph("社区图书角。万锦社区供图")
    document.add_paragraph("（责任编辑：王晋南）")
    truth = {
        "title": "万锦社区开办“四点半课堂” 放学后的孩子有了去处",
        "publish_time": None,
        "column": None,
        "breadcrumb": [],
        "source": None,
        "reprint_from": None,
        "original_url": None,
        "dateline": "本报讯",
        "bylines": [
            {"role": "记者", "name": "张聿修", "org": ""},
            {"role": "通讯员", "name": "王丽", "org": "万锦社区"},
            {"role": "责任编辑", "name": "王晋南", "org": ""},
        ],
        "photo_credits": [
            {"kind": "摄", "who": "张聿修"},
            {"kind": "摄", "who": "张聿修", "role": "记者"},
            {"kind": "供图", "who": "万锦社区"},
        ],
        "communities": ["万锦社区"],
    }
    return "wps-three-photos", _bytes(document), truth


def photo_table():
    """WPS photo pages: each photo in a table cell, its caption in the cell below."""
    document = Document()
    document.add_paragraph("恒昌社区老旧小区改造完工")
    document.add_paragraph(
        "玉泉区融媒体中心讯（记者 张聿修）日前，小召前街道恒昌社区老旧小区改造全部完工，"
        "15排平房拆除后建成了停车场和健身广场。"
    )
    _photo_table(
        document, [((120, 120, 40), "改造后的恒昌小区。受访者供图"), ((40, 40, 160), "居民在健身广场锻炼（资料图片）")]
    )
    document.add_paragraph("恒昌社区书记张华说，改造中社区召开居民议事会11次，收集意见300余条。")
    document.add_paragraph("编辑：赵敏 审校：孙磊 责任编辑：王晋南")
    truth = {
        "title": "恒昌社区老旧小区改造完工",
        "publish_time": None,
        "column": None,
        "breadcrumb": [],
        "source": None,
        "reprint_from": None,
        "original_url": None,
        "dateline": "玉泉区融媒体中心讯",
        "bylines": [
            {"role": "记者", "name": "张聿修", "org": ""},
            {"role": "编辑", "name": "赵敏", "org": ""},
            {"role": "审校", "name": "孙磊", "org": ""},
            {"role": "责任编辑", "name": "王晋南", "org": ""},
        ],
        "photo_credits": [{"kind": "受访者供图", "who": ""}, {"kind": "资料图片", "who": ""}],
        "communities": ["恒昌社区"],
    }
    return "wps-photo-table", _bytes(document), truth


def subtitle_and_headings():
    """A 副题 under the title, 小标题 in bold, a photo under each and two in a WPS table."""
    document = Document()
    _bold(document, "“三社联动”激活社区治理末梢")
    _bold(document, "——五华区丰宁街道探索社区治理新路径")
    document.add_paragraph("记者 李娜 通讯员 周红")
    document.add_paragraph("本报讯 今年以来，丰宁街道推动社区、社会组织、社会工作者“三社联动”，把服务送到居民身边。")
    _bold(document, "社工进驻 服务有了专业队伍")
    _photo(document, (200, 90, 40))
    document.add_paragraph("社工为居民讲解防诈骗知识。 记者 李娜 摄")
    document.add_paragraph("街道引进两家社工机构，12名专业社工常驻龙翔社区、学府社区。")
    document.add_paragraph("社工每周入户走访独居老人，建立服务台账。")
    _bold(document, "组织孵化 居民成了主角")
    document.add_paragraph("街道孵化社区社会组织27个，舞蹈队、调解队、护河队活跃在各个小区。")
    _photo_table(
        document,
        [
            ((60, 60, 180), "居民调解队在调解邻里纠纷。（通讯员 周红 摄）"),
            ((40, 160, 80), "护河队在巡河。学府社区供图"),
        ],
    )
    document.add_paragraph("下一步，街道将把“三社联动”推广到全部社区。")
    document.add_paragraph("◆编辑：王敏")
    document.add_paragraph("◆二审：李强")
    document.add_paragraph("◆三审：赵刚")
    truth = {
        "title": "“三社联动”激活社区治理末梢",
        "subtitle": "——五华区丰宁街道探索社区治理新路径",
        "dateline": "本报讯",
        "bylines": [
            {"role": "记者", "name": "李娜", "org": ""},
            {"role": "通讯员", "name": "周红", "org": ""},
            {"role": "编辑", "name": "王敏", "org": ""},
            {"role": "二审", "name": "李强", "org": ""},
            {"role": "三审", "name": "赵刚", "org": ""},
        ],
        "photo_credits": [
            {"kind": "摄", "who": "李娜", "role": "记者"},
            {"kind": "摄", "who": "周红", "role": "通讯员"},
            {"kind": "供图", "who": "学府社区", "role": ""},
        ],
        # Blocks of the body before each photo: dateline paragraph, heading (2); then 2 more
        # paragraphs, a heading and a paragraph (6) before the table's two photos.
        "photo_after": [2, 6, 6],
        "communities": ["龙翔社区", "学府社区"],
    }
    return "wps-subtitle-headings", _bytes(document), truth


def documents():
    return [three_photos(), photo_table(), subtitle_and_headings()]


def kicker_title_subtitle():
    """Set aside: 引题, title and 副题 as Word headings, photos under 小标题, colon bylines last."""
    document = Document()
    document.add_heading("党建引领 共建共享", level=3)
    document.add_heading("官渡区关上街道：老旧小区“蝶变”记", level=1)
    document.add_heading("——12个小区改造完工 惠及居民3000余户", level=2)
    document.add_paragraph("今年以来，关上街道对辖区12个老旧小区实施改造，3000余户居民受益。")
    document.add_heading("先问需 再动工", level=3)
    document.add_paragraph("改造前，中心社区召开居民议事会21场，收集意见400余条。")
    _photo(document, (150, 60, 60))
    document.add_paragraph("居民在议事会上讨论改造方案。 通讯员 马丽 摄")
    document.add_heading("改得好 管得住", level=3)
    document.add_paragraph("改造完成后，小区引入物业服务，成立业主委员会。")
    document.add_paragraph("居民刘阿姨说，小区变干净了，晚上散步也有了灯光。")
    _photo(document, (60, 150, 60))
    document.add_paragraph("改造后的小区环境整洁。（关上街道供图）")
    document.add_paragraph("记者:孙雪 通讯员:马丽")
    document.add_paragraph("责任编辑：陈阳")
    truth = {
        "title": "官渡区关上街道：老旧小区“蝶变”记",
        "subtitle": "——12个小区改造完工 惠及居民3000余户",
        "bylines": [
            {"role": "记者", "name": "孙雪", "org": ""},
            {"role": "通讯员", "name": "马丽", "org": ""},
            {"role": "责任编辑", "name": "陈阳", "org": ""},
        ],
        "photo_credits": [
            {"kind": "摄", "who": "马丽", "role": "通讯员"},
            {"kind": "供图", "who": "关上街道", "role": ""},
        ],
        "photo_after": [3, 6],
        "communities": ["中心社区"],
    }
    return "docx-kicker-subtitle", _bytes(document), truth


def traditional_table():
    """Set aside: a Traditional manuscript with its photos in a table and bracketed credits."""
    document = Document()
    document.add_paragraph("翠湖社區：「銀齡課堂」開課了")
    document.add_paragraph("記者 陳曉 通訊員 王麗")
    document.add_paragraph("本報訊 9月2日，華山街道翠湖社區「銀齡課堂」秋季班開課，60多位老人報名學習智能手機和書法。")
    _photo_table(
        document,
        [((90, 90, 30), "老人學習使用智能手機。（通訊員 王麗 攝）"), ((30, 90, 90), "書法班上課現場。翠湖社區供圖")],
    )
    document.add_paragraph("翠湖社區黨委書記王麗說，課堂每週開課三次，全部免費。")
    document.add_paragraph("（責任編輯：何川）")
    truth = {
        "title": "翠湖社區：「銀齡課堂」開課了",
        "dateline": "本報訊",
        "bylines": [
            {"role": "记者", "name": "陳曉", "org": ""},
            {"role": "通讯员", "name": "王麗", "org": ""},
            {"role": "责任编辑", "name": "何川", "org": ""},
        ],
        "photo_credits": [
            {"kind": "摄", "who": "王麗", "role": "通訊員"},
            {"kind": "供图", "who": "翠湖社區", "role": ""},
        ],
        "photo_after": [1, 1],
        "communities": ["翠湖社區"],
    }
    return "docx-traditional-table", _bytes(document), truth


def headings_and_slash_credits():
    """Set aside (second batch): 小标题 as Word headings, photos between them, 文/图 credits."""
    document = Document()
    document.add_heading("小院议事 议出和美新村", level=1)
    document.add_paragraph("文/刘敏 图/周强")
    document.add_paragraph("初冬时节，走进嵩明县杨林镇大龙潭村，村道干净整洁，房前屋后种满了花草。")
    document.add_heading("院坝会上定规矩", level=2)
    document.add_paragraph("村里每月在农户院坝里开一次议事会，村规民约就是在院坝会上一条条定下来的。")
    _photo(document, (120, 80, 160))
    document.add_paragraph("村民在院坝议事会上发言。图/周强")
    document.add_heading("积分兑出好风气", level=2)
    document.add_paragraph("大龙潭村党总支书记李华说，村里推行积分制，村民参与环境整治就能积分兑换生活用品。")
    document.add_paragraph("今年以来，全村参与积分的农户有380户。")
    _photo(document, (60, 140, 120))
    document.add_paragraph("村民在积分超市兑换物品。图/周强")
    document.add_paragraph("责任编辑：马婷")
    truth = {
        "title": "小院议事 议出和美新村",
        "bylines": [
            {"role": "作者", "name": "刘敏", "org": ""},
            {"role": "摄影", "name": "周强", "org": ""},
            {"role": "责任编辑", "name": "马婷", "org": ""},
        ],
        "photo_credits": [{"kind": "摄", "who": "周强", "role": ""}, {"kind": "摄", "who": "周强", "role": ""}],
        "photo_after": [3, 6],
        "communities": ["大龙潭村"],
    }
    return "docx-headings-slash-credits", _bytes(document), truth


def aside_documents():
    """Word files kept aside: the importer is never tuned on them (tests/importer/score.py)."""
    return [kicker_title_subtitle(), traditional_table(), headings_and_slash_credits()]
