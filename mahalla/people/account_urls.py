from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from mahalla.people.forms import LoginForm, PasswordResetEmailForm
from mahalla.people.views import account
from mahalla.people.views_language import set_language

# Names are global (no namespace) because Django's auth views reverse them so.
urlpatterns = [
    path("", account.account, name="account"),
    path("token/", account.api_token_rotate, name="api_token_rotate"),
    path("language/", set_language, name="set_language"),
    path("time-zone/", account.time_zone_set, name="time_zone_set"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=LoginForm
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(form_class=PasswordResetEmailForm),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
