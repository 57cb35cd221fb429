"""Demo data: places, organisations and one login per role, for trying mahalla out."""
