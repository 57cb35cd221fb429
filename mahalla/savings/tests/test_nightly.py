"""The nightly job proves the books loudly, charges penalties once, and survives a worker
that dies."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from mahalla.core.jobs.leases import JobStatus, reap_abandoned
from mahalla.savings.models import Account, BooksCheckRun
from mahalla.savings.services import loans, nightly, operations
from mahalla.savings.testing import member_loan_product

DAY = date(2025, 1, 15)


def test_a_tampered_cached_balance_is_reported_on_the_group_page(world, login, group, members):
    operations.deposit(member=members[0], amount="100", day=DAY, key="d", by=None)
    assert nightly.run_if_due().findings == []
    Account.objects.filter(kind="cash").update(balance=Decimal(999))
    BooksCheckRun.objects.all().delete()
    run = nightly.run_if_due()
    assert run.status == JobStatus.DONE and run.groups_wrong == [group.pk]
    assert run.findings[0]["code"] == "savings.balance_mismatch"
    assert nightly.run_if_due() is None  # once a day
    page = login(world.treasurer).get(reverse("savings:group_detail", kwargs={"pk": group.pk}))
    assert "999" in page.content.decode() and 'role="alert"' in page.content.decode()


def test_penalties_are_charged_once_even_when_run_again(group, members):
    for n, member in enumerate(members):
        operations.deposit(member=member, amount="5000", day=DAY, key=f"s{n}", by=None)
    loan = loans.apply(group=group, member=members[0], product=member_loan_product(group),
                       principal="3000", term_months=3, applied_on=DAY)  # fmt: skip
    loans.decide(loan=loan, approve=True, by=None, approvers="chair")
    loans.disburse(loan=loan, day=DAY, key="out", by=None)
    late_day = date(2025, 4, 1)
    first = nightly.books_check(BooksCheckRun.objects.create(run_date=late_day), day=late_day)
    again = nightly.books_check(BooksCheckRun.objects.create(run_date=late_day), day=late_day)
    assert first.penalties == 1 and again.penalties == 0
    assert loans.loan_position(loan, late_day).penalty_due > 0


def test_a_run_whose_worker_died_is_failed_by_the_reaper_and_can_run_again(group):
    run = BooksCheckRun.objects.create(
        run_date=timezone.now().date(),
        status=JobStatus.RUNNING,
        lease_expires_at=timezone.now() - timedelta(minutes=1),
    )
    assert nightly.run_if_due() is None  # still marked running
    reap_abandoned()
    run.refresh_from_db()
    assert run.status == JobStatus.FAILED
    assert nightly.run_if_due().status == JobStatus.DONE
