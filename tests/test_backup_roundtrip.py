"""The backup procedure in docs/deploy.md restores what it dumped, Thai and Persian intact."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import uuid

import psycopg
import pytest
from django.db import connection

from mahalla.places.models import Area
from mahalla.testing import build_world


def _expected() -> tuple[int, set[str]]:
    return Area.objects.count(), set(Area.objects.values_list("name_th", flat=True)) - {""}


@pytest.mark.django_db(transaction=True)
def test_database_dump_restores_every_area_with_its_names(tmp_path):
    build_world()
    count, thai_names = _expected()
    assert count > 5 and "คลองเตย" in thai_names

    if connection.vendor == "sqlite":
        target = tmp_path / "backup.sqlite3"
        with sqlite3.connect(target) as backup:
            connection.ensure_connection()
            connection.connection.backup(backup)
        with sqlite3.connect(target) as restored:
            rows = restored.execute("select name_th from places_area").fetchall()
    elif connection.vendor == "postgresql":
        if not shutil.which("pg_dump") or not shutil.which("pg_restore"):
            pytest.fail("pg_dump/pg_restore are needed to test the documented backup")
        params = connection.get_connection_params()
        user, host = params.get("user", "postgres"), params.get("host", "127.0.0.1")
        base = f"postgresql://{user}@{host}:{params.get('port', 5432)}"
        dump = tmp_path / "mahalla.dump"
        subprocess.run(
            ["pg_dump", "--format=custom", f"--file={dump}", f"{base}/{params['dbname']}"],
            check=True,
        )
        restored_db = f"mahalla_restore_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{restored_db}"')
        try:
            subprocess.run(
                ["pg_restore", "--no-owner", f"--dbname={base}/{restored_db}", str(dump)],
                check=True,
            )
            with psycopg.connect(f"{base}/{restored_db}") as restored:
                rows = restored.execute("select name_th from places_area").fetchall()
        finally:
            with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{restored_db}"')
    else:  # pragma: no cover - only the two supported databases
        pytest.fail(f"no backup procedure documented for {connection.vendor}")

    assert len(rows) == count
    assert {name for (name,) in rows} - {""} == thai_names
