from __future__ import annotations

from django.template.loader import render_to_string

from mahalla.core.history import history_rows
from mahalla.people.services import organisation_create, organisation_update


def test_rows_say_who_when_what_and_why_newest_first(world, kt_admin):
    organisation = organisation_create(
        by=kt_admin, kind="ngo", name_en="Canal Friends", area=world.lock_123, reason="founded"
    )
    organisation_update(
        organisation=organisation,
        by=kt_admin,
        kind="cooperative",
        area=world.rim_khlong,
        reason="became a cooperative",
    )
    newest, oldest = history_rows(organisation)
    assert oldest.action == "+" and oldest.reason == "founded" and oldest.changes == []
    assert newest.who == kt_admin and newest.who_name == "Niran"
    assert newest.reason == "became a cooperative"
    changes = {c.field: (c.old, c.new) for c in newest.changes}
    assert changes["kind"] == ("NGO", "cooperative")  # choice labels, not codes
    assert changes["area"] == ("Lock 1-2-3", "ริมคลองพระโขนง")  # names, not ids


def test_changes_by_the_system_are_named_so(world):
    (row,) = history_rows(world.khlong_toei_office)
    assert row.who is None and row.who_name == "system"


def test_limit_keeps_the_newest_and_still_diffs_the_last_row(world, kt_admin):
    organisation = world.khlong_toei_office
    for number in range(5):
        organisation_update(organisation=organisation, by=kt_admin, short_name_en=f"v{number}")
    rows = history_rows(organisation, limit=2)
    assert len(rows) == 2
    assert [c.new for c in rows[1].changes] == ["v3"]


def test_query_count_does_not_grow_with_history(world, kt_admin, django_assert_max_num_queries):
    organisation = world.khlong_toei_office
    for number in range(20):
        organisation_update(
            organisation=organisation,
            by=kt_admin,
            short_name_en=f"v{number}",
            area=world.lock_123 if number % 2 else world.khlong_toei,
        )
    with django_assert_max_num_queries(2):  # the records with users, then the areas
        rows = history_rows(organisation)
    assert len(rows) == 21


def test_include_renders_rows_and_an_empty_state(world, kt_admin):
    organisation_update(
        organisation=world.khlong_toei_office, by=kt_admin, short_name_en="KT", reason="short"
    )
    html = render_to_string(
        "core/_history.html", {"history_rows": history_rows(world.khlong_toei_office)}
    )
    assert "short" in html and "Niran" in html and "<ins><bdi>KT</bdi></ins>" in html
    empty = render_to_string("core/_history.html", {"history_rows": []})
    assert "No changes recorded yet." in empty
