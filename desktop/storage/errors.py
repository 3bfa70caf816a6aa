"""Storage errors whose message is one clear Italian sentence for the user."""

from __future__ import annotations


class StorageError(Exception):
    """A database problem the user must be told about (the message says what and what to do)."""


class SchemaTooNewError(StorageError):
    """The database was written by a newer WPT Desk: it is refused, never altered."""


class NotADeskDatabaseError(StorageError):
    """The file is not a WPT Desk database (corrupt, or another program's file)."""


class NotSignedInError(StorageError):
    """Something needs the logged-in operator and nobody is logged in."""


class AuthenticationError(StorageError):
    """A wrong or missing operator, password or recovery key: nothing was read or written."""
