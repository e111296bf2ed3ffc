"""The one NinjaAPI instance at /api/v1/: routers of every app, auth and problem details."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from wijkaanpak.core.api_utils import Problem
from wijkaanpak.core.exceptions import DomainError
from wijkaanpak.core.problems import problem, validation_errors_from_ninja
from wijkaanpak.core.renderers import ORJSONRenderer


class WijkaanpakAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """The OpenAPI document, built once per path prefix: the operations are fixed once the
        URL configuration is loaded, and building it costs most of a second of CPU (lazy texts
        stay lazy, so each answer is still in the request's language). Do not change the
        returned document."""
        key = repr((args, sorted(kwargs.items())))
        cache: dict[str, Any] = self.__dict__.setdefault("_openapi_schemas", {})
        if key not in cache:
            cache[key] = self._build_openapi_schema(*args, **kwargs)
        return cache[key]

    def _build_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """Document error answers as what they are: application/problem+json (RFC 9457)."""
        schema = super().get_openapi_schema(*args, **kwargs)
        problem_ref = {"$ref": "#/components/schemas/Problem"}
        schema.setdefault("components", {}).setdefault("schemas", {}).setdefault(
            "Problem", Problem.model_json_schema()
        )
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                _describe_forms_as_sent(operation)
                responses = operation.setdefault("responses", {})
                # Answers every operation can give whether or not its router declared them:
                # an unparseable body (400), invalid parameters or body (422), a bad token (401).
                extra = {"401": "Invalid or expired token"}
                if operation.get("requestBody"):
                    extra["400"] = "The request body cannot be parsed"
                if operation.get("requestBody") or operation.get("parameters"):
                    extra["422"] = "Invalid input"
                for code, description in extra.items():
                    if code not in responses and int(code) not in responses:
                        responses[code] = {
                            "description": description,
                            "content": {"application/json": {"schema": problem_ref}},
                        }
                for code, response in responses.items():
                    content = response.get("content", {})
                    if str(code)[0] in "45" and "application/json" in content:
                        content["application/problem+json"] = content.pop("application/json")
        return schema


def _describe_forms_as_sent(operation: dict[str, Any]) -> None:
    """Make multipart form schemas say what a form can carry (found by the API fuzzing):
    a form field cannot be null (leave it out instead), an empty value counts as missing for a
    required field, and Django drops an uploaded file part without content."""
    content = operation.get("requestBody", {}).get("content", {})
    media = content.get("multipart/form-data") or content.get("application/x-www-form-urlencoded")
    if not media:
        return
    schema = media.get("schema", {})
    required = set(schema.get("required", []))
    for name, prop in schema.get("properties", {}).items():
        options = prop.get("anyOf")
        if options and {"type": "null"} in options:
            rest = [o for o in options if o != {"type": "null"}]
            if len(rest) == 1:
                prop.pop("anyOf")
                prop.update(rest[0])
        if prop.get("type") == "string" and (name in required or prop.get("format") == "binary"):
            prop.setdefault("minLength", 1)


api = WijkaanpakAPI(
    title="Wijkaanpak API",
    renderer=ORJSONRenderer(),
    version="1",
    description=(
        "Programme data that the council report makes public is readable without login. "
        "Writes need a role; authenticate with `POST /api/v1/auth/token` and send "
        "`Authorization: Bearer <token>`. Errors are problem details (RFC 9457)."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)


@api.exception_handler(NinjaValidationError)
def _validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return problem(422, "Invalid input", errors=validation_errors_from_ninja(exc.errors))


@api.exception_handler(DomainError)
def _domain(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return problem(exc.status, exc.message, errors=exc.errors)


@api.exception_handler(DjangoValidationError)
def _django_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    errors: list[dict[str, Any]] = []
    if hasattr(exc, "error_dict"):
        for field, field_errors in exc.message_dict.items():
            errors.extend({"field": field, "message": m} for m in field_errors)
    else:
        errors.extend({"message": m} for m in exc.messages)
    return problem(400, "Invalid input", errors=errors)


@api.exception_handler(OverflowError)
def _overflow(request: HttpRequest, exc: OverflowError) -> HttpResponse:
    # SQLite raises OverflowError for integers beyond 64 bits (e.g. a path id of 10**30).
    return problem(404, "Not found")


@api.exception_handler(DataError)
def _data_error(request: HttpRequest, exc: DataError) -> HttpResponse:
    # PostgreSQL refuses values out of a column's range ("integer out of range").
    return problem(404, "Not found")


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem(404, "Not found")


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return problem(403, str(exc) or "You do not have the role for this action")


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return problem(401, "Authentication required")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem(exc.status_code, str(exc))


def _register_routers() -> None:
    from wijkaanpak.accounts.api import router as accounts_router
    from wijkaanpak.areas.api import router as areas_router
    from wijkaanpak.finance.api import router as finance_router
    from wijkaanpak.indicators.api import router as indicators_router
    from wijkaanpak.indicators.api_maps import router as indicator_maps_router
    from wijkaanpak.notifications.api import router as notifications_router
    from wijkaanpak.opportunities.api import router as opportunities_router
    from wijkaanpak.outreach.api import router as outreach_router
    from wijkaanpak.participation.api import router as participation_router
    from wijkaanpak.reports.api import router as reports_router
    from wijkaanpak.residents.api import router as residents_router
    from wijkaanpak.team.api import router as team_router
    from wijkaanpak.team.organisations_api import router as organisations_router

    api.add_router("/auth", accounts_router)
    api.add_router("/", team_router)  # programmes: list, create, team (issue 13)
    api.add_router("/", opportunities_router)
    api.add_router("/", organisations_router)
    api.add_router("/", areas_router)
    api.add_router("/", indicators_router)
    api.add_router("/", finance_router)
    api.add_router("/outreach", outreach_router)
    api.add_router("/", notifications_router)
    api.add_router("/", reports_router)
    api.add_router("/", indicator_maps_router)  # map.svg (issue 18)
    api.add_router("/", participation_router)
    api.add_router("/residents", residents_router)


_register_routers()
