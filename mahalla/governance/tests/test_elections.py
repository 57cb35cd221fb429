"""Elections of a board of trustees: eligibility, one secret ballot per voting code, paper
results, ties, and terms created from the result."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mahalla.governance.demo import body_types_build, calendars_build
from mahalla.governance.models import Ballot, Body, Election, Membership, Voter
from mahalla.governance.services import elections as services


@pytest.fixture
def board(world):
    return Body.objects.create(
        body_type=body_types_build()["board_of_trustees"],
        area=world.tehran_d12,
        name_fa="هیئت امنای محله سنگلج",
        calendar=calendars_build()["iran"],
    )


def _election(board, method="app", seats=2):
    return services.election_call(
        body=board, by=None, position="member", seats=seats, method=method,
        called_on=date(2026, 11, 1), voting_on=date(2026, 11, 20),
    )  # fmt: skip


def _candidates(election, *rows):
    return [
        services.candidate_add(
            election=election, by=None, person_name=name, age=age, is_resident=resident
        )
        for name, age, resident in rows
    ]


def test_only_elected_bodies_hold_elections(world):
    council = Body.objects.create(
        body_type=body_types_build()["county_steering_council"], area=world.tehran,
        name_fa="شورا", calendar=calendars_build()["iran"],
    )  # fmt: skip
    with pytest.raises(ValidationError):
        _election(council)


def test_one_secret_ballot_per_code_and_terms_from_the_result(board):
    election = _election(board)
    a, b, c, young = _candidates(
        election, ("مریم", 40, True), ("حسن", 52, True), ("علی", 33, True), ("نوجوان", 16, True)
    )
    assert not young.is_eligible()
    result = services.roll_add(election=election, lines="زهرا، ۴۵\nرضا, 30\nسارا, 61")
    assert not result.refused and len(result.codes) == 3
    with pytest.raises(ValidationError):
        services.ballot_cast(code=result.codes[0][1], choices=[a.pk])  # not open yet
    services.voting_open(election=election, by=None)
    codes = [code for _name, code in result.codes]
    services.ballot_cast(code=codes[0], choices=[a.pk, b.pk])
    services.ballot_cast(code=codes[1].lower().replace("-", ""), choices=[a.pk])
    with pytest.raises(ValidationError, match="used"):
        services.ballot_cast(code=codes[0], choices=[c.pk])
    with pytest.raises(ValidationError):
        services.ballot_cast(code=codes[2], choices=[a.pk, b.pk, c.pk])  # three for two seats
    with pytest.raises(ValidationError):
        services.ballot_cast(code=codes[2], choices=[young.pk])  # not eligible
    services.ballot_cast(code=codes[2], choices=[b.pk])
    # Secret: a ballot holds its choices only; the roll says who voted, not how.
    assert {f.name for f in Ballot._meta.get_fields()} == {"id", "election", "choices"}
    assert Voter.objects.filter(has_voted=True).count() == 3
    services.voting_close(election=election, by=None)
    tally = services.tally(election)
    assert [(cand.person_name, n) for cand, n in tally.rows][:2] == [("حسن", 2), ("مریم", 2)]
    assert tally.turnout == 3 and tally.roll == 3
    made = services.terms_create(election=election, by=None, start=date(2026, 11, 21))
    assert sorted(m.person_name for m in made) == ["حسن", "مریم"]
    assert all(m.term_end == date(2028, 11, 21) for m in made)
    election.refresh_from_db()
    assert election.status == "closed"


def test_a_roll_with_a_bad_line_stores_nothing(board):
    election = _election(board)
    result = services.roll_add(election=election, lines="زهرا, 45\nبدون سن\nکودک, 12")
    assert [n for n, _reason in result.refused] == [2, 3]
    assert not Voter.objects.exists()


def test_a_tie_for_the_last_seat_blocks_the_terms(board):
    election = _election(board, method="paper", seats=1)
    a, b = _candidates(election, ("مریم", 40, True), ("حسن", 52, True))
    services.paper_result(election=election, votes={a.pk: 12, b.pk: 12}, by=None)
    assert services.tally(election).tie == [b, a] or set(services.tally(election).tie) == {a, b}
    with pytest.raises(ValidationError, match="tie"):
        services.terms_create(election=election, by=None, start=date(2026, 11, 21))
    assert not Membership.objects.filter(body=board).exists()


def test_the_pages_run_a_paper_election(world, board, login):
    from mahalla.people.roles import Role
    from mahalla.testing import grant, make_user

    manager = make_user("d12_manager", language="fa")
    grant(manager, Role.NEIGHBOURHOOD_MANAGER, area=world.tehran_d12)
    client = login(manager)
    client.cookies["mahalla_language"] = "fa"
    response = client.post(
        reverse("governance:election_new", kwargs={"pk": board.pk}),
        {"position": "inspector", "seats": "۱", "method": "paper", "called_on": "۱۴۰۵/۰۸/۱۰",
         "voting_on": "۱۴۰۵/۰۸/۰۱", "min_age": "۱۸", "term_years": "۲"},
    )  # fmt: skip
    assert response.status_code == 200 and "voting_on" in response.context["form"].errors
    response = client.post(
        reverse("governance:election_new", kwargs={"pk": board.pk}),
        {"position": "inspector", "seats": "۱", "method": "paper", "called_on": "۱۴۰۵/۰۸/۱۰",
         "voting_on": "۱۴۰۵/۰۸/۲۰", "min_age": "۱۸", "term_years": "۲"},
    )  # fmt: skip
    election = Election.objects.get()
    act = reverse("governance:election_act", kwargs={"pk": election.pk})
    for name in ("فاطمه", "مهدی"):
        client.post(
            act, {"act": "candidate", "person_name": name, "age": "۴۰", "is_resident": "on"}
        )
    first, second = election.candidates.order_by("pk")
    client.post(act, {"act": "paper", f"votes-{first.pk}": "۳۱", f"votes-{second.pk}": "۱۷"})
    assert client.post(act, {"act": "terms"}).status_code == 302
    assert Membership.objects.get(body=board, role="inspector").person_name == "فاطمه"
    # Out of scope and anonymous.
    assert login(world.khlong_toei_officer).post(act, {"act": "terms"}).status_code == 404


def test_the_ballot_page_for_a_resident_without_an_account(board, login):
    election = _election(board, seats=1)
    a, b = _candidates(election, ("مریم", 40, True), ("حسن", 52, True))
    code = services.roll_add(election=election, lines="زهرا, 45").codes[0][1]
    services.voting_open(election=election, by=None)
    client = login()
    url = reverse("governance:vote")
    assert client.post(url, {"code": "WRONG-CODE"}).status_code == 400
    ballot = client.post(url, {"code": code})
    assert "مریم" in ballot.content.decode()
    assert client.post(url, {"code": code, "choice": [str(b.pk)]}).status_code == 200
    assert list(Ballot.objects.get().choices.all()) == [b]
    assert client.post(url, {"code": code, "choice": [str(a.pk)]}).status_code == 400
    assert Ballot.objects.count() == 1
