"""Staff login and second factor, under /<lang>/staff/ (namespace "accounts")."""

from django.urls import path

from . import auth_views

app_name = "accounts"

urlpatterns = [
    path("login/", auth_views.StaffLoginView.as_view(), name="login"),
    path("logout/", auth_views.StaffLogoutView.as_view(), name="logout"),
    path("two-factor/setup/", auth_views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/verify/", auth_views.two_factor_verify_view, name="two_factor_verify"),
    path("password/", auth_views.StaffPasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.StaffPasswordChangeDoneView.as_view(), name="password_change_done"),
]
