"""The team app's job: the invitation e-mail (imported from TeamConfig.ready)."""

from __future__ import annotations

from wijkaanpak.jobs.services import job
from wijkaanpak.team.services import INVITATION_EMAIL_JOB, invitation_email_send


@job(name=INVITATION_EMAIL_JOB)
def send_invitation(*, invitation_id: int) -> None:
    invitation_email_send(invitation_id=invitation_id)
