"""Compose an article's body with its photos placed after the paragraphs they name."""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

VOID_TAGS = {"br", "hr", "img"}


class _BlockSplitter(HTMLParser):
    """Split sanitised HTML into its top-level elements (paragraphs, headings, lists…)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=False)
        self.html, self.depth, self.start, self.blocks = html, 0, None, []
        self.line_offsets = [0]
        for line in html.splitlines(keepends=True):
            self.line_offsets.append(self.line_offsets[-1] + len(line))

    def _offset(self):
        line, column = self.getpos()
        return self.line_offsets[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            self.start = self._offset()
        if tag not in VOID_TAGS:
            self.depth += 1
        elif self.depth == 0:
            self._close(self._offset() + len(self.get_starttag_text()))

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        self.depth -= 1
        if self.depth == 0:
            end = self.html.index(">", self._offset()) + 1
            self._close(end)

    def _close(self, end):
        self.blocks.append(self.html[self.start : end])
        self.start = None

    def split(self):
        self.feed(self.html)
        self.close()
        return self.blocks


def split_blocks(html: str) -> list[str]:
    """Top-level blocks of ``html``; loose text between blocks is dropped."""
    return _BlockSplitter(html or "").split()


@dataclass
class Segment:
    html: str = ""
    photo: object = None


_HEADING = re.compile(r"<(/?)h([2-6])\b", re.IGNORECASE)


def top_headings_at_h2(body: str) -> str:
    """The body's headings moved up so that its highest is an h2, under the page's h1: editors
    (and Word) write 小标题 as h3 or h4, and a page outline that skips a level is an error
    (WCAG 1.3.1, Nu). The look stays: the stylesheet draws body headings alike."""
    levels = [int(level) for _, level in _HEADING.findall(body)]
    shift = min(levels) - 2 if levels else 0
    if shift <= 0:
        return body
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) - shift}", body)


def compose(body: str, photos) -> tuple[list[Segment], list]:
    """Return the body as segments with photos in place, and the gallery photos.

    A photo with ``body_position`` N goes after block N (0: before the first);
    one past the end goes after the last block; one without a position goes to
    the gallery.
    """
    blocks = split_blocks(top_headings_at_h2(body))
    placed, gallery = {}, []
    for photo in photos:
        if photo.body_position is None:
            gallery.append(photo)
        else:
            placed.setdefault(min(photo.body_position, len(blocks)), []).append(photo)
    segments = [Segment(photo=p) for p in placed.get(0, [])]
    for index, block in enumerate(blocks, start=1):
        segments.append(Segment(html=block))
        segments.extend(Segment(photo=p) for p in placed.get(index, []))
    return segments, gallery
