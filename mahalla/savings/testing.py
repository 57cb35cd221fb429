"""A savings group for tests and the demo: the Lock 1-2-3 community savings group in baht,
with compulsory savings, a welfare fund, fines, a member loan on the declining balance, a
qard al-hasan loan with a fee and the collective housing loan from CODI."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from mahalla.people.models import Organisation
from mahalla.people.services import organisation_create
from mahalla.savings.models import (
    FineRule,
    LoanProduct,
    SavingsGroup,
    SavingsMember,
    SavingsProduct,
    WelfareBenefit,
)

NAMES = ["สมศรี ใจดี", "บุญมี รักถิ่น", "มาลี ศรีสุข", "ประยูร ทองคำ", "วันเพ็ญ แสงทอง"]


def make_group(area, *, name_th="กลุ่มออมทรัพย์ชุมชนล็อค 1-2-3", currency="THB", members=NAMES,
               calendar=SavingsGroup.FiscalCalendar.BUDDHIST, start_month=10,
               time_zone="Asia/Bangkok", name_en="", name_fa="") -> SavingsGroup:  # fmt: skip
    org = organisation_create(
        by=None,
        kind=Organisation.Kind.COOPERATIVE,
        name_th=name_th,
        name_en=name_en,
        name_fa=name_fa,
        area=area,
    )
    group = SavingsGroup.objects.create(
        organisation=org,
        currency=currency,
        fiscal_calendar=calendar,
        fiscal_year_start_month=start_month,
        time_zone=time_zone,
        welfare_contribution=Decimal(20),
    )
    SavingsProduct.objects.create(
        group=group,
        name="สัจจะออมทรัพย์" if currency == "THB" else "پس‌انداز ماهانه",
        kind=SavingsProduct.Kind.COMPULSORY,
        monthly_amount=Decimal(100 if currency == "THB" else 500000),
    )
    SavingsProduct.objects.create(
        group=group,
        name="เงินฝากออมทรัพย์" if currency == "THB" else "پس‌انداز آزاد",
        kind=SavingsProduct.Kind.VOLUNTARY,
        minimum_balance=Decimal(0),
    )
    for kind, amount in (("birth", 500), ("illness", 300), ("death", 3000), ("old_age", 200)):
        WelfareBenefit.objects.create(group=group, kind=kind, amount=Decimal(amount))
    FineRule.objects.create(group=group, kind=FineRule.Kind.LATE, amount=Decimal(20))
    FineRule.objects.create(group=group, kind=FineRule.Kind.ABSENCE, amount=Decimal(10))
    LoanProduct.objects.create(
        group=group,
        name="เงินกู้สามัญ",
        interest_method=LoanProduct.Interest.DECLINING,
        annual_interest_rate=Decimal(12),
        max_term_months=24,
        savings_multiple=Decimal(3),
        guarantors_required=0,
        penalty_percent=Decimal(1),
        penalty_grace_days=7,
    )
    LoanProduct.objects.create(
        group=group,
        name="قرض‌الحسنه",
        interest_method=LoanProduct.Interest.NONE_FEE,
        fee_percent=Decimal(2),
        max_term_months=12,
    )
    LoanProduct.objects.create(
        group=group,
        name="สินเชื่อที่อยู่อาศัย พอช.",
        interest_method=LoanProduct.Interest.DECLINING,
        annual_interest_rate=Decimal(3),
        max_term_months=180,
        is_collective=True,
    )
    for number, name in enumerate(members, start=1):
        SavingsMember.objects.create(
            group=group, number=number, name=name, joined_on=date(2024, 1, 1)
        )
    return group


def member_loan_product(group) -> LoanProduct:
    return group.loan_products.get(name="เงินกู้สามัญ")


def collective_product(group) -> LoanProduct:
    return group.loan_products.get(is_collective=True)
