"""Check that the system libraries Qt needs are present; say clearly which are missing.

Run by ``make`` before the app or the tests: ``python -m ui.system_check``. Exit 0 when Qt loads.
"""

from __future__ import annotations

import ctypes.util
import sys

# Shared library → Debian package providing it: what PySide6's QtGui and QtWidgets load (enough for
# the offscreen platform used by the tests) ...
OFFSCREEN_LIBRARIES = {
    "EGL": "libegl1",
    "GL": "libgl1",
    "xkbcommon": "libxkbcommon0",
    "fontconfig": "libfontconfig1",
    "freetype": "libfreetype6",
    "glib-2.0": "libglib2.0-0",
    "dbus-1": "libdbus-1-3",
    "X11": "libx11-6",
    "xcb": "libxcb1",
}
# ... and what the xcb platform plugin adds to show a real window on a Linux desktop.
DISPLAY_LIBRARIES = {
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-image": "libxcb-image0",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-randr": "libxcb-randr0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-shape": "libxcb-shape0",
    "xcb-xinerama": "libxcb-xinerama0",
    "xcb-xkb": "libxcb-xkb1",
}


def missing_packages(display: bool) -> list[str]:
    if not sys.platform.startswith("linux"):
        return []
    wanted = {**OFFSCREEN_LIBRARIES, **(DISPLAY_LIBRARIES if display else {})}
    return sorted({package for lib, package in wanted.items() if ctypes.util.find_library(lib) is None})


def main() -> int:
    """Args (command line): ``--display`` to include what a real window needs; ``--packages`` to
    print the missing Debian packages on one line instead of the message."""
    missing = missing_packages(display="--display" in sys.argv)
    if "--packages" in sys.argv:
        print(" ".join(missing))
        return 0
    if missing:
        print(
            "Mancano librerie di sistema richieste da Qt. Installarle con:\n"
            f"  sudo apt-get install -y {' '.join(missing)}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
