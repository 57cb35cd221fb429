"""Elections: call one, register candidates and the roll, open the vote, record or count the
result, create the terms; and the public ballot page where a resident votes with a code."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mahalla.core.history import history_rows
from mahalla.core.i18n.digits import format_number, parse_number
from mahalla.governance import selectors
from mahalla.governance.forms import CandidateForm, CodeForm, ElectionForm, RollForm
from mahalla.governance.models import Election, Voter
from mahalla.governance.services import elections as services
from mahalla.governance.views.common import add_errors, body_or_404, managed_body, today_of
from mahalla.people.roles import Perm
from mahalla.people.scopes import has_perm


def election_or_404(request: HttpRequest, pk: int) -> Election:
    election = (
        Election.objects.select_related("body__body_type", "body__calendar").filter(pk=pk).first()
    )
    if election is None or selectors.body_get(request.user, election.body_id) is None:
        if not selectors.may_view(request.user):
            raise PermissionDenied
        raise Http404
    return election


@login_required
def election_new(request: HttpRequest, pk: int) -> HttpResponse:
    body = managed_body(request, body_or_404(request, pk))
    form = ElectionForm(request.POST or None, initial={"called_on": today_of(body)})
    if request.method == "POST" and form.is_valid():
        try:
            election = services.election_call(body=body, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The election was called: register the candidates."))
            return redirect("governance:election_detail", pk=election.pk)
    return render(request, "governance/election_form.html", {"body": body, "form": form})


def _context(request: HttpRequest, election: Election, **extra) -> dict:
    may_manage = selectors.may_manage(request.user, election.body)
    context = {
        "election": election,
        "body": election.body,
        "candidates": list(election.candidates.all()),
        "tally": services.tally(election) if election.status in ("counted", "closed") else None,
        "may_manage": may_manage,
        "roll_count": election.voters.count(),
        "voted_count": election.voters.filter(has_voted=True).count(),
        "can_view_history": has_perm(request.user, Perm.VIEW_HISTORY, election.body),
        "candidate_form": extra.get("candidate_form") or CandidateForm(),
        "roll_form": extra.get("roll_form") or RollForm(),
        "codes": extra.get("codes"),
        "refused": extra.get("refused"),
    }
    if context["can_view_history"]:
        context["history_rows"] = history_rows(election)
    return context


@login_required
def election_detail(request: HttpRequest, pk: int) -> HttpResponse:
    election = election_or_404(request, pk)
    return render(request, "governance/election_detail.html", _context(request, election))


@require_POST
@login_required
def election_act(request: HttpRequest, pk: int) -> HttpResponse:
    """Every step of the election officer, named by the button pressed (`act`)."""
    election = election_or_404(request, pk)
    managed_body(request, election.body)
    act = request.POST.get("act", "")
    try:
        if act == "candidate":
            form = CandidateForm(request.POST)
            if not form.is_valid():
                return _again(request, election, candidate_form=form)
            services.candidate_add(election=election, by=request.user, **form.cleaned_data)
            messages.success(request, _("The candidate was registered."))
        elif act == "roll":
            form = RollForm(request.POST)
            if not form.is_valid():
                return _again(request, election, roll_form=form)
            result = services.roll_add(election=election, lines=form.cleaned_data["lines"])
            if result.refused:
                return _again(request, election, roll_form=form, refused=result.refused)
            # The codes are shown this once (only their hashes are kept): print them now.
            return render(
                request,
                "governance/election_detail.html",
                _context(request, election, codes=result.codes),
            )
        elif act == "open":
            services.voting_open(election=election, by=request.user)
            messages.success(request, _("The vote is open."))
        elif act == "paper":
            votes = {}
            for candidate in election.candidates.all():
                raw = request.POST.get(f"votes-{candidate.pk}", "").strip() or "0"
                try:
                    votes[candidate.pk] = int(parse_number(raw))
                except ValueError:
                    messages.error(
                        request,
                        _("%(name)s: the number of votes is not a number.")
                        % {"name": candidate.person_name},
                    )
                    return redirect("governance:election_detail", pk=election.pk)
            services.paper_result(election=election, votes=votes, by=request.user)
            messages.success(request, _("The result was recorded."))
        elif act == "close":
            services.voting_close(election=election, by=request.user)
            messages.success(request, _("The vote is closed and counted."))
        elif act == "terms":
            made = services.terms_create(
                election=election, by=request.user, start=today_of(election.body)
            )
            messages.success(
                request,
                _("%(n)s term(s) were created from the result.") % {"n": format_number(len(made))},
            )
        else:
            raise Http404
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    return redirect("governance:election_detail", pk=election.pk)


def _again(request: HttpRequest, election: Election, **forms) -> HttpResponse:
    return render(
        request,
        "governance/election_detail.html",
        _context(request, election, **forms),
        status=400,
    )


def vote(request: HttpRequest) -> HttpResponse:
    """A resident's ballot, with the voting code from their slip (no account needed)."""
    form = CodeForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "governance/vote.html", {"form": form})
    code = form.cleaned_data["code"]
    voter = (
        Voter.objects.select_related("election__body")
        .filter(code_hash=services.code_hash(code))
        .first()
    )
    if voter is None or voter.has_voted or voter.election.status != Election.Status.VOTING:
        form.add_error(
            "code", _("This voting code is not valid, was used already, or voting is not open.")
        )
        return render(request, "governance/vote.html", {"form": form}, status=400)
    election = voter.election
    candidates = [c for c in election.candidates.all() if c.is_eligible()]
    if "choice" not in request.POST:
        return render(
            request,
            "governance/vote.html",
            {"form": form, "election": election, "candidates": candidates, "code": code},
        )
    try:
        chosen = [int(x) for x in request.POST.getlist("choice")]
        services.ballot_cast(code=code, choices=chosen)
    except (ValueError, ValidationError) as error:
        texts = (
            error.messages
            if isinstance(error, ValidationError)
            else [_("Choose among the candidates.")]
        )
        return render(
            request,
            "governance/vote.html",
            {"form": form, "election": election, "candidates": candidates, "code": code,
             "errors": texts},
            status=400,
        )  # fmt: skip
    return render(request, "governance/vote.html", {"cast": True, "election": election})
