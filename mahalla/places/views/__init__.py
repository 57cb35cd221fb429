"""Web pages of the area tree; one module per feature."""
