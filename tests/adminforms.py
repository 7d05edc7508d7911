"""Build the POST data an admin change form would send, from the page itself."""


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
