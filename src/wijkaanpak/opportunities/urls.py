from django.urls import path

from wijkaanpak.opportunities import views

app_name = "opportunities"
urlpatterns = [
    path("programmas/<slug:slug>/", views.programme_detail, name="programme"),
    path("programmas/<slug:slug>/langjarig/", views.programme_long_running, name="long_running"),
    path("programmas/<slug:slug>/kansen/nieuw/", views.opportunity_create, name="create"),
    path("kansen/<int:pk>/", views.opportunity_detail, name="detail"),
    path("kansen/<int:pk>/bewerken/", views.opportunity_edit, name="edit"),
    path("kansen/<int:pk>/coalitie/", views.coalition, name="coalition"),
    path(
        "kansen/<int:pk>/coalitie/<int:member_pk>/",
        views.coalition_member_edit,
        name="coalition_member_edit",
    ),
    path("kansen/<int:pk>/metingen/nieuw/", views.measure_create, name="measure_create"),
    path("kansen/metingen/<int:pk>/bewerken/", views.measure_edit, name="measure_edit"),
    path("kansen/voortgang/<int:pk>/bewerken/", views.progress_update_edit, name="progress_edit"),
    path(
        "kansen/voortgang/<int:pk>/verwijderen/",
        views.progress_update_delete,
        name="progress_delete",
    ),
    path("kansen/<int:pk>/voortgang/", views.progress_update_create, name="progress_create"),
    path("kansen/<int:pk>/status/", views.status_change, name="status_change"),
    path(
        "kansen/metingen/<int:pk>/waarde/",
        views.measure_value_record,
        name="measure_value_record",
    ),
]
