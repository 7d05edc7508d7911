"""Newsroom models, one module per concern, re-exported here."""

from .articles import Article, ArticleQuerySet, Photo
from .editorial import AuditEntry, EditPresence, PreviewLink, Revision, SensitiveWord
from .review import ContentChange
from .site import Column, Page, Person, Portal, PortalQuerySet, Series, TipChannel, Topic

__all__ = [
    "Article",
    "ArticleQuerySet",
    "AuditEntry",
    "Column",
    "ContentChange",
    "EditPresence",
    "Page",
    "Person",
    "Photo",
    "Portal",
    "PortalQuerySet",
    "PreviewLink",
    "Revision",
    "SensitiveWord",
    "Series",
    "TipChannel",
    "Topic",
]
