"""The two default forms, kept as readable data and built into XLSForm workbooks.

Each module holds `FORM_ID`, `VERSION`, `TITLES` (en, th, fa), `REGISTRY_MAPPING`, `SURVEY`
(rows: type, name, labels in en/th/fa, and optional columns) and `CHOICES` (list name →
[(name, en, th, fa)]). `build.workbook(module)` turns one into .xlsx bytes, which go through
the same upload service as any form a person uploads.
"""
