"""Each kind of broken XLSForm is refused with a translated sentence naming the sheet and row,
pyxform's own text kept as the detail, and nothing is stored."""

from __future__ import annotations

import pytest
from django.utils import translation

from mahalla.core.jobs.messages import render_text
from mahalla.surveys.forms import services
from mahalla.surveys.models import Form, FormMedia, FormVersion
from mahalla.surveys.tests.xlsforms import CHOICES, SURVEY, upload, workbook, xlsx

HEAD = SURVEY[0]


def refused(world, uploaded) -> list[dict]:
    with pytest.raises(services.FormError) as caught:
        services.create_version_from_upload(
            user=world.khlong_toei_officer, area=world.khlong_toei, uploaded_file=uploaded
        )
    assert Form.objects.count() == FormVersion.objects.count() == FormMedia.objects.count() == 0
    return caught.value.messages


def only(messages: list[dict]) -> tuple[dict, str]:
    assert len(messages) == 1, messages
    return messages[0], render_text(messages[0])


def test_an_unknown_question_type_names_its_row(world):
    problem, text = only(refused(world, xlsx(survey=[*SURVEY, ["txet", "x", "X", "X", "X"]])))
    assert problem["params"]["reason"]["code"] == "surveys.xlsform.unknown_type"
    assert text.startswith("Sheet survey, row 5:")
    assert "txet" in text
    assert problem["params"]["detail"] == "Unknown question type 'txet'."


def test_an_unclosed_group(world):
    survey = [*SURVEY, ["begin group", "house", "House", "บ้าน", "خانه"], ["text", "wall", "W"]]
    problem, text = only(refused(world, xlsx(survey=survey)))
    assert problem["params"]["reason"]["code"] == "surveys.xlsform.unclosed"
    assert text.startswith("Sheet survey, row 5:")
    assert "group" in text


def test_an_end_without_begin(world):
    survey = [*SURVEY, ["end repeat", "", ""]]
    problem, text = only(refused(world, xlsx(survey=survey)))
    assert problem["params"]["reason"]["code"] == "surveys.xlsform.unopened"
    assert text.startswith("Sheet survey, row 5:")


def test_a_name_used_twice(world):
    problem, text = only(refused(world, xlsx(survey=[*SURVEY, ["text", "rooms", "Again"]])))
    assert problem["params"]["reason"]["code"] == "surveys.xlsform.duplicate_name"
    assert text.startswith("Sheet survey, row 5:")
    assert "rooms" in text


def test_a_missing_choice_list(world):
    survey = [*SURVEY, ["select_one colours", "colour", "Colour"]]
    problem, text = only(refused(world, xlsx(survey=survey)))
    assert problem["params"]["reason"]["code"] == "surveys.xlsform.missing_list"
    assert text.startswith("Sheet survey, row 5:")
    assert "colours" in text


def test_select_questions_without_a_choices_sheet(world):
    problem, text = only(refused(world, xlsx(choices=False)))
    assert problem["params"]["reason"]["code"] == "surveys.xlsform.no_choices_sheet"
    assert text.startswith("Sheet choices:")


def test_a_reference_to_a_question_that_does_not_exist(world):
    survey = [[*HEAD, "relevant"], *SURVEY[1:], ["text", "why", "Why", "", "", "${missing} > 2"]]
    problem, text = only(refused(world, xlsx(survey=survey)))
    assert problem["params"]["reason"]["code"] == "surveys.xlsform.bad_reference"
    assert text.startswith("Sheet survey, row 5:")
    assert "${missing}" in text and "relevant" in text


def test_a_name_with_a_space(world):
    problem, text = only(refused(world, xlsx(survey=[*SURVEY, ["text", "house number", "No."]])))
    assert problem["params"]["reason"]["code"] == "surveys.xlsform.bad_name"
    assert text.startswith("Sheet survey, row 5:")


def test_a_question_without_a_label_is_found_by_its_name(world):
    problem, text = only(refused(world, xlsx(survey=[*SURVEY, ["text", "nolabel"]])))
    assert problem["params"]["reason"]["code"] == "surveys.xlsform.missing_label"
    assert text.startswith("Sheet survey, row 5:")


def test_no_survey_sheet(world):
    data = workbook({"choices": CHOICES, "settings": [["form_id"], ["x"]]})
    problem, text = only(refused(world, upload(data)))
    assert problem["code"] == "surveys.xlsform.no_survey_sheet"
    assert text == "The workbook has no sheet named survey."


def test_a_missing_type_column(world):
    problem, text = only(
        refused(world, xlsx(survey=[["kind", "name", "label"], ["text", "a", "A"]]))
    )
    assert problem["params"]["reason"]["code"] == "surveys.xlsform.missing_column"
    assert "type" in text


def test_a_column_written_twice(world):
    problem, text = only(
        refused(world, xlsx(survey=[["type", "name", "label", "Label "], ["text", "a", "A", "B"]]))
    )
    assert problem["params"]["reason"]["code"] == "surveys.xlsform.duplicate_column"
    assert text.startswith("Sheet survey, row 1:")


def test_a_file_that_is_not_a_workbook(world):
    problem, text = only(refused(world, upload(b"type,name\ntext,a\n", "form.csv")))
    assert problem["code"] == "surveys.xlsform.not_a_workbook"
    assert "form.csv" in text


def test_a_broken_workbook(world):
    problem, _text = only(refused(world, upload(b"PK\x03\x04 not really a zip", "form.xlsx")))
    assert problem["code"] == "surveys.xlsform.unreadable"


def test_the_sheet_name_is_shown_as_the_author_wrote_it(world):
    data = workbook({"SURVEY": [*SURVEY, ["txet", "x", "X"]], "Choices": CHOICES})
    _problem, text = only(refused(world, upload(data)))
    assert text.startswith("Sheet SURVEY, row 5:")


def test_messages_render_in_the_readers_digits(world):
    problem, _text = only(refused(world, xlsx(survey=[*SURVEY, ["txet", "x", "X"]])))
    with translation.override("fa"):
        assert "۵" in render_text(problem)
    with translation.override("th"):
        assert "txet" in render_text(problem)


def test_upload_size_and_row_limits(world, settings):
    settings.SURVEYS_XLSFORM_MAX_BYTES = 1000
    problem, _ = only(refused(world, xlsx()))
    assert problem["code"] == "surveys.xlsform.too_large"
    settings.SURVEYS_XLSFORM_MAX_BYTES = 10_000_000
    settings.SURVEYS_XLSFORM_MAX_ROWS = 10
    many = [*SURVEY, *(["text", f"q{i}", f"Q{i}"] for i in range(20))]
    problem, text = only(refused(world, xlsx(survey=many)))
    assert problem["code"] == "surveys.xlsform.too_many_rows"
    assert "survey" in text


def test_encrypted_forms_are_refused(world):
    encrypted = [
        ["form_id", "version", "submission_url", "public_key"],
        ["houses", "1", "https://example.org/submission", "MIIBIjANBgkq"],
    ]
    problem, text = only(refused(world, xlsx(settings=encrypted)))
    assert problem["code"] == "surveys.xlsform.encrypted"
    assert "encrypted" in text
    only_key = [["form_id", "public_key"], ["houses", "MIIBIjANBgkq"]]
    assert only(refused(world, xlsx(settings=only_key)))[0]["code"] == "surveys.xlsform.encrypted"
