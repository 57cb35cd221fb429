"""Survey openrosa."""
