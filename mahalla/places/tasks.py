"""Background jobs of the places app."""

from __future__ import annotations

from django_tasks import task


@task()
def run_boundary_import(import_id: int) -> dict:
    """Run a boundary import whose mapping has been chosen; safe to run again."""
    from mahalla.places.boundary_imports.service import boundary_import_run

    boundary_import = boundary_import_run(import_id=import_id)
    return {
        "status": boundary_import.status,
        "created": boundary_import.created_count,
        "updated": boundary_import.updated_count,
        "rejected": boundary_import.rejected_count,
    }
