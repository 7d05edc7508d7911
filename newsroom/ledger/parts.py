"""What the ledger adds to the newsroom: grading a signed-off story from the article list
(评为A稿/B稿/C稿), registered in ``LedgerConfig.ready``."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from newsroom import extensions

from . import actions
from .models import Grades


def register():
    for value in Grades.values:
        extensions.article_action(
            f"grade_{value.lower()}",
            format_lazy(_("评定稿件等级：{} 稿"), value),
            lambda article, user, value=value: actions.grade(article, user, value),
        )
