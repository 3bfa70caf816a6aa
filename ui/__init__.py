"""The Qt layer of WPT Desk: windows, models and widgets. The core (``desktop``) never imports this."""
