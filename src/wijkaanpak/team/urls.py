from django.urls import path

from wijkaanpak.team import organisation_views, views

app_name = "team"
urlpatterns = [
    path("programmas/nieuw/", views.programme_create, name="programme_create"),
    path("programmas/<slug:slug>/inrichting/", views.setup, name="setup"),
    path("programmas/<slug:slug>/bewerken/", views.programme_edit, name="programme_edit"),
    path("programmas/<slug:slug>/ambities/nieuw/", views.ambition_create, name="ambition_create"),
    path("ambities/<int:pk>/bewerken/", views.ambition_edit, name="ambition_edit"),
    path("programmas/<slug:slug>/themas/nieuw/", views.theme_create, name="theme_create"),
    path("themas/<int:pk>/bewerken/", views.theme_edit, name="theme_edit"),
    path("programmas/<slug:slug>/team/", views.team, name="team"),
    path("programmas/<slug:slug>/team/uitnodigen/", views.invite, name="invite"),
    path("programmas/<slug:slug>/team/<int:user_id>/rol/", views.member_role, name="member_role"),
    path(
        "programmas/<slug:slug>/team/<int:user_id>/verwijderen/",
        views.member_remove,
        name="member_remove",
    ),
    path(
        "programmas/<slug:slug>/team/<int:user_id>/deactiveren/",
        views.member_deactivate,
        name="member_deactivate",
    ),
    path(
        "programmas/<slug:slug>/team/uitnodigingen/<int:pk>/intrekken/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("uitnodiging/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("organisaties/nieuw/", organisation_views.organisation_create, name="organisation_create"),
    path(
        "organisaties/<slug:slug>/bewerken/",
        organisation_views.organisation_edit,
        name="organisation_edit",
    ),
]
