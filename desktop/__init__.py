"""WPT Desk core: domain, storage, services and command line. Imports no Qt widgets."""

__version__ = "0.1.0"
