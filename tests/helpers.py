"""What tests share besides fixtures: users in a role, drafts ready for review, small JPEGs,
and the POST data an admin form would send (read from the page itself). Fixtures stay in
conftest.py; tests import these from here."""

import io
import os
from html.parser import HTMLParser

from django.contrib.auth.models import User
from PIL import Image

#: The Redis the tests use (the cache, buffered view counts, production mode): database 15 of
#: the machine's Redis unless TEST_REDIS_URL names another, so a developer's database 0 is left
#: alone; each test keeps its keys under a prefix of its own.
TEST_REDIS_URL = os.getenv("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def user_in(group, username, portal=None):
    """A staff member holding the role ``group`` in ``portal`` (the default portal if not given)."""
    from newsroom.models import Membership, Portal

    user = User.objects.create_user(username, password="pw", is_staff=True, first_name=username)
    Membership.objects.give(user, portal or Portal.objects.default(), group)
    return user


def draft_of(slug, user):
    """A new version of a live demo article, ready to edit in the admin."""
    from newsroom import workflow
    from newsroom.models import Article

    return workflow.new_version(Article.objects.get(slug=slug), user)


def jpeg_bytes(size=(64, 48), colour=(200, 30, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


def new_draft(user, **fields):
    """A draft article ready for review: credited photo, 责任编辑, plain text."""
    from django.core.files.base import ContentFile

    from newsroom.models import Article, BylineRole, Column, Credit, Person, Photo

    values = {
        "title": "中南社区开展邻里节活动",
        "column": Column.objects.get(slug="party-news"),
        "summary": "居民在同心广场欢度邻里节。",
        "body": "<p>中南社区在同心广场举办邻里节。</p><p>居民带来自家做的菜。</p>",
        "created_by": user,
        **fields,
    }
    article = Article.objects.create(**values)
    Credit.objects.create(
        article=article,
        role=BylineRole.objects.get(portal=article.column.portal, name="责任编辑"),
        person=Person.objects.get(name="刘思远"),
    )
    photo = Photo(
        article=article,
        caption="邻里节现场",
        alt_text="居民在广场上聚餐",
        credit_kind="provided",
        credit_organisation="中南社区",
        body_position=1,
    )
    photo.image.save("festival.jpg", ContentFile(jpeg_bytes()), save=False)
    photo.save()
    return article


def publish_new_title(slug, title, roles):
    """A live article's new version with another title, through review and publishing."""
    from newsroom import workflow
    from newsroom.models import Article

    draft = workflow.new_version(Article.objects.get(slug=slug), roles["editor"])
    draft.title = title
    draft.save()
    workflow.submit(draft, roles["editor"])
    for role in ("first", "second", "chief"):
        workflow.approve(draft, roles[role])
    workflow.publish(Article.objects.get(pk=draft.pk), roles["chief"])


# --- admin forms, as the browser would send them ---------------------------------------------


def _field_value(bound_field):
    value = bound_field.value()
    widget = bound_field.field.widget
    if getattr(widget, "input_type", None) == "file":
        return None
    if isinstance(value, bool) or getattr(widget, "input_type", None) == "checkbox":
        return "on" if value else None
    if value is None:
        multiple = getattr(widget, "allow_multiple_selected", False) or getattr(
            getattr(widget, "widget", None), "allow_multiple_selected", False
        )
        return None if multiple else ""
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return str(value)


def _add_form(data, form):
    for bound_field in form:
        value = _field_value(bound_field)
        if value is not None:
            data[bound_field.html_name] = value


def admin_form_data(response):
    """The admin page's current values, ready to post back with changes."""
    data = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[f"{formset.prefix}-{name}"] = str(management[name].value())
        for form in formset.forms:
            _add_form(data, form)
    return data


def page_html(client, url, host=None, **params):
    """GET a public page (of the portal at ``host``: "wuhou" is wuhou.localhost; the default
    portal without), check it answers 200, return its HTML."""
    response = client.get(url, params, **({"HTTP_HOST": f"{host}.localhost"} if host else {}))
    assert response.status_code == 200, url
    return response.content.decode()


def admin_login(client, username, password):
    """Log in through the admin's login form, as an editor does (django-axes watches it)."""
    response = client.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"})
    return response.status_code == 302


class _FormParser(HTMLParser):
    """What a browser without JavaScript submits from one <form>: named inputs (checked boxes
    only, no files or buttons), each <select>'s selected option, each <textarea>'s text."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.data = form_id, False, {}
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type", "text") not in ("file", "submit", "button", "image"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data[name] = attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")
        elif tag == "select" and name:
            self.select, self.first = name, None
        elif tag == "option" and self.select:
            value = attrs.get("value", "")
            if self.first is None:
                self.first = value
                self.data.setdefault(self.select, value)
            if "selected" in attrs:
                self.data[self.select] = value
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.data[self.textarea] = self.data[self.textarea].removeprefix("\n")  # as browsers read it
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] += data


def html_form_data(html, form_id="article_form"):
    """The POST data of the page's form as its HTML would send it (unlike admin_form_data, which
    reads the form objects, this proves every value is in the page)."""
    parser = _FormParser(form_id)
    parser.feed(html)
    return parser.data
