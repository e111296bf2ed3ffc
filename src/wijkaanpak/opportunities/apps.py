from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpportunitiesConfig(AppConfig):
    name = "wijkaanpak.opportunities"
    verbose_name = _("Opportunities (kansen)")

    def ready(self) -> None:
        # The coordinator's start page (core/attention.py).
        from wijkaanpak.core.attention import attention_register
        from wijkaanpak.opportunities.attention import measures_past_target_date

        attention_register("measures_past_target_date", measures_past_target_date)
