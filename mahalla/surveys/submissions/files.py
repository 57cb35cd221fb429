"""Content types an attachment may be served with: never one a browser would run."""

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
