"""Build the POST data an admin change form would send, from the page itself."""

from html.parser import HTMLParser


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


def page_html(client, url, **params):
    """GET a public page, check it answers 200, return its HTML."""
    response = client.get(url, params)
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
