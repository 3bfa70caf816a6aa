"""Storage errors whose message is one clear Italian sentence for the user."""

from __future__ import annotations


class StorageError(Exception):
    """A database problem the user must be told about (the message says what and what to do)."""


class SchemaTooNewError(StorageError):
    """The database was written by a newer WPT Desk: it is refused, never altered."""


class NotADeskDatabaseError(StorageError):
    """The file is not a WPT Desk database (corrupt, or another program's file)."""
