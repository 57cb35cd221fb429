"""Elections: candidates and their eligibility, the electoral roll with one-time voting codes,
secret ballots (one per code), counting, and the terms created from the result."""

from __future__ import annotations

import hashlib
import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from mahalla.core.i18n.digits import format_number, to_ascii_digits
from mahalla.governance.models import Ballot, Body, Candidate, Election, Membership, Voter

MAX_ROLL = 20_000
CODE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"  # no look-alikes (0/O, 1/I, 2/Z, 5/S, 8/B)
CODE_LENGTH = 8


def code_hash(code: str) -> str:
    """The fingerprint kept of a voting code, whatever its case, dashes or digits."""
    cleaned = to_ascii_digits(code, separators=False).upper().replace("-", "").replace(" ", "")
    return hashlib.sha256(cleaned.encode()).hexdigest()


def _new_code() -> str:
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{code[:4]}-{code[4:]}"


@transaction.atomic
def election_call(*, body: Body, by: Any, **fields: Any) -> Election:
    if not body.body_type.is_elected:
        raise ValidationError(_("Members of this kind of body are not elected."))
    election = Election(body=body, **fields)
    election.full_clean()
    election._history_user = by
    election.save()
    return election


def _open_for_registration(election: Election) -> None:
    if election.status != Election.Status.CALLED:
        raise ValidationError(_("Candidates and voters are registered only before the vote."))


@transaction.atomic
def candidate_add(*, election: Election, by: Any, **fields: Any) -> Candidate:
    _open_for_registration(election)
    candidate = Candidate(election=election, **fields)
    candidate.full_clean()
    candidate._history_user = by
    candidate.save()
    return candidate


@dataclass(frozen=True)
class RollResult:
    codes: list[tuple[str, str]]  # (name, code): shown once, to print the voting slips
    refused: list[tuple[int, str]]  # (line number, reason)


def roll_add(*, election: Election, lines: str) -> RollResult:
    """One voter per line, "name, age". A line that is too young or unreadable is refused by
    its number; nothing is stored unless every line is good."""
    _open_for_registration(election)
    if election.method != Election.Method.APP:
        raise ValidationError(_("A paper election has no voting codes."))
    rows = [line for line in lines.splitlines() if line.strip()]
    if election.voters.count() + len(rows) > MAX_ROLL:
        raise ValidationError(_("An electoral roll holds at most 20,000 people."))
    people: list[tuple[str, int]] = []
    refused: list[tuple[int, str]] = []
    for number, line in enumerate(lines.splitlines(), start=1):
        if not line.strip():
            continue
        name, _sep, age_text = line.replace("،", ",").rpartition(",")
        try:
            age = int(to_ascii_digits(age_text.strip(), separators=False))
        except ValueError:
            refused.append((number, str(_("write the name, a comma, then the age"))))
            continue
        if not name.strip():
            refused.append((number, str(_("the name is missing"))))
        elif age < election.min_age:
            refused.append((number, str(_("younger than the minimum age"))))
        else:
            people.append((name.strip(), age))
    if refused:
        return RollResult(codes=[], refused=refused)
    codes = [(name, _new_code()) for name, _age in people]
    with transaction.atomic():
        Voter.objects.bulk_create(
            [
                Voter(election=election, person_name=name, age=age, code_hash=code_hash(code))
                for (name, age), (_n, code) in zip(people, codes, strict=True)
            ],
            batch_size=1000,
        )
    return RollResult(codes=codes, refused=[])


@transaction.atomic
def voting_open(*, election: Election, by: Any) -> Election:
    if election.status != Election.Status.CALLED:
        raise ValidationError(_("The vote was opened already."))
    eligible = [c for c in election.candidates.all() if c.is_eligible()]
    if len(eligible) < election.seats:
        raise ValidationError(
            _("There are fewer eligible candidates (%(n)s) than seats (%(seats)s).")
            % {"n": format_number(len(eligible)), "seats": format_number(election.seats)}
        )
    if election.method == Election.Method.APP and not election.voters.exists():
        raise ValidationError(_("Add the electoral roll before opening the vote."))
    election.status = Election.Status.VOTING
    election._history_user = by
    election.save(update_fields=["status"])
    return election


@transaction.atomic
def ballot_cast(*, code: str, choices: list[int]) -> Election:
    """Cast the ballot of a voting code. The code is spent and the ballot stored in one
    transaction, with nothing that links them."""
    voter = (
        Voter.objects.select_for_update()
        .select_related("election")
        .filter(code_hash=code_hash(code))
        .first()
    )
    if voter is None:
        raise ValidationError({"code": _("This voting code is not valid.")})
    election = voter.election
    if election.status != Election.Status.VOTING:
        raise ValidationError({"code": _("Voting is not open for this election.")})
    if voter.has_voted:
        raise ValidationError({"code": _("This voting code was used already.")})
    candidates = {c.pk: c for c in election.candidates.all() if c.is_eligible()}
    chosen = set(choices)
    if not chosen or not chosen <= set(candidates):
        raise ValidationError({"choices": _("Choose among the candidates.")})
    if len(chosen) > election.seats:
        raise ValidationError(
            {"choices": _("Choose at most %(seats)s.") % {"seats": format_number(election.seats)}}
        )
    voter.has_voted = True
    voter.save(update_fields=["has_voted"])
    ballot = Ballot.objects.create(election=election)
    ballot.choices.set(chosen)
    return election


@dataclass(frozen=True)
class Tally:
    rows: list[tuple[Candidate, int]]
    elected: list[Candidate]
    tie: list[Candidate]  # tied at the last seat: the body decides (a draw, a second round)
    turnout: int | None
    roll: int | None


def tally(election: Election) -> Tally:
    candidates = [c for c in election.candidates.all() if c.is_eligible()]
    if election.method == Election.Method.APP:
        counts = Counter(
            dict(
                Candidate.objects.filter(election=election)
                .annotate(n=Count("ballots"))
                .values_list("pk", "n")
            )
        )
        turnout, roll = election.voters.filter(has_voted=True).count(), election.voters.count()
    else:
        counts = Counter({c.pk: c.paper_votes or 0 for c in candidates})
        turnout = roll = None
    rows = sorted(((c, counts[c.pk]) for c in candidates), key=lambda r: (-r[1], r[0].person_name))
    elected, tie = [c for c, _n in rows[: election.seats]], []
    if len(rows) > election.seats and rows[election.seats - 1][1] == rows[election.seats][1]:
        cut = rows[election.seats - 1][1]
        tie = [c for c, n in rows if n == cut]
        elected = [c for c, n in rows if n > cut]
    return Tally(rows=rows, elected=elected, tie=tie, turnout=turnout, roll=roll)


@transaction.atomic
def paper_result(*, election: Election, votes: dict[int, int], by: Any) -> Election:
    if election.method != Election.Method.PAPER:
        raise ValidationError(_("The votes of this election are counted from its ballots."))
    if election.status not in (Election.Status.CALLED, Election.Status.VOTING):
        raise ValidationError(_("The result was recorded already."))
    for candidate in election.candidates.all():
        candidate.paper_votes = votes.get(candidate.pk, 0)
        candidate._history_user = by
        candidate.save(update_fields=["paper_votes"])
    election.status = Election.Status.COUNTED
    election._history_user = by
    election.save(update_fields=["status"])
    return election


@transaction.atomic
def voting_close(*, election: Election, by: Any) -> Election:
    if election.status != Election.Status.VOTING or election.method != Election.Method.APP:
        raise ValidationError(_("The vote is not open."))
    election.status = Election.Status.COUNTED
    election._history_user = by
    election.save(update_fields=["status"])
    return election


@transaction.atomic
def terms_create(*, election: Election, by: Any, start: date) -> list[Membership]:
    """The elected become members for the election's term. Refused while the last seat is
    tied: the body settles it first (and records it as a paper result)."""
    from mahalla.governance.services.bodies import membership_add

    if election.status != Election.Status.COUNTED:
        raise ValidationError(_("Count the votes before creating the terms."))
    result = tally(election)
    if result.tie:
        raise ValidationError(
            _("A tie for the last seat between %(names)s: settle it before creating the terms.")
            % {"names": ", ".join(c.person_name for c in result.tie)}
        )
    end = date(start.year + election.term_years, start.month, min(start.day, 28))
    made = [
        membership_add(
            body=election.body,
            by=by,
            person_name=c.person_name,
            user=c.user,
            role=election.position,
            term_start=start,
            term_end=end,
        )
        for c in result.elected
    ]
    election.status = Election.Status.CLOSED
    election._history_user = by
    election.save(update_fields=["status"])
    return made
