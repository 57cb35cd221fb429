"""Survey campaigns."""
