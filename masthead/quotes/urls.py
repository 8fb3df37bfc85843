from django.urls import path

from . import views

app_name = "quotes"
urlpatterns = [
    path("", views.voice_index, name="index"),
    path("<slug:slug>/", views.voice_detail, name="voice"),
]
