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
            {"kind": "摄", "who": "张聿修"},
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
    table = document.add_table(rows=2, cols=2)
    for column, (colour, caption) in enumerate(
        [((120, 120, 40), "改造后的恒昌小区。受访者供图"), ((40, 40, 160), "居民在健身广场锻炼（资料图片）")]
    ):
        table.cell(0, column).paragraphs[0].add_run().add_picture(_jpeg(colour), width=Cm(7))
        table.cell(1, column).text = caption
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


def documents():
    return [three_photos(), photo_table()]
