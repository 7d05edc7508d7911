"""Public side of the takedown desk: notice form, private tracking page, counter-notice,
policy and transparency. Thin views: the rules live in forms.py and actions.py."""

from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from newsroom.core import diskfull, throttle

from ..models import Article, Photo
from . import actions
from .forms import CounterNoticeForm, NoticeForm, SupplementForm, TargetFormSet
from .models import Evidence, Right, TakedownRequest


def _rate_limited(request):
    hour_ago = timezone.now() - timedelta(hours=1)
    recent = TakedownRequest.objects.filter(received_at__gte=hour_ago)
    if recent.filter(client_key=throttle.client_key(request)).count() >= settings.TAKEDOWN_LIMIT_PER_IP:
        return "您提交得太频繁了，请一小时后再试。如情况紧急，请拨打本网联系电话。"
    email = request.POST.get("email", "").strip()
    if email and recent.filter(email__iexact=email).count() >= settings.TAKEDOWN_LIMIT_PER_EMAIL:
        return "该邮箱一小时内提交的通知已达上限，请稍后再试。"
    return None


def _prefill(request):
    article = Article.objects.public(request.portal).filter(slug=request.GET.get("article", "")).first()
    if article is None:
        return [{}]
    initial = {"url": request.build_absolute_uri(article.get_absolute_url()), "work_title": article.title}
    photo_id = request.GET.get("photo", "")
    if photo_id.isdigit():
        photos = list(article.photos.order_by("order", "id").values_list("pk", flat=True))
        if int(photo_id) in photos:
            photo = Photo.objects.get(pk=photo_id)
            initial.update(
                part="photo",
                photo_number=photos.index(photo.pk) + 1,
                work_title=f"{article.title}（图：{photo.caption[:30]}）",
            )
    return [initial]


def _picked_photo(request, number):
    """The form again with everything typed in it and the first work set to the article's
    ``number``-th photo (a thumbnail is a button of the form, so picking one loses nothing typed;
    a chosen file has to be chosen again, as after any page load)."""
    values = {name: request.POST.get(name) for name in request.POST if not name.startswith("targets-")}
    typed = {
        name.removeprefix("targets-0-"): request.POST.get(name)
        for name in request.POST
        if name.startswith("targets-0-")
    }
    article = Article.objects.public(request.portal).filter(slug=request.GET.get("article", "")).first()
    photos = list(article.photos.order_by("order", "id")) if article else []
    if number.isdigit() and 1 <= int(number) <= len(photos):
        photo = photos[int(number) - 1]
        typed.update(
            url=typed.get("url") or request.build_absolute_uri(article.get_absolute_url()),
            part="photo",
            photo_number=int(number),
            work_title=f"{article.title}（图：{photo.caption[:30]}）",
        )
    form = NoticeForm(initial=values)
    targets = TargetFormSet(prefix="targets", initial=[typed], form_kwargs={"portal": request.portal})
    return form, targets


@never_cache
def new_notice(request):
    portal = request.portal
    status = 200
    picked = request.POST.get("pick_photo", "") if request.method == "POST" else ""
    if picked:
        form, targets = _picked_photo(request, picked)
    elif request.method == "POST":
        form = NoticeForm(request.POST, request.FILES)
        targets = TargetFormSet(request.POST, prefix="targets", form_kwargs={"portal": portal})
        limited = _rate_limited(request)
        if limited:
            form.add_error(None, limited)
            status = 429
        elif form.is_valid() & targets.is_valid():
            notice = form.save(commit=False)
            notice.portal, notice.client_key = portal, throttle.client_key(request)
            files = [(Evidence.Kind.EVIDENCE, f) for f in form.cleaned_data["evidence"]]
            files += [(Evidence.Kind.AUTHORISATION, f) for f in form.cleaned_data["authorisation"]]
            try:
                with diskfull.cleaned_up_on_failure():
                    notice = actions.receive(notice, [f.instance for f in targets.forms if f.has_changed()], files)
            except OSError as error:
                if not diskfull.is_disk_full(error):
                    raise
                form.add_error(None, diskfull.MESSAGE)  # the form again, everything typed in it
                status = 507
            else:
                return redirect(notice.get_tracking_url() + "?new=1")
        else:
            status = 400
    else:
        form = NoticeForm()
        targets = TargetFormSet(prefix="targets", initial=_prefill(request), form_kwargs={"portal": portal})
    article = Article.objects.public(portal).filter(slug=request.GET.get("article", "")).first()
    photos = list(Photo.objects.public().filter(article=article).order_by("order", "id")) if article else []
    context = {"form": form, "targets": targets, "article": article, "article_photos": photos}
    return render(request, "takedowns/new.html", context, status=status)


@never_cache
def track(request, token):
    notice = get_object_or_404(TakedownRequest.objects.select_related("portal"), token=token)
    supplement = SupplementForm()
    error = None
    if request.method == "POST":
        try:
            if request.POST.get("action") == "withdraw":
                actions.withdraw_by_notifier(notice)
                return redirect(notice.get_tracking_url())
            supplement = SupplementForm(request.POST, request.FILES)
            if supplement.is_valid():
                if request.POST.get("action") == "proof":
                    actions.submit_proof(notice, supplement.cleaned_data["note"], supplement.cleaned_data["files"])
                else:
                    actions.add_material(notice, supplement.cleaned_data["note"], supplement.cleaned_data["files"])
                return redirect(notice.get_tracking_url())
        except actions.ActionError as problem:
            error = str(problem)
    response = render(
        request,
        "takedowns/track.html",
        {
            "notice": notice,
            "events": notice.events.filter(internal=False),
            "targets": notice.targets.select_related("article", "photo"),
            "counter_notices": notice.counter_notices.all(),
            "counter_evidence": notice.evidence.filter(kind=Evidence.Kind.COUNTER),
            "supplement": supplement,
            "error": error,
            "new": request.GET.get("new") == "1",
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
def counter_notice(request, token):
    notice = get_object_or_404(TakedownRequest.objects.exclude(counter_token=""), counter_token=token)
    form = CounterNoticeForm(request.POST or None, request.FILES or None)
    done = notice.status != TakedownRequest.Status.MEASURES_APPLIED
    if request.method == "POST" and not done and form.is_valid():
        actions.receive_counter_notice(notice, form.save(commit=False), form.cleaned_data["evidence"])
        done = True
    response = render(
        request,
        "takedowns/counter.html",
        {"notice": notice, "form": form, "done": done},
        status=400 if request.method == "POST" and form.errors else 200,
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def announcement(request, reference):
    """公告: a notice forwarded to an author who cannot be reached, published with no personal data."""
    notice = get_object_or_404(
        TakedownRequest.objects.exclude(announced_at=None), reference=reference, portal=request.portal
    )
    return render(
        request,
        "takedowns/announcement.html",
        {
            "notice": notice,
            "targets": notice.targets.all(),
            "counter_url": reverse("takedowns:counter", args=[notice.counter_token]) if notice.counter_token else "",
        },
    )


def policy(request):
    return render(request, "takedowns/policy.html")


def transparency(request):
    """Counts per half-year, with no personal data."""
    rows = {}
    notices = TakedownRequest.objects.filter(portal=request.portal).values_list(
        "pk", "received_at", "status", "right_claimed", "measures__id"
    )
    seen = set()
    for key, received_at, status, right, measure in notices:
        local = timezone.localtime(received_at)
        period = f"{local.year}年{'上' if local.month <= 6 else '下'}半年"
        row = rows.setdefault(
            period, {"received": set(), "actioned": set(), "rejected": set(), "restored": set(), "rights": Counter()}
        )
        row["received"].add(key)
        if measure:
            row["actioned"].add(key)
        if status == TakedownRequest.Status.REJECTED:
            row["rejected"].add(key)
        if status == TakedownRequest.Status.RESTORED:
            row["restored"].add(key)
        if key not in seen:
            row["rights"][right] += 1
            seen.add(key)
    table = [
        {
            "period": period,
            **{k: len(v) for k, v in row.items() if k != "rights"},
            "rights": [(label, row["rights"].get(value, 0)) for value, label in Right.choices],
        }
        for period, row in sorted(rows.items(), reverse=True)
    ]
    return render(request, "takedowns/transparency.html", {"table": table, "rights": Right.choices})
