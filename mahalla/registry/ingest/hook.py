"""The registry's side of `surveys.registry_hook`: every approved submission is offered to
`apply_submission`, which does nothing for a form without a mapping."""

from __future__ import annotations

from mahalla.surveys import registry_hook


def _apply(submission) -> None:
    from mahalla.registry.ingest.apply import apply_submission

    apply_submission(submission)


def register() -> None:
    registry_hook.set_default(_apply)
