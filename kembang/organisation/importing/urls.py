from django.urls import path

from kembang.organisation.importing import views

app_name = "imports"
urlpatterns = [path("", views.start, name="start")]
