"""The house rules the next engineers can rely on (README's "Layout"), checked on every run.

- Imports run one way: ``communities`` never imports ``newsroom`` (nor its apps).
- An app uses another app only through the modules that app offers (``INTERFACES``); the rest
  of an app (search backends, the desk's forms, the newsroom's admin…) is its own business.
- Every model readers see is marked ``PublicContent``, so the page cache and the search index
  hear of its changes (config/content.py).
- Every audit trail names its actions as labelled choices.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps

from config.audit import AuditRecord
from config.content import PublicContent

ROOT = Path(__file__).resolve().parents[1]
APPS = [
    "newsroom.search",
    "newsroom.takedowns",
    "newsroom.inspection",
    "newsroom.comments",
    "newsroom",
    "communities",
]  # most specific first
# What each app offers the others (modules under the app, and their submodules).
INTERFACES = {
    "communities": {"models", "fields", "admin", "urls", "sitemaps"},
    "newsroom": {
        "models",
        "bylines",
        "workflow",
        "roles",
        "filters",
        "demo",
        # the website inspection re-uses the 错敏词 matcher, the credit kinds and notifications
        "checks",
        "credits",
        "notifications",
    },
    "newsroom.search": {"index", "models", "views", "text"},
    "newsroom.takedowns": {"actions", "models", "mail", "urls"},
    "newsroom.inspection": {"models", "report", "tasks"},
    "newsroom.comments": {"actions", "models", "urls"},
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


def test_communities_never_imports_the_newsroom():
    found = [
        f"{path.relative_to(ROOT)}:{line} {module}"
        for path in sources()
        if app_of(".".join(path.relative_to(ROOT).parts)) == "communities"
        for line, module in imports(path)
        if app_of(module) and app_of(module).startswith("newsroom")
    ]
    assert not found


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


@pytest.mark.parametrize("label", ["newsroom", "communities", "search", "takedowns"])
def test_models_readers_see_are_public_content(label):
    """A model with a page of its own, or with a ``public()`` list, is what readers see."""
    for model in apps.get_app_config(label).get_models():
        reader_facing = hasattr(model, "get_absolute_url") or hasattr(model.objects, "public")
        if reader_facing and model.__name__ not in {"TakedownRequest"}:  # the notifier's own tracking page
            assert issubclass(model, PublicContent), model


def test_audit_trails_have_labelled_actions():
    trails = [m for m in apps.get_models() if issubclass(m, AuditRecord)]
    assert {m.__name__ for m in trails} == {"AuditEntry", "Event"}
    for model in trails:
        field = model._meta.get_field("action")
        assert field.choices and all(str(label) != value for value, label in field.choices), model


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
    """The four write paths share config.actions: one error base, one permission check, one
    "请填写理由"."""
    from config.actions import ActionError
    from newsroom import content_review, workflow
    from newsroom.comments import actions as comments
    from newsroom.takedowns import actions as takedowns

    errors = (workflow.TransitionError, content_review.ReviewError, takedowns.ActionError, comments.CommentError)
    assert all(issubclass(error, ActionError) for error in errors)
    for refuse in (workflow._reason, takedowns._reason, comments._reason):
        with pytest.raises(ActionError, match="请填写"):
            refuse("  ")
