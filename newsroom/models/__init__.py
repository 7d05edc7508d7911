"""Newsroom models, one module per concern, re-exported here."""

from .articles import Article, ArticleQuerySet, Photo
from .review import ContentChange
from .search import SearchDocument
from .site import Column, Page, Person, Portal, PortalQuerySet, Series, TipChannel, Topic
from .workflow import AuditEntry, EditPresence, PreviewLink, Revision, SensitiveWord

# Takedown models live with the rest of the takedown desk; imported here so Django registers them.
from ..takedowns.models import (  # noqa: E402
    CounterNotice, Event, Evidence, Measure, OutboundMail, TakedownRequest, Target,
)

__all__ = [
    "CounterNotice", "Event", "Evidence", "Measure", "OutboundMail", "TakedownRequest", "Target",
    "Article", "ArticleQuerySet", "AuditEntry", "Column", "ContentChange", "EditPresence", "Page", "Person", "Photo",
    "Portal", "PortalQuerySet", "PreviewLink", "Revision", "SearchDocument", "SensitiveWord", "Series", "TipChannel", "Topic",
]
