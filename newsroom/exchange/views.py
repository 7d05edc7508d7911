"""在线投稿: a registered 通讯员 of this portal signs in, sends manuscripts with photos and sees
what became of each (已收到 / 已采用 / 退稿 and why) — and nothing else of the newsroom."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache

from . import actions
from .forms import ManuscriptForm
from .models import Correspondent


def _correspondent(request):
    """The signed-in user's correspondent record in this portal, or None."""
    if not request.user.is_authenticated:
        return None
    return Correspondent.objects.filter(user=request.user, portal=request.portal).select_related("user").first()


class Login(auth_views.LoginView):
    template_name = "exchange/login.html"
    next_page = reverse_lazy("exchange:mine")
    redirect_authenticated_user = False


@never_cache
def mine(request):
    correspondent = _correspondent(request)
    if correspondent is None:
        return redirect("exchange:login")
    manuscripts = correspondent.manuscripts.prefetch_related("photos")[:100]
    return render(request, "exchange/mine.html", {"correspondent": correspondent, "manuscripts": manuscripts})


@never_cache
def new(request):
    correspondent = _correspondent(request)
    if correspondent is None:
        return redirect("exchange:login")
    status = 200
    form = ManuscriptForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.send(correspondent, form.cleaned_data["title"], form.cleaned_data["body"], form.photos())
            except actions.ExchangeError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "投稿已收到，编辑处理后这里会显示结果。")
                return redirect("exchange:mine")
        status = 400
    return render(request, "exchange/new.html", {"correspondent": correspondent, "form": form}, status=status)
