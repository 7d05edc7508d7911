"""Compose an article's body with its photos placed after the paragraphs they name."""

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


def compose(body: str, photos) -> tuple[list[Segment], list]:
    """Return the body as segments with photos in place, and the gallery photos.

    A photo with ``body_position`` N goes after block N (0: before the first);
    one past the end goes after the last block; one without a position goes to
    the gallery.
    """
    blocks = split_blocks(body)
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
