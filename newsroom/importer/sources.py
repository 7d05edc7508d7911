"""Reading what editors receive into one shape: a list of blocks (paragraphs, headings, images)
in page order. ``.docx`` (Word or WPS) goes through mammoth, saved pages through lxml (with
readability-lxml marking where the article's body is), text as copied from a browser line by
line; old ``.doc``/``.wps`` through LibreOffice when it is installed.

Every refusal is an ``ImportRefused`` with a message for the editor; nothing here writes to the
database.
"""

import base64
import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

MAX_BYTES = 20 * 1024 * 1024
MAX_IMAGES = 60
# What a .docx may unpack to, read from the zip's directory before any part is read (Python's
# zipfile never inflates a part past its declared size): a 33 KB "zip bomb" held a worker for
# 30 s and a 98 KB one took 2.2 GB. A long article's text and styles are a few MB of XML.
MAX_XML_BYTES = 20 * 1024 * 1024
MAX_PART_BYTES = 25 * 1024 * 1024
MAX_UNPACKED_BYTES = 150 * 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc/.wps, or an encrypted .docx


class ImportRefused(ValueError):
    """The file cannot be imported; the message says why, in the editor's words."""


@dataclass
class Block:
    kind: str  # "p", "h" (a sub-heading) or "img"
    text: str = ""
    image: bytes | None = None
    image_type: str = ""
    in_body: bool = True  # False: outside the part readability took for the article
    level: int = 0  # a heading's level (h1 → 1); 0 for a bold paragraph or a plain one


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)
    kind: str = "text"  # "docx", "html" or "text"


SKIP = {"script", "style", "noscript", "iframe", "form", "select", "option", "button", "svg", "template", "head"}
BLOCK = {
    "p", "div", "section", "article", "header", "footer", "aside", "nav", "main", "h1", "h2", "h3", "h4", "h5", "h6",
    "li", "ul", "ol", "dl", "dt", "dd", "table", "tbody", "thead", "tr", "td", "th", "caption", "figure",
    "figcaption", "blockquote", "pre", "center", "address", "br", "hr",
}  # fmt: skip
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")


def _clean(text):
    return SPACES.sub(" ", text or "").strip()


def read(name, data):
    """The blocks of an uploaded file (``name`` tells its type) or of pasted text."""
    if not data or not data.strip():
        raise ImportRefused(_("文件是空的，没有可以导入的内容。"))
    if len(data) > MAX_BYTES:
        raise ImportRefused(
            _("文件太大（%(size)s MB）：最多 %(max)s MB。请压缩图片后再导入。")
            % {"size": round(len(data) / 1024 / 1024, 1), "max": MAX_BYTES // 1024 // 1024}
        )
    suffix = Path(name or "").suffix.lower()
    if suffix in (".doc", ".wps"):
        return read_docx(convert_with_libreoffice(name, data))
    if data[:8] == OLE_MAGIC:  # an encrypted .docx is an OLE file too
        raise ImportRefused(_("这是加密的或旧版（.doc/.wps）的文件：请在 Word/WPS 中取消密码，另存为 .docx 后再导入。"))
    if suffix in (".docx", ".docm", ".wpsx") or data[:2] == b"PK":
        return read_docx(data)
    text = _decode(data)
    if suffix in (".html", ".htm") or re.search(r"<(html|body|p|div)[\s>]", text[:5000], re.I):
        return read_html(text)
    return read_text(text)


def _decode(data):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRefused(_("无法识别文件的文字编码：请另存为 UTF-8 或直接粘贴文字。"))


def read_text(text):
    lines = (_clean(line) for line in text.splitlines())
    return Document([Block("p", line) for line in lines if line], kind="text")


# --- .docx -------------------------------------------------------------------------------------


def _check_docx(data):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        _check_unpacked_size(archive.infolist())
        names = archive.namelist()
        if "word/document.xml" not in names:
            raise ImportRefused(_("这不是有效的 Word 文档（.docx）：文件可能已损坏。"))
        if any(n.lower().endswith("vbaproject.bin") for n in names):
            raise ImportRefused(_("文档含有宏（VBA），为安全起见不导入：请另存为不含宏的 .docx。"))
        rels = " ".join(archive.read(n).decode("utf-8", "replace") for n in names if n.endswith(".rels"))
        external = re.findall(r'<Relationship[^>]*TargetMode="External"[^>]*>', rels)
        if any(re.search(r"/(image|oleObject|attachedTemplate|subDocument|frame)\"", r) for r in external):
            raise ImportRefused(
                _("文档引用了外部文件（链接的图片、模板或对象），为安全起见不导入：请把图片嵌入文档后另存。")
            )
        images = [n for n in names if n.startswith("word/media/")]
        if len(images) > MAX_IMAGES:
            raise ImportRefused(
                _("文档有 %(count)s 张图片，一次最多导入 %(max)s 张：请拆分后导入。")
                % {"count": len(images), "max": MAX_IMAGES}
            )
    except zipfile.BadZipFile:
        raise ImportRefused(_("这不是有效的 Word 文档（.docx）：文件可能已损坏。")) from None


def _check_unpacked_size(parts):
    xml = sum(p.file_size for p in parts if not p.filename.startswith("word/media/"))
    if (
        xml > MAX_XML_BYTES
        or any(p.file_size > MAX_PART_BYTES for p in parts)
        or sum(p.file_size for p in parts) > MAX_UNPACKED_BYTES
    ):
        raise ImportRefused(
            _("文档解压后过大（%(size)s MB），不像一篇稿件：请检查文件，或另存为新的 .docx 后再导入。")
            % {"size": round(sum(p.file_size for p in parts) / 1024 / 1024)}
        )


def read_docx(data):
    import mammoth

    _check_docx(data)
    try:
        result = mammoth.convert_to_html(io.BytesIO(data))
    except Exception:  # mammoth raises many kinds on damaged files
        raise ImportRefused(_("无法读取这个 Word 文档：文件可能已损坏。")) from None
    document = read_html(f"<html><body>{result.value}</body></html>", locate_body=False)
    document.kind = "docx"
    return document


def convert_with_libreoffice(name, data):
    """Old Word/WPS files, converted to .docx by LibreOffice when it is installed."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office:
        raise ImportRefused(
            _("暂不支持旧版 .doc/.wps 文件（本机未安装 LibreOffice）：请在 Word/WPS 中另存为 .docx 后再导入。")
        )
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"import{Path(name).suffix.lower()}"
        source.write_bytes(data)
        try:
            subprocess.run(
                [office, "--headless", "--convert-to", "docx", "--outdir", folder, str(source)],
                check=True,
                capture_output=True,
                timeout=120,
            )
            return (Path(folder) / "import.docx").read_bytes()
        except (subprocess.SubprocessError, OSError):
            raise ImportRefused(_("LibreOffice 无法转换这个文件：请在 Word/WPS 中另存为 .docx 后再导入。")) from None


# --- HTML --------------------------------------------------------------------------------------


def read_html(text, locate_body=True):
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        raise ImportRefused(_("无法读取这个网页文件。")) from None
    etree.strip_elements(root, etree.Comment, with_tail=False)
    blocks = []
    _walk(root, blocks)
    blocks = [b for b in blocks if b.kind == "img" or b.text]
    if locate_body:
        _mark_body(text, blocks)
    images = sum(1 for b in blocks if b.kind == "img")
    if images > MAX_IMAGES * 4:
        raise ImportRefused(_("网页有 %(count)s 张图片，不像一篇文章：请只保存文章页。") % {"count": images})
    return Document(blocks, kind="html")


def _text_of(element):
    return _clean(" ".join(element.itertext()) if element.tag in ("td", "th") else "".join(element.itertext()))


def _is_heading(element):
    if element.tag in HEADINGS:
        return True
    if element.tag != "p":
        return False
    text = _clean("".join(element.itertext()))
    bold = _clean("".join("".join(b.itertext()) for b in element.iter("strong", "b")))
    return bool(text) and bold == text and len(text) <= 40


def _emit_text(blocks, text):
    text = _clean(text)
    if text:
        if blocks and blocks[-1].kind == "inline":
            blocks[-1].text = _clean(blocks[-1].text + text)
        else:
            blocks.append(Block("inline", text))


def _walk(element, blocks):
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in SKIP:
        return
    if tag == "img":
        _emit_image(element, blocks)
        return
    has_inner_blocks = any(
        isinstance(d.tag, str) and (d.tag in BLOCK or d.tag == "img") for d in element.iterdescendants()
    )
    if tag in BLOCK and not has_inner_blocks:
        if tag not in ("br", "hr"):
            level = int(tag[1]) if tag in HEADINGS else 0
            blocks.append(Block("h" if _is_heading(element) else "p", _text_of(element), level=level))
        _close(blocks)
        return
    if tag in BLOCK:
        _close(blocks)
    _emit_text(blocks, element.text)
    for child in element:
        _walk(child, blocks)
        if isinstance(child.tag, str) and child.tag in BLOCK | {"img"}:
            _close(blocks)
        _emit_text(blocks, child.tail)
    if tag in BLOCK:
        _close(blocks)


def _close(blocks):
    """Loose text between blocks becomes a paragraph of its own."""
    if blocks and blocks[-1].kind == "inline":
        blocks[-1].kind = "p"


def _emit_image(element, blocks):
    _close(blocks)
    source = element.get("src", "")
    image, image_type = None, ""
    match = re.match(r"data:(image/[a-z+.-]+);base64,(.*)", source, re.S)
    if match:
        try:
            image, image_type = base64.b64decode(match.group(2)), match.group(1)
        except ValueError:
            image = None
    blocks.append(Block("img", _clean(element.get("alt", "")), image=image, image_type=image_type))


def _mark_body(text, blocks):
    """Blocks outside the part readability-lxml takes for the article are marked, so sidebars
    and link lists around it are not taken for paragraphs."""
    from readability import Document as Readable

    try:
        summary = Readable(text).summary(html_partial=True)
    except Exception:  # readability gives up on some pages: keep every block
        return
    from lxml import html as lxml_html

    inside = {_clean(t) for t in lxml_html.fromstring(summary or "<div></div>").itertext() if _clean(t)}
    joined = "\n".join(inside)
    marks = [b.kind == "img" or b.text in inside or (len(b.text) > 8 and b.text in joined) for b in blocks]
    if not any(marks):
        return
    first = marks.index(True)
    last = len(marks) - 1 - marks[::-1].index(True)
    for index, block in enumerate(blocks):
        block.in_body = first <= index <= last
