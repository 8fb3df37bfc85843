from django.urls import path

from . import views

app_name = "editorial"
urlpatterns = [
    path("preview/<str:token>/", views.shared_preview, name="shared_preview"),
    path("corrections/", views.corrections, name="corrections"),
]
