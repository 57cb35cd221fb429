"""Message codes of the shared upload pipeline (rendered in the reader's language later)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from mahalla.core.jobs.messages import is_registered, register

if not is_registered("core.upload_too_large"):
    register(
        {
            "core.upload_too_large": _("The file is larger than %(limit)s MB."),
            "core.upload_too_many": _(
                "The file holds %(count)s rows; at most %(limit)s can be imported at once."
            ),
            "core.upload_storage_failed": _(
                "The file could not be stored: the server's storage is full or cannot be "
                "written. Nothing was saved; try again later or tell the administrator."
            ),
            "core.upload_file_gone": _("The uploaded file is no longer stored; upload it again."),
            "core.upload_expired": _(
                "The file was uploaded but the import was never started; it has been deleted "
                "after %(days)s days. Upload it again to import it."
            ),
        }
    )
