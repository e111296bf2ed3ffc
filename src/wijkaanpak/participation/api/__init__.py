"""The participation API: activities and follow-up, the calendar, communication, stories and
calendar feed addresses. Public reads show only what is public; writes follow the services'
role rules (docs/participation.md)."""

# isort: off
from wijkaanpak.participation.api.base import router
from wijkaanpak.participation.api import activities as activities
from wijkaanpak.participation.api import communication as communication
# isort: on

__all__ = ["router"]
