from django.urls import path

from . import subscriptions, views

app_name = "comments"


def urlpatterns_for(*, render_article):
    """The comments URLs. A rejected post re-renders the article page, whose
    renderer the site passes in (masthead/urls.py): this app may not import it."""
    return [
        path("<slug:slug>/comments/", views.post_comment,
             {"render_article": render_article}, name="post"),
        path("comments/replies/confirm/<str:token>/", subscriptions.confirm_replies,
             name="confirm"),
        path("comments/replies/unsubscribe/<str:token>/",
             subscriptions.unsubscribe_replies, name="unsubscribe"),
    ]
