"""The reader's 纠错留言 form: a few lines, no identity, to the editors of this portal."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from newsroom.core import throttle
from newsroom.models import Article

from . import actions
from .forms import ReportForm


@never_cache
def new_report(request):
    portal = request.portal
    article = Article.objects.public(portal).filter(slug=request.GET.get("article", "")).first()
    status = 200
    if request.method == "POST":
        form = ReportForm(request.POST)
        key = throttle.client_key(request, "feedback:")
        if throttle.exceeded(f"feedback:{key}", settings.FEEDBACK_LIMIT_PER_HOUR, 3600):
            form.add_error(None, "您提交得太频繁了，请一小时后再试。")
            status = 429
        elif form.is_valid():
            report = form.save(commit=False)
            report.portal, report.article, report.client_key = portal, article, key
            actions.receive(report)
            return redirect(reverse("feedback:thanks") + (f"?article={article.slug}" if article else ""))
        else:
            status = 400
    else:
        form = ReportForm()
    return render(request, "feedback/new.html", {"form": form, "article": article}, status=status)


def thanks(request):
    article = Article.objects.public(request.portal).filter(slug=request.GET.get("article", "")).first()
    return render(request, "feedback/thanks.html", {"article": article})
