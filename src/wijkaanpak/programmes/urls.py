from django.urls import path

from wijkaanpak.programmes import views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_index, name="index"),
    path("programmas/<slug:slug>/", views.programme_detail, name="detail"),
    path("programmas/<slug:slug>/langjarig/", views.programme_long_running, name="long_running"),
]
