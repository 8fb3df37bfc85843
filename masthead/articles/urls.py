from django.urls import path

from . import views

# The site adds the article page itself ("articles:detail", site/views.py):
# page assembly is the site layer's.
app_name = "articles"
urlpatterns = [
    path("sections/<slug:slug>/", views.section_detail, name="section"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag"),
]
