"""Uploads are bounded in size, time and memory, everywhere (issue 12, item 1).

Every import (address lists, ODK submissions, budget tables, indicator files in each format)
is uploaded for real through the API with the test client, and pages where they have a form.
A hostile workbook (1.6 KB that declares columns up to XFD and a row far down), a workbook
that unpacks to far more than it weighs, and files over the size, row and column limits are
refused with a clear 400 within about a second.

Memory is measured, not mocked: the peak resident memory of this process (VmHWM), reset
through /proc/self/clear_refs right before the upload, against the resident memory just
before it. A guard (RLIMIT_AS) turns a runaway upload into a MemoryError instead of taking
the machine's memory.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import io
import re
import resource
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from wijkaanpak.core import tabular

#: Growth of the process's peak resident memory allowed for one upload. A server process
#: starts at about 70 MB, so the process stays under 200 MB.
MAX_GROWTH_MB = 100
#: "Within about a second" (the refusals measured here take a few milliseconds).
MAX_SECONDS = 1.5


def _status_kb(field: str) -> int:
    with open("/proc/self/status") as fh:
        match = re.search(rf"^{field}:\s+(\d+) kB", fh.read(), re.MULTILINE)
    assert match, field
    return int(match.group(1))


@dataclass
class Measured:
    seconds: float = 0.0
    growth_mb: float = 0.0


@contextlib.contextmanager
def measured() -> Iterator[Measured]:
    """Time and peak resident memory growth of the block."""
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)  # give freed memory back first
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")  # VmHWM := VmRSS
    before = _status_kb("VmRSS")
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    guard = _status_kb("VmSize") * 1024 + 1_500_000_000
    resource.setrlimit(resource.RLIMIT_AS, (guard if hard == -1 else min(guard, hard), hard))
    result = Measured()
    start = time.monotonic()
    try:
        yield result
    finally:
        result.seconds = time.monotonic() - start
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        result.growth_mb = (_status_kb("VmHWM") - before) / 1024
        print(f"upload: {result.seconds:.3f} s, peak resident memory +{result.growth_mb:.1f} MB")


# --- files -----------------------------------------------------------------------------------

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#: A header every importer accepts far enough to start reading rows.
HEADER = [
    "gwb_code",
    "indicator",
    "area",
    "period",
    "value",
    "source",
    "street",
    "house_number",
    "postcode",
    "form_version",
]


def xlsx(
    *,
    dimension: str | None = "A1:XFD20000",
    last_cell: str = "XFD20000",
    shared_strings: bytes | None = None,
    sheet_body: bytes = b"",
) -> bytes:
    """A minimal workbook: one sheet 'kwb-2023' with the header row and one cell far away."""
    header = "".join(
        f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{name}</t></is></c>'
        for i, name in enumerate(HEADER)
    )
    row = re.sub(r"\D", "", last_cell)
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = (
        f'<worksheet xmlns="{MAIN}">{dim}<sheetData><row r="1">{header}</row>'
        f'<row r="{row}"><c r="{last_cell}"><v>1</v></c></row></sheetData></worksheet>'
    ).encode()
    if sheet_body:
        sheet = sheet.replace(b"</sheetData>", sheet_body + b"</sheetData>")
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
            f'Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets>'
            '<sheet name="kwb-2023" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
            f'Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        if shared_strings is not None:
            z.writestr("xl/sharedStrings.xml", shared_strings)
    return out.getvalue()


def address_csv(size: int) -> bytes:
    """A plausible address list of about `size` bytes."""
    line = "Nigerdreef,{},,3561AB\n"
    rows = size // len(line.format(100000)) + 1
    return ("street,house_number,addition,postcode\n" + "".join(
        line.format(n) for n in range(1, rows + 1)
    )).encode()  # fmt: skip


# --- the imports -----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Endpoint:
    name: str
    path: str
    user: Any
    form: dict[str, str]
    file_name: str = "upload.xlsx"


@pytest.fixture
def endpoints(programme: Any, coordinator: Any) -> dict[str, Endpoint]:
    from wijkaanpak.accounts.models import User
    from wijkaanpak.areas.models import Area
    from wijkaanpak.core.actors import SYSTEM
    from wijkaanpak.outreach import services

    area = Area.objects.get(code="WK034403")
    services.street_register(area=area, names=["Nigerdreef"])
    campaign = services.campaign_create(
        programme=programme,
        area=area,
        name="Wonen",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
        by=SYSTEM,
    )
    worker = User.objects.create_user(username="worker", password="pw-worker-123")
    services.campaign_worker_add(campaign=campaign, user=worker)
    # CBS, StatLine and city monitor files are for data stewards (docs/roles.md).
    steward = User.objects.create_user(username="steward", is_data_steward=True)
    return {
        e.name: e
        for e in (
            Endpoint("address list", f"/outreach/campaigns/{campaign.pk}/addresses/import/", worker, {}),
            Endpoint("ODK submissions", f"/outreach/campaigns/{campaign.pk}/submissions/import/", worker, {}),
            Endpoint("budget table", f"/programmes/{programme.slug}/budgets/2024/imports", coordinator, {}),
            Endpoint("indicators long", "/indicators/imports", coordinator, {"format": "long"}),
            Endpoint("indicators KWB", "/indicators/imports", steward, {"format": "cbs-kwb-xlsx"}),
            Endpoint("indicators OData", "/indicators/imports", steward, {"format": "cbs-odata"}),
            Endpoint("indicators monitor", "/indicators/imports", steward, {"format": "city-monitor"}),
        )
    }  # fmt: skip


XLSX_IMPORTS = [
    "address list",
    "ODK submissions",
    "budget table",
    "indicators long",
    "indicators KWB",
]
ALL_IMPORTS = [*XLSX_IMPORTS, "indicators OData", "indicators monitor"]


def upload(api: Any, endpoint: Endpoint, content: bytes, file_name: str | None = None) -> Any:
    """A real multipart upload to the API, answered in English."""
    data: dict[str, Any] = {
        "file": SimpleUploadedFile(file_name or endpoint.file_name, content),
        **endpoint.form,
    }
    client = api(endpoint.user)
    headers = {**client.headers, "Accept-Language": "en"}
    return client.client.post("/api/v1" + endpoint.path, data, headers=headers)


def warm_up(api: Any, endpoint: Endpoint) -> None:
    """The first request of a process loads the API and its modules: not the upload's time."""
    upload(api, endpoint, b"x", "warm-up.csv")


def refused(response: Any, *words: str) -> str:
    """The 400 problem details of a refusal, as text; it names the limit."""
    assert response.status_code == 400, response.content[:500]
    assert response["Content-Type"] == "application/problem+json"
    text = response.content.decode()
    for word in words:
        assert word in text, text[:500]
    return text


@pytest.mark.parametrize("name", XLSX_IMPORTS)
def test_a_workbook_declaring_columns_to_XFD_is_refused_at_once_in_little_memory(
    name: str, endpoints: dict[str, Endpoint], api: Any
) -> None:
    hostile = xlsx()
    assert len(hostile) < 2000
    warm_up(api, endpoints[name])
    with measured() as m:
        response = upload(api, endpoints[name], hostile)
    refused(response, "columns")
    assert m.seconds < MAX_SECONDS, m
    assert m.growth_mb < MAX_GROWTH_MB, m


@pytest.mark.parametrize("name", XLSX_IMPORTS)
def test_a_workbook_without_dimension_is_counted_while_streaming(
    name: str, endpoints: dict[str, Endpoint], api: Any, settings: Any
) -> None:
    """No <dimension>: the rows are counted as they come (a cell in row 60,000)."""
    settings.IMPORT_MAX_COLUMNS = settings.INDICATOR_IMPORT_MAX_COLUMNS = 50
    settings.INDICATOR_IMPORT_MAX_ROWS = settings.IMPORT_MAX_ROWS
    warm_up(api, endpoints[name])
    with measured() as m:
        response = upload(api, endpoints[name], xlsx(dimension=None, last_cell="A60000"))
    refused(response, "50,000 rows")  # English grouping; Dutch writes 50.000
    assert m.seconds < 3 * MAX_SECONDS, m  # 50,000 empty rows are read before the refusal
    assert m.growth_mb < MAX_GROWTH_MB, m
    response = upload(api, endpoints[name], xlsx(dimension=None, last_cell="XFD2"))
    refused(response, "50 columns")


@pytest.mark.parametrize("name", XLSX_IMPORTS)
def test_a_zip_bomb_is_refused_before_it_is_unpacked(
    name: str, endpoints: dict[str, Endpoint], api: Any, settings: Any
) -> None:
    settings.IMPORT_MAX_UNZIPPED_BYTES = settings.INDICATOR_IMPORT_MAX_UNZIPPED_BYTES = 5_000_000
    rows = b"<row><c><v>1</v></c></row>" * 400_000  # 10 MB that packs to kilobytes
    bomb = xlsx(dimension="A1:J3", last_cell="A2", sheet_body=rows)
    assert len(bomb) < 100_000
    warm_up(api, endpoints[name])
    with measured() as m:
        response = upload(api, endpoints[name], bomb)
    refused(response, "unpacks to more than 5 MB")
    assert m.seconds < MAX_SECONDS, m
    # Shared strings are read whole by openpyxl: a part over 16 MB is refused too.
    strings = b'<sst xmlns="%s">' % MAIN.encode() + b"<si><t>x</t></si>" * 1_100_000 + b"</sst>"
    response = upload(
        api, endpoints[name], xlsx(dimension="A1:J2", last_cell="A2", shared_strings=strings)
    )
    refused(response, "unpacks to more than 16 MB")  # fmt: skip
    # One cell of megabytes would be held whole by the XML parser.
    long_cell = (
        b'<row r="3"><c r="A3" t="inlineStr"><is><t>' + b"x" * 3_000_000 + b"</t></is></c></row>"
    )
    response = upload(
        api, endpoints[name], xlsx(dimension="A1:J3", last_cell="A2", sheet_body=long_cell)
    )
    refused(response, "A cell of the workbook holds more than")  # fmt: skip


@pytest.mark.parametrize("name", ["address list", "ODK submissions"])
def test_a_csv_over_the_size_limit_is_refused_before_it_is_read(
    name: str, endpoints: dict[str, Endpoint], api: Any
) -> None:
    """Address lists had no limit: a 50 MB list took 45 s and 2.5 GB. Now 10 MB."""
    content = address_csv(12_000_000)
    warm_up(api, endpoints[name])
    with measured() as m:
        response = upload(api, endpoints[name], content, "lijst.csv")
    refused(response, "larger than 10 MB")
    assert m.seconds < MAX_SECONDS, m
    assert m.growth_mb < MAX_GROWTH_MB, m  # the test client's request body included


def test_an_address_list_at_the_row_limit_is_imported_in_bounded_memory(
    endpoints: dict[str, Endpoint], api: Any, settings: Any
) -> None:
    """Within the limits a file streams: memory is bounded by the rows kept for the write."""
    from wijkaanpak.outreach.models import Address

    settings.IMPORT_MAX_ROWS = 5_000
    content = address_csv(10_000_000)
    content = b"\n".join(content.split(b"\n")[:5_000]) + b"\n"
    warm_up(api, endpoints["address list"])
    with measured() as m:
        response = upload(api, endpoints["address list"], content, "lijst.csv")
    assert response.status_code == 200, response.content[:500]
    assert response.json() == {"created": 4_999}
    assert Address.objects.count() == 4_999
    assert m.growth_mb < MAX_GROWTH_MB, m


@pytest.mark.parametrize("name", ALL_IMPORTS)
def test_every_import_has_a_size_limit(
    name: str, endpoints: dict[str, Endpoint], api: Any, settings: Any
) -> None:
    settings.IMPORT_MAX_BYTES = settings.INDICATOR_IMPORT_MAX_BYTES = 1_000_000
    settings.BUDGET_IMPORT_MAX_BYTES = 1_000_000
    response = upload(api, endpoints[name], address_csv(1_200_000), "big.csv")
    refused(response, "larger than 1 MB")


CSV_SAMPLES = {
    "address list": ("street;house_number;addition;postcode", "Nigerdreef;{};;3561AB"),
    "ODK submissions": ("form_version;postcode;house_number", "v;3561AB;{}"),
    "budget table": ("Onderwerp;Bedrag (x 1.000 euro)", "Regel {};1"),
    "indicators long": ("indicator;area;period;value;source", "x;GM0344;2020;{};s"),
    "indicators OData": ("WijkenEnBuurten;Perioden;AantalInwoners_5", "GM0344;2020JJ00;{}"),
    "indicators monitor": ("Niveau;inwoners|2020", "Overvecht;{}"),
}


@pytest.mark.parametrize("name", list(CSV_SAMPLES))
def test_csv_rows_and_columns_are_limited_while_streaming(
    name: str, endpoints: dict[str, Endpoint], api: Any, settings: Any
) -> None:
    settings.IMPORT_MAX_ROWS = settings.INDICATOR_IMPORT_MAX_ROWS = 100
    header, row = CSV_SAMPLES[name]
    content = "\n".join([header, *(row.format(n) for n in range(1, 150))]).encode()
    refused(upload(api, endpoints[name], content, "rows.csv"), "more than 100 rows")
    settings.IMPORT_MAX_COLUMNS = settings.INDICATOR_IMPORT_MAX_COLUMNS = 3
    wide = "\n".join([header + ";a;b", *(row.format(n) + ";1;2" for n in range(1, 5))])
    refused(upload(api, endpoints[name], wide.encode(), "cols.csv"), "more than 3 columns")


def test_json_for_the_odata_import_has_its_own_limit(
    endpoints: dict[str, Endpoint], api: Any, settings: Any
) -> None:
    """JSON is read whole: its limit is small (CSV streams)."""
    settings.INDICATOR_IMPORT_MAX_JSON_BYTES = 1_000
    content = b'{"value": [' + b",".join([b'{"WijkenEnBuurten": "GM0344"}'] * 100) + b"]}"
    refused(upload(api, endpoints["indicators OData"], content, "odata.json"), "larger than 1 kB")


def test_pages_answer_an_oversized_file_with_a_400_and_the_message(
    programme: Any, coordinator: Any, settings: Any
) -> None:
    from conftest import otp_verify_session

    settings.INDICATOR_IMPORT_MAX_BYTES = 1_000_000
    client = Client()
    client.force_login(coordinator)
    otp_verify_session(client, coordinator)
    big = address_csv(2_100_000)
    response = client.post(
        f"/finance/{programme.slug}/import/",
        {
            "file": SimpleUploadedFile("budget.csv", big),
            "year": 2024,
            "unit": "",
            "total_means": "",
        },
    )
    assert response.status_code == 400
    assert "2 MB" in response.content.decode()
    response = client.post(
        "/indicators/import/",
        {"file": SimpleUploadedFile("long.csv", big), "format": "long"},
    )
    assert response.status_code == 400
    assert "1 MB" in response.content.decode()


# --- the reader itself -----------------------------------------------------------------------


def test_the_delimiter_is_the_most_frequent_of_semicolon_comma_and_tab() -> None:
    assert tabular.sniff_delimiter("a;b;c,d") == ";"
    assert tabular.sniff_delimiter("a,b,c;d") == ","
    assert tabular.sniff_delimiter("a\tb\tc") == "\t"
    assert tabular.sniff_delimiter("a;b,c") == ";"  # a tie: Dutch exports use ';'


def test_text_lines_drop_the_bom_and_name_the_line_and_byte_that_is_not_utf8() -> None:
    stream = io.BytesIO(b"\xef\xbb\xbfa;b\nc;\xe9\n")
    lines = tabular.text_lines(stream)
    assert next(lines) == "a;b\n"
    with pytest.raises(tabular.NotUtf8) as error:
        next(lines)
    assert (error.value.row, error.value.byte) == (2, 3)


def test_a_line_longer_than_the_limit_is_refused_without_reading_it_whole() -> None:
    stream = io.BytesIO(b"a;b\n" + b"x" * (tabular.MAX_LINE_BYTES + 10))
    with pytest.raises(tabular.TooLarge) as error:
        list(tabular.text_lines(stream))
    assert error.value.row == 2
    assert stream.tell() < tabular.MAX_LINE_BYTES + 10


def test_dutch_notation_is_strict_where_asked() -> None:
    from decimal import Decimal

    assert tabular.dutch_decimal("1.250") == Decimal(1250)
    assert tabular.dutch_decimal("1.250,75") == Decimal("1250.75")
    assert tabular.dutch_decimal("2,5") == Decimal("2.5")
    with pytest.raises(tabular.NotDutchNotation):
        tabular.dutch_decimal("1.25")
    with pytest.raises(ValueError):
        tabular.dutch_decimal("12a")
    assert tabular.parse_number("1.234", dutch=True) == 1234
    assert tabular.parse_number("18,2", dutch=True) == 18.2


def test_limits_are_written_as_people_read_them() -> None:
    assert tabular.size_text(10_000_000) == "10 MB"
    assert tabular.size_text(2_500_000) == "2.5 MB"
    assert tabular.size_text(1_000) == "1 kB"
