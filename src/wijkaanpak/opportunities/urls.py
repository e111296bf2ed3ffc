from django.urls import path

from wijkaanpak.opportunities import views

app_name = "opportunities"
urlpatterns = [
    path("programmas/<slug:slug>/", views.programme_detail, name="programme"),
    path("programmas/<slug:slug>/langjarig/", views.programme_long_running, name="long_running"),
    path("kansen/<int:pk>/", views.opportunity_detail, name="detail"),
    path("kansen/<int:pk>/voortgang/", views.progress_update_create, name="progress_create"),
    path("kansen/<int:pk>/status/", views.status_change, name="status_change"),
    path(
        "kansen/metingen/<int:pk>/waarde/",
        views.measure_value_record,
        name="measure_value_record",
    ),
]
