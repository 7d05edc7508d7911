from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("", views.new_report, name="new"),
    path("thanks/", views.thanks, name="thanks"),
]
