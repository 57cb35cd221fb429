"""The demo's savings groups: a year of the Lock 1-2-3 savings group (40 members, monthly
meetings, loans, one member late, welfare claims, the collective housing loan from CODI)
and a few months of the Moradabad neighbourhood fund (rial, qard al-hasan with a fee).
Everything is posted through the services, as a treasurer would; safe to run again."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Q

from mahalla.savings.models import (
    Account,
    ClosedPeriod,
    CommitteeTerm,
    Entry,
    FineRule,
    GroupMeeting,
    Instalment,
    Loan,
    LoanProduct,
    MeetingAttendance,
    SavingsGroup,
    SavingsMember,
    SavingsProduct,
    Transaction,
    WelfareBenefit,
)
from mahalla.savings.services import arrears, loans, meetings, operations
from mahalla.savings.services.schedule import add_months
from mahalla.savings.testing import collective_product, make_group, member_loan_product

THAI_GIVEN = ["สมศรี", "บุญมี", "มาลี", "ประยูร", "วันเพ็ญ", "สมชาย", "จันทร์เพ็ญ", "ทองใบ",
              "สุดา", "ประเสริฐ"]  # fmt: skip
THAI_FAMILY = ["ใจดี", "รักถิ่น", "ศรีสุข", "ทองคำ"]
PERSIAN = ["زهرا بلوچ", "محمد ریگی", "فاطمه شهبخش", "عبدالله نوتی", "مریم دهواری",
           "حسن براهویی", "خدیجه سراوانی", "علی بامری", "آمنه کهرازهی", "یوسف مبارکی",
           "زینب ملازهی", "عمر گمشادزهی"]  # fmt: skip


def build(areas: dict, organisations: dict, admin) -> int:
    made = 0
    if (
        "lock_123" in areas
        and not SavingsGroup.objects.filter(organisation__area=areas["lock_123"]).exists()
    ):
        made += _lock_123(areas["lock_123"], organisations.get("codi"), admin)
    if (
        "moradabad" in areas
        and not SavingsGroup.objects.filter(organisation__area=areas["moradabad"]).exists()
    ):
        made += _moradabad(areas["moradabad"], admin)
    return made


def _meeting(group, day, admin, rows, *, close=True) -> GroupMeeting:
    """A meeting: each row is (member, entry type, amount) posted through the meeting
    service with its own key, as the phone would send them."""
    meeting = meetings.meeting_open(group=group, held_on=day, by=admin)
    for n, (member, kind, amount) in enumerate(rows):
        outcome = meetings.record_one(
            meeting,
            {"type": kind, "member": member.pk, "amount": str(amount), "present": True,
             "key": f"demo-{group.pk}-{day:%Y%m}-{n}"},
            by=admin, device="demo",
        )  # fmt: skip
        if outcome.status not in ("posted", "replayed"):
            raise RuntimeError(f"demo entry refused: {outcome.errors}")
    if close:
        meetings.meeting_close(meeting=meeting, cash_counted=meetings.cash_in_box(group),
                               by=admin, key=f"demo-close-{meeting.pk}")  # fmt: skip
    return meeting


@transaction.atomic
def _lock_123(area, codi, admin) -> int:
    names = [f"{THAI_GIVEN[n % 10]} {THAI_FAMILY[n // 10]}" for n in range(40)]
    group = make_group(area, members=names, name_en="Lock 1-2-3 Community Savings Group")
    members = list(group.members.order_by("number"))
    for member, role in zip(members[:4], ("chair", "treasurer", "secretary", "auditor"),
                            strict=True):  # fmt: skip
        CommitteeTerm.objects.create(member=member, role=role, starts_on=date(2024, 1, 1))
    today = date.today()
    first = add_months(today.replace(day=10), -11)
    housing = None
    if codi is not None:
        housing = loans.apply(group=group, member=None, lender=codi,
                              product=collective_product(group), principal="3000000",
                              term_months=180, applied_on=first)  # fmt: skip
        loans.decide(loan=housing, approve=True, by=admin, approvers="CODI")
        loans.disburse(loan=housing, day=first, key="demo-codi", by=admin)
    for month in range(11):
        day = add_months(first, month)
        rows = [(m, "deposit", 100) for m in members]
        rows += [(m, "welfare", 20) for m in members]
        for member in members:
            active = loans.active_loan(member)
            # Member 7 stops repaying after three months: the arrears list shows them.
            if active and not (member.number == 7 and month > 3):
                due = loans.loan_position(active, add_months(day, 1)).arrears
                if due > 0:
                    rows.append((member, "repayment", due))
        if month == 5:
            rows.append((members[12], "fine", 20))
        _meeting(group, day, admin, rows)
        if month in (3, 4, 5):
            for member in members[(month - 3) * 3 + 4 : (month - 3) * 3 + 7]:
                loan = loans.apply(group=group, member=member,
                                   product=member_loan_product(group), principal="1200",
                                   term_months=10, applied_on=day,
                                   funded_by=housing)  # fmt: skip
                loans.decide(loan=loan, approve=True, by=admin, approvers="ประธาน, เหรัญญิก")
                loans.disburse(loan=loan, day=day, key=f"demo-out-{loan.pk}", by=admin)
        if month == 6:
            benefit = group.welfare_benefits.get(kind="illness")
            operations.welfare_pay(member=members[20], benefit=benefit, day=day,
                                   key=f"demo-illness-{group.pk}", by=admin)  # fmt: skip
        arrears.month_end(group, day + timedelta(days=20), by=admin)
    # An application waiting for the committee, in the queue.
    loans.apply(group=group, member=members[30], product=member_loan_product(group),
                principal="1500", term_months=6, applied_on=today)  # fmt: skip
    return 1


@transaction.atomic
def _moradabad(area, admin) -> int:
    group = make_group(
        area, name_th="", name_fa="صندوق قرض‌الحسنه محله مرادآباد", name_en="Moradabad fund",
        currency="IRR", members=PERSIAN, calendar=SavingsGroup.FiscalCalendar.SOLAR_HIJRI,
        start_month=1, time_zone="Asia/Tehran",
    )  # fmt: skip
    WelfareBenefit.objects.filter(group=group).update(amount=Decimal(5_000_000))
    FineRule.objects.filter(group=group).update(amount=Decimal(200_000))
    SavingsGroup.objects.filter(pk=group.pk).update(welfare_contribution=Decimal(100_000))
    group.refresh_from_db()
    members = list(group.members.order_by("number"))
    qard = group.loan_products.get(interest_method=LoanProduct.Interest.NONE_FEE)
    start = add_months(date.today().replace(day=5), -4)
    for month in range(4):
        day = add_months(start, month)
        rows = [(m, "deposit", 2_000_000) for m in members]
        rows += [(m, "welfare", 100_000) for m in members]
        for member in members:
            active = loans.active_loan(member)
            if active:
                due = loans.loan_position(active, add_months(day, 1)).arrears
                if due > 0:
                    rows.append((member, "repayment", due))
        _meeting(group, day, admin, rows)
        if month < 2:
            # The fund lends in turn: the first in the queue is paid out at each meeting.
            member = members[month]
            loan = loans.apply(group=group, member=member, product=qard,
                               principal="10000000", term_months=10, applied_on=day)  # fmt: skip
            loans.decide(loan=loan, approve=True, by=admin, approvers="هیئت امنا")
            loans.disburse(loan=loan, day=day, key=f"demo-out-{loan.pk}", by=admin)
    for member in members[2:5]:
        loans.apply(group=group, member=member, product=qard, principal="10000000",
                    term_months=10, applied_on=date.today())  # fmt: skip
    return 1


def reset(paths: list[str]) -> dict[str, int]:
    """Remove the demo's groups. The ledger is append-only (PostgreSQL refuses deletes by
    trigger), so the demo's own rows are removed with the triggers switched off for this
    transaction only, which needs the database owner's rights, as resetting a demo does."""
    in_demo = Q(pk__in=[])
    for path in paths:
        in_demo |= Q(organisation__area__path__startswith=path)
    groups = list(SavingsGroup.objects.filter(in_demo).values_list("pk", flat=True))
    if not groups:
        return {"savings groups": 0}
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
        Entry.objects.filter(transaction__group__in=groups).delete()
        Transaction.objects.filter(group__in=groups).update(reverses=None)
        Transaction.objects.filter(group__in=groups).delete()
        Account.objects.filter(group__in=groups).delete()
        Instalment.objects.filter(loan__group__in=groups).delete()
        Loan.objects.filter(group__in=groups).update(funded_by=None, replaces=None)
        Loan.objects.filter(group__in=groups).delete()
        MeetingAttendance.objects.filter(meeting__group__in=groups).delete()
        GroupMeeting.objects.filter(group__in=groups).delete()
        ClosedPeriod.objects.filter(group__in=groups).delete()
        CommitteeTerm.objects.filter(member__group__in=groups).delete()
        SavingsMember.objects.filter(group__in=groups).delete()
        for model in (SavingsProduct, LoanProduct, WelfareBenefit, FineRule):
            model.objects.filter(group__in=groups).delete()
        removed = SavingsGroup.objects.filter(pk__in=groups).delete()[0]
    return {"savings groups": removed}
