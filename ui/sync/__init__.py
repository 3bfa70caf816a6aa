"""Sync in the app: the background controller, the Sincronizzazione page and the status-bar widget."""
