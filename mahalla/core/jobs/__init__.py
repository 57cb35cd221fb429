"""What every background job shares: messages stored as codes, leases, abandoned-job reaping."""
