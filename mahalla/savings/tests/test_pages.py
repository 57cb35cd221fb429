"""The savings pages used as a treasurer and a committee would: the meeting screen's
entries (form and offline endpoint) are posted once whatever is resent, the cash count
closes the meeting, personal balances are written to the access log, reports and exports
answer, and list pages keep their query count."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mahalla.core.models import AccessLog
from mahalla.savings.models import GroupMeeting, SavingsMember, Transaction
from mahalla.savings.services import meetings, operations
from mahalla.savings.testing import make_group

DAY = date(2025, 2, 15)


@pytest.fixture
def open_meeting(group):
    return meetings.meeting_open(group=group, held_on=DAY, by=None)


def _entry(client, meeting, key, **entry):
    url = reverse("savings:meeting_entry", kwargs={"pk": meeting.pk, "key": key})
    return client.post(url, json.dumps(entry), content_type="application/json")


def test_offline_entry_posts_once_and_a_changed_resend_is_409(world, login, members,
                                                              open_meeting):  # fmt: skip
    client = login(world.treasurer)
    first = _entry(client, open_meeting, "k1", type="deposit", member=members[0].pk,
                   amount="๑๐๐")  # fmt: skip
    assert first.status_code == 201 and first.json()["status"] == "posted"
    again = _entry(client, open_meeting, "k1", type="deposit", member=members[0].pk,
                   amount="100")  # fmt: skip
    assert again.status_code == 200 and again.json()["status"] == "replayed"
    other = _entry(client, open_meeting, "k1", type="deposit", member=members[0].pk,
                   amount="200")  # fmt: skip
    assert other.status_code == 409
    assert operations.savings_balance(members[0]) == Decimal(100)


def test_bad_entry_is_400_with_a_translated_message(world, login, members, open_meeting):
    client = login(world.treasurer)
    client.post(reverse("set_language"), {"language": "fa"})
    response = _entry(client, open_meeting, "k2", type="withdrawal", member=members[0].pk,
                      amount="۵۰")  # fmt: skip
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors and "Savings cannot" not in errors[0]  # said in Persian
    assert not Transaction.objects.filter(idempotency_key="k2").exists()
    bad = client.post(reverse("savings:meeting_entry", kwargs={"pk": open_meeting.pk,
                                                              "key": "k3"}),
                      "{not json", content_type="application/json")  # fmt: skip
    assert bad.status_code == 400


def test_form_double_submit_posts_once(world, login, members, open_meeting):
    client = login(world.treasurer)
    page = client.get(reverse("savings:meeting_screen", kwargs={"pk": open_meeting.pk}))
    assert page.status_code == 200
    m = members[0].pk
    data = {f"m{m}-attendance-key": "a1", f"m{m}-present": "on",
            f"m{m}-deposit": "100", f"m{m}-deposit-key": "d1",
            f"m{m}-welfare": "20", f"m{m}-welfare-key": "w1"}  # fmt: skip
    url = reverse("savings:meeting_screen", kwargs={"pk": open_meeting.pk})
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert Transaction.objects.filter(meeting=open_meeting).count() == 2
    assert operations.savings_balance(members[0]) == Decimal(100)
    assert open_meeting.attendance.get(member_id=m).present


def test_close_with_a_short_cash_count_records_the_difference(world, login, members,
                                                              open_meeting):  # fmt: skip
    client = login(world.treasurer)
    _entry(client, open_meeting, "k1", type="deposit", member=members[0].pk, amount="100")
    url = reverse("savings:meeting_close", kwargs={"pk": open_meeting.pk})
    assert client.post(url, {"cash_counted": "๙๕", "key": "c1"}).status_code == 302
    open_meeting.refresh_from_db()
    assert open_meeting.status == GroupMeeting.Status.CLOSED
    assert open_meeting.difference == Decimal(-5)
    assert meetings.cash_in_box(open_meeting.group) == Decimal(95)
    # A closed meeting takes no more entries.
    late = _entry(client, open_meeting, "k9", type="deposit", member=members[0].pk, amount="1")
    assert late.status_code == 400


def test_passbook_is_logged_and_its_pdf_has_thai_text(world, login, members, group):
    operations.deposit(member=members[0], amount="100", day=DAY, key="d", by=None)
    client = login(world.khlong_toei_officer)
    page = client.get(reverse("savings:passbook", kwargs={"pk": members[0].pk}))
    assert page.status_code == 200
    assert AccessLog.objects.filter(user=world.khlong_toei_officer,
                                    object_type="savings.savingsmember",
                                    object_id=str(members[0].pk)).exists()  # fmt: skip
    pdf = client.get(reverse("savings:passbook_pdf", kwargs={"pk": members[0].pk}))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert AccessLog.objects.filter(action="export", object_type="savings.savingsmember").exists()


def test_reports_and_xlsx(world, login, members, group):
    operations.deposit(member=members[0], amount="100", day=date.today(), key="d", by=None)
    client = login(world.khlong_toei_officer)
    url = reverse("savings:reports", kwargs={"pk": group.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert "100.00" in page.content.decode()
    xlsx = client.get(url, {"format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_group_list_query_count_does_not_grow(world, login):
    client = login(world.khlong_toei_officer)
    url = reverse("savings:group_list")
    make_group(world.lock_123, name_en="G1")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(5):
        make_group(world.lock_123, name_en=f"G{n + 2}")
    with CaptureQueriesContext(connection) as six:
        response = client.get(url)
    assert response.status_code == 200
    assert len(six) == len(one)


def test_group_page_query_count_does_not_grow_with_members(world, login, group):
    client = login(world.khlong_toei_officer)
    url = reverse("savings:group_detail", kwargs={"pk": group.pk})
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(15):
        SavingsMember.objects.create(group=group, number=100 + n, name=f"m{n}", joined_on=DAY)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_committee_writes_off_and_reschedules_a_late_loan(world, login, group, members):
    from mahalla.savings.models import Loan
    from mahalla.savings.services import loans
    from mahalla.savings.testing import member_loan_product

    for n, member in enumerate(members):
        operations.deposit(member=member, amount="5000", day=DAY, key=f"s{n}", by=None)
    made = []
    for member in members[:2]:
        loan = loans.apply(group=group, member=member, product=member_loan_product(group),
                           principal="3000", term_months=6, applied_on=DAY)  # fmt: skip
        loans.decide(loan=loan, approve=True, by=None, approvers="chair")
        loans.disburse(loan=loan, day=DAY, key=f"out{loan.pk}", by=None)
        made.append(loan)
    client = login(world.admin)
    url = reverse("savings:loan_write_off", kwargs={"pk": made[0].pk})
    assert client.post(url, {"memo": "moved away", "key": "w1"}).status_code == 302
    assert client.post(url, {"memo": "moved away", "key": "w1"}).status_code == 302  # twice
    made[0].refresh_from_db()
    assert made[0].status == Loan.Status.WRITTEN_OFF
    assert Transaction.objects.filter(kind="write_off").count() == 1
    url = reverse("savings:loan_reschedule", kwargs={"pk": made[1].pk})
    response = client.post(url, {"term_months": "๑๒", "key": "r1"})
    new = Loan.objects.get(replaces=made[1])
    assert response["Location"] == reverse("savings:loan_detail", kwargs={"pk": new.pk})
    assert new.instalments.count() == 12 and new.principal == Decimal(3000)
    from mahalla.savings.services import ledger

    assert ledger.balance_mismatches(group) == []


def test_a_member_is_added_from_a_registry_household(world, login, group):
    from mahalla.registry.models import Household

    home = Household.objects.create(area=world.lock_123, city=world.bangkok,
                                    head_name="ทองใบ มั่นคง", house_number="12/3")  # fmt: skip
    elsewhere = Household.objects.create(area=world.pathum_wan, city=world.bangkok,
                                         head_name="คนอื่น")  # fmt: skip
    client = login(world.admin)
    page = client.get(reverse("savings:group_detail", kwargs={"pk": group.pk})).content.decode()
    assert "12/3 · ทองใบ มั่นคง" in page and "คนอื่น" not in page
    url = reverse("savings:member_add", kwargs={"pk": group.pk})
    client.post(url, {"household": elsewhere.pk, "joined_on": "2025-01-01"})
    assert not SavingsMember.objects.filter(household=elsewhere).exists()
    client.post(reverse("set_language"), {"language": "th"})
    client.post(url, {"household": home.pk, "joined_on": "๑/๑/๒๕๖๘"})  # Buddhist Era, Thai digits
    member = SavingsMember.objects.get(household=home)
    assert member.name == "ทองใบ มั่นคง" and member.joined_on == date(2025, 1, 1)


@pytest.fixture
def codi(world):
    from mahalla.people.models import Organisation
    from mahalla.people.services import organisation_create

    return organisation_create(by=None, kind=Organisation.Kind.GOVERNMENT_AGENCY,
                               name_en="CODI", name_th="พอช.")  # fmt: skip


def test_the_group_applies_for_its_loan_from_a_lender_and_on_lends_it(world, login, group,
                                                                      members, codi):  # fmt: skip
    from mahalla.savings.models import Loan
    from mahalla.savings.services import loans
    from mahalla.savings.testing import collective_product, member_loan_product

    client = login(world.treasurer)
    client.post(reverse("set_language"), {"language": "th"})
    listing = client.get(reverse("savings:loan_list", kwargs={"pk": group.pk})).content.decode()
    url = reverse("savings:collective_loan_new", kwargs={"pk": group.pk})
    assert url in listing
    data = {"product": collective_product(group).pk, "lender": codi.pk,
            "principal": "๓,๐๐๐,๐๐๐", "term_months": "๑๘๐", "applied_on": "15/01/2568"}  # fmt: skip
    preview = client.post(url, {**data, "preview": "1"})
    assert preview.status_code == 200
    assert len(preview.context["preview"]) == 180  # the schedule, shown before applying
    assert not Loan.objects.filter(group=group, member=None).exists()  # a preview stores nothing
    response = client.post(url, data)
    housing = Loan.objects.get(group=group, member=None)
    assert response.status_code == 302
    assert response["Location"] == reverse("savings:loan_detail", kwargs={"pk": housing.pk})
    assert (housing.lender, housing.principal, housing.status) == (codi, Decimal(3_000_000),
                                                                   "applied")  # fmt: skip
    # A member's loan offers it as where the money comes from once it is paid out.
    new = reverse("savings:loan_new", kwargs={"pk": group.pk})
    assert "funded_by" not in client.get(new).content.decode()
    loans.decide(loan=housing, approve=True, by=None, approvers="CODI board")
    loans.disburse(loan=housing, day=DAY, key="codi", by=None)
    page = client.get(new).content.decode()
    assert 'name="funded_by"' in page and "พอช." in page  # the lender, in Thai
    operations.deposit(member=members[0], amount=Decimal(1000), day=DAY, key="d1", by=None)
    client.post(new, {"member": members[0].pk, "product": member_loan_product(group).pk,
                      "principal": "1000", "term_months": "2", "applied_on": "15/02/2568",
                      "funded_by": housing.pk})  # fmt: skip
    assert Loan.objects.get(member=members[0]).funded_by == housing


def test_a_collective_application_names_what_is_missing(world, login, group, codi):
    from mahalla.savings.models import Loan
    from mahalla.savings.testing import member_loan_product

    client = login(world.treasurer)
    client.post(reverse("set_language"), {"language": "fa"})
    url = reverse("savings:collective_loan_new", kwargs={"pk": group.pk})
    response = client.post(url, {"product": member_loan_product(group).pk, "lender": "",
                                 "principal": "-5", "term_months": "0",
                                 "applied_on": "1403/13/40"})  # fmt: skip
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"product", "lender", "term_months", "applied_on"}
    assert "required" not in str(form.errors["lender"])  # said in Persian
    assert not Loan.objects.filter(group=group, member=None).exists()
