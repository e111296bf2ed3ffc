from django.urls import URLPattern, URLResolver, path

from wijkaanpak.areas import views

app_name = "areas"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.area_search, name="search"),
    path("<str:code>/", views.area_detail, name="detail"),
]
