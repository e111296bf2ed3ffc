from django.urls import URLPattern, URLResolver, path  # noqa: F401

app_name = "areas"
urlpatterns: list[URLPattern | URLResolver] = []
