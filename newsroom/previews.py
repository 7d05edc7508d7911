"""Previews in the public layout: for staff (any revision, any working copy) and through a
signed, expiring, revocable link for reviewers without an account. Never indexed, never cached."""

from django.core import signing
from django.http import Http404
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from communities.models import Community

from . import revisions
from .media import grant_preview
from .models import Article, BylineRole, Column, Credit, Person, Photo, PreviewLink, Series, Topic
from .views import ArticleParts, article_page

SALT = "linli.preview-link"


def preview_token(link):
    return signing.dumps(link.pk, salt=SALT)


def _private(response):
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def render_working_copy(request, article, banner):
    article = Article.objects.select_related("column__parent__parent", "series", "column__portal").get(pk=article.pk)
    request.portal = article.column.portal
    request.previewing = True  # the portal's own header and footer, though the URL is the admin's
    return _private(article_page(request, article, ArticleParts.of(article), preview=banner))


def render_revision(request, revision):
    """An unsaved article built from a revision's snapshot, shown like the real page."""
    data = revision.data
    source = revision.source or revision.article
    article = revisions.set_fields(
        Article(
            pk=source.pk,
            slug=source.slug,
            first_published_at=source.first_published_at,
            is_live=False,
            replaces_id=source.replaces_id,
        ),
        data,
    )
    article.column = Column.objects.select_related("parent__parent", "portal").get(pk=article.column_id)
    article.portal = article.column.portal
    article.series = Series.objects.filter(pk=article.series_id).first()
    request.portal = article.column.portal
    request.previewing = True  # the portal's own header and footer, though the URL is the admin's
    related = revisions.relations_of(data)
    photos = [Photo(**{k: v for k, v in p.items() if k != "id"}) for p in revisions.photos_of(data)]
    credits = [Credit(**item) for item in revisions.credits_of(data, article.column.portal_id)]
    people = Person.objects.in_bulk(
        [c.person_id for c in credits if c.person_id] + [p.credit_person_id for p in photos if p.credit_person_id]
    )
    roles = BylineRole.objects.in_bulk([c.role_id for c in credits if c.role_id])
    for photo in photos:
        photo.credit_person = people.get(photo.credit_person_id)
    for credit in credits:
        credit.person, credit.role = people.get(credit.person_id), roles.get(credit.role_id)
    parts = ArticleParts(
        photos,
        credits,
        Topic.objects.filter(pk__in=related["topics"]),
        Community.objects.filter(pk__in=related["communities"]),
    )
    banner = f"修订版本 {timezone.localtime(revision.created_at):%Y-%m-%d %H:%M}"
    return _private(article_page(request, article, parts, preview=banner))


def shared_preview(request, token):
    """/preview/<token>/: the article's current working copy, while the link is valid."""
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        raise Http404("预览链接无效。")
    link = PreviewLink.objects.select_related("article__replaces").filter(pk=pk).first()
    if link is None or not link.is_valid or not link.allows_reading:
        raise Http404("预览链接已失效或已被撤销。")
    return grant_preview(render_working_copy(request, link.article, banner="审核预览链接"), link)
