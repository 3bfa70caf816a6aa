"""Draw the WPT Desk icon with Qt and write every file the platforms need (run it again after a change).

    .venv/bin/python packaging/make_icons.py

Writes ``resources/icons/wpt-desk.svg`` (the source drawing, via QSvgGenerator), ``wpt-desk-<N>.png``
for the window icon and the Linux ``.desktop`` entry, and ``wpt-desk.ico`` for the Windows executable
and installer. The drawing is geometric (no text), so it renders the same on every machine.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QLinearGradient, QPainter, QPainterPath, QPen
from PySide6.QtSvg import QSvgGenerator

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
CANVAS = 256.0  # the drawing is made on a 256×256 canvas and scaled


def paint(painter: QPainter) -> None:
    """A rounded teal tile with a white map pin holding a heart: a welfare point on the territory."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    gradient = QLinearGradient(QPointF(0, 0), QPointF(0, CANVAS))
    gradient.setColorAt(0.0, QColor("#1c8c8c"))
    gradient.setColorAt(1.0, QColor("#0f5a6e"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(gradient)
    painter.drawRoundedRect(QRectF(8, 8, 240, 240), 52, 52)

    # Map pin: a circle whose lower half narrows to a point.
    cx, cy, r = 128.0, 104.0, 68.0
    pin = QPainterPath()
    pin.moveTo(cx, 226)
    pin.cubicTo(cx - 30, 188, cx - r, 150, cx - r, cy)
    pin.arcTo(QRectF(cx - r, cy - r, 2 * r, 2 * r), 180, -180)
    pin.cubicTo(cx + r, 150, cx + 30, 188, cx, 226)
    pin.closeSubpath()
    painter.setBrush(QColor("#ffffff"))
    painter.drawPath(pin)

    # Heart inside the pin's head.
    heart = QPainterPath()
    top, bottom, w = 86.0, 142.0, 40.0
    heart.moveTo(cx, bottom)
    heart.cubicTo(cx - w * 1.35, top + 22, cx - w * 0.75, top - 22, cx, top + 6)
    heart.cubicTo(cx + w * 0.75, top - 22, cx + w * 1.35, top + 22, cx, bottom)
    heart.closeSubpath()
    painter.setBrush(QColor("#e4572e"))
    painter.setPen(QPen(QColor("#e4572e"), 2))
    painter.drawPath(heart)


def render_png(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.scale(size / CANVAS, size / CANVAS)
    paint(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def dib_bytes(image: QImage) -> bytes:
    """An uncompressed 32-bit icon image (BITMAPINFOHEADER, bottom-up BGRA rows, then the AND mask)."""
    size = image.width()
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)  # BGRA byte order on little-endian
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = [bytes(argb.constScanLine(y))[: size * 4] for y in range(size)]
    mask_row = b"\0" * (((size + 31) // 32) * 4)  # all opaque: transparency comes from the alpha channel
    return header + b"".join(reversed(rows)) + mask_row * size


def ico_bytes(images: dict[int, QImage]) -> bytes:
    """A Windows .ico: plain 32-bit bitmaps for the small sizes, PNG for 256 (the classic layout that
    every tool, PyInstaller and Inno Setup included, embeds as is)."""
    blobs = {size: png_bytes(image) if size >= 256 else dib_bytes(image) for size, image in images.items()}
    header = struct.pack("<HHH", 0, 1, len(blobs))
    offset = len(header) + 16 * len(blobs)
    entries, data = b"", b""
    for size, blob in blobs.items():
        dim = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        data += blob
    return header + entries + data


def write_svg(path: Path) -> None:
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(int(CANVAS), int(CANVAS)))
    generator.setViewBox(QRectF(0, 0, CANVAS, CANVAS))
    generator.setTitle("WPT Desk")
    generator.setDescription("Icona di WPT Desk")
    painter = QPainter(generator)
    paint(painter)
    painter.end()


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - QPainter on images needs the application's fonts/platform
    ICONS.mkdir(parents=True, exist_ok=True)
    images = {size: render_png(size) for size in PNG_SIZES}
    for size, image in images.items():
        (ICONS / f"wpt-desk-{size}.png").write_bytes(png_bytes(image))
    (ICONS / "wpt-desk.ico").write_bytes(ico_bytes({size: images[size] for size in ICO_SIZES}))
    write_svg(ICONS / "wpt-desk.svg")
    print(f"Icons written to {ICONS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
