"""Render resources/icons/smartpick.svg to the committed PNG sizes and .ico.

Run from the project root: ``QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icons.py``.
Uses Qt's SVG renderer (PySide6-Essentials ships QtSvg) and Pillow for the Windows .ico.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def render(svg: Path, size: int, out: Path) -> None:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"{out}: cannot write PNG")


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    svg = ICONS / "smartpick.svg"
    for size in SIZES:
        render(svg, size, ICONS / f"smartpick-{size}.png")
    from PIL import Image

    big = Image.open(ICONS / "smartpick-256.png")
    big.save(ICONS / "smartpick.ico", sizes=[(s, s) for s in (16, 32, 48, 64, 128, 256)])
    print(f"wrote {len(SIZES)} PNGs and smartpick.ico to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
