"""Every admin page type at a laptop's (1280 px) and a tablet's (768 px) width, as the site
administrator (who reaches the most of them): no page wider than the window, and
no two controls on top of each other. Each registered model's list, add page and the change page
of its first row, and the newsroom's own pages (desk, import, batch upload, revisions, 网站群总览,
a staff member's 所属网站与角色)."""

from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import NoReverseMatch, reverse

from tests.browser.conftest import login, screenshot

# Controls whose boxes cross one another by more than a few pixels; a control inside another
# (a checkbox in its label) or one drawn over a hidden original (select2) is not an overlap.
OVERLAPS = """() => {
  const floating = e => { for (let x = e; x && x !== document.body; x = x.parentElement) {
      const p = getComputedStyle(x).position; if (p === 'sticky' || p === 'fixed') return true; } return false; };
  const visible = e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
    return r.width > 2 && r.height > 2 && s.visibility !== 'hidden' && s.opacity !== '0' && e.offsetParent !== null
      && !e.closest('.select2-hidden-accessible, .empty-form, [hidden], .hidden, .cke_dialog') && !floating(e); };
  const controls = Array.from(document.querySelectorAll(
    '#content a[href], #content button, #content input:not([type=hidden]), #content select, #content textarea'
  )).filter(visible);
  const label = e => `${e.tagName}.${e.className}#${e.id || e.name || e.textContent.trim().slice(0, 12)}`;
  const found = [];
  for (let i = 0; i < controls.length; i++) {
    const a = controls[i];
    for (let j = i + 1; j < controls.length; j++) {
      const b = controls[j];
      if (a.contains(b) || b.contains(a) || (a.closest('label') && a.closest('label') === b.closest('label'))) continue;
      // each line box of a wrapped link on its own, not the box around all its lines
      const crossed = Array.from(a.getClientRects()).some(ra => Array.from(b.getClientRects()).some(rb =>
        Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left) > 4
        && Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top) > 4));
      if (crossed) found.push(label(a) + ' × ' + label(b));
    }
  }
  return found.slice(0, 5);
}"""
WIDER = """() => Array.from(document.querySelectorAll('#content *'))
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.results, .cke'))
  .slice(-3).map(e => e.tagName + '.' + e.className + '#' + e.id)"""


def admin_pages(user):
    """(name, path) of every admin page type ``user`` may open."""
    pages = [("desk", "/admin/")]
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        info = (opts.app_label, opts.model_name)
        pages.append((f"{opts.label} list", reverse("admin:%s_%s_changelist" % info)))
        if user.has_perm(f"{opts.app_label}.add_{opts.model_name}"):
            try:
                pages.append((f"{opts.label} add", reverse("admin:%s_%s_add" % info)))
            except NoReverseMatch:
                pass
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages.append((f"{opts.label} change", reverse("admin:%s_%s_change" % info, args=[first.pk])))
    for name in ("newsroom_article_import", "newsroom_imageasset_upload", "newsroom_portal_overview", "ledger_table"):
        try:
            pages.append((name, reverse(f"admin:{name}")))
        except NoReverseMatch:
            pass
    return pages


def test_every_admin_page_fits_at_1280_and_768_with_no_control_over_another(browser, site):
    """As the site administrator, who reaches every page type an editor does and more."""
    username, password = "siteadmin", "linli-site-2026"
    from newsroom.models import Article

    user = User.objects.get(username=username)
    pages = admin_pages(user)
    live = Article.objects.filter(is_live=True).order_by("pk").first()
    pages.append(("revisions", f"/admin/newsroom/article/{live.pk}/revisions/"))
    editor = User.objects.get(username="editor")  # 所属网站与角色 as a site admin edits them
    pages.append(("staff change", f"/admin/auth/user/{editor.pk}/change/"))
    assert len(pages) > 40
    page = login(browser, site, username, password)
    problems = []
    for name, path in pages:
        page.set_viewport_size({"width": 768, "height": 900})
        response = page.goto(site + path)
        assert response.status < 500, (name, path)
        if response.status != 200:
            continue
        for width in (768, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                problems.append(f"{width} px · {name} ({path}) overflows by {overflow} px: {page.evaluate(WIDER)}")
            overlaps = page.evaluate(OVERLAPS)
            if overlaps:
                problems.append(f"{width} px · {name} ({path}) controls overlap: {overlaps}")
        if name in ("newsroom.Article change", "takedowns.TakedownRequest change", "communities.Community change"):
            screenshot(page, f"admin-sweep-{username}-{name.split('.')[1].replace(' ', '-')}-1280")
    page.context.close()
    assert not problems, "\n".join(problems)
