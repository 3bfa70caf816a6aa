"""Local storage of a desk: one SQLite file, opened in one place, migrated, with an outbox for sync."""
