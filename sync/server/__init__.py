"""The central server of a WPT network (``wpt-server``): FastAPI app, storage, command line."""
