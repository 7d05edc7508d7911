"""Checks before publishing (先审后发): what must be fixed, and what only deserves a warning."""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from newsroom.core.chinese import matchable

from . import bylines
from .credits import CreditKind
from .models import SensitiveWord

CONTEXT = 12


@dataclass
class Hit:
    word: str
    suggestion: str
    severity: str
    where: str
    context: str
    typed: str = ""  # the word as it stands in the text (Traditional script, full-width…)

    def __str__(self):
        advice = f"，建议改为“{self.suggestion}”" if self.suggestion else ""
        found = self.typed if self.typed and self.typed != self.word else self.word
        listed = f"（错敏词“{self.word}”）" if found != self.word else ""
        return f"{self.where}中出现“{found}”{listed}{advice}：…{self.context}…"


@dataclass
class Report:
    blocking: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.blocking


def texts(article, credits=None, photos=None):
    """(where, plain text) pairs scanned for 错敏词: every text of the article a reader can see.
    ``credits`` and ``photos``, when the caller has them already, save reading them again."""
    yield "标题", article.title
    yield "副题", article.subtitle
    yield "引题", article.kicker
    yield "摘要", article.summary
    yield "编者按", article.editors_note
    yield "电头", article.dateline
    yield "正文", strip_tags(article.body)
    yield "来源", article.source_name
    yield "转自", article.via_name
    yield "原标题", article.original_title
    yield "原作者", article.original_author
    for credit in article.credits.select_related("person") if credits is None else credits:
        yield "署名", f"{credit.organisation}{credit.display_name}"
    for index, photo in enumerate(article.photos.all() if photos is None else photos, start=1):
        yield f"第{index}张图片说明", photo.caption
        yield f"第{index}张图片替代文字", photo.alt_text
        yield f"第{index}张图片署名", f"{photo.credit_organisation}{photo.credit_role}"


def scan(texts, words):
    """Hits of ``words`` in ``texts`` ((where, text) pairs), both compared as ``matchable``
    text, so Traditional script, zero-width and control characters and spacing hide nothing.
    The word and its context are quoted as the editor typed them, so they can be found in the
    field (in the compared form only where a character's normalisation depends on its
    neighbours, which OpenCC's phrase tables rarely do)."""
    hits = []
    needles = [(word, matchable(word.word)) for word in words]
    for where, original in texts:
        text = matchable(original)
        if not text:
            continue
        origin = None
        for word, needle in needles:
            start = text.find(needle) if needle else -1
            while start >= 0:
                if origin is None:
                    origin = _origins(original, len(text))
                end = start + len(needle)
                if origin:
                    first, last = origin[start], origin[end - 1] + 1
                    typed = original[first:last]
                    context = original[max(0, first - CONTEXT) : last + CONTEXT].strip()
                else:
                    typed, context = "", text[max(0, start - CONTEXT) : end + CONTEXT]
                hits.append(Hit(word.word, word.suggestion, word.severity, where, context, typed))
                start = text.find(needle, end)
    return hits


def _origins(original, length):
    """For each character of ``matchable(original)``, its index in ``original``; empty when
    normalising character by character does not give the same length as the whole text."""
    origin = []
    for index, char in enumerate(original):
        origin.extend([index] * len(matchable(char)))
    return origin if len(origin) == length else []


MARK = re.compile(r"<mark\b[^>]*>(.*?)</mark>", re.S)


def marked(article):
    """The texts the editor left highlighted (``<mark>``, kept from a Word/WPS paste), as typed."""
    found = []
    for html in (article.body or "", article.editors_note or ""):
        found += [strip_tags(text).strip()[:30] for text in MARK.findall(html) if strip_tags(text).strip()]
    return found


def _problems(obj):
    """What the model's own rules (``full_clean``: fields and ``clean()``) say is wrong with
    ``obj``, as sentences: the same rules the editor's form applies, checked again at publishing
    (data can arrive by other paths: an import, a restored revision, an older rule)."""
    # Related rows exist (the database's foreign keys see to it): not looked up again, one query
    # per photo or byline each, which would make the change page grow with them.
    related = [f.name for f in obj._meta.fields if f.is_relation]
    # Files are checked by their field's rules without being assigned back: ``full_clean`` sets
    # every field again, and setting an image makes Django reopen the file to read its size
    # (one disk read per photo, on every change page).
    files = [f for f in obj._meta.fields if isinstance(f, models.FileField)]
    messages = []
    try:
        obj.full_clean(exclude=related + [f.name for f in files], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        messages += [str(message) for errors in error.message_dict.values() for message in errors]
    for file_field in files:
        try:
            file_field.clean(getattr(obj, file_field.attname), obj)
        except ValidationError as error:
            messages += [str(message) for message in error.messages]
    return messages


def prepublish(article):
    """Everything that stands between ``article`` and publication: the model rules of the
    article and its photos, plus what only publishing asks for."""
    report = Report()
    report.blocking += _problems(article)
    photos = list(article.photos.select_related("credit_person", "asset"))
    for index, photo in enumerate(photos, start=1):
        report.blocking += [_("第%(n)s张图片：%(problem)s") % {"n": index, "problem": p} for p in _problems(photo)]
        if not photo.alt_text.strip():
            report.blocking.append(_("第%(n)s张图片没有替代文字（供读屏软件朗读）。") % {"n": index})
        if photo.credit_kind == CreditKind.UNCREDITED:
            if article.column.portal.allow_uncredited_photos:
                report.warnings.append(_("第%(n)s张图片未署名。") % {"n": index})
            else:
                report.blocking.append(_("第%(n)s张图片未署名：本网站不允许发布未署名的图片。") % {"n": index})
    credits = list(article.credits.select_related("role", "person", "article__column"))
    for index, credit in enumerate(credits, start=1):
        report.blocking += [_("第%(n)s条署名：%(problem)s") % {"n": index, "problem": p} for p in _problems(credit)]
    if not bylines.editors(credits):
        # 《互联网新闻信息服务管理规定》: the editor's real name is shown.
        report.blocking.append(_("至少需要一位实名的责任编辑或编辑（署名中选择“责任编辑”或“编辑”）。"))
    marks = marked(article)
    if marks:
        report.blocking.append(
            _("正文中有 %(n)s 处高亮标记（%(texts)s）：这是给编辑部的提示，请核实后选中文字点“清除格式”去掉标记。")
            % {
                "n": len(marks),
                "texts": "、".join(f"“{text}”" for text in marks[:3]) + ("等" if len(marks) > 3 else ""),
            }
        )
    if article.is_reprint and not article.original_url:
        report.warnings.append(_("转载文章建议填写原文链接。"))
    words = list(SensitiveWord.objects.inherited(article.column.portal))
    for hit in scan(texts(article, credits, photos), words):
        (report.blocking if hit.severity == SensitiveWord.Severity.BLOCK else report.warnings).append(str(hit))
    return report
