from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views

app_name = "exchange"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("new/", views.new, name="new"),
    path("login/", views.Login.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page=reverse_lazy("exchange:login")), name="logout"),
]
