from django.urls import path

from wijkaanpak.residents import team_views, views

app_name = "residents"

urlpatterns = [
    path("<slug:slug>/melden/", views.signal_create, name="signal_create"),
    path("volgen/", views.signal_follow_lookup, name="signal_follow_lookup"),
    path("volgen/<str:code>/", views.signal_follow, name="signal_follow"),
    path("<slug:slug>/initiatieffonds/aanvragen/", views.fund_apply, name="fund_apply"),
    path("<slug:slug>/initiatieffonds/bedankt/", views.fund_thanks, name="fund_thanks"),
    path("<slug:slug>/initiatieven/", views.initiatives, name="initiatives"),
    path("ik/", views.me, name="me"),
    path("ik/stoppen/", views.me_leave, name="me_leave"),
    path("<slug:slug>/meldingen/", team_views.signal_queue, name="signals"),
    path("meldingen/<int:pk>/", team_views.signal_detail, name="signal"),
    path("meldingen/<int:pk>/status/", team_views.signal_transition, name="signal_transition"),
    path("meldingen/<int:pk>/foto/", views.signal_photo, name="signal_photo"),
    path("<slug:slug>/aanvragen/", team_views.application_queue, name="applications"),
    path("aanvragen/<int:pk>/", team_views.application_detail, name="application"),
    path(
        "aanvragen/<int:pk>/status/",
        team_views.application_transition,
        name="application_transition",
    ),
    path(
        "aanvragen/<int:pk>/fotos/", team_views.application_photo_add, name="application_photo_add"
    ),
    path(
        "aanvragen/<int:pk>/fotos/<int:photo_id>/",
        team_views.application_photo,
        name="application_photo",
    ),
    path("<slug:slug>/ambassadeurs/", team_views.ambassadors, name="ambassadors"),
    path("ambassadeurs/<int:pk>/vergeten/", team_views.ambassador_forget, name="ambassador_forget"),
]
