"""Real-world XLSForm quirks load: capitals, stray spaces, a formula version, old syntax,
typographic quotes, a huge declared sheet, legacy .xls."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import openpyxl

from mahalla.core.jobs.messages import render_text
from mahalla.surveys.forms import services
from mahalla.surveys.tests.xlsforms import CHOICES, SURVEY, settings_rows, upload, workbook, xlsx

FILES = Path(__file__).parent / "files"


def load(world, uploaded):
    return services.create_version_from_upload(
        user=world.khlong_toei_officer, area=world.khlong_toei, uploaded_file=uploaded
    )


def test_upper_case_sheet_and_column_names_and_trailing_spaces(world):
    survey = [
        ["TYPE ", " Name", "LABEL::English (en) ", "Label::Thai (th)"],
        ["text", "hh_name", "Household name", "ชื่อครัวเรือน"],
        ["select_one yn", "owner", "Owner?", "เจ้าของ"],
    ]
    choices = [
        ["LIST_NAME", "NAME ", "LABEL::English (en)", "label::Thai (th)"],
        *[r[:4] for r in CHOICES[1:]],
    ]
    data = workbook({"SURVEY": survey, "Choices": choices, "Settings": settings_rows()})
    version = load(world, upload(data))
    owner = next(f for f in version.fields if f["name"] == "owner")
    assert owner["labels"] == {"en": "Owner?", "th": "เจ้าของ"}
    assert [c["name"] for c in owner["choices"]] == ["yes", "no"]
    assert version.languages == ["en", "th"]


def test_a_version_formula_without_a_computed_value_gets_a_timestamp(world):
    version = load(world, xlsx(settings=[["form_id", "version"], ["houses", "=NOW()"]]))
    assert re.fullmatch(r"\d{14}", version.version)
    notice = next(w for w in version.warnings if w["code"] == "surveys.xlsform.version_formula")
    assert "=NOW()" in render_text(notice)
    assert f'version="{version.version}"' in version.xform


def test_a_missing_version_gets_a_timestamp_and_says_so(world):
    version = load(world, xlsx(settings=[["form_id"], ["houses"]]))
    assert re.fullmatch(r"\d{14}", version.version)
    assert any(w["code"] == "surveys.xlsform.version_missing" for w in version.warnings)


def test_old_syntax_select_one_from_list_name_and_single_colon_labels(world):
    survey = [
        ["type", "name", "label:English"],
        ["select one from yn", "owner", "Owner?"],
        ["select all that apply from list yn", "both", "Both?"],
    ]
    choices = [["list name", "name", "label:English"], ["yn", "yes", "Yes"], ["yn", "no", "No"]]
    version = load(world, xlsx(survey=survey, choices=choices))
    kinds = {f["name"]: f["type"] for f in version.fields}
    assert kinds["owner"] == "select one" and kinds["both"] == "select all that apply"
    owner = next(f for f in version.fields if f["name"] == "owner")
    assert owner["labels"] == {"en": "Owner?"}
    assert [c["labels"]["en"] for c in owner["choices"]] == ["Yes", "No"]


def test_typographic_quotes_in_expressions_become_straight_quotes(world):
    survey = [
        ["type", "name", "label", "relevant", "constraint"],
        ["select_one yn", "owner", "Owner?", "", ""],
        ["text", "deed", "Deed number", "${owner} = ‘yes’", "string-length(.) > 0 or . = “x”"],
    ]
    version = load(world, xlsx(survey=survey, choices=[r[:3] for r in CHOICES]))
    assert "/data/owner  = 'yes'" in version.xform or "/data/owner = 'yes'" in version.xform
    assert "‘" not in version.xform and "“" not in version.xform
    assert "Deed number" in version.xform


def _declare_huge(data: bytes) -> bytes:
    """The same workbook, its sheets declaring A1:XFD1048576 (as some tools write)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                content = re.sub(
                    rb'<dimension ref="[^"]+"', b'<dimension ref="A1:XFD1048576"', content
                )
            target.writestr(item, content)
    return out.getvalue()


def test_a_huge_declared_dimension_with_few_rows_loads_quickly(world):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "survey"
    for row in SURVEY:
        ws.append(row)
    # Styled but empty cells far below and to the right (the sheet "ends" at row 1,000,000).
    ws.cell(row=3000, column=3).number_format = "0.00"
    ws.cell(row=1_000_000, column=16_000).number_format = "0.00"
    wb.create_sheet("choices")
    for row in CHOICES:
        wb["choices"].append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    data = _declare_huge(buffer.getvalue())
    check = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    assert check["survey"].max_row == 1_048_576
    started = time.monotonic()
    version = load(world, upload(data))
    assert time.monotonic() - started < 10
    assert [f["name"] for f in version.fields][:3] == ["hh_name", "owner", "rooms"]


def test_legacy_xls_with_old_syntax(world):
    data = (FILES / "yes_or_no_question.xls").read_bytes()
    version = load(world, upload(data, "yes_or_no_question.xls"))
    good_day = next(f for f in version.fields if f["name"] == "good_day")
    assert good_day["type"] == "select one"
    assert [c["name"] for c in good_day["choices"]] == ["yes", "no"]
    assert version.form.xml_form_id == "yes_or_no_question"  # derived from the file name


def test_legacy_xls_with_a_group(world):
    version = load(world, upload((FILES / "group.xls").read_bytes(), "group.xls"))
    paths = [f["path"] for f in version.fields]
    assert "/father/age" in paths
    assert version.languages == ["en"]


def test_translated_titles_from_the_settings_sheet(world):
    settings = [
        ["form_id", "version", "form_title", "form_title::Thai (th)", "form_title::Persian (fa)"],
        ["houses", "1", "Houses", "บ้าน", "خانه‌ها"],
    ]
    version = load(world, xlsx(settings=settings))
    assert version.titles == {"default": "Houses", "th": "บ้าน", "fa": "خانه‌ها"}
    assert version.form.name_th == "บ้าน" and version.form.name_fa == "خانه‌ها"


def test_pyxform_warnings_are_stored_as_messages(world):
    survey = [*SURVEY, ["image", "photo", "Photo of the house"]]
    version = load(world, xlsx(survey=survey))
    codes = [w["params"]["reason"]["code"] for w in version.warnings if "reason" in w["params"]]
    assert "surveys.xlsform.warn_max_pixels" in codes
    warning = next(w for w in version.warnings if w.get("params", {}).get("row") == 5)
    assert render_text(warning).startswith("Sheet survey, row 5:")
    assert "max-pixels" in warning["params"]["detail"]
