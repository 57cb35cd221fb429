"""Registry pages, by feature."""
