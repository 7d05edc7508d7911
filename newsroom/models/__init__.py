"""Newsroom models, one module per concern, re-exported here."""

from .articles import Article, ArticleQuerySet, Photo, TimePrecision
from .bylines import BylineRole, Credit, Placement
from .editorial import AuditEntry, Autosave, EditPresence, PreviewLink, Revision, SensitiveWord
from .imports import ImportedFile
from .library import ImageAsset
from .notifications import Notification, NotificationSettings
from .placements import ArticlePlacement
from .review import ContentChange, ContentEvent
from .site import Column, Membership, Page, Person, Portal, PortalQuerySet, Series, TipChannel, Topic, UpdateClass

__all__ = [
    "Article",
    "ArticlePlacement",
    "ArticleQuerySet",
    "AuditEntry",
    "Autosave",
    "BylineRole",
    "Credit",
    "Column",
    "ContentChange",
    "ContentEvent",
    "EditPresence",
    "ImageAsset",
    "ImportedFile",
    "Membership",
    "Notification",
    "NotificationSettings",
    "Page",
    "Person",
    "Photo",
    "Placement",
    "Portal",
    "PortalQuerySet",
    "PreviewLink",
    "Revision",
    "SensitiveWord",
    "Series",
    "TimePrecision",
    "TipChannel",
    "Topic",
    "UpdateClass",
]
