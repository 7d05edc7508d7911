"""Demo logins, one per role, printed by ``load_demo`` (and so by ``make run``)."""

# (username, password, display name, superuser, groups)
ACCOUNTS = [
    ("admin", "linli-admin-2026", "系统管理员", True, []),
    ("siteadmin", "linli-site-2026", "孙立新", False, ["站点管理员"]),
    ("editor", "linli-editor-2026", "刘思远", False, ["编辑"]),
    ("reviewer1", "linli-first-2026", "张丽华", False, ["初审"]),
    ("reviewer2", "linli-second-2026", "李建国", False, ["复审"]),
    ("chief", "linli-chief-2026", "王海燕", False, ["终审签发"]),
    ("moderator", "linli-moderator-2026", "赵文静", False, ["版权审核"]),
]
