from django.urls import path

from . import views

app_name = "takedowns"
urlpatterns = [
    path("new/", views.new_notice, name="new"),
    path("track/<slug:token>/", views.track, name="track"),
    path("counter/<slug:token>/", views.counter_notice, name="counter"),
    path("announcements/<str:reference>/", views.announcement, name="announcement"),
    path("policy/", views.policy, name="policy"),
    path("transparency/", views.transparency, name="transparency"),
]
