from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "wijkaanpak.outreach"
    verbose_name = _("Outreach (door to door)")

    def ready(self) -> None:
        # Roles that see residents' personal data must use two-factor authentication.
        from wijkaanpak.accounts.two_factor import register_two_factor_rule
        from wijkaanpak.outreach.selectors import user_sees_personal_data

        register_two_factor_rule(user_sees_personal_data)

        # Scheduled work: retention daily, service-level and reporting checks hourly
        # (run by `wijkaanpak worker`).
        from wijkaanpak.outreach import tasks  # noqa: F401
