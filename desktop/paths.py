"""Where things are: the bundled resources folder and the desk's data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "wpt-desk"
APP_AUTHOR = "WPT"


def resources_dir() -> Path:
    """The ``resources/`` folder: inside the ``desktop`` package when installed from a wheel (pyproject.toml
    maps the top-level folder to ``desktop/resources``), inside the PyInstaller bundle, else beside the
    packages (a source tree or an editable install)."""
    here = Path(__file__).resolve().parent
    installed = here / "resources"
    if installed.is_dir():
        return installed
    bundle = bundle_dir()
    if bundle is not None:
        return bundle / "resources"
    return here.parent / "resources"


def bundle_dir() -> Path | None:
    """The folder of the files a PyInstaller bundle carries (``_internal``); None when not frozen."""
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) if bundle else None


def resource(name: str) -> Path:
    return resources_dir() / name


def default_data_dir() -> Path:
    """``WPT_DATA_DIR`` if set, else the per-user data folder of the platform."""
    configured = os.environ.get("WPT_DATA_DIR")
    if configured:
        return Path(configured).expanduser()
    import platformdirs  # here: a desk configured by WPT_DATA_DIR or --data-dir starts without it (~6 ms)

    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=False))
