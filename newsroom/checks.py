"""Checks before publishing (先审后发): what must be fixed, and what only deserves a warning."""

from dataclasses import dataclass, field

from django.utils.html import strip_tags

from config.chinese import matchable

from .models import SensitiveWord

CONTEXT = 12


@dataclass
class Hit:
    word: str
    suggestion: str
    severity: str
    where: str
    context: str

    def __str__(self):
        advice = f"，建议改为“{self.suggestion}”" if self.suggestion else ""
        return f"{self.where}中出现“{self.word}”{advice}:…{self.context}…"


@dataclass
class Report:
    blocking: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.blocking


def texts(article):
    """(where, plain text) pairs scanned for 错敏词: every text of the article a reader can see."""
    yield "标题", article.title
    yield "副题", article.subtitle
    yield "引题", article.kicker
    yield "摘要", article.summary
    yield "编者按", article.editors_note
    yield "电头", article.dateline
    yield "正文", strip_tags(article.body)
    yield "来源", article.source_name
    yield "原标题", article.original_title
    yield "原作者", article.original_author
    for index, photo in enumerate(article.photos.all(), start=1):
        yield f"第{index}张图片说明", photo.caption
        yield f"第{index}张图片替代文字", photo.alt_text
        yield f"第{index}张图片署名", f"{photo.credit_organisation}{photo.credit_role}"


def scan(texts, words):
    """Hits of ``words`` in ``texts`` ((where, text) pairs), both compared as ``matchable``
    text, so Traditional script, zero-width and control characters and spacing hide nothing.
    The context is shown in that form too."""
    hits = []
    needles = [(word, matchable(word.word)) for word in words]
    for where, text in texts:
        text = matchable(text)
        if not text:
            continue
        for word, needle in needles:
            start = text.find(needle) if needle else -1
            while start >= 0:
                context = text[max(0, start - CONTEXT): start + len(needle) + CONTEXT]
                hits.append(Hit(word.word, word.suggestion, word.severity, where, context))
                start = text.find(needle, start + len(needle))
    return hits


def prepublish(article):
    """Everything that stands between ``article`` and publication."""
    report = Report()
    for index, photo in enumerate(article.photos.select_related("credit_person"), start=1):
        if not photo.credit_kind:
            report.blocking.append(f"第{index}张图片没有署名。")
        if not photo.alt_text.strip():
            report.blocking.append(f"第{index}张图片没有替代文字(供读屏软件朗读)。")
        if photo.credit_kind == "photo" and not photo.credit_person_id:
            report.blocking.append(f"第{index}张图片署名为“摄”，但没有拍摄者。")
    if article.is_reprint:
        for name, label in (("source_name", "来源"), ("original_author", "原作者"), ("original_title", "原标题"),
                            ("original_url", "原文链接")):
            if not getattr(article, name):
                report.blocking.append(f"转载文章缺少{label}。")
    if not article.editors_in_charge.exists():
        report.blocking.append("至少需要一位责任编辑。")
    words = list(SensitiveWord.objects.filter(portal_id=article.column.portal_id))
    for hit in scan(texts(article), words):
        (report.blocking if hit.severity == SensitiveWord.Severity.BLOCK else report.warnings).append(str(hit))
    return report
