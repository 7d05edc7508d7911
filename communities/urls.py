from django.urls import path

from . import views

app_name = "communities"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("honours/", views.honours, name="honours"),
    path("facilities/<slug:slug>/", views.facility, name="facility"),
    path("streets/<slug:slug>/", views.street, name="street"),
    path("<slug:slug>/", views.detail, name="detail"),
]
