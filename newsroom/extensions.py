"""The places where the newsroom's nested apps plug in, so the newsroom never imports them.

The newsroom names what others may add; each nested app (takedowns, comments, inspection,
search) registers its parts from its ``AppConfig.ready()``. An app left out of
``INSTALLED_APPS`` simply adds nothing. What can be registered:

- ``desk_panel(fn)``: ``fn(user)`` returns ``{name: rows}`` for the admin's home page (``{}``
  when the user may not see it); ``templates/admin/index.html`` shows each name it knows.
- ``article_part(part)``: something the public article page shows under ``part.name``: an
  ``exists()`` expression the page's one article query annotates (so an empty part costs no
  query), and ``value(request, article, preview)`` for the template.
- ``article_action(description, run)``: an action on the admin's article list, run per row
  through ``run(article, user)`` with the usual done/refused report.
- ``HOLD_CATEGORIES``: the labels of the legal-hold categories a 451 page names.
- ``demo_step(fn)``: ``fn(portal)`` adds the app's part of the demo once the articles are in.
- ``article_tool(fn)``: links on an article's admin page: ``fn(article, user)`` returns
  ``[(label, url)]`` of what the user may do there now (报送, 站群发布…).
- ``portal_standing(heading, fn)``: a column of the platform's page of portals: ``fn(portal
  ids)`` returns ``{portal id: (text, ok)}``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

DESK_PANELS: list[Callable] = []
ARTICLE_PARTS: list["ArticlePart"] = []
ARTICLE_ACTIONS: list["ArticleAction"] = []
HOLD_CATEGORIES: dict[str, str] = {}
DEMO_STEPS: list[Callable] = []
DEMO_FEATURES: dict[str, Callable] = {}  # name -> fn(portal): what a demo portal switches on
PORTAL_STANDING: list["PortalStanding"] = []
ARTICLE_TOOLS: list[Callable] = []


@dataclass(frozen=True)
class ArticlePart:
    name: str
    value: Callable[[Any, Any, Any], Any]  # (request, article, preview) -> what the template shows
    exists: Callable[[], Any] | None = None  # an expression over the article row (OuterRef("pk"))

    @property
    def flag(self):
        return f"has_{self.name}"


@dataclass(frozen=True)
class ArticleAction:
    name: str
    description: str
    run: Callable  # (article, user) -> None; raises ActionError or PermissionDenied to refuse


@dataclass(frozen=True)
class PortalStanding:
    heading: str
    read: Callable  # (portal ids) -> {portal id: (text, ok)}


def _add(registry, item, key):
    """Register once: a second ``ready()`` (tests reload apps) replaces rather than repeats."""
    registry[:] = [old for old in registry if key(old) != key(item)] + [item]
    return item


def desk_panel(fn):
    return _add(DESK_PANELS, fn, key=lambda f: f"{f.__module__}.{f.__qualname__}")


def article_part(part):
    return _add(ARTICLE_PARTS, part, key=lambda p: p.name)


def article_action(name, description, run):
    return _add(ARTICLE_ACTIONS, ArticleAction(name, description, run), key=lambda a: a.name)


def demo_step(fn):
    return _add(DEMO_STEPS, fn, key=lambda f: f"{f.__module__}.{f.__qualname__}")


def demo_feature(name, fn):
    DEMO_FEATURES[name] = fn
    return fn


def portal_standing(heading, read):
    return _add(PORTAL_STANDING, PortalStanding(heading, read), key=lambda s: s.heading)


def article_tool(fn):
    return _add(ARTICLE_TOOLS, fn, key=lambda f: f"{f.__module__}.{f.__qualname__}")
