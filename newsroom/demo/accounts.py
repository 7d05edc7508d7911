"""Demo logins, printed by ``load_demo`` (and so by ``make run``)."""

# (username, password, display name, superuser, groups)
ACCOUNTS = [
    ("admin", "linli-admin-2026", "站点管理员", True, []),
    ("editor", "linli-editor-2026", "邻里演示编辑", False, ["编辑"]),
]
