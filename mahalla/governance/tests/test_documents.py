"""Local development documents: the score is transparent, approval goes level by level with
no step skipped, a returned document starts again from the first level, and an approved
document's actions are monitored as resolutions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mahalla.governance.demo import body_types_build, calendars_build
from mahalla.governance.models import (
    ApprovalLevel,
    ApprovalScheme,
    Body,
    DevelopmentDocument,
    Resolution,
)
from mahalla.governance.services import documents as services
from mahalla.people.models import Organisation
from mahalla.people.roles import Role
from mahalla.testing import grant, make_user

LEVELS = (
    "county_regeneration_headquarters",
    "province_regeneration_headquarters",
    "provincial_planning_council",
)


@pytest.fixture
def chain(world):
    """Moradabad's office, the county (Chabahar has no county level in the test world, so
    the county headquarters sits on the province) and provincial bodies, and the scheme."""
    calendar = calendars_build()["iran"]
    types = body_types_build()
    office = Body.objects.create(
        body_type=types["facilitation_office"], area=world.moradabad,
        name_fa="دفتر تسهیلگری مرادآباد", calendar=calendar,
    )  # fmt: skip
    county = Body.objects.create(
        body_type=types[LEVELS[0]], area=world.chabahar, name_fa="ستاد شهرستان", calendar=calendar
    )
    province = Body.objects.create(
        body_type=types[LEVELS[1]], area=world.chabahar, name_fa="ستاد استان", calendar=calendar
    )
    council = Body.objects.create(
        body_type=types[LEVELS[2]], area=world.chabahar, name_fa="شورای برنامه‌ریزی",
        calendar=calendar,
    )  # fmt: skip
    scheme = ApprovalScheme.objects.create(code="test", name_en="Test scheme")
    for rank, code in enumerate(LEVELS, start=1):
        ApprovalLevel.objects.create(scheme=scheme, rank=rank, body_type=types[code])
    return office, county, province, council, scheme


@pytest.fixture
def document(world, chain):
    office, *_rest, scheme = chain
    doc = DevelopmentDocument.objects.create(
        kind="local_development", area=world.moradabad, title="سند توسعه محلی مرادآباد",
        body=office, scheme=scheme,
    )  # fmt: skip
    return doc


def _need(document, text, votes, severity, people):
    return services.need_add(
        document=document, by=None, text=text, group="g", source="meeting",
        paper_votes=votes, severity=severity, people_affected=people,
    )  # fmt: skip


def _action(document, world):
    org = Organisation.objects.create(kind="government_agency", name_fa="سازمان امور اجتماعی")
    return services.action_add(
        document=document, by=None, text="ساخت دبستان", owner=org, budget=Decimal("3e10"),
        currency="IRR", starts_on=date(2027, 1, 1), ends_on=date(2027, 6, 30),
    )  # fmt: skip


def test_the_score_shows_its_parts(document):
    water = _need(document, "آب", votes=200, severity=5, people=1000)
    road = _need(document, "راه", votes=100, severity=3, people=4000)
    scored = services.scored_needs(document)
    by_need = {row.need.pk: row for row in scored}
    assert by_need[water.pk].votes_part == 50  # the most votes: the whole weight
    assert by_need[water.pk].severity_part == 30
    assert by_need[water.pk].reach_part == 5  # 20 × 1000 / 4000
    assert by_need[road.pk].score == pytest.approx(25 + 18 + 20)
    assert [row.need.pk for row in scored] == [water.pk, road.pk]


def test_weights_must_add_up_to_100():
    with pytest.raises(ValidationError, match="100"):
        services.check_weights(50, 30, 30)


def test_a_vote_counts_once(world, document):
    need = _need(document, "آب", 0, 3, 0)
    assert services.vote(need=need, user=world.no_role)
    assert not services.vote(need=need, user=world.no_role)
    assert services.scored_needs(document)[0].votes == 1


def test_levels_decide_in_order_and_a_return_restarts(world, document, chain):
    office, county, province, council, _scheme = chain
    with pytest.raises(ValidationError, match="action"):
        services.submit(document=document, by=None)  # nothing to carry out yet
    _need(document, "مدرسه", 10, 4, 300)
    _action(document, world)
    services.submit(document=document, by=None)
    document.refresh_from_db()
    assert (document.status, document.current_rank) == ("in_approval", 1)
    # The province cannot decide before the county.
    with pytest.raises(ValidationError):
        services.decide(document=document, rank=2, approve=True, comment="", by=None)
    services.decide(document=document, rank=1, approve=True, comment="", by=None)
    # Returned by the province, with a reason…
    with pytest.raises(ValidationError):
        services.decide(document=document, rank=2, approve=False, comment=" ", by=None)
    services.decide(document=document, rank=2, approve=False, comment="بودجه روشن نیست", by=None)
    document.refresh_from_db()
    assert document.status == "returned" and document.current_rank is None
    # …it goes back to the county first: no level is skipped after a revision.
    services.submit(document=document, by=None)
    document.refresh_from_db()
    assert document.current_rank == 1
    with pytest.raises(ValidationError):
        services.decide(document=document, rank=3, approve=True, comment="", by=None)
    for rank in (1, 2, 3):
        services.decide(document=document, rank=rank, approve=True, comment="", by=None)
    document.refresh_from_db()
    assert document.status == "approved"
    decisions = list(document.decisions.values_list("decision", "rank"))
    assert decisions == [
        ("submitted", None), ("approved", 1), ("returned", 2), ("submitted", None),
        ("approved", 1), ("approved", 2), ("approved", 3),
    ]  # fmt: skip
    # Each action is now a resolution of the office, due at its end.
    action = document.actions.get()
    assert action.resolution.body == office
    assert action.resolution.deadline == date(2027, 6, 30)
    assert list(action.resolution.responsible.all()) == [action.owner]
    with pytest.raises(ValidationError):
        _need(document, "دیر", 1, 1, 1)  # an approved document is not changed


def test_the_approver_pages(world, document, chain, login):
    office, county, province, council, _scheme = chain
    _need(document, "مدرسه", 10, 4, 300)
    _action(document, world)
    services.submit(document=document, by=None)
    decide = reverse("governance:document_decide", kwargs={"pk": document.pk})
    # The facilitator prepares the document but is not the county headquarters.
    response = login(world.moradabad_facilitator).post(decide, {"rank": "1", "decision": "approve"})
    assert response.status_code == 403
    county_secretary = make_user("county_secretary", language="fa")
    grant(county_secretary, Role.BODY_SECRETARY, area=world.chabahar)
    client = login(county_secretary)
    client.cookies["mahalla_language"] = "fa"
    # A stale form (a later level's rank) is refused with the reason, nothing recorded.
    stale = client.post(decide, {"rank": "2", "decision": "approve"})
    assert stale.status_code == 409
    assert document.decisions.count() == 1
    assert client.post(decide, {"rank": "1", "decision": "approve"}).status_code == 302
    document.refresh_from_db()
    assert document.current_rank == 2
    page = client.get(reverse("governance:document_detail", kwargs={"pk": document.pk}))
    assert 'aria-current="step"' in page.content.decode()
    assert not Resolution.objects.exists()


def test_a_resident_votes_from_the_page(world, document, login):
    need = _need(document, "آب", 0, 3, 0)
    resident = make_user("resident")
    grant(resident, Role.SURVEYOR, area=world.moradabad)
    client = login(resident)
    url = reverse("governance:need_vote", kwargs={"pk": need.pk})
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302
    assert need.app_votes.count() == 1
    assert login(world.khlong_toei_officer).post(url).status_code == 404
