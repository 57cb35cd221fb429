from __future__ import annotations

from mahalla.people.models import Organisation


def test_district_offices_sit_on_their_pilot_districts(demo):
    offices = Organisation.objects.filter(kind=Organisation.Kind.DISTRICT_OFFICE)
    assert {o.area.name_en for o in offices} == {
        "Prawet",
        "Pathum Wan",
        "Yan Nawa",
        "Min Buri",
        "Khlong Toei",
        "Ratchathewi",
    }
    assert offices.get(area__name_en="Khlong Toei").name_th == "สำนักงานเขตคลองเตย"


def test_thai_and_iranian_organisations_exist_with_their_kinds(demo):
    kinds = {o.name_th or o.name_fa: o.kind for o in Organisation.objects.all()}
    kind = Organisation.Kind
    assert kinds["สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน)"] == kind.GOVERNMENT_AGENCY
    assert kinds["กรุงเทพมหานคร"] == kind.MUNICIPALITY
    assert kinds["การเคหะแห่งชาติ"] == kind.GOVERNMENT_AGENCY
    assert kinds["เครือข่ายชุมชนคลองเตย"] == kind.COMMUNITY_NETWORK
    assert kinds["สหกรณ์เคหสถานบ้านมั่นคงชุมชนล็อค 1-2-3 จำกัด"] == kind.COOPERATIVE
    assert kinds["شهرداری تهران"] == kind.MUNICIPALITY
    assert kinds["فرمانداری چابهار"] == kind.GOVERNMENT_AGENCY
    assert kinds["دفتر تسهیلگری محله مرادآباد"] == kind.FACILITATION_OFFICE
    assert kinds["سرای محلهٔ سنگلج"] == kind.NEIGHBOURHOOD_HOUSE
    assert kinds["شرکت بازآفرینی شهری ایران"] == kind.GOVERNMENT_AGENCY


def test_organisations_record_why_they_were_made(demo):
    record = Organisation.objects.get(short_name_en="CODI").history.earliest()
    assert record.history_change_reason == "demo data"


def test_thai_pages_show_thai_short_names(demo):
    from django.utils import translation

    codi = Organisation.objects.get(short_name_en="CODI")
    bma = Organisation.objects.get(short_name_en="BMA")
    with translation.override("th"):
        assert (codi.short_name, bma.short_name) == ("พอช.", "กทม.")
    with translation.override("en"):
        assert (codi.short_name, bma.short_name) == ("CODI", "BMA")
