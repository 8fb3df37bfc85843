from django.urls import path

app_name = "seo"
urlpatterns = []
