"""Use cases of the desk built on the store: import, export, demo data, maintenance."""
