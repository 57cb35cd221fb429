"""Serving a stored file someone sent (a photo, a scanned deed): as a download, with a content
type no browser would run, never sniffed, and sandboxed should it be opened anyway."""

from __future__ import annotations

import mimetypes

# Types that browsers only display (images, sound, video, PDF) or never open inline anyway.
SAFE_TYPES = {
    "image/jpeg",
    "image/png",
    "image/webp",
    "image/gif",
    "audio/mpeg",
    "audio/mp4",
    "audio/ogg",
    "audio/wav",
    "audio/x-wav",
    "audio/amr",
    "audio/3gpp",
    "video/mp4",
    "video/3gpp",
    "video/webm",
    "application/pdf",
    "text/csv",
    "application/zip",
}
FALLBACK = "application/octet-stream"


def safe_content_type(declared: str, name: str) -> str:
    """The declared (or guessed) type if it is harmless, else a plain download."""
    kind = (declared or "").split(";")[0].strip().lower()
    if not kind:
        kind = (mimetypes.guess_type(name)[0] or "").lower()
    return kind if kind in SAFE_TYPES else FALLBACK


def attachment_response(stored, name: str, declared: str):
    """A download response for a stored file (`FieldFile`) under its sender's name."""
    from django.http import FileResponse

    response = FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=name,
        content_type=safe_content_type(declared, name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
