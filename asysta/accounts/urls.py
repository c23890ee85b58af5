from django.urls import path

from asysta.accounts import views

app_name = "accounts"

urlpatterns = [
    path("logowanie/", views.LoginView.as_view(), name="login"),
    path("wyloguj/", views.LogoutView.as_view(), name="logout"),
    path("sesja-wygasla/", views.session_expired, name="session_expired"),
    path("sesja/przedluz/", views.keepalive, name="keepalive"),
    path("2fa/", views.mfa_verify, name="mfa_verify"),
    path("2fa/konfiguracja/", views.mfa_setup, name="mfa_setup"),
]
