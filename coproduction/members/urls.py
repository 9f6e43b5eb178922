from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("sign-up/", views.sign_up, name="sign_up"),
    path("sign-up/check-your-email/", views.sign_up_sent, name="sign_up_sent"),
    path("sign-up/<str:token>/", views.sign_up_finish, name="sign_up_finish"),
    path("sign-in/", views.SignInView.as_view(), name="sign_in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign_out"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetSentView.as_view(), name="password_reset_sent"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("profile/", views.profile, name="profile"),
    path("profile/edit/", views.profile_edit, name="profile_edit"),
    path("my-data.json", views.my_data, name="my_data"),
    path("delete/", views.delete_account, name="delete_account"),
    path("supporters/", views.supporters, name="supporters"),
    path("supporters/accept/<str:token>/", views.accept_supporter, name="accept_supporter"),
]
