"""The nightly job: prove every group's books (cached balances rebuilt from the entries
and compared, each transaction balanced, the hash chain intact) and run the month end
(ageing, penalties). A mismatch is reported loudly: logged as an error, kept on the run and
shown on the group's pages; nothing is corrected silently."""

from __future__ import annotations

import logging
from datetime import date

from django.utils import timezone, translation

from mahalla.core.jobs.leases import JobStatus, job_claim, job_heartbeat
from mahalla.core.jobs.messages import message, names
from mahalla.governance.clock import local_today
from mahalla.savings.models import Account, BooksCheckRun, SavingsGroup
from mahalla.savings.services import arrears, ledger

logger = logging.getLogger(__name__)
BATCH = 50  # groups between lease renewals


def run_if_due() -> BooksCheckRun | None:
    today = timezone.now().date()
    if BooksCheckRun.objects.filter(
        run_date=today, status__in=(JobStatus.DONE, JobStatus.RUNNING)
    ).exists():
        return None
    run = BooksCheckRun.objects.create(run_date=today, status=JobStatus.PENDING)
    return books_check(run)


def _account_names(row: dict) -> dict:
    """The account in every language: its kind, and the member's name for savings."""
    member = ""
    if row["kind"] == Account.Kind.MEMBER_SAVINGS:
        member = Account.objects.filter(pk=row["pk"]).values_list("member__name", flat=True)[0]
    labels = {}
    for code in ("en", "th", "fa"):
        with translation.override(code):
            label = str(Account.Kind(row["kind"]).label)
        labels[code] = f"{label} ({member})" if member else label
    return {"names": labels}


def _group_findings(group: SavingsGroup) -> list[dict]:
    who = names(group.organisation)
    found = [
        message("savings.balance_mismatch", group=who, account=_account_names(row),
                cached=float(row["balance"]), entries=float(row["total"]))
        for row in ledger.balance_mismatches(group)
    ]  # fmt: skip
    found += [
        message("savings.unbalanced", group=who, seq=seq)
        for seq in ledger.unbalanced_transactions(group)
    ]
    broken = ledger.chain_verify(group)
    if broken is not None:
        found.append(message("savings.chain_broken", group=who, seq=broken))
    return found


def books_check(run: BooksCheckRun, *, day: date | None = None) -> BooksCheckRun:
    """Run `run` under a lease; a worker that dies leaves it to be reaped and run again
    (the penalties' keys name the month, so a second run charges nothing twice)."""
    job_claim(BooksCheckRun, run.pk)
    findings, wrong, charged = [], [], 0
    groups = list(SavingsGroup.objects.select_related("organisation").order_by("pk"))
    for n, group in enumerate(groups):
        found = _group_findings(group)
        if found:
            wrong.append(group.pk)
            findings += found
            logger.error("savings books of group %s do not prove: %s", group.pk, found)
        if n % BATCH == BATCH - 1:
            job_heartbeat(BooksCheckRun, run.pk)
    # The month end: groups whose local day is the same are aged together.
    by_day: dict[date, list] = {}
    for group in groups:
        by_day.setdefault(day or local_today(group.time_zone), []).append(group)
    for local_day, same_day in sorted(by_day.items()):
        for start in range(0, len(same_day), BATCH * 10):
            charged += arrears.month_end_many(same_day[start : start + BATCH * 10], local_day)
            job_heartbeat(BooksCheckRun, run.pk)
    BooksCheckRun.objects.filter(pk=run.pk).update(
        status=JobStatus.DONE, findings=findings, groups_wrong=wrong, penalties=charged,
        finished_at=timezone.now(), lease_expires_at=None,
    )  # fmt: skip
    run.refresh_from_db()
    return run


def last_findings(group: SavingsGroup) -> list[dict]:
    run = BooksCheckRun.objects.filter(status=JobStatus.DONE).order_by("-finished_at").first()
    if run is None or group.pk not in run.groups_wrong:
        return []
    who = names(group.organisation)
    return [f for f in run.findings if f.get("params", {}).get("group") == who]
