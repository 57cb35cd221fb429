"""Pages of the people app: organisations, role grants, users and the account page."""
