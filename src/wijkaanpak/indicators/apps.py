from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "wijkaanpak.indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from wijkaanpak.areas.models import Area, AreaBoundary
        from wijkaanpak.indicators.map_data import map_version_bump
        from wijkaanpak.indicators.models import Observation

        # Cached maps (indicators.map_data) follow changed areas, boundaries and figures.
        for model in (Area, AreaBoundary, Observation):
            post_save.connect(map_version_bump, sender=model, dispatch_uid=f"map-{model.__name__}")
            post_delete.connect(
                map_version_bump, sender=model, dispatch_uid=f"map-del-{model.__name__}"
            )
