"""Writes of the residents app, by resource (re-exported here)."""

from wijkaanpak.residents.services.ambassadors import (
    ambassador_export,
    ambassador_forget,
    ambassador_leave,
    ambassador_register,
    ambassador_update,
)
from wijkaanpak.residents.services.fund import (
    application_photo_add,
    application_submit,
    application_transition,
    fund_set,
    retention_apply,
)
from wijkaanpak.residents.services.signals import (
    routing_rule_set,
    signal_submit,
    signal_theme_set,
    signal_transition,
)

__all__ = [
    "ambassador_export",
    "ambassador_forget",
    "ambassador_leave",
    "ambassador_register",
    "ambassador_update",
    "application_photo_add",
    "application_submit",
    "application_transition",
    "fund_set",
    "retention_apply",
    "routing_rule_set",
    "signal_submit",
    "signal_theme_set",
    "signal_transition",
]
