"""Survey webforms."""
