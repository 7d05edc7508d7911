from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    """Reader comments (跟帖评论) as 《互联网跟帖评论服务管理规定》 allows them: off unless a portal
    turns them on with a real identity verifier, verified commenters, review before anything
    shows (先审后发), reports with feedback, graduated measures and kept records."""

    name = "newsroom.comments"
    label = "comments"
    verbose_name = _("评论")

    def ready(self):
        from . import parts

        parts.register()
