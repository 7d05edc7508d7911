"""The roles (groups) and what each may do: the current definition, kept in one place.

站点管理员 holds every review step so that it can give each of them to staff (nobody grants
what they do not hold, newsroom/admin/accounts.py); four eyes still keep it from reviewing its
own work (newsroom/workflow.py).

The data migrations create the same groups on a fresh database; ``ensure_roles`` makes
an existing database match this definition (``load_demo`` calls it).
"""

from django.contrib.auth.models import Group, Permission

CONTENT = {
    "newsroom": [
        "article",
        "photo",
        "person",
        "topic",
        "series",
        "column",
        "portal",
        "tipchannel",
        "page",
        "auditentry",
        "revision",
        "sensitiveword",
        "previewlink",
        "editpresence",
        "contentchange",
        "credit",
        "bylinerole",
        "imageasset",
        "articleplacement",
    ],
    "communities": ["street", "community", "honour", "facility", "officer", "neighbourhood"],
}
TAKEDOWN_DESK = [
    "view_takedownrequest",
    "change_takedownrequest",
    "view_identity",
    "view_target",
    "view_evidence",
    "view_measure",
    "view_counternotice",
    "view_takedownevent",
]
VIEW_ALL = [(app, f"view_{model}") for app, models in CONTENT.items() for model in models]
EDITOR = [
    ("newsroom", "add_article"),
    ("newsroom", "change_article"),
    ("newsroom", "view_article"),
    ("newsroom", "add_photo"),
    ("newsroom", "change_photo"),
    ("newsroom", "delete_photo"),
    ("newsroom", "view_photo"),
    ("newsroom", "add_credit"),
    ("newsroom", "change_credit"),
    ("newsroom", "delete_credit"),
    ("newsroom", "view_credit"),
    ("newsroom", "view_bylinerole"),
    ("newsroom", "add_imageasset"),
    ("newsroom", "change_imageasset"),
    ("newsroom", "view_imageasset"),
    ("newsroom", "add_person"),
    ("newsroom", "change_person"),
    ("newsroom", "view_person"),
    ("newsroom", "add_topic"),
    ("newsroom", "change_topic"),
    ("newsroom", "view_topic"),
    ("newsroom", "add_series"),
    ("newsroom", "change_series"),
    ("newsroom", "view_series"),
    ("newsroom", "view_column"),
    ("newsroom", "view_portal"),
    ("newsroom", "view_tipchannel"),
    ("newsroom", "add_page"),
    ("newsroom", "change_page"),
    ("newsroom", "view_page"),
    ("newsroom", "view_auditentry"),
    ("newsroom", "view_revision"),
    ("newsroom", "add_previewlink"),
    ("newsroom", "view_previewlink"),
    ("newsroom", "view_sensitiveword"),
    ("newsroom", "view_contentchange"),
    ("communities", "add_street"),
    ("communities", "change_street"),
    ("communities", "view_street"),
    ("communities", "add_community"),
    ("communities", "change_community"),
    ("communities", "view_community"),
    ("communities", "add_honour"),
    ("communities", "change_honour"),
    ("communities", "delete_honour"),
    ("communities", "view_honour"),
    ("communities", "add_facility"),
    ("communities", "change_facility"),
    ("communities", "delete_facility"),
    ("communities", "view_facility"),
    ("communities", "add_officer"),
    ("communities", "change_officer"),
    ("communities", "delete_officer"),
    ("communities", "view_officer"),
    ("communities", "add_neighbourhood"),
    ("communities", "change_neighbourhood"),
    ("communities", "delete_neighbourhood"),
    ("communities", "view_neighbourhood"),
]

# The website inspection (newsroom/inspection/): the chief reads it, the site admin also sets
# its limits and leaders list and fills in the yearly report.
INSPECTION_READ = [
    ("inspection", "view_inspectionrun"),
    ("inspection", "view_linkcheck"),
    ("inspection", "view_annualreport"),
]
INSPECTION_MANAGE = [
    ("inspection", f"{action}_{model}")
    for model in ("inspectionsettings", "leader")
    for action in ("add", "change", "delete", "view")
] + [("inspection", "add_annualreport"), ("inspection", "change_annualreport")]

# Reader comments (newsroom/comments/): the queue, reports and measures; identity data apart.
COMMENT_DESK = [
    ("comments", "moderate_comment"),
    ("comments", "view_comment"),
    ("comments", "view_commenter"),
    ("comments", "change_commenter"),
    ("comments", "view_report"),
    ("comments", "change_report"),
    ("comments", "view_commentevent"),
    ("comments", "view_blacklist"),
]

# 纠错留言 (newsroom/feedback/): the editors of a portal read and close its readers' reports.
FEEDBACK_DESK = [
    ("feedback", "view_report"),
    ("feedback", "handle_report"),
    ("feedback", "view_reportevent"),
]

# 稿件流转 (newsroom/exchange/): editors 报送 to the portals above and take in 通讯员投稿;
# what shows at once on this portal (采用 a 报送 as a mirror, 引用 another portal's story) is the
# chief's and the site admin's.
EXCHANGE_SEND = [
    ("newsroom", "view_articleplacement"),
    ("exchange", "add_submission"),
    ("exchange", "view_submission"),
    ("exchange", "view_submissionevent"),
    ("exchange", "view_correspondent"),
    ("exchange", "view_manuscript"),
    ("exchange", "handle_manuscript"),
    ("exchange", "view_manuscriptevent"),
]
EXCHANGE_DECIDE = [
    ("exchange", "decide_submission"),
    ("newsroom", "add_articleplacement"),
    ("newsroom", "delete_articleplacement"),
]
CORRESPONDENTS = [("exchange", f"{a}_correspondent") for a in ("add", "change", "delete")]
# 稿件统计与稿费 (newsroom/ledger/): each person their own rows; the chief and the site admin all.
LEDGER_OWN = [("ledger", "view_ledgermonth")]
LEDGER_ALL = LEDGER_OWN + [
    ("ledger", c) for c in ("view_all_rows", "finalise_ledger", "view_grade", "view_ledgerevent", "view_rate")
]
LEDGER_RATES = [("ledger", f"{a}_rate") for a in ("add", "change", "delete")]
# 发布到其他渠道 (newsroom/channels/): editors and the chief send a published story to the 公众号 or
# make its package; the takedown desk confirms copies removed by hand; only the site admin sets
# the 公众号's AppID and AppSecret.
CHANNELS_SEND = [("channels", c) for c in ("distribute_article", "view_distribution", "view_distributionevent")]
CHANNELS_REMOVAL = [("channels", c) for c in ("record_removal", "view_distribution", "view_distributionevent")]
CHANNELS_ACCOUNT = [("channels", f"{a}_wechataccount") for a in ("add", "change", "delete", "view")]

ROLES = {
    "编辑": EDITOR + FEEDBACK_DESK + EXCHANGE_SEND + LEDGER_OWN + CHANNELS_SEND,
    "初审": VIEW_ALL + [("newsroom", "review_first")] + LEDGER_OWN,
    "复审": VIEW_ALL + [("newsroom", "review_second")] + LEDGER_OWN,
    "终审签发": VIEW_ALL
    + [
        ("newsroom", "review_final"),
        ("newsroom", "change_publish_date"),
        ("newsroom", "change_article"),
        ("newsroom", "add_previewlink"),
    ]
    + INSPECTION_READ
    + FEEDBACK_DESK
    + EXCHANGE_SEND
    + EXCHANGE_DECIDE
    + LEDGER_ALL
    + CHANNELS_SEND,
    "版权审核": [("newsroom", "view_article"), ("newsroom", "view_photo"), ("newsroom", "view_auditentry")]
    + [("takedowns", codename) for codename in TAKEDOWN_DESK]
    + COMMENT_DESK
    + CHANNELS_REMOVAL,
    "评论审核": [("newsroom", "view_article")] + COMMENT_DESK,
    "站点管理员": [
        (app, f"{action}_{model}")
        for app, models in CONTENT.items()
        for model in models
        for action in ("add", "change", "delete", "view")
    ]
    + [
        ("newsroom", "review_first"),
        ("newsroom", "review_second"),
        ("newsroom", "review_final"),
        ("newsroom", "change_publish_date"),
        ("auth", "view_user"),
        ("auth", "add_user"),
        ("auth", "change_user"),
        ("auth", "view_group"),
    ]
    + [("newsroom", f"{action}_membership") for action in ("add", "change", "delete", "view")]
    + [("takedowns", codename) for codename in TAKEDOWN_DESK]
    + INSPECTION_READ
    + INSPECTION_MANAGE
    + COMMENT_DESK
    + [("comments", f"{a}_commentsettings") for a in ("add", "change", "view")]
    + FEEDBACK_DESK
    + EXCHANGE_SEND
    + EXCHANGE_DECIDE
    + CORRESPONDENTS
    + LEDGER_ALL
    + LEDGER_RATES
    + sorted(set(CHANNELS_SEND + CHANNELS_REMOVAL + CHANNELS_ACCOUNT)),
    # Full identity numbers of notifiers: only this role (and superusers); the desk sees them masked.
    "法务复核": [("newsroom", "view_article"), ("newsroom", "view_photo"), ("newsroom", "view_auditentry")]
    + [("takedowns", codename) for codename in TAKEDOWN_DESK]
    + [("takedowns", "view_id_number")]
    + [("comments", c) for c in ("view_comment", "view_commenter", "view_commentevent", "view_commenter_identity")],
}


def ensure_roles():
    """Create the groups and give each exactly its permissions."""
    wanted = {(app, code) for pairs in ROLES.values() for app, code in pairs}
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.select_related("content_type").filter(
            content_type__app_label__in={app for app, _ in wanted}
        )
    }
    missing = wanted - found.keys()
    if missing:
        raise LookupError(f"permissions missing (run migrate): {sorted(missing)}")
    for name, pairs in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set([found[pair] for pair in pairs])
