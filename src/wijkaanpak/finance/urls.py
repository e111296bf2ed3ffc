from django.urls import path

from wijkaanpak.finance import views

app_name = "finance"
urlpatterns = [
    path("", views.finance_index, name="index"),
    path("<slug:slug>/", views.programme_finance, name="programme"),
    path("<slug:slug>/import/", views.budget_import, name="import"),
    path("<slug:slug>/<int:year>/", views.programme_finance, name="year"),
    path("<slug:slug>/<int:year>/lines/new/", views.line_create, name="line_create"),
    path("<slug:slug>/<int:year>/lines/<int:pk>/", views.line_edit, name="line_edit"),
    path(
        "<slug:slug>/<int:year>/realisations/",
        views.realisation_create,
        name="realisation_create",
    ),
]
