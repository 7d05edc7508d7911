from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("a/<slug:slug>/block/", views.block, name="block"),
    path("a/<slug:slug>/", views.all_comments, name="all"),
    path("a/<slug:slug>/post/", views.post, name="post"),
    path("c/<int:pk>/like/", views.like, name="like"),
    path("c/<int:pk>/report/", views.report, name="report"),
    path("report/<str:token>/", views.report_status, name="report_status"),
    path("verify/", views.verify, name="verify"),
    path("leave/", views.leave, name="leave"),
]
