from django.urls import path

from . import subscriptions, views

app_name = "comments"
urlpatterns = [
    path("<slug:slug>/comments/", views.post_comment, name="post"),
    path("comments/replies/confirm/<str:token>/", subscriptions.confirm_replies,
         name="confirm"),
    path("comments/replies/unsubscribe/<str:token>/", subscriptions.unsubscribe_replies,
         name="unsubscribe"),
]
