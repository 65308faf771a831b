from django.contrib.auth import views as auth_views
from django.urls import path

from kembang.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("aktivasi/", views.activate, name="activate"),
    path("sandi/", views.PasswordChangeView.as_view(), name="password_change"),
    path("sandi/lupa/", views.password_reset, name="password_reset"),
    path("sandi/lupa/terkirim/", views.password_reset_done, name="password_reset_done"),
    path("sandi/atur/<uidb64>/<token>/", views.password_reset_confirm,
         name="password_reset_confirm"),
]
