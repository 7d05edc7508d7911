"""The reader's side: the comment block loaded into the (cached) article page, 查看全部留言,
verification, posting, replies, likes and reports with a tracking page. None of these pages
is cached for readers except the block, for five seconds."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import actions
from .models import Comment, Commenter, Report
from .verifiers import TooOften, VerificationError, verifier

BLOCK_SIZE = 5
PAGE_SIZE = 20
SESSION = "commenter_id"


def _commenter(request):
    pk = request.session.get(SESSION)
    return Commenter.objects.filter(pk=pk, closed_at__isnull=True).first() if pk else None


def _address(request):
    return request.META.get("REMOTE_ADDR", "")


def _article(request, slug):
    article = actions.visible_article(request.portal, slug)
    if article is None:
        raise Http404
    shown, open_ = actions.state(article, request.portal)
    if not shown:
        raise Http404
    return article, open_


def _approved(article):
    replies = Comment.objects.approved().select_related("commenter").order_by("created_at", "id")
    return (
        Comment.objects.approved()
        .filter(article=article, parent__isnull=True)
        .select_related("commenter")
        .prefetch_related(Prefetch("replies", queryset=replies, to_attr="shown_replies"))
    )


def block(request, slug):
    """The part of the article page with 最新评论, 热门评论 and the count (fetched by script)."""
    article, open_ = _article(request, slug)
    approved = _approved(article)
    count = Comment.objects.approved().filter(article=article).count()
    hot = list(approved.filter(like_count__gt=0).hottest()[:BLOCK_SIZE])
    response = render(
        request,
        "comments/_block.html",
        {"article": article, "open": open_, "count": count, "newest": list(approved.newest()[:BLOCK_SIZE]), "hot": hot},
    )
    patch_cache_control(response, public=True, max_age=5)  # a newly approved comment shows within seconds
    return response


def _page(request, article, open_, status=200, typed="", reply_to=None):
    commenter = _commenter(request)
    if commenter is not None and not typed:
        typed = request.session.pop("comment_draft", "")  # typed before verifying: not lost
    paginator = Paginator(_approved(article).newest(), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    if reply_to is None and request.GET.get("reply", "").isdigit():
        reply_to = Comment.objects.approved().filter(article=article, pk=request.GET["reply"]).first()
    context = {
        "article": article,
        "open": open_,
        "page": page,
        "count": paginator.count,
        "commenter": commenter,
        "typed": typed,
        "reply_to": reply_to,
        "liked": set(
            commenter and Comment.objects.filter(likes__commenter=commenter).values_list("pk", flat=True) or []
        ),
        "max_length": actions.settings_for(request.portal).max_length,
    }
    return render(request, "comments/all.html", context, status=status)


def all_comments(request, slug):
    """查看全部留言: every approved comment, newest first, with its replies; the form."""
    article, open_ = _article(request, slug)
    return _page(request, article, open_)


@require_POST
def post(request, slug):
    article, open_ = _article(request, slug)
    commenter = _commenter(request)
    typed = request.POST.get("body", "")
    if commenter is None:
        # The verify form carries what was typed (a hidden field) until the reader is verified:
        # no session, and so no session row, for a reader who never verifies.
        return _verify_page(request, next_=reverse("comments:all", args=[slug]) + "#post", draft=typed)
    parent = None
    if request.POST.get("parent", "").isdigit():
        parent = Comment.objects.filter(pk=request.POST["parent"]).first()
        if parent is None:
            parent = Comment(pk=0)
    try:
        actions.post(commenter, article, typed, parent=parent, address=_address(request))
    except actions.RateLimited as error:
        messages.error(request, str(error))
        return _page(
            request, article, open_, status=429, typed=typed, reply_to=parent if parent and parent.pk else None
        )
    except actions.CommentError as error:
        messages.error(request, str(error))
        return _page(
            request, article, open_, status=400, typed=typed, reply_to=parent if parent and parent.pk else None
        )
    request.session.pop("comment_draft", None)
    messages.success(request, "您的评论已提交，审核通过后显示。")
    return redirect(reverse("comments:all", args=[slug]))


@require_POST
def like(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
    commenter = _commenter(request)
    back = reverse("comments:all", args=[comment.article.slug])
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    if commenter is None:
        if wants_json:
            return JsonResponse({"error": "请先验证手机号再点赞。", "verify": reverse("comments:verify")}, status=403)
        return redirect(reverse("comments:verify") + "?next=" + back)
    try:
        count = actions.like(commenter, comment)
    except actions.CommentError as error:
        status = 429 if isinstance(error, actions.RateLimited) else 400
        if wants_json:
            return JsonResponse({"error": str(error)}, status=status)
        messages.error(request, str(error))
        return redirect(back)
    if wants_json:
        return JsonResponse({"likes": count})
    return redirect(back)


def report(request, pk):
    comment = get_object_or_404(Comment.objects.approved().select_related("article", "commenter"), pk=pk)
    error, status = "", 200
    if request.method == "POST":
        try:
            made = actions.report(
                comment, request.POST.get("reason", ""), request.POST.get("detail", ""), _address(request)
            )
        except actions.CommentError as failure:
            error, status = str(failure), 429 if isinstance(failure, actions.RateLimited) else 400
        else:
            return redirect(reverse("comments:report_status", args=[made.token]) + "?new=1")
    context = {"comment": comment, "reasons": Report.Reason.choices, "error": error, "typed": request.POST}
    return render(request, "comments/report.html", context, status=status)


def report_status(request, token):
    made = get_object_or_404(Report.objects.select_related("comment__article"), token=token)
    return render(request, "comments/report_status.html", {"report": made, "new": request.GET.get("new") == "1"})


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or "/"
    return target if url_has_allowed_host_and_scheme(target, {request.get_host()}) else "/"


def _verify_page(request, next_, draft, context=None, status=200):
    context = {"next": next_, "draft": draft[:5000], "number": "", "name": "", **(context or {})}
    return render(request, "comments/verify.html", context, status=status)


def verify(request):
    """后台实名: a mobile number and a one-time code (or, where configured, 网号/网证)."""
    context = {"next": _next(request), "number": request.POST.get("number", ""), "name": request.POST.get("name", "")}
    draft = request.POST.get("draft", "")
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("step") == "send":
                verifier().send_code(request.POST.get("number", ""), _address(request))
                context["sent"] = True
            else:
                actions.check_nickname(request.POST.get("name", ""))  # before the code is spent
                identity = verifier().check_code(request.POST.get("number", ""), request.POST.get("code", ""))
                commenter = actions.register(identity, request.POST.get("name", ""))
                request.session.cycle_key()
                request.session[SESSION] = commenter.pk
                if draft:
                    request.session["comment_draft"] = draft[:5000]
                messages.success(request, "验证成功，您现在可以发表评论。")
                return redirect(context["next"])
        except (VerificationError, actions.CommentError) as error:
            context["error"] = str(error)
            context["sent"] = request.POST.get("step") != "send"
            status = 429 if isinstance(error, TooOften) else 400
    return _verify_page(request, context.pop("next"), draft, context, status)


@require_POST
def leave(request):
    request.session.pop(SESSION, None)
    return redirect(_next(request))
