"""Survey forms."""
