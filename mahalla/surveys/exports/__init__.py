"""Survey exports."""
