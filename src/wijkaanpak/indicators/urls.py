from django.urls import path

from wijkaanpak.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.indicator_index, name="index"),
    path("import/", views.indicator_import, name="import"),
    path("gebied/<str:code>/", views.area_profile, name="profile"),
    path("programma/<slug:slug>/", views.ambition_scorecard, name="scorecard"),
    path("indicator/<str:code>/", views.indicator_detail, name="detail"),
    path(
        "programma/<slug:slug>/kenniskring/",
        views.interpretation_list,
        name="interpretations",
    ),
    path(
        "programma/<slug:slug>/kenniskring/nieuw/",
        views.interpretation_create,
        name="interpretation_create",
    ),
    path("kenniskring/<int:pk>/", views.interpretation_edit, name="interpretation_edit"),
    path("programma/<slug:slug>/streefwaarden/", views.target_list, name="targets"),
    path("programma/<slug:slug>/streefwaarden/<int:pk>/", views.target_edit, name="target_edit"),
]
