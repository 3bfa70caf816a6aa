"""Sync between desks and the central server: protocol, merge, client, server."""
