"""Survey submissions."""
