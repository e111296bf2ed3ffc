from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "wijkaanpak.finance"
    verbose_name = _("Finance")

    def ready(self) -> None:
        # The coordinator's start page (core/attention.py).
        from wijkaanpak.core.attention import attention_register
        from wijkaanpak.finance.attention import budget_unallocated

        attention_register("budget_unallocated", budget_unallocated)
