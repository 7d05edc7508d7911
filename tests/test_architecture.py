"""The house rules the next engineers can rely on (README's "Layout"), checked on every run.

- Layers run one way: the foundation ``newsroom.core`` imports no app of ours; ``communities``
  uses the foundation and nothing else of ``newsroom``; the newsroom imports none of its nested
  apps (they register into it: newsroom/extensions.py); ``config/`` is settings and wiring.
- No import cycles, not even through imports inside functions.
- An app uses another app only through the modules that app offers (``INTERFACES``); the rest
  of an app (search backends, the desk's forms, the newsroom's admin…) is its own business.
- Every model readers see is marked ``PublicContent``, so the page cache and the search index
  hear of its changes (newsroom/core/content.py).
- Every audit trail names its actions as labelled choices, and is written only through ``log()``.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps

from newsroom.core.audit import AuditRecord
from newsroom.core.content import PublicContent

ROOT = Path(__file__).resolve().parents[1]
APPS = [
    "newsroom.core",
    "newsroom.search",
    "newsroom.takedowns",
    "newsroom.inspection",
    "newsroom.comments",
    "newsroom.feedback",
    "newsroom.exchange",
    "newsroom.ledger",
    "newsroom.channels",
    "newsroom",
    "communities",
]  # most specific first
# What each app offers the others (modules under the app, and their submodules).
INTERFACES = {
    # the foundation: everything in it is there to be used
    "newsroom.core": {p.stem for p in (ROOT / "newsroom" / "core").glob("*.py")} - {"__init__"},
    "communities": {"models", "fields", "admin", "urls", "sitemaps"},
    "newsroom": {
        "models",
        "extensions",  # where the nested apps register their parts
        "bylines",
        "workflow",
        "roles",
        "filters",
        "demo",
        # the website inspection re-uses the 错敏词 matcher, the credit kinds and notifications
        "checks",
        "credits",
        "notifications",
        # 站群: the one scope of a staff member's portals, in the admins of every app
        "portals",
        "admin.scope",
        # 站群: a story placed in other portals; the takedown desk holds its copies too
        "placements",
        # 通讯员投稿 takes photos through the same checks as the admin's uploads
        "images",
        # the WeChat version places photos in the body as the article page does
        "rendering",
        # a takedown measure refreshes nginx's copies of the pages it touched
        "microcache",
    },
    "newsroom.search": {"index", "models", "views", "text", "urls"},
    "newsroom.takedowns": {"actions", "models", "mail", "urls"},
    "newsroom.inspection": {"models", "report", "tasks"},
    "newsroom.comments": {"actions", "models", "urls"},
    "newsroom.feedback": {"actions", "models", "urls"},
    # the ledger counts 报送 by portal
    "newsroom.exchange": {"actions", "models", "urls"},
    "newsroom.ledger": {"actions", "models", "figures"},
    "newsroom.channels": {"actions", "models", "wechat"},
}


def app_of(module):
    return next((app for app in APPS if module == app or module.startswith(app + ".")), None)


def imports(path):
    """(line, module) for every import in ``path``, relative imports resolved."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    if path.name != "__init__.py":
        package = package.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([node.module] if node.module else []))
            yield node.lineno, base
            for alias in node.names:  # "from newsroom.search import index" names a module
                yield node.lineno, f"{base}.{alias.name}"


def sources():
    for top in ("communities", "newsroom"):
        for path in sorted((ROOT / top).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_communities_uses_only_the_foundation_of_the_newsroom():
    found = [
        f"{path.relative_to(ROOT)}:{line} {module}"
        for path in sources()
        if app_of(".".join(path.relative_to(ROOT).parts)) == "communities"
        for line, module in imports(path)
        if app_of(module) and app_of(module).startswith("newsroom") and app_of(module) != "newsroom.core"
    ]
    assert not found


def test_the_foundation_imports_no_app_of_the_project():
    found = [
        f"{path.relative_to(ROOT)}:{line} {module}"
        for path in sorted((ROOT / "newsroom" / "core").rglob("*.py"))
        for line, module in imports(path)
        if module.split(".")[0] in ("newsroom", "communities", "config", "tests") and app_of(module) != "newsroom.core"
    ]
    assert not found, "\n".join(found)


def test_the_newsroom_imports_none_of_its_nested_apps():
    """Takedowns, comments, inspection and search register their parts (newsroom/extensions.py)."""
    nested = [app for app in APPS if app.startswith("newsroom.") and app != "newsroom.core"]
    found = [
        f"{path.relative_to(ROOT)}:{line} {module}"
        for path in sources()
        if app_of(".".join(path.relative_to(ROOT).with_suffix("").parts)) == "newsroom"
        for line, module in imports(path)
        if app_of(module) in nested
    ]
    assert not found, "\n".join(found)


def test_config_holds_settings_and_wiring_only():
    assert {p.name for p in (ROOT / "config").glob("*.py")} == {
        "__init__.py",
        "settings.py",
        "urls.py",
        "wsgi.py",
        "asgi.py",
    }


def test_apps_use_each_other_only_through_what_they_offer():
    found = []
    for path in sources():
        here = app_of(".".join(path.relative_to(ROOT).with_suffix("").parts))
        for line, module in imports(path):
            there = app_of(module)
            if there is None or there == here or module == there:
                continue
            inner = module[len(there) + 1 :]
            if apps.is_installed(module):  # "from newsroom import search" names an app
                continue
            offered = any(inner == name or inner.startswith(name + ".") for name in INTERFACES[there])
            # "from newsroom.models import Article" resolves to newsroom.models.Article: fine.
            parent_offered = any(inner.rsplit(".", 1)[0] == name for name in INTERFACES[there])
            if not (offered or parent_offered):
                found.append(f"{path.relative_to(ROOT)}:{line} {module}")
    assert not found, "\n".join(found)


def test_the_checker_sees_a_violation():
    assert app_of("newsroom.search.backends") == "newsroom.search"
    assert "backends" not in INTERFACES["newsroom.search"]


@pytest.mark.parametrize(
    "label",
    ["newsroom", "communities", "search", "takedowns", "comments", "inspection", "exchange", "ledger", "channels"],
)
def test_models_readers_see_are_public_content(label):
    """A model with a page of its own, or with a ``public()`` list, is what readers see."""
    for model in apps.get_app_config(label).get_models():
        reader_facing = hasattr(model, "get_absolute_url") or hasattr(model.objects, "public")
        if reader_facing and model._meta.label != "takedowns.TakedownRequest":  # the notifier's own tracking page
            assert issubclass(model, PublicContent), model


def test_audit_trails_have_labelled_actions():
    trails = [m for m in apps.get_models() if issubclass(m, AuditRecord)]
    assert {m._meta.label for m in trails} == {
        "newsroom.AuditEntry",
        "newsroom.ContentEvent",
        "takedowns.TakedownEvent",
        "comments.CommentEvent",
        "feedback.ReportEvent",
        "exchange.SubmissionEvent",
        "exchange.ManuscriptEvent",
        "ledger.LedgerEvent",
        "channels.DistributionEvent",
    }
    for model in trails:
        field = model._meta.get_field("action")
        assert field.choices and all(str(label) != value for value, label in field.choices), model


def test_audit_rows_are_written_only_through_log():
    """One way into every trail: ``AuditRecord.log`` (newsroom/core/audit.py)."""
    import re

    trails = "|".join(m.__name__ for m in apps.get_models() if issubclass(m, AuditRecord))
    written = re.compile(rf"\b({trails})(\.objects\.(create|bulk_create|get_or_create)|\()")
    found = [
        f"{path.relative_to(ROOT)}:{n} {line.strip()}"
        for path in sources()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if written.search(line) and not line.lstrip().startswith(("class ", "#"))
    ]
    assert not found, "\n".join(found)


def test_an_action_without_a_label_is_refused_and_histories_show_labels(demo):
    from django.core.exceptions import ValidationError

    from newsroom.models import Article, AuditEntry

    article = Article.objects.filter(is_live=True).first()
    with pytest.raises(ValidationError):
        AuditEntry.objects.create(article=article, action="something_new")
    for entry in AuditEntry.objects.all():
        assert entry.action_label and entry.action_label != entry.action


def module_graph():
    """{module: modules of ours it imports}, every import counted (those inside functions too),
    ``from package import name`` pointing at the submodule when there is one."""
    paths = {}
    for top in ("config", "communities", "newsroom"):
        for path in (ROOT / top).rglob("*.py"):
            if "migrations" not in path.parts:
                name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
                paths[name.removesuffix(".__init__")] = path

    def ours(name):
        while name and name not in paths:
            name = name.rpartition(".")[0]
        return name

    graph = {}
    for module, path in paths.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        edges = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(parts + ([base] if base else []))
                targets = [f"{base}.{alias.name}" for alias in node.names]
                if not any(t in paths for t in targets):
                    targets = [base]
            else:
                continue
            edges |= {ours(t) for t in targets} - {"", module}
        graph[module] = edges
    return graph


def cycles(graph):
    """The strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles_not_even_through_imports_inside_functions():
    """A cycle closed by a lazy import is still a knot: the target of 0 regrew twice unnoticed."""
    assert cycles(module_graph()) == []


def test_the_cycle_finder_sees_a_lazy_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_app_of_the_project_is_in_the_rules():
    """A new app without an entry in APPS and INTERFACES fails here, not silently passes."""
    ours = {c.name for c in apps.get_app_configs() if c.name.split(".")[0] in ("newsroom", "communities", "config")}
    assert ours == set(APPS) and set(APPS) == set(INTERFACES)


def test_tooling_stays_out_of_the_product():
    """Benchmarks and measurements live in tests/bench/; no product module is one or imports one."""
    for path in sources():
        assert not path.name.startswith(("bench_", "measure_")), path
        for line, module in imports(path):
            assert not module.startswith("tests"), f"{path}:{line} imports {module}"


def test_every_write_path_refuses_in_the_same_shape():
    """The four write paths share newsroom.core.actions: one error base, one permission check, one
    "请填写理由"."""
    from newsroom import content_review, workflow
    from newsroom.comments import actions as comments
    from newsroom.core.actions import ActionError
    from newsroom.takedowns import actions as takedowns

    errors = (workflow.TransitionError, content_review.ReviewError, takedowns.ActionError, comments.CommentError)
    assert all(issubclass(error, ActionError) for error in errors)
    for refuse in (workflow._reason, takedowns._reason, comments._reason):
        with pytest.raises(ActionError, match="请填写"):
            refuse("  ")
