from django.urls import path

from . import views

app_name = "editorial"


def urlpatterns_for(*, render_article):
    """The public editorial URLs. A shared preview is the article page, whose
    renderer the site passes in (masthead/urls.py): this app may not import it."""
    return [
        path("preview/<str:token>/", views.shared_preview,
             {"render_article": render_article}, name="shared_preview"),
        path("corrections/", views.corrections, name="corrections"),
    ]
