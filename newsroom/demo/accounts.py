"""Demo logins, one per role, printed by ``load_demo`` (and so by ``make run``)."""

# (username, password, display name, superuser, groups)
ACCOUNTS = [
    ("admin", "linli-admin-2026", "超级管理员", True, []),
    ("siteadmin", "linli-site-2026", "站点管理员", False, ["站点管理员"]),
    ("editor", "linli-editor-2026", "邻里演示编辑", False, ["编辑"]),
    ("reviewer1", "linli-first-2026", "初审 张审", False, ["初审"]),
    ("reviewer2", "linli-second-2026", "复审 李审", False, ["复审"]),
    ("chief", "linli-chief-2026", "终审签发 王总编", False, ["终审签发"]),
    ("moderator", "linli-moderator-2026", "版权审核 赵审", False, ["版权审核"]),
]
