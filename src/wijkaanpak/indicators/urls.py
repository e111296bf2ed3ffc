from django.urls import path

from wijkaanpak.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.indicator_index, name="index"),
    path("import/", views.indicator_import, name="import"),
    path("gebied/<str:code>/", views.area_profile, name="profile"),
    path("programma/<slug:slug>/", views.ambition_scorecard, name="scorecard"),
    path("indicator/<str:code>/", views.indicator_detail, name="detail"),
]
