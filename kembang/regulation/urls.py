from django.urls import path

from kembang.regulation import views

app_name = "regulation"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("bandingkan/", views.compare, name="compare"),
    path("versi-baru/", views.version_create, name="version_create"),
    path("hitung/", views.calculate, name="calculate"),
]
