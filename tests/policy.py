"""The declared authorisation policy: for every page and API operation, what each persona gets.

tests/test_authorisation_matrix.py calls every endpoint of the URL configuration and of the
OpenAPI document as every persona (tests/world.py) and compares the answer with this table.
An endpoint without an entry here fails the test; so does an entry for an endpoint that no
longer exists.

Expected answers (`classify` in the test):
    OK        2xx
    LOGIN     a redirect to a login page
    REDIRECT  another redirect
    E401 / E403 / E404 / E405   that status code

Keys: pages by URL name ("namespace:name"), API operations by "METHOD /api/v1/path" as in
/api/v1/openapi.json. `params` fills path parameters from the world (tests/world.py);
`body` is the JSON (API) or form data (pages) sent with writes. Each case's `expect` maps every
persona to an answer; use the helpers below to write the common rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.world import PERSONAS

OK, LOGIN, REDIRECT = "2xx", "login", "redirect"
E400, E401, E403, E404, E405 = "400", "401", "403", "404", "405"

Expect = dict[str, str]


def everyone(answer: str) -> Expect:
    return dict.fromkeys(PERSONAS, answer)


def logged_in(answer: str, anonymous: str) -> Expect:
    return {**everyone(answer), "anonymous": anonymous}


def programme_role(minimum: str, *, allowed: str = OK, denied: str = E403) -> Expect:
    """A write that needs `minimum` (viewer < editor < coordinator) in the programme."""
    # Utrecht's municipality administrator counts as a coordinator of Utrecht's programmes;
    # Zeist's personas and the data steward have no role in them (docs/roles.md).
    ranks = {"viewer": 1, "editor": 2, "coordinator": 3, "gemeente_utrecht": 3}
    expect = {**everyone(denied), "anonymous": E401}
    for persona, rank in ranks.items():
        if rank >= ranks[minimum]:
            expect[persona] = allowed
    return expect


def programme_page(minimum: str, *, allowed: str = OK) -> Expect:
    """A page (form) that needs `minimum` in the programme: visitors are sent to log in."""
    return {**programme_role(minimum, allowed=allowed), "anonymous": LOGIN}


PROGRAMME_MEMBERS = ("viewer", "editor", "coordinator")


def contributor(expect: Expect, allowed: str) -> Expect:
    """Progress and measure values: editors, and partner_a (Mitros, in the matrix kans's
    coalition: partners in the loop). partner_b's DOCK is not in that coalition."""
    return {**expect, "partner_a": allowed}


def campaign_coordinator(allowed: str) -> Expect:
    """Campaign set-up pages: the coordinator; who sees the campaign otherwise gets 403, who
    does not see it 404."""
    return roles(
        E404,
        anonymous=LOGIN,
        coordinator=allowed,
        viewer=E403,
        editor=E403,
        outreach_worker=E403,
        coach=E403,  # coaches a household of the campaign, so sees it
        back_office=E403,
        privacy_officer=E403,
    )


def progress_author(allowed: str, *, anonymous: str) -> Expect:
    """A progress update written by the editor: its author and coordinators change it."""
    return {
        **everyone(E403),
        "anonymous": anonymous,
        "editor": allowed,
        "coordinator": allowed,
        "gemeente_utrecht": allowed,  # the municipality's administrator counts as coordinator
    }


def zeist_role(*, allowed: str = OK, denied: str = E403, anonymous: str = E401) -> Expect:
    """A write on Zeist's programme (the second municipality): only its coordinator and its
    municipality administrator; every Utrecht persona and the data steward are refused."""
    return {
        **everyone(denied),
        "anonymous": anonymous,
        "coordinator_zeist": allowed,
        "gemeente_zeist": allowed,
    }


def roles(default: str, *, anonymous: str = E401, **answers: str) -> Expect:
    """Outreach: `default` for every logged-in persona not named, `anonymous` for visitors."""
    return {**everyone(default), "anonymous": anonymous, **answers}


def _csv(name: str, text: str) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def _budget_file() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    table = (
        "Onderwerp;Bedrag (x 1.000 euro)\nDOCK;255\nNiet besteed;35\nProceskosten;10\nTotaal;300\n"
    )
    return SimpleUploadedFile("begroting.csv", table.encode(), content_type="text/csv")


def _indicator_file() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    # An indicator of Utrecht's own monitor (tests/world.py) for Overvecht: Utrecht's
    # coordinator and administrator and the data steward may import it, Zeist may not.
    table = "indicator,area,period,value,source\nmatrix_utrecht_eigen,WK034403,2023,33,matrix\n"
    return SimpleUploadedFile("cijfers.csv", table.encode(), content_type="text/csv")


# Who may open the import page without a role in Utrecht's programme (they import their own).
IMPORTERS_ELSEWHERE: Expect = {"coordinator_zeist": OK, "gemeente_zeist": OK, "data_steward": OK}


@dataclass
class Case:
    expect: Expect
    params: dict[str, str] = field(default_factory=dict)  # path parameter -> world key
    body: dict[str, Any] | Callable[[Any], dict[str, Any]] | None = None
    multipart: bool = False  # API: send `body` as a multipart form (files) instead of JSON
    note: str = ""


def case(expect: Expect, **kwargs: Any) -> list[Case]:
    return [Case(expect=expect, **kwargs)]


# --- Pages (URL configuration) ---------------------------------------------------------------
# Each page is checked with GET; add "POST <name>" entries for pages whose forms post.

PAGES: dict[str, list[Case]] = {
    # Two programmes (Utrecht's and Zeist's): the index lists them.
    "programmes:index": case(everyone(OK)),
    "opportunities:programme": case(everyone(OK), params={"slug": "programme_slug"}),
    "opportunities:long_running": case(everyone(OK), params={"slug": "programme_slug"}),
    "opportunities:detail": case(everyone(OK), params={"pk": "kans_id"}),
    # Editors' forms: GET shows the form, POST with valid data saves and redirects to the kans.
    "opportunities:progress_create": case(
        contributor(programme_page("editor"), OK), params={"pk": "kans_id"}
    ),
    "POST opportunities:progress_create": case(
        contributor(programme_page("editor", allowed=REDIRECT), REDIRECT),
        params={"pk": "kans_id"},
        body={"date": "2020-03-01", "text": "Matrix: voortgang"},
    )
    + case(  # the same on a kans of Zeist's programme
        zeist_role(allowed=REDIRECT, anonymous=LOGIN),
        params={"pk": "zeist_kans_id"},
        body={"date": "2021-10-01", "text": "Matrix: voortgang Zeist"},
    ),
    "opportunities:measure_value_record": case(
        contributor(programme_page("editor"), OK), params={"pk": "measure_id"}
    ),
    "POST opportunities:measure_value_record": case(
        contributor(programme_page("editor", allowed=REDIRECT), REDIRECT),
        params={"pk": "measure_id"},
        body={"date": "2020-03-01", "value": "3"},
    ),
    "opportunities:status_change": case(programme_page("editor"), params={"pk": "kans_id"}),
    "POST opportunities:status_change": case(
        programme_page("editor", allowed=REDIRECT),
        params={"pk": "kans_id"},
        body=lambda w: {
            "to": "completed",
            "on": "2030-01-01",
            "reason": "Matrix",
            "version": w["kans"].version,
        },
    ),
    "organisations:list": case(everyone(OK)),
    "organisations:detail": case(everyone(OK), params={"slug": "org_a_slug"}),
    "accounts:login": case(logged_in(REDIRECT, anonymous=OK)),
    # Logout is POST-only (Django 5): GET is 405 for everybody.
    "accounts:logout": case(everyone(E405)),
    "POST accounts:logout": case(everyone(REDIRECT)),
    "accounts:2fa_setup": case(
        {
            **logged_in(OK, anonymous=LOGIN),
            # Already enrolled and verified: may add a device (the page shows a new key).
        }
    ),
    "accounts:2fa_verify": case(
        {
            **logged_in(REDIRECT, anonymous=LOGIN),  # no confirmed device: to enrolment
            "outreach_worker": OK,
            "coach": OK,
            "partner_a": OK,
            "partner_b": OK,
            "back_office": OK,
            "privacy_officer": OK,
        }
    ),
    # Finance: the budget is public (council report); only coordinators import and record spending.
    "finance:index": case(everyone(OK)),  # two programmes: the list
    "finance:programme": case(everyone(OK), params={"slug": "programme_slug"}),
    "finance:year": case(everyone(OK), params={"slug": "programme_slug", "year": "budget_year"}),
    "finance:import": case(programme_page("coordinator"), params={"slug": "programme_slug"}),
    # The annual report: a draft, for the programme team only (no published version yet).
    "reports:year": case(
        programme_page("viewer"), params={"slug": "programme_slug", "year": "budget_year"}
    ),
    "reports:narrative": case(
        programme_page("editor"),
        params={"slug": "programme_slug", "year": "budget_year", "section": "report_section"},
    ),
    "POST reports:narrative": case(
        programme_page("editor", allowed=REDIRECT),
        params={"slug": "programme_slug", "year": "budget_year", "section": "report_section"},
        body={"text": "Matrix: voorwoord", "version": "0"},
    ),
    "reports:transition": case(
        everyone(E405), params={"slug": "programme_slug", "year": "budget_year"}
    ),
    "POST reports:transition": case(
        programme_page("editor", allowed=REDIRECT),
        params={"slug": "programme_slug", "year": "budget_year"},
        body={"to": "review", "version": "0"},
    ),
    # Published versions are public; the world publishes none (tests in reports/tests).
    "reports:published": case(
        everyone(E404),
        params={
            "slug": "programme_slug",
            "year": "budget_year",
            "number": "report_number",
            "fmt": "report_format",
        },
    ),
    "POST finance:import": case(
        programme_page("coordinator"),  # a dry run shows the report
        params={"slug": "programme_slug"},
        body=lambda w: {"file": _budget_file(), "dry_run": "on"},
    ),
    "finance:realisation_create": case(
        programme_page("coordinator", allowed=REDIRECT),  # GET goes back to the year page
        params={"slug": "programme_slug", "year": "budget_year"},
    ),
    "POST finance:realisation_create": case(
        programme_page("coordinator", allowed=REDIRECT),
        params={"slug": "programme_slug", "year": "budget_year"},
        body=lambda w: {"line": w["budget_line_id"], "date": "2020-06-01", "amount": "1"},
    ),
    "finance:line_create": case(
        programme_page("coordinator"),
        params={"slug": "programme_slug", "year": "budget_year"},
    ),
    "POST finance:line_create": case(
        programme_page("coordinator", allowed=REDIRECT),  # back to the year page
        params={"slug": "programme_slug", "year": "budget_year"},
        body=lambda w: {
            "subject": "Matrix line",
            "amount": "1",
            "kind": "regular",
            "status": "allocated",
        },
    ),
    "finance:line_edit": case(
        programme_page("coordinator"),
        params={"slug": "programme_slug", "year": "budget_year", "pk": "budget_line_id"},
    ),
    "POST finance:line_edit": case(
        programme_page("coordinator", allowed=REDIRECT),
        params={"slug": "programme_slug", "year": "budget_year", "pk": "budget_line_id"},
        body=lambda w: {
            "subject": "Matrix line, edited",
            "amount": "1000000",
            "kind": "regular",
            "status": "allocated",
        },
    ),
    # Indicators: figures and profiles are public; coordinators import.
    "indicators:index": case(everyone(OK)),
    "indicators:profile": case(everyone(OK), params={"code": "district_code"}),
    "indicators:scorecard": case(everyone(OK), params={"slug": "programme_slug"}),
    "indicators:detail": case(everyone(OK), params={"code": "indicator_code"}),
    # Municipal users import long files of their own municipality; the steward every file.
    "indicators:import": case({**programme_page("coordinator"), **IMPORTERS_ELSEWHERE}),
    "POST indicators:import": case(
        {**programme_page("coordinator"), "data_steward": OK},  # a dry run shows the report
        body=lambda w: {"file": _indicator_file(), "format": "long", "dry_run": "on"},
    ),
    # Outreach (docs/adr/0005): personal data only for the campaign's workers, the household's
    # coach, the receiving partner (shared fields) and the privacy officer; everybody else 404.
    "outreach:index": case(roles(OK, anonymous=LOGIN)),
    "outreach:campaign": case(
        roles(
            E404,
            anonymous=LOGIN,
            outreach_worker=OK,
            coach=OK,
            back_office=OK,
            privacy_officer=OK,
            viewer=OK,
            editor=OK,
            coordinator=OK,
        ),
        params={"pk": "campaign_id"},
    ),  # fmt: skip
    # The visit form: 404 for whoever is not a worker of the campaign (the API answers 403 to
    # those who can see the campaign).
    "outreach:visit": case(
        roles(E404, anonymous=LOGIN, outreach_worker=OK), params={"pk": "campaign_id"}
    ),
    "outreach:households": case(roles(OK, anonymous=LOGIN)),
    "outreach:household": case(
        roles(E404, anonymous=LOGIN, outreach_worker=OK, coach=OK),
        params={"pk": "household_id"},
    ),
    # POST-only pages: GET is 405 once logged in.
    "outreach:household_action": case(roles(E405, anonymous=LOGIN), params={"pk": "household_id"}),
    "outreach:referrals": case(roles(OK, anonymous=LOGIN)),
    "outreach:referral_transition": case(
        roles(E405, anonymous=LOGIN), params={"pk": "referral_a_id"}
    ),
    # Pages answer a refused change with a message and a redirect; the API gives 403.
    "POST outreach:referral_transition": case(
        roles(
            E404,
            anonymous=LOGIN,
            outreach_worker=REDIRECT,
            coach=REDIRECT,
            partner_a=REDIRECT,
            back_office=REDIRECT,
        ),
        params={"pk": "referral_a_id"},
        body=lambda w: {"to": "accepted", "version": w["referral_a_version"]},
    ),
    "outreach:escalations": case(roles(OK, anonymous=LOGIN)),
    "outreach:escalation_resolve": case(
        roles(E405, anonymous=LOGIN), params={"pk": "escalation_id"}
    ),
    "POST outreach:escalation_resolve": case(
        roles(E404, anonymous=LOGIN, outreach_worker=REDIRECT, back_office=REDIRECT),
        params={"pk": "escalation_id"},
        body={"resolution": "Matrix"},
    ),
    "outreach:escalation_assign": case(
        roles(E405, anonymous=LOGIN), params={"pk": "escalation_id"}
    ),
    "POST outreach:escalation_assign": case(
        roles(E404, anonymous=LOGIN, outreach_worker=REDIRECT, back_office=REDIRECT),
        params={"pk": "escalation_id"},
        body={"assignee": ""},
    ),
    "outreach:reporting_deadlines": case(
        programme_page("viewer"), params={"slug": "programme_slug"}
    ),
    "POST outreach:reporting_deadlines": case(
        programme_page("coordinator", allowed=REDIRECT),
        params={"slug": "programme_slug"},
        body={"title": "Matrix", "due_on": "2099-01-01"},
    ),
    # "My work" (issue 15): everyone logged in has a start page; the referral's page for those
    # who see the referral (the back office without the shared data).
    "outreach:work": case(roles(OK, anonymous=LOGIN)),
    "outreach:referral": case(
        roles(E404, anonymous=LOGIN, outreach_worker=OK, coach=OK, partner_a=OK, back_office=OK),
        params={"pk": "referral_a_id"},
    ),
    "outreach:audit": case(roles(E404, anonymous=LOGIN, privacy_officer=OK)),
    "outreach:audit_csv": case(roles(E404, anonymous=LOGIN, privacy_officer=OK)),
    "set_language": case(everyone(REDIRECT)),  # GET redirects back; the form POSTs
    "POST set_language": case(everyone(REDIRECT), body={"language": "en", "next": "/"}),
    "api:openapi-json": case(everyone(OK)),
    "api:openapi-view": case(everyone(OK)),
    # Notifications: each persona sees and marks only its own; the jobs page is for coordinators
    # (their programme's jobs) and administrators; the outbox exists only in the demo (DEBUG).
    "notifications:inbox": case(logged_in(OK, anonymous=LOGIN)),
    "notifications:read_all": case(logged_in(E405, anonymous=LOGIN)),
    "POST notifications:read_all": case(logged_in(REDIRECT, anonymous=LOGIN)),
    "notifications:read": case(
        logged_in(E405, anonymous=LOGIN), params={"notification_id": "editor_notification_id"}
    ),
    "POST notifications:read": case(
        {**logged_in(E404, anonymous=LOGIN), "editor": REDIRECT},
        params={"notification_id": "editor_notification_id"},
    ),
    "notifications:preferences": case(logged_in(OK, anonymous=LOGIN)),
    "POST notifications:preferences": case(
        logged_in(REDIRECT, anonymous=LOGIN), body={"email": "digest"}
    ),
    "notifications:jobs": case(
        {**logged_in(E403, anonymous=LOGIN), "coordinator": OK, "coordinator_zeist": OK}
    ),
    "notifications:outbox": case(logged_in(E404, anonymous=LOGIN)),
    # Running a kans (opportunities): editors create and edit; partners in the loop (members of
    # an organisation in the kans's coalition: partner_a works for Mitros, a partner in the
    # matrix kans) add progress and measure values; a progress update is changed by its author
    # (the editor wrote the world's) or a coordinator.
    "opportunities:create": case(programme_page("editor"), params={"slug": "programme_slug"}),
    "POST opportunities:create": case(
        programme_page("editor", allowed=REDIRECT),
        params={"slug": "programme_slug"},
        body={"title": "Matrix: nieuwe kans", "kind": "kans", "start_date": "2020-01-01"},
    ),
    "opportunities:edit": case(programme_page("editor"), params={"pk": "kans_id"}),
    "POST opportunities:edit": case(
        programme_page("editor", allowed=REDIRECT),
        params={"pk": "kans_id"},
        body=lambda w: {"title": "Matrix: bewerkt", "version": w["kans"].version},
    ),
    "opportunities:coalition": case(programme_page("editor"), params={"pk": "kans_id"}),
    "POST opportunities:coalition": case(
        programme_page("editor", allowed=REDIRECT),
        params={"pk": "kans_id"},
        body=lambda w: {"organisation": w["outside_org_id"], "role": "partner"},
    ),
    "opportunities:coalition_member_edit": case(
        programme_page("editor"), params={"pk": "kans_id", "member_pk": "coalition_member_id"}
    ),
    "POST opportunities:coalition_member_edit": case(
        programme_page("editor", allowed=REDIRECT),
        params={"pk": "kans_id", "member_pk": "coalition_member_id"},
        body=lambda w: {
            "role": "partner",
            "contact_function": "Matrix",
            "version": w["coalition_member_version"],
        },
    ),
    "opportunities:measure_create": case(programme_page("editor"), params={"pk": "kans_id"}),
    "POST opportunities:measure_create": case(
        programme_page("editor", allowed=REDIRECT),
        params={"pk": "kans_id"},
        body={"name": "Matrix", "rba_class": "how_much", "unit": "aantal"},
    ),
    "opportunities:measure_edit": case(programme_page("editor"), params={"pk": "measure_id"}),
    "POST opportunities:measure_edit": case(
        programme_page("editor", allowed=REDIRECT),
        params={"pk": "measure_id"},
        body=lambda w: {
            "name": "Matrix",
            "rba_class": "how_much",
            "unit": "aantal",
            "version": w["measure_version"],
        },
    ),
    "opportunities:progress_edit": case(
        progress_author(OK, anonymous=LOGIN), params={"pk": "progress_update_id"}
    ),
    "POST opportunities:progress_edit": case(
        progress_author(REDIRECT, anonymous=LOGIN),
        params={"pk": "progress_update_id"},
        body=lambda w: {
            "date": "2020-02-01",
            "text": "Matrix: gewijzigd",
            "version": w["progress_update_version"],
        },
    ),
    "opportunities:progress_delete": case(
        progress_author(OK, anonymous=LOGIN), params={"pk": "progress_update_id"}
    ),
    "POST opportunities:progress_delete": case(
        progress_author(REDIRECT, anonymous=LOGIN), params={"pk": "progress_update_id"}
    ),
    # Kenniskring interpretations (editors) and indicator targets (coordinators).
    "indicators:interpretations": case(everyone(OK), params={"slug": "programme_slug"}),
    "indicators:interpretation_create": case(
        programme_page("editor"), params={"slug": "programme_slug"}
    ),
    "POST indicators:interpretation_create": case(
        programme_page("editor", allowed=REDIRECT),
        params={"slug": "programme_slug"},
        body={
            "date": "2021-03-01",
            "title": "Matrix",
            "participants": "bewoners",
            "text": "Matrix",
            "years": "2020",
        },
    ),
    "indicators:interpretation_edit": case(
        programme_page("editor"), params={"pk": "interpretation_id"}
    ),
    "POST indicators:interpretation_edit": case(
        programme_page("editor", allowed=REDIRECT),
        params={"pk": "interpretation_id"},
        body=lambda w: {
            "date": "2021-03-01",
            "title": "Matrix",
            "participants": "bewoners",
            "text": "Matrix",
            "version": w["interpretation_version"],
        },
    ),
    "indicators:targets": case(everyone(OK), params={"slug": "programme_slug"}),
    "POST indicators:targets": case(
        programme_page("coordinator", allowed=REDIRECT),
        params={"slug": "programme_slug"},
        body=lambda w: {
            "indicator": w["indicator_id"],
            "area": w["programme_area_id"],
            "year": 2098,
            "value": "1",
        },
    ),
    "indicators:target_edit": case(
        programme_page("coordinator"), params={"slug": "programme_slug", "pk": "target_id"}
    ),
    "POST indicators:target_edit": case(
        programme_page("coordinator", allowed=REDIRECT),
        params={"slug": "programme_slug", "pk": "target_id"},
        body=lambda w: {"value": "2", "version": w["target_version"]},
    ),
    # Campaign set-up by the programme's coordinator: those who see the campaign but do not
    # coordinate get 403, those who do not see it 404 (as the campaign page).
    "outreach:campaign_create": case(
        programme_page("coordinator"), params={"slug": "programme_slug"}
    ),
    "POST outreach:campaign_create": case(
        programme_page("coordinator", allowed=REDIRECT),
        params={"slug": "programme_slug"},
        body=lambda w: {
            "name": "Matrix-campagne",
            "area": w["programme"].area_id,
            "start_date": "2030-01-01",
            "end_date": "2030-03-01",
        },
    ),
    "outreach:campaign_team": case(campaign_coordinator(OK), params={"pk": "campaign_id"}),
    "POST outreach:campaign_team": case(
        campaign_coordinator(REDIRECT),
        params={"pk": "campaign_id"},
        body={"username": "matrix-viewer", "role": "worker"},
    ),
    "outreach:address_import": case(campaign_coordinator(OK), params={"pk": "campaign_id"}),
    "POST outreach:address_import": case(
        campaign_coordinator(E400),  # the file names a street unknown in the area: nothing added
        params={"pk": "campaign_id"},
        body=lambda w: {
            "file": _csv("adressen.csv", "street,house_number,postcode\nNergensstraat,1,3563AA\n")
        },
    ),
}

# The Django admin: nobody among the personas is staff, so every admin page sends them to
# the admin login. Checked for the index and each model's list and add pages.
ADMIN_EXPECT: Expect = everyone(LOGIN)


# --- API operations (OpenAPI document) ------------------------------------------------------

API: dict[str, list[Case]] = {
    "POST /api/v1/auth/token": case(
        everyone(E401), body={"username": "nobody", "password": "wrong-password"}
    ),
    # Each persona lists only its own tokens; only the holder may revoke one (others: 404).
    "GET /api/v1/auth/tokens/": case(logged_in(OK, anonymous=E401)),
    "DELETE /api/v1/auth/tokens/{token_id}/": case(
        {**everyone(E404), "anonymous": E401, "editor": OK},
        params={"token_id": "editor_token_id"},
    ),
    "GET /api/v1/programmes/": case(everyone(OK)),
    "GET /api/v1/programmes/{slug}/": case(everyone(OK), params={"slug": "programme_slug"}),
    "GET /api/v1/programmes/{slug}/ambitions/": case(
        everyone(OK), params={"slug": "programme_slug"}
    ),
    "GET /api/v1/programmes/{slug}/opportunities/": case(
        everyone(OK), params={"slug": "programme_slug"}
    ),
    "GET /api/v1/opportunities/{opportunity_id}/": case(
        everyone(OK), params={"opportunity_id": "kans_id"}
    ),
    "POST /api/v1/opportunities/{opportunity_id}/progress-updates/": case(
        contributor(programme_role("editor"), OK),
        params={"opportunity_id": "kans_id"},
        body={"date": "2020-03-01", "text": "Matrix: voortgang"},
    )
    + case(  # the same on a kans of Zeist's programme
        zeist_role(),
        params={"opportunity_id": "zeist_kans_id"},
        body={"date": "2021-10-01", "text": "Matrix: voortgang Zeist"},
    ),
    "POST /api/v1/measures/{measure_id}/values/": case(
        contributor(programme_role("editor"), OK),
        params={"measure_id": "measure_id"},
        body={"date": "2020-03-01", "value": "3"},
    ),
    "POST /api/v1/opportunities/{opportunity_id}/transition/": case(
        programme_role("editor"),
        params={"opportunity_id": "kans_id"},
        body={"to": "completed", "on": "2030-01-01", "reason": "Matrix"},
    ),
    # The annual report: the list is public; a report is the draft for the team and the latest
    # publication for others (the world publishes none); frozen versions are public.
    "GET /api/v1/programmes/{slug}/reports/": case(everyone(OK), params={"slug": "programme_slug"}),
    "GET /api/v1/programmes/{slug}/reports/{year}/": case(
        programme_role("viewer"), params={"slug": "programme_slug", "year": "budget_year"}
    ),
    "GET /api/v1/programmes/{slug}/reports/{year}/versions/": case(
        everyone(OK), params={"slug": "programme_slug", "year": "budget_year"}
    ),
    "GET /api/v1/programmes/{slug}/reports/{year}/versions/{number}/": case(
        everyone(E404),
        params={"slug": "programme_slug", "year": "budget_year", "number": "report_number"},
    ),
    "GET /api/v1/organisations/": case(everyone(OK)),
    "GET /api/v1/organisations/{organisation_id}/": case(
        everyone(OK), params={"organisation_id": "org_a_id"}
    ),
    # Finance
    "GET /api/v1/funding-sources/": case(everyone(OK)),
    "GET /api/v1/programmes/{slug}/budgets/": case(everyone(OK), params={"slug": "programme_slug"}),
    "GET /api/v1/programmes/{slug}/budgets/{year}/": case(
        everyone(OK), params={"slug": "programme_slug", "year": "budget_year"}
    ),
    "PUT /api/v1/programmes/{slug}/budgets/{year}/": case(
        programme_role("coordinator"),
        params={"slug": "programme_slug", "year": "budget_year"},
        body=lambda w: {"amount": w["budget_amount"]},
    ),
    "POST /api/v1/programmes/{slug}/budgets/{year}/lines": case(
        programme_role("coordinator"),
        params={"slug": "programme_slug", "year": "budget_year"},
        body={"subject": "Matrix-regel", "amount": 1, "status": "unallocated"},
    ),
    "PATCH /api/v1/programmes/{slug}/budgets/{year}/lines/{line_id}": case(
        programme_role("coordinator"),
        params={"slug": "programme_slug", "year": "budget_year", "line_id": "budget_line_id"},
        body={"note": "Matrix"},
    ),
    "POST /api/v1/programmes/{slug}/budgets/{year}/lines/{line_id}/realisations": case(
        programme_role("coordinator"),
        params={"slug": "programme_slug", "year": "budget_year", "line_id": "budget_line_id"},
        body={"date": "2020-06-01", "amount": 1},
    ),
    "POST /api/v1/programmes/{slug}/budgets/{year}/imports": case(
        programme_role("coordinator"),  # dry run: 200 with the report
        params={"slug": "programme_slug", "year": "budget_year"},
        body=lambda w: {"file": _budget_file(), "dry_run": "true"},
        multipart=True,
    ),
    # Indicators
    "GET /api/v1/indicators/": case(everyone(OK)),
    "GET /api/v1/indicators/{code}/observations/": case(
        everyone(OK), params={"code": "indicator_code"}
    ),
    "GET /api/v1/indicators/interpretations/": case(everyone(OK)),
    "GET /api/v1/areas/{code}/profile/": case(everyone(OK), params={"code": "district_code"}),
    "POST /api/v1/indicators/imports": case(
        {**programme_role("coordinator"), "data_steward": OK},
        body=lambda w: {"file": _indicator_file(), "format": "long", "dry_run": "true"},
        multipart=True,
    ),
    # Outreach API (lists answer 200 with only what the caller may see)
    "GET /api/v1/outreach/campaigns/": case(roles(OK)),
    "GET /api/v1/outreach/campaigns/{campaign_id}/": case(
        roles(
            E404,
            outreach_worker=OK,
            coach=OK,
            back_office=OK,
            privacy_officer=OK,
            viewer=OK,
            editor=OK,
            coordinator=OK,
        ),
        params={"campaign_id": "campaign_id"},
    ),  # fmt: skip
    "GET /api/v1/outreach/campaigns/{campaign_id}/funnel/": case(
        roles(
            E404,
            outreach_worker=OK,
            coach=OK,
            back_office=OK,
            privacy_officer=OK,
            viewer=OK,
            editor=OK,
            coordinator=OK,
        ),
        params={"campaign_id": "campaign_id"},
    ),  # fmt: skip
    "GET /api/v1/outreach/campaigns/{campaign_id}/xlsform/": case(
        roles(
            E404,
            outreach_worker=OK,
            coach=OK,
            back_office=OK,
            privacy_officer=OK,
            viewer=OK,
            editor=OK,
            coordinator=OK,
        ),
        params={"campaign_id": "campaign_id"},
    ),  # fmt: skip
    "POST /api/v1/outreach/campaigns/{campaign_id}/addresses/import/": case(
        roles(
            E404,
            outreach_worker=E400,
            coach=E403,
            back_office=E403,
            privacy_officer=E403,
            viewer=E403,
            editor=E403,
            coordinator=E400,
        ),
        params={"campaign_id": "campaign_id"},
        body=lambda w: {"file": _csv("adressen.csv", "straat;huisnummer\n")},
        multipart=True,
    ),  # fmt: skip
    "POST /api/v1/outreach/campaigns/{campaign_id}/submissions/import/": case(
        roles(
            E404,
            outreach_worker=OK,
            coach=E403,
            back_office=E403,
            privacy_officer=E403,
            viewer=E403,
            editor=E403,
            coordinator=E403,
        ),
        params={"campaign_id": "campaign_id"},
        body=lambda w: {"file": _csv("odk.csv", "KEY\n")},
        multipart=True,
    ),  # fmt: skip
    "GET /api/v1/outreach/households/": case(roles(OK)),
    "POST /api/v1/outreach/households/": case(
        roles(
            E404,
            outreach_worker=OK,
            coach=E403,
            back_office=E403,
            privacy_officer=E403,
            viewer=E403,
            editor=E403,
            coordinator=E403,
        ),
        body=lambda w: {
            "campaign": w["campaign_id"],
            "address": w["free_address_id"],
            "display_name": "Matrix",
        },
    ),  # fmt: skip
    "GET /api/v1/outreach/households/{household_id}/": case(
        roles(E404, outreach_worker=OK, coach=OK), params={"household_id": "household_id"}
    ),
    "PATCH /api/v1/outreach/households/{household_id}/": case(
        roles(E404, outreach_worker=OK, coach=OK),
        params={"household_id": "household_id"},
        body=lambda w: {"version": w["household_version"], "composition": "single"},
    )
    # Access-granting fields (issue 12): the coach must hold the coach role in the programme
    # (or work on the campaign); anyone else, known or not, is the same 400.
    + case(
        roles(E404, outreach_worker=OK, coach=OK),
        params={"household_id": "household_id"},
        body=lambda w: {"version": w["household_version"], "coach": w.users["coach"].username},
        note="an eligible coach",
    )
    + [
        Case(
            expect=roles(E404, outreach_worker=E400, coach=E400),
            params={"household_id": "household_id"},
            body=lambda w, p=persona: {
                "version": w["household_version"],
                "coach": w.users[p].username if p in w.users else "matrix-nobody",
            },
            note=f"{persona} as coach",
        )
        for persona in (
            "partner_a",
            "partner_b",
            "back_office",
            "privacy_officer",
            "coordinator",
            "viewer",
            "nobody",
        )
    ],
    "GET /api/v1/outreach/households/{household_id}/export/": case(
        roles(E404, privacy_officer=OK), params={"household_id": "household_id"}
    ),
    "POST /api/v1/outreach/households/{household_id}/erase/": case(
        roles(E404, privacy_officer=OK), params={"household_id": "household_id"}
    ),
    "GET /api/v1/outreach/visits/": case(roles(OK)),
    "POST /api/v1/outreach/visits/": case(
        roles(
            E404,
            outreach_worker=OK,
            coach=E403,
            back_office=E403,
            privacy_officer=E403,
            viewer=E403,
            editor=E403,
            coordinator=E403,
        ),
        body=lambda w: {
            "campaign": w["campaign_id"],
            "address": w["free_address_id"],
            "date": "2026-03-02",
            "outcome": "not_at_home",
        },
    ),  # fmt: skip
    "GET /api/v1/outreach/conversations/": case(roles(OK)),
    "POST /api/v1/outreach/conversations/": case(
        roles(E404, outreach_worker=OK, coach=OK),
        body=lambda w: {"household": w["household_id"], "date": "2026-03-02"},
    ),
    "GET /api/v1/outreach/commitments/": case(roles(OK)),
    "POST /api/v1/outreach/commitments/": case(
        roles(E404, outreach_worker=OK, coach=OK),
        body=lambda w: {"household": w["household_id"], "theme": "wonen", "description": "Matrix"},
    ),  # fmt: skip
    "POST /api/v1/outreach/commitments/{commitment_id}/status/": case(
        roles(E404, outreach_worker=OK, coach=OK),
        params={"commitment_id": "commitment_id"},
        body=lambda w: {"status": "done", "version": w["commitment_version"]},
    ),
    "GET /api/v1/outreach/referrals/": case(roles(OK)),
    "POST /api/v1/outreach/referrals/": case(
        roles(E404, outreach_worker=OK, coach=OK),
        body=lambda w: {
            "household": w["household_id"],
            "organisation": w["org_b_id"],
            "theme": "wonen",
        },
    ),  # fmt: skip
    "GET /api/v1/outreach/referrals/{referral_id}/": case(
        roles(E404, outreach_worker=OK, coach=OK, partner_a=OK, back_office=OK),
        params={"referral_id": "referral_a_id"},
    )
    + case(
        roles(E404, outreach_worker=OK, partner_b=OK, back_office=OK),
        params={"referral_id": "referral_b_id"},
        note="the other organisation's referral",
    )
    + case(
        roles(E404, outreach_worker=OK, back_office=OK),
        params={"referral_id": "referral_a_unsent_id"},
        note="a referral to A never sent: not A's to see",
    ),
    "POST /api/v1/outreach/referrals/{referral_id}/transition/": case(
        roles(E404, outreach_worker=E403, coach=E403, partner_a=OK, back_office=E403),
        params={"referral_id": "referral_a_id"},
        body=lambda w: {"to": "accepted", "version": w["referral_a_version"]},
    ),
    "GET /api/v1/outreach/referrals/{referral_id}/history/": case(
        roles(E404, outreach_worker=OK, coach=OK, partner_a=OK, back_office=OK),
        params={"referral_id": "referral_a_id"},
    )
    + case(
        roles(E404, outreach_worker=OK, back_office=OK),
        params={"referral_id": "referral_a_unsent_id"},
        note="a referral to A never sent: not A's to see",
    ),
    "GET /api/v1/outreach/escalations/": case(roles(OK)),
    "POST /api/v1/outreach/escalations/": case(
        roles(
            E404,
            outreach_worker=OK,
            coach=E403,
            back_office=E403,
            privacy_officer=E403,
            viewer=E403,
            editor=E403,
            coordinator=E403,
        ),
        body=lambda w: {"campaign": w["campaign_id"], "category": "money", "needed": "geld"},
    ),  # fmt: skip
    "POST /api/v1/outreach/escalations/{escalation_id}/resolve/": case(
        roles(E404, outreach_worker=E403, back_office=OK),
        params={"escalation_id": "escalation_id"},
        body={"resolution": "Matrix"},
    ),
    "POST /api/v1/outreach/escalations/{escalation_id}/assign/": case(
        roles(E404, outreach_worker=E403, back_office=OK),
        params={"escalation_id": "escalation_id"},
        body={"assignee": None},
    ),
    "GET /api/v1/outreach/audit-log/": case(roles(E404, privacy_officer=OK)),
    "GET /api/v1/outreach/programmes/{slug}/reporting-deadlines/": case(
        programme_role("viewer"), params={"slug": "programme_slug"}
    ),
    "POST /api/v1/outreach/programmes/{slug}/reporting-deadlines/": case(
        programme_role("coordinator"),
        params={"slug": "programme_slug"},
        body={"title": "Matrix", "due_on": "2099-01-01"},
    ),
    "GET /api/v1/areas/": case(everyone(OK)),
    "GET /api/v1/areas/{code}/": case(everyone(OK), params={"code": "area_code"}),
    "GET /api/v1/areas/{code}/children/": case(everyone(OK), params={"code": "area_code"}),
    "GET /api/v1/notifications/": case(logged_in(OK, anonymous=E401)),
    "POST /api/v1/notifications/read-all/": case(logged_in(OK, anonymous=E401)),
    "POST /api/v1/notifications/{notification_id}/read/": case(
        {**logged_in(E404, anonymous=E401), "editor": OK},
        params={"notification_id": "editor_notification_id"},
    ),
    "GET /api/v1/notifications/preferences/": case(logged_in(OK, anonymous=E401)),
    "PUT /api/v1/notifications/preferences/": case(
        logged_in(OK, anonymous=E401), body={"email": "digest"}
    ),
    "GET /api/v1/jobs/": case(
        {**logged_in(E403, anonymous=E401), "coordinator": OK, "coordinator_zeist": OK}
    ),
    # Running a kans (opportunities), as the pages above.
    "POST /api/v1/programmes/{slug}/opportunities/": case(
        programme_role("editor"),
        params={"slug": "programme_slug"},
        body={"title": "Matrix: nieuwe kans", "start_date": "2020-01-01"},
    ),
    "PATCH /api/v1/opportunities/{opportunity_id}/": case(
        programme_role("editor"),
        params={"opportunity_id": "kans_id"},
        body=lambda w: {"version": w["kans"].version, "goal": "Matrix"},
    ),
    "GET /api/v1/opportunities/{opportunity_id}/history/": case(
        programme_role("viewer"), params={"opportunity_id": "kans_id"}
    ),
    "GET /api/v1/opportunities/{opportunity_id}/coalition/": case(
        everyone(OK), params={"opportunity_id": "kans_id"}
    ),
    "POST /api/v1/opportunities/{opportunity_id}/coalition/": case(
        programme_role("editor"),
        params={"opportunity_id": "kans_id"},
        body=lambda w: {"organisation": w["outside_org_id"], "role": "partner"},
    ),
    "PATCH /api/v1/opportunities/{opportunity_id}/coalition/{member_id}/": case(
        programme_role("editor"),
        params={"opportunity_id": "kans_id", "member_id": "coalition_member_id"},
        body=lambda w: {"version": w["coalition_member_version"], "contact_function": "Matrix"},
    ),
    "POST /api/v1/opportunities/{opportunity_id}/coalition/{member_id}/end/": case(
        programme_role("editor"),
        params={"opportunity_id": "kans_id", "member_id": "coalition_member_id"},
        body=lambda w: {"version": w["coalition_member_version"], "left_on": "2030-01-01"},
    ),
    "POST /api/v1/opportunities/{opportunity_id}/measures/": case(
        programme_role("editor"),
        params={"opportunity_id": "kans_id"},
        body={"name": "Matrix", "rba_class": "how_much"},
    ),
    "PATCH /api/v1/measures/{measure_id}/": case(
        programme_role("editor"),
        params={"measure_id": "measure_id"},
        body=lambda w: {"version": w["measure_version"], "unit": "Matrix"},
    ),
    "PATCH /api/v1/progress-updates/{update_id}/": case(
        progress_author(OK, anonymous=E401),
        params={"update_id": "progress_update_id"},
        body=lambda w: {"version": w["progress_update_version"], "text": "Matrix: gewijzigd"},
    ),
    "DELETE /api/v1/progress-updates/{update_id}/": case(
        progress_author(OK, anonymous=E401), params={"update_id": "progress_update_id"}
    ),
    # Kenniskring interpretations (editors) and indicator targets (coordinators).
    "POST /api/v1/programmes/{slug}/interpretations/": case(
        programme_role("editor"),
        params={"slug": "programme_slug"},
        body={"date": "2021-03-01", "title": "Matrix", "participants": "bewoners", "text": "M"},
    ),
    "PATCH /api/v1/indicators/interpretations/{interpretation_id}/": case(
        programme_role("editor"),
        params={"interpretation_id": "interpretation_id"},
        body=lambda w: {"version": w["interpretation_version"], "title": "Matrix"},
    ),
    "GET /api/v1/programmes/{slug}/targets/": case(everyone(OK), params={"slug": "programme_slug"}),
    "POST /api/v1/programmes/{slug}/targets/": case(
        programme_role("coordinator"),
        params={"slug": "programme_slug"},
        body=lambda w: {
            "indicator": w["indicator_code"],
            "area": w["district_code"],
            "year": 2098,
            "value": 1,
        },
    ),
    "PATCH /api/v1/programmes/{slug}/targets/{target_id}/": case(
        programme_role("coordinator"),
        params={"slug": "programme_slug", "target_id": "target_id"},
        body=lambda w: {"version": w["target_version"], "value": 2},
    ),
}


# --- Programme set-up and team (team app, issue 13) -------------------------------------------
# Coordinators (and the municipality's administrators, who are no persona here yet: tenancy adds
# them) change the programme, its ambitions and themes, and its team. Creating a programme and
# deactivating an account need a municipality administrator: every persona here is refused.

_SLUG = {"slug": "programme_slug"}
_COORDINATOR_PAGE = programme_page("coordinator")
_POST_ONLY = {**logged_in(E405, anonymous=LOGIN)}

PAGES.update(
    {
        # The municipality administrators create programmes: Zeist's may not choose Utrecht
        # (the form refuses the municipality, 400).
        "team:programme_create": case(
            {**logged_in(E403, anonymous=LOGIN), "gemeente_utrecht": OK, "gemeente_zeist": OK}
        ),
        "POST team:programme_create": case(
            {
                **logged_in(E403, anonymous=LOGIN),
                "gemeente_utrecht": REDIRECT,
                "gemeente_zeist": E400,
            },
            body=lambda w: {
                "name": "Matrix",
                "municipality": w["municipality_pk"],
                "area": w["target_area_pk"],
                "start_year": 2024,
            },
        ),
        "team:setup": case(_COORDINATOR_PAGE, params=_SLUG),
        "team:programme_edit": case(_COORDINATOR_PAGE, params=_SLUG),
        "POST team:programme_edit": case(
            programme_page("coordinator", allowed=REDIRECT),
            params=_SLUG,
            body=lambda w: {
                "name": w["programme"].name,
                "area": w["target_area_pk"],
                "start_year": w["programme"].start_year,
                "version": w["programme"].version,
            },
        ),
        "team:ambition_create": case(_COORDINATOR_PAGE, params=_SLUG),
        "POST team:ambition_create": case(
            programme_page("coordinator", allowed=REDIRECT),
            params=_SLUG,
            body={"short_name": "Matrix", "name": "Matrix-ambitie", "colour": "#24578f"},
        ),
        "team:ambition_edit": case(_COORDINATOR_PAGE, params={"pk": "ambition_id"}),
        "POST team:ambition_edit": case(
            programme_page("coordinator", allowed=REDIRECT),
            params={"pk": "ambition_id"},
            body=lambda w: {
                "short_name": "Matrix",
                "name": "Matrix-ambitie",
                "colour": "#24578f",
                "version": w["ambition_version"],
            },
        ),
        "team:theme_create": case(_COORDINATOR_PAGE, params=_SLUG),
        "POST team:theme_create": case(
            programme_page("coordinator", allowed=REDIRECT), params=_SLUG, body={"name": "Matrix"}
        ),
        "team:theme_edit": case(_COORDINATOR_PAGE, params={"pk": "theme_id"}),
        "POST team:theme_edit": case(
            programme_page("coordinator", allowed=REDIRECT),
            params={"pk": "theme_id"},
            body=lambda w: {"name": "Matrix", "version": w["theme_version"]},
        ),
        "team:team": case(_COORDINATOR_PAGE, params=_SLUG),
        "team:invite": case(_POST_ONLY, params=_SLUG),
        "POST team:invite": case(
            programme_page("coordinator", allowed=REDIRECT),
            params=_SLUG,
            body={"email": "matrix@example.org", "role": "viewer"},
        ),
        "team:member_role": case(_POST_ONLY, params={**_SLUG, "user_id": "viewer_user_id"}),
        "POST team:member_role": case(
            programme_page("coordinator", allowed=REDIRECT),
            params={**_SLUG, "user_id": "viewer_user_id"},
            body={"role": "editor"},
        ),
        "team:member_remove": case(_POST_ONLY, params={**_SLUG, "user_id": "viewer_user_id"}),
        "POST team:member_remove": case(
            programme_page("coordinator", allowed=REDIRECT),
            params={**_SLUG, "user_id": "viewer_user_id"},
        ),
        "team:member_deactivate": case(_POST_ONLY, params={**_SLUG, "user_id": "viewer_user_id"}),
        # Only municipality administrators (and installation admins) deactivate accounts.
        "POST team:member_deactivate": case(
            {**logged_in(E403, anonymous=LOGIN), "gemeente_utrecht": REDIRECT},
            params={**_SLUG, "user_id": "viewer_user_id"},
        ),
        "team:invitation_withdraw": case(_POST_ONLY, params={**_SLUG, "pk": "invitation_id"}),
        "POST team:invitation_withdraw": case(
            programme_page("coordinator", allowed=REDIRECT),
            params={**_SLUG, "pk": "invitation_id"},
        ),
        # The link itself is the key: a visitor sees the form; a signed-in persona whose e-mail
        # address is not the invited one is refused.
        "team:invitation_accept": case(
            logged_in(E403, anonymous=OK), params={"token": "invitation_token"}
        ),
    }
)

API.update(
    {
        "POST /api/v1/programmes/": case(
            {**logged_in(E403, anonymous=E401), "gemeente_utrecht": OK},
            body={
                "name": "Matrix",
                "municipality": "GM0344",
                "area": "WK034403",
                "start_year": 2024,
            },
        ),
        "PATCH /api/v1/programmes/{slug}/": case(
            programme_role("coordinator"),
            params=_SLUG,
            body=lambda w: {"version": w["programme"].version, "description": "Matrix"},
        ),
        "GET /api/v1/programmes/{slug}/history/": case(programme_role("viewer"), params=_SLUG),
        "POST /api/v1/ambitions/": case(
            programme_role("coordinator"),
            body=lambda w: {
                "programme": w["programme_slug"],
                "short_name": "Matrix",
                "name": "Matrix-ambitie",
            },
        ),
        "GET /api/v1/ambitions/{ambition_id}/": case(
            everyone(OK), params={"ambition_id": "ambition_id"}
        ),
        "PATCH /api/v1/ambitions/{ambition_id}/": case(
            programme_role("coordinator"),
            params={"ambition_id": "ambition_id"},
            body=lambda w: {"version": w["ambition_version"], "name": "Matrix-ambitie"},
        ),
        "GET /api/v1/ambitions/{ambition_id}/history/": case(
            programme_role("viewer"), params={"ambition_id": "ambition_id"}
        ),
        "GET /api/v1/programmes/{slug}/themes/": case(everyone(OK), params=_SLUG),
        "POST /api/v1/themes/": case(
            programme_role("coordinator"),
            body=lambda w: {"programme": w["programme_slug"], "name": "Matrix"},
        ),
        "PATCH /api/v1/themes/{theme_id}/": case(
            programme_role("coordinator"),
            params={"theme_id": "theme_id"},
            body=lambda w: {"version": w["theme_version"], "name": "Matrix"},
        ),
        "GET /api/v1/programmes/{slug}/members/": case(programme_role("coordinator"), params=_SLUG),
        "PUT /api/v1/programmes/{slug}/members/{user_id}/": case(
            programme_role("coordinator"),
            params={**_SLUG, "user_id": "viewer_user_id"},
            body={"role": "editor"},
        ),
        "DELETE /api/v1/programmes/{slug}/members/{user_id}/": case(
            programme_role("coordinator"), params={**_SLUG, "user_id": "viewer_user_id"}
        ),
        "GET /api/v1/programmes/{slug}/role-history/": case(
            programme_role("coordinator"), params=_SLUG
        ),
        "POST /api/v1/programmes/{slug}/invitations/": case(
            programme_role("coordinator"),
            params=_SLUG,
            body={"email": "matrix@example.org", "role": "viewer"},
        ),
        "GET /api/v1/programmes/{slug}/invitations/": case(
            programme_role("coordinator"), params=_SLUG
        ),
        "DELETE /api/v1/programmes/{slug}/invitations/{invitation_id}/": case(
            programme_role("coordinator"),
            params={**_SLUG, "invitation_id": "invitation_id"},
        ),
        # Only municipality administrators (none among these personas) see accounts to
        # deactivate: to everyone else the account does not exist.
        "POST /api/v1/users/{user_id}/deactivate/": case(
            {**logged_in(E404, anonymous=E401), "gemeente_utrecht": OK},
            params={"user_id": "viewer_user_id"},
        ),
    }
)


# --- The shared organisation directory, written by municipality administrators (issue 13) ----
# team/organisations.py: both municipalities' administrators add and change organisations;
# every other persona is refused (pages 403, visitors to the login). "Matrix BV" is new; the
# change keeps org_a's name.

_DIRECTORY_EDITORS = {"gemeente_utrecht": OK, "gemeente_zeist": OK}


def _org(world: Any, **lookup: Any) -> Any:
    """The organisation the case's path names, as it is in the database now."""
    from wijkaanpak.organisations.models import Organisation

    return Organisation.objects.get(**lookup)


PAGES.update(
    {
        "team:organisation_create": case(
            {**logged_in(E403, anonymous=LOGIN), **_DIRECTORY_EDITORS}
        ),
        "POST team:organisation_create": case(
            {
                **logged_in(E403, anonymous=LOGIN),
                "gemeente_utrecht": REDIRECT,
                "gemeente_zeist": REDIRECT,
            },
            body={"name": "Matrix BV", "type": "company", "kvk_number": "12345678"},
        ),
        "team:organisation_edit": case(
            {**logged_in(E403, anonymous=LOGIN), **_DIRECTORY_EDITORS},
            params={"slug": "org_a_slug"},
        ),
        "POST team:organisation_edit": case(
            {
                **logged_in(E403, anonymous=LOGIN),
                "gemeente_utrecht": REDIRECT,
                "gemeente_zeist": REDIRECT,
            },
            params={"slug": "org_a_slug"},
            body=lambda w: {
                "name": _org(w, slug=w["org_a_slug"]).name,
                "type": _org(w, slug=w["org_a_slug"]).type,
                "description": "Matrix",
                "version": _org(w, slug=w["org_a_slug"]).version,
            },
        ),
    }
)

API.update(
    {
        "POST /api/v1/organisations/": case(
            {**logged_in(E403, anonymous=E401), **_DIRECTORY_EDITORS},
            body={"name": "Matrix BV", "type": "company", "kvk_number": "12345678"},
        ),
        "PATCH /api/v1/organisations/{organisation_id}/": case(
            {**logged_in(E403, anonymous=E401), **_DIRECTORY_EDITORS},
            params={"organisation_id": "org_a_id"},
            body=lambda w: {"version": _org(w, pk=w["org_a_id"]).version, "description": "Matrix"},
        ),
    }
)

# Issue 18 (areas18): area outlines as GeoJSON, public like the other area reads.
API.update(
    {
        "GET /api/v1/areas/{code}/boundaries.geojson": case(
            everyone(OK), params={"code": "area_code"}
        ),
    }
)

# Issue 18 (areas18): the public area pages (search, an area with its history and outline).
PAGES.update(
    {
        "areas:search": case(everyone(OK)),
        "areas:detail": case(everyone(OK), params={"code": "district_code"}),
    }
)

# Choropleth maps (issue 18, docs/maps.md). The matrix world is the demo, which carries
# Utrecht's outlines, so the map of the public indicator is drawn for everyone; visibility of
# municipal indicators (404 for who may not see them) is in indicators/tests/test_maps.py.
API.update(
    {
        "GET /api/v1/indicators/{code}/map.svg": case(
            everyone(OK), params={"code": "indicator_code"}
        ),
    }
)


# --- Participation: meetings, calendar, communication, stories (issue 17) ---------------------
# Public items are for everyone. Internal items are for the programme's team (any role, and
# Utrecht's municipality administrator) and for coalition partners of the programme (partner_a
# Mitros and partner_b DOCK are both in demo coalitions). Editors write; partners record and
# change activities their own organisation organises (the matrix meeting is Mitros's: partner_a).

_INSIDERS = ("viewer", "editor", "coordinator", "gemeente_utrecht", "partner_a", "partner_b")
_ACTIVITY_EDITORS = ("editor", "coordinator", "gemeente_utrecht", "partner_a")


def _insiders(allowed: str, *, denied: str = E404, anonymous: str = E404) -> Expect:
    return {**everyone(denied), "anonymous": anonymous, **dict.fromkeys(_INSIDERS, allowed)}


def _activity_editors(allowed: str, *, anonymous: str = E401, denied: str = E403) -> Expect:
    return {
        **everyone(denied),
        "anonymous": anonymous,
        **dict.fromkeys(_ACTIVITY_EDITORS, allowed),
    }


def _meeting_form(w: Any) -> dict[str, Any]:
    return {
        "kind": "market",
        "title": "Matrix-bijeenkomst",
        "date": "2020-03-04",
        "start": "14:00",
        "organisers": [w["org_a_id"]],
        "public": "on",
        "version": w["activity_version"],
    }


_ACTIVITY = {"pk": "activity_id"}
_NEW_ACTIVITY_BY_PARTNERS = {
    **_activity_editors(OK, anonymous=LOGIN),
    "partner_b": OK,  # DOCK is a coalition partner: may record DOCK's own activities
}

PAGES.update(
    {
        "participation:index": case(everyone(OK)),
        "participation:calendar": case(everyone(OK), params=_SLUG),
        "participation:feed": case(everyone(OK), params=_SLUG),
        # The secret address is the credential: whoever has it gets the internal feed.
        "participation:feed_private": case(everyone(OK), params={"token": "feed_token"}),
        "participation:feed_tokens": case(
            _insiders(OK, denied=E403, anonymous=LOGIN), params=_SLUG
        ),
        "POST participation:feed_tokens": case(
            _insiders(OK, denied=E403, anonymous=LOGIN), params=_SLUG, body={}
        ),
        "participation:activities": case(everyone(OK), params=_SLUG),
        "participation:activity_create": case(_NEW_ACTIVITY_BY_PARTNERS, params=_SLUG),
        "POST participation:activity_create": case(
            {
                **_activity_editors(REDIRECT, anonymous=LOGIN),
                "partner_b": E400,  # Mitros is not partner B's organisation
            },
            params=_SLUG,
            body=_meeting_form,
        ),
        "participation:activity": case(everyone(OK), params=_ACTIVITY)
        + case(_insiders(OK), params={"pk": "internal_activity_id"}),
        "POST participation:activity": case(
            _activity_editors(REDIRECT, anonymous=E403),
            params=_ACTIVITY,
            body={"text": "Matrix-vervolgactie"},
        ),
        "participation:activity_edit": case(
            _activity_editors(OK, anonymous=LOGIN), params=_ACTIVITY
        ),
        "POST participation:activity_edit": case(
            _activity_editors(REDIRECT, anonymous=LOGIN), params=_ACTIVITY, body=_meeting_form
        ),
        "participation:follow_up": case(_POST_ONLY, params={"pk": "follow_up_id"}),
        "POST participation:follow_up": case(
            _activity_editors(REDIRECT, anonymous=LOGIN),
            params={"pk": "follow_up_id"},
            body=lambda w: {"action": "done", "version": w["follow_up_version"]},
        ),
        "participation:communication": case(everyone(OK), params=_SLUG),
        "participation:output_create": case(programme_page("editor"), params=_SLUG),
        "POST participation:output_create": case(
            programme_page("editor", allowed=REDIRECT),
            params=_SLUG,
            body=lambda w: {
                "channel": w["channel_id"],
                "kind": "article",
                "title": "Matrix-artikel",
                "date": "2020-05-01",
                "status": "planned",
                "public": "on",
            },
        ),
        "participation:output_edit": case(
            programme_page("editor"), params={**_SLUG, "pk": "output_id"}
        ),
        "POST participation:output_edit": case(
            programme_page("editor", allowed=REDIRECT),
            params={**_SLUG, "pk": "output_id"},
            body=lambda w: {
                "channel": w["channel_id"],
                "kind": "article",
                "title": "Matrix-artikel",
                "date": "2020-05-01",
                "status": "made",
                "version": w["output_version"],
            },
        ),
        "participation:stories": case(everyone(OK), params=_SLUG),
        "participation:story": case(everyone(OK), params={"pk": "story_id"}),
        "participation:story_image": case(everyone(OK), params={"pk": "story_id"}),
        "participation:story_create": case(programme_page("editor"), params=_SLUG),
        "POST participation:story_create": case(
            programme_page("editor", allowed=REDIRECT),
            params=_SLUG,
            body={"title": "Matrix-verhaal", "text": "Matrix"},
        ),
        "participation:story_edit": case(
            programme_page("editor"), params={**_SLUG, "pk": "story_id"}
        ),
        "POST participation:story_edit": case(
            programme_page("editor", allowed=REDIRECT),
            params={**_SLUG, "pk": "story_id"},
            body=lambda w: {
                "title": "Matrix-verhaal",
                "text": "Matrix",
                "published": "on",
                "version": w["story_version"],
            },
        ),
    }
)

_API_ACTIVITY = {"activity_id": "activity_id"}

API.update(
    {
        "GET /api/v1/programmes/{slug}/activities/": case(everyone(OK), params=_SLUG),
        "POST /api/v1/programmes/{slug}/activities/": case(
            {**_activity_editors(OK), "partner_b": E400},
            params=_SLUG,
            body=lambda w: {
                "kind": "market",
                "title": "Matrix-bijeenkomst",
                "starts_at": "2020-03-04T14:00:00+01:00",
                "organiser_ids": [w["org_a_id"]],
            },
        ),
        "GET /api/v1/activities/{activity_id}/": case(everyone(OK), params=_API_ACTIVITY)
        + case(_insiders(OK), params={"activity_id": "internal_activity_id"}),
        "PATCH /api/v1/activities/{activity_id}/": case(
            _activity_editors(OK),
            params=_API_ACTIVITY,
            body=lambda w: {"version": w["activity_version"], "place": "Matrix"},
        ),
        "POST /api/v1/activities/{activity_id}/follow-ups/": case(
            _activity_editors(OK), params=_API_ACTIVITY, body={"text": "Matrix-vervolgactie"}
        ),
        "POST /api/v1/follow-ups/{follow_up_id}/complete/": case(
            _activity_editors(OK),
            params={"follow_up_id": "follow_up_id"},
            body=lambda w: {"version": w["follow_up_version"]},
        ),
        "GET /api/v1/programmes/{slug}/calendar/": case(everyone(OK), params=_SLUG),
        "GET /api/v1/programmes/{slug}/calendar/feed-tokens/": case(
            logged_in(OK, anonymous=E401), params=_SLUG
        ),
        "POST /api/v1/programmes/{slug}/calendar/feed-tokens/": case(
            _insiders(OK, denied=E403, anonymous=E401), params=_SLUG
        ),
        "DELETE /api/v1/calendar/feed-tokens/{token_id}/": case(
            {**logged_in(E404, anonymous=E401), "viewer": OK},
            params={"token_id": "feed_token_id"},
        ),
        "GET /api/v1/programmes/{slug}/channels/": case(everyone(OK), params=_SLUG),
        "POST /api/v1/programmes/{slug}/channels/": case(
            programme_role("editor"), params=_SLUG, body={"name": "Matrix", "kind": "website"}
        ),
        "PUT /api/v1/programmes/{slug}/channels/{channel_id}/plans/{year}/": case(
            programme_role("editor"),
            params={**_SLUG, "channel_id": "channel_id", "year": "plan_year"},
            body={"planned": 3},
        ),
        "GET /api/v1/programmes/{slug}/communication/{year}/": case(
            everyone(OK), params={**_SLUG, "year": "plan_year"}
        ),
        "POST /api/v1/programmes/{slug}/communication-outputs/": case(
            programme_role("editor"),
            params=_SLUG,
            body=lambda w: {
                "channel_id": w["channel_id"],
                "kind": "article",
                "title": "Matrix-artikel",
                "date": "2020-05-01",
            },
        ),
        "PATCH /api/v1/communication-outputs/{output_id}/": case(
            programme_role("editor"),
            params={"output_id": "output_id"},
            body=lambda w: {"version": w["output_version"], "status": "made"},
        ),
        "GET /api/v1/programmes/{slug}/media-overview/{year}/{quarter}/": case(
            everyone(OK), params={**_SLUG, "year": "plan_year", "quarter": "media_quarter"}
        ),
        "GET /api/v1/programmes/{slug}/stories/": case(everyone(OK), params=_SLUG),
        "POST /api/v1/programmes/{slug}/stories/": case(
            programme_role("editor"),
            params=_SLUG,
            body={"title": "Matrix-verhaal", "text": "Matrix"},
            multipart=True,
        ),
        "GET /api/v1/stories/{story_id}/": case(everyone(OK), params={"story_id": "story_id"}),
        "PATCH /api/v1/stories/{story_id}/": case(
            programme_role("editor"),
            params={"story_id": "story_id"},
            body=lambda w: {"version": w["story_version"], "title": "Matrix-verhaal"},
        ),
    }
)


# --- Residents (issue 17): ambassadors, signals, the initiative fund --------------------------
# The team (editor, coordinator and the municipality's administrator) handles everything and sees
# personal data; partner_a's Mitros receives the matrix signal (partner_b's DOCK does not);
# the ambassador persona sent it. Public forms and public reads are open to everyone.

_TEAM = ("editor", "coordinator", "gemeente_utrecht")


def residents_team(
    allowed: str, *, denied: str = E403, anonymous: str = LOGIN, **more: str
) -> Expect:
    return {**roles(denied, anonymous=anonymous), **dict.fromkeys(_TEAM, allowed), **more}


def _signal_body(w: Any) -> dict[str, Any]:
    return {
        "theme": str(w["residents_theme_id"]),
        "buurt": w["residents_buurt_code"],
        "description": "Matrix: melding",
    }


def _fund_body(w: Any) -> dict[str, Any]:
    return {
        "title": "Matrix",
        "place": "Zambesidreef",
        "audience": "Bewoners",
        "amount_asked": "100",
        "contact_name": "Matrix",
        "contact_email": "matrix@example.org",
        "consent": "on",
    }


def _jpeg() -> Any:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (16, 12), (200, 0, 0)).save(out, format="JPEG")
    return SimpleUploadedFile("foto.jpg", out.getvalue(), content_type="image/jpeg")


_SIGNAL = {"pk": "signal_id"}
_APPLICATION = {"pk": "application_id"}

PAGES.update(
    {
        "residents:signal_create": case(everyone(OK), params=_SLUG),
        "POST residents:signal_create": case(everyone(REDIRECT), params=_SLUG, body=_signal_body),
        "residents:signal_follow_lookup": case(everyone(OK)),
        "residents:signal_follow": case(everyone(OK), params={"code": "signal_code"}),
        "residents:fund_apply": case(everyone(OK), params=_SLUG),
        "POST residents:fund_apply": case(everyone(REDIRECT), params=_SLUG, body=_fund_body),
        "residents:fund_thanks": case(everyone(OK), params=_SLUG),
        "residents:initiatives": case(everyone(OK), params=_SLUG),
        "residents:me": case(roles(E403, anonymous=LOGIN, ambassador=OK)),
        "POST residents:me": case(
            roles(E403, anonymous=LOGIN, ambassador=REDIRECT),
            body=lambda w: {"name": "Matrix", "version": w["ambassador_version"]},
        ),
        "residents:me_leave": case(everyone(E405)),
        "POST residents:me_leave": case(roles(E403, anonymous=LOGIN, ambassador=OK)),
        "residents:signals": case(residents_team(OK, partner_a=OK, partner_b=OK), params=_SLUG),
        "residents:signal": case(
            residents_team(OK, denied=E404, partner_a=OK, ambassador=OK), params=_SIGNAL
        ),
        "residents:signal_transition": case(everyone(E405), params=_SIGNAL),
        "POST residents:signal_transition": case(
            residents_team(REDIRECT, denied=E404, partner_a=REDIRECT, ambassador=E403),
            params=_SIGNAL,
            body=lambda w: {"to": "in_progress", "version": w["signal_version"]},
        ),
        "residents:signal_photo": case(
            residents_team(OK, denied=E404, partner_a=OK, ambassador=OK), params=_SIGNAL
        ),
        "residents:applications": case(residents_team(OK), params=_SLUG),
        "residents:application": case(residents_team(OK, denied=E404), params=_APPLICATION),
        "residents:application_transition": case(everyone(E405), params=_APPLICATION),
        "POST residents:application_transition": case(
            residents_team(REDIRECT, denied=E404),
            params=_APPLICATION,
            body=lambda w: {"to": "in_review", "version": w["application_version"]},
        ),
        "residents:application_photo_add": case(
            everyone(E405), params={"pk": "granted_application_id"}
        ),
        "POST residents:application_photo_add": case(
            residents_team(REDIRECT, denied=E404),
            params={"pk": "granted_application_id"},
            body=lambda w: {"photo": _jpeg()},
        ),
        "residents:application_photo": case(
            residents_team(OK, denied=E404),
            params={"pk": "granted_application_id", "photo_id": "granted_photo_id"},
        ),
        "residents:ambassadors": case(residents_team(OK), params=_SLUG),
        "POST residents:ambassadors": case(
            residents_team(OK),
            params=_SLUG,
            body={"name": "Matrix", "consent": "on", "buurt": ""},
        ),
        "residents:ambassador_forget": case(everyone(E405), params={"pk": "ambassador_id"}),
        "POST residents:ambassador_forget": case(
            residents_team(REDIRECT, denied=E404, ambassador=REDIRECT),
            params={"pk": "ambassador_id"},
        ),
    }
)

_R = "/api/v1/residents"
API.update(
    {
        f"GET {_R}/programmes/{{slug}}/initiatives/": case(everyone(OK), params=_SLUG),
        f"GET {_R}/programmes/{{slug}}/funds/": case(everyone(OK), params=_SLUG),
        f"GET {_R}/programmes/{{slug}}/summary/{{year}}/": case(
            everyone(OK), params={**_SLUG, "year": "budget_year"}
        ),
        f"POST {_R}/programmes/{{slug}}/applications/": case(
            everyone(OK),
            params=_SLUG,
            body={**_fund_body(None), "consent": True, "amount_asked": 100},
        ),
        f"GET {_R}/programmes/{{slug}}/applications/": case(
            residents_team(OK, anonymous=E401), params=_SLUG
        ),
        f"GET {_R}/applications/{{application_id}}/": case(
            residents_team(OK, denied=E404, anonymous=E401),
            params={"application_id": "application_id"},
        ),
        f"POST {_R}/applications/{{application_id}}/transition/": case(
            residents_team(OK, denied=E404, anonymous=E401),
            params={"application_id": "application_id"},
            body=lambda w: {"to": "in_review", "version": w["application_version"]},
        ),
        f"POST {_R}/programmes/{{slug}}/signals/": case(
            everyone(OK), params=_SLUG, body=_signal_body, multipart=True
        ),
        f"GET {_R}/follow/{{code}}/": case(everyone(OK), params={"code": "signal_code"}),
        f"GET {_R}/programmes/{{slug}}/signals/": case(
            residents_team(OK, anonymous=E401, partner_a=OK, partner_b=OK), params=_SLUG
        ),
        f"GET {_R}/signals/{{signal_id}}/": case(
            residents_team(OK, denied=E404, anonymous=E401, partner_a=OK, ambassador=OK),
            params={"signal_id": "signal_id"},
        ),
        f"POST {_R}/signals/{{signal_id}}/transition/": case(
            residents_team(OK, denied=E404, anonymous=E401, partner_a=OK, ambassador=E403),
            params={"signal_id": "signal_id"},
            body=lambda w: {"to": "in_progress", "version": w["signal_version"]},
        ),
        f"GET {_R}/me/": case(roles(E404, ambassador=OK)),
        f"POST {_R}/me/forget/": case(roles(E404, ambassador=OK)),
    }
)

# Issue 14: the public dashboard and the open data package are for everyone (public programme
# data, no personal data); an unknown programme is 404 (reports/tests).
PAGES.update({"reports:dashboard": case(everyone(OK), params={"slug": "programme_slug"})})
API.update(
    {
        "GET /api/v1/programmes/{slug}/datapackage.zip": case(
            everyone(OK), params={"slug": "programme_slug"}
        ),
    }
)

# Review comments (issue 14): the world's report is a draft, so the team's comment is refused
# with a message (409, redirect back) and everyone else gets 403 (partners only during review).
PAGES.update(
    {
        "reports:comment": case(
            everyone(E405), params={"slug": "programme_slug", "year": "budget_year"}
        ),
        "POST reports:comment": case(
            programme_page("viewer", allowed=REDIRECT),
            params={"slug": "programme_slug", "year": "budget_year"},
            body={"section": "finance", "text": "Matrix: opmerking"},
        ),
    }
)
