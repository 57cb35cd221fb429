"""Boundary imports: upload → inspect → map → plan (preview) → write → report, and revert."""
