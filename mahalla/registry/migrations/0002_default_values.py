"""Value lists that no default form fills: evidence document types, and tenure types the
household survey does not offer (lease, customary). Editable afterwards like any value."""

from django.db import migrations

VALUES = {
    "evidence_type": [
        ("title_deed", "Title deed", "โฉนดที่ดิน", "سند مالکیت"),
        ("lease_contract", "Lease contract", "สัญญาเช่า", "اجاره‌نامه"),
        ("permit", "Permit", "ใบอนุญาต", "مجوز"),
        ("house_registration", "House registration", "ทะเบียนบ้าน", "گواهی سکونت"),
        ("tax_receipt", "Tax receipt", "ใบเสร็จภาษี", "رسید عوارض"),
        ("utility_bill", "Water or electricity bill", "ใบแจ้งค่าน้ำ/ค่าไฟ", "قبض آب یا برق"),
        ("other", "Other document", "เอกสารอื่น", "سند دیگر"),
    ],
    "tenure_type": [
        ("lease", "Lease", "สัญญาเช่า", "اجاره"),
        ("customary", "Customary right", "สิทธิตามประเพณี", "حق عرفی"),
    ],
}


def add(apps, schema_editor):
    Value = apps.get_model("registry", "Value")
    for list_name, rows in VALUES.items():
        for rank, (code, en, th, fa) in enumerate(rows, start=50 if list_name == "tenure_type" else 1):
            Value.objects.get_or_create(
                list=list_name,
                code=code,
                defaults={"name_en": en, "name_th": th, "name_fa": fa, "rank": rank},
            )


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
