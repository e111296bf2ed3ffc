from django.conf import settings
from django.conf.urls.i18n import i18n_patterns  # noqa: F401
from django.contrib import admin
from django.http import HttpRequest
from django.urls import include, path

from wijkaanpak.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("wijkaanpak.accounts.urls")),
    path("areas/", include("wijkaanpak.areas.urls")),
    path("organisations/", include("wijkaanpak.organisations.urls")),
    path("indicators/", include("wijkaanpak.indicators.urls")),
    path("outreach/", include("wijkaanpak.outreach.urls")),
    path("finance/", include("wijkaanpak.finance.urls")),
    path("participatie/", include("wijkaanpak.participation.urls")),
    path("bewoners/", include("wijkaanpak.residents.urls")),
    path("", include("wijkaanpak.reports.urls")),
    path("", include("wijkaanpak.notifications.urls")),
    path("", include("wijkaanpak.team.urls")),  # before opportunities: programmas/nieuw/
    path("", include("wijkaanpak.opportunities.urls")),
    path("", include("wijkaanpak.programmes.urls")),
    path("", include("wijkaanpak.core.urls")),
]

# The admin branded as the application's back office (issue 15).
admin.site.site_header = "Wijkaanpak beheer"
admin.site.site_title = "Wijkaanpak beheer"


def _installation_admins_only(request: HttpRequest) -> bool:
    """The Django admin is the installation administrators' tool (docs/roles.md): superusers
    only. Municipalities run their programmes in the application's own pages."""
    user = request.user
    return bool(user.is_active and user.is_superuser)


admin.site.has_permission = _installation_admins_only  # type: ignore[method-assign]

handler404 = "wijkaanpak.core.errors.page_not_found"
handler500 = "wijkaanpak.core.errors.server_error"

if settings.DEBUG:
    urlpatterns += []
