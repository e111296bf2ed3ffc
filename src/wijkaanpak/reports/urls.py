from django.urls import path

from wijkaanpak.reports import views

app_name = "reports"
urlpatterns = [
    path("programmas/<slug:slug>/rapportage/<int:year>/", views.report_year, name="year"),
    path(
        "programmas/<slug:slug>/rapportage/<int:year>/tekst/<str:section>/",
        views.narrative_edit,
        name="narrative",
    ),
    path(
        "programmas/<slug:slug>/rapportage/<int:year>/status/",
        views.report_transition,
        name="transition",
    ),
    path(
        "programmas/<slug:slug>/rapportage/<int:year>/versies/<int:number>.<str:fmt>",
        views.published_download,
        name="published",
    ),
    path("programmas/<slug:slug>/dashboard/", views.dashboard, name="dashboard"),
    path(
        "programmas/<slug:slug>/rapportage/<int:year>/opmerkingen/",
        views.review_comment,
        name="comment",
    ),
]
