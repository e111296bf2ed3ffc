"""A campaign's questionnaire as an XLSForm for ODK Collect / KoboToolbox.

The form carries its version in `settings.version` and in a calculated field `form_version`
(so that every CSV export names it); submissions of another version are refused on import.
"""

from __future__ import annotations

import io

from openpyxl import Workbook

from wijkaanpak.outreach.models import Campaign, Question, QuestionType, VisitOutcome

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
POSTCODE_CONSTRAINT = "regex(., '^[1-9][0-9]{3} ?[A-Za-z]{2}$')"


def field_name(question: Question) -> str:
    return "q_" + question.code.replace("-", "_")


def _question_type(question: Question) -> str:
    if question.type == QuestionType.NUMBER:
        return "decimal"
    if question.type == QuestionType.TEXT:
        return "text"
    return f"select_one {field_name(question)}"


def xlsform_rows(campaign: Campaign) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    survey = [
        ["type", "name", "label", "hint", "required", "relevant", "constraint", "calculation"],
        ["calculate", "form_version", "", "", "", "", "", f"'{campaign.form_version}'"],
        ["text", "postcode", "Postcode", "1234 AB", "yes", "", POSTCODE_CONSTRAINT, ""],
        ["integer", "house_number", "Huisnummer", "", "yes", "", ". > 0", ""],
        ["text", "addition", "Toevoeging", "", "", "", "", ""],
        ["date", "visit_date", "Datum bezoek", "", "yes", "", "", ""],
        ["select_one outcome", "outcome", "Uitkomst", "", "yes", "", "", ""],
        ["begin_group", "conversation", "Gesprek", "", "", "${outcome} = 'interviewed'", "", ""],
        ["select_multiple themes", "themes", "Besproken thema's", "", "", "", "", ""],
    ]
    choices = [["list_name", "name", "label"]]
    labels = {
        "not_at_home": "Niet thuis",
        "refused": "Weigert",
        "reached": "Bereikt",
        "interviewed": "Geïnterviewd",
        "moved": "Verhuisd",
        "address_not_found": "Adres niet gevonden",
    }
    choices += [["outcome", v, labels.get(v, v)] for v in VisitOutcome.values]
    choices += [["themes", t.code, t.name] for t in campaign.themes.order_by("order", "name")]
    for q in campaign.questions.select_related("theme").order_by("order", "id"):
        survey.append([_question_type(q), field_name(q), q.text, q.theme.name, "", "", "", ""])
        if q.type in (QuestionType.YES_NO, QuestionType.CHOICE, QuestionType.SCALE):
            choices += [[field_name(q), c["value"], c["label"]] for c in q.choices()]
    survey.append(["text", "note", "Notitie", "", "", "", "", ""])
    survey.append(["end_group", "conversation", "", "", "", "", "", ""])
    settings = [
        ["form_title", "form_id", "version"],
        [campaign.name, campaign.form_id, campaign.form_version],
    ]
    return survey, choices, settings


def xlsform_build(*, campaign: Campaign) -> bytes:
    survey, choices, settings = xlsform_rows(campaign)
    wb = Workbook()
    sheets = {"survey": survey, "choices": choices, "settings": settings}
    ws = wb.active
    assert ws is not None
    ws.title = "survey"
    for row in survey:
        ws.append(row)
    for name in ("choices", "settings"):
        sheet = wb.create_sheet(name)
        for row in sheets[name]:
            sheet.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
