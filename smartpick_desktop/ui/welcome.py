"""First-run page: create a profile or explore with the demo profile."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from smartpick_desktop.ui.appearance import scaled_font
from smartpick_desktop.ui.widgets import heading, wrapped_label

#: The column's reading width, in pixels at 100%.
COLUMN_WIDTH = 680


class WelcomePage(QWidget):
    """Shown until a profile exists.

    Signals:
        create_requested: the student wants to create their profile.
        demo_requested: the student wants to explore with the demo profile.
    """

    create_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        # A centered column of reading width: its labels wrap to their full height at any
        # window size and zoom (fixed-width labels with an alignment were cut to one line).
        middle = QWidget()
        middle.setMaximumWidth(COLUMN_WIDTH)
        column = QVBoxLayout(middle)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(14)
        title = heading("Welcome to SmartPick", 2.2)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(title)
        intro = wrapped_label(
            "Plan your residency applications on your own laptop: which programs to apply to, "
            "where your signals go, how to stay in touch with mentors, and a printed plan for "
            "your advisor. Everything stays on this computer; SmartPick never goes online.")
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro.setFont(scaled_font(intro, 1.15))
        self.intro = intro
        column.addWidget(intro)
        steps = wrapped_label(
            "1. Tell SmartPick about your scores, experience and goals (about five minutes).\n"
            "2. See every program ranked with an explained chance of an interview.\n"
            "3. Let the optimizer pick your list and signals within your budget, then print "
            "the plan.")
        self.steps = steps
        column.addWidget(steps)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.create_button = QPushButton("Create my profile")
        self.create_button.setDefault(True)
        self.create_button.setMinimumHeight(40)
        self.create_button.clicked.connect(self.create_requested)
        self.demo_button = QPushButton("Explore with the demo profile")
        self.demo_button.setMinimumHeight(40)
        self.demo_button.clicked.connect(self.demo_requested)
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        note = wrapped_label("The demo profile is a made-up student; you can replace it with "
                             "your own at any time (Profile → Edit profile…).", muted=True)
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(note)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(middle, 20)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
