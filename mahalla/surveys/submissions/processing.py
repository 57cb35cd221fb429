"""What happens to a stored submission version after the raw XML is safely committed.

The intake (OpenRosa and web forms) calls `process_version` after its transaction commits;
the step is re-runnable on its own (bulk re-parse, re-assignment after boundary changes).
"""

from __future__ import annotations


def process_version(version_id: int) -> None:
    """Parse the version's XML to JSON and assign the submission's area."""
    # Filled by the parsing step; the intake may call it already.
