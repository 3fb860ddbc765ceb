"""Dropping a file on the window: accept files with known endings and hand one on."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class FileDrop(QObject):
    """Watches ``target`` for dropped files ending in one of ``suffixes``; calls ``dropped``."""

    def __init__(self, target: QWidget, suffixes: Iterable[str],
                 dropped: Callable[[Path], None]) -> None:
        super().__init__(target)
        self._suffixes = tuple(s.lower() for s in suffixes)
        self._dropped = dropped
        target.setAcceptDrops(True)
        target.installEventFilter(self)

    def file_of(self, event: Any) -> Path | None:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile():
                path = Path(url.toLocalFile())
                if path.suffix.lower() in self._suffixes:
                    return path
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if self.file_of(event) is not None:
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop:
            path = self.file_of(event)
            if path is not None:
                event.acceptProposedAction()
                self._dropped(path)
                return True
        return super().eventFilter(watched, event)
