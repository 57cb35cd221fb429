"""The meeting screen. It works three ways, all safe to repeat: a plain form post (each
amount carries a key rendered into the page, so a double submit posts once), the offline
script (entries kept in the browser and sent one by one to `meeting_entry` when online, each
with its key), and the API of the same endpoint. A key resent with the same entry answers
200 with the first posting; the same key with another entry answers 409."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from mahalla.core.i18n.digits import format_number
from mahalla.core.offline import cache_version, service_worker
from mahalla.savings import selectors
from mahalla.savings.forms import BENEFIT_CHOICES, FINE_CHOICES, CashCountForm
from mahalla.savings.models import GroupMeeting
from mahalla.savings.services import meetings
from mahalla.savings.views.common import (
    flash_error,
    flash_form,
    meeting_or_404,
    new_key,
    post_key,
    recording,
)

# The amounts of one member's row on the screen, in the order they are posted.
MONEY_FIELDS = ("deposit", "welfare", "repayment", "fine", "withdrawal")
MAX_ENTRY_BYTES = 4096


def _rows_with_keys(meeting):
    labels = {
        "deposit": _("Savings"),
        "welfare": _("Welfare contribution"),
        "repayment": _("Loan repayment"),
        "fine": _("Fine"),
        "withdrawal": _("Savings withdrawn"),
    }
    rows = meetings.sheet(meeting)
    for row in rows:
        row["keys"] = {name: new_key() for name in (*MONEY_FIELDS, "benefit", "attendance")}
        done = row["recorded"]
        due = {
            "deposit": None if done.get("deposit") else row["savings_due"],
            "welfare": None if done.get("welfare_contribution") else row["welfare_due"],
            "repayment": None if done.get("repayment") else row["repayment_due"] or None,
        }
        row["recorded"] = {**done, "welfare": done.get("welfare_contribution")}
        row["fields"] = [(name, labels[name], due.get(name)) for name in MONEY_FIELDS]
    return rows


# The login page deletes the caches of this prefix: a signed-out phone keeps no member's data.
MEETING_CACHE_PREFIX = "mahalla-meetings-"


@login_required
def meeting_screen(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    group = meeting.group
    if request.method == "POST":
        recording(request, group)
        return _record_form(request, meeting)
    totals = meetings.meeting_totals(meeting)
    may_record = selectors.may_record(request.user, group)
    return render(
        request,
        "savings/meeting_screen.html",
        {
            "meeting": meeting,
            "group": group,
            "rows": _rows_with_keys(meeting),
            "totals": totals,
            "cash_in_box": meetings.cash_in_box(group),
            "may_record": may_record and meeting.status == GroupMeeting.Status.OPEN,
            "close_form": CashCountForm(),
            "close_key": new_key(),
            "fine_choices": FINE_CHOICES,
            "benefit_choices": BENEFIT_CHOICES,
            "transactions": meeting.transactions.select_related("member").order_by("-seq")[:50],
            "approved": group.loans.filter(status="approved").select_related("member"),
        },
    )


@require_GET
def meeting_sw(request: HttpRequest) -> HttpResponse:
    """The service worker of the meeting screens, from their folder: a treasurer who opened a
    meeting online can open it again on the same phone with no connection. The entries
    endpoint is POST only, so it is never kept."""
    scope = reverse("savings:meeting_sw").rsplit("/", 1)[0] + "/"
    return service_worker(
        scope=scope,
        prefix=MEETING_CACHE_PREFIX,
        version=cache_version("js/savings-meeting.js", "css/mahalla.css"),
    )


def _record_form(request, meeting) -> HttpResponse:
    entries = []
    for member in meeting.group.members.filter(left_on__isnull=True):
        prefix = f"m{member.pk}-"
        if f"{prefix}attendance-key" in request.POST:
            entries.append({"type": "attendance", "member": member.pk,
                            "present": request.POST.get(f"{prefix}present") == "on",
                            "key": request.POST.get(f"{prefix}attendance-key")})  # fmt: skip
        for name in MONEY_FIELDS:
            amount = (request.POST.get(prefix + name) or "").strip()
            if amount:
                entries.append({"type": name, "member": member.pk, "amount": amount,
                                "fine": request.POST.get(prefix + "fine-kind") or "late",
                                "key": request.POST.get(f"{prefix}{name}-key")})  # fmt: skip
        benefit = request.POST.get(prefix + "benefit")
        if benefit:
            entries.append({"type": "benefit", "member": member.pk, "benefit": benefit,
                            "key": request.POST.get(f"{prefix}benefit-key")})  # fmt: skip
    try:
        outcomes = meetings.record_batch(meeting, entries, by=request.user, device="form")
    except ValidationError as error:
        flash_error(request, error)
        return redirect("savings:meeting_screen", pk=meeting.pk)
    posted = sum(o.status == "posted" for o in outcomes if o.seq)
    replayed = sum(o.status == "replayed" for o in outcomes)
    if posted:
        messages.success(
            request,
            ngettext("%(count)s entry posted.", "%(count)s entries posted.", posted)
            % {"count": format_number(posted)},
        )
    if replayed:
        messages.info(
            request,
            ngettext(
                "%(count)s entry was already posted and was not posted again.",
                "%(count)s entries were already posted and were not posted again.",
                replayed,
            )
            % {"count": format_number(replayed)},
        )
    names = {e["key"]: e for e in entries}
    members = {m.pk: m for m in meeting.group.members.all()}
    for outcome in outcomes:
        if outcome.status in ("error", "conflict"):
            member = members.get(names.get(outcome.key, {}).get("member"))
            for error in outcome.errors:
                messages.error(request, f"{member.name if member else ''}: {error}")
    return redirect("savings:meeting_screen", pk=meeting.pk)


@login_required
@require_POST
def meeting_entry(request: HttpRequest, pk: int, key: str) -> JsonResponse:
    """One entry of the meeting screen, as JSON (or a form post), with its key in the
    address: 201 posted, 200 already posted, 409 the key was used for another entry,
    400 refused (the errors say why, in the reader's language)."""
    meeting = meeting_or_404(request, pk)
    recording(request, meeting.group)
    if len(request.body) > MAX_ENTRY_BYTES:
        return JsonResponse({"errors": [_("The entry is too large.")]}, status=413)
    if request.content_type == "application/json":
        try:
            entry = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            return JsonResponse({"errors": [_("The entry is not valid JSON.")]}, status=400)
        if not isinstance(entry, dict):
            return JsonResponse({"errors": [_("The entry is not valid JSON.")]}, status=400)
    else:
        entry = request.POST.dict()
        entry["present"] = entry.get("present") in ("on", "true", "1", True)
    entry["key"] = key
    outcome = meetings.record_one(meeting, entry, by=request.user,
                                  device=str(entry.get("device") or "")[:80])  # fmt: skip
    status = {"posted": 201, "replayed": 200, "conflict": 409}.get(outcome.status, 400)
    return JsonResponse(outcome.as_dict(), status=status)


@login_required
@require_POST
def meeting_close(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    recording(request, meeting.group)
    form = CashCountForm(request.POST)
    if not form.is_valid():
        flash_form(request, form)
        return redirect("savings:meeting_screen", pk=meeting.pk)
    try:
        closed = meetings.meeting_close(meeting=meeting, cash_counted=form.cleaned_data[
            "cash_counted"], by=request.user, key=post_key(request))  # fmt: skip
    except ValidationError as error:
        flash_error(request, error)
        return redirect("savings:meeting_screen", pk=meeting.pk)
    if closed.difference:
        messages.warning(
            request,
            _(
                "The meeting is closed. The cash counted differs from the books by %(amount)s; "
                "the difference is recorded."
            )  # fmt: skip
            % {"amount": format_number(closed.difference)},
        )
    else:
        messages.success(request, _("The meeting is closed; the cash counted matches the books."))
    return redirect("savings:meeting_screen", pk=meeting.pk)
